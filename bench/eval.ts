/**
 * `npm run eval`: the quality gate. Parley alone on every page of every dataset in ../shared/bench,
 * each dataset scored by its own benchmark's method, compared with the floors pinned in
 * bench/baseline.json. Exits 1 when a score is under its floor, when Parley throws on a page, when a
 * floor is missing or the data is not the data the floors were set on; 2 when the data is absent. It
 * never reports a pass it has not measured.
 *
 *   npm run eval              check
 *   npm run eval -- --raise   also raise every floor the scores now clear by more than the margin
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extract } from '../src/extract/index.js';
import { DATASET_NAMES, datasetPages, requireBenchData, type DatasetName } from './lib/datasets.js';
import { htmlToText } from './lib/html-text.js';
import { scorePage, summarize, type DatasetScore, type PageScore } from './lib/score-run.js';

const { values } = parseArgs({ options: { raise: { type: 'boolean', default: false } } });

type Metric = 'snippetF1' | 'bagOfWordsF1' | 'tokenF1' | 'title' | 'author' | 'date';

interface Baseline {
  note: string;
  margin: number;
  pages: Partial<Record<DatasetName, number>>;
  floors: Partial<Record<DatasetName, Partial<Record<Metric, number>>>>;
  analysis: Record<string, Record<string, number>>;
}

/** The analysis evaluations: each prints one JSON object with `--json`; the gate reads these keys. */
const ANALYSIS_EVALS: { name: string; script: string; metrics: { key: string; label: string }[] }[] = [
  { name: 'ner', script: 'ner-eval.ts', metrics: [{ key: 'devF1', label: 'entity F1 (CoNLL dev)' }, { key: 'unseenRecall', label: 'recall of dev names unseen in training' }] },
  { name: 'quotes', script: 'quotes-eval.ts', metrics: [{ key: 'directF1', label: 'direct-quote F1 (PolNeAR dev)' }, { key: 'speakerAccuracy', label: 'speaker accuracy' }] },
  {
    name: 'events',
    script: 'events-eval.ts',
    metrics: [
      { key: 'root', label: 'CAMEO root accuracy' },
      { key: 'plover', label: 'PLOVER type accuracy' },
      { key: 'syntheticTestRoot', label: 'CAMEO root accuracy (held-back synthetic test)' },
      { key: 'syntheticTestPlover', label: 'PLOVER type accuracy (held-back synthetic test)' },
      { key: 'syntheticTestSource', label: 'source actor accuracy (held-back synthetic test)' },
    ],
  },
  {
    name: 'places',
    script: 'places-eval.ts',
    metrics: [
      { key: 'devF1', label: 'F1@161 km (LGL dev)' },
      { key: 'devAccuracy161', label: 'accuracy@161 km (LGL dev)' },
      { key: 'testF1', label: 'F1@161 km (LGL test)' },
      { key: 'testAccuracy161', label: 'accuracy@161 km (LGL test)' },
    ],
  },
];

/** The body score each benchmark ranks by, then the metadata accuracies wherever there is gold. */
const METRICS: Record<DatasetName, { metric: Metric; label: string; read: (s: DatasetScore) => number | undefined }[]> = {
  trafilatura: [{ metric: 'snippetF1', label: 'snippet F1 (micro)', read: (s) => s.snippets?.f1 }],
  wcxb: [{ metric: 'bagOfWordsF1', label: 'bag-of-words F1 (mean)', read: (s) => s.bagOfWords?.f1 }],
  readability: [{ metric: 'tokenF1', label: 'token F1 (mean)', read: (s) => s.bagOfWords?.f1 }],
};
const METADATA: { metric: Metric; label: string; read: (s: DatasetScore) => number | undefined }[] = [
  { metric: 'title', label: 'title accuracy', read: (s) => s.title?.accuracy },
  { metric: 'author', label: 'author accuracy', read: (s) => s.author?.accuracy },
  { metric: 'date', label: 'date accuracy (same day)', read: (s) => s.date?.accuracy },
];

const BASELINE_FILE = join(import.meta.dirname, 'baseline.json');
const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline;

requireBenchData();
const started = performance.now();
const failures: string[] = [];
const rows: string[][] = [];

for (const dataset of DATASET_NAMES) {
  const pages = datasetPages(dataset, htmlToText);
  const expected = baseline.pages[dataset];
  if (expected !== undefined && pages.length !== expected) {
    failures.push(`${dataset}: ${pages.length} pages, but the floors were set on ${expected}; the data changed, so the floors need a fresh look.`);
  }
  const scores: PageScore[] = [];
  for (const page of pages) {
    try {
      const result = extract(page.bytes, { url: page.url });
      const article = result.ok ? result.article : null;
      const output = article ? { text: article.text, title: article.title, authors: article.authors, published: article.published } : null;
      scores.push(scorePage(page, output, article ? 'ok' : 'none'));
    } catch (error) {
      failures.push(`${dataset}/${page.id}: extract() threw (it must return a rejection instead): ${(error as Error).message}`);
      scores.push(scorePage(page, null, 'error'));
    }
  }
  const summary = summarize(dataset, scores);
  for (const { metric, label, read } of [...METRICS[dataset], ...METADATA]) {
    const score = read(summary);
    if (score === undefined) continue; // no gold for this field in this dataset
    gate((baseline.floors[dataset] ??= {}) as Record<string, number>, dataset, metric, label, score);
  }
  if (values.raise) baseline.pages[dataset] = pages.length;
  rows.push([dataset, 'pages (no article / threw)', `${summary.pages} (${summary.none} / ${summary.errors})`, '', '']);
}

/** Checks one score against its floor, adds its row, and raises the floor with --raise. */
function gate(floors: Record<string, number>, group: string, metric: string, label: string, score: number): void {
  const floor = floors[metric];
  const pass = floor !== undefined && score >= floor;
  if (floor === undefined) failures.push(`${group} ${label}: no floor pinned in bench/baseline.json.`);
  else if (!pass) failures.push(`${group} ${label}: ${score.toFixed(4)} is under its floor ${floor.toFixed(3)}.`);
  rows.push([group, label, score.toFixed(4), floor === undefined ? '–' : floor.toFixed(3), pass ? 'ok' : 'FAIL']);
  const candidate = Math.floor((score - baseline.margin) * 1000) / 1000;
  if (values.raise && (floor === undefined || candidate > floor)) floors[metric] = Math.max(0, candidate);
}

for (const { name, script, metrics } of ANALYSIS_EVALS) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script), '--json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = run.status === 0 ? run.stdout.trim().split('\n').pop() : undefined;
  if (!line) {
    failures.push(`${name}: bench/${script} failed (exit ${run.status}): ${run.stderr.trim().split('\n').slice(-2).join(' ')}`);
    continue;
  }
  const scores = JSON.parse(line) as Record<string, number>;
  const floors = (baseline.analysis[name] ??= {});
  for (const { key, label } of metrics) gate(floors, name, key, label, scores[key] ?? 0);
}

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
const header = ['dataset', 'metric', 'score', 'floor', ''];
for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(Math.max(widths[i]!, header[i]!.length))).join('  ').trimEnd());
const cpu = process.cpuUsage();
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s elapsed, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`);

if (values.raise) {
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log('Floors raised where the scores allow (never lowered) in bench/baseline.json.');
}
if (failures.length) {
  console.error(`\nQuality gate FAILED:\n${failures.map((f) => `- ${f}`).join('\n')}`);
  process.exit(1);
}
console.log('Quality gate passed.');
