import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool, type TaskOutcome } from '../cli/pool/worker-pool.js';
import type { Article } from '../model/article.js';
import type { AnalysisOutcome, AnalysisSettings } from './article-analysis.js';
import type { PageAnalysis, PageTask } from './page-analysis.js';

/**
 * Where pages are extracted and articles analyzed: in a pool of worker threads (the default: the work
 * runs on every core, and a task stuck past its deadline is stopped by terminating its worker), or
 * inline on the calling thread (tests, embedding; the work's own cooperative deadline is then the only
 * limit). The same workers do both, so each loads its models once.
 */
export interface PageAnalyzer {
  /** Extraction and fingerprints of one page. `bytes` is transferred to the worker: the caller must not use it afterwards. */
  extract(task: PageTask): Promise<TaskOutcome<PageAnalysis>>;
  /**
   * The analysis stages over an extracted article. Runs before any queued extraction: it finishes a
   * page already started, so pages reach the writer in order without waiting behind newer ones.
   */
  analyzeArticle(article: Article, settings: AnalysisSettings): Promise<TaskOutcome<AnalysisOutcome>>;
  close(): Promise<void>;
}

/** A worker's tasks (page-worker.ts). */
export type WorkerTask = { readonly kind: 'page'; readonly page: PageTask } | { readonly kind: 'article'; readonly article: Article; readonly settings: AnalysisSettings };
export type WorkerResult = PageAnalysis | AnalysisOutcome;

export interface AnalyzerOptions {
  readonly inline: boolean;
  readonly jobs: number;
  /** Hard limit of an extraction task (ms). */
  readonly hardTimeoutMs: number;
  /** Hard limit of an analysis task (ms); default `hardTimeoutMs`. */
  readonly analysisHardTimeoutMs?: number;
  /** Heap limit of each worker thread (MB); undefined: V8's default. */
  readonly maxHeapMb?: number;
  /** The worker module; default page-worker next to this file (.js when built, .ts under tsx). */
  readonly workerScript?: URL;
}

/**
 * The young generation of each worker, in MB. V8's default lets each worker keep about 48 MB of it; at
 * 16 MB an ingest with every stage peaked 26 MB lower (490 instead of 516 MB, 200 pages, two runs each)
 * for 1-3 % more CPU; at 8 MB, 46 MB lower for 5-9 % more CPU.
 */
const WORKER_YOUNG_GENERATION_MB = 16;

export function createPageAnalyzer(options: AnalyzerOptions): PageAnalyzer {
  if (options.inline) return inlineAnalyzer();
  const script = options.workerScript ?? new URL(`./page-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const pool = new WorkerPool<WorkerTask, WorkerResult>({ script, size: options.jobs, hardTimeoutMs: options.hardTimeoutMs, maxHeapMb: options.maxHeapMb, maxYoungGenerationMb: WORKER_YOUNG_GENERATION_MB });
  const analysisLimit = options.analysisHardTimeoutMs ?? options.hardTimeoutMs;
  return {
    extract: (page) => pool.run({ kind: 'page', page }, [page.bytes.buffer as ArrayBuffer]) as Promise<TaskOutcome<PageAnalysis>>,
    analyzeArticle: (article, settings) => pool.run({ kind: 'article', article, settings }, [], { hardTimeoutMs: analysisLimit, urgent: true }) as Promise<TaskOutcome<AnalysisOutcome>>,
    close: () => pool.close(),
  };
}

/** Extraction and the stages are loaded only when used: the writer thread of a threaded ingest never needs them (their models are large). */
function inlineAnalyzer(): PageAnalyzer {
  const run = async <R>(work: () => Promise<R>): Promise<TaskOutcome<R>> => {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, code: 'WORKER_ERROR', message: `Processing the page failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
  return {
    extract: (task) => run(async () => (await import('./page-analysis.js')).analyzePage(task)),
    analyzeArticle: (article, settings) => run(async () => (await import('./article-analysis.js')).analyzerFor(settings).analyze(article)),
    async close() {},
  };
}
