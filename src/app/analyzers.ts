import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool, type TaskOutcome } from '../cli/pool/worker-pool.js';
import type { analyzePage, PageAnalysis, PageTask } from './page-analysis.js';

/**
 * Where pages are analyzed: in a pool of worker threads (the default: extraction runs on every core
 * and a page stuck past its deadline is stopped by terminating its worker), or inline on the calling
 * thread (tests, embedding; extraction's own cooperative deadline is then the only limit).
 */
export interface PageAnalyzer {
  /** `bytes` is transferred to the worker: the caller must not use it afterwards. */
  analyze(task: PageTask): Promise<TaskOutcome<PageAnalysis>>;
  close(): Promise<void>;
}

export interface AnalyzerOptions {
  readonly inline: boolean;
  readonly jobs: number;
  readonly hardTimeoutMs: number;
  /** Heap limit of each worker thread (MB); undefined: V8's default. */
  readonly maxHeapMb?: number;
  /** The worker module; default page-worker next to this file (.js when built, .ts under tsx). */
  readonly workerScript?: URL;
}

export function createPageAnalyzer(options: AnalyzerOptions): PageAnalyzer {
  if (options.inline) return inlineAnalyzer();
  const script = options.workerScript ?? new URL(`./page-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  const pool = new WorkerPool<PageTask, PageAnalysis>({ script, size: options.jobs, hardTimeoutMs: options.hardTimeoutMs, maxHeapMb: options.maxHeapMb });
  return {
    analyze: (task) => pool.run(task, [task.bytes.buffer as ArrayBuffer]),
    close: () => pool.close(),
  };
}

/** Extraction is loaded only when used: the writer thread of a threaded ingest never needs it (its language models are large). */
function inlineAnalyzer(): PageAnalyzer {
  let loaded: Promise<{ analyzePage: typeof analyzePage }> | null = null;
  return {
    async analyze(task) {
      try {
        loaded ??= import('./page-analysis.js');
        return { ok: true, value: (await loaded).analyzePage(task) };
      } catch (error) {
        return { ok: false, code: 'WORKER_ERROR', message: `Processing the page failed: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    async close() {},
  };
}
