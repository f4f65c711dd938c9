import { createInterface } from 'node:readline';
import { Option } from 'commander';
import { lazyResources } from '../../app/stage-resources.js';
import { isParleyError } from '../../pipeline/errors.js';
import { ResourceLoader } from '../../resources/index.js';
import type { PlacesResult } from '../places/analyze.js';
import { formatByteSize, parseByteSize } from '../values.js';
import type { CliCommand, CliContext } from './command.js';

interface PlacesFlags {
  readonly jsonl?: boolean;
  readonly format?: 'table' | 'json';
  readonly maxBytes: number;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const DESCRIPTION = [
  'Find the places a text names — place names, demonyms ("Turkish", "Sino-"), "-based" forms — and resolve each to a gazetteer entry (GeoNames-derived, shipped with Parley: no network): its name, type (country, admin1, admin2, city), ISO alpha-3 country, first-order division, latitude, longitude, GeoNames id and a confidence. Also the article\'s focus: the countries and cities it is mainly about.',
  'Inputs: text files (read as UTF-8 exactly as they are; offsets are JavaScript string offsets into them), HTML pages (.html, .htm: extracted first, offsets into the article text) or - for standard input. With --jsonl, reads JSON lines {"id", "text"} on standard input and writes one line per input: {"id", "places": [{"start", "end", "text", "name", "type", "country", "admin1", "lat", "lon", "geonameId", "confidence", ...}], "focus": {"countries", "cities"}}; a line that cannot be read gets {"id"?, "error": {"code", "message"}}.',
  'The place finder reads English: a text whose language is known and not English gets no places and a warning saying why.',
].join('\n\n');

const EXAMPLES = `
Examples:
  $ parley places story.txt                          a table of the places and the article's focus
  $ parley places --format json story.html           the same as JSON
  $ echo '{"id":"1","text":"Clashes in Aleppo, Syria."}' | parley places --jsonl
  $ parley places --jsonl < texts.jsonl > places.jsonl

Exit status: 0 every input analyzed; 1 some input failed (its error is printed, or on its output line)
or the gazetteer cannot be loaded; 2 usage error.`;

export const placesCommand: CliCommand = {
  name: 'places',
  register(program, context) {
    program
      .command('places')
      .summary('find and resolve the places texts and pages name (offline gazetteer)')
      .description(DESCRIPTION)
      .argument('[input...]', 'text files, HTML pages, or - for standard input')
      .addOption(new Option('--jsonl', 'read JSON lines {"id", "text"} on standard input, write one result line per input line'))
      .addOption(new Option('-f, --format <format>', 'output format for files: table or json').choices(['table', 'json']).default('table'))
      .addOption(new Option('--max-bytes <size>', 'largest input accepted (e.g. 512KB, 50MB)').argParser(parseByteSize).default(DEFAULT_MAX_BYTES, formatByteSize(DEFAULT_MAX_BYTES)))
      .showHelpAfterError('(run "parley places --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (inputs: string[], flags: PlacesFlags, command) => {
        if (flags.jsonl && inputs.length > 0) command.error('error: --jsonl reads standard input; give no input files with it.', { exitCode: 2, code: 'parley.usage' });
        if (!flags.jsonl && inputs.length === 0) command.error('error: give text files or pages (or - for standard input), or --jsonl.', { exitCode: 2, code: 'parley.usage' });
        context.setExitCode(await run(inputs, flags, context));
      });
  },
};

async function run(inputs: readonly string[], flags: PlacesFlags, context: CliContext): Promise<number> {
  const { streams } = context;
  // Loaded when the command runs, so that other commands do not carry the extractor and the stages.
  const { placesOfInput, placesOfLine, placesPipeline } = await import('../places/analyze.js');
  const pipeline = placesPipeline();
  const resources = lazyResources({}, new ResourceLoader());
  try {
    void resources.gazetteer;
    void resources.ner;
  } catch (error) {
    if (!isParleyError(error)) throw error;
    streams.stderr.write(`parley places: ${error.message}\n`);
    return 1;
  }
  let failures = 0;
  if (flags.jsonl) {
    for await (const line of createInterface({ input: streams.stdin, crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      const result = placesOfLine(line, pipeline, resources);
      if ('error' in result) failures++;
      streams.stdout.write(`${JSON.stringify(result)}\n`);
    }
    return failures > 0 ? 1 : 0;
  }
  const results: { source: string; result?: PlacesResult; error?: { code: string; message: string } }[] = [];
  for (const source of inputs) {
    const result = await placesOfInput(source, pipeline, resources, streams.stdin, flags.maxBytes);
    if ('code' in result) {
      failures++;
      results.push({ source, error: result });
      streams.stderr.write(`parley places: ${source}: ${result.message} [${result.code}]\n`);
    } else results.push({ source, result });
  }
  if (flags.format === 'json') streams.stdout.write(`${JSON.stringify(inputs.length === 1 && results[0]?.result ? results[0].result : results, null, 2)}\n`);
  else for (const { source, result } of results) if (result) streams.stdout.write(table(source, result, inputs.length > 1));
  return failures > 0 ? 1 : 0;
}

function table(source: string, result: PlacesResult, withSource: boolean): string {
  const lines: string[] = withSource ? [`${source}`] : [];
  for (const warning of result.warnings ?? []) lines.push(`  (${warning.code}) ${warning.message}`);
  const focus = [...result.focus.countries.map((c) => `${c.name} (${c.country})`), ...result.focus.cities.map((c) => c.name)];
  lines.push(`Focus: ${focus.length > 0 ? focus.join(', ') : 'none'}`);
  lines.push(`Places (${result.places.length})`);
  for (const p of result.places) {
    const where = [p.type, p.admin1 && p.type !== 'admin1' ? p.admin1 : null, p.country].filter(Boolean).join(', ');
    const id = p.geonameId ? ` geonames:${p.geonameId}` : '';
    lines.push(`  ${`${p.start}-${p.end}`.padEnd(11)} ${JSON.stringify(p.text).padEnd(24)} → ${p.name} (${where}) ${p.lat.toFixed(3)},${p.lon.toFixed(3)}${id} ${p.confidence.toFixed(2)}`);
  }
  return `${lines.join('\n')}\n\n`;
}
