/**
 * `npm run bench:ingest`: the whole ingest, end to end, at two archive sizes in one command (default
 * 1,000 and 10,000 pages), so that a cost growing with the archive shows in one run. Each archive is a
 * WARC.gz built from the HTML in ../shared/bench (trafilatura-eval and WCXB pages, repeated under
 * varied URLs); the built `parley ingest` reads it into a fresh SQLite database as its own process (2
 * worker threads, every analysis stage, raw HTML kept). Reported for each size: wall time, pages/s, CPU
 * time per page (the process's writer thread apart from its other threads), peak RSS of the process
 * (worker threads included) and the database size; then how CPU per page and RSS changed from the
 * smaller size to the larger. `--no-analysis` measures extraction and de-duplication alone.
 * `--pages A,B` for other sizes; `--cli PATH` runs another build's dist/cli/main.js (an A/B comparison
 * in the same time window); appends a section to bench/RESULTS.md (`--no-record` to skip).
 *
 * The same mix at every size: the 10,000-page archive holds every one of the 1,783 distinct pages
 * about 5.6 times, and a smaller one holds proportionally fewer distinct pages (picked evenly across
 * both sets) as often each, so the share of duplicate pages, copies and new articles is the same at
 * both sizes, and only the archive's size and the variety of its text grow. Copy 0 of a page keeps its
 * own URL; odd copies are the same page under another path of the same site (found again by canonical
 * link or text: duplicate pages); even copies are on a mirror site (stored as copies of the first).
 *
 * The fixed cost of a run (start-up, loading the models in each worker) is measured by a run over the
 * first 20 pages, and the per-page CPU is also given without it ("net"), so sizes compare fairly.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { loadAverage, threadCpu } from './lib/cpu.js';
import { BENCH_DIR } from './lib/datasets.js';
import { archivePages, distinctPages, MIX_PAGES, writeArchive } from './lib/warc-archive.js';

const REPO = join(import.meta.dirname, '..');
let MAIN = join(REPO, 'dist', 'cli', 'main.js');
const RESULTS = join(REPO, 'bench', 'RESULTS.md');
const JOBS = 2;
const SAMPLE_MS = 50;
const STARTUP_PAGES = 20;
const GOALS = { pagesPerSecondNoAnalysis: 100, peakRssMb: 500, cpuGrowth: 0.1 } as const;

interface Measure {
  readonly pages: number;
  readonly distinct: number;
  readonly archiveMb: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly writerCpuS: number;
  readonly peakRssMb: number;
  readonly dbMb: number;
  readonly load: readonly [string, string];
  readonly report: Record<string, unknown>;
}

let analysis = true;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const record = !args.includes('--no-record');
  analysis = !args.includes('--no-analysis');
  const cliArg = args.indexOf('--cli');
  if (cliArg >= 0) MAIN = args[cliArg + 1]!;
  const pagesArg = args.indexOf('--pages');
  const sizes = (pagesArg >= 0 ? args[pagesArg + 1]! : '1000,10000').split(',').map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isSafeInteger(n) || n <= STARTUP_PAGES)) throw new Error(`--pages takes archive sizes over ${STARTUP_PAGES} pages, comma-separated (e.g. 1000,10000).`);
  if (!existsSync(BENCH_DIR)) {
    console.error(`bench:ingest builds its archives from the HTML in ${BENCH_DIR}, which is not there. Put the shared folder beside the project (or set PARLEY_SHARED).`);
    process.exit(1);
  }
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm run bench:ingest does it first).`);

  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-ingest-'));
  const measures: Measure[] = [];
  let startup: Measure;
  try {
    startup = await measureSize(dir, STARTUP_PAGES, sizes[0]!);
    console.log(`start-up: ${line(startup)}`);
    for (const pages of sizes) {
      const measure = await measureSize(dir, pages, pages);
      measures.push(measure);
      console.log(line(measure));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const section = resultsSection(measures, startup);
  console.log(`\n${section}`);
  if (record) appendFileSync(RESULTS, `\n${section}`);
}

/** Builds the first `pages` pages of the archive laid out for `mixOf` pages, ingests it, and removes it. */
async function measureSize(dir: string, pages: number, mixOf: number): Promise<Measure> {
  const archive = join(dir, `bench-${pages}.warc.gz`);
  const db = join(dir, `bench-${pages}.db`);
  const distinct = distinctPages(mixOf);
  console.log(`building ${archive} (${pages} pages, ${Math.min(pages, distinct.length)} distinct) ...`);
  await writeArchive(archive, archivePages(distinct, pages));
  console.log(`ingesting it into ${db} with ${JOBS} workers${analysis ? ', every stage' : ', no analysis'} ...`);
  try {
    return { ...(await measureIngest(archive, db, pages)), distinct: Math.min(pages, distinct.length) };
  } finally {
    await rm(archive, { force: true });
    await rm(db, { force: true });
    await rm(`${db}-wal`, { force: true });
    await rm(`${db}-shm`, { force: true });
  }
}

/** Runs the ingest as its own process, sampling its RSS and CPU times (worker threads live in the process). */
async function measureIngest(archive: string, db: string, pages: number): Promise<Omit<Measure, 'distinct'>> {
  const archiveMb = (await stat(archive)).size / 2 ** 20;
  const loadBefore = loadAverage();
  const started = performance.now();
  const flags = analysis ? [] : ['--no-analysis'];
  const child = spawn(process.execPath, [MAIN, 'ingest', '--db', db, '--jobs', String(JOBS), '--json', '--quiet', ...flags, archive], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKb = 0;
  let cpu = { mainS: 0, otherS: 0, totalS: 0 };
  const sample = (): void => {
    peakKb = Math.max(peakKb, statusKb(child.pid!, 'VmRSS'), statusKb(child.pid!, 'VmHWM'));
    const now = threadCpu(child.pid!);
    if (now.totalS >= cpu.totalS) cpu = now;
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const [code] = (await once(child, 'close')) as [number | null];
  clearInterval(timer);
  const wallS = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`parley ingest exited with ${code}: ${stderr}`);
  const report = JSON.parse(stdout) as Record<string, unknown>;
  const dbMb = ((await stat(db)).size + (await stat(`${db}-wal`).catch(() => ({ size: 0 }))).size) / 2 ** 20;
  return { pages, archiveMb, wallS, cpuS: cpu.totalS, writerCpuS: cpu.mainS, peakRssMb: peakKb / 1024, dbMb, load: [loadBefore, loadAverage()], report };
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

const perPageMs = (m: Measure): number => (1000 * m.cpuS) / m.pages;
const netPerPageMs = (m: Measure, startup: Measure): number => (1000 * (m.cpuS - startup.cpuS)) / (m.pages - startup.pages);

function line(m: Measure): string {
  return `${m.pages} pages: ${(m.pages / m.wallS).toFixed(1)} pages/s (${m.wallS.toFixed(1)} s wall, ${m.cpuS.toFixed(1)} s CPU, ${perPageMs(m).toFixed(1)} ms CPU/page), peak RSS ${m.peakRssMb.toFixed(0)} MB, database ${m.dbMb.toFixed(0)} MB, load ${m.load[1]}`;
}

function resultsSection(measures: readonly Measure[], startup: Measure): string {
  const rows = measures.map((m) => {
    const r = m.report as { seen: number; stored: number; copies: number; duplicates: number; rejected: number; failed: number; duplicatesByReason: Record<string, number> };
    const reasons = Object.entries(r.duplicatesByReason).map(([k, v]) => `${k} ${v}`).join(', ');
    return `| ${m.pages} (${m.distinct}) | ${m.archiveMb.toFixed(0)} | ${m.wallS.toFixed(1)} | **${(m.pages / m.wallS).toFixed(1)}** | ${m.cpuS.toFixed(1)} | **${perPageMs(m).toFixed(1)}** / ${netPerPageMs(m, startup).toFixed(1)} | ${((1000 * m.writerCpuS) / m.pages).toFixed(1)} | **${m.peakRssMb.toFixed(0)}** | ${m.dbMb.toFixed(0)} | ${r.seen} = ${r.stored} (${r.copies} copies) + ${r.duplicates} (${reasons}) + ${r.rejected} + ${r.failed} | ${m.load[0]} → ${m.load[1]} |`;
  });
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const rate = Math.min(...measures.map((m) => m.pages / m.wallS));
  const rss = Math.max(...measures.map((m) => m.peakRssMb));
  const first = measures[0]!;
  const last = measures[measures.length - 1]!;
  const growth = netPerPageMs(last, startup) / netPerPageMs(first, startup) - 1;
  const rssGrowth = last.peakRssMb / first.peakRssMb - 1;
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} %`;
  const goals = [
    `- From ${first.pages} to ${last.pages} pages: net CPU per page ${netPerPageMs(first, startup).toFixed(1)} → ${netPerPageMs(last, startup).toFixed(1)} ms (${pct(growth)}; goal within ±${100 * GOALS.cpuGrowth} %: ${met(Math.abs(growth) <= GOALS.cpuGrowth)}), peak RSS ${first.peakRssMb.toFixed(0)} → ${last.peakRssMb.toFixed(0)} MB (${pct(rssGrowth)}).`,
    `- Peak RSS < ${GOALS.peakRssMb} MB at every size: ${met(rss < GOALS.peakRssMb)} (largest ${rss.toFixed(0)} MB).`,
  ];
  if (!analysis) goals.push(`- ≥ ${GOALS.pagesPerSecondNoAnalysis} pages/s on 2 cores: ${met(rate >= GOALS.pagesPerSecondNoAnalysis)} (slowest run ${rate.toFixed(1)} pages/s; wall time, see the load).`);
  return [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Ingest (\`npm run bench:ingest${analysis ? '' : ' -- --no-analysis'}\`)`,
    '',
    `- Command: \`npm run bench:ingest${analysis ? '' : ' -- --no-analysis'}\` (builds dist/, then bench/ingest.ts; CLI ${MAIN.replace(REPO, '.')}): \`parley ingest --db <fresh>.db --jobs ${JOBS} --json --quiet ${analysis ? '' : '--no-analysis '}bench-N.warc.gz\`, run as its own process (extraction, de-duplication${analysis ? ' and every analysis stage' : ''}; raw HTML kept).`,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; shared with other engineers (load averages 1/5/15 min before → after in the last column: wall times move with it, CPU times far less).`,
    `- Archives: WARC.gz, one gzip member per record, from the trafilatura-eval and WCXB pages of ../shared/bench; every size has the mix of the ${MIX_PAGES}-page archive (distinct pages in brackets, each about 5.6 times: copy 0 at its own URL, odd copies under another path of the same site, even copies on a mirror site).`,
    `- Measured: wall time from start to exit; CPU = user + system of the process (all threads), per page, and net of the fixed cost of a run (start-up and model loading: ${startup.cpuS.toFixed(1)} s CPU over a ${startup.pages}-page archive); writer = the main thread's CPU per page (reading, deciding, storing); peak RSS = the process's VmHWM and sampled VmRSS (worker threads share the process); database = the SQLite file with its WAL.`,
    '',
    '| pages (distinct) | archive MB | wall s | pages/s | CPU s | CPU ms/page (all / net) | writer ms/page | peak RSS MB | database MB | seen = stored (copies) + duplicates + rejected + failed | load before → after |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...goals,
    '',
  ].join('\n');
}

await main();
