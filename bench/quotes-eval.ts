/**
 * `npm run eval:quotes`: Parley's quotes stage on PolNeAR (../shared/data/polnear), scored against the
 * first annotator of each article (the order of the corpus metadata), with the score against every
 * annotator's file (micro-averaged) shown beside it.
 *
 *   npm run eval:quotes                      dev split (the figures to report)
 *   npm run eval:quotes -- --split train     train split (for tuning)
 *   npm run eval:quotes -- --show 20         also print 20 misses and false alarms
 *   npm run eval:quotes -- --data DIR        PolNeAR somewhere else
 *   npm run eval:quotes -- --entity-mentions mentions from the entities alone (without the actors stage)
 *   npm run eval:quotes -- --json            only the dev figures, as one JSON object (for bench/eval.ts)
 */
import { getLayer } from '../src/model/document.js';
import { runPipeline } from '../src/pipeline/run.js';
import { ResourceLoader } from '../src/resources/index.js';
import { documentFromPlainText } from '../src/stages/sentences/plain-text.js';
import { quotesPipeline, quotesResources } from '../src/cli/quotes/pipeline.js';
import { polnearAvailable, POLNEAR_DIR, readSplit, type PolnearArticle } from './lib/polnear.js';
import { goldRelations, predictedRelations, score, type Relation, type Tally } from './lib/polnear-score.js';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const dataDir = argument('--data') ?? POLNEAR_DIR;
if (!polnearAvailable(dataDir)) {
  process.stderr.write(`eval:quotes: PolNeAR is not at ${dataDir} (expected train/ and dev/ with text/ and attributions/). Put the corpus there (or give --data DIR) and run again.\n`);
  process.exit(1);
}

const split = argument('--split') === 'train' ? 'train' : 'dev';
const show = Number(argument('--show') ?? 0);
const limit = Number(argument('--limit') ?? Infinity);
const articles = readSplit(split, dataDir).slice(0, limit);
const pipeline = quotesPipeline(process.argv.includes('--entity-mentions'));
const resources = quotesResources(pipeline, new ResourceLoader());

const first = { direct: newTally(), all: newTally() };
const every = { direct: newTally(), all: newTally() };
const examples: string[] = [];

function newTally(): Tally {
  return { gold: 0, predicted: 0, matched: 0, speakerTotal: 0, speakerCorrect: 0 };
}

function add(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

function context(text: string, span: { start: number; end: number }): string {
  return `${text.slice(Math.max(0, span.start - 100), span.start)}[[${text.slice(span.start, span.end)}]]${text.slice(span.end, span.end + 60)}`.replace(/\s+/g, ' ');
}

function describe(article: PolnearArticle, relation: Relation, what: string): string {
  const text = article.text.slice(relation.span.start, relation.span.end).replace(/\s+/g, ' ');
  return `${what} ${article.name}: [${relation.speaker ?? '-'}] ${text.slice(0, 160)}`;
}

for (const article of articles) {
  const doc = runPipeline(pipeline, documentFromPlainText(article.text), resources);
  const predicted = predictedRelations(article.text, getLayer(doc, 'quotes'));
  for (const [index, annotator] of article.annotators.entries()) {
    const gold = goldRelations(article.text, article.annotations.get(annotator)!);
    const direct = score(gold.filter((g) => g.direct), predicted.filter((p) => p.direct));
    const all = score(gold, predicted);
    add(every.direct, direct.tally);
    add(every.all, all.tally);
    if (index > 0) continue;
    add(first.direct, direct.tally);
    add(first.all, all.tally);
    if (examples.length < show * 3) {
      for (const miss of direct.missed.slice(0, 2)) examples.push(describe(article, miss, 'MISS'));
      for (const alarm of direct.falseAlarms.slice(0, 2)) examples.push(describe(article, alarm, 'FALSE'));
      for (const wrong of direct.wrongSpeakers.slice(0, 2)) examples.push(`SPEAKER ${article.name}: gold [${wrong.gold.speaker ?? '-'}] predicted [${wrong.predicted.speaker ?? '-'}] ${context(article.text, wrong.predicted.span)}`);
    }
  }
}

const f1 = (t: Tally): string => {
  const p = t.predicted ? t.matched / t.predicted : 0;
  const r = t.gold ? t.matched / t.gold : 0;
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)}  (gold ${t.gold}, predicted ${t.predicted}, matched ${t.matched})`;
};
const accuracy = (t: Tally): string => `${(t.speakerTotal ? t.speakerCorrect / t.speakerTotal : 0).toFixed(3)} (${t.speakerCorrect}/${t.speakerTotal})`;

const lines = [
  `PolNeAR ${split}: ${articles.length} articles, ${articles.reduce((n, a) => n + a.annotators.length, 0)} annotation files`,
  'Definitions: a gold attribution is one relation, its Content fragments merged from first to last; it is a',
  '  direct quote when that span starts with or contains a double quote mark (" “ ” „ « »). A predicted',
  '  attribution is the set of Parley quotes sharing one cue; it is direct when any of them is in quote marks.',
  '  A match: spans overlapping by at least half of the shorter one (one-to-one, largest overlap first).',
  '  Speaker correct: the predicted speaker span overlaps the gold Source, or its resolved name shares a word',
  '  with the Source text (matched quotes whose gold has a Source).',
  '',
  'Against each article\'s first annotator (the figures to report):',
  `  direct-quote       ${f1(first.direct)}`,
  `  speaker accuracy   ${accuracy(first.direct)}  (goals: direct F1 >= 0.80, speaker accuracy >= 0.85)`,
  `  all attributions   ${f1(first.all)}  speaker ${accuracy(first.all)}`,
  'Against every annotator file (micro-averaged, for information):',
  `  direct-quote       ${f1(every.direct)}  speaker ${accuracy(every.direct)}`,
  `  all attributions   ${f1(every.all)}  speaker ${accuracy(every.all)}`,
];
const rate = (a: number, b: number): number => (b ? a / b : 0);
const f1Of = (t: Tally): number => {
  const p = rate(t.matched, t.predicted);
  const r = rate(t.matched, t.gold);
  return p + r ? (2 * p * r) / (p + r) : 0;
};
if (process.argv.includes('--json')) {
  // For the quality gate (bench/eval.ts): the figures to report, as one JSON object.
  process.stdout.write(`${JSON.stringify({ directF1: f1Of(first.direct), speakerAccuracy: rate(first.direct.speakerCorrect, first.direct.speakerTotal), allF1: f1Of(first.all) })}\n`);
  process.exit(0);
}
process.stdout.write(`${lines.join('\n')}\n`);
if (examples.length) process.stdout.write(`\n${examples.join('\n')}\n`);
