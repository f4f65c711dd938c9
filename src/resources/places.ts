import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ParleyError } from '../pipeline/errors.js';
import { Gazetteer } from '../stages/places/gazetteer.js';
import { defaultDataDirectory } from './themes.js';

/**
 * Loading the gazetteer of the `places` stage (data/places/gazetteer.tsv.gz, built by `npm run
 * build:places`; see data/places/README.md). A missing file is E_MODEL_MISSING; one that is not gzip or
 * not the format the build writes is E_MODEL_CORRUPT. No network: the file ships with Parley.
 */

export const GAZETTEER_FILE = 'places/gazetteer.tsv.gz';
export const ABBREVIATIONS_FILE = 'places/abbreviations.tsv';

export function loadGazetteer(dataDirectory: string = defaultDataDirectory()): Gazetteer {
  const path = join(dataDirectory, GAZETTEER_FILE);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ParleyError(code === 'ENOENT' ? 'E_MODEL_MISSING' : 'E_MODEL_CORRUPT', `The gazetteer cannot be read: ${path} (${code ?? String(error)}).`, 'Reinstall Parley, or rebuild it with `npm run build:places`.');
  }
  let data: Buffer;
  try {
    data = gunzipSync(bytes);
  } catch {
    throw new ParleyError('E_MODEL_CORRUPT', `The gazetteer ${path} is not gzip data.`, 'Reinstall Parley, or rebuild it with `npm run build:places`.');
  }
  return new Gazetteer(data, `The gazetteer ${path}`, readAbbreviations(join(dataDirectory, ABBREVIATIONS_FILE)));
}

/** Division abbreviations ("La." → US.LA): tab-separated form and code, `#` comment lines. */
function readAbbreviations(path: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ParleyError('E_MODEL_MISSING', `The division abbreviations cannot be read: ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, 'Reinstall Parley, or restore data/places/abbreviations.tsv.');
  }
  const table = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [form, code] = line.split('\t');
    if (!form || !code) throw new ParleyError('E_MODEL_CORRUPT', `Line ${index + 1} of ${path} is not "form<TAB>code".`, 'Restore data/places/abbreviations.tsv.');
    table.set(form, code);
  });
  return table;
}
