import type { PlaceCounts, PlaceQuery } from '../analysis.js';
import { placeCountsFromRows, type PlaceRow } from '../place-counts.js';
import { placeCountStatements } from '../sqlite/places-read.js';
import { query, type Queryable } from './connection.js';

/** The map's counts in PostgreSQL: the SQLite adapter's statements (the same tables, columns and indexes). */
export async function placeCounts(db: Queryable, placeQuery: PlaceQuery = {}): Promise<PlaceCounts> {
  const s = placeCountStatements(placeQuery);
  const rows = async ({ sql, params }: { sql: string; params: Record<string, unknown> }): Promise<PlaceRow[]> => query<PlaceRow & Record<string, unknown>>(db, sql, params);
  return placeCountsFromRows(await rows(s.articles), await rows(s.events), s.limit);
}
