/**
 * `npm run bench:search`: search latency on a synthetic archive of 1,000,000 articles, and the database
 * size per 1,000 articles. The archive is generated here (deterministic; real words from
 * ../shared/bench when present, pseudo-words otherwise) and stored through the store port's SQLite
 * adapter in bulk transactions; then 100 realistic queries run through `search()` exactly as the CLI and
 * the API call it (BM25, filters, snippets), one warm-up pass and three timed passes.
 *
 *   npm run bench:search -- [--articles N]   archive size (default 1000000)
 *                           [--db PATH]      where the archive is built (default bench/out/search-N.db)
 *                           [--reuse]        keep an archive of the right size from an earlier run
 *                           [--no-record]    do not append the figures to bench/RESULTS.md
 *                           [--seed N]
 */
import { appendFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ArticleFactory } from './lib/search-articles.js';
import { buildLanguageModel, Random } from './lib/search-corpus.js';
import { benchQueries, QUERY_MIX, type BenchQuery, type QueryKind } from './lib/search-queries.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(REPO, '..', 'shared');
const RESULTS = join(REPO, 'bench', 'RESULTS.md');
/** Pages per bulk transaction while building. */
const BATCH = 10_000;
/** Page cache while building: the random-key indexes (URLs, hashes, band keys) outgrow the default. */
const BUILD_CACHE_KIB = 1024 * 1024;
const TIMED_PASSES = 3;
const SEARCH_LIMIT = 20;
const GOAL_P95_MS = 50;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000000' },
    db: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
    seed: { type: 'string', default: '20261126' },
  },
});
const total = Number(values.articles);
const seed = Number(values.seed);
if (!Number.isSafeInteger(total) || total < 1000) throw new Error('--articles must be a whole number of at least 1000.');
const path = resolve(values.db ?? join(REPO, 'bench', 'out', `search-${total}.db`));

const model = buildLanguageModel(SHARED, seed);
const factory = new ArticleFactory(model, new Random(seed + 1));
const build = await buildArchive();
const size = measureSize();
const timings = await runQueries(benchQueries(model, factory.sites, seed + 2));
report();

async function buildArchive(): Promise<{ seconds: number; words: number } | null> {
  if (values.reuse && existsSync(path) && articleCount() === total) {
    console.error(`Reusing ${path} (${total.toLocaleString('en-US')} articles).`);
    return null;
  }
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  console.error(`Building ${total.toLocaleString('en-US')} articles into ${path} (${model.source}) …`);
  const store = await openSqliteStore(path, { mode: 'write', cacheKiB: BUILD_CACHE_KIB });
  const runId = await store.startRun({ sources: ['synthetic'], configHash: `bench-search-${seed}`, stageVersions: [], startedAt: new Date().toISOString(), keepRaw: false });
  const started = performance.now();
  let words = 0;
  for (let done = 0; done < total; ) {
    const records = Array.from({ length: Math.min(BATCH, total - done) }, (_, i) => factory.page(runId, done + i));
    for (const r of records) if (r.outcome.kind === 'article') words += r.outcome.article.wordCount;
    store.bulkCommit(records);
    done += records.length;
    if (done % 50_000 === 0 || done === total) {
      const seconds = (performance.now() - started) / 1000;
      console.error(`  ${done.toLocaleString('en-US')} articles, ${(done / seconds).toFixed(0)} articles/s, ${formatDuration(seconds)}`);
    }
  }
  const counts = { seen: total, stored: total, duplicate: 0, notArticle: 0, failed: 0, failedByReason: {} };
  await store.finishRun(runId, { finishedAt: new Date().toISOString(), status: 'completed', counts });
  await store.close(); // the last connection checkpoints the WAL into the file
  return { seconds: (performance.now() - started) / 1000, words };
}

function articleCount(): number {
  try {
    const db = new Database(path, { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return -1;
  }
}

/** The file size and where it goes (dbstat: bytes of pages per table and index). */
function measureSize(): { bytes: number; parts: [string, number][]; sqlite: string; averageWords: number } {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
    const parts = new Map<string, number>();
    const part = (name: string): string => {
      if (name.startsWith('articles_fts')) return 'full-text index';
      if (name === 'articles') return 'articles (text, metadata, compressed blocks)';
      if (name.startsWith('articles_by') || name.startsWith('sqlite_autoindex_articles')) return 'article indexes';
      if (name.startsWith('article_bands')) return 'LSH band keys';
      if (name.startsWith('pages') || name.startsWith('sqlite_autoindex_pages')) return 'pages';
      return 'other';
    };
    for (const row of rows) parts.set(part(row.name), (parts.get(part(row.name)) ?? 0) + row.bytes);
    const averageWords = (db.prepare('SELECT avg(word_count) AS w FROM articles').get() as { w: number }).w;
    const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    return { bytes: statSync(path).size + (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0), parts: [...parts].sort((a, b) => b[1] - a[1]), sqlite, averageWords };
  } finally {
    db.close();
  }
}

interface Timing {
  readonly query: BenchQuery;
  readonly ms: number[];
  readonly hits: number;
}

async function runQueries(queries: BenchQuery[]): Promise<Timing[]> {
  const store = await openSqliteStore(path, { mode: 'read' });
  try {
    const timings = queries.map((query) => ({ query, ms: [] as number[], hits: 0 }));
    for (let pass = 0; pass <= TIMED_PASSES; pass++) {
      for (const timing of timings) {
        const started = performance.now();
        const page = await store.search({ ...timing.query.query, limit: SEARCH_LIMIT });
        const ms = performance.now() - started;
        if (pass > 0) timing.ms.push(ms); // pass 0 warms the caches
        timing.hits = page.hits.length;
      }
    }
    return timings;
  } finally {
    await store.close();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(samples: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1]! };
}

function report(): void {
  const all = summary(timings.flatMap((t) => t.ms));
  const perThousand = size.bytes / (total / 1000);
  const rows: string[] = ['| queries | count | p50 ms | p95 ms | max ms | results (avg) |', '|---|---:|---:|---:|---:|---:|'];
  for (const kind of Object.keys(QUERY_MIX) as QueryKind[]) {
    const of = timings.filter((t) => t.query.kind === kind);
    const s = summary(of.flatMap((t) => t.ms));
    rows.push(`| ${kind} | ${of.length} | ${s.p50.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} | ${(of.reduce((n, t) => n + t.hits, 0) / of.length).toFixed(1)} |`);
  }
  rows.push(`| **all** | ${timings.length} | **${all.p50.toFixed(1)}** | **${all.p95.toFixed(1)}** | ${all.max.toFixed(1)} | ${(timings.reduce((n, t) => n + t.hits, 0) / timings.length).toFixed(1)} |`);
  const slowest = [...timings].sort((a, b) => summary(b.ms).p50 - summary(a.ms).p50).slice(0, 5);
  const cpu = cpus();
  const machine = `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores (shared with other work; load average ${loadavg()[0]!.toFixed(1)} at the end), ${(totalmem() / 1024 ** 3).toFixed(0)} GB RAM; Node ${process.versions.node}; SQLite ${size.sqlite} (better-sqlite3)`;
  const lines = [
    '## Search',
    '',
    `- Command: \`npm run bench:search\`${total === 1_000_000 ? '' : ` -- --articles ${total}`} (${total.toLocaleString('en-US')} synthetic articles, ${timings.length} queries)`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${machine}`,
    `- Archive: ${model.source}; Zipf-distributed vocabulary with topics and collocations; ${size.averageWords.toFixed(0)} words per article on average; 2,000 sites, 8 languages, 2019-2026, 8% undated. No raw HTML kept (--no-raw); MinHash signature (512 bytes) and 16 LSH band keys per article.`,
    build ? `- Build: ${formatDuration(build.seconds)} (${(total / build.seconds).toFixed(0)} articles/s, ${(build.words / build.seconds / 1e6).toFixed(2)} M words/s) through the store port, ${BATCH.toLocaleString('en-US')} pages per transaction` : '- Build: reused from an earlier run',
    `- Database: ${formatBytes(size.bytes)}, **${formatBytes(perThousand)} per 1,000 articles** (${size.parts.map(([name, bytes]) => `${name} ${formatBytes(bytes / (total / 1000))}`).join(', ')} per 1,000)`,
    `- Latency of \`store.search()\` (BM25 ranking, filters, ${SEARCH_LIMIT} results with snippets), warm cache, ${TIMED_PASSES} timed passes after a warm-up pass:`,
    '',
    ...rows,
    '',
    `- Goal p95 < ${GOAL_P95_MS} ms: ${all.p95 < GOAL_P95_MS ? 'met' : 'not met'} (p95 ${all.p95.toFixed(1)} ms).`,
    `- Slowest queries (p50): ${slowest.map((t) => `${describeQuery(t.query)} ${summary(t.ms).p50.toFixed(0)} ms`).join('; ')}.`,
    '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (!values['no-record']) {
    appendFileSync(RESULTS, `${existsSync(RESULTS) ? '\n' : '# Benchmark results\n\n'}${text}`);
    console.error(`Appended to ${RESULTS}.`);
  }
}

function describeQuery(q: BenchQuery): string {
  const { text, since, until, site, language } = q.query;
  const filters = [since && `since ${since}`, until && `until ${until}`, site && `site ${site}`, language && `lang ${language}`].filter(Boolean).join(', ');
  return `\`${text}\`${filters ? ` (${filters})` : ''}`;
}

function formatBytes(bytes: number): string {
  for (const [unit, scale] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) if (bytes >= scale) return `${(bytes / scale).toFixed(bytes >= 10 * scale ? 0 : 1)} ${unit}`;
  return `${bytes.toFixed(0)} B`;
}

function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m > 0 ? `${m} min ${Math.round(seconds % 60)} s` : `${seconds.toFixed(1)} s`;
}
