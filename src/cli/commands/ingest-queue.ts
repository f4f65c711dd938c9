import { randomUUID } from 'node:crypto';
import { ingestReport, summaryLines, type IngestSettings, type ItemEvent } from '../../app/index.js';
import { isParleyError } from '../../pipeline/errors.js';
import { planShares } from '../../queue/plan.js';
import { IngestQueue, type IngestJobData } from '../../queue/queue.js';
import { runWorker, type WorkerResult } from '../../queue/worker.js';
import { isStoreError } from '../../store/errors.js';
import type { ArchiveStore } from '../../store/open-store.js';
import type { CliContext } from './command.js';
import { EXIT_INTERRUPTED, exitStatus, MAX_FAILURE_LINES, type IngestFlags } from './ingest.js';

/**
 * `parley ingest --db postgres://...`: the inputs are cut into shares (queue/plan.ts) and put on the
 * queue in the database; with --enqueue that is all (workers do the rest), otherwise this process
 * works on the queue until it is empty, as a `parley worker --exit-when-idle` would, with the same
 * summary as an SQLite ingest.
 */
export async function ingestThroughQueue(sources: readonly string[], flags: IngestFlags, settings: Partial<IngestSettings>, context: CliContext, target: { store: ArchiveStore; location: string; database: string }): Promise<number> {
  const { stdout, stderr } = context.streams;
  const say = (line: string): void => void (flags.quiet ? undefined : stderr.write(`${line}\n`));
  let queue: IngestQueue;
  try {
    queue = await IngestQueue.open(target.location, { supervise: !flags.enqueue, leaseSeconds: Math.max(1, Math.round(flags.lease / 1000)), retryLimit: flags.retries });
  } catch (error) {
    await target.store.close().catch(() => undefined);
    if (!isStoreError(error)) throw error;
    stderr.write(`parley ingest: the queue cannot be opened: ${error.message} [${error.code}]\n`);
    return 1;
  }
  const stop = new AbortController();
  const interrupt = (): void => {
    if (stop.signal.aborted) process.exit(EXIT_INTERRUPTED);
    say('parley ingest: stopping after the pages in progress are committed (the rest stays on the queue).');
    stop.abort();
  };
  process.on('SIGINT', interrupt);
  try {
    // The settings that shape what is stored travel with each job; threads and heap are each worker's own.
    const { jobs: _jobs, workerHeapMb: _heap, ...shaping } = settings;
    const ingestId = randomUUID();
    const jobs = async function* (): AsyncGenerator<IngestJobData> {
      for await (const share of planShares(sources, { warcShareBytes: flags.shareSize, pagesPerShare: flags.shareItems, urlsPerShare: flags.shareItems })) yield { share, settings: shaping, urlsPerShare: flags.shareItems, ingest: ingestId };
    };
    const queued = await queue.enqueue(jobs());
    say(`parley ingest: ${queued} job${queued === 1 ? '' : 's'} on the queue of ${target.database}.`);
    if (flags.enqueue) {
      if (flags.json) stdout.write(`${JSON.stringify({ database: target.database, queued })}\n`);
      else say('parley ingest: start "parley worker --db URL" on any number of machines to process them; "parley stats" shows the queue.');
      return 0;
    }
    let listed = 0;
    const onItem = (event: ItemEvent): void => {
      if (event.result !== 'failed') return;
      if (++listed <= MAX_FAILURE_LINES) say(`parley ingest: ${event.source}: ${event.message} [${event.code}]`);
    };
    const result: WorkerResult = await runWorker({ queue, store: target.store, settings: { jobs: flags.jobs, workerHeapMb: flags.workerHeap }, exitWhenIdle: true, signal: stop.signal, onItem });
    if (flags.json) stdout.write(`${JSON.stringify({ ...ingestReport(result, target.database), jobsDone: result.jobsDone, jobsFailed: result.jobsFailed })}\n`);
    else if (!flags.quiet) {
      for (const line of summaryLines(result, target.database)) stderr.write(`parley ingest: ${line}\n`);
      stderr.write(`parley ingest: ${result.jobsDone} queue job${result.jobsDone === 1 ? '' : 's'} done here${result.jobsFailed > 0 ? `, ${result.jobsFailed} failed (retried by the queue; "parley stats" has the reasons)` : ''}.\n`);
    }
    return exitStatus(result, flags, say);
  } catch (error) {
    if (isStoreError(error)) {
      stderr.write(`parley ingest: ${error.message} [${error.code}]\n`);
      return 1;
    }
    if (isParleyError(error)) {
      stderr.write(`parley ingest: ${error.message} [${error.code}]\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    await queue.close();
    await target.store.close().catch(() => undefined);
  }
}
