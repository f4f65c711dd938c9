import { saveFile, toCsv, type CsvTable } from '../csv.js';

/**
 * The download links under every chart and table: the JSON the API returned for it (a link to the same
 * API request, so a script can repeat it) and the same rows as CSV.
 */
export function Downloads({ json, csv, name }: { json: string; csv: () => CsvTable; name: string }) {
  return (
    <p class="downloads">
      Data:{' '}
      <a href={json} download={`${name}.json`}>
        JSON
      </a>{' '}
      <button type="button" class="link" onClick={() => saveFile(`${name}.csv`, toCsv(csv()))}>
        CSV
      </button>{' '}
      <a href={json} class="api-link" title="The API request behind this chart or table">
        API
      </a>
    </p>
  );
}
