/**
 * `npm run bench:ui`: the latency of every API route the workbench calls, on a synthetic archive of
 * 100,000 articles with every analysis layer, and the size of the script the first page load fetches.
 *
 * The archive is generated (deterministic; real words from ../shared/bench when present) and stored
 * through the store port's SQLite adapter exactly as an ingest stores pages with their analysis; the
 * routes are called through the API app in-process (parameters checked, store queried, JSON written),
 * with realistic arguments: frequent, middling and rare words, popular and rare actors, date ranges.
 *
 *   npm run bench:ui -- [--articles N]   archive size (default 100000)
 *                       [--db PATH]      where the archive is built (default bench/out/ui-N.db)
 *                       [--reuse]        keep an archive of the right size from an earlier run
 *                       [--no-record]    do not append the figures to bench/RESULTS.md
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createApp } from '../src/server/app.js';
import type { PageRecord } from '../src/store/store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { ArticleFactory } from './lib/search-articles.js';
import { buildLanguageModel, Random } from './lib/search-corpus.js';
import { AnalysisFactory } from './lib/ui-analysis.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(REPO, '..', 'shared');
const RESULTS = join(REPO, 'bench', 'RESULTS.md');
const BATCH = 2_000;
const TIMED_PASSES = 3;
const GOAL_P95_MS = 100;
const GOAL_SCRIPT_KB = 500;
const SEED = 20261207;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    db: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
  },
});
const total = Number(values.articles);
if (!Number.isSafeInteger(total) || total < 1000) throw new Error('--articles must be a whole number of at least 1000.');
const path = resolve(values.db ?? join(REPO, 'bench', 'out', `ui-${total}.db`));

const model = buildLanguageModel(SHARED, SEED);
const articles = new ArticleFactory(model, new Random(SEED + 1));
const analyses = new AnalysisFactory(new Random(SEED + 2));
let loadAtStart = 0;
const buildSeconds = await buildArchive();
const routes = await timeRoutes();
report();

async function buildArchive(): Promise<number | null> {
  if (values.reuse && existsSync(path) && articleCount() === total) {
    console.error(`Reusing ${path}.`);
    return null;
  }
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  console.error(`Building ${total.toLocaleString('en-US')} articles with analysis layers into ${path} (${model.source}) …`);
  const store = await openSqliteStore(path, { mode: 'write', cacheKiB: 512 * 1024 });
  const runId = await store.startRun({ sources: ['synthetic'], configHash: `bench-ui-${SEED}`, stageVersions: [], startedAt: new Date().toISOString(), keepRaw: false });
  const started = performance.now();
  let lastArticle: number | null = null;
  for (let done = 0; done < total; ) {
    const records: PageRecord[] = [];
    for (let i = 0; i < BATCH && done + i < total; i++) {
      const n = done + i;
      const page = articles.page(runId, n);
      if (page.outcome.kind !== 'article') continue;
      const analysis = analyses.analysis(page.outcome.article.text, page.outcome.article.published);
      // One page in 200 failed (the coverage view's list); one article in 150 is a reprint of an earlier one.
      if (n % 200 === 199) records.push({ ...page, sourceKey: `failed:${n}`, outcome: { kind: 'failed', stage: 'fetch', code: n % 400 === 399 ? 'TIMEOUT' : 'HTTP_404', message: 'The server did not answer in time.' } });
      const copyOf = n % 150 === 149 && lastArticle !== null ? { articleId: lastArticle, similarity: 0.93 } : null;
      records.push({ ...page, outcome: { ...page.outcome, copyOf, analysis } });
    }
    const results = store.bulkCommit(records);
    lastArticle = results.map((r) => r.page.articleId).filter((id): id is number => id !== null).pop() ?? lastArticle;
    done += BATCH;
    if (done % 20_000 === 0 || done >= total) console.error(`  ${Math.min(done, total).toLocaleString('en-US')} articles, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await store.finishRun(runId, { finishedAt: new Date().toISOString(), status: 'completed', counts: { seen: total, stored: total, duplicate: 0, notArticle: 0, failed: 0, failedByReason: {} } });
  await store.close();
  return (performance.now() - started) / 1000;
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

interface RouteTiming {
  readonly route: string;
  readonly view: string;
  readonly ms: number[];
  readonly cpuMs: number[];
  readonly slowest: { url: string; ms: number };
}

/** The requests of each route, as the workbench's views make them. */
function requests(): { route: string; view: string; urls: string[] }[] {
  const words = model.words;
  const frequent = words.slice(150, 153);
  const middling = [words[2000]!, words[6000]!, words[15000]!];
  const rare = [words[60000]!, words[120000]!];
  const queries = [...frequent, ...middling, ...rare, `"${words[160]} ${words[161]}"`, `${words[170]} ${words[900]}`];
  const dated = (q: string): string => `${q} since:2025-01 until:2025-06`;
  const { frequent: popular, rare: fewer } = analyses.actorSample();
  const actors = [...popular.slice(0, 5), ...fewer.slice(0, 3)];
  const themes = analyses.themes();
  const enc = encodeURIComponent;
  const ids = [1, Math.floor(total * 0.0077), Math.floor(total * 0.05), Math.floor(total / 2), total - 10];
  return [
    { route: 'GET /api/articles?q=', view: 'Search', urls: queries.map((q) => `/api/articles?q=${enc(q)}&limit=20`) },
    { route: 'GET /api/articles (newest, filtered)', view: 'Search', urls: [`/api/articles?limit=20`, `/api/articles?q=${enc('theme:TRADE')}&limit=20`, `/api/articles?q=${enc(`actor:${actors[6]!.code}`)}&limit=20`, `/api/articles?q=${enc('since:2024-03 until:2024-03')}&limit=20`] },
    { route: 'GET /api/articles/timeline', view: 'Search', urls: [...queries.map((q) => `/api/articles/timeline?q=${enc(q)}&by=week`), `/api/articles/timeline?by=month`, ...queries.slice(0, 3).map((q) => `/api/articles/timeline?q=${enc(dated(q))}&by=day`)] },
    { route: 'GET /api/articles/facets', view: 'Search', urls: [...queries.map((q) => `/api/articles/facets?q=${enc(q)}`), '/api/articles/facets', `/api/articles/facets?q=${enc(dated(frequent[0]!))}`] },
    { route: 'GET /api/articles/{id}', view: 'Article', urls: ids.map((id) => `/api/articles/${id}`) },
    { route: 'GET /api/articles/{id}/analysis', view: 'Article', urls: ids.map((id) => `/api/articles/${id}/analysis`) },
    { route: 'GET /api/articles/{id}/group', view: 'Article', urls: [150, 300, Math.floor(total * 0.03), Math.floor(total * 0.45)].map((id) => `/api/articles/${id}/group`) },
    {
      route: 'GET /api/events (list)',
      view: 'Events, Actor',
      urls: [
        '/api/events?limit=50',
        ...actors.slice(0, 4).map((a) => `/api/events?source=${a.code}&limit=20`),
        `/api/events?source=USA&target=CHN&both=true&limit=50`,
        `/api/events?source=USA&target=CHN&both=true&code=11&theme=CYBER_SECURITY&since=2024-01&until=2025-12&limit=50`,
        `/api/events?source=${actors[6]!.code}&sourceName=${enc(actors[6]!.name)}&limit=20`,
        '/api/events?country=CHN&limit=50',
      ],
    },
    {
      route: 'GET /api/events?by= (timeline)',
      view: 'Events',
      urls: ['/api/events?by=month', `/api/events?source=USA&target=CHN&both=true&by=month`, `/api/events?source=USA&target=CHN&both=true&code=11&theme=CYBER_SECURITY&by=month`, `/api/events?source=RUS&by=week&since=2025-01`, `/api/events?quadClass=4&by=day&since=2026-01`],
    },
    { route: 'GET /api/quotes', view: 'Quotes, Actor', urls: [...actors.slice(0, 5).map((a) => `/api/quotes?speakerCode=${a.code}&speaker=${enc(a.name)}&limit=30`), `/api/quotes?speaker=minister&limit=30`, ...queries.slice(0, 6).map((q) => `/api/quotes?q=${enc(q)}&limit=30`), '/api/quotes?limit=30'] },
    // The Actors view asks for the whole archive's top actors (a search's come from its facets); a period or a
    // name filter (API only) is an exact count over the selected rows, not measured here.
    { route: 'GET /api/actors', view: 'Actors', urls: ['/api/actors?limit=50'] },
    { route: 'GET /api/actors/network', view: 'Actors', urls: ['/api/actors/network?nodes=30', ...queries.slice(0, 6).map((q) => `/api/actors/network?q=${enc(q)}&nodes=30`)] },
    { route: 'GET /api/actors/{code}', view: 'Actor', urls: [...actors.map((a) => `/api/actors/${a.code}?by=month`), `/api/actors/${actors[6]!.code}?name=${enc(actors[6]!.name)}`] },
    { route: 'GET /api/themes', view: 'Themes', urls: ['/api/themes?limit=40', '/api/themes?limit=40&since=2025-01'] },
    { route: 'GET /api/themes/timeline', view: 'Themes', urls: ['/api/themes/timeline?by=month', `/api/themes/timeline?themes=${themes.slice(0, 4).join(',')}&by=week`, `/api/themes/timeline?themes=${themes.slice(20, 24).join(',')}&by=month&since=2024-01`] },
    { route: 'GET /api/themes/grid', view: 'Themes', urls: ['/api/themes/grid', `/api/themes/grid?q=${enc('since:2025-01')}`, `/api/themes/grid?q=${enc(frequent[0]!)}`] },
    { route: 'GET /api/stats', view: 'Coverage, footer', urls: ['/api/stats?runs=50&sites=30', '/api/stats?runs=1&sites=1'] },
    { route: 'GET /api/places', view: 'Map', urls: ['/api/places?limit=60', '/api/places?limit=60&since=2025-01', '/api/places?limit=60&source=USA', '/api/places?limit=60&theme=TRADE'] },
    { route: 'GET /api/failures', view: 'Coverage', urls: ['/api/failures?limit=50', '/api/failures?kind=failed&code=TIMEOUT&limit=50'] },
    { route: 'GET /api/codebook', view: 'Events, Article, Actor', urls: ['/api/codebook'] },
  ];
}

async function timeRoutes(): Promise<RouteTiming[]> {
  loadAtStart = loadavg()[0]!;
  const store = await openSqliteStore(path, { mode: 'read' });
  const app = createApp({ store });
  try {
    const timings: RouteTiming[] = [];
    for (const { route, view, urls } of requests()) {
      const ms: number[] = [];
      const cpuMs: number[] = [];
      let slowest = { url: '', ms: 0 };
      for (let pass = 0; pass <= TIMED_PASSES; pass++) {
        for (const url of urls) {
          const cpuBefore = process.cpuUsage();
          const started = performance.now();
          const response = await app.request(url);
          const body = await response.text();
          const elapsed = performance.now() - started;
          const cpu = process.cpuUsage(cpuBefore);
          if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body}`);
          if (pass === 0) continue; // warms the caches
          ms.push(elapsed);
          cpuMs.push((cpu.user + cpu.system) / 1000);
          if (elapsed > slowest.ms) slowest = { url, ms: elapsed };
        }
      }
      timings.push({ route, view, ms, cpuMs, slowest });
      console.error(`  ${route}: p95 ${percentile(ms, 95).toFixed(1)} ms`);
    }
    return timings;
  } finally {
    await store.close();
  }
}

function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(): void {
  const build = JSON.parse(readFileSync(join(REPO, 'dist', 'ui', 'build.json'), 'utf8')) as { firstLoadScriptBytes: number };
  const scriptKb = build.firstLoadScriptBytes / 1024;
  const rows = ['| route | view | requests | p50 ms | p95 ms | p95 CPU ms | slowest request |', '|---|---|---:|---:|---:|---:|---|'];
  const marked = (ms: number): string => (ms < GOAL_P95_MS ? ms.toFixed(1) : `**${ms.toFixed(1)}**`);
  for (const t of routes) rows.push(`| ${t.route} | ${t.view} | ${t.ms.length} | ${percentile(t.ms, 50).toFixed(1)} | ${marked(percentile(t.ms, 95))} | ${percentile(t.cpuMs, 95).toFixed(1)} | \`${t.slowest.url.slice(0, 90)}\` ${t.slowest.ms.toFixed(0)} ms |`);
  const over = routes.filter((t) => percentile(t.ms, 95) >= GOAL_P95_MS);
  const cpu = cpus();
  const lines = [
    `## Workbench: API latency on ${total.toLocaleString('en-US')} articles, first-load script`,
    '',
    `- Command: \`npm run bench:ui\`${total === 100_000 ? '' : ` -- --articles ${total}`}`,
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, shared with other work (load average ${loadAtStart.toFixed(1)} when the timing began, ${loadavg()[0]!.toFixed(1)} at the end); Node ${process.versions.node}`,
    `- Archive: ${total.toLocaleString('en-US')} synthetic articles (${model.source}), each with 3-12 coded actors (3,000 actors, Zipf popularity), mentions, 2-8 themes, 0-3 quotes, 0-6 events located in their source's country, the countries of its actors as its focus, and tone; 1 page in 200 failed, 1 article in 150 a reprint. ${buildSeconds === null ? 'Reused from an earlier run.' : `Built in ${buildSeconds.toFixed(0)} s through the store port.`}`,
    `- Each route called in-process through the API app (parameters, store, JSON), warm cache, ${TIMED_PASSES} timed passes after a warm-up pass; the CPU column is the process's CPU time per request, which other work on the machine does not inflate as much as the wall time:`,
    '',
    ...rows,
    '',
    `- Goal p95 < ${GOAL_P95_MS} ms for every route: ${over.length === 0 ? 'met' : `**not met** for ${over.map((t) => t.route).join(', ')}`}.`,
    `- First page load: **${scriptKb.toFixed(1)} KB of script** (minified, before compression; the entry and the chunks it imports), goal < ${GOAL_SCRIPT_KB} KB: ${scriptKb < GOAL_SCRIPT_KB ? 'met' : 'not met'}.`,
    '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (!values['no-record']) {
    appendFileSync(RESULTS, `\n${text}`);
    console.error(`Appended to ${RESULTS}.`);
  }
}
