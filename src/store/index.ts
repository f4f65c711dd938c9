/** The store: the port, its adapters, and what callers need around them. */
export type * from './store.js';
export {
  DEFAULT_SEARCH_LIMIT,
  DEFAULT_STATS_RUNS,
  DEFAULT_STATS_SITES,
  EXPORT_BATCH_SIZE,
  MAX_SEARCH_LIMIT,
  NEAR_DUPLICATE_CANDIDATE_LIMIT,
} from './store.js';
export { CALLER_ERROR_CODES, isStoreError, QuerySyntaxError, STORE_ERROR_CODES, StoreError, type StoreErrorCode } from './errors.js';
export { MAX_CURSOR_OFFSET } from './cursor.js';
export { parseDateBound } from './filters.js';
export { DEFAULT_QUERY_LIMITS, parseQuery, type QueryLimits, type QueryNode } from './query/parse.js';
export { DATABASE_ENV, DEFAULT_DATABASE_PATH, resolveDatabasePath } from './location.js';
export { MemoryStore } from './memory/memory-store.js';
export { openSqliteStore, SqliteStore } from './sqlite/sqlite-store.js';
export type { OpenMode, SqliteOptions } from './sqlite/open.js';
export { SCHEMA_VERSION } from './sqlite/open.js';
export type * from './analysis.js';
export { DEFAULT_AGGREGATE_LIMIT, EMPTY_ANALYSIS, MAX_AGGREGATE_LIMIT, STREAM_BATCH_SIZE } from './analysis.js';
export { checkTimelineUnit, parseActorCode, parseCameoCode, parseThemeCode, TIMELINE_UNITS } from './analysis-filters.js';
