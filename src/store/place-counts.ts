import type { CityCount, CountryCount, PlaceCounts, PlaceQuery } from './analysis.js';
import { normalizeAggregateLimit, normalizeEventFilter, type NormalizedEventFilter } from './analysis-filters.js';

/**
 * The map's counts, shared by the adapters: each adapter counts articles (by focus country and focus
 * city) and events (by location country and city) under the same normalized filter; this merges them
 * into one row per country and per city, most counted first.
 */

export interface NormalizedPlaceQuery {
  readonly filter: NormalizedEventFilter;
  readonly limit: number;
}

export function normalizePlaceQuery(query: PlaceQuery = {}): NormalizedPlaceQuery {
  const { since, until, site, source, target, theme } = query;
  return { filter: normalizeEventFilter({ since, until, site, source, target, theme }), limit: normalizeAggregateLimit(query.limit) };
}

/** A city counted by one adapter's query: articles or events, in `count`. */
export type CountedCity = Omit<CityCount, 'articles' | 'events'> & { readonly count: number };

/** A row of an adapter's place counts: a city, or a country (name '', point 0, 0). */
export type PlaceRow = CountedCity & { readonly scope: 'country' | 'city' };

/**
 * The map from the rows of the two count statements: articles per focus country and city; events per
 * city and per country for events located in no city (an event's country counts all its events).
 */
export function placeCountsFromRows(articles: readonly PlaceRow[], events: readonly PlaceRow[], limit: number): PlaceCounts {
  const byCountry = (rows: readonly PlaceRow[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.country, (counts.get(r.country) ?? 0) + r.count);
    return counts;
  };
  const cities = (rows: readonly PlaceRow[]): CountedCity[] => rows.filter((r) => r.scope === 'city').map(({ scope: _scope, ...city }) => city);
  return mergePlaceCounts(byCountry(articles.filter((r) => r.scope === 'country')), byCountry(events), cities(articles), cities(events), limit);
}

export function mergePlaceCounts(
  articleCountries: ReadonlyMap<string, number>,
  eventCountries: ReadonlyMap<string, number>,
  articleCities: readonly CountedCity[],
  eventCities: readonly CountedCity[],
  limit: number,
): PlaceCounts {
  const countries: CountryCount[] = [...new Set([...articleCountries.keys(), ...eventCountries.keys()])]
    .map((country) => ({ country, articles: articleCountries.get(country) ?? 0, events: eventCountries.get(country) ?? 0 }))
    .sort((a, b) => b.articles + b.events - (a.articles + a.events) || a.country.localeCompare(b.country));
  const cities = new Map<string, { -readonly [K in keyof CityCount]: CityCount[K] }>();
  const add = (city: CountedCity, field: 'articles' | 'events'): void => {
    const key = `${city.geonameId ?? city.name}|${city.country}|${city.lat}|${city.lon}`;
    let row = cities.get(key);
    if (!row) cities.set(key, (row = { name: city.name, country: city.country, admin1: city.admin1, lat: city.lat, lon: city.lon, geonameId: city.geonameId, articles: 0, events: 0 }));
    row[field] += city.count;
  };
  for (const city of articleCities) add(city, 'articles');
  for (const city of eventCities) add(city, 'events');
  const sortedCities = [...cities.values()].sort((a, b) => b.articles + b.events - (a.articles + a.events) || a.name.localeCompare(b.name)).slice(0, limit);
  return { countries, cities: sortedCities };
}
