import type Database from 'better-sqlite3';
import type { PlaceCounts, PlaceQuery } from '../analysis.js';
import { prefixRangeEnd } from '../analysis-filters.js';
import { mergePlaceCounts, normalizePlaceQuery, type CountedCity } from '../place-counts.js';
import { articleDates, eventClause } from './analysis-read.js';
import type { FilterClause } from './read.js';
import { unfiltered } from './rollups.js';

/** The whole archive's map, from place_totals (migration 5's triggers keep it). */
function placeCountsFromTotals(db: Database.Database, limit: number): PlaceCounts {
  const rows = db.prepare('SELECT kind, scope, country, name, lat, lon, geoname_id AS geonameId, admin1, count FROM place_totals WHERE count > 0').all() as {
    kind: 'article' | 'event'; scope: 'country' | 'city'; country: string; name: string; lat: number; lon: number; geonameId: number | null; admin1: string | null; count: number;
  }[];
  const countries = (kind: string): Map<string, number> => new Map(rows.filter((r) => r.kind === kind && r.scope === 'country').map((r) => [r.country, r.count]));
  const cities = (kind: string): CountedCity[] =>
    rows.filter((r) => r.kind === kind && r.scope === 'city').map((r) => ({ name: r.name, country: r.country, admin1: r.admin1, lat: r.lat, lon: r.lon, geonameId: r.geonameId, count: r.count }));
  return mergePlaceCounts(countries('article'), countries('event'), cities('article'), cities('event'), limit);
}

/**
 * The map's counts: articles by their focus countries and cities (article_places, indexed by country),
 * events by their location (the geo_* columns of events). The event filters apply to the events; to
 * articles, as "the article has a theme / an event with that source or target". The statements are the
 * same in PostgreSQL (postgres/places-read.ts runs them).
 */
export interface PlaceCountStatements {
  readonly limit: number;
  /** Rows of { country, n }. */
  readonly articleCountries: FilterClause;
  readonly eventCountries: FilterClause;
  /** Rows of CountedCity. */
  readonly articleCities: FilterClause;
  readonly eventCities: FilterClause;
}

export function placeCountStatements(query: PlaceQuery = {}): PlaceCountStatements {
  const { filter, limit } = normalizePlaceQuery(query);
  const events = eventClause(filter);
  const params: Record<string, unknown> = {};
  let articleWhere = articleDates(filter.dates, params);
  if (filter.theme !== null) {
    articleWhere += ' AND EXISTS (SELECT 1 FROM article_themes t WHERE t.theme = @theme AND t.article_id = p.article_id)';
    params.theme = filter.theme;
  }
  for (const side of ['source', 'target'] as const) {
    if (filter[side] === null) continue;
    articleWhere += ` AND EXISTS (SELECT 1 FROM events x WHERE x.article_id = p.article_id AND x.${side}_code >= @${side} AND x.${side}_code < @${side}End)`;
    params[side] = filter[side];
    params[`${side}End`] = prefixRangeEnd(filter[side]);
  }
  return {
    limit,
    articleCountries: {
      sql: `SELECT p.country, count(DISTINCT p.article_id) AS n FROM article_places p JOIN articles a ON a.id = p.article_id WHERE p.scope = 'country'${articleWhere} GROUP BY p.country`,
      params,
    },
    eventCountries: { sql: `SELECT e.geo_country AS country, count(*) AS n FROM events e WHERE e.geo_country IS NOT NULL${events.sql} GROUP BY e.geo_country`, params: events.params },
    articleCities: {
      sql: `SELECT p.name, p.country, max(p.admin1) AS admin1, p.lat, p.lon, p.geoname_id AS "geonameId", count(DISTINCT p.article_id) AS count
       FROM article_places p JOIN articles a ON a.id = p.article_id WHERE p.scope = 'city'${articleWhere} GROUP BY p.name, p.country, p.lat, p.lon, p.geoname_id`,
      params,
    },
    eventCities: {
      sql: `SELECT e.geo_name AS name, e.geo_country AS country, max(e.geo_admin1) AS admin1, e.geo_lat AS lat, e.geo_lon AS lon, e.geo_geoname_id AS "geonameId", count(*) AS count
       FROM events e WHERE e.geo_type = 'city'${events.sql} GROUP BY e.geo_name, e.geo_country, e.geo_lat, e.geo_lon, e.geo_geoname_id`,
      params: events.params,
    },
  };
}

/** Country rows as a map of counts. */
export function countsByCountry(rows: readonly { country: string; n: number }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.country, r.n]));
}

export function placeCounts(db: Database.Database, query: PlaceQuery = {}): PlaceCounts {
  const { filter: f, limit } = normalizePlaceQuery(query);
  if (f.source === null && f.target === null && f.theme === null && unfiltered(f.dates)) return placeCountsFromTotals(db, limit);
  const s = placeCountStatements(query);
  const all = <T>({ sql, params }: FilterClause): T[] => db.prepare(sql).all(params) as T[];
  return mergePlaceCounts(
    countsByCountry(all(s.articleCountries)),
    countsByCountry(all(s.eventCountries)),
    all<CountedCity>(s.articleCities),
    all<CountedCity>(s.eventCities),
    s.limit,
  );
}
