import { resolve } from 'node:path';
import { canonicalizeUrl } from '../dedup/index.js';
import { readSources, readUrlStream, type SkipReason, type SourceFailure, type SourceItem, type SourceNotModified, type SourceOptions, type SourcePage, type SourceReader } from '../sources/index.js';
import type { TaskOutcome } from '../cli/pool/worker-pool.js';
import type { ArticleAnalysis } from '../store/analysis.js';
import type { ArticleOutcome, CommitResult, PageOutcome, PageRecord, RevisionOutcome, RunId, RunStatus, Store } from '../store/store.js';
import { createPageAnalyzer, type PageAnalyzer } from './analyzers.js';
import type { AnalysisOutcome } from './article-analysis.js';
import { decideArticle, decideKeys } from './decide.js';
import { isRefreshed, REFRESH_SOURCE, refreshedKey, storedArticleUrls } from './refresh.js';
import { extractionProblem, sourceProblem } from './outcomes.js';
import type { PageAnalysis, PageTask } from './page-analysis.js';
import { configHash, resolveIngestSettings, runStages, sourceOptionsFor, type IngestSettings } from './settings.js';
import { Tally, type IngestCounts, type ItemResult } from './tally.js';

/**
 * `ingest`: sources → extraction (worker threads) → de-duplication → store, as one function the CLI,
 * the server and tests call.
 *
 * Who does what:
 * - the sources (one async generator) read files and archives and fetch URLs, skipping what the store
 *   already holds (`isDone`) and sending conditional requests for URLs fetched before;
 * - each page goes to a worker for extraction, canonical URL and fingerprints (page-analysis.ts);
 * - a page that would be an article if it were committed now goes back to a worker for the analysis
 *   stages (article-analysis.ts), the costly part; a page already known as a duplicate is not analyzed;
 * - this function, the single writer, takes the results strictly in source order, decides each page's
 *   outcome against what is stored (decide.ts: this decision is the one that counts; a page that became
 *   a duplicate meanwhile drops its analysis, one that became an article is analyzed before its commit)
 *   and commits it: ONE `commitPage` transaction per page,
 *   holding the page, its outcome, its source key and its article or failure. Nothing here spans two
 *   pages, so a process killed at any moment leaves every page committed whole or not at all, and the
 *   next run over the same input skips exactly the committed ones.
 *
 * Memory: at most `jobs × inFlightPerJob` pages are between the sources and the writer (the sources
 * are not read further until the oldest is committed), and the sources stream, so memory does not grow
 * with the size of the input.
 */

export interface IngestRequest {
  readonly sources: readonly string[];
  readonly store: Store;
  readonly settings?: Partial<IngestSettings>;
  /** Stops reading; the pages already read are committed, and the run is recorded as interrupted. */
  readonly signal?: AbortSignal;
  /** Called once per source item, after its commit (progress bars, failure lines). */
  readonly onItem?: (event: ItemEvent) => void;
  /**
   * A share of the work instead of `sources` (a queue worker's job: a range of a WARC, a chunk of URLs):
   * reads its items with the options the ingest would give readSources.
   */
  readonly read?: (options: Partial<SourceOptions>) => SourceReader;
  /** Commit under this run, which the caller started and finishes (a worker's run spans its jobs). */
  readonly runId?: RunId;
  /**
   * Workers to use instead of starting new ones (a queue worker across its jobs, a server or a benchmark
   * keeping them, models loaded, across runs), with their own limits: the caller closes them. Default:
   * a pool made from the settings (createIngestAnalyzer), closed at the end.
   */
  readonly analyzer?: PageAnalyzer;
}

export interface ItemEvent {
  readonly result: ItemResult;
  readonly source: string;
  /** For rejected and failed pages: the reason. */
  readonly code: string | null;
  readonly message: string | null;
  readonly counts: () => IngestCounts;
  /** Whether the item counts towards a planned total (see planned.ts): false for archive records that are not pages. */
  readonly planned: boolean;
  /** For pages extracted by this run: the time spent on extraction (`extract`) and on each analysis stage, in ms (benchmarks). */
  readonly timings: Readonly<Record<string, number>> | null;
}

export interface IngestResult {
  readonly runId: RunId;
  readonly status: RunStatus;
  readonly counts: IngestCounts;
  /** The inputs named by the caller that could not be read at all (the CLI exits 1 when there are any). */
  readonly unreadable: readonly { readonly source: string; readonly code: string; readonly message: string }[];
  readonly elapsedMs: number;
  /** Stored articles on which an analysis stage failed, by stage (the failures are recorded on each article; `reanalyze` retries them). */
  readonly analysisFailures: Readonly<Record<string, number>>;
}

/** Thrown when the store fails mid-run (disk full, database locked or damaged): the run stops, recorded as failed. */
export class IngestAborted extends Error {
  constructor(
    readonly runId: RunId,
    readonly counts: IngestCounts,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'IngestAborted';
  }
}

/** A source item made ready for its commit: pages extracted (and analyzed when they looked new), the rest as they came. */
type Ready =
  | {
      readonly kind: 'page';
      readonly item: SourcePage;
      readonly raw: Uint8Array | null;
      readonly extracted: TaskOutcome<PageAnalysis>;
      /** The analysis started early (the page looked new when it was extracted), or null. */
      readonly analysis: Promise<TaskOutcome<AnalysisOutcome>> | null;
    }
  | { readonly kind: 'item'; readonly item: Exclude<SourceItem, SourcePage> }
  | { readonly kind: 'fatal'; readonly error: unknown };

/** Skipped items that stand for an input a planned total counts (a URL listed twice, a page already done). */
const PLANNED_SKIPS: ReadonlySet<SkipReason> = new Set(['duplicate-url', 'already-done']);

/** Keeps at most this many of the unreadable inputs' details (the count is always exact). */
const MAX_UNREADABLE_LISTED = 100;

export async function ingest(request: IngestRequest): Promise<IngestResult> {
  const started = performance.now();
  const settings = resolveIngestSettings(request.settings);
  const { store } = request;
  const refreshAll = settings.refresh && request.sources.length === 0 && !request.read;
  const ownRun = request.runId === undefined;
  const runId = request.runId ?? (await store.startRun({ sources: refreshAll ? [REFRESH_SOURCE] : request.sources, configHash: configHash(settings), stageVersions: runStages(settings), startedAt: new Date().toISOString(), keepRaw: settings.keepRaw }));
  const tally = new Tally();
  const unreadable: IngestResult['unreadable'][number][] = [];
  const analysisFailures: Record<string, number> = {};
  const analyzer = request.analyzer ?? createIngestAnalyzer(settings);
  const closeAnalyzer = async (): Promise<void> => {
    if (!request.analyzer) await analyzer.close();
  };
  const sourceOptions = sourceOptionsFor(settings);
  const readerOptions: Partial<SourceOptions> = {
    ...sourceOptions,
    fetch: { ...sourceOptions.fetch, conditional: (url: string) => store.findFetchValidators(url), sharedSpacing: store.sharedFetchSpacing() },
    isDone: async (key: string) => {
      if (isRefreshed(key, settings.refresh)) return false;
      const page = await store.findCommittedPage(key);
      return page !== null && page.outcome !== 'failed';
    },
    signal: request.signal ?? null,
  };
  const reader = request.read ? request.read(readerOptions) : refreshAll ? readUrlStream(storedArticleUrls(store), REFRESH_SOURCE, readerOptions) : readSources(request.sources, readerOptions);

  const report = (result: ItemResult, source: string, problem: { code: string; message: string } | null = null, planned = true, timings: ItemEvent['timings'] = null): void => {
    request.onItem?.({ result, source, code: problem?.code ?? null, message: problem?.message ?? null, counts: () => tally.counts(), planned, timings });
  };

  const commit = async (ready: Ready): Promise<void> => {
    if (ready.kind === 'fatal') throw ready.error;
    const { item } = ready;
    if (item.kind === 'skipped') {
      report(tally.skip(item.reason), item.source, null, PLANNED_SKIPS.has(item.reason));
      return;
    }
    if (item.kind === 'failure' && item.scope === 'source') {
      tally.unreadableSource();
      if (unreadable.length < MAX_UNREADABLE_LISTED) unreadable.push({ source: item.source, code: item.code, message: item.message });
    }
    const page = ready.kind === 'page' && ready.extracted.ok && ready.extracted.value.ok ? ready.extracted.value : null;
    let analyzed = ready.kind === 'page' && ready.analysis !== null ? await ready.analysis : null;
    const step = async (): Promise<{ record: PageRecord; result: CommitResult } | null> => {
      const made = ready.kind === 'page' ? await pageRecord(store, runId, ready, settings, analyzed) : itemRecord(runId, ready.item as SourceFailure | SourceNotModified, await notModifiedOutcome(store, ready.item));
      if (made === null) return null;
      const record = { ...made, sourceKey: refreshedKey(made.sourceKey, runId, settings.refresh) };
      return { record, result: await store.commitPage(record) };
    };
    // An extracted article's decision (a copy of a stored one?) and its commit are one step among the
    // writers whose pages could change it (decideKeys); other outcomes depend on no other page. The
    // analysis never runs inside that step (it would hold up those writers): a page decided an article
    // that was not analyzed early (rare: the page it duplicated when it was extracted has been decided
    // otherwise since) is analyzed outside it, then decided again.
    const keys = page === null ? [] : decideKeys(page);
    let done = page !== null ? await store.serializeWrites(keys, step) : await step();
    if (done === null && page !== null && settings.analysis !== null) {
      analyzed = await analyzer.analyzeArticle(page.article, settings.analysis);
      done = await store.serializeWrites(keys, step);
    }
    if (done === null) throw new Error('The ingest asked twice for the analysis of one page.');
    const { record, result } = done;
    const timings: Record<string, number> = { ...page?.timings };
    if (bringsAnalysis(record.outcome) && analyzed?.ok) Object.assign(timings, analyzed.value.timings);
    if (result.status !== 'already-committed' && result.page.outcome === 'article' && record.outcome.kind === 'article') {
      for (const stage of new Set(record.outcome.analysis?.failures.map((f) => f.stage) ?? [])) analysisFailures[stage] = (analysisFailures[stage] ?? 0) + 1;
    }
    const problem = result.page.problem;
    report(result.status === 'already-committed' ? tally.resume() : tally.committed(result.page), item.source, problem, true, ready.kind === 'page' ? timings : null);
  };

  const window: Promise<Ready>[] = [];
  const maxInFlight = settings.jobs * settings.inFlightPerJob;
  let status: RunStatus = 'completed';
  try {
    for await (const item of reader) {
      window.push(prepare(item, analyzer, store, settings));
      if (window.length >= maxInFlight) await commit(await window.shift()!);
    }
    while (window.length > 0) await commit(await window.shift()!);
    if (request.signal?.aborted) status = 'interrupted';
  } catch (error) {
    await closeAnalyzer();
    await Promise.allSettled(window);
    const counts = tally.counts();
    if (ownRun) await store.finishRun(runId, { finishedAt: new Date().toISOString(), status: 'failed', counts }).catch(() => undefined);
    throw new IngestAborted(runId, counts, error);
  }
  await closeAnalyzer();
  const counts = tally.counts();
  if (ownRun) await store.finishRun(runId, { finishedAt: new Date().toISOString(), status, counts });
  return { runId, status, counts, unreadable, elapsedMs: performance.now() - started, analysisFailures };
}

/** The extraction and analysis workers of an ingest with these settings (an analysis has its own hard limit). */
export function createIngestAnalyzer(settings: IngestSettings): PageAnalyzer {
  return createPageAnalyzer({
    inline: settings.inline,
    jobs: settings.jobs,
    hardTimeoutMs: settings.extractTimeoutMs + settings.hardTimeoutGraceMs,
    analysisHardTimeoutMs: settings.analysisTimeoutMs + settings.hardTimeoutGraceMs,
    maxHeapMb: settings.workerHeapMb,
  });
}

/**
 * Extracts a page (the bytes go to a worker; a copy stays here when raw HTML is kept), then starts its
 * analysis if it would be an article were it committed now. Never rejects.
 */
/** Whether a decision's page is analyzed: a new article, and a stored article's newer text (a revision). */
function bringsAnalysis(outcome: PageOutcome): outcome is ArticleOutcome | RevisionOutcome {
  return outcome.kind === 'article' || outcome.kind === 'revision';
}

async function prepare(item: SourceItem, analyzer: PageAnalyzer, store: Store, settings: IngestSettings): Promise<Ready> {
  if (item.kind !== 'page') return { kind: 'item', item };
  try {
    const raw = settings.keepRaw ? item.bytes.slice() : null;
    const task: PageTask = {
      bytes: item.bytes,
      url: item.url,
      headers: item.headers,
      filePath: item.url === null ? resolve(item.source) : null,
      maxBytes: settings.maxPageBytes,
      timeoutMs: settings.extractTimeoutMs,
      maxElements: settings.maxElements,
      maxNesting: settings.maxNesting,
      minhash: settings.minhash,
      compressRaw: settings.keepRaw,
    };
    const extracted = await analyzer.extract(task);
    let analysis: Promise<TaskOutcome<AnalysisOutcome>> | null = null;
    if (settings.analysis !== null && extracted.ok && extracted.value.ok && bringsAnalysis(await decideArticle(store, extracted.value, settings.duplicates))) {
      analysis = analyzer.analyzeArticle(extracted.value.article, settings.analysis);
      analysis.catch(() => undefined); // awaited at the commit; this only keeps an early failure from being "unhandled"
    }
    return { kind: 'page', item, raw, extracted, analysis };
  } catch (error) {
    return { kind: 'fatal', error };
  }
}

/**
 * The page's record as decided now against what is stored; null for an article still to be analyzed
 * (`analyzed` is null: it was not analyzed early).
 */
async function pageRecord(store: Store, runId: RunId, ready: Extract<Ready, { kind: 'page' }>, settings: IngestSettings, analyzed: TaskOutcome<AnalysisOutcome> | null): Promise<PageRecord | null> {
  const { item, extracted } = ready;
  const headers = item.headers ?? {};
  let outcome: PageOutcome;
  let canonicalUrl = item.url === null ? null : canonicalizeUrl(item.url);
  let contentHash: string | null = null;
  if (!extracted.ok) {
    outcome = extractionProblem(extracted.code, extracted.code === 'TIMEOUT' ? `Extraction did not stop by itself within ${settings.extractTimeoutMs} ms, so its worker was stopped (raise --extract-timeout / extractTimeoutMs to allow more).` : extracted.message);
  } else if (!extracted.value.ok) {
    contentHash = extracted.value.contentHash;
    outcome = extractionProblem(extracted.value.code, extracted.value.message);
  } else {
    const page = extracted.value;
    contentHash = page.contentHash;
    canonicalUrl = page.canonicalUrl;
    outcome = await decideArticle(store, page, settings.duplicates);
    // A new article, or a stored article's newer text (a revision): either brings the text's analysis.
    if (bringsAnalysis(outcome) && settings.analysis !== null) {
      if (analyzed === null) return null;
      outcome = { ...outcome, analysis: analyzed.ok ? analyzed.value.analysis : analysisFailure(analyzed, settings) };
    }
  }
  return {
    runId,
    source: item.source,
    sourceKey: item.key,
    url: item.url,
    canonicalUrl,
    fetchedAt: item.fetchedAt,
    httpStatus: item.status,
    contentHash,
    contentType: headers['content-type'] ?? null,
    etag: headers['etag'] ?? null,
    lastModified: headers['last-modified'] ?? null,
    raw: ready.raw,
    rawGzip: extracted.ok ? extracted.value.rawGzip : null,
    outcome,
  };
}

/** An analysis whose worker was stopped or failed: the article is stored without layers, the failure recorded (`reanalyze` retries it). */
function analysisFailure(outcome: Extract<TaskOutcome<unknown>, { ok: false }>, settings: IngestSettings): ArticleAnalysis {
  const message =
    outcome.code === 'TIMEOUT'
      ? `The analysis stages did not finish within ${settings.analysisTimeoutMs} ms, so their worker was stopped; the article is stored without its layers (run "parley reanalyze" to try again).`
      : `${outcome.message} The article is stored without its layers (run "parley reanalyze" to try again).`;
  return { stages: [], failures: [{ stage: 'analysis', code: outcome.code, message }], entities: [], mentions: [], quotes: [], themes: [], events: [], tone: [] };
}

/** A 304 answer: the page is the one stored from this URL before (a duplicate page), or, if that held no article, still none. */
async function notModifiedOutcome(store: Store, item: Exclude<SourceItem, SourcePage>): Promise<PageOutcome | null> {
  if (item.kind !== 'not-modified') return null;
  const before = await store.findFetchValidators(item.url);
  if (before?.articleId != null) return { kind: 'duplicate', articleId: before.articleId, reason: 'not-modified', similarity: 1 };
  const when = before ? ` since ${before.fetchedAt}` : '';
  return { kind: 'rejected', stage: 'fetch', code: 'NOT_MODIFIED', message: `The server says the page is unchanged${when}, and no article was stored from it then.` };
}

function itemRecord(runId: RunId, item: SourceFailure | SourceNotModified, notModified: PageOutcome | null): PageRecord {
  const failure = item.kind === 'failure';
  return {
    runId,
    source: item.source,
    sourceKey: item.key,
    url: item.url,
    canonicalUrl: item.url === null ? null : canonicalizeUrl(item.url),
    fetchedAt: failure ? new Date().toISOString() : item.fetchedAt,
    httpStatus: item.status,
    contentHash: null,
    contentType: failure ? null : (item.headers['content-type'] ?? null),
    etag: failure ? null : (item.headers['etag'] ?? null),
    lastModified: failure ? null : (item.headers['last-modified'] ?? null),
    raw: null,
    outcome: failure ? sourceProblem(item) : notModified!,
  };
}
