import { InvalidArgumentError, Option, type Command } from 'commander';
import { isParleyError } from '../../pipeline/errors.js';
import { ResourceLoader } from '../../resources/index.js';
import { checkTimelineUnit } from '../../store/analysis-filters.js';
import type { TimelineUnit } from '../../store/analysis.js';
import { databaseOption } from '../database.js';
import { codeJsonLines, codeLine } from '../events/jsonl.js';
import { eventsPipeline, eventsResources } from '../events/pipeline.js';
import { eventFilterOptions, filterOptions, parseLimit, toEventFilter, type EventFilterFlags } from '../query/options.js';
import { listStoredEvents } from '../stored/events-db.js';
import { LISTING_FORMATS, type ListingFormat } from '../stored/listing.js';
import type { CliCommand, CliContext } from './command.js';

interface EventsFlags extends EventFilterFlags {
  readonly jsonl?: boolean;
  readonly models?: string;
  readonly db?: string;
  readonly by?: TimelineUnit;
  readonly grouped?: boolean;
  readonly format?: ListingFormat;
  readonly limit?: number;
}

const DEFAULT_TABLE_LIMIT = 50;

function parseUnit(value: string): TimelineUnit {
  try {
    return checkTimelineUnit(value);
  } catch {
    throw new InvalidArgumentError('Expected day, week or month.');
  }
}

const DESCRIPTION = [
  'Code political events (who did what to whom) in CAMEO and PLOVER, sentence by sentence, with the actors Parley finds.',
  'Without --jsonl, lists the events stored in the archive by "parley ingest" (--db, else $PARLEY_DB, else ./parley.db), filtered by actor codes (--source USA matches USAGOV), theme, CAMEO code, dates and site; with --by day|week|month, a timeline: events per period, their mean Goldstein value and their counts per quad class; with --grouped, event records: the reports of one event (same source and target, same CAMEO root, dates within a day) across articles as one row, with its mentions and counts.',
  'With --jsonl, reads JSON lines {"id", "text", "date"?} on standard input and writes one line per input line, in order: {"id", "events": [{"source", "target", "code", "root", "quadClass", "goldstein", "plover", "evidence": {"start", "end"}, "confidence"}]}. Evidence offsets are JavaScript string offsets into the given text. A line that cannot be read gets {"id"?, "error": {"code", "message"}} and the rest goes on.',
].join('\n\n');

const EXAMPLES = `
Formats (stored events): table (default; at most 50 rows unless --limit), json (an array), csv.

Examples:
  $ parley events --source USA --target CHN                     stored US→China events, newest first
  $ parley events --theme CYBER_SECURITY --since 2013 --by month --format csv
  $ parley events --code 112 --format json | jq '.[].source'    every stored accusation
  $ parley events --grouped --source USA --since 2024-05         one row per event, with NumMentions/NumSources/NumArticles
  $ echo '{"id":"1","text":"Russia accused Ukraine of shelling."}' | parley events --jsonl
  $ parley events --jsonl < sentences.jsonl > events.jsonl

Exit status: 0 every line coded; 1 some line failed (its error is on its output line) or the models cannot be loaded; 2 usage error.`;

/**
 * `parley events`: the events stored in the archive (filters, timelines), or, with --jsonl, coding
 * texts given on standard input. Each mode is its own function.
 */
export const eventsCommand: CliCommand = {
  name: 'events',
  register(program, context) {
    const command = program
      .command('events')
      .summary('list stored events (who did what to whom), as a timeline, or code texts given as JSON lines')
      .description(DESCRIPTION)
      .addOption(new Option('--jsonl', 'read JSON lines {"id", "text", "date"?} on standard input, write one result line per input line'))
      .addOption(databaseOption());
    for (const option of [...eventFilterOptions(), ...filterOptions().filter((o) => o.long !== '--lang')]) command.addOption(option);
    command
      .addOption(new Option('--by <period>', 'a timeline: events per day, week or month').argParser(parseUnit))
      .addOption(new Option('--grouped', 'event records: one row per event however many articles report it, with its mentions, sources and articles counted (GDELT NumMentions, NumSources, NumArticles) and the earliest report').conflicts('by'))
      .addOption(new Option('-f, --format <format>', 'output format for stored events (default: table)').choices(Object.keys(LISTING_FORMATS)))
      .addOption(new Option('-n, --limit <n>', `at most N events (default: ${DEFAULT_TABLE_LIMIT} for a table, all for json and csv)`).argParser(parseLimit))
      .addOption(new Option('--models <dir>', 'directory with the model files (default: the models/ directory of Parley)').hideHelp())
      .showHelpAfterError('(run "parley events --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (flags: EventsFlags, command: Command) => {
        if (!flags.jsonl) {
          const format = flags.format ?? 'table';
          const limit = flags.limit ?? (format === 'table' ? DEFAULT_TABLE_LIMIT : undefined);
          context.setExitCode(await listStoredEvents({ db: flags.db, filter: toEventFilter(flags), by: flags.by, grouped: flags.grouped === true, format, limit }, context));
          return;
        }
        const storedOnly = (['db', 'by', 'grouped', 'format', 'limit', 'source', 'target', 'theme', 'code', 'since', 'until', 'site'] as const).filter((key) => flags[key] !== undefined);
        if (storedOnly.length) command.error(`error: --${storedOnly[0]} lists stored events; it does not go with --jsonl.`, { exitCode: 2, code: 'parley.usage' });
        context.setExitCode(await runJsonl(flags, context));
      });
  },
};

async function runJsonl(flags: EventsFlags, context: CliContext): Promise<number> {
  const { streams } = context;
  let code: (line: string) => ReturnType<typeof codeLine>;
  try {
    const pipeline = eventsPipeline();
    const resources = eventsResources(pipeline, new ResourceLoader(flags.models));
    code = (line) => codeLine(line, pipeline, resources);
  } catch (error) {
    if (!isParleyError(error)) throw error;
    streams.stderr.write(`parley events: ${error.message}\n`);
    return 1;
  }
  const failures = await codeJsonLines(streams.stdin, (line) => streams.stdout.write(line), code);
  return failures > 0 ? 1 : 0;
}
