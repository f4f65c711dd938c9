/** Turns the benchmark's measurements into the summary it stores and the Markdown tables it prints. */
import type { DatasetName } from './datasets.js';
import type { Accuracy, DatasetScore, PageScore } from './score-run.js';
import type { ToolName } from './tools.js';

export interface Timing {
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  /** Timed pages over the summed time of their timed regions: one core, one page at a time. */
  readonly pagesPerSecond: number;
  readonly medianMsByDataset: Partial<Record<DatasetName, number>>;
}

export interface SpeedSummary {
  /** Pages whose timed region ran (abandoned pages and failures before it are left out). */
  readonly timedPages: number;
  /**
   * CPU time (user + system) of the tool's process in the timed region. The process is pinned to one
   * CPU, so this is what one core spent on the page, and it stays put when other work shares the machine.
   */
  readonly cpu: Timing;
  /** Elapsed time of the timed region: the same when the core was the tool's alone, more when shared. */
  readonly wall: Timing;
  /** This tool's CPU-time pages/s over the fastest peer's (Parley is not a peer); null without peers. */
  ratioToFastestPeer: number | null;
}

export interface ToolSummary {
  readonly tool: ToolName;
  readonly versions: Record<string, string>;
  readonly speed: SpeedSummary;
  readonly peakRssMb: number;
  readonly rssAfterLoadMb: number;
  readonly restarts: number;
  /** The machine's 1-minute load average when the tool's run began and ended (the cores are shared). */
  readonly loadAverage: readonly [number, number];
  readonly datasets: DatasetScore[];
  /** The first few exceptions, to show what failed. */
  readonly errorSamples: { dataset: DatasetName; id: string; error: string }[];
}

export interface PageRecord extends PageScore {
  readonly dataset: DatasetName;
  readonly ms: number | null;
  readonly cpuMs: number | null;
  readonly maxRssKb: number | null;
  readonly error?: string;
  readonly predicted: { title: string | null; authors: readonly string[] | string | null; published: string | null };
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

function timingOf(timed: readonly { dataset: DatasetName; ms: number }[]): Timing {
  const sorted = timed.map((r) => r.ms).sort((a, b) => a - b);
  const total = sorted.reduce((s, x) => s + x, 0);
  const byDataset: Partial<Record<DatasetName, number>> = {};
  for (const dataset of new Set(timed.map((r) => r.dataset))) {
    byDataset[dataset] = quantile(timed.filter((r) => r.dataset === dataset).map((r) => r.ms).sort((a, b) => a - b), 0.5);
  }
  return {
    medianMs: quantile(sorted, 0.5),
    p95Ms: quantile(sorted, 0.95),
    meanMs: total / Math.max(1, timed.length),
    pagesPerSecond: total > 0 ? (timed.length * 1000) / total : 0,
    medianMsByDataset: byDataset,
  };
}

export function speedOf(records: readonly PageRecord[]): SpeedSummary {
  const timed = records.filter((r): r is PageRecord & { ms: number; cpuMs: number } => r.ms !== null && r.cpuMs !== null);
  return {
    timedPages: timed.length,
    cpu: timingOf(timed.map((r) => ({ dataset: r.dataset, ms: r.cpuMs }))),
    wall: timingOf(timed),
    ratioToFastestPeer: null,
  };
}

/** Fills in every tool's pages/s as a ratio to the fastest peer's. */
export function rankSpeed(tools: readonly ToolSummary[]): void {
  const peers = tools.filter((t) => t.tool !== 'parley');
  const fastest = Math.max(0, ...peers.map((t) => t.speed.cpu.pagesPerSecond));
  for (const t of tools) t.speed.ratioToFastestPeer = fastest > 0 ? t.speed.cpu.pagesPerSecond / fastest : null;
}

const f3 = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(3));
const f1 = (x: number): string => (Number.isNaN(x) ? '–' : x.toFixed(1));
const acc = (a: Accuracy | undefined): string => (a ? `${a.accuracy.toFixed(3)} (${a.correct}/${a.total})` : '–');

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const DATASET_TITLES: Record<DatasetName, string> = {
  trafilatura: 'trafilatura-eval (snippet presence, micro-averaged over the corpus)',
  wcxb: 'wcxb-articles/dev (mean per-page bag-of-words P/R/F1; snippet rates; word 4-gram shingle F1)',
  readability: 'readability-testpages (token F1 and word 4-gram shingle F1 against the text of expected.html)',
};

export function datasetTable(dataset: DatasetName, tools: readonly ToolSummary[]): string {
  const rows = tools.flatMap((t) => {
    const d = t.datasets.find((x) => x.dataset === dataset);
    if (!d) return [];
    const meta = [acc(d.title), acc(d.author), acc(d.date)];
    const failures = [String(d.none), String(d.errors)];
    if (dataset === 'trafilatura') {
      const s = d.snippets;
      return [[t.tool, f3(s?.precision), f3(s?.recall), f3(s?.f1), f3(s?.accuracy), ...meta, ...failures]];
    }
    const b = d.bagOfWords;
    if (dataset === 'wcxb') {
      return [[t.tool, f3(b?.precision), f3(b?.recall), f3(b?.f1), f3(d.snippetRates?.with), f3(d.snippetRates?.without), f3(d.shingles?.f1), ...meta, ...failures]];
    }
    return [[t.tool, f3(b?.precision), f3(b?.recall), f3(b?.f1), f3(d.shingles?.f1), ...meta, ...failures]];
  });
  const pages = tools.find((t) => t.datasets.some((x) => x.dataset === dataset))?.datasets.find((x) => x.dataset === dataset)?.pages ?? 0;
  const tail = ['title', 'author', 'date', 'no article', 'threw'];
  const header =
    dataset === 'trafilatura'
      ? ['tool', 'P', 'R', 'F1', 'accuracy', ...tail]
      : dataset === 'wcxb'
        ? ['tool', 'P', 'R', 'F1', 'with ↑', 'without ↓', 'shingle F1', ...tail]
        : ['tool', 'token P', 'token R', 'token F1', 'shingle F1', ...tail];
  return `### ${DATASET_TITLES[dataset]}, ${pages} pages\n\n${table(header, rows)}`;
}

export function speedTable(tools: readonly ToolSummary[]): string {
  const rows = tools.map((t) => [
    t.tool,
    String(t.speed.timedPages),
    f1(t.speed.cpu.medianMs),
    f1(t.speed.cpu.p95Ms),
    f1(t.speed.cpu.meanMs),
    f1(t.speed.cpu.pagesPerSecond),
    t.speed.ratioToFastestPeer === null ? '–' : `${t.speed.ratioToFastestPeer.toFixed(2)}×`,
    `${f1(t.speed.wall.medianMs)} / ${f1(t.speed.wall.p95Ms)}`,
    f1(t.peakRssMb),
    f1(t.rssAfterLoadMb),
    `${t.loadAverage[0].toFixed(1)} → ${t.loadAverage[1].toFixed(1)}`,
  ]);
  const header = [
    'tool', 'pages', 'ms/page median', 'p95', 'mean', 'pages/s (1 core)', 'vs fastest peer', 'wall ms median / p95', 'peak RSS MB',
    'RSS after load MB', 'machine load',
  ];
  const note =
    'ms/page and pages/s are CPU time (user + system) of the tool\'s process, pinned to one CPU, in the timed region; ' +
    'the wall-clock times beside them grow with whatever else shares the machine (its 1-minute load average, start → end, is the last column).';
  return `### Speed and memory (every page of the run)\n\n${note}\n\n${table(header, rows)}`;
}

export function errorList(tools: readonly ToolSummary[]): string {
  const lines = tools.flatMap((t) => t.errorSamples.map((e) => `- ${t.tool} on ${e.dataset}/${e.id}: ${e.error.slice(0, 160)}`));
  return lines.length ? `### Exceptions (first few per tool; such a page scores nothing)\n\n${lines.join('\n')}` : '';
}
