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

/**
 * `datedFocus`: the focus rows carry their article's published_ms (SQLite, migration 8), so a period is
 * a range of article_places itself; PostgreSQL's rows do not, and it reads the dates from the articles.
 */
export function placeCountStatements(query: PlaceQuery = {}, { datedFocus = false } = {}): PlaceCountStatements {
  const { filter, limit } = normalizePlaceQuery(query);
  // A theme, source or target filter picks few articles out of many: the counts start from those
  // articles (their ids by index, intersected) and read their places and events by article, instead of
  // reading every place and event of the archive and testing each against the filter.
  const params: Record<string, unknown> = {};
  const chosen: string[] = [];
  if (filter.theme !== null) {
    chosen.push('SELECT article_id FROM article_themes WHERE theme = @theme');
    params.theme = filter.theme;
  }
  for (const side of ['source', 'target'] as const) {
    if (filter[side] === null) continue;
    chosen.push(`SELECT article_id FROM events WHERE ${side}_code >= @${side} AND ${side}_code < @${side}End`);
    params[side] = filter[side];
    params[`${side}End`] = prefixRangeEnd(filter[side]);
  }
  const { sinceMs, untilMs, siteKey } = filter.dates;
  const dates = datedFocus ? articleDates({ ...filter.dates, sinceMs: null, untilMs: null }, params) + focusDates(sinceMs, untilMs, params) : articleDates(filter.dates, params);
  const joinArticles = datedFocus ? siteKey !== null : dates !== '';
  const articlesFrom = `${chosen.length > 0 ? `(${chosen.join(' INTERSECT ')}) c JOIN article_places p ON p.article_id = c.article_id` : 'article_places p'}${joinArticles ? ' JOIN articles a ON a.id = p.article_id' : ''}`;
  const themed = filter.theme !== null;
  const events = eventClause(themed ? { ...filter, theme: null } : filter);
  const eventParams = themed ? { ...events.params, theme: filter.theme } : events.params;
  const eventsFrom = themed ? '(SELECT article_id FROM article_themes WHERE theme = @theme) c JOIN events e ON e.article_id = c.article_id' : 'events e';
  return {
    limit,
    articleCountries: { sql: `SELECT p.country, count(DISTINCT p.article_id) AS n FROM ${articlesFrom} WHERE p.scope = 'country'${dates} GROUP BY p.country`, params },
    eventCountries: { sql: `SELECT e.geo_country AS country, count(*) AS n FROM ${eventsFrom} WHERE e.geo_country IS NOT NULL${events.sql} GROUP BY e.geo_country`, params: eventParams },
    articleCities: {
      sql: `SELECT p.name, p.country, max(p.admin1) AS admin1, p.lat, p.lon, p.geoname_id AS "geonameId", count(DISTINCT p.article_id) AS count
       FROM ${articlesFrom} WHERE p.scope = 'city'${dates} GROUP BY p.name, p.country, p.lat, p.lon, p.geoname_id`,
      params,
    },
    eventCities: {
      sql: `SELECT e.geo_name AS name, e.geo_country AS country, max(e.geo_admin1) AS admin1, e.geo_lat AS lat, e.geo_lon AS lon, e.geo_geoname_id AS "geonameId", count(*) AS count
       FROM ${eventsFrom} WHERE e.geo_type = 'city'${events.sql} GROUP BY e.geo_name, e.geo_country, e.geo_lat, e.geo_lon, e.geo_geoname_id`,
      params: eventParams,
    },
  };
}

/** A period as a range of the focus rows' own dates. */
function focusDates(sinceMs: number | null, untilMs: number | null, params: Record<string, unknown>): string {
  let sql = '';
  if (sinceMs !== null) {
    sql += ' AND p.published_ms >= @since';
    params.since = sinceMs;
  }
  if (untilMs !== null) {
    sql += ' AND p.published_ms <= @until';
    params.until = untilMs;
  }
  return sql;
}

/** Country rows as a map of counts. */
export function countsByCountry(rows: readonly { country: string; n: number }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.country, r.n]));
}

export function placeCounts(db: Database.Database, query: PlaceQuery = {}): PlaceCounts {
  const { filter: f, limit } = normalizePlaceQuery(query);
  if (f.source === null && f.target === null && f.theme === null && unfiltered(f.dates)) return placeCountsFromTotals(db, limit);
  const s = placeCountStatements(query, { datedFocus: true });
  const all = <T>({ sql, params }: FilterClause): T[] => db.prepare(sql).all(params) as T[];
  return mergePlaceCounts(
    countsByCountry(all(s.articleCountries)),
    countsByCountry(all(s.eventCountries)),
    all<CountedCity>(s.articleCities),
    all<CountedCity>(s.eventCities),
    s.limit,
  );
}
