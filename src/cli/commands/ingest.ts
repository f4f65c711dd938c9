import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { archiveTaxonomy } from '../../app/archive-taxonomy.js';
import { DEFAULT_INGEST_SETTINGS, ingest, IngestAborted, ingestReport, plannedItems, summaryLines, type IngestResult, type IngestSettings, type ItemEvent } from '../../app/index.js';
import { DEFAULT_LIMITS } from '../../extract/limits.js';
import { isParleyError } from '../../pipeline/errors.js';
import { DEFAULT_FETCH_OPTIONS, DEFAULT_SOURCE_OPTIONS } from '../../sources/index.js';
import { isStoreError } from '../../store/errors.js';
import { databaseOption, openArchiveForWriting } from '../database.js';
import { resolveDatabasePath } from '../../store/location.js';
import { isPostgresUrl } from '../../store/open-store.js';
import { ingestThroughQueue } from './ingest-queue.js';
import { DEFAULT_PLAN_OPTIONS } from '../../queue/plan.js';
import { DEFAULT_QUEUE_OPTIONS } from '../../queue/queue.js';
import { ProgressBar } from '../ui/progress.js';
import { formatByteSize, formatDuration, parseByteSize, parseDuration, parsePositiveInteger } from '../values.js';
import { structureOptions, type StructureFlags } from '../structure-limits.js';
import { fetchOptions, fetchSettings, type FetchFlags } from '../fetch-flags.js';
import type { CliCommand, CliContext } from './command.js';

/** Below this a worker cannot hold the language detector and the analysis models, so every page would fail. */
const MIN_WORKER_HEAP_MB = 64;

function parseWorkerHeap(value: string): number {
  const mb = parsePositiveInteger(value);
  if (mb < MIN_WORKER_HEAP_MB) throw new InvalidArgumentError(`Give at least ${MIN_WORKER_HEAP_MB} (MB); a worker needs that much for the language detector and the models.`);
  return mb;
}

export interface IngestFlags extends StructureFlags, FetchFlags {
  readonly db?: string;
  readonly raw: boolean;
  readonly concurrency: number;
  readonly jobs: number;
  readonly workerHeap: number;
  readonly maxBytes: number;
  readonly timeout?: number;
  readonly extractTimeout: number;
  readonly maxFeedBytes: number;
  readonly maxFeedEntries: number;
  readonly maxSitemapDepth: number;
  readonly maxRedirects: number;
  readonly quiet?: boolean;
  readonly json?: boolean;
  readonly strict?: boolean;
  readonly refresh?: boolean;
  readonly builtinThemes?: boolean;
  /** False with --no-analysis. */
  readonly analysis: boolean;
  readonly stages?: readonly string[];
  readonly themes?: string;
  readonly enqueue?: boolean;
  readonly shareSize: number;
  readonly shareItems: number;
  readonly lease: number;
  readonly retries: number;
}

/** Failed pages listed one per line on stderr before the rest are only counted (the summary and `parley stats` have them all). */
export const MAX_FAILURE_LINES = 20;
/** The exit status of a run stopped with Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

const DESCRIPTION = [
  'Take news pages into the archive: each page is extracted, filed under its canonical URL, checked against what is stored (the same article again, or a copy of one: a reprint, a small edit) and committed with its outcome.',
  'Sources: HTML files (.html, .htm, .xhtml, .html.gz), directories (searched recursively for pages and archives), glob patterns, WARC archives (.warc, .warc.gz), lists of URLs (.txt or .urls, one a line), saved feeds and sitemaps (.xml, .rss, .atom), and http(s) URLs of pages, feeds and sitemaps.',
  'Each article is analyzed in the same workers (sentences, entities, actors, quotes, themes, events, tone: the stages of this Parley) and its layers are committed with it; a stage that fails on one article is recorded and the article is stored without that layer.',
  'Every page is committed on its own, so an ingest stopped at any moment (Ctrl-C, a crash, a power cut) loses nothing it committed: run the same command again and it goes on where it stopped.',
].join('\n\n');

const HELP = `
Examples:
  $ parley ingest pages/                          every page under pages/ into ./parley.db
  $ parley ingest --db news.db crawl.warc.gz      a web archive, streamed
  $ parley ingest urls.txt https://example.com/feed.xml
  $ parley ingest --json --quiet pages/ | jq .stored
  $ parley ingest --refresh                       fetch every stored article's URL again: changed pages become revisions
  $ parley ingest --refresh https://example.com/live-blog
  $ parley ingest --db postgres://parley@db/news crawl.warc.gz          queue it and work on it here
  $ parley ingest --db postgres://parley@db/news --enqueue crawl.warc.gz   queue it for "parley worker"s

The summary counts every page seen by this run: seen = stored + duplicates + rejected + failed.
"rejected" pages are not articles (empty, binary, no article text); "failed" ones could not be read,
fetched or extracted (the reason is kept; the next run tries them again). Pages committed by an earlier
run are "resumed", not done again.

A page whose article is stored (same canonical URL) but whose text changed is a revision: the newest
text becomes the article and the earlier one is kept ("parley show --revisions ID"; counted among the
duplicates as "revision"). A URL an earlier run took is not fetched again unless --refresh asks: then it
is fetched with the stored ETag and Last-Modified, so an unchanged page answers 304 (not-modified) and
costs no download.

Time limits of a fetch: --timeout is the longest silence (connecting, or between two bytes of an
answer); --total-timeout bounds the whole fetch of one page, so a server that trickles a byte a second
is stopped there. A page cut off by either limit, by a reset connection or before its announced length
fails as TRUNCATED: a partial page is never stored as an article. Every limit message names the flag
that raises it.

Exit status: 0 the sources were read (even if some pages failed); 1 a source could not be read at all
(a missing file, a feed that does not parse, an archive with not one readable record), every page
failed, the database failed, or --strict and a page failed; 2 usage error; 130 stopped with Ctrl-C.`;

export const ingestCommand: CliCommand = {
  name: 'ingest',
  register(program, context) {
    const command = program
      .command('ingest')
      .summary('take pages, archives, URL lists, feeds and sites into the archive, one copy of each article')
      .description(DESCRIPTION)
      .argument('[source...]', 'files, directories, globs, WARC archives, URL lists, feeds, or http(s) URLs (none with --refresh: every stored article\'s URL)')
      .addOption(databaseOption())
      .addOption(new Option('--no-raw', 'do not keep the raw HTML of each page (the database is smaller)'));
    // --allow-private, --user-agent, --delay, --total-timeout: as every command that fetches has them.
    for (const option of fetchOptions()) command.addOption(option);
    command
      .addOption(new Option('--concurrency <n>', 'fetches in flight at once, across sites').argParser(parsePositiveInteger).default(DEFAULT_SOURCE_OPTIONS.concurrency))
      .addOption(new Option('-j, --jobs <n>', 'pages extracted in parallel (worker threads)').argParser(parsePositiveInteger).default(availableParallelism(), 'the number of CPU cores'))
      .addOption(
        new Option('--max-bytes <size>', 'largest page read, fetched or extracted (e.g. 5MB)').argParser(parseByteSize).default(DEFAULT_LIMITS.maxBytes, formatByteSize(DEFAULT_LIMITS.maxBytes)),
      )
      .addOption(
        new Option('--timeout <duration>', `longest silence from a server: connecting, and between two bytes of its answer (default: ${formatDuration(DEFAULT_FETCH_OPTIONS.connectTimeoutMs)} to connect, ${formatDuration(DEFAULT_FETCH_OPTIONS.readTimeoutMs)} between bytes)`).argParser(
          parseDuration,
        ),
      )
      .addOption(new Option('--extract-timeout <duration>', 'longest extraction of one page').argParser(parseDuration).default(DEFAULT_LIMITS.timeoutMs, formatDuration(DEFAULT_LIMITS.timeoutMs)))
      .addOption(structureOptions()[0]!)
      .addOption(structureOptions()[1]!)
      .addOption(
        new Option('--max-feed-bytes <size>', 'largest feed or sitemap read').argParser(parseByteSize).default(DEFAULT_FETCH_OPTIONS.maxFeedBytes, formatByteSize(DEFAULT_FETCH_OPTIONS.maxFeedBytes)),
      )
      .addOption(new Option('--max-feed-entries <n>', 'entries taken from one feed or sitemap').argParser(parsePositiveInteger).default(DEFAULT_SOURCE_OPTIONS.maxFeedEntries))
      .addOption(new Option('--max-sitemap-depth <n>', 'sitemap indexes followed into sitemap indexes, this deep').argParser(parseCount).default(DEFAULT_SOURCE_OPTIONS.maxSitemapDepth))
      .addOption(new Option('--max-redirects <n>', 'redirects followed for one page').argParser(parseCount).default(DEFAULT_FETCH_OPTIONS.maxRedirects))
      .addOption(new Option('--worker-heap <MB>', 'heap limit of each worker thread, in MB (a page that needs more fails with WORKER_ERROR)').argParser(parseWorkerHeap).default(DEFAULT_INGEST_SETTINGS.workerHeapMb))
      .addOption(new Option('-q, --quiet', 'no progress bar, failure lines or summary on stderr'))
      .addOption(new Option('--json', 'print the run\'s counts as one JSON object on stdout'))
      .addOption(new Option('--strict', 'exit 1 when any page failed'))
      .addOption(new Option('--no-analysis', 'extraction only: store the articles without running the analysis stages (run "parley reanalyze" later)'))
      .addOption(new Option('--stages <list>', 'run only these analysis stages (comma-separated; the stages they need are added)').argParser(parseStageList))
      .addOption(new Option('--themes <file>', 'a theme taxonomy file, JSON or YAML (.yaml, .yml), extending the built-in one (or replacing it, when it says mode: replace); the archive remembers it'))
      .addOption(new Option('--builtin-themes', 'use the built-in theme taxonomy, and forget the one the archive remembers from an earlier --themes'))
      .addOption(new Option('--enqueue', 'PostgreSQL only: put the work on the queue in the database and return; "parley worker" processes do it'))
      .addOption(new Option('--share-size <size>', 'PostgreSQL only: bytes of a .warc.gz per queue job').argParser(parseByteSize).default(DEFAULT_PLAN_OPTIONS.warcShareBytes, formatByteSize(DEFAULT_PLAN_OPTIONS.warcShareBytes)))
      .addOption(new Option('--lease <duration>', 'PostgreSQL only: how long a worker holds a job before another may take it (a dead worker\'s job is retried then)').argParser(parseDuration).default(DEFAULT_QUEUE_OPTIONS.leaseSeconds * 1000, formatDuration(DEFAULT_QUEUE_OPTIONS.leaseSeconds * 1000)))
      .addOption(new Option('--retries <n>', 'PostgreSQL only: times a failed job is tried again').argParser(parseCount).default(DEFAULT_QUEUE_OPTIONS.retryLimit))
      .addOption(new Option('--share-items <n>', 'PostgreSQL only: page files, lines of a URL list, or entries of a feed or sitemap, per queue job').argParser(parsePositiveInteger).default(DEFAULT_PLAN_OPTIONS.pagesPerShare))
      .showHelpAfterError('(run "parley ingest --help" for the options and examples)')
      .addHelpText('after', HELP)
      .addOption(new Option('--refresh', 'fetch URLs again even when an earlier run took them, with conditional requests; a page whose text changed becomes a revision (without sources: every stored article\'s URL)'))
      .action(async (sources: string[], flags: IngestFlags, self: Command) => {
        if (sources.length === 0 && !flags.refresh) self.error("error: missing required argument 'source' (or --refresh, to fetch again the URL of every stored article)", { exitCode: 2, code: 'parley.usage' });
        context.setExitCode(await runIngest(sources, flags, context));
      });
  },
};

export function settingsFrom(flags: IngestFlags): Partial<IngestSettings> {
  const fetch = {
    ...fetchSettings(flags),
    maxFeedBytes: flags.maxFeedBytes,
    maxRedirects: flags.maxRedirects,
    ...(flags.timeout === undefined ? {} : { connectTimeoutMs: flags.timeout, readTimeoutMs: flags.timeout }),
  };
  return {
    keepRaw: flags.raw,
    refresh: flags.refresh ?? false,
    jobs: flags.jobs,
    concurrency: flags.concurrency,
    maxPageBytes: flags.maxBytes,
    workerHeapMb: flags.workerHeap,
    extractTimeoutMs: flags.extractTimeout,
    maxElements: flags.maxElements,
    maxNesting: flags.maxNesting,
    maxFeedEntries: flags.maxFeedEntries,
    maxSitemapDepth: flags.maxSitemapDepth,
    fetch,
    analysis: flags.analysis === false ? null : { stages: flags.stages ?? null, themesFile: flags.themes ?? null },
  };
}

/**
 * SQLite's page cache for an ingest, in KiB (the store's default is 64 MB, for searches over a large
 * archive). An ingest appends and looks up a few index entries per page: over 10,000 pages without
 * analysis, 16 MB gave a peak RSS 55 MB lower (343 instead of 398 MB) and no more CPU time.
 */
const INGEST_CACHE_KIB = 16 * 1024;

async function runIngest(sources: readonly string[], flags: IngestFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const location = resolveDatabasePath(flags.db);
  if (flags.enqueue && !isPostgresUrl(location)) {
    stderr.write('parley ingest: --enqueue needs a PostgreSQL database (--db postgres://...): the queue is kept there, for "parley worker" processes to share.\n');
    return 2;
  }
  if (flags.enqueue && flags.refresh) {
    stderr.write('parley ingest: --refresh runs in this process, not on the queue: leave out --enqueue.\n');
    return 2;
  }
  const opened = await openArchiveForWriting(flags.db, { sqliteCacheKiB: INGEST_CACHE_KIB });
  if (!opened.ok) {
    stderr.write(`parley ingest: ${opened.message}\n`);
    return 1;
  }
  const { store, path: database } = opened;
  let settings = settingsFrom(flags);
  if (settings.analysis) {
    try {
      const taxonomy = await archiveTaxonomy(store, flags.themes ?? null, flags.builtinThemes ?? false);
      if (taxonomy.note && !flags.quiet) stderr.write(`parley ingest: themes: ${taxonomy.note}\n`);
      settings = { ...settings, analysis: { ...settings.analysis, themesFile: null, themesText: taxonomy.themes } };
    } catch (error) {
      await store.close().catch(() => undefined);
      if (!isParleyError(error)) throw error;
      stderr.write(`parley ingest: ${error.message} [${error.code}]\n`);
      return error.code === 'E_USAGE' ? 2 : 1;
    }
  }
  // A refresh files its pages under keys of its own run (app/refresh.ts), which a queue job retried by
  // another worker would not share: it runs in this process, whatever the database.
  if (isPostgresUrl(location) && !flags.refresh) return ingestThroughQueue(sources, flags, settings, context, { store, location, database });
  const progress = stderr.isTTY && !flags.quiet ? new ProgressBar(stderr, 'ingesting', { eta: true }) : null;
  const say = (line: string): void => {
    if (flags.quiet) return;
    if (progress) progress.log(line);
    else stderr.write(`${line}\n`);
  };
  const stop = new AbortController();
  void plannedItems(sources, stop.signal).then((total) => total !== null && progress?.setTotal(total), () => undefined);
  const interrupt = (): void => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    say('parley ingest: stopping after the pages in progress are committed (press Ctrl-C again to stop at once; the next run goes on from there).');
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  let listed = 0;
  const onItem = (event: ItemEvent): void => {
    if (!event.planned) return;
    progress?.tick(event.result === 'failed');
    if (event.result !== 'failed') return;
    listed++;
    if (listed <= MAX_FAILURE_LINES) say(`parley ingest: ${event.source}: ${event.message} [${event.code}]`);
    else if (listed === MAX_FAILURE_LINES + 1) say('parley ingest: more pages failed; the summary counts them by reason, and "parley stats" lists them.');
  };

  let result: IngestResult;
  try {
    result = await ingest({ sources, store, settings, signal: stop.signal, onItem });
  } catch (error) {
    progress?.finish();
    if (error instanceof IngestAborted) {
      stderr.write(`parley ingest: the run stopped: ${error.message}${isStoreError(error.cause) ? ` [${error.cause.code}]` : ''}\n`);
      return 1;
    }
    if (isParleyError(error)) {
      stderr.write(`parley ingest: ${error.message} [${error.code}]\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    stop.abort();
    await store.close().catch(() => undefined);
  }
  progress?.finish();
  if (flags.json) stdout.write(`${JSON.stringify(ingestReport(result, database))}\n`);
  else if (!flags.quiet) for (const line of summaryLines(result, database)) stderr.write(`parley ingest: ${line}\n`);
  return exitStatus(result, flags, say);
}

export function exitStatus(result: IngestResult, flags: IngestFlags, say: (line: string) => void): number {
  if (result.status === 'interrupted') return EXIT_INTERRUPTED;
  if (result.unreadable.length > 0) {
    const names = result.unreadable.map((entry) => entry.source).join(', ');
    say(`parley ingest: ${result.counts.unreadableSources === 1 ? 'a source' : `${result.counts.unreadableSources} sources`} could not be read at all: ${names}.`);
    return 1;
  }
  const { failed, stored, duplicate, notArticle, resumed } = result.counts;
  if (failed > 0 && stored + duplicate + notArticle + resumed === 0) {
    say(`parley ingest: every page failed (${failed}); nothing was taken in. The reasons are above and in "parley stats".`);
    return 1;
  }
  if (flags.strict && failed > 0) return 1;
  return 0;
}

/** `--stages sentences,entities`: names checked against the analysis stages when the run starts. */
export function parseStageList(value: string): string[] {
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0 || !names.every((name) => /^[a-z][a-z0-9-]*$/.test(name))) throw new InvalidArgumentError('Expected stage names separated by commas, such as entities,quotes.');
  return names;
}

/** A whole number that may be 0 (no redirects followed, no nested sitemap indexes, no retries). */
function parseCount(value: string): number {
  return /^\s*0+\s*$/.test(value) ? 0 : parsePositiveInteger(value);
}
