import { isPostgresUrl, redactUrl, type PostgresOptions } from './postgres/connection.js';
import { openPostgresStore, type PostgresStore } from './postgres/postgres-store.js';
import type { OpenMode } from './sqlite/open.js';
import { openSqliteStore, type SqliteStore } from './sqlite/sqlite-store.js';

/**
 * Opens the archive a `--db` value names: a `postgres://` (or `postgresql://`) URL is a PostgreSQL
 * database, anything else an SQLite file. Every command opens its archive here, so each of them takes
 * either.
 */
export type ArchiveStore = SqliteStore | PostgresStore;

export interface OpenStoreOptions {
  readonly mode: OpenMode;
  /** PostgreSQL connection settings (pool size, reconnect time); ignored for SQLite. */
  readonly postgres?: PostgresOptions;
  /** SQLite's page cache in KiB (sqlite/open.ts); ignored for PostgreSQL. */
  readonly sqliteCacheKiB?: number;
}

export async function openStore(location: string, options: OpenStoreOptions): Promise<ArchiveStore> {
  if (isPostgresUrl(location)) return openPostgresStore(location, { ...options.postgres, mode: options.mode });
  return openSqliteStore(location, { mode: options.mode, cacheKiB: options.sqliteCacheKiB });
}

/** The location as it may be shown (a URL without its password). */
export function displayLocation(location: string): string {
  return isPostgresUrl(location) ? redactUrl(location) : location;
}

export { isPostgresUrl };
