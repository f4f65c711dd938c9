import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { EXTRACTOR } from '../extract/stamp.js';
import { DEFAULT_LIMITS } from '../extract/limits.js';
import type { StageStamp } from '../model/document.js';
import { ParleyError } from '../pipeline/errors.js';
import type { AnalysisSettings } from './article-analysis.js';
import { selectStages } from '../stages/select.js';
import { DEDUP_STAMP, DEFAULT_DUPLICATE_RULES, DEFAULT_MINHASH, type DuplicateRules, type MinHashParams } from '../dedup/index.js';
import { DEFAULT_FETCH_OPTIONS, DEFAULT_SOURCE_OPTIONS, type FetchOptions, type SourceOptions } from '../sources/index.js';

/**
 * Every setting of an ingest, named, with its default. The CLI flags map onto these; a library caller
 * or a test sets them directly. A value out of range is a misuse and throws at once (E_OPTION).
 */
export interface IngestSettings {
  /** Keep each page's raw HTML in the store (gzip-compressed). `--no-raw` turns it off. */
  readonly keepRaw: boolean;
  /** Extraction worker threads. */
  readonly jobs: number;
  /**
   * Extract on the calling thread instead of in workers: no hard per-page time limit (extraction's own
   * deadline still applies). For tests and embedding; the CLI always uses workers.
   */
  readonly inline: boolean;
  /** Pages between the sources and the writer per extraction job (read, extracting, or waiting their turn to commit). */
  readonly inFlightPerJob: number;
  /** Largest page, in bytes: a file, a WARC record's payload, a response body (and extraction's limit). */
  readonly maxPageBytes: number;
  /** Most elements one page may hold, and nest inside one another (extraction's maxElements and maxNesting): more is TOO_COMPLEX. */
  readonly maxElements: number;
  readonly maxNesting: number;
  /** Extraction time per page; the worker is stopped `hardTimeoutGraceMs` later if extraction did not stop itself. */
  readonly extractTimeoutMs: number;
  readonly hardTimeoutGraceMs: number;
  /** Fetches in flight at once, across hosts. */
  readonly concurrency: number;
  /**
   * Fetch URLs again even when an earlier run committed them, with conditional requests (`--refresh`; see
   * refresh.ts); with no sources, the address of every stored article. A changed page becomes a revision.
   */
  readonly refresh: boolean;
  /** Entries taken from one feed or sitemap (`--max-feed-entries`). */
  readonly maxFeedEntries: number;
  /** Sitemap indexes followed into sitemap indexes, this deep (`--max-sitemap-depth`). */
  readonly maxSitemapDepth: number;
  /** Fetch settings (user agent, private addresses, timeouts, politeness, ...); the defaults are the fetcher's. */
  readonly fetch: Partial<FetchOptions>;
  readonly minhash: MinHashParams;
  readonly duplicates: DuplicateRules;
  /** The analysis stages run on each article, in the workers (`--stages`, `--themes`); null: extraction only (`--no-analysis`). */
  readonly analysis: AnalysisSettings | null;
  /** Time the analysis of one article may take on top of extraction before its worker is stopped. */
  readonly analysisTimeoutMs: number;
  /**
   * Heap limit of each worker thread, in MB (`--worker-heap`). Left to V8's default, idle workers keep
   * hundreds of MB they no longer use; a page whose extraction and analysis need more fails with
   * WORKER_ERROR (its worker is replaced) and the run goes on.
   */
  readonly workerHeapMb: number;
}

export const DEFAULT_INGEST_SETTINGS: IngestSettings = Object.freeze({
  keepRaw: true,
  jobs: Math.max(1, availableParallelism()),
  inline: false,
  inFlightPerJob: 4,
  maxPageBytes: DEFAULT_LIMITS.maxBytes,
  maxElements: DEFAULT_LIMITS.maxElements,
  maxNesting: DEFAULT_LIMITS.maxNesting,
  extractTimeoutMs: DEFAULT_LIMITS.timeoutMs,
  hardTimeoutGraceMs: 1000,
  concurrency: DEFAULT_SOURCE_OPTIONS.concurrency,
  refresh: false,
  maxFeedEntries: DEFAULT_SOURCE_OPTIONS.maxFeedEntries,
  maxSitemapDepth: DEFAULT_SOURCE_OPTIONS.maxSitemapDepth,
  fetch: Object.freeze({}),
  minhash: DEFAULT_MINHASH,
  duplicates: DEFAULT_DUPLICATE_RULES,
  analysis: Object.freeze({ stages: null }),
  analysisTimeoutMs: 60_000,
  workerHeapMb: 256,
});

export function resolveIngestSettings(overrides: Partial<IngestSettings> = {}): IngestSettings {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<IngestSettings>;
  const settings: IngestSettings = { ...DEFAULT_INGEST_SETTINGS, ...defined };
  for (const name of ['jobs', 'inFlightPerJob', 'maxPageBytes', 'maxElements', 'maxNesting', 'extractTimeoutMs', 'concurrency', 'analysisTimeoutMs', 'workerHeapMb'] as const) {
    const value = settings[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new ParleyError('E_OPTION', `Ingest setting ${name} must be a whole number of at least 1, got ${String(value)}.`);
  }
  if (!Number.isSafeInteger(settings.hardTimeoutGraceMs) || settings.hardTimeoutGraceMs < 0) {
    throw new ParleyError('E_OPTION', `Ingest setting hardTimeoutGraceMs must be a whole number ≥ 0, got ${String(settings.hardTimeoutGraceMs)}.`);
  }
  if (settings.analysis !== null) selectStages(settings.analysis.stages); // an unknown stage name: E_OPTION now, not in a worker
  return Object.freeze(settings);
}

/** The stage versions of a run: extraction, de-duplication and the analysis stages it runs. */
export function runStages(settings: IngestSettings): readonly StageStamp[] {
  if (settings.analysis === null) return INGEST_STAGES;
  return [...INGEST_STAGES, ...selectStages(settings.analysis.stages).map(({ name, version }) => ({ name, version }))];
}

/** The stages whose versions are stored with each run. */
export const INGEST_STAGES: readonly StageStamp[] = Object.freeze([EXTRACTOR, DEDUP_STAMP]);

/**
 * A hash of the settings that shape what is stored (extraction limits, fingerprint parameters, duplicate
 * rules, whether raw HTML is kept), so a run's results can be traced to them. Settings that only change
 * how fast or politely pages arrive (jobs, concurrency, delays, user agent) are left out.
 */
export function configHash(settings: IngestSettings): string {
  const shaping = {
    maxPageBytes: settings.maxPageBytes,
    maxElements: settings.maxElements,
    maxNesting: settings.maxNesting,
    extractTimeoutMs: settings.extractTimeoutMs,
    keepRaw: settings.keepRaw,
    minhash: settings.minhash,
    duplicates: settings.duplicates,
    stages: runStages(settings),
    themesFile: settings.analysis?.themesFile ?? null,
    themesText: settings.analysis?.themesText ? createHash('sha256').update(settings.analysis.themesText.text).digest('hex').slice(0, 16) : null,
  };
  return createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 16);
}

/**
 * The sources' options: the page size limit applies to files, WARC payloads and response bodies alike
 * (a WARC record may exceed it by its header block), and the fetcher's own limits follow unless set.
 */
export function sourceOptionsFor(settings: IngestSettings): Partial<SourceOptions> {
  const fetch: Partial<FetchOptions> = {
    maxBodyBytes: settings.maxPageBytes,
    maxDecodedBytes: Math.max(settings.maxPageBytes, DEFAULT_FETCH_OPTIONS.maxDecodedBytes),
    ...settings.fetch,
  };
  return {
    maxPageBytes: settings.maxPageBytes,
    maxRecordBytes: settings.maxPageBytes + DEFAULT_SOURCE_OPTIONS.maxWarcHeaderBytes,
    concurrency: settings.concurrency,
    maxFeedEntries: settings.maxFeedEntries,
    maxSitemapDepth: settings.maxSitemapDepth,
    fetch,
  };
}
