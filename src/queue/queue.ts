import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { SourceShare } from '../sources/index.js';
import { StoreError } from '../store/errors.js';
import { redactUrl, translatePgError, withReconnect } from '../store/postgres/connection.js';

/**
 * The ingest queue, kept in the archive's own PostgreSQL database by pg-boss (schema `parley_queue`).
 *
 * Why pg-boss: it is made for exactly this (jobs in PostgreSQL, fetched with SKIP LOCKED), is well kept,
 * runs on Node 20, and gives each job a lease (`expireIn`): a job whose worker was killed is failed by
 * the queue's maintenance once its lease ends and retried by another worker, up to a retry limit, with
 * its failure recorded. graphile-worker was the other candidate; it unlocks the jobs of a crashed worker
 * only after a fixed four hours and its current releases need Node 22.
 *
 * Exactly once: a job may run twice (a worker killed after committing half of its share), but every page
 * is committed under its source key, once (Store.commitPage), so a retried share stores only what the
 * killed worker had not.
 */

export const QUEUE_NAME = 'parley-ingest';
export const QUEUE_SCHEMA = 'parley_queue';

export interface QueueOptions {
  /** How long a worker may hold a job before it is given to another (a killed worker's lease ends); set on each job enqueued. */
  readonly leaseSeconds: number;
  /** Times a failed or expired job is tried again before it stays failed. */
  readonly retryLimit: number;
  /** Seconds before a failed job is tried again. */
  readonly retryDelaySeconds: number;
  /** How often expired leases are looked for (by one of the workers). */
  readonly maintenanceSeconds: number;
  /** Whether this process takes part in that maintenance (workers do; `ingest --enqueue` does not). */
  readonly supervise: boolean;
}

export const DEFAULT_QUEUE_OPTIONS: QueueOptions = Object.freeze({ leaseSeconds: 600, retryLimit: 3, retryDelaySeconds: 2, maintenanceSeconds: 10, supervise: true });

/** A job of the queue: one share of an ingest's inputs, and the settings the ingest was asked with. */
export interface IngestJobData {
  readonly share: SourceShare;
  /** The ingest settings that shape what is stored (keepRaw, stages, themes, limits), as given to `ingest --enqueue`. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** Entry URLs per job when a feed or sitemap read by this job is shared out (`--share-items`); absent in jobs queued before. */
  readonly urlsPerShare?: number;
  /** A UUID of the ingest that queued the work (one `parley ingest`): the jobs made from its feeds are named from it. */
  readonly ingest?: string;
}

/** A job made by a job, named from its ingest. */
export type ChildJobData = IngestJobData & { readonly ingest: string };

export interface QueueJob {
  readonly id: string;
  readonly data: IngestJobData;
  readonly retryCount: number;
}

export interface QueueStats {
  readonly pending: number;
  readonly running: number;
  readonly completed: number;
  /** Jobs that were retried at least once (after a failure or an expired lease), whatever their state now. */
  readonly retried: number;
  readonly failed: number;
  /** Of all these jobs, those made by workers from the entries of feeds and sitemaps they read. */
  readonly fromFeeds: number;
  /** The latest failures: job id, share, the reason. */
  readonly failures: readonly { readonly id: string; readonly share: string; readonly reason: string; readonly at: string }[];
}

export class IngestQueue {
  private constructor(
    private readonly boss: PgBoss,
    private readonly url: string,
    private readonly options: QueueOptions,
  ) {}

  static async open(url: string, overrides: Partial<QueueOptions> = {}): Promise<IngestQueue> {
    const options = { ...DEFAULT_QUEUE_OPTIONS, ...overrides };
    const boss = new PgBoss({
      connectionString: url,
      schema: QUEUE_SCHEMA,
      max: 2,
      supervise: options.supervise,
      schedule: false,
      // Expired leases are found at the next maintenance (one worker runs it per interval).
      maintenanceIntervalSeconds: options.maintenanceSeconds,
      monitorStateIntervalSeconds: options.maintenanceSeconds,
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
    });
    // Connection errors of the queue's own pool (a database restart) are retried by its next poll.
    boss.on('error', () => undefined);
    try {
      await withReconnect(() => boss.start(), 10_000);
      await boss.createQueue(QUEUE_NAME, { name: QUEUE_NAME, retryLimit: options.retryLimit, retryDelay: options.retryDelaySeconds, expireInSeconds: options.leaseSeconds });
    } catch (error) {
      await boss.stop({ graceful: false, wait: false }).catch(() => undefined);
      throw translatePgError(error, url);
    }
    return new IngestQueue(boss, url, options);
  }

  /** Puts the shares on the queue; returns how many. */
  async enqueue(jobs: AsyncIterable<IngestJobData> | Iterable<IngestJobData>): Promise<number> {
    return this.insert(jobs, () => undefined);
  }

  /**
   * Puts the jobs a job made (the entries of a feed it read) on the queue, each under an id made from its
   * ingest's id and the URLs it fetches (childJobId). So a job run again (retried after a failure or an
   * expired lease) that makes the same jobs finds them there and does not queue them twice (pg-boss
   * inserts with ON CONFLICT DO NOTHING on the id), and a sitemap listed by two indexes of one ingest is
   * read by one job, as one crawl skips a sitemap it has read. This holds while the jobs are in the
   * queue's job table (completed jobs move to its archive after a week), far longer than a retry takes.
   */
  async enqueueChildren(jobs: readonly ChildJobData[]): Promise<void> {
    await this.insert(jobs, (data) => childJobId(data as ChildJobData));
  }

  private async insert(jobs: AsyncIterable<IngestJobData> | Iterable<IngestJobData>, idOf: (data: IngestJobData) => string | undefined): Promise<number> {
    let batch: PgBoss.JobInsert[] = [];
    let count = 0;
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const inserting = batch;
      batch = [];
      await this.guard(() => this.boss.insert(inserting.map((job) => ({ ...job, name: QUEUE_NAME }))));
    };
    for await (const data of jobs) {
      const id = idOf(data);
      batch.push({ ...(id === undefined ? {} : { id }), name: QUEUE_NAME, data: data as unknown as object, expireInSeconds: this.options.leaseSeconds, retryLimit: this.options.retryLimit, retryDelay: this.options.retryDelaySeconds });
      count++;
      if (batch.length >= 500) await flush();
    }
    await flush();
    return count;
  }

  /** The next job, leased to this worker, or null when none is waiting. */
  async fetch(): Promise<QueueJob | null> {
    const [job] = await this.guard(() => this.boss.fetch<IngestJobData>(QUEUE_NAME, { batchSize: 1, includeMetadata: true }));
    return job ? { id: job.id, data: job.data, retryCount: job.retryCount } : null;
  }

  async complete(id: string, result: object): Promise<void> {
    await this.guard(() => this.boss.complete(QUEUE_NAME, id, result));
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.guard(() => this.boss.fail(QUEUE_NAME, id, { message: reason }));
  }

  /** Jobs waiting or running (the queue is idle at 0). */
  async outstanding(): Promise<number> {
    const stats = await this.stats();
    return stats.pending + stats.running;
  }

  async stats(maxFailures = 10): Promise<QueueStats> {
    return this.guard(() => readQueueStats(this.url, maxFailures));
  }

  async close(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, timeout: 5000 }).catch(() => undefined);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await withReconnect(work, 60_000);
    } catch (error) {
      throw translatePgError(error, this.url);
    }
  }
}

/** The queue's figures, read from pg-boss's tables (current jobs and the archive); null when there is no queue. */
export async function readQueueStats(url: string, maxFailures = 10): Promise<QueueStats> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = await client.query<{ found: boolean }>('SELECT to_regclass($1) IS NOT NULL AS found', [`${QUEUE_SCHEMA}.job`]);
    if (!exists.rows[0]?.found) return { pending: 0, running: 0, completed: 0, retried: 0, failed: 0, fromFeeds: 0, failures: [] };
    const jobs = `(SELECT id, state::text AS state, retry_count, data, output, completed_on FROM ${QUEUE_SCHEMA}.job WHERE name = $1
                   UNION ALL SELECT id, state::text, retry_count, data, output, completed_on FROM ${QUEUE_SCHEMA}.archive WHERE name = $1) j`;
    const counts = await client.query<{ state: string; n: string; retried: string; feeds: string }>(
      `SELECT state, count(*) AS n, count(*) FILTER (WHERE retry_count > 0) AS retried, count(*) FILTER (WHERE data->'share'->>'kind' = 'feed-entries') AS feeds FROM ${jobs} GROUP BY state`,
      [QUEUE_NAME],
    );
    const by = (states: string[]): number => counts.rows.filter((r) => states.includes(r.state)).reduce((sum, r) => sum + Number(r.n), 0);
    const failures = await client.query<{ id: string; data: IngestJobData; output: { message?: string; value?: { message?: string } } | null; completed_on: Date | null }>(
      `SELECT id, data, output, completed_on FROM ${jobs} WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
      [QUEUE_NAME, maxFailures],
    );
    return {
      pending: by(['created', 'retry']),
      running: by(['active']),
      completed: by(['completed']),
      retried: counts.rows.reduce((sum, r) => sum + Number(r.retried), 0),
      failed: by(['failed']),
      fromFeeds: counts.rows.reduce((sum, r) => sum + Number(r.feeds), 0),
      failures: failures.rows.map((r) => ({ id: r.id, share: describeShare(r.data.share), reason: r.output?.message ?? r.output?.value?.message ?? 'no reason recorded', at: r.completed_on?.toISOString() ?? '' })),
    };
  } catch (error) {
    throw error instanceof StoreError ? error : translatePgError(error, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A share in a few words, for logs and `parley stats`. */
export function describeShare(share: SourceShare): string {
  switch (share.kind) {
    case 'inputs':
      return share.inputs.length === 1 ? share.inputs[0]! : `${share.inputs.length} inputs from ${share.inputs[0]}`;
    case 'warc-range':
      return `${share.path} bytes ${share.start}-${share.end}`;
    case 'url-lines':
      return `${share.path} lines ${share.from}-${share.to}`;
    case 'feed-entries':
      return share.accept === 'feed' ? `${share.urls[0]} (a sitemap of ${share.feed})` : `${share.urls.length} entries of ${share.feed} from ${share.urls[0]}`;
  }
}

/**
 * A child job's id: a name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and a name) with the
 * ingest's id as the namespace and what the job fetches (its URLs and what they are) as the name: the
 * same entries made into a job twice in one ingest give the same id. Written here because it is a few
 * lines over node:crypto.
 */
export function childJobId(data: ChildJobData): string {
  const namespace = Buffer.from(data.ingest.replace(/-/g, ''), 'hex');
  const { share } = data;
  const name = JSON.stringify(share.kind === 'feed-entries' ? [share.kind, share.accept, share.urls] : share);
  const hash = createHash('sha1').update(namespace).update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export { redactUrl };
