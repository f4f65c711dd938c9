import { stat } from 'node:fs/promises';
import { Option } from 'commander';
import { ANALYZE_FORMATS, type AnalyzeFormat, buildReport, renderReport } from '../analyze/report.js';
import type { analyzeBytes as AnalyzeBytes } from '../analyze/run.js';
import { STDIN_ARGUMENT } from '../io/inputs.js';
import { StreamWriter } from '../io/output.js';
import { describeFsError, readPageFile, readPageStdin } from '../io/read.js';
import { formatByteSize, parseByteSize, parseHttpUrl } from '../values.js';
import type { CliCommand, CliContext } from './command.js';
import { helpList } from '../help-list.js';

interface AnalyzeFlags {
  readonly format: AnalyzeFormat;
  readonly url?: string;
  readonly actors?: string;
  readonly maxBytes: number;
  readonly models?: string;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const DESCRIPTION = [
  'Analyze one news page: extract the article, then run every analysis stage (sentences, entities, actors, and the stages added since: quotes, themes, events, tone, ...) and print the article with what each stage found.',
  'PAGE is an HTML page (.html, .htm, .html.gz: gzip is decompressed), a .txt file taken as the article text as it is, or - for standard input (HTML when it has markup, else text). The entities section lists each entity once, with its canonical name, type, role, CAMEO-style actor code, confidence and every mention (offsets into the article text).',
].join('\n\n');

const FORMAT_HELP = helpList(ANALYZE_FORMATS);

const EXAMPLES = `
Formats:
${FORMAT_HELP}

Examples:
  $ parley analyze examples/voa-us-china-talks.html             the analysis as JSON
  $ parley analyze --format text story.html                     a readable report
  $ parley analyze notes.txt                                    a plain text taken as the article
  $ curl -s https://example.com/a.html | parley analyze --url https://example.com/a.html -
  $ parley analyze --actors my-actors.tsv story.html            with your own actor list (see data/actors/README.md)

Exit status: 0 analyzed; 1 the page cannot be read, is not an article, or a stage failed (the report is still
printed when there is one, the problem goes to stderr); 2 usage error.`;

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  register(program, context) {
    program
      .command('analyze')
      .summary('analyze one page: the article, its entities and actor codes, and every other layer')
      .description(DESCRIPTION)
      .argument('<page>', 'an HTML page, a .txt file, or - for standard input')
      .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(ANALYZE_FORMATS)).default('json'))
      .addOption(new Option('--url <url>', 'the page\'s address: resolves links and is a source of dates').argParser(parseHttpUrl))
      .addOption(new Option('--actors <file>', 'your own actor list, which takes precedence over Parley\'s dictionaries (default: $PARLEY_ACTORS)'))
      .addOption(new Option('--max-bytes <size>', 'largest page accepted, after gunzip (e.g. 512KB, 50MB)').argParser(parseByteSize).default(DEFAULT_MAX_BYTES, formatByteSize(DEFAULT_MAX_BYTES)))
      .addOption(new Option('--models <dir>', 'directory with the NER model files (default: the models/ directory of Parley)').hideHelp())
      .showHelpAfterError('(run "parley analyze --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (page: string, flags: AnalyzeFlags) => {
        context.setExitCode(await runAnalyze(page, flags, context));
      });
  },
};

async function runAnalyze(page: string, flags: AnalyzeFlags, context: CliContext): Promise<number> {
  const fail = (message: string): number => {
    context.streams.stderr.write(`parley analyze: ${message}\n`);
    return 1;
  };
  const fromStdin = page === STDIN_ARGUMENT;
  if (!fromStdin) {
    try {
      if ((await stat(page)).isDirectory()) return fail(`${page} is a directory: give one page.`);
    } catch (error) {
      return fail(`cannot open ${page}: ${describeFsError(error)}.`);
    }
  }
  const read = fromStdin ? await readPageStdin(context.streams.stdin, flags.maxBytes) : await readPageFile(page, flags.maxBytes);
  if (!read.ok) return fail(read.message);
  // Loaded here, not at the top: the extractor's language model is large, and every other command of the
  // program (an ingest's writer thread among them) would load it for nothing.
  const { analyzeBytes }: { analyzeBytes: typeof AnalyzeBytes } = await import('../analyze/run.js');
  const outcome = analyzeBytes(read.bytes, {
    source: fromStdin ? 'standard input' : page,
    plainText: fromStdin ? 'sniff' : /\.txt$/i.test(page),
    url: flags.url ?? null,
    modelsDirectory: flags.models,
    actorsFile: flags.actors,
  });
  if (!outcome.ok) return fail(outcome.message);
  const report = buildReport(outcome.document, fromStdin ? '-' : page);
  const output = new StreamWriter(context.streams.stdout);
  if (!(await output.write(renderReport(report, flags.format)))) return fail(`cannot write the output: ${output.error?.message ?? 'the stream closed'}.`);
  const failures = outcome.document.messages.filter((m) => m.severity === 'error');
  for (const failure of failures) context.streams.stderr.write(`parley analyze: stage ${failure.stage} failed: ${failure.message}\n`);
  return failures.length > 0 ? 1 : 0;
}
