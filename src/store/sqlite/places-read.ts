import type Database from 'better-sqlite3';
import type { PlaceCounts, PlaceQuery } from '../analysis.js';
import { prefixRangeEnd } from '../analysis-filters.js';
import { mergePlaceCounts, normalizePlaceQuery, placeCountsFromRows, type CountedCity, type PlaceRow } from '../place-counts.js';
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
 * The map's counts: articles by their focus countries and cities (article_places), events by their
 * location (the geo_* columns of events), each side in one statement whose rows are PlaceRows (a country
 * row: name '', point 0, 0). The event filters apply to the events; to articles, as "the article has a
 * theme / an event with that source or target". The statements are the same in PostgreSQL
 * (postgres/places-read.ts runs them).
 */
export interface PlaceCountStatements {
  readonly limit: number;
  /** Articles per focus country and per focus city (an article's focus names each once: validate-analysis.ts). */
  readonly articles: FilterClause;
  /** Located events per city, and per country for the events located in no city. */
  readonly events: FilterClause;
}

/** The columns of a PlaceRow from a place's columns: a city keeps its name and point, a country row does not. */
function placeColumns(isCity: string, country: string, name: string, admin1: string, lat: string, lon: string, geonameId: string): string {
  return `CASE WHEN ${isCity} THEN 'city' ELSE 'country' END AS scope, ${country} AS country, CASE WHEN ${isCity} THEN ${name} ELSE '' END AS name,
    max(${admin1}) AS admin1, CASE WHEN ${isCity} THEN ${lat} ELSE 0 END AS lat, CASE WHEN ${isCity} THEN ${lon} ELSE 0 END AS lon,
    CASE WHEN ${isCity} THEN ${geonameId} END AS "geonameId"`;
}

/**
 * `sqlite`: the statements for SQLite, whose focus rows and events carry a place key and the focus rows
 * their article's published_ms (migration 8), so a period is a range of article_places itself and the
 * grouping sorts integers, and whose planner (without statistics) is told the join order with CROSS
 * JOIN: the few chosen articles first. PostgreSQL's rows have no dates (it reads
 * them from the articles) and its planner picks the order from its statistics.
 */
export function placeCountStatements(query: PlaceQuery = {}, { sqlite = false } = {}): PlaceCountStatements {
  const { filter, limit } = normalizePlaceQuery(query);
  // A theme, source or target filter picks few articles out of many: the counts start from those
  // articles (their ids by index, intersected) and read their places and events by article, instead of
  // reading every place and event of the archive and testing each against the filter.
  const params: Record<string, unknown> = {};
  const chosen: string[] = [];
  if (filter.theme !== null) {
    chosen.push('SELECT DISTINCT article_id FROM article_themes WHERE theme = @theme');
    params.theme = filter.theme;
  }
  for (const side of ['source', 'target'] as const) {
    if (filter[side] === null) continue;
    chosen.push(`SELECT DISTINCT article_id FROM events WHERE ${side}_code >= @${side} AND ${side}_code < @${side}End`);
    params[side] = filter[side];
    params[`${side}End`] = prefixRangeEnd(filter[side]);
  }
  const { sinceMs, untilMs, siteKey } = filter.dates;
  const dates = sqlite ? articleDates({ ...filter.dates, sinceMs: null, untilMs: null }, params) + focusDates(sinceMs, untilMs, params) : articleDates(filter.dates, params);
  const joinArticles = sqlite ? siteKey !== null : dates !== '';
  const join = sqlite ? 'CROSS JOIN' : 'JOIN';
  const articlesFrom = `${chosen.length > 0 ? `(${chosen.join(' INTERSECT ')}) c ${join} article_places p ON p.article_id = c.article_id` : 'article_places p'}${joinArticles ? ' JOIN articles a ON a.id = p.article_id' : ''}`;
  const themed = filter.theme !== null;
  const events = eventClause(themed ? { ...filter, theme: null } : filter);
  const eventParams = themed ? { ...events.params, theme: filter.theme } : events.params;
  const eventsFrom = themed ? `(SELECT DISTINCT article_id FROM article_themes WHERE theme = @theme) c ${join} events e ON e.article_id = c.article_id` : 'events e';
  if (sqlite) {
    // Grouped by place_keys id (migration 8): one integer per row to sort, the place's columns joined after.
    const keyed = (grouped: string): string =>
      `SELECT k.scope, k.country, k.name, k.admin1, k.lat, k.lon, k.geoname_id AS "geonameId", g.count FROM (${grouped}) g JOIN place_keys k ON k.id = g.place_id`;
    return {
      limit,
      articles: { sql: keyed(`SELECT p.place_id, count(*) AS count FROM ${articlesFrom} WHERE p.place_id IS NOT NULL${dates} GROUP BY p.place_id`), params },
      events: { sql: keyed(`SELECT e.place_id, count(*) AS count FROM ${eventsFrom} WHERE e.place_id IS NOT NULL${events.sql} GROUP BY e.place_id`), params: eventParams },
    };
  }
  return {
    limit,
    articles: {
      sql: `SELECT ${placeColumns("p.scope = 'city'", 'p.country', 'p.name', 'p.admin1', 'p.lat', 'p.lon', 'p.geoname_id')}, count(*) AS count
       FROM ${articlesFrom} WHERE p.scope IN ('country', 'city')${dates} GROUP BY 1, 2, 3, 5, 6, 7`,
      params,
    },
    events: {
      sql: `SELECT ${placeColumns("e.geo_type = 'city'", 'e.geo_country', 'e.geo_name', 'e.geo_admin1', 'e.geo_lat', 'e.geo_lon', 'e.geo_geoname_id')}, count(*) AS count
       FROM ${eventsFrom} WHERE e.geo_country IS NOT NULL${events.sql} GROUP BY 1, 2, 3, 5, 6, 7`,
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

export function placeCounts(db: Database.Database, query: PlaceQuery = {}): PlaceCounts {
  const { filter: f, limit } = normalizePlaceQuery(query);
  if (f.source === null && f.target === null && f.theme === null && unfiltered(f.dates)) return placeCountsFromTotals(db, limit);
  const s = placeCountStatements(query, { sqlite: true });
  const all = ({ sql, params }: FilterClause): PlaceRow[] => db.prepare(sql).all(params) as PlaceRow[];
  return placeCountsFromRows(all(s.articles), all(s.events), s.limit);
}
