import { resolve } from 'node:path';
import { canonicalizeUrl } from '../dedup/index.js';
import { readSources, readUrlStream, type SkipReason, type SourceFailure, type SourceItem, type SourceNotModified, type SourceOptions, type SourcePage, type SourceReader } from '../sources/index.js';
import type { CommitResult, PageOutcome, PageRecord, RunId, RunStatus, Store } from '../store/store.js';
import { createPageAnalyzer, type PageAnalyzer } from './analyzers.js';
import { decideArticle } from './decide.js';
import { isRefreshed, REFRESH_SOURCE, refreshedKey, storedArticleUrls } from './refresh.js';
import { extractionProblem, sourceProblem } from './outcomes.js';
import type { PageTask } from './page-analysis.js';
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
 * - this function, the single writer, takes the results strictly in source order, decides each page's
 *   outcome against what is stored (decide.ts) and commits it: ONE `commitPage` transaction per page,
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
  /** Page analysis workers the caller made and closes (a worker keeps them across its jobs). */
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

/** A source item made ready for its commit: pages analyzed, the rest as they came. */
type Ready =
  | { readonly kind: 'page'; readonly item: SourcePage; readonly raw: Uint8Array | null; readonly analysis: Awaited<ReturnType<PageAnalyzer['analyze']>> }
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
    fetch: { ...sourceOptions.fetch, conditional: (url: string) => store.findFetchValidators(url) },
    isDone: async (key: string) => {
      if (isRefreshed(key, settings.refresh)) return false;
      const page = await store.findCommittedPage(key);
      return page !== null && page.outcome !== 'failed';
    },
    signal: request.signal ?? null,
  };
  const reader = request.read ? request.read(readerOptions) : refreshAll ? readUrlStream(storedArticleUrls(store), REFRESH_SOURCE, readerOptions) : readSources(request.sources, readerOptions);

  const report = (result: ItemResult, source: string, problem: { code: string; message: string } | null = null, planned = true): void => {
    request.onItem?.({ result, source, code: problem?.code ?? null, message: problem?.message ?? null, counts: () => tally.counts(), planned });
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
    const step = async (): Promise<{ record: PageRecord; result: CommitResult }> => {
      const made = ready.kind === 'page' ? await pageRecord(store, runId, ready, settings) : itemRecord(runId, ready.item as SourceFailure | SourceNotModified, await notModifiedOutcome(store, ready.item));
      const record = { ...made, sourceKey: refreshedKey(made.sourceKey, runId, settings.refresh) };
      return { record, result: await store.commitPage(record) };
    };
    // An extracted article's decision (a copy of a stored one?) and its commit are one step among all
    // writers; other outcomes depend on no other page.
    const decides = ready.kind === 'page' && ready.analysis.ok && ready.analysis.value.ok;
    const { record, result } = decides ? await store.serializeWrites(step) : await step();
    if (result.status !== 'already-committed' && result.page.outcome === 'article' && record.outcome.kind === 'article') {
      for (const stage of new Set(record.outcome.analysis?.failures.map((f) => f.stage) ?? [])) analysisFailures[stage] = (analysisFailures[stage] ?? 0) + 1;
    }
    const problem = result.page.problem;
    report(result.status === 'already-committed' ? tally.resume() : tally.committed(result.page), item.source, problem);
  };

  const window: Promise<Ready>[] = [];
  const maxInFlight = settings.jobs * settings.inFlightPerJob;
  let status: RunStatus = 'completed';
  try {
    for await (const item of reader) {
      window.push(prepare(item, analyzer, settings));
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

/** The extraction and analysis workers of an ingest with these settings. */
export function createIngestAnalyzer(settings: IngestSettings): PageAnalyzer {
  const hardTimeoutMs = settings.extractTimeoutMs + (settings.analysis === null ? 0 : settings.analysisTimeoutMs) + settings.hardTimeoutGraceMs;
  return createPageAnalyzer({ inline: settings.inline, jobs: settings.jobs, hardTimeoutMs, maxHeapMb: settings.workerHeapMb });
}

/** Starts a page's analysis (the bytes go to a worker; a copy stays here when raw HTML is kept). Never rejects. */
async function prepare(item: SourceItem, analyzer: PageAnalyzer, settings: IngestSettings): Promise<Ready> {
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
      analysis: settings.analysis,
    };
    return { kind: 'page', item, raw, analysis: await analyzer.analyze(task) };
  } catch (error) {
    return { kind: 'fatal', error };
  }
}

async function pageRecord(store: Store, runId: RunId, ready: Extract<Ready, { kind: 'page' }>, settings: IngestSettings): Promise<PageRecord> {
  const { item, analysis } = ready;
  const headers = item.headers ?? {};
  let outcome: PageOutcome;
  let canonicalUrl = item.url === null ? null : canonicalizeUrl(item.url);
  let contentHash: string | null = null;
  if (!analysis.ok) {
    outcome = extractionProblem(analysis.code, analysis.code === 'TIMEOUT' ? `Extraction did not stop by itself within ${settings.extractTimeoutMs} ms, so its worker was stopped (raise --extract-timeout / extractTimeoutMs to allow more).` : analysis.message);
  } else if (!analysis.value.ok) {
    contentHash = analysis.value.contentHash;
    outcome = extractionProblem(analysis.value.code, analysis.value.message);
  } else {
    contentHash = analysis.value.contentHash;
    canonicalUrl = analysis.value.canonicalUrl;
    outcome = await decideArticle(store, analysis.value, settings.duplicates);
    if ((outcome.kind === 'article' || outcome.kind === 'revision') && analysis.value.analysis !== null) outcome = { ...outcome, analysis: analysis.value.analysis };
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
    outcome,
  };
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
