/**
 * LGL (../shared/data/geo/lgl.xml) for the places evaluations: reading the articles with their gold
 * toponyms, the dev/test split (alternating in file order), and scoring found places against the gold
 * (a found place is right when it overlaps a gold toponym and lies within 161 km of its point).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import type { Annotation } from '../../src/model/span.js';
import type { PlaceData } from '../../src/stages/places/place.js';
import type { Stage } from '../../src/pipeline/stage.js';
import { ANALYSIS_STAGES } from '../../src/stages/index.js';
import { placesStage } from '../../src/stages/places/places.js';
import { distanceKm } from '../../src/stages/places/resolve.js';
import { selectStages } from '../../src/stages/select.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const LGL = join(REPO, '..', 'shared', 'data', 'geo', 'lgl.xml');
export const RADIUS_KM = 161;

export interface Gold { start: number; end: number; phrase: string; lat: number; lon: number; name: string }
export interface LglArticle { id: string; text: string; gold: Gold[]; ungazetteered: { start: number; end: number }[]; split: 'dev' | 'test' }

export function readLgl(): LglArticle[] {
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

export class Score {
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

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;


/** Scores one article's places into `score`; `log` gets one line per wrong, spurious or missed place. */
export function scoreArticle(score: Score, article: LglArticle, text: string, places: readonly Annotation<PlaceData>[], log?: (line: string) => void): void {
  score.articles++;
  score.goldTotal += article.gold.length;
  const hit = new Set<Gold>();
  for (const place of places) {
    const golds = article.gold.filter((g) => overlaps(g, place));
    if (golds.length === 0 && article.ungazetteered.some((u) => overlaps(u, place))) continue;
    score.found++;
    if (golds.length === 0) {
      log?.(`FP   ${article.id} "${text.slice(place.start, place.end)}" → ${place.data.name} (${place.data.type}, ${place.data.country})`);
      continue;
    }
    const error = Math.min(...golds.map((g) => distanceKm(g, place.data)));
    score.resolvedN++;
    score.errors.push(error);
    if (error <= RADIUS_KM) {
      score.right++;
      score.resolvedRight++;
      for (const g of golds) if (distanceKm(g, place.data) <= RADIUS_KM) hit.add(g);
    } else {
      log?.(`WRONG ${article.id} "${text.slice(place.start, place.end)}" → ${place.data.name} (${place.data.type}, ${place.data.admin1 ?? ''}, ${place.data.country}; ${place.data.confidence}) gold ${golds[0]!.name} ${Math.round(error)} km`);
    }
  }
  score.goldHit += hit.size;
  if (log) for (const g of article.gold) if (!hit.has(g) && !places.some((p) => overlaps(p, g))) log(`MISS ${article.id} "${g.phrase}" (${g.name})`);
}

/** The places stage and the stages it needs, in pipeline order. */
export function placesPipelineStages(): Stage[] {
  const all = ANALYSIS_STAGES.some((s) => s.name === placesStage.name) ? ANALYSIS_STAGES : [...ANALYSIS_STAGES, placesStage as Stage];
  return selectStages([placesStage.name], all);
}
