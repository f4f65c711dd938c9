import { Option } from 'commander';
import { DATABASE_ENV, DEFAULT_DATABASE_PATH, resolveDatabasePath } from '../store/location.js';
import { isStoreError } from '../store/errors.js';
import { displayLocation, openStore, type ArchiveStore } from '../store/open-store.js';
import type { OpenMode } from '../store/sqlite/open.js';

/**
 * The database every archive command works on: `--db PATH` or `--db postgres://...`, else $PARLEY_DB,
 * else ./parley.db. Shared by the commands that read the archive (search, show, export, stats, serve,
 * events, quotes) and those that write it (ingest, reanalyze, worker, copy).
 */
export function databaseOption(): Option {
  return new Option('--db <path-or-url>', `the Parley database: an SQLite file or a postgres:// URL (default: $${DATABASE_ENV}, else ${DEFAULT_DATABASE_PATH})`);
}

export type OpenedStore = { readonly ok: true; readonly store: ArchiveStore; readonly path: string } | { readonly ok: false; readonly message: string };

/**
 * Opens the database for reading. A missing database is the usual first-run mistake, so its message
 * says how to make one; the other store errors (not a Parley database, damaged, newer, a PostgreSQL
 * server that cannot be reached) say what they are and what to check.
 */
export async function openArchiveForReading(flag: string | undefined): Promise<OpenedStore> {
  return openArchive(flag, 'read');
}

/** Opens (creating when needed) the database for writing; errors are messages, as for reading. */
export async function openArchiveForWriting(flag: string | undefined, options: { readonly sqliteCacheKiB?: number } = {}): Promise<OpenedStore> {
  return openArchive(flag, 'write', options.sqliteCacheKiB);
}

async function openArchive(flag: string | undefined, mode: OpenMode, sqliteCacheKiB?: number): Promise<OpenedStore> {
  const location = resolveDatabasePath(flag);
  const path = displayLocation(location);
  try {
    return { ok: true, store: await openStore(location, { mode, sqliteCacheKiB }), path };
  } catch (error) {
    if (!isStoreError(error)) throw error;
    if (error.code === 'E_STORE_MISSING') {
      return {
        ok: false,
        message: `there is no Parley database at ${path}. Run "parley ingest <source...>" first to build one, or point --db or ${DATABASE_ENV} at an existing database.`,
      };
    }
    return { ok: false, message: `${error.message} [${error.code}]` };
  }
}
