import type { PlaceCounts, PlaceQuery } from '../analysis.js';
import { mergePlaceCounts, type CountedCity } from '../place-counts.js';
import { countsByCountry, placeCountStatements } from '../sqlite/places-read.js';
import { query, type Queryable } from './connection.js';

/** The map's counts in PostgreSQL: the SQLite adapter's statements (the same tables, columns and indexes). */
export async function placeCounts(db: Queryable, placeQuery: PlaceQuery = {}): Promise<PlaceCounts> {
  const s = placeCountStatements(placeQuery);
  return mergePlaceCounts(
    countsByCountry(await query<{ country: string; n: number }>(db, s.articleCountries.sql, s.articleCountries.params)),
    countsByCountry(await query<{ country: string; n: number }>(db, s.eventCountries.sql, s.eventCountries.params)),
    await query<CountedCity & Record<string, unknown>>(db, s.articleCities.sql, s.articleCities.params),
    await query<CountedCity & Record<string, unknown>>(db, s.eventCities.sql, s.eventCities.params),
    s.limit,
  );
}
