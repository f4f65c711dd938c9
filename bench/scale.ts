/**
 * `npm run bench:scale`: Parley on PostgreSQL, in one run, on a throw-away PostgreSQL server started here
 * (test/helpers/postgres-server.ts, fsync on):
 *
 * 1. ingest throughput of 1 `parley worker` process versus 2, on the same queue of the same WARC.gz of
 *    benchmark pages (../shared/bench), each worker with one extraction thread, as a ratio (goal ≥ 1.7×);
 * 2. search latency (p50/p95 of the 100 queries of bench:search) on the same synthetic archive stored in
 *    PostgreSQL and in SQLite (goal p95 < 50 ms for both).
 *
 *   npm run bench:scale -- [--pages N]      pages in the WARC (default 2000)
 *                          [--articles N]   synthetic articles for the search part (default 1000000)
 *                          [--no-record]    do not append the figures to bench/RESULTS.md
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { PageRecord, Store } from '../src/store/store.js';
import { startPostgres } from '../test/helpers/postgres-server.js';
import { BENCH_DIR, SHARED } from './lib/datasets.js';
import { ArticleFactory } from './lib/search-articles.js';
import { buildLanguageModel, Random } from './lib/search-corpus.js';
import { benchQueries } from './lib/search-queries.js';
import { buildArchive } from './lib/warc-archive.js';

const REPO = join(import.meta.dirname, '..');
const MAIN = join(REPO, 'dist', 'cli', 'main.js');
const RESULTS = join(REPO, 'bench', 'RESULTS.md');
const GOALS = { ratio: 1.7, p95Ms: 50 } as const;
const SEARCH_LIMIT = 20;
const TIMED_PASSES = 3;

const { values } = parseArgs({ options: { pages: { type: 'string', default: '2000' }, articles: { type: 'string', default: '1000000' }, 'no-record': { type: 'boolean', default: false } } });
const pages = Number(values.pages);
const articles = Number(values.articles);
if (!existsSync(BENCH_DIR)) {
  console.error(`bench:scale builds its archive from the HTML in ${BENCH_DIR}, which is not there. Put the shared folder beside the project (or set PARLEY_SHARED).`);
  process.exit(1);
}
if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm run bench:scale does it first).`);

const dir = mkdtempSync(join(tmpdir(), 'parley-scale-'));
const server = await startPostgres({ durable: true, settings: { shared_buffers: '1GB', max_wal_size: '4GB' } });
try {
  const loadBefore = loadavg()[0]!;
  const archive = join(dir, 'bench.warc.gz');
  await buildArchive(archive, pages);
  const one = await throughput(archive, 1);
  const two = await throughput(archive, 2);
  const search = await searchLatency();
  report(one, two, search, loadBefore);
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}

function run(args: readonly string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

/** Pages per second of `workers` worker processes (one thread each) draining one queue of the archive. */
async function throughput(archive: string, workers: number): Promise<{ workers: number; seconds: number; pagesPerSecond: number }> {
  const url = await server.createDatabase(`scale_${workers}`);
  if ((await run(['ingest', '--db', url, '--enqueue', '--share-size', '1MB', '--quiet', archive])) !== 0) throw new Error('enqueue failed');
  const started = performance.now();
  const codes = await Promise.all(Array.from({ length: workers }, () => run(['worker', '--db', url, '--jobs', '1', '--exit-when-idle', '--poll', '200ms', '--quiet'])));
  const seconds = (performance.now() - started) / 1000;
  if (codes.some((code) => code !== 0)) throw new Error(`a worker failed: ${codes.join(', ')}`);
  console.error(`${workers} worker(s): ${pages} pages in ${seconds.toFixed(1)} s`);
  return { workers, seconds, pagesPerSecond: pages / seconds };
}

interface Latency {
  readonly p50: number;
  readonly p95: number;
}

async function searchLatency(): Promise<{ postgres: Latency; sqlite: Latency; buildSeconds: { postgres: number; sqlite: number } }> {
  const seed = 20261126;
  const model = buildLanguageModel(SHARED, seed);
  const build = async (store: Store, bulk: (records: PageRecord[]) => Promise<void>): Promise<number> => {
    const factory = new ArticleFactory(model, new Random(seed + 1));
    const runId = await store.startRun({ sources: ['synthetic'], configHash: `bench-scale-${seed}`, stageVersions: [], startedAt: new Date().toISOString(), keepRaw: false });
    const started = performance.now();
    for (let done = 0; done < articles; ) {
      const records = Array.from({ length: Math.min(1000, articles - done) }, (_, i) => factory.page(runId, done + i));
      await bulk(records);
      done += records.length;
      if (done % 20_000 === 0) console.error(`  ${done} articles`);
    }
    return (performance.now() - started) / 1000;
  };
  const sqlite = await openSqliteStore(join(dir, 'search.db'), { mode: 'write', cacheKiB: 256 * 1024 });
  const sqliteBuild = await build(sqlite, async (records) => void sqlite.bulkCommit(records));
  const postgres = await openPostgresStore(await server.createDatabase('search'), { mode: 'write', poolSize: 8 });
  const postgresBuild = await build(postgres, async (records) => {
    for (let i = 0; i < records.length; i += 8) await Promise.all(records.slice(i, i + 8).map((r) => postgres.commitPage(r)));
  });
  await postgres.pool.query('VACUUM ANALYZE');
  const factory = new ArticleFactory(model, new Random(seed + 1));
  const queries = benchQueries(model, factory.sites, seed + 2);
  const time = async (store: Store): Promise<Latency> => {
    const samples: number[] = [];
    for (let pass = 0; pass <= TIMED_PASSES; pass++) {
      for (const q of queries) {
        const started = performance.now();
        await store.search({ ...q.query, limit: SEARCH_LIMIT });
        if (pass > 0) samples.push(performance.now() - started);
      }
    }
    samples.sort((a, b) => a - b);
    const at = (p: number): number => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)]!;
    return { p50: at(50), p95: at(95) };
  };
  const result = { postgres: await time(postgres), sqlite: await time(sqlite), buildSeconds: { postgres: postgresBuild, sqlite: sqliteBuild } };
  await postgres.close();
  await sqlite.close();
  return result;
}

function report(one: { seconds: number; pagesPerSecond: number }, two: { seconds: number; pagesPerSecond: number }, search: Awaited<ReturnType<typeof searchLatency>>, loadBefore: number): void {
  const ratio = two.pagesPerSecond / one.pagesPerSecond;
  const cpu = cpus();
  const lines = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: \`npm run bench:scale\` (issue 10)`,
    '',
    `- Command: \`npm run bench:scale -- --pages ${pages} --articles ${articles}\`; PostgreSQL ${server.url.includes('127.0.0.1') ? 'on this machine' : ''} (Debian package, started by the bench, fsync on), ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), shared with other work: 1-minute load ${loadBefore.toFixed(1)} before → ${loadavg()[0]!.toFixed(1)} after.`,
    `- Ingest through the queue (WARC.gz of ${pages} benchmark pages, 1 MB shares, every analysis stage, one thread per worker process; the database server on the same 2 cores):`,
    '',
    '| worker processes | wall s | pages/s |',
    '| ---: | ---: | ---: |',
    `| 1 | ${one.seconds.toFixed(1)} | ${one.pagesPerSecond.toFixed(1)} |`,
    `| 2 | ${two.seconds.toFixed(1)} | ${two.pagesPerSecond.toFixed(1)} |`,
    '',
    `- Ratio 2 / 1: **${ratio.toFixed(2)}×** (goal ≥ ${GOALS.ratio}×: ${ratio >= GOALS.ratio ? 'met' : 'NOT met'}).`,
    `- Search, the 100 queries of bench:search on ${articles.toLocaleString('en-US')} synthetic articles (built in ${search.buildSeconds.sqlite.toFixed(0)} s for SQLite, ${search.buildSeconds.postgres.toFixed(0)} s for PostgreSQL), warm, ${TIMED_PASSES} timed passes:`,
    '',
    '| store | p50 ms | p95 ms |',
    '| --- | ---: | ---: |',
    `| SQLite | ${search.sqlite.p50.toFixed(1)} | ${search.sqlite.p95.toFixed(1)} |`,
    `| PostgreSQL | ${search.postgres.p50.toFixed(1)} | ${search.postgres.p95.toFixed(1)} |`,
    '',
    `- Goal p95 < ${GOALS.p95Ms} ms: SQLite ${search.sqlite.p95 < GOALS.p95Ms ? 'met' : 'NOT met'}, PostgreSQL ${search.postgres.p95 < GOALS.p95Ms ? 'met' : 'NOT met'}${articles < 1_000_000 ? ` — at ${articles.toLocaleString('en-US')} articles, not the million the goal names` : ''}.`,
    '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (!values['no-record']) appendFileSync(RESULTS, `\n${text}`);
}
