import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS } from '../../extract/limits.js';
import { runExtract, type ExtractRun } from '../extract/batch.js';
import { FORMAT_NAMES, FORMATS, STREAMABLE_FORMATS, type Format } from '../extract/formats.js';
import { pageStem, STDIN_ARGUMENT } from '../io/inputs.js';
import { formatByteSize, formatDuration, parseByteSize, parseDuration, parseHttpUrl, parsePositiveInteger } from '../values.js';
import { fetchOptions, fetchSettings, type FetchFlags } from '../fetch-flags.js';
import { isPageCollection, isUrl } from '../io/remote.js';
import { structureLimits, structureOptions, type StructureFlags } from '../structure-limits.js';
import type { CliCommand } from './command.js';
import { helpList } from '../help-list.js';

interface ExtractFlags extends StructureFlags, FetchFlags {
  readonly format?: Format;
  readonly url?: string;
  readonly output?: string;
  readonly captions: boolean;
  readonly maxBytes: number;
  readonly timeout: number;
  readonly jobs: number;
  readonly quiet?: boolean;
}

const DESCRIPTION = [
  'Turn news pages into clean articles: the body without page chrome, the captions apart, and the metadata (title, authors, dates, language, site, ...) with where each value came from.',
  'Inputs are HTML files (read whatever their name; gzip is decompressed), directories (searched recursively for .html, .htm, .xhtml and .html.gz files, in name order), - for standard input, and what is fetched: http(s) URLs, lists of URLs (.txt, .urls: one a line) and feeds and sitemaps saved as files (.xml, .rss, .atom) or given as URLs, whose entries are fetched.',
  'Fetching is as safe as in "parley ingest": robots.txt is obeyed, one site is not hammered (--delay), private and loopback addresses are refused (--allow-private for an intranet), and a page over --max-bytes, cut short, or slower than --total-timeout fails with its reason instead of being extracted.',
].join('\n\n');

const FORMAT_HELP = helpList(FORMAT_NAMES.map((name) => [name, FORMATS[name].description] as const));

const EXAMPLES = `
Formats:
${FORMAT_HELP}
  Default: json for one page (and with --output), jsonl for several pages or a directory.
  markdown, text and html hold one page each: for several pages, add --output DIR.

Examples:
  $ parley extract story.html                      the article as JSON
  $ parley extract --format markdown story.html    read it as Markdown
  $ curl -s https://example.com/news/a.html | parley extract --url https://example.com/news/a.html -
  $ parley extract archive/ > articles.jsonl       every page under archive/, one JSON line each
  $ parley extract --format html --output clean/ archive/   one clean HTML file per page
  $ parley extract --max-bytes 50MB --timeout 30s big-page.html.gz
  $ parley extract https://example.com/news/story   fetch a page and extract it
  $ parley extract urls.txt > articles.jsonl        every URL of a list, one JSON line each
  $ parley extract https://example.com/sitemap.xml --format jsonl

Exit status: 0 every page extracted; 1 some pages failed (the others are still written, failures are
reported on stderr and, in jsonl, as {"source", "error": {"code", "message"}} lines); 2 usage error.`;

export const extractCommand: CliCommand = {
  name: 'extract',
  register(program, context) {
    const command = program
      .command('extract')
      .summary('turn news pages into clean articles (JSON, Markdown, text or HTML)')
      .description(DESCRIPTION)
      .argument('<input...>', 'HTML files, directories, - for standard input, http(s) URLs, URL lists, feeds and sitemaps')
      .addOption(new Option('-f, --format <format>', 'output format (see Formats below)').choices(FORMAT_NAMES))
      .addOption(new Option('--url <url>', 'the page\'s address, for one input: resolves links, images, dates in the URL').argParser(parseHttpUrl))
      .addOption(new Option('-o, --output <dir>', 'write one file per page into DIR (mirroring directory inputs) instead of stdout'))
      .addOption(new Option('--no-captions', 'leave figure and photo captions out'))
      .addOption(
        new Option('--max-bytes <size>', 'largest page accepted, after gunzip (e.g. 512KB, 10MB)')
          .argParser(parseByteSize)
          .default(DEFAULT_LIMITS.maxBytes, formatByteSize(DEFAULT_LIMITS.maxBytes)),
      )
      .addOption(
        new Option('--timeout <duration>', 'time allowed per page (e.g. 500ms, 10s); a stuck page is stopped')
          .argParser(parseDuration)
          .default(DEFAULT_LIMITS.timeoutMs, formatDuration(DEFAULT_LIMITS.timeoutMs)),
      )
      .addOption(structureOptions()[0]!)
      .addOption(structureOptions()[1]!)
      .addOption(
        new Option('-j, --jobs <n>', 'pages extracted in parallel (worker threads)')
          .argParser(parsePositiveInteger)
          .default(availableParallelism(), 'the number of CPU cores'),
      )
      .addOption(new Option('-q, --quiet', 'no progress bar, failure lines or summary on stderr (the exit status still tells)'));
    for (const option of fetchOptions()) command.addOption(option);
    command
      .showHelpAfterError('(run "parley extract --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (inputs: string[], flags: ExtractFlags, self: Command) => {
        const run = resolveRun(inputs, flags, self);
        const { stdin, stderr } = context.streams;
        if (inputs.includes(STDIN_ARGUMENT) && (stdin as { isTTY?: boolean }).isTTY && !run.quiet) {
          stderr.write('parley extract: reading a page from standard input (paste it, then press Ctrl-D; or pipe a file in).\n');
        }
        context.setExitCode(await runExtract(run, context.streams));
      });
  },
};

/** Checks the arguments together and settles the defaults; a problem is a usage error (exit 2) that says what to do. */
function resolveRun(inputs: readonly string[], flags: ExtractFlags, command: Command): ExtractRun {
  const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: 2, code: 'parley.usage' });
  if (inputs.filter((input) => input === STDIN_ARGUMENT).length > 1) fail('- (standard input) can be given only once.');
  // A directory, a URL list or a feed may hold many pages; one URL is one page.
  const directories = inputs.map((input) => isDirectory(input) || isPageCollection(input) || (isUrl(input) && flags.format === 'jsonl'));
  const single = inputs.length === 1 && !directories[0];
  if (flags.url !== undefined && (!single || isUrl(inputs[0]!))) {
    fail('--url is the address of one page read from a file or -, so it takes exactly one of those (a URL input is its own address). Run one command per page, or leave --url out.');
  }
  const outputDir = flags.output ?? null;
  const format = flags.format ?? (single || outputDir !== null ? 'json' : 'jsonl');
  if (!single && outputDir === null && !STREAMABLE_FORMATS.has(format)) {
    fail(`--format ${format} writes one document per page: with several pages, add --output DIR (one file per page) or use --format jsonl.`);
  }
  if (outputDir !== null) {
    if (existsAsNonDirectory(outputDir)) fail(`--output ${outputDir} exists and is not a directory. Name a directory (it is created if missing).`);
    const clash = firstOutputClash(inputs, directories, FORMATS[format].extension);
    if (clash) fail(`${clash[0]} and ${clash[1]} would both be written to ${join(outputDir, clash[2])}. Rename one, or extract them in separate runs.`);
  }
  return {
    inputs,
    format,
    single,
    url: flags.url ?? null,
    outputDir,
    nestDirectories: inputs.length > 1,
    captions: flags.captions,
    maxBytes: flags.maxBytes,
    timeoutMs: flags.timeout,
    structure: structureLimits(flags),
    jobs: flags.jobs,
    quiet: flags.quiet ?? false,
    remote: { fetch: fetchSettings(flags), maxPageBytes: flags.maxBytes },
  };
}

function isDirectory(input: string): boolean {
  if (input === STDIN_ARGUMENT) return false;
  try {
    return statSync(input).isDirectory();
  } catch {
    return false; // reported as a failed input when it is read
  }
}

function existsAsNonDirectory(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * With several arguments, files land at the top of --output and each directory under its own name
 * (see inputs.ts); two arguments that would take the same top-level name are refused before any work.
 */
function firstOutputClash(inputs: readonly string[], directories: readonly boolean[], extension: string): [string, string, string] | null {
  if (inputs.length < 2) return null;
  const owners = new Map<string, string>();
  for (const [i, input] of inputs.entries()) {
    const name = input === STDIN_ARGUMENT ? `stdin${extension}` : directories[i] ? basename(resolve(input)) : `${pageStem(basename(input))}${extension}`;
    const owner = owners.get(name);
    if (owner !== undefined) return [owner, input, name];
    owners.set(name, input);
  }
  return null;
}
