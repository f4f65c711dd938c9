/**
 * `npm run bench:scale`: Parley on PostgreSQL, in one run, on a throw-away PostgreSQL server started here
 * (test/helpers/postgres-server.ts, fsync on):
 *
 * 1. ingest throughput of 1 `parley worker` process versus 2, on the same queue of the same WARC.gz of
 *    benchmark pages (../shared/bench), each worker with one extraction thread, as a ratio (goal ≥ 1.7×),
 *    with the CPU time the workers and the database server spent: the cores one worker keeps busy bound
 *    what a second can add on this machine;
 * 2. search latency (p50/p95 of the 100 queries of bench:search) on the same synthetic archive stored in
 *    PostgreSQL and in SQLite (goal p95 < 50 ms for both).
 *
 *   npm run bench:scale -- [--pages N]      pages in the WARC (default 2000)
 *                          [--articles N]   synthetic articles for the search part (default 1000000; 0 skips it)
 *                          [--no-record]    do not append the figures to bench/RESULTS.md
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { PageRecord, SearchQuery, Store } from '../src/store/store.js';
import { startPostgres } from '../test/helpers/postgres-server.js';
import { endedChildrenCpuS, processTreeCpuS } from './lib/cpu.js';
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
  const search = articles > 0 ? await searchLatency() : null;
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

interface Throughput {
  readonly workers: number;
  readonly seconds: number;
  readonly pagesPerSecond: number;
  /** CPU seconds of the worker processes and of the PostgreSQL server while they drained the queue. */
  readonly workerCpuS: number;
  readonly postgresCpuS: number;
}

/** The PostgreSQL server's postmaster: the first line of postmaster.pid in its data folder. */
function postmasterPid(): number {
  return Number(readFileSync(join(server.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/**
 * Pages per second of `workers` worker processes (one thread each) draining one queue of the archive,
 * with the CPU time the workers and the database server spent: on 2 cores, two processes can only go
 * faster than one by the share of the cores one leaves idle, and these times show that share.
 */
async function throughput(archive: string, workers: number): Promise<Throughput> {
  const url = await server.createDatabase(`scale_${workers}`);
  if ((await run(['ingest', '--db', url, '--enqueue', '--share-size', '1MB', '--quiet', archive])) !== 0) throw new Error('enqueue failed');
  const cpuBefore = { workers: endedChildrenCpuS(), postgres: processTreeCpuS(postmasterPid()) };
  const started = performance.now();
  const codes = await Promise.all(Array.from({ length: workers }, () => run(['worker', '--db', url, '--jobs', '1', '--exit-when-idle', '--poll', '200ms', '--quiet'])));
  const seconds = (performance.now() - started) / 1000;
  const workerCpuS = endedChildrenCpuS() - cpuBefore.workers;
  const postgresCpuS = processTreeCpuS(postmasterPid()) - cpuBefore.postgres;
  if (codes.some((code) => code !== 0)) throw new Error(`a worker failed: ${codes.join(', ')}`);
  console.error(`${workers} worker(s): ${pages} pages in ${seconds.toFixed(1)} s; CPU ${workerCpuS.toFixed(1)} s in the workers, ${postgresCpuS.toFixed(1)} s in PostgreSQL`);
  return { workers, seconds, pagesPerSecond: pages / seconds, workerCpuS, postgresCpuS };
}

interface Latency {
  readonly p50: number;
  readonly p95: number;
  /** The five slowest queries by their median time, for the reader to see what decides the p95. */
  readonly slowest: readonly { readonly query: string; readonly ms: number }[];
  /** The 1-minute load average while the queries ran (other work on the machine shows here). */
  readonly load: number;
}

interface SearchFigures {
  readonly postgres: Latency;
  readonly sqlite: Latency;
  readonly buildSeconds: { readonly postgres: number; readonly sqlite: number };
}

/**
 * Builds the same synthetic archive in SQLite and then in PostgreSQL and times the bench:search queries
 * on each right after its build (so the SQLite figure is kept even when the PostgreSQL build fails).
 */
async function searchLatency(): Promise<SearchFigures> {
  const seed = 20261126;
  const model = buildLanguageModel(SHARED, seed);
  const queries = benchQueries(model, new ArticleFactory(model, new Random(seed + 1)).sites, seed + 2);
  const build = async (name: string, store: Store, bulk: (records: PageRecord[]) => Promise<void>): Promise<number> => {
    const factory = new ArticleFactory(model, new Random(seed + 1));
    const runId = await store.startRun({ sources: ['synthetic'], configHash: `bench-scale-${seed}`, stageVersions: [], startedAt: new Date().toISOString(), keepRaw: false });
    const started = performance.now();
    for (let done = 0; done < articles; ) {
      const records = Array.from({ length: Math.min(1000, articles - done) }, (_, i) => factory.page(runId, done + i));
      await bulk(records);
      done += records.length;
      if (done % 20_000 === 0) console.error(`  ${name}: ${done} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    return (performance.now() - started) / 1000;
  };
  const time = async (name: string, store: Store): Promise<Latency> => {
    const samples: number[] = [];
    const byQuery = queries.map(() => [] as number[]);
    for (let pass = 0; pass <= TIMED_PASSES; pass++) {
      for (const [i, q] of queries.entries()) {
        const started = performance.now();
        await store.search({ ...q.query, limit: SEARCH_LIMIT });
        const ms = performance.now() - started;
        if (pass > 0) {
          samples.push(ms);
          byQuery[i]!.push(ms);
        }
      }
    }
    const latency = { p50: percentile(samples, 50), p95: percentile(samples, 95), load: loadavg()[0]!, slowest: slowestQueries(byQuery) };
    console.error(`  ${name}: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
    return latency;
  };
  const sqliteStore = await openSqliteStore(join(dir, 'search.db'), { mode: 'write', cacheKiB: 256 * 1024 });
  const sqliteBuild = await build('SQLite', sqliteStore, async (records) => void sqliteStore.bulkCommit(records));
  const sqlite = await time('SQLite', sqliteStore);
  await sqliteStore.close();
  rmSync(join(dir, 'search.db'), { force: true });
  const url = await server.createDatabase('search');
  const postgresStore = await openPostgresStore(url, { mode: 'write', poolSize: 8 });
  const postgresBuild = await build('PostgreSQL', postgresStore, async (records) => {
    for (let i = 0; i < records.length; i += 8) await Promise.all(records.slice(i, i + 8).map((r) => postgresStore.commitPage(r)));
  });
  await postgresStore.pool.query('VACUUM ANALYZE');
  const postgres = await time('PostgreSQL', postgresStore);
  await postgresStore.close();
  return { postgres, sqlite, buildSeconds: { postgres: postgresBuild, sqlite: sqliteBuild } };

  function slowestQueries(byQuery: readonly number[][]): Latency['slowest'] {
    return byQuery
      .map((times, i) => ({ query: describe(queries[i]!.query), ms: percentile(times, 50) }))
      .sort((x, y) => y.ms - x.ms)
      .slice(0, 5);
  }
}

/** The query as a reader would type it: its text and its filters. */
function describe(query: SearchQuery): string {
  const filters = Object.entries(query).filter(([key]) => key !== 'text').map(([key, value]) => `${key}:${String(value)}`);
  return [query.text, ...filters].join(' ');
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function report(one: Throughput, two: Throughput, search: SearchFigures | null, loadBefore: number): void {
  const ratio = two.pagesPerSecond / one.pagesPerSecond;
  const cpu = cpus();
  const cores = (t: Throughput): number => (t.workerCpuS + t.postgresCpuS) / t.seconds;
  const row = (t: Throughput): string =>
    `| ${t.workers} | ${t.seconds.toFixed(1)} | ${t.pagesPerSecond.toFixed(1)} | ${((t.workerCpuS / pages) * 1000).toFixed(1)} | ${((t.postgresCpuS / pages) * 1000).toFixed(1)} | ${cores(t).toFixed(2)} |`;
  const lines = [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: \`npm run bench:scale\` (issue 10)`,
    '',
    `- Command: \`npm run bench:scale -- --pages ${pages} --articles ${articles}\`; PostgreSQL on this machine (Debian package, started by the bench, fsync on), ${cpu.length} cores (${cpu[0]?.model ?? 'unknown CPU'}), shared with other work: 1-minute load ${loadBefore.toFixed(1)} before → ${loadavg()[0]!.toFixed(1)} after.`,
    `- Ingest through the queue (WARC.gz of ${pages} benchmark pages, 1 MB shares, every analysis stage, one thread per worker process; the database server on the same ${cpu.length} cores):`,
    '',
    '| worker processes | wall s | pages/s | worker CPU ms/page | PostgreSQL CPU ms/page | cores busy |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    row(one),
    row(two),
    '',
    `- Ratio 2 / 1: **${ratio.toFixed(2)}×** (goal ≥ ${GOALS.ratio}×: ${ratio >= GOALS.ratio ? 'met' : 'NOT met'}). One worker process and the server keep ${cores(one).toFixed(2)} of the ${cpu.length} cores busy, so on this machine two can be at most ${(cpu.length / cores(one)).toFixed(2)}× as fast as one; CPU per page with two workers is ${(((two.workerCpuS + two.postgresCpuS) / (one.workerCpuS + one.postgresCpuS) - 1) * 100).toFixed(0)} % ${two.workerCpuS + two.postgresCpuS >= one.workerCpuS + one.postgresCpuS ? 'above' : 'below'} one's (each process loads its own models and warms its own caches).`,
    ...(search === null ? ['- Search: not measured (`--articles 0`).'] : searchLines(search)),
    '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (!values['no-record']) appendFileSync(RESULTS, `\n${text}`);
}

function searchLines(search: SearchFigures): string[] {
  return [
    `- Search, the 100 queries of bench:search on ${articles.toLocaleString('en-US')} synthetic articles (built in ${search.buildSeconds.sqlite.toFixed(0)} s for SQLite, ${search.buildSeconds.postgres.toFixed(0)} s for PostgreSQL), warm, ${TIMED_PASSES} timed passes:`,
    '',
    '| store | p50 ms | p95 ms | load | slowest queries (median ms) |',
    '| --- | ---: | ---: | ---: | --- |',
    `| SQLite | ${search.sqlite.p50.toFixed(1)} | ${search.sqlite.p95.toFixed(1)} | ${search.sqlite.load.toFixed(1)} | ${slowest(search.sqlite)} |`,
    `| PostgreSQL | ${search.postgres.p50.toFixed(1)} | ${search.postgres.p95.toFixed(1)} | ${search.postgres.load.toFixed(1)} | ${slowest(search.postgres)} |`,
    '',
    `- Goal p95 < ${GOALS.p95Ms} ms: SQLite ${search.sqlite.p95 < GOALS.p95Ms ? 'met' : 'NOT met'}, PostgreSQL ${search.postgres.p95 < GOALS.p95Ms ? 'met' : 'NOT met'}${articles < 1_000_000 ? ` — at ${articles.toLocaleString('en-US')} articles, not the million the goal names` : ''}.`,
  ];
}

function slowest(latency: Latency): string {
  return latency.slowest.map((q) => `\`${q.query}\` ${q.ms.toFixed(0)}`).join('; ');
}
