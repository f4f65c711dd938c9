/**
 * `npm run bench:pipeline`: the whole pipeline — extraction, every stage of ANALYSIS_STAGES, storage —
 * over the HTML pages of ../shared/bench (trafilatura-eval, then WCXB), on 2 worker threads, as
 * `parley ingest` runs it: the workers extract and analyze (page-worker.ts, each loading its models
 * once, before the clock starts), the main thread decides each page against the store and commits it
 * with its layers (one SQLite transaction per page) into a fresh database.
 *
 * Prints articles/s (articles stored per wall-clock second) and the share of the time spent in
 * extraction, each stage and storage (worker time summed over both workers, plus the writer's time).
 * Goal: ≥ 50 articles/s on 2 cores. `--pages N` to bench N pages (default: all of both sets).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPageAnalyzer } from '../src/app/analyzers.js';
import { decideArticle } from '../src/app/decide.js';
import type { PageAnalysis, PageTask } from '../src/app/page-analysis.js';
import { DEFAULT_INGEST_SETTINGS, runStages } from '../src/app/settings.js';
import type { TaskOutcome } from '../src/cli/pool/worker-pool.js';
import { DEFAULT_LIMITS } from '../src/extract/limits.js';
import { ANALYSIS_STAGES } from '../src/stages/index.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { BENCH_DIR, trafilaturaPages, wcxbPages, type BenchPage } from './lib/datasets.js';

const JOBS = 2;
const IN_FLIGHT_PER_JOB = 4;
const GOAL = 50;

function task(page: BenchPage, index: number): PageTask {
  const bytes = new Uint8Array(page.bytes); // a copy: its buffer is transferred to the worker
  return {
    bytes,
    url: page.url ?? `https://bench.example/${page.dataset}/${index}`,
    headers: null,
    filePath: null,
    maxBytes: DEFAULT_LIMITS.maxBytes,
    timeoutMs: DEFAULT_LIMITS.timeoutMs,
    minhash: DEFAULT_INGEST_SETTINGS.minhash,
    analysis: { stages: null },
  };
}

function* benchPages(limit: number): Generator<BenchPage> {
  let n = 0;
  for (const source of [trafilaturaPages(), wcxbPages()]) {
    for (const page of source) {
      if (n++ >= limit) return;
      yield page;
    }
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pagesArg = args.indexOf('--pages');
  const limit = pagesArg >= 0 ? Number(args[pagesArg + 1]) : Infinity;
  if (!(limit >= 1)) throw new Error('--pages takes a whole number of pages.');
  if (!existsSync(BENCH_DIR)) {
    console.error(`bench:pipeline reads the HTML pages in ${BENCH_DIR}, which is not there. Put the shared folder beside the project (or set PARLEY_SHARED).`);
    process.exit(1);
  }
  const pages = [...benchPages(limit)];
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-pipeline-'));
  // The workers run the built page worker (dist/, made by the npm script), as `parley ingest` does.
  const workerScript = new URL('../dist/app/page-worker.js', import.meta.url);
  if (!existsSync(workerScript)) throw new Error(`${workerScript.pathname} is missing: run \`npm run build\` (npm run bench:pipeline does it first).`);
  const analyzer = createPageAnalyzer({ inline: false, jobs: JOBS, hardTimeoutMs: 120_000, workerScript });
  const store = await openSqliteStore(join(dir, 'pipeline.db'), { mode: 'write' });
  const settings = { ...DEFAULT_INGEST_SETTINGS, jobs: JOBS };
  try {
    // Warm-up, not timed: each worker loads its modules and models on its first page.
    const warm = await Promise.all([0, 1].map((i) => analyzer.analyze(task(pages[i % pages.length]!, i))));
    if (warm.some((w) => !w.ok)) throw new Error(`The workers could not start: ${JSON.stringify(warm)}`);

    const runId = await store.startRun({ sources: ['bench'], configHash: 'bench', stageVersions: runStages(settings), startedAt: new Date().toISOString(), keepRaw: false });
    const timings = new Map<string, number>();
    const add = (name: string, ms: number): void => void timings.set(name, (timings.get(name) ?? 0) + ms);
    let articles = 0;
    let duplicates = 0;
    let rejected = 0;
    let failed = 0;
    let stageFailures = 0;
    const started = performance.now();
    const window: { page: BenchPage; index: number; result: Promise<TaskOutcome<PageAnalysis>> }[] = [];
    const commit = async (entry: (typeof window)[number]): Promise<void> => {
      const outcome = await entry.result;
      const writeStart = performance.now();
      if (!outcome.ok) failed++;
      else if (!outcome.value.ok) rejected++;
      else {
        for (const [name, ms] of Object.entries(outcome.value.timings)) add(name, ms);
        let decided = await decideArticle(store, outcome.value, settings.duplicates);
        if (decided.kind === 'article' && outcome.value.analysis) {
          decided = { ...decided, analysis: outcome.value.analysis };
          if (outcome.value.analysis.failures.length > 0) stageFailures++;
        }
        const result = await store.commitPage({
          runId, source: 'bench', sourceKey: `${entry.page.dataset}:${entry.page.id}:${entry.index}`, url: outcome.value.canonicalUrl, canonicalUrl: outcome.value.canonicalUrl,
          fetchedAt: new Date().toISOString(), httpStatus: 200, contentHash: outcome.value.contentHash, raw: null, outcome: decided,
        });
        if (result.page.outcome === 'article') articles++;
        else duplicates++;
      }
      add('storage', performance.now() - writeStart);
    };
    for (const [index, page] of pages.entries()) {
      window.push({ page, index, result: analyzer.analyze(task(page, index)) });
      if (window.length >= JOBS * IN_FLIGHT_PER_JOB) await commit(window.shift()!);
    }
    while (window.length > 0) await commit(window.shift()!);
    const wallS = (performance.now() - started) / 1000;

    const total = [...timings.values()].reduce((a, b) => a + b, 0);
    const order = ['extract', ...ANALYSIS_STAGES.map((s) => s.name), 'storage'];
    console.log(`bench:pipeline — ${pages.length} pages of ${BENCH_DIR} (trafilatura-eval, wcxb), ${JOBS} worker threads, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(2)}`);
    console.log(`  articles stored: ${articles}; duplicate pages: ${duplicates}; not articles: ${rejected}; failed: ${failed}; articles with a stage failure: ${stageFailures}`);
    console.log(`  wall time: ${wallS.toFixed(1)} s → ${(articles / wallS).toFixed(1)} articles/s, ${(pages.length / wallS).toFixed(1)} pages/s (goal ≥ ${GOAL} articles/s: ${articles / wallS >= GOAL ? 'met' : 'NOT met'})`);
    console.log('  time shares (worker time of both workers + the writer\'s storage time):');
    for (const name of order) {
      const ms = timings.get(name) ?? 0;
      console.log(`    ${name.padEnd(10)} ${((100 * ms) / total).toFixed(1).padStart(5)} %   ${(ms / Math.max(1, articles + duplicates + rejected)).toFixed(2).padStart(7)} ms/page`);
    }
  } finally {
    await analyzer.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
