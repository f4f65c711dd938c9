import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestQueue, QUEUE_SCHEMA, type IngestJobData } from '../../src/queue/queue.js';
import { runWorker } from '../../src/queue/worker.js';
import { readShare, type FeedSplitter } from '../../src/sources/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { StoreStats } from '../../src/store/store.js';
import { MAIN, runParley } from '../cli/run-parley.js';
import { storyPage } from '../ingest/helpers/pages.js';
import { postgresAvailable, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { collect } from '../sources/helpers/collect.js';
import { html, respond, startServer, type TestServer } from '../sources/helpers/server.js';

/**
 * A sitemap index (two sitemaps, 30 pages) and an RSS feed, ingested through the PostgreSQL queue by two
 * `parley worker` processes: the workers read the index, the sitemaps and the feed and put their entries
 * back on the queue in jobs of --share-items URLs, which both workers fetch; the archive ends holding
 * what a single SQLite ingest of the same two URLs stores.
 */

const available = postgresAvailable();
const dir = mkdtempSync(join(tmpdir(), 'parley-feed-workers-'));
let database: PostgresServer | null = null;
let site: TestServer | null = null;
let sources: string[] = [];
let baseline: Omit<StoreStats, 'runs' | 'runCount'> | null = null;
/** When each page request reached the site (ms, this process's clock), for the politeness test. */
const arrivals: { path: string; at: number }[] = [];
// A generous --timeout: a page that times out on a loaded machine would make the two archives differ.
const FETCH_FLAGS = ['--allow-private', '--delay', '0', '--timeout', '60s'];

async function archiveStats(location: string): Promise<Omit<StoreStats, 'runs' | 'runCount'>> {
  const store = await openStore(location, { mode: 'read' });
  try {
    const { runs: _runs, runCount: _count, ...stats } = await store.stats();
    return stats;
  } finally {
    await store.close();
  }
}

function worker(url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, 'worker', '--db', url, '--jobs', '1', '--exit-when-idle', '--poll', '200ms', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The queue's jobs: the kind of share, the entries it had, and what the job reported when done. */
async function queueJobs(url: string): Promise<{ kind: string; accept: string | null; urls: number; state: string; stored: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ data: IngestJobData; state: string; output: { stored?: number } | null }>(
      `SELECT data, state::text AS state, output FROM ${QUEUE_SCHEMA}.job UNION ALL SELECT data, state::text, output FROM ${QUEUE_SCHEMA}.archive`,
    );
    return rows.map(({ data: { share }, state, output }) => ({
      kind: share.kind,
      accept: share.kind === 'feed-entries' ? share.accept : null,
      urls: share.kind === 'feed-entries' ? share.urls.length : 0,
      state,
      stored: output?.stored ?? 0,
    }));
  } finally {
    await client.end();
  }
}

if (available) {
  beforeAll(async () => {
    database = await startPostgres();
    const first = Array.from({ length: 15 }, (_, i) => `/news/a${i}`);
    const second = Array.from({ length: 15 }, (_, i) => `/news/b${i}`);
    // The feed lists three of the sitemaps' pages again, two pages of its own, a page that is gone and a link that is not a URL.
    const feed = ['/news/a1', '/news/b2', '/news/b14', '/feed/c1', '/feed/c2', '/feed/gone'];
    site = await startServer((origin) => {
      const urlset = (paths: readonly string[]): string => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join('')}</urlset>`;
      const xml = (body: string): ReturnType<typeof respond> => respond(200, { 'Content-Type': 'application/xml' }, body);
      return {
        '/sitemap.xml': xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/s1.xml</loc></sitemap><sitemap><loc>${origin}/s2.xml</loc></sitemap></sitemapindex>`),
        '/s1.xml': xml(urlset(first)),
        '/s2.xml': xml(urlset(second)),
        '/feed.rss': respond(200, { 'Content-Type': 'application/rss+xml' }, `<rss version="2.0"><channel>${[...feed.map((p) => `${origin}${p}`), 'mailto:desk@news.example'].map((link) => `<item><link>${link}</link></item>`).join('')}</channel></rss>`),
        // Every fourth page is a reprint of the one before: duplicates decided across jobs.
        ...Object.fromEntries(
          [...first, ...second, '/feed/c1', '/feed/c2'].map((path, i) => {
            const page = html(storyPage(i % 4 === 3 ? 1000 + i - 1 : 1000 + i));
            const logged: typeof page = (request, response) => {
              arrivals.push({ path, at: performance.now() });
              page(request, response);
            };
            return [path, logged];
          }),
        ),
      };
    });
    sources = [site.url('/sitemap.xml'), site.url('/feed.rss')];
    const single = await runParley(['ingest', '--db', join(dir, 'single.db'), '--jobs', '1', '--quiet', ...FETCH_FLAGS, ...sources]);
    expect(single.code, single.stderr).toBe(0);
    baseline = await archiveStats(join(dir, 'single.db'));
    expect(baseline.articles).toBeGreaterThan(20);
    expect(baseline.duplicatePages + baseline.duplicates).toBeGreaterThan(3);
    expect(baseline.failures, JSON.stringify(baseline.failureReasons)).toBe(2);
  }, 240_000);
  afterAll(async () => {
    await site?.close();
    await database?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('feeds and sitemaps on the PostgreSQL queue', () => {
    it('are read by one job each and their entries fetched by both workers, in jobs of --share-items URLs, storing what one SQLite ingest stores', async () => {
      const url = await database!.createDatabase('feeds');
      const enqueued = await runParley(['ingest', '--db', url, '--enqueue', '--share-items', '4', '--quiet', ...FETCH_FLAGS, ...sources]);
      expect(enqueued.code, enqueued.stderr).toBe(0);
      const runs = await Promise.all([worker(url), worker(url)]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      // Both workers took jobs.
      expect(runs.map((run) => (JSON.parse(run.stdout) as { jobsDone: number }).jobsDone).every((n) => n > 0)).toBe(true);
      expect(await archiveStats(url)).toEqual(baseline);

      const jobs = await queueJobs(url);
      expect(jobs.every((job) => job.state === 'completed')).toBe(true);
      expect(jobs.filter((job) => job.kind === 'inputs')).toHaveLength(2);
      expect(jobs.filter((job) => job.accept === 'feed')).toHaveLength(2); // the index's two sitemaps
      const entries = jobs.filter((job) => job.accept === 'page');
      expect(entries.map((job) => job.urls).sort((a, b) => a - b)).toEqual([2, 3, 3, 4, 4, 4, 4, 4, 4, 4]); // 15 + 15 + the feed's 6
      expect(entries.filter((job) => job.stored > 0).length).toBeGreaterThan(5);

      const stats = await runParley(['stats', '--db', url, '--format', 'json']);
      const queue = (JSON.parse(stats.stdout) as { queue: { pending: number; running: number; failed: number; completed: number; fromFeeds: number } }).queue;
      expect(queue).toEqual(expect.objectContaining({ pending: 0, running: 0, failed: 0, completed: 14, fromFeeds: 12 }));
      const table = await runParley(['stats', '--db', url]);
      expect(table.stdout).toMatch(/Queue +0 pending, 0 running, 14 done, 0 retried, 0 failed \(12 made from the entries of feeds and sitemaps\)/);
    }, 240_000);

    it('does not queue a feed job\'s children twice when the job is run again after a failure', async () => {
      const url = await database!.createDatabase('retried');
      const enqueued = await runParley(['ingest', '--db', url, '--enqueue', '--share-items', '4', '--no-analysis', '--quiet', ...FETCH_FLAGS, site!.url('/sitemap.xml')]);
      expect(enqueued.code, enqueued.stderr).toBe(0);
      const queue = await IngestQueue.open(url, { retryDelaySeconds: 0 });
      const store = await openStore(url, { mode: 'write' });
      try {
        // A worker reads the index and queues its sitemaps, then fails before it marks its job done.
        const job = (await queue.fetch())!;
        const split: FeedSplitter = { urlsPerShare: 4, enqueue: (shares) => queue.enqueueChildren(shares.map((share) => ({ share, settings: job.data.settings, urlsPerShare: 4, ingest: job.data.ingest! }))) };
        await collect(readShare(job.data.share, { fetch: { allowPrivate: true, politenessDelayMs: 0 }, split }));
        await queue.fail(job.id, 'the worker lost its database connection');
        expect((await queueJobs(url)).filter((j) => j.accept === 'feed')).toHaveLength(2);
        // The job is retried (and reads the index again), and every job is done.
        const failed: string[] = [];
        const result = await runWorker({ queue, store, settings: { jobs: 1, inline: true }, exitWhenIdle: true, pollMs: 200, onJob: (event) => void (event.message && failed.push(event.message)) });
        expect(result.jobsFailed, failed.join('\n')).toBe(0);
        const jobs = await queueJobs(url);
        expect(jobs.filter((j) => j.accept === 'feed')).toHaveLength(2);
        expect(jobs.filter((j) => j.accept === 'page')).toHaveLength(8);
        expect(await queue.stats()).toMatchObject({ pending: 0, running: 0, failed: 0, retried: 1, completed: 11, fromFeeds: 10 });
        expect((await store.stats()).pages).toBe(30);
      } finally {
        await store.close();
        await queue.close();
      }
    }, 240_000);

    it('keep one site\'s --delay between the requests of both workers, not each its own', async () => {
      const url = await database!.createDatabase('polite');
      const list = join(dir, 'urls.txt');
      const paths = Array.from({ length: 8 }, (_, i) => `/news/a${i}`);
      writeFileSync(list, paths.map((path) => site!.url(path)).join('\n'));
      const delayMs = 500;
      const enqueued = await runParley(['ingest', '--db', url, '--enqueue', '--share-items', '2', '--no-analysis', '--quiet', '--allow-private', '--delay', `${delayMs}ms`, '--timeout', '60s', list]);
      expect(enqueued.code, enqueued.stderr).toBe(0);
      arrivals.length = 0;
      const runs = await Promise.all([worker(url), worker(url)]);
      for (const run of runs) expect(run.code, run.stderr).toBe(0);
      expect(runs.map((run) => (JSON.parse(run.stdout) as { jobsDone: number }).jobsDone).every((n) => n > 0)).toBe(true);
      const times = arrivals.filter((a) => paths.includes(a.path)).map((a) => a.at).sort((a, b) => a - b);
      expect(times).toHaveLength(8);
      // Booked starts are exactly the delay apart; arrivals may come a little closer (each request's way to the site).
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps)).toBeGreaterThan(delayMs - 150);
    }, 240_000);
  });
} else {
  describe.skip('feeds and sitemaps on the PostgreSQL queue (PostgreSQL is not installed)', () => it('needs PostgreSQL', () => undefined));
}
