import { Option } from 'commander';
import { DATABASE_ENV, DEFAULT_DATABASE_PATH, resolveDatabasePath } from '../store/location.js';
import { isStoreError } from '../store/errors.js';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/sqlite-store.js';

/**
 * The database every archive command works on: `--db PATH`, else $PARLEY_DB, else ./parley.db.
 * Shared by the commands that read the archive (search, show, export, stats) and those that write it.
 */
export function databaseOption(): Option {
  return new Option('--db <path>', `the Parley database (default: $${DATABASE_ENV}, else ${DEFAULT_DATABASE_PATH})`);
}

export type OpenedStore = { readonly ok: true; readonly store: SqliteStore; readonly path: string } | { readonly ok: false; readonly message: string };

/**
 * Opens the database for reading. A missing database is the usual first-run mistake, so its message
 * says how to make one; the other store errors (not a Parley database, damaged, newer) say what they are.
 */
export async function openArchiveForReading(flag: string | undefined): Promise<OpenedStore> {
  const path = resolveDatabasePath(flag);
  try {
    return { ok: true, store: await openSqliteStore(path, { mode: 'read' }), path };
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
