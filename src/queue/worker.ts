import { hostname } from 'node:os';
import { createIngestAnalyzer, ingest, IngestAborted, type IngestResult, type ItemEvent } from '../app/ingest.js';
import { configHash, resolveIngestSettings, runStages, type IngestSettings } from '../app/settings.js';
import type { IngestCounts } from '../app/tally.js';
import { readShare, type FeedSplitter } from '../sources/index.js';
import type { RunId, RunStatus, Store } from '../store/store.js';
import { DEFAULT_PLAN_OPTIONS } from './plan.js';
import { describeShare, type IngestQueue, type QueueJob } from './queue.js';

/**
 * A queue worker: takes the ingest queue's jobs one at a time (each a share of some ingest's inputs),
 * ingests each with the settings it was enqueued with into the store, and marks it done (or failed, with
 * the reason, for the queue to retry). Extraction and analysis run in this process's worker threads
 * (`jobs`), kept across jobs. All the jobs of one worker are committed under one run of its own, which
 * it finishes when it stops; a worker that is killed leaves its run unfinished and its current job to
 * be retried by another worker once its lease ends (pages it committed are not stored twice).
 */

export interface WorkerRequest {
  readonly queue: IngestQueue;
  readonly store: Store;
  /** Settings of this worker (threads, heap), over those each job brings. */
  readonly settings?: Partial<IngestSettings>;
  /** Stop when no job is waiting or running (a job held by a worker that died is waited for). */
  readonly exitWhenIdle: boolean;
  /** How often an idle worker asks for a job. */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
  readonly onItem?: (event: ItemEvent) => void;
  readonly onJob?: (event: { readonly job: QueueJob; readonly share: string; readonly result: 'done' | 'failed'; readonly message: string | null }) => void;
}

export interface WorkerResult extends IngestResult {
  readonly jobsDone: number;
  readonly jobsFailed: number;
}

const DEFAULT_POLL_MS = 1000;

export async function runWorker(request: WorkerRequest): Promise<WorkerResult> {
  const started = performance.now();
  const own = request.settings ?? {};
  const analyzer = createIngestAnalyzer(resolveIngestSettings(own));
  let runId: RunId | null = null;
  let totals: IngestCounts | null = null;
  const unreadable: IngestResult['unreadable'][number][] = [];
  const analysisFailures: Record<string, number> = {};
  let jobsDone = 0;
  let jobsFailed = 0;
  let status: RunStatus = 'completed';
  try {
    while (!request.signal?.aborted) {
      const job = await request.queue.fetch();
      if (job === null) {
        if (request.exitWhenIdle && (await request.queue.outstanding()) === 0) break;
        await sleep(request.pollMs ?? DEFAULT_POLL_MS, request.signal);
        continue;
      }
      const settings = resolveIngestSettings({ ...(job.data.settings as Partial<IngestSettings>), ...own });
      runId ??= await request.store.startRun({
        sources: [`queue worker ${process.pid}@${hostname()}`],
        configHash: configHash(settings),
        stageVersions: runStages(settings),
        startedAt: new Date().toISOString(),
        keepRaw: settings.keepRaw,
      });
      const share = describeShare(job.data.share);
      // The feeds and sitemaps this job reads go back on the queue as jobs of their entries, for all workers.
      // Jobs queued without their ingest's id name their children from their own.
      const { settings: shaping, urlsPerShare = DEFAULT_PLAN_OPTIONS.urlsPerShare, ingest: ingestId = job.id } = job.data;
      const split: FeedSplitter = { urlsPerShare, enqueue: (shares) => request.queue.enqueueChildren(shares.map((child) => ({ share: child, settings: shaping, urlsPerShare, ingest: ingestId }))) };
      let result: IngestResult;
      try {
        result = await ingest({ sources: [share], store: request.store, settings, read: (options) => readShare(job.data.share, { ...options, split }), runId, analyzer, signal: request.signal, onItem: request.onItem });
      } catch (error) {
        const message = error instanceof IngestAborted ? `the store failed: ${error.message}` : error instanceof Error ? error.message : String(error);
        await request.queue.fail(job.id, message).catch(() => undefined);
        jobsFailed++;
        request.onJob?.({ job, share, result: 'failed', message });
        if (error instanceof IngestAborted) totals = addCounts(totals, error.counts);
        continue;
      }
      totals = addCounts(totals, result.counts);
      unreadable.push(...result.unreadable.slice(0, Math.max(0, 100 - unreadable.length)));
      for (const [stage, n] of Object.entries(result.analysisFailures)) analysisFailures[stage] = (analysisFailures[stage] ?? 0) + n;
      if (result.status === 'interrupted') {
        // Stopped in the middle: the rest of the share goes back to the queue (what was committed stays).
        await request.queue.fail(job.id, 'the worker was stopped before the end of this share').catch(() => undefined);
        status = 'interrupted';
        break;
      }
      await request.queue.complete(job.id, { seen: result.counts.seen, stored: result.counts.stored, failed: result.counts.failed });
      jobsDone++;
      request.onJob?.({ job, share, result: 'done', message: null });
    }
    if (request.signal?.aborted) status = 'interrupted';
  } finally {
    await analyzer.close();
  }
  const counts = totals ?? addCounts(null, null);
  if (runId !== null) await request.store.finishRun(runId, { finishedAt: new Date().toISOString(), status, counts });
  return { runId: runId ?? 0, status, counts, unreadable, elapsedMs: performance.now() - started, analysisFailures, jobsDone, jobsFailed };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The sum of two runs' counts (null: nothing yet). */
export function addCounts(a: IngestCounts | null, b: IngestCounts | null): IngestCounts {
  const zero: IngestCounts = { seen: 0, stored: 0, duplicate: 0, notArticle: 0, failed: 0, failedByReason: {}, notArticleByReason: {}, copies: 0, duplicateByReason: {}, resumed: 0, skipped: {}, unreadableSources: 0 };
  const x = a ?? zero;
  const y = b ?? zero;
  const merge = (p: Readonly<Record<string, number | undefined>>, q: Readonly<Record<string, number | undefined>>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const [key, n] of [...Object.entries(p), ...Object.entries(q)]) out[key] = (out[key] ?? 0) + (n ?? 0);
    return out;
  };
  return {
    seen: x.seen + y.seen,
    stored: x.stored + y.stored,
    duplicate: x.duplicate + y.duplicate,
    notArticle: x.notArticle + y.notArticle,
    failed: x.failed + y.failed,
    failedByReason: merge(x.failedByReason, y.failedByReason),
    notArticleByReason: merge(x.notArticleByReason, y.notArticleByReason),
    copies: x.copies + y.copies,
    duplicateByReason: merge(x.duplicateByReason, y.duplicateByReason),
    resumed: x.resumed + y.resumed,
    skipped: merge(x.skipped, y.skipped),
    unreadableSources: x.unreadableSources + y.unreadableSources,
  };
}
