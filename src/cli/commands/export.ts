import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Option } from 'commander';
import { databaseOption, openArchiveForReading } from '../database.js';
import { StreamWriter } from '../io/output.js';
import { describeFsError } from '../io/read.js';
import { csvHeader, csvRow } from '../query/csv.js';
import { countryOption, eventFilterOptions, filterOptions, reportStoreError, toEventFilter, toFilter, type FilterFlags } from '../query/options.js';
import { GDELT_FILLED, gdeltEventRow, gdeltGroupRow } from '../query/gdelt.js';
import { storedArticleToJSON } from '../query/stored-json.js';
import { eventFeature, focusFeatures, GEOJSON_END, GEOJSON_START } from '../query/geojson.js';
import type { Store } from '../../store/store.js';
import type { CliCommand, CliContext } from './command.js';
import { helpList } from '../help-list.js';

const FORMATS = {
  jsonl: 'one JSON object per line: id, every extracted field with its provenance, site, firstSeen, duplicate',
  csv: 'a header row, then one row per article (id, URLs, title, published, site, language, authors, ..., text)',
  'gdelt-events': 'the coded events as GDELT 2.0 Event records: 61 tab-separated columns, no header (see below)',
  geojson: 'one GeoJSON FeatureCollection of points: the located events (kind "event") and each article\'s focus countries and cities (kind "article")',
} as const;
type ExportFormat = keyof typeof FORMATS;

interface ExportFlags extends FilterFlags {
  readonly format: ExportFormat;
  readonly country?: string;
  readonly source?: string;
  readonly target?: string;
  readonly theme?: string;
  readonly code?: string;
  readonly output?: string;
  readonly db?: string;
  readonly grouped?: boolean;
}

const HELP = `
Formats:
${helpList(FORMATS)}

gdelt-events writes one line per event (one event in one article), in date order, with the columns of
the GDELT Event Codebook V2.0 in order; with --grouped, one line per event record (the reports of one
event across articles: same source and target, same CAMEO root, dates within a day), as GDELT's own
Event table has it: its id, earliest date, counts of mentions, sources and articles, mean tone, and the
first report's date and URL. Parley fills:
${GDELT_FILLED.map((text) => `  - ${text}`).join('\n')}
The other columns are empty. Country codes are the first three letters of the CAMEO actor code (ISO
alpha-3), not FIPS. --source, --target, --theme and --code select events (actor codes by prefix:
--source USA matches USAGOV); --since and --until apply to the event's date.

geojson writes the events that have a location (the event-places stage: the place in the event's
sentence, else the one before it, else the article's focus; "method" says which) with the event
filters, then the focus places of the articles with the article filters (--country: articles whose
focus includes the country). Coordinates are [longitude, latitude].

Articles are written in id order (the order they were stored), one at a time: memory use does not grow
with the archive. With --output, the file appears only when the export is complete.

Examples:
  $ parley export > archive.jsonl
  $ parley export --since 2024-05-01 --until 2024-05-31 --lang en --format csv --output may.csv
  $ parley export --site example.com | jq -r .title
  $ parley export --format gdelt-events --source USA --target CHN --theme CYBER_SECURITY -o usa-chn.tsv
  $ parley export --format geojson --since 2024 --country SYR -o syria.geojson
  $ parley export --format gdelt-events --grouped --since 2024-05 -o may-records.tsv

Exit status: 0 exported (also when no article matches); 1 the database is missing or damaged, or the
output cannot be written; 2 usage error.`;

export const exportCommand: CliCommand = {
  name: 'export',
  register(program, context) {
    const command = program.command('export').summary('write stored articles as JSON lines or CSV, events as GDELT records, places as GeoJSON').description('Write the articles of the archive, all of them or those matching the filters, as JSON lines or CSV; their events as GDELT 2.0 Event records; their events and focus places as GeoJSON.');
    for (const option of filterOptions()) command.addOption(option);
    command.addOption(countryOption());
    for (const option of eventFilterOptions()) command.addOption(option);
    command
      .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('jsonl'))
      .addOption(new Option('-o, --output <file>', 'write to FILE instead of standard output'))
      .addOption(new Option('--grouped', 'with gdelt-events: one row per event record (an event however many articles report it), with its NumMentions, NumSources, NumArticles'))
      .addOption(databaseOption())
      .showHelpAfterError('(run "parley export --help" for the formats and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: ExportFlags) => context.setExitCode(await runExport(flags, context)));
  },
};

async function runExport(flags: ExportFlags, context: CliContext): Promise<number> {
  const { stderr } = context.streams;
  if (flags.format !== 'gdelt-events' && flags.format !== 'geojson' && (flags.source ?? flags.target ?? flags.theme ?? flags.code) !== undefined) {
    stderr.write('parley export: error: --source, --target, --theme and --code select events: use them with --format gdelt-events or geojson.\n');
    return 2;
  }
  if (flags.format === 'gdelt-events' && flags.country !== undefined) {
    stderr.write('parley export: error: --country selects articles by their focus: use it with --format jsonl, csv or geojson.\n');
    return 2;
  }
  if (flags.grouped && flags.format !== 'gdelt-events') {
    stderr.write('parley export: error: --grouped writes event records: use it with --format gdelt-events.\n');
    return 2;
  }
  if (flags.format === 'gdelt-events' && flags.lang !== undefined) {
    stderr.write('parley export: error: --lang selects articles, not events: leave it out with --format gdelt-events.\n');
    return 2;
  }
  const opened = await openArchiveForReading(flags.db);
  if (!opened.ok) {
    stderr.write(`parley export: ${opened.message}\n`);
    return 1;
  }
  // A file is written under a temporary name and renamed when complete, so a failed export never
  // leaves a truncated file that looks whole.
  const partial = flags.output === undefined ? null : `${flags.output}.partial-${process.pid}`;
  const file = partial === null ? null : createWriteStream(partial);
  const output = new StreamWriter(file ?? context.streams.stdout);
  let count = 0;
  let status = 0;
  try {
    if (flags.format === 'gdelt-events' && flags.grouped) {
      for await (const group of opened.store.streamEventGroups(toEventFilter(flags))) {
        if (!(await output.write(gdeltGroupRow(group)))) break;
        count++;
      }
    } else if (flags.format === 'gdelt-events') {
      for await (const event of opened.store.streamEvents(toEventFilter(flags))) {
        if (!(await output.write(gdeltEventRow(event)))) break;
        count++;
      }
    }
    if (flags.format === 'geojson') count = await writeGeoJson(opened.store, flags, output);
    if (flags.format === 'csv') await output.write(csvHeader());
    if (flags.format === 'jsonl' || flags.format === 'csv') for await (const stored of opened.store.exportArticles(toFilter(flags))) {
      const ok = await output.write(flags.format === 'csv' ? csvRow(stored) : `${JSON.stringify(storedArticleToJSON(stored))}\n`);
      if (!ok) break;
      count++;
    }
  } catch (error) {
    status = reportStoreError(error, 'export', stderr);
  } finally {
    await opened.store.close();
  }
  if (file !== null && partial !== null) {
    file.end();
    await finished(file).catch(() => undefined);
    if (status === 0 && !output.error) {
      try {
        await rename(partial, flags.output!);
      } catch (error) {
        stderr.write(`parley export: cannot write ${flags.output}: ${describeFsError(error)}.\n`);
        status = 1;
      }
    }
    if (status !== 0 || output.error) await rm(partial, { force: true });
  }
  if (output.error && status === 0) {
    stderr.write(`parley export: cannot write the output${flags.output ? ` ${flags.output}` : ''}: ${describeFsError(output.error)}.\n`);
    status = 1;
  }
  const unit = flags.format === 'gdelt-events' ? 'event' : flags.format === 'geojson' ? 'feature' : 'article';
  if (status === 0 && flags.output !== undefined) stderr.write(`parley export: ${count} ${unit}${count === 1 ? '' : 's'} written to ${flags.output}.\n`);
  return status;
}

/** The geojson format: the located events, then the articles' focus places, as one FeatureCollection. */
async function writeGeoJson(store: Store, flags: ExportFlags, output: StreamWriter): Promise<number> {
  let count = 0;
  const write = async (text: string): Promise<boolean> => output.write(`${count++ > 0 ? ',\n' : ''}${text}`);
  if (!(await output.write(GEOJSON_START))) return 0;
  if (flags.country === undefined) {
    for await (const event of store.streamEvents(toEventFilter(flags))) {
      const feature = eventFeature(event);
      if (feature && !(await write(feature))) return count;
    }
  }
  for await (const stored of store.exportArticles(toFilter(flags))) {
    const focus = (await store.getAnalysis(stored.id))?.focus ?? [];
    for (const feature of focusFeatures(stored, focus)) if (!(await write(feature))) return count;
  }
  await output.write(GEOJSON_END);
  return count;
}
