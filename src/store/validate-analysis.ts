import type { ArticleAnalysis } from './analysis.js';
import { StoreError } from './errors.js';

/**
 * Checks of an analysis handed to the store (a bug in the caller when they fail, E_STORE_INPUT): the
 * shape the tables need — arrays, spans of whole numbers, event codes and quad classes, tone scopes —
 * not what the stages judged.
 */
export function checkAnalysis(analysis: ArticleAnalysis, where: string): void {
  const fail = (message: string): never => {
    throw new StoreError('E_STORE_INPUT', `The analysis of ${where}: ${message}`);
  };
  if (analysis === null || typeof analysis !== 'object') fail('it must be an object (see store/analysis.ts).');
  for (const field of ['stages', 'failures', 'entities', 'mentions', 'quotes', 'themes', 'events', 'tone'] as const) {
    if (!Array.isArray(analysis[field])) fail(`${field} must be an array.`);
  }
  const span = (value: { start: number; end: number } | null | undefined, name: string): void => {
    if (!value || !Number.isSafeInteger(value.start) || !Number.isSafeInteger(value.end) || value.start < 0 || value.end < value.start) fail(`${name} must be a span {start, end} of whole numbers with start ≤ end.`);
  };
  for (const stamp of analysis.stages) if (typeof stamp?.name !== 'string' || typeof stamp.version !== 'string') fail('stages must be {name, version} strings.');
  const names = new Set<string>();
  for (const stamp of analysis.stages) {
    if (names.has(stamp.name)) fail(`stage ${stamp.name} is listed twice.`);
    names.add(stamp.name);
  }
  const entities = new Set<number>();
  for (const e of analysis.entities) {
    if (!Number.isSafeInteger(e.entity) || entities.has(e.entity)) fail(`entity numbers must be distinct whole numbers (${String(e.entity)}).`);
    entities.add(e.entity);
    if (typeof e.name !== 'string' || typeof e.type !== 'string') fail('an entity needs a name and a type.');
  }
  for (const m of analysis.mentions) span(m, 'a mention');
  for (const q of analysis.quotes) {
    span(q, 'a quote');
    if (q.speaker) span(q.speaker, 'a quote speaker');
    if (q.cue) span(q.cue, 'a quote cue');
  }
  for (const t of analysis.themes) {
    if (typeof t.theme !== 'string' || !Array.isArray(t.evidence)) fail('a theme needs a code and an evidence array.');
    for (const e of t.evidence) span(e, `evidence of ${t.theme}`);
  }
  for (const e of analysis.events) {
    span(e, 'an event sentence');
    span(e.verb, 'an event verb');
    if (typeof e.code !== 'string' || typeof e.root !== 'string') fail('an event needs a CAMEO code and root code (strings).');
    if (![1, 2, 3, 4].includes(e.quadClass)) fail(`quad class ${String(e.quadClass)} is not 1 to 4.`);
    if (typeof e.goldstein !== 'number' || !Number.isFinite(e.goldstein)) fail('an event needs a Goldstein value.');
  }
  for (const field of ['places', 'focus'] as const) {
    if (analysis[field] !== undefined && !Array.isArray(analysis[field])) fail(`${field} must be an array when given.`);
  }
  const point = (p: { lat: number; lon: number; country: string; name: string }, what: string): void => {
    if (typeof p.name !== 'string' || typeof p.country !== 'string') fail(`${what} needs a name and a country code.`);
    if (!(Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180)) fail(`${what} has no valid latitude and longitude.`);
  };
  for (const p of analysis.places ?? []) {
    span(p, 'a place');
    point(p, 'a place');
  }
  // An article's focus names each country and each city once (the map counts focus rows as articles).
  const focused = new Set<string>();
  for (const f of analysis.focus ?? []) {
    if (f.scope !== 'country' && f.scope !== 'city') fail(`focus scope ${String(f.scope)} is not country or city.`);
    point(f, 'a focus place');
    const key = f.scope === 'country' ? `country|${f.country}` : `city|${f.country}|${f.name}|${f.lat}|${f.lon}`;
    if (focused.has(key)) fail(`the focus names ${f.scope} ${f.name} (${f.country}) twice.`);
    focused.add(key);
  }
  for (const e of analysis.events) if (e.location) point(e.location.place, 'an event location');
  for (const t of analysis.tone) {
    span(t, 'a tone row');
    if (t.scope !== 'document' && t.scope !== 'sentence') fail(`tone scope ${String(t.scope)} is not document or sentence.`);
  }
}
