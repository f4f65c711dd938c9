/**
 * `npm run bench:ingest`: the whole ingest, end to end, at volume. Builds a WARC.gz of 10,000 pages from
 * the HTML in ../shared/bench (trafilatura-eval and WCXB pages, repeated under varied URLs), ingests it
 * with the built `parley ingest` into a fresh SQLite database (extraction in 2 worker threads,
 * de-duplication, raw HTML kept), and reports pages/s and the peak RSS of the process (its worker
 * threads included). Then the same at twice the size, to show that memory does not grow with the
 * archive. `--no-analysis` measures extraction and de-duplication alone (the analysis stages skipped).
 * Appends an "Ingest" section to bench/RESULTS.md (`--no-record` to skip; `--pages N` for
 * another base size).
 *
 * The repetitions: copy 0 of a page keeps its own URL; odd copies are the same page under another path
 * of the same site (found again by its canonical link or its text: duplicate pages); even copies are
 * on a mirror site (stored as articles, copies of the first, in its duplicate group). So the run does
 * every part of de-duplication, not only extraction.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { BENCH_DIR } from './lib/datasets.js';
import { buildArchive } from './lib/warc-archive.js';

const REPO = join(import.meta.dirname, '..');
const MAIN = join(REPO, 'dist', 'cli', 'main.js');
const RESULTS = join(REPO, 'bench', 'RESULTS.md');
const JOBS = 2;
const SAMPLE_MS = 50;
const GOALS = { pagesPerSecond: 100, peakRssMb: 500 } as const;

interface Measure {
  readonly pages: number;
  readonly archiveMb: number;
  readonly wallS: number;
  readonly pagesPerSecond: number;
  readonly cpuS: number;
  readonly peakRssMb: number;
  readonly dbMb: number;
  readonly load: readonly [number, number];
  readonly report: Record<string, unknown>;
}

/** Passed to `parley ingest`: `--no-analysis` when the bench was given it. */
let analysisFlags: string[] = [];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const record = !args.includes('--no-record');
  // Extraction and de-duplication only (issue 3's figure), or the whole analysis too (the default ingest).
  analysisFlags = args.includes('--no-analysis') ? ['--no-analysis'] : [];
  const pagesArg = args.indexOf('--pages');
  const base = pagesArg >= 0 ? Number(args[pagesArg + 1]) : 10_000;
  if (!Number.isSafeInteger(base) || base < 1) throw new Error('--pages takes a whole number of pages.');
  if (!existsSync(BENCH_DIR)) {
    console.error(`bench:ingest builds its archive from the HTML in ${BENCH_DIR}, which is not there. Put the shared folder beside the project (or set PARLEY_SHARED).`);
    process.exit(1);
  }
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm run bench:ingest does it first).`);

  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-ingest-'));
  const measures: Measure[] = [];
  try {
    for (const pages of [base, 2 * base]) {
      const archive = join(dir, `bench-${pages}.warc.gz`);
      const db = join(dir, `bench-${pages}.db`);
      console.log(`building ${archive} (${pages} pages) ...`);
      await buildArchive(archive, pages);
      console.log(`ingesting it into ${db} with ${JOBS} workers ...`);
      const measure = await measureIngest(archive, db, pages);
      measures.push(measure);
      console.log(line(measure));
      await rm(archive, { force: true });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const section = resultsSection(measures);
  console.log(`\n${section}`);
  if (record) appendFileSync(RESULTS, `\n${section}`);
}

/** The bench pages, over and over: one page in memory at a time. */
/** Runs the ingest as its own process and samples the RSS of its process tree (worker threads live in the process). */
async function measureIngest(archive: string, db: string, pages: number): Promise<Measure> {
  const archiveMb = (await stat(archive)).size / 2 ** 20;
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  const child = spawn(process.execPath, [MAIN, 'ingest', '--db', db, '--jobs', String(JOBS), '--json', '--quiet', ...analysisFlags, archive], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKb = 0;
  let cpuTicks = 0;
  const sample = (): void => {
    const tree = processTree(child.pid!);
    peakKb = Math.max(peakKb, tree.reduce((sum, pid) => sum + statusKb(pid, 'VmRSS'), 0), statusKb(child.pid!, 'VmHWM'));
    cpuTicks = Math.max(cpuTicks, cpuTicksOf(child.pid!));
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const [code] = (await once(child, 'close')) as [number | null];
  clearInterval(timer);
  const wallS = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`parley ingest exited with ${code}: ${stderr}`);
  const report = JSON.parse(stdout) as Record<string, unknown>;
  const dbMb = ((await stat(db)).size + (await stat(`${db}-wal`).catch(() => ({ size: 0 }))).size) / 2 ** 20;
  return { pages, archiveMb, wallS, pagesPerSecond: pages / wallS, cpuS: cpuTicks / 100, peakRssMb: peakKb / 1024, dbMb, load: [loadBefore, loadavg()[0]!], report };
}

function processTree(root: number): number[] {
  const pids = [root];
  for (let i = 0; i < pids.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${pids[i]}/task`)) {
        const children = readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').trim();
        if (children) pids.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended between two reads
    }
  }
  return pids;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** utime + stime of the process (all its threads), in clock ticks. */
function cpuTicksOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function line(m: Measure): string {
  return `${m.pages} pages: ${m.pagesPerSecond.toFixed(1)} pages/s (${m.wallS.toFixed(1)} s wall, ${m.cpuS.toFixed(1)} s CPU), peak RSS ${m.peakRssMb.toFixed(0)} MB, database ${m.dbMb.toFixed(0)} MB`;
}

function resultsSection(measures: readonly Measure[]): string {
  const rows = measures.map((m) => {
    const r = m.report as { seen: number; stored: number; copies: number; duplicates: number; rejected: number; failed: number; duplicatesByReason: Record<string, number> };
    const reasons = Object.entries(r.duplicatesByReason).map(([k, v]) => `${k} ${v}`).join(', ');
    return `| ${m.pages} | ${m.archiveMb.toFixed(0)} | ${m.wallS.toFixed(1)} | **${m.pagesPerSecond.toFixed(1)}** | ${m.cpuS.toFixed(1)} | **${m.peakRssMb.toFixed(0)}** | ${m.dbMb.toFixed(0)} | ${r.seen} = ${r.stored} (${r.copies} copies) + ${r.duplicates} (${reasons}) + ${r.rejected} + ${r.failed} | ${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)} |`;
  });
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const rate = Math.min(...measures.map((m) => m.pagesPerSecond));
  const rss = Math.max(...measures.map((m) => m.peakRssMb));
  return [
    `## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Ingest (\`npm run bench:ingest\`)`,
    '',
    `- Command: \`npm run bench:ingest${analysisFlags.length ? ' -- --no-analysis' : ''}\` (builds dist/, then bench/ingest.ts): \`parley ingest --db <fresh>.db --jobs ${JOBS} --json --quiet ${analysisFlags.map((flag) => `${flag} `).join('')}bench-N.warc.gz\`, run as its own process${analysisFlags.length ? ' (extraction and de-duplication; the analysis stages are measured by bench:pipeline)' : ' (extraction, de-duplication and every analysis stage)'}.`,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; shared with other engineers (1-minute load average before → after in the last column).`,
    '- Archive: WARC.gz, one gzip member per record, built from the trafilatura-eval and WCXB pages of ../shared/bench (1,783 distinct pages) repeated under varied URLs: the first copy of a page at its own URL, odd copies under another path of the same site (found again as duplicate pages), even copies on a mirror site (stored as copies in the original\'s duplicate group).',
    '- Measured: wall time from start to exit (start-up, WARC reading and gunzip, extraction in 2 worker threads, fingerprints, de-duplication lookups, one SQLite transaction per page with the raw HTML gzip-compressed); CPU = user + system of the process; peak RSS = the largest of the sampled RSS of the process tree (every 50 ms) and the process\'s own VmHWM (worker threads share the process, so it counts them); database = the SQLite file with its WAL.',
    '',
    '| pages | archive MB | wall s | pages/s | CPU s | peak RSS MB | database MB | seen = stored (copies) + duplicates + rejected + failed | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Goals: ≥ ${GOALS.pagesPerSecond} pages/s on 2 cores: ${met(rate >= GOALS.pagesPerSecond)} (slowest run ${rate.toFixed(1)}); peak RSS < ${GOALS.peakRssMb} MB whatever the archive size: ${met(rss < GOALS.peakRssMb)} (largest ${rss.toFixed(0)} MB at ${measures.length > 1 ? 'both sizes' : 'this size'}).`,
    '',
  ].join('\n');
}

await main();
