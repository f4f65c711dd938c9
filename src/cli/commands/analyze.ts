import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { ANALYZE_FORMATS, type AnalyzeFormat, buildReport, renderReport } from '../analyze/report.js';
import type { analyzeBytes as AnalyzeBytes } from '../analyze/run.js';
import { helpList } from '../help-list.js';
import { enumerateInputs, STDIN_ARGUMENT, type InputItem } from '../io/inputs.js';
import { StreamWriter } from '../io/output.js';
import { readPageFile, readPageStdin, type ReadOutcome } from '../io/read.js';
import { fetchOptions, fetchSettings, type FetchFlags } from '../fetch-flags.js';
import { isPageCollection, isUrl, RemoteReader } from '../io/remote.js';
import { structureLimits, structureOptions, type StructureFlags } from '../structure-limits.js';
import { ProgressBar } from '../ui/progress.js';
import { formatByteSize, parseByteSize, parseHttpUrl } from '../values.js';
import type { CliCommand, CliContext } from './command.js';

interface AnalyzeFlags extends StructureFlags, FetchFlags {
  readonly format?: AnalyzeFormat;
  readonly url?: string;
  readonly actors?: string;
  readonly maxBytes: number;
  readonly models?: string;
  readonly quiet?: boolean;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const DESCRIPTION = [
  'Analyze news pages: extract each article, then run every analysis stage (sentences, entities, actors, quotes, themes, events, tone) and print the article with what each stage found.',
  'Inputs are HTML pages (.html, .htm, .xhtml, .html.gz: gzip is decompressed), .txt files taken as the article text as they are, directories (searched recursively for pages, in name order), - for standard input (HTML when it has markup, else text), and what is fetched as "parley extract" fetches it: http(s) URLs, lists of URLs (.urls), and feeds and sitemaps (.xml, .rss, .atom, or their URLs). The entities section lists each entity once, with its canonical name, type, role, CAMEO-style actor code, confidence and every mention (offsets into the article text).',
  'Pages are analyzed one after another and printed in input order as each is done. To analyze a whole collection and keep the results, "parley ingest" stores them in the archive.',
].join('\n\n');

const EXAMPLES = `
Formats:
${helpList(ANALYZE_FORMATS)}
  Default: json for one page, jsonl for several pages or a directory. json holds one page: for several,
  use jsonl or text.

Examples:
  $ parley analyze examples/voa-us-china-talks.html             the analysis as JSON
  $ parley analyze --format text story.html                     a readable report
  $ parley analyze notes.txt                                    a plain text taken as the article
  $ parley analyze examples/ > analyses.jsonl                   every page of a directory, one line each
  $ parley analyze https://example.com/news/story               fetch a page (robots.txt, limits and all) and analyze it
  $ curl -s https://example.com/a.html | parley analyze --url https://example.com/a.html -
  $ parley analyze --actors my-actors.tsv story.html            with your own actor list (see data/actors/README.md)

Exit status: 0 every page analyzed; 1 a page cannot be read, is not an article, or a stage failed on it
(the other pages are still printed; each problem is reported on stderr and, in jsonl, as an error line);
2 usage error.`;

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  register(program, context) {
    program
      .command('analyze')
      .summary('analyze pages: the article, its entities and actor codes, quotes, themes, events and tone')
      .description(DESCRIPTION)
      .argument('<page...>', 'HTML pages, .txt files, directories, or - for standard input')
      .addOption(new Option('-f, --format <format>', 'output format (see Formats below)').choices(Object.keys(ANALYZE_FORMATS)))
      .addOption(new Option('--url <url>', 'the page\'s address, for one input: resolves links and is a source of dates').argParser(parseHttpUrl))
      .addOption(new Option('--actors <file>', 'your own actor list, which takes precedence over Parley\'s dictionaries (default: $PARLEY_ACTORS)'))
      .addOption(new Option('--max-bytes <size>', 'largest page accepted, after gunzip (e.g. 512KB, 50MB)').argParser(parseByteSize).default(DEFAULT_MAX_BYTES, formatByteSize(DEFAULT_MAX_BYTES)))
      .addOption(structureOptions()[0]!)
      .addOption(structureOptions()[1]!)
      .addOption(new Option('-q, --quiet', 'no progress bar or failure lines on stderr (the exit status still tells)'))
      .addOption(fetchOptions()[0]!)
      .addOption(fetchOptions()[1]!)
      .addOption(fetchOptions()[2]!)
      .addOption(fetchOptions()[3]!)
      .addOption(new Option('--models <dir>', 'directory with the NER model files (default: the models/ directory of Parley)').hideHelp())
      .showHelpAfterError('(run "parley analyze --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (pages: string[], flags: AnalyzeFlags, command: Command) => {
        const format = await resolveFormat(pages, flags, command);
        context.setExitCode(await runAnalyze(pages, format, flags, context));
      });
  },
};

/** The format, checked against the inputs: json holds one page, so several pages are a usage error (exit 2). */
async function resolveFormat(pages: readonly string[], flags: AnalyzeFlags, command: Command): Promise<AnalyzeFormat> {
  const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'parley.usage' });
  if (pages.filter((page) => page === STDIN_ARGUMENT).length > 1) fail('- (standard input) can be given only once.');
  const single = pages.length === 1 && !(await isDirectory(pages[0]!)) && !isPageCollection(pages[0]!, true);
  if (flags.url !== undefined && (!single || isUrl(pages[0]!))) fail('--url is the address of one page read from a file or -, so it takes exactly one of those (a URL input is its own address). Run one command per page, or leave --url out.');
  const format = flags.format ?? (single ? 'json' : 'jsonl');
  if (!single && format === 'json') fail('--format json prints one page: for several pages or a directory use --format jsonl (one line per page) or text.');
  return format;
}

async function isDirectory(path: string): Promise<boolean> {
  if (path === STDIN_ARGUMENT) return false;
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false; // reported as a failed input when it is read
  }
}

async function runAnalyze(pages: readonly string[], format: AnalyzeFormat, flags: AnalyzeFlags, context: CliContext): Promise<number> {
  const { stdin, stdout, stderr } = context.streams;
  const output = new StreamWriter(stdout);
  const several = format !== 'json';
  const progress = stderr.isTTY && !flags.quiet && several ? new ProgressBar(stderr, 'analyzing') : null;
  const say = (line: string): void => {
    if (flags.quiet) return;
    if (progress) progress.log(line);
    else stderr.write(`${line}\n`);
  };
  // Loaded here, not at the top: the extractor's language model is large, and every other command of the
  // program (an ingest's writer thread among them) would load it for nothing.
  const { analyzeBytes }: { analyzeBytes: typeof AnalyzeBytes } = await import('../analyze/run.js');
  let failed = 0;
  let count = 0;
  const remote = new RemoteReader({ fetch: fetchSettings(flags), maxPageBytes: flags.maxBytes, textIsArticle: true });
  try {
    for await (const item of enumerateInputs(pages, { nestDirectories: false, remote, single: !several })) {
      count++;
      const outcome = await analyzeItem(item, analyzeBytes, flags, stdin);
      let text: string;
      if (outcome.ok) {
        const report = buildReport(outcome.document, item.source);
        const stageFailures = outcome.document.messages.filter((m) => m.severity === 'error');
        for (const failure of stageFailures) say(`parley analyze: ${item.source}: stage ${failure.stage} failed: ${failure.message}`);
        if (stageFailures.length > 0) failed++;
        text = format === 'text' && several && count > 1 ? `\n${renderReport(report, format)}` : renderReport(report, format);
      } else {
        failed++;
        say(`parley analyze: ${item.source}: ${outcome.message} [${outcome.code}]`);
        text = format === 'jsonl' ? `${JSON.stringify({ source: item.source, error: { code: outcome.code, message: outcome.message } })}\n` : '';
      }
      progress?.tick(!outcome.ok);
      if (text !== '' && !(await output.write(text))) {
        progress?.finish();
        stderr.write(`parley analyze: cannot write the output: ${output.error?.message ?? 'the stream closed'}.\n`);
        return 1;
      }
    }
  } finally {
    remote.close();
  }
  progress?.finish();
  if (count === 0) {
    say(`parley analyze: no pages found in ${pages.join(', ')} (pages are .html, .htm, .xhtml and .html.gz files).`);
    return 1;
  }
  return failed > 0 ? 1 : 0;
}

type ItemOutcome = ReturnType<typeof AnalyzeBytes> | { readonly ok: false; readonly code: string; readonly message: string };

async function analyzeItem(item: InputItem, analyzeBytes: typeof AnalyzeBytes, flags: AnalyzeFlags, stdin: NodeJS.ReadableStream): Promise<ItemOutcome> {
  if (item.kind === 'error') return { ok: false, code: item.code, message: item.message };
  const read: ReadOutcome = item.kind === 'fetched' ? { ok: true, bytes: item.bytes } : item.kind === 'stdin' ? await readPageStdin(stdin, flags.maxBytes) : await readPageFile(item.path, flags.maxBytes);
  if (!read.ok) return { ok: false, code: read.code, message: read.message };
  return analyzeBytes(read.bytes, {
    source: item.kind === 'stdin' ? 'standard input' : item.source,
    plainText: item.kind === 'stdin' ? 'sniff' : item.kind === 'fetched' ? false : /\.txt$/i.test(item.source),
    url: item.kind === 'fetched' ? item.url : (flags.url ?? null),
    headers: item.kind === 'fetched' ? item.headers : null,
    modelsDirectory: flags.models,
    actorsFile: flags.actors,
    limits: { maxBytes: flags.maxBytes, ...structureLimits(flags) },
  });
}
