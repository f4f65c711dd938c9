import type { Annotation } from '../../model/span.js';
import type { Gazetteer } from './gazetteer.js';
import type { PlaceData, PlaceFocusData, ResolvedPlace } from './place.js';
import { resolvedPlace } from './resolved-place.js';
import { FOCUS } from './rules.js';

/**
 * The countries and cities an article is mainly about (its focus, as CLIFF reports it): every resolved
 * place counts for its country (a city, a division or a demonym as much as the country's own name),
 * weighted by its confidence; the countries with at least FOCUS.share of the leading country's weight
 * are the focus, at most FOCUS.max of them. Cities likewise, among the article's cities.
 */
export function articleFocus(places: readonly Annotation<PlaceData>[], gazetteer: Gazetteer, textLength: number): Annotation<PlaceFocusData>[] {
  const countries = new Map<string, { weight: number; mentions: number; place: ResolvedPlace | null }>();
  const cities = new Map<string, { weight: number; mentions: number; place: ResolvedPlace }>();
  let total = 0;
  for (const { data } of places) {
    total += data.confidence;
    const country = countries.get(data.country) ?? { weight: 0, mentions: 0, place: null };
    country.weight += data.confidence;
    country.mentions++;
    if (data.type === 'country') country.place = placeOf(data);
    countries.set(data.country, country);
    if (data.type !== 'city') continue;
    const key = `${data.name}|${data.lat}|${data.lon}`;
    const city = cities.get(key) ?? { weight: 0, mentions: 0, place: placeOf(data) };
    city.weight += data.confidence;
    city.mentions++;
    cities.set(key, city);
  }
  const focus: Annotation<PlaceFocusData>[] = [];
  const span = { start: 0, end: textLength };
  for (const [code, { weight, mentions, place }] of leading(countries)) {
    const entry = place ? null : gazetteer.country(code);
    const resolved = place ?? (entry ? resolvedPlace(gazetteer, entry) : null);
    if (resolved) focus.push({ ...span, data: { scope: 'country', place: resolved, score: round(weight / total), mentions } });
  }
  const cityTotal = [...cities.values()].reduce((sum, c) => sum + c.weight, 0);
  for (const [, { weight, mentions, place }] of leading(cities)) focus.push({ ...span, data: { scope: 'city', place, score: round(weight / cityTotal), mentions } });
  return focus;
}

function leading<V extends { weight: number }>(items: ReadonlyMap<string, V>): [string, V][] {
  const sorted = [...items].sort((a, b) => b[1].weight - a[1].weight);
  const top = sorted[0]?.[1].weight ?? 0;
  return sorted.filter(([, item]) => item.weight > 0 && item.weight >= top * FOCUS.share).slice(0, FOCUS.max);
}

function placeOf(data: PlaceData): ResolvedPlace {
  const { name, type, country, admin1, admin1Code, lat, lon, geonameId, featureCode } = data;
  return { name, type, country, admin1, admin1Code, lat, lon, geonameId, featureCode };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
