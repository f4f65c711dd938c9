import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { tokenize } from '../query/tokens.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, PARLEY_APPLICATION_ID, type Migration } from './migrations.js';

/**
 * Opening a Parley database: the file is checked before anything is written to it (a SQLite file of
 * another program, a damaged file, a directory, a database from a newer Parley each get a coded error),
 * then pending migrations are applied, each in one transaction.
 *
 * Several processes may open the same new database at once (two ingests started together): each
 * migration transaction takes the write lock first (BEGIN IMMEDIATE) and reads the schema version under
 * it, so exactly one process applies each migration and the others find it done.
 *
 * `read` opens read-only and requires the file (searching never creates a database); `write` creates it
 * when missing. A `read` open of a database that still needs migrating migrates it first (atomic), so an
 * older archive keeps working after an upgrade.
 */
export type OpenMode = 'read' | 'write';

export interface SqliteOptions {
  readonly mode: OpenMode;
  /** How long to wait for another process's lock before E_STORE_BUSY, in ms. */
  readonly busyTimeoutMs?: number;
  /** Page cache per connection, in KiB. */
  readonly cacheKiB?: number;
  /** Migrations to apply (tests of the migration runner); default: Parley's. */
  readonly migrations?: readonly Migration[];
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_CACHE_KIB = 64 * 1024;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function openDatabase(path: string, options: SqliteOptions): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  const inMemory = path === ':memory:';
  const exists = inMemory ? false : checkFile(path, options.mode);
  if (!inMemory && options.mode === 'read' && needsMigration(path, migrations)) {
    migrateFile(path, options, migrations);
  }
  const db = connect(path, options.mode === 'read' && exists, options);
  try {
    const version = checkIdentity(db, path, options.mode === 'write');
    if (options.mode === 'write') {
      refuseNewer(path, version, migrations);
      // WAL: readers (search, the API) never block the writer; NORMAL sync keeps every committed
      // transaction across a killed process (only an OS crash may lose the last ones, never consistency).
      translate(path, () => {
        if (!inMemory) untilNotBusy(() => db.pragma('journal_mode = WAL'), options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS);
        db.pragma('synchronous = NORMAL');
      });
      migrate(db, path, version, migrations);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function searchTokens(text: string): string {
  return tokenize(text)
    .map((t) => t.token)
    .join(' ');
}

/**
 * Runs `work` again while SQLite answers SQLITE_BUSY without waiting, up to `timeoutMs`. Switching a new
 * file to WAL needs its exclusive lock, and SQLite does not wait for it (its busy handler is skipped, to
 * avoid a deadlock) while another process holds the write lock to migrate the same new file.
 */
function untilNotBusy<T>(work: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return work();
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

/** Whether the file is there; refuses paths that cannot be a database before SQLite touches them. */
function checkFile(path: string, mode: OpenMode): boolean {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new StoreError('E_STORE_NOT_PARLEY', `${path} is a directory, not a Parley database.`, 'Give the path of a database file (e.g. ./parley.db).');
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError('E_STORE_UNWRITABLE', `Cannot open ${path}: ${(error as Error).message}`);
    if (mode === 'read') throw new StoreError('E_STORE_MISSING', `There is no Parley database at ${path}.`, 'Create one with an ingest, or give the path of an existing database.');
    return false;
  }
  if (size === 0) {
    if (mode === 'read') throw new StoreError('E_STORE_NOT_PARLEY', `${path} is an empty file, not a Parley database.`, 'Run an ingest to create the database, or give another path.');
    return true;
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.equals(SQLITE_HEADER)) {
    throw new StoreError('E_STORE_NOT_PARLEY', `${path} is not a Parley database (it is not an SQLite file).`, 'Check the path given with --db or PARLEY_DB.');
  }
  return true;
}

function connect(path: string, readonly: boolean, options: SqliteOptions): Database.Database {
  const db = translate(path, () => new Database(path, { readonly, fileMustExist: readonly }));
  try {
    translate(path, () => {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
      db.pragma('foreign_keys = ON');
      db.pragma(`cache_size = -${options.cacheKiB ?? DEFAULT_CACHE_KIB}`);
      // The full-text index's input (migration 4): every adapter indexes the same tokens.
      db.function('parley_search_tokens', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? searchTokens(value) : ''));
    });
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The schema version of a Parley database; 0 for a brand-new empty file (when it may be created). */
function checkIdentity(db: Database.Database, path: string, mayCreate: boolean): number {
  // One read transaction, so the reads see one state of the file: another process may be making the
  // new file Parley's meanwhile (its schema and its application id come in one commit).
  return translate(path, () => db.transaction(() => {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId === 0) {
      const objects = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
      if (objects.n === 0 && mayCreate) return 0;
      throw new StoreError('E_STORE_NOT_PARLEY', `${path} is an SQLite database of another program, not a Parley database.`, 'Give another path with --db or PARLEY_DB; Parley will not write into it.');
    }
    if (applicationId !== PARLEY_APPLICATION_ID) {
      throw new StoreError('E_STORE_NOT_PARLEY', `${path} is an SQLite database of another program (application id ${applicationId}), not a Parley database.`, 'Give another path with --db or PARLEY_DB.');
    }
    const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null };
    return row.version ?? 0;
  })());
}

function refuseNewer(path: string, version: number, migrations: readonly Migration[]): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (version > latest) {
    throw new StoreError('E_STORE_TOO_NEW', `${path} has schema version ${version}, newer than this Parley knows (${latest}): it was written by a newer version of Parley.`, 'Upgrade Parley to read it.');
  }
}

/**
 * Applies every pending migration, each in its own transaction, recording it. The version read before
 * (`seen`, for the early checks) may be stale by now: each transaction holds the write lock before it
 * reads the version again, so a migration another process applied meanwhile is not applied twice.
 */
export function migrate(db: Database.Database, path: string, seen: number, migrations: readonly Migration[] = MIGRATIONS): void {
  refuseNewer(path, seen, migrations);
  translate(path, () => {
    for (const migration of migrations) {
      if (migration.version <= seen) continue;
      db.transaction(() => {
        const version = lockedVersion(db, path, migrations);
        if (migration.version <= version) return;
        db.exec(migration.up);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
  });
}

/** The schema version, read inside a write transaction; a brand-new file is marked as Parley's first. */
function lockedVersion(db: Database.Database, path: string, migrations: readonly Migration[]): number {
  const marked = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  if (!marked) {
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    db.pragma(`application_id = ${PARLEY_APPLICATION_ID}`);
    return 0;
  }
  const version = (db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0;
  refuseNewer(path, version, migrations);
  return version;
}

/** A quick look (read-only) at whether a file needs migrating, so a reader can upgrade it first. */
function needsMigration(path: string, migrations: readonly Migration[]): boolean {
  const db = connect(path, true, { mode: 'read' });
  try {
    const version = checkIdentity(db, path, false);
    refuseNewer(path, version, migrations);
    return version < (migrations[migrations.length - 1]?.version ?? 0);
  } finally {
    db.close();
  }
}

function migrateFile(path: string, options: SqliteOptions, migrations: readonly Migration[]): void {
  const db = openDatabase(path, { ...options, mode: 'write', migrations });
  db.close();
}

/** The schema version this code writes. */
export const SCHEMA_VERSION = LATEST_SCHEMA_VERSION;

/**
 * Runs `work` and turns the SQLite errors people can meet (not a database, damaged, locked, read-only,
 * disk full) into coded StoreErrors naming the file. Other errors (bugs) pass through unchanged.
 */
export function translate<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateError(error, path);
  }
}

export function translateError(error: unknown, path: string): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const detail = `(${error.message})`;
  if (code === 'SQLITE_NOTADB') return new StoreError('E_STORE_NOT_PARLEY', `${path} is not a Parley database ${detail}.`, 'Check the path given with --db or PARLEY_DB.', { cause: error });
  if (code.startsWith('SQLITE_CORRUPT')) return new StoreError('E_STORE_CORRUPT', `${path} is damaged ${detail}.`, 'Restore it from a backup, or ingest again into a new database.', { cause: error });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new StoreError('E_STORE_BUSY', `${path} is locked by another process ${detail}.`, 'Wait for the other Parley command (an ingest) to finish, then try again.', { cause: error });
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_PERM') {
    return new StoreError('E_STORE_UNWRITABLE', `Cannot use ${path} ${detail}.`, 'Check the permissions of the file and its directory, and the free disk space.', { cause: error });
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new StoreError('E_STORE_INPUT', `A record refers to a run, page or article that does not exist ${detail}.`, undefined, { cause: error });
  return error;
}
