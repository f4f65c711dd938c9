import type pg from 'pg';
import { StoreError } from '../errors.js';
import type { OpenMode } from '../sqlite/open.js';
import { one, query, redactUrl, transaction } from './connection.js';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './migrations.js';

/**
 * Opening a Parley archive in PostgreSQL: the schema (the first of the connection's search_path) is
 * checked before anything is written — tables of another program, or a schema written by a newer
 * Parley, are refused — then the pending migrations are applied under an advisory lock (workers
 * starting together on a new database migrate it once). `read` never creates anything.
 */

/** The advisory lock key of migrations ("Prly" + 1). */
const MIGRATION_LOCK = 0x50726c79_01;

export async function prepareSchema(pool: pg.Pool, url: string, mode: OpenMode, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<number> {
  const where = redactUrl(url);
  const latest = migrations[migrations.length - 1]!.version;
  const version = await schemaVersion(pool, where);
  if (version !== null && version > latest) {
    throw new StoreError('E_STORE_TOO_NEW', `${where} has schema version ${version}, newer than this Parley knows (${latest}): it was written by a newer version of Parley.`, 'Upgrade Parley to use it.');
  }
  if (version === latest) return version;
  if (version === null && mode === 'read') {
    throw new StoreError('E_STORE_MISSING', `There is no Parley archive in ${where}.`, 'Create one with an ingest (parley ingest --db URL ...) or parley copy, or check the database name in the URL.');
  }
  return transaction(pool, async (client) => {
    await query(client, 'SELECT pg_advisory_xact_lock(@key)', { key: MIGRATION_LOCK });
    const current = (await schemaVersion(client, where)) ?? 0;
    if (current === 0) await query(client, 'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      await client.query(migration.up);
      await query(client, 'INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)', { version: migration.version, name: migration.name, at: new Date().toISOString() });
    }
    return latest;
  });
}

/** The schema version, or null when the schema has no Parley tables (refused when it has others). */
async function schemaVersion(db: Pick<pg.PoolClient, 'query'>, where: string): Promise<number | null> {
  const tables = await query<{ name: string }>(db, 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()');
  if (tables.length === 0) return null;
  if (!tables.some((t) => t.name === 'schema_migrations') || !tables.some((t) => t.name === 'articles')) {
    if (!tables.some((t) => t.name === 'schema_migrations')) {
      throw new StoreError('E_STORE_NOT_PARLEY', `The schema of ${where} holds tables of another program (${tables.slice(0, 3).map((t) => t.name).join(', ')}…), not a Parley archive.`, 'Give another database (or a schema of its own: ?options=-c%20search_path%3Dparley); Parley will not write into it.');
    }
    return 0;
  }
  return (await one<{ version: number | null }>(db, 'SELECT max(version) AS version FROM schema_migrations'))?.version ?? 0;
}
