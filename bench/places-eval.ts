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
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { lazyResources } from '../src/app/stage-resources.js';
import { getLayer } from '../src/model/document.js';
import { buildPipeline, step } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { placesStage } from '../src/stages/places/places.js';
import { distanceKm } from '../src/stages/places/resolve.js';
import { selectStages } from '../src/stages/select.js';
import { ANALYSIS_STAGES } from '../src/stages/index.js';
import { documentFromPlainText } from '../src/stages/sentences/plain-text.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const LGL = join(REPO, '..', 'shared', 'data', 'geo', 'lgl.xml');
const RADIUS_KM = 161;

const { values } = parseArgs({ options: { split: { type: 'string' }, verbose: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });

interface Gold { start: number; end: number; phrase: string; lat: number; lon: number; name: string }
interface LglArticle { id: string; text: string; gold: Gold[]; ungazetteered: { start: number; end: number }[]; split: 'dev' | 'test' }

function readLgl(): LglArticle[] {
  if (!existsSync(LGL)) {
    console.error(`LGL is absent: ${LGL} (see ../shared/data/geo/README.md). eval:places needs it.`);
    process.exit(2);
  }
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'article' || name === 'toponym', parseTagValue: false, trimValues: false });
  const root = parser.parse(readFileSync(LGL, 'utf8')) as { articles: { article: Record<string, unknown>[] } };
  return root.articles.article.map((article, index) => {
    const gold: Gold[] = [];
    const ungazetteered: { start: number; end: number }[] = [];
    const toponyms = ((article.toponyms as { toponym?: Record<string, unknown>[] } | undefined)?.toponym ?? []);
    for (const t of toponyms) {
      const start = Number(t.start);
      const end = Number(t.end);
      const tag = t.gaztag as Record<string, unknown> | undefined;
      if (!tag || tag.lat === undefined) ungazetteered.push({ start, end });
      else gold.push({ start, end, phrase: String(t.phrase), lat: Number(tag.lat), lon: Number(tag.lon), name: String(tag.name) });
    }
    return { id: String(article.docid), text: String(article.text), gold, ungazetteered, split: index % 2 === 0 ? 'dev' : 'test' };
  });
}

class Score {
  found = 0; right = 0; goldTotal = 0; goldHit = 0; resolvedN = 0; resolvedRight = 0; errors: number[] = []; articles = 0;
  figures(): { precision: number; recall: number; f1: number; accuracy161: number; medianKm: number; found: number; gold: number; articles: number } {
    const precision = this.found ? this.right / this.found : 0;
    const recall = this.goldTotal ? this.goldHit / this.goldTotal : 0;
    const sorted = [...this.errors].sort((a, b) => a - b);
    const round = (x: number): number => Math.round(x * 1000) / 1000;
    return {
      precision: round(precision), recall: round(recall), f1: round(precision + recall ? (2 * precision * recall) / (precision + recall) : 0),
      accuracy161: round(this.resolvedN ? this.resolvedRight / this.resolvedN : 0), medianKm: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      found: this.found, gold: this.goldTotal, articles: this.articles,
    };
  }
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

const pipeline = buildPipeline(selectStages([placesStage.name], [...ANALYSIS_STAGES.filter((s) => s.name !== placesStage.name), placesStage]).map((s) => step(s)));
const resources = lazyResources();
const articles = readLgl();
const splits = values.split ? [values.split] : ['dev', 'test'];
const scores = new Map(splits.map((s) => [s, new Score()]));
const started = performance.now();

for (const article of articles) {
  const score = scores.get(article.split) ?? (values.split === 'all' ? scores.get('all') : undefined);
  if (!score) continue;
  score.articles++;
  const doc = runPipeline(pipeline, documentFromPlainText(article.text), resources);
  const places = getLayer(doc, 'places');
  score.goldTotal += article.gold.length;
  const hit = new Set<Gold>();
  for (const place of places) {
    const golds = article.gold.filter((g) => overlaps(g, place));
    if (golds.length === 0 && article.ungazetteered.some((u) => overlaps(u, place))) continue;
    score.found++;
    if (golds.length === 0) {
      if (values.verbose) console.log(`FP   ${article.id} "${doc.text.slice(place.start, place.end)}" → ${place.data.name} (${place.data.type}, ${place.data.country})`);
      continue;
    }
    const error = Math.min(...golds.map((g) => distanceKm(g, place.data)));
    score.resolvedN++;
    score.errors.push(error);
    if (error <= RADIUS_KM) {
      score.right++;
      score.resolvedRight++;
      for (const g of golds) if (distanceKm(g, place.data) <= RADIUS_KM) hit.add(g);
    } else if (values.verbose) {
      console.log(`WRONG ${article.id} "${doc.text.slice(place.start, place.end)}" → ${place.data.name} (${place.data.type}, ${place.data.admin1 ?? ''}, ${place.data.country}; ${place.data.confidence}) gold ${golds[0]!.name} ${Math.round(error)} km`);
    }
  }
  score.goldHit += hit.size;
  if (values.verbose) for (const g of article.gold) if (!hit.has(g) && !places.some((p) => overlaps(p, g))) console.log(`MISS ${article.id} "${g.phrase}" (${g.name})`);
}

const seconds = (performance.now() - started) / 1000;
const figures = Object.fromEntries([...scores].map(([split, score]) => [split, score.figures()]));
if (values.json) {
  const dev = figures.dev;
  const test = figures.test;
  console.log(JSON.stringify({ devF1: dev?.f1, devAccuracy161: dev?.accuracy161, testF1: test?.f1, testAccuracy161: test?.accuracy161, dev, test }));
} else {
  console.log(`eval:places — LGL end to end (sentences → entities → actors → places), ${seconds.toFixed(1)} s`);
  console.log('split  articles  gold  found  precision  recall  F1@161  acc@161  median km');
  for (const [split, f] of Object.entries(figures)) {
    console.log(`${split.padEnd(6)} ${String(f.articles).padStart(8)} ${String(f.gold).padStart(5)} ${String(f.found).padStart(6)} ${f.precision.toFixed(3).padStart(10)} ${f.recall.toFixed(3).padStart(7)} ${f.f1.toFixed(3).padStart(7)} ${f.accuracy161.toFixed(3).padStart(8)} ${String(f.medianKm).padStart(10)}`);
  }
  console.log('Goals: F1@161 ≥ 0.75, acc@161 ≥ 0.85 (aim 0.85 / 0.92).');
}
