/**
 * `npm run eval:places`: the places stage end to end on LGL (../shared/data/geo/lgl.xml, 588 local news
 * articles with 5,088 toponyms resolved to GeoNames points; see its README). The real pipeline runs on
 * each article's text: sentences → entities → actors → places.
 *
 * Scoring (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation"): a found place is right
 * when its span overlaps a gold toponym and its point lies within 161 km (100 miles) of the gold point.
 * Precision = right found places / found places; recall = gold toponyms with a right found place / gold
 * toponyms; F1. Accuracy@161 and the median error are over the found places that overlap a gold toponym
 * (resolution alone). Gold toponyms without a GeoNames entry are left out, and so are found places that
 * overlap only such a toponym.
 *
 * Split: LGL's articles alternate in file order between `dev` (even positions: tune on these) and `test`
 * (odd positions: never tuned on). Options: --split dev|test|all (default: both, printed apart)
 * --verbose (every miss of the split) --json (dev and test figures as one JSON object, for bench/eval.ts).
 * Exits 2 when the data is absent.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { lazyResources } from '../src/app/stage-resources.js';
import { getLayer } from '../src/model/document.js';
import { buildPipeline, step } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { documentFromPlainText } from '../src/stages/sentences/plain-text.js';
import { placesPipelineStages, readLgl, Score, scoreArticle } from './lib/lgl.js';

const { values } = parseArgs({ options: { split: { type: 'string' }, verbose: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
if (values.split && !['dev', 'test', 'all'].includes(values.split)) {
  console.error(`--split ${values.split}: give dev, test or all.`);
  process.exit(2);
}

const pipeline = buildPipeline(placesPipelineStages().map((s) => step(s)));
const resources = lazyResources();
// The gazetteer's load time and memory, measured apart before anything else reads it.
const memoryBefore = process.memoryUsage();
const loadStarted = performance.now();
void resources.gazetteer;
const load = { ms: performance.now() - loadStarted, heapMb: (process.memoryUsage().heapUsed - memoryBefore.heapUsed) / 1e6, rssMb: (process.memoryUsage().rss - memoryBefore.rss) / 1e6 };
let placesMs = 0;
let words = 0;
const articles = readLgl();
const splits = values.split ? [values.split] : ['dev', 'test'];
const scores = new Map(splits.map((s) => [s, new Score()]));
const started = performance.now();

for (const article of articles) {
  const score = scores.get(values.split === 'all' ? 'all' : article.split);
  if (!score) continue;
  const doc = runPipeline(pipeline, documentFromPlainText(article.text), resources, { onStage: (name, ms) => (placesMs += name === 'places' ? ms : 0) });
  words += article.text.split(/\s+/).filter(Boolean).length;
  scoreArticle(score, article, doc.text, getLayer(doc, 'places'), values.verbose ? (line) => console.log(line) : undefined);
}

const seconds = (performance.now() - started) / 1000;
const figures = Object.fromEntries([...scores].map(([split, score]) => [split, score.figures()]));
if (values.json) {
  const { dev, test } = figures;
  console.log(JSON.stringify({ devF1: dev?.f1, devAccuracy161: dev?.accuracy161, testF1: test?.f1, testAccuracy161: test?.accuracy161, dev, test }));
} else {
  console.log(`eval:places — LGL end to end (sentences → entities → actors → places), ${seconds.toFixed(1)} s`);
  console.log('split  articles  gold  found  precision  recall  F1@161  acc@161  median km');
  for (const [split, f] of Object.entries(figures)) {
    console.log(`${split.padEnd(6)} ${String(f.articles).padStart(8)} ${String(f.gold).padStart(5)} ${String(f.found).padStart(6)} ${f.precision.toFixed(3).padStart(10)} ${f.recall.toFixed(3).padStart(7)} ${f.f1.toFixed(3).padStart(7)} ${f.accuracy161.toFixed(3).padStart(8)} ${String(f.medianKm).padStart(10)}`);
  }
  console.log('Goals: F1@161 ≥ 0.75, acc@161 ≥ 0.85 (aim 0.85 / 0.92).');
  console.log(`Speed: the places stage took ${((placesMs / words) * 1000).toFixed(2)} ms per 1,000 words (${words} words; goal ≤ 3 ms). Gazetteer load: ${load.ms.toFixed(0)} ms, +${load.heapMb.toFixed(1)} MB heap, +${load.rssMb.toFixed(1)} MB RSS (goals < 1 s, < 150 MB). Load average ${loadavg()[0]!.toFixed(2)}.`);
}
