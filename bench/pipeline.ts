/**
 * `npm run bench:pipeline`: the whole pipeline — extraction, every stage of ANALYSIS_STAGES, storage —
 * over the HTML pages of ../shared/bench (trafilatura-eval, then WCXB), as `parley ingest` runs it: the
 * real `ingest()` reads a WARC.gz of the pages, 2 worker threads extract and analyze, the calling thread
 * decides each page against the store and commits it with its layers into a fresh SQLite database
 * (raw HTML not kept).
 *
 * Two runs in the same process and time window, on the same warm workers (models loaded before the
 * clock starts): extraction and storage only (`--no-analysis`), then every stage. It prints both
 * throughputs and their ratio (the cost of analysis, a figure that survives a busy machine better than
 * either alone), CPU time beside wall time (the writer thread apart from the others), the share of the
 * workers' time per stage, and the load average. Goals: ≥ 50 articles/s with every stage on 2 cores;
 * the ratio ≥ 0.5. `--pages N` to bench the first N pages.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPageAnalyzer, type PageAnalyzer } from '../src/app/analyzers.js';
import { ingest, type ItemEvent } from '../src/app/ingest.js';
import type { PageTask } from '../src/app/page-analysis.js';
import { DEFAULT_INGEST_SETTINGS, type IngestSettings } from '../src/app/settings.js';
import { DEFAULT_LIMITS } from '../src/extract/limits.js';
import { ANALYSIS_STAGES } from '../src/stages/index.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { loadAverage, peakRssMb, threadCpu } from './lib/cpu.js';
import { BENCH_DIR, trafilaturaPages, wcxbPages, type BenchPage } from './lib/datasets.js';
import { writeArchive, type ArchivePage } from './lib/warc-archive.js';

const JOBS = 2;
const GOAL_ARTICLES_PER_SECOND = 50;
const GOAL_RATIO = 0.5;

interface Run {
  readonly label: string;
  readonly pages: number;
  readonly articles: number;
  readonly duplicates: number;
  readonly other: number;
  readonly stageFailures: number;
  readonly wallS: number;
  readonly writerCpuS: number;
  readonly cpuS: number;
  readonly timings: ReadonlyMap<string, number>;
  readonly load: string;
}

function* benchPages(limit: number): Generator<ArchivePage> {
  let n = 0;
  for (const source of [trafilaturaPages(), wcxbPages()]) {
    for (const page of source as Generator<BenchPage>) {
      if (n >= limit) return;
      yield { url: page.url || `https://bench.example/${page.dataset}/${n}`, bytes: page.bytes };
      n++;
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
  // The workers run the built page worker (dist/, made by the npm script), as `parley ingest` does.
  const workerScript = new URL('../dist/app/page-worker.js', import.meta.url);
  if (!existsSync(workerScript)) throw new Error(`${workerScript.pathname} is missing: run \`npm run build\` (npm run bench:pipeline does it first).`);
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-pipeline-'));
  const settings = DEFAULT_INGEST_SETTINGS;
  const analyzer = createPageAnalyzer({ inline: false, jobs: JOBS, hardTimeoutMs: 120_000, workerScript, maxHeapMb: settings.workerHeapMb });
  try {
    const archive = join(dir, 'pages.warc.gz');
    const pages = await writeArchive(archive, benchPages(limit));
    await warmUp(analyzer, benchPages(1).next().value as ArchivePage);
    const runs = [await run('no analysis', analyzer, archive, join(dir, 'extract.db'), { analysis: null }), await run('every stage', analyzer, archive, join(dir, 'full.db'), {})];
    report(runs, pages);
  } finally {
    await analyzer.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each worker loads its modules and models (an extraction and an analysis on each), untimed. */
async function warmUp(analyzer: PageAnalyzer, page: ArchivePage): Promise<void> {
  const task = (): PageTask => ({ bytes: new Uint8Array(page.bytes), url: page.url, headers: null, filePath: null, maxBytes: DEFAULT_LIMITS.maxBytes, timeoutMs: DEFAULT_LIMITS.timeoutMs, minhash: DEFAULT_INGEST_SETTINGS.minhash, compressRaw: false });
  const extracted = await Promise.all([analyzer.extract(task()), analyzer.extract(task())]);
  const first = extracted[0]!;
  if (!first.ok || !first.value.ok) throw new Error(`The workers could not extract the first page: ${JSON.stringify(first)}`);
  const article = first.value.article;
  const analyzed = await Promise.all([0, 1].map(() => analyzer.analyzeArticle(article, { stages: null })));
  if (analyzed.some((a) => !a.ok)) throw new Error(`The workers could not analyze: ${JSON.stringify(analyzed)}`);
}

async function run(label: string, analyzer: PageAnalyzer, archive: string, db: string, overrides: Partial<IngestSettings>): Promise<Run> {
  const store = await openSqliteStore(db, { mode: 'write' });
  const timings = new Map<string, number>();
  const onItem = (event: ItemEvent): void => {
    for (const [name, ms] of Object.entries(event.timings ?? {})) timings.set(name, (timings.get(name) ?? 0) + ms);
  };
  const before = threadCpu();
  const started = performance.now();
  try {
    const result = await ingest({ sources: [archive], store, analyzer, onItem, settings: { jobs: JOBS, keepRaw: false, ...overrides } });
    const wallS = (performance.now() - started) / 1000;
    const after = threadCpu();
    const stageFailures = Object.values(result.analysisFailures).reduce((a, b) => a + b, 0);
    const c = result.counts;
    return {
      label,
      pages: c.seen,
      articles: c.stored,
      duplicates: c.duplicate,
      other: c.notArticle + c.failed,
      stageFailures,
      wallS,
      writerCpuS: after.mainS - before.mainS,
      cpuS: after.totalS - before.totalS,
      timings,
      load: loadAverage(),
    };
  } finally {
    await store.close();
  }
}

function report(runs: readonly Run[], pages: number): void {
  const [bare, full] = runs as [Run, Run];
  console.log(`bench:pipeline — ${pages} pages of ${BENCH_DIR} (trafilatura-eval, wcxb), ${JOBS} worker threads, ${cpus().length} CPUs, Node ${process.version}`);
  console.log('  run          articles  dup  other  wall s  articles/s  pages/s   CPU s  CPU ms/page  writer ms/page  load (1/5/15 min) at the end');
  for (const r of runs) {
    console.log(
      `  ${r.label.padEnd(12)} ${String(r.articles).padStart(8)} ${String(r.duplicates).padStart(4)} ${String(r.other).padStart(6)} ${r.wallS.toFixed(1).padStart(7)} ${(r.articles / r.wallS).toFixed(1).padStart(11)} ${(r.pages / r.wallS).toFixed(1).padStart(8)} ${r.cpuS.toFixed(1).padStart(7)} ${((1000 * r.cpuS) / r.pages).toFixed(1).padStart(12)} ${((1000 * r.writerCpuS) / r.pages).toFixed(1).padStart(15)}  ${r.load}`,
    );
  }
  const rate = full.articles / full.wallS;
  const ratio = full.pages / full.wallS / (bare.pages / bare.wallS);
  const cpuRatio = bare.cpuS / full.cpuS;
  console.log(`  every stage: ${rate.toFixed(1)} articles/s (goal ≥ ${GOAL_ARTICLES_PER_SECOND}: ${rate >= GOAL_ARTICLES_PER_SECOND ? 'met' : 'NOT met'}); articles with a stage failure: ${full.stageFailures}`);
  console.log(`  analysis cost: pages/s every stage ÷ pages/s no analysis = ${ratio.toFixed(2)} (goal ≥ ${GOAL_RATIO}: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}); by CPU time ${cpuRatio.toFixed(2)}`);
  console.log(`  peak RSS of this process (the benchmark, its writer and both workers; bench:ingest measures parley ingest alone): ${peakRssMb().toFixed(0)} MB`);
  const total = [...full.timings.values()].reduce((a, b) => a + b, 0);
  // Wall time inside the tasks grows with whatever else runs on the machine; its shares hold better, so
  // the CPU time of the threads other than the writer is split by them (an estimate of each part's CPU).
  const workerCpuMs = (1000 * (full.cpuS - full.writerCpuS)) / full.pages;
  console.log(`  every-stage run, by part: share of the workers' wall time inside tasks, and the workers' CPU time split by those shares:`);
  for (const name of ['extract', ...ANALYSIS_STAGES.map((s) => s.name)]) {
    const share = (full.timings.get(name) ?? 0) / total;
    console.log(`    ${name.padEnd(10)} ${(100 * share).toFixed(1).padStart(5)} %   ${(share * workerCpuMs).toFixed(2).padStart(7)} ms CPU/page`);
  }
  console.log(`    ${'writer'.padEnd(10)}           ${((1000 * full.writerCpuS) / full.pages).toFixed(2).padStart(7)} ms CPU/page (the calling thread: reading, deciding, storing)`);
}

await main();
