/**
 * `npm run bench:extract`: Parley against its peers on the extraction benchmarks in ../shared/bench, in
 * one run on the same pages. Each tool runs in its own fresh child process on one CPU, one page at a
 * time; this process only feeds the pages and scores what comes back.
 *
 *   npm run bench:extract -- [--datasets trafilatura,wcxb,readability]
 *     [--tools parley,readability-linkedom,readability-jsdom,defuddle]
 *     [--limit N]          only the first N pages of each dataset (a quick run)
 *     [--warmup N]         pages run untimed in each fresh child before the measured run (default 10)
 *     [--page-timeout MS]  a page taking longer is abandoned and counted as an exception (default 120000)
 *     [--no-pin]           do not pin the children to one CPU with taskset
 *     [--json FILE]        where to write the full results (default bench/out/extract-<time>.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATASET_NAMES, datasetPages, isDatasetName, requireBenchData, type BenchPage, type DatasetName } from './lib/datasets.js';
import { htmlToText } from './lib/html-text.js';
import { datasetTable, errorList, rankSpeed, speedOf, speedTable, type PageRecord, type ToolSummary } from './lib/report.js';
import { compileWorker, defaultCpu, runTool, type PageRun } from './lib/runner.js';
import { scorePage, summarize, type PageStatus, type ToolOutput } from './lib/score-run.js';
import { TOOL_NAMES, isToolName, type ToolName } from './lib/tools.js';

const { values } = parseArgs({
  options: {
    datasets: { type: 'string', default: DATASET_NAMES.join(',') },
    tools: { type: 'string', default: TOOL_NAMES.join(',') },
    limit: { type: 'string' },
    warmup: { type: 'string', default: '10' },
    'page-timeout': { type: 'string', default: '120000' },
    'no-pin': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});

function listOption<T extends string>(raw: string, valid: (x: string) => x is T, what: string, all: readonly string[]): T[] {
  const names = raw.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = names.filter((x) => !valid(x));
  if (bad.length || names.length === 0) {
    console.error(`Unknown ${what}: ${bad.join(', ') || '(none given)'}. Choose from: ${all.join(', ')}.`);
    process.exit(2);
  }
  return names as T[];
}

function positiveInt(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} takes a whole number, got "${raw}".`);
    process.exit(2);
  }
  return n;
}

const datasets = listOption<DatasetName>(values.datasets, isDatasetName, 'dataset', DATASET_NAMES);
const tools = listOption<ToolName>(values.tools, isToolName, 'tool', TOOL_NAMES);
const limit = positiveInt(values.limit, 'limit') ?? Infinity;
const warmupCount = positiveInt(values.warmup, 'warmup') ?? 10;
const pageTimeoutMs = positiveInt(values['page-timeout'], 'page-timeout') ?? 120_000;

requireBenchData();

const pages: BenchPage[] = datasets.flatMap((name) => datasetPages(name, htmlToText, limit));
// Warm-up pages are spread over the whole run, so every dataset's kind of page has been seen once.
const warmup = Array.from({ length: Math.min(warmupCount, pages.length) }, (_, i) => pages[Math.floor((i * pages.length) / Math.max(1, warmupCount))]!);
const cpu = values['no-pin'] ? null : defaultCpu();

compileWorker();

const startedAt = new Date();
const summaries: ToolSummary[] = [];
const records: Record<string, PageRecord[]> = {};

for (const tool of tools) {
  const progress = (done: number, total: number): void => {
    if (process.stderr.isTTY) process.stderr.write(`\r${tool}: ${done}/${total}`);
    else if (done === total || done % 250 === 0) process.stderr.write(`${tool}: ${done}/${total}\n`);
  };
  const loadBefore = loadavg()[0]!;
  const run = await runTool(tool, pages, { warmup, pageTimeoutMs, cpu, onProgress: progress });
  const loadAverage: [number, number] = [loadBefore, loadavg()[0]!];
  if (process.stderr.isTTY) process.stderr.write('\n');
  const toolRecords = run.pages.map(recordOf);
  records[tool] = toolRecords;
  summaries.push({
    tool,
    versions: run.versions,
    speed: speedOf(toolRecords),
    peakRssMb: run.peakRssKb / 1024,
    rssAfterLoadMb: run.rssAfterLoadKb / 1024,
    restarts: run.restarts,
    loadAverage,
    datasets: datasets.map((name) => summarize(name, toolRecords.filter((r) => r.dataset === name))),
    errorSamples: toolRecords.filter((r) => r.error).slice(0, 5).map((r) => ({ dataset: r.dataset, id: r.id, error: r.error! })),
  });
}
rankSpeed(summaries);

/** Scores one page's run; a peer's HTML becomes text here, outside anything timed. */
function recordOf(run: PageRun): PageRecord {
  const raw = run.output;
  const output: ToolOutput | null = raw ? { text: raw.text ?? (raw.html === null ? null : htmlToText(raw.html)), title: raw.title, authors: raw.authors, published: raw.published } : null;
  const status: PageStatus = run.error ? 'error' : output?.text ? 'ok' : 'none';
  const scored = scorePage(run.page, run.error ? null : output, status);
  return {
    ...scored,
    dataset: run.page.dataset,
    ms: run.ms,
    cpuMs: run.cpuMs,
    maxRssKb: run.maxRssKb,
    ...(run.error ? { error: run.error } : {}),
    predicted: { title: raw?.title ?? null, authors: raw?.authors ?? null, published: raw?.published ?? null },
  };
}

const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`;
const counts = datasets.map((d) => `${d} ${pages.filter((p) => p.dataset === d).length}`).join(', ');
const versions = summaries.map((s) => `${s.tool} (${Object.entries(s.versions).map(([k, v]) => `${k} ${v}`).join(', ')})`).join('; ');
const report = [
  `## Extraction benchmark, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `- Command: \`npm run bench:extract${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\``,
  `- Machine: ${machine}; each tool in its own fresh child process, one page at a time${cpu === null ? '' : `, pinned to CPU ${cpu} with taskset`}; ${warmup.length} warm-up pages first.`,
  `- Pages: ${counts}.`,
  `- Tools: ${versions}.`,
  '- Timed: for Parley `extract()` on the raw bytes (its own decoding included); for the peers, building the DOM plus Readability `parse()` / defuddle.',
  "- The peers get each page decoded with jsdom 27's WHATWG sniffing (html-encoding-sniffer + @exodus/bytes `legacyHookDecode`), outside the timed region; their HTML `content` becomes text with one block-aware converter (bench/lib/html-text.ts), also untimed.",
  '- A page on which a tool throws, or finds no article, scores nothing (columns "threw" and "no article").',
  "- Peak RSS is each child's own (VmHWM from /proc/self/status; on Linux `process.resourceUsage().maxRSS` also counts the spawning parent's high-water mark, which holds every page).",
  '',
  ...datasets.flatMap((d) => [datasetTable(d, summaries), '']),
  speedTable(summaries),
  '',
  errorList(summaries),
].join('\n');
console.log(report);

const outFile = values.json ? resolve(values.json) : join(import.meta.dirname, 'out', `extract-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify({ startedAt: startedAt.toISOString(), machine, cpu, datasets, limit: Number.isFinite(limit) ? limit : null, summaries, pages: records, report }, null, 1));
console.error(`Full results: ${relative(process.cwd(), outFile)}`);
