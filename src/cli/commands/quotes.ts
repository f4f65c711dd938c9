import { Option, type Command } from 'commander';
import { databaseOption } from '../database.js';
import { filterOptions, parseLimit, type FilterFlags } from '../query/options.js';
import { listStoredQuotes } from '../stored/quotes-db.js';
import type { ListingFormat } from '../stored/listing.js';
import { isParleyError } from '../../pipeline/errors.js';
import type { Resources } from '../../pipeline/stage.js';
import { ResourceLoader } from '../../resources/index.js';
import { STDIN_ARGUMENT } from '../io/inputs.js';
import { StreamWriter } from '../io/output.js';
import type { analyzeInput as AnalyzeInput } from '../quotes/analyze.js';
import { quotesPipeline, quotesResources } from '../quotes/pipeline.js';
import { QUOTE_FORMATS, renderJson, renderJsonLine, renderTable, type QuoteFormat } from '../quotes/render.js';
import { formatByteSize, parseByteSize } from '../values.js';
import type { CliCommand, CliContext } from './command.js';
import { helpList } from '../help-list.js';

interface QuotesFlags extends FilterFlags {
  readonly format?: QuoteFormat | 'csv';
  readonly db?: string;
  readonly speaker?: string;
  readonly limit?: number;
  readonly maxBytes: number;
  readonly models?: string;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const DESCRIPTION = [
  'Find who said what: direct quotes in any quote-mark style, partial quotes and reported speech, each with its cue verb, its speaker (resolved to a named actor where the article allows) and a confidence.',
  'Without inputs, lists the quotes stored in the archive by "parley ingest" (--db, else $PARLEY_DB, else ./parley.db), filtered by --speaker (a name or actor code, any part, any case), dates and site; formats table (at most 50 rows unless --limit), json and csv.',
  'A .txt file (or any name but .html/.htm) is read as UTF-8 text exactly as it is: offsets are JavaScript string offsets into it (text.slice(start, end) is the quote). An .html/.htm page is extracted first; offsets are then into the extracted article text.',
].join('\n\n');

const FORMAT_HELP = helpList(QUOTE_FORMATS);

const EXAMPLES = `
Formats:
${FORMAT_HELP}

Examples:
  $ parley quotes story.txt                       a table of the quotes and their speakers
  $ parley quotes --format json story.txt         the quotes as a JSON array
  $ parley quotes --format jsonl a.txt b.html     one JSON line per input
  $ parley quotes --speaker kerry                 stored quotes of speakers named Kerry
  $ parley quotes --db news.db --speaker CHNGOV --since 2013-07 --format csv

Exit status: 0 every input analyzed; 1 some input failed (unreadable, empty page, binary) or the model
cannot be loaded (in jsonl, a failed input is a {"source", "error": {"code", "message"}} line); 2 usage error.`;

export const quotesCommand: CliCommand = {
  name: 'quotes',
  register(program, context) {
    const command = program
      .command('quotes')
      .summary('find quotes and their speakers in texts or pages')
      .description(DESCRIPTION)
      .argument('[input...]', 'text files, HTML pages (.html, .htm), or - for standard input; none: the stored quotes')
      .addOption(new Option('-f, --format <format>', 'output format (see Formats below; default: table)').choices([...Object.keys(QUOTE_FORMATS), 'csv']))
      .addOption(databaseOption())
      .addOption(new Option('--speaker <name>', 'stored quotes whose speaker name or actor code contains NAME'));
    for (const option of filterOptions().filter((o) => o.long !== '--lang')) command.addOption(option);
    command
      .addOption(new Option('-n, --limit <n>', 'at most N stored quotes (default: 50 for a table, all for json and csv)').argParser(parseLimit))
      .addOption(new Option('--max-bytes <size>', 'largest input accepted (e.g. 512KB, 50MB)').argParser(parseByteSize).default(DEFAULT_MAX_BYTES, formatByteSize(DEFAULT_MAX_BYTES)))
      .addOption(new Option('--models <dir>', 'directory with the NER model files (default: the models/ directory of Parley)').hideHelp())
      .showHelpAfterError('(run "parley quotes --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (inputs: string[], flags: QuotesFlags, command: Command) => {
        const usage = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'parley.usage' });
        if (inputs.length === 0) {
          const format = flags.format ?? 'table';
          if (format === 'jsonl') usage('stored quotes come as table, json or csv.');
          const filter = { speaker: flags.speaker, since: flags.since, until: flags.until, site: flags.site };
          const limit = flags.limit ?? (format === 'table' ? 50 : undefined);
          context.setExitCode(await listStoredQuotes({ db: flags.db, filter, format: format as ListingFormat, limit }, context));
          return;
        }
        const storedOnly = (['db', 'speaker', 'since', 'until', 'site', 'limit'] as const).find((key) => flags[key] !== undefined);
        if (storedOnly) usage(`--${storedOnly} lists stored quotes; give no input files with it.`);
        if (flags.format === 'csv') usage('csv is for stored quotes; for files use table, json or jsonl.');
        const format: QuoteFormat = flags.format === 'csv' ? 'table' : (flags.format ?? 'table');
        if (format === 'json' && inputs.length !== 1) usage('--format json prints the quotes of one input; for several inputs use --format jsonl (one line per input).');
        if (inputs.filter((input) => input === STDIN_ARGUMENT).length > 1) usage('- (standard input) can be given only once.');
        context.setExitCode(await runQuotes(inputs, format, flags, context));
      });
  },
};

async function runQuotes(inputs: readonly string[], format: QuoteFormat, flags: QuotesFlags, context: CliContext): Promise<number> {
  const { stderr } = context.streams;
  const pipeline = quotesPipeline();
  let resources: Resources;
  try {
    resources = quotesResources(pipeline, new ResourceLoader(flags.models));
  } catch (error) {
    if (isParleyError(error)) {
      stderr.write(`parley quotes: ${error.message} [${error.code}]\n`);
      return 1;
    }
    throw error;
  }
  // Loaded here, not at the top: the extractor's language model is large (see commands/analyze.ts).
  const { analyzeInput }: { analyzeInput: typeof AnalyzeInput } = await import('../quotes/analyze.js');
  const output = new StreamWriter(context.streams.stdout);
  let failed = 0;
  for (const source of inputs) {
    const result = await analyzeInput(source, { pipeline, resources, stdin: context.streams.stdin, maxBytes: flags.maxBytes });
    if (!result.ok) {
      failed++;
      if (format !== 'jsonl') stderr.write(`parley quotes: ${source}: ${result.error.message} [${result.error.code}]\n`);
    }
    const text = format === 'jsonl' ? renderJsonLine(result) : format === 'json' ? (result.ok ? renderJson(result) : '') : result.ok ? renderTable(result) : '';
    if (text && !(await output.write(text))) {
      stderr.write(`parley quotes: cannot write the output: ${output.error?.message ?? 'the stream closed'}.\n`);
      return 1;
    }
  }
  return failed > 0 ? 1 : 0;
}
