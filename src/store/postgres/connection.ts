import pg from 'pg';
import { StoreError } from '../errors.js';

/**
 * The connection side of the PostgreSQL adapter, with node-postgres (`pg`): a pool of connections, SQL
 * with named parameters (`@name`, bound as `$n`: values never become SQL text), transactions, the
 * driver's errors turned into coded StoreErrors that say what to check, and retries while the server is
 * away (a restart, a fail-over): every call waits up to `reconnectMs` for the server to come back.
 */

export interface PostgresOptions {
  /** Connections in the pool (a worker needs two: one holds the write lock while the other commits). */
  readonly poolSize?: number;
  /** How long a call waits for an unreachable server to come back before E_STORE_UNREACHABLE. */
  readonly reconnectMs?: number;
  /** How long one connection attempt may take. */
  readonly connectTimeoutMs?: number;
  /** Longest a statement may run (0: no limit). */
  readonly statementTimeoutMs?: number;
  /** `application_name` in pg_stat_activity. */
  readonly applicationName?: string;
}

export const DEFAULT_POSTGRES_OPTIONS: Required<PostgresOptions> = Object.freeze({
  poolSize: 4,
  reconnectMs: 60_000,
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 0,
  applicationName: 'parley',
});

/** Whether a --db value names a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

// 64-bit integers (ids, counts, instants in ms) and numerics (averages) come back as numbers: every
// value Parley stores in them is a safe integer or a plain average.
const TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

export function createPool(url: string, options: Required<PostgresOptions>): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: options.applicationName,
    ...(options.statementTimeoutMs > 0 ? { statement_timeout: options.statementTimeoutMs } : {}),
    types: TYPES,
  });
  // A connection the server drops (a restart) is an error event, on the pool when the connection is idle
  // and on the connection when it is checked out between two queries (the lock a writer holds); the
  // call using it fails and is tried again on a new connection (withReconnect).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export type Queryable = Pick<pg.PoolClient, 'query'>;
export type Params = Record<string, unknown>;

const NAMED = /(?<![@:\w])@([A-Za-z_]\w*)/g;
const compiled = new Map<string, { text: string; names: string[] }>();

/** `@name` parameters → `$n` (compiled once per SQL text). */
function compile(sql: string): { text: string; names: string[] } {
  let done = compiled.get(sql);
  if (!done) {
    const names: string[] = [];
    const text = sql.replace(NAMED, (_, name: string) => {
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      return `$${index + 1}`;
    });
    done = { text, names };
    compiled.set(sql, done);
  }
  return done;
}

/** PostgreSQL text cannot hold NUL characters; they become U+FFFD (the rest of the value is kept). */
function bindable(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\0') ? value.replace(/\0/g, '\uFFFD') : value;
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return value === undefined ? null : value;
}

export async function query<R extends pg.QueryResultRow = Record<string, never>>(db: Queryable, sql: string, params: Params = {}): Promise<R[]> {
  const { text, names } = compile(sql);
  const values = names.map((name) => {
    if (!(name in params)) throw new Error(`SQL parameter @${name} was not given.`);
    return bindable(params[name]);
  });
  const result = await db.query<R>({ text, values });
  return result.rows;
}

export async function one<R extends pg.QueryResultRow>(db: Queryable, sql: string, params: Params = {}): Promise<R | null> {
  return (await query<R>(db, sql, params))[0] ?? null;
}

/** A BEGIN of a read-only transaction whose statements all see one snapshot of the database. */
export const SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/** Runs `work` in one transaction on one connection of the pool (rolled back when it throws). */
export async function transaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** SQLSTATE classes and codes that mean the server went away or is not there yet (worth waiting for). */
const CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '08P01', '53300']);
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_STATES.has(code) || CONNECTION_ERRNOS.has(code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable/i.test(error.message);
}

/** SQLSTATE 23505: a unique constraint refused a row another transaction committed first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** Calls `work`, and again while the server is unreachable, for up to `reconnectMs`. */
export async function withReconnect<T>(work: () => Promise<T>, reconnectMs: number): Promise<T> {
  const deadline = Date.now() + reconnectMs;
  let wait = 200;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!isConnectionError(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 5000);
    }
  }
}

/**
 * The driver's errors people can meet, as StoreErrors that say what to check. Other errors (bugs)
 * pass through unchanged.
 */
export function translatePgError(error: unknown, url: string): unknown {
  if (error instanceof StoreError || !(error instanceof Error)) return error;
  const where = redactUrl(url);
  const code = (error as { code?: unknown }).code;
  const detail = `(${error.message})`;
  let target: URL | null;
  try {
    target = new URL(url);
  } catch {
    target = null;
  }
  const host = target ? `${target.hostname}:${target.port || '5432'}` : where;
  const user = target ? decodeURIComponent(target.username) || '(the default user)' : '';
  const database = target ? decodeURIComponent(target.pathname.replace(/^\//, '')) || user : '';
  if (code === '28P01' || code === '28000') {
    return new StoreError('E_STORE_UNREACHABLE', `PostgreSQL at ${host} refused user ${user} ${detail}.`, 'Check the user name and password in the URL (postgres://USER:PASSWORD@HOST/DB) and the server\'s pg_hba.conf.', { cause: error });
  }
  if (code === '3D000') {
    return new StoreError('E_STORE_UNREACHABLE', `PostgreSQL at ${host} has no database "${database}" ${detail}.`, `Create it first (createdb ${database}, or CREATE DATABASE "${database}"), or name an existing database in the URL.`, { cause: error });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new StoreError('E_STORE_UNREACHABLE', `The host of ${where} cannot be found ${detail}.`, 'Check the host name in the URL.', { cause: error });
  }
  if (isConnectionError(error)) {
    return new StoreError('E_STORE_UNREACHABLE', `Cannot reach PostgreSQL at ${host} ${detail}.`, 'Check that the server is running and accepts TCP connections at that host and port (listen_addresses, firewall), then try again.', { cause: error });
  }
  if (code === '42501') return new StoreError('E_STORE_UNWRITABLE', `User ${user} may not do this in ${where} ${detail}.`, 'Grant the user the rights to create tables in the database (or its schema), or use the database owner.', { cause: error });
  if (code === '53100') return new StoreError('E_STORE_UNWRITABLE', `The PostgreSQL server of ${where} is out of disk space ${detail}.`, 'Free disk space on the server.', { cause: error });
  if (code === '25006') return new StoreError('E_STORE_UNWRITABLE', `${where} is read-only (a standby) ${detail}.`, 'Point --db at the primary server to write.', { cause: error });
  if (code === '23503') return new StoreError('E_STORE_INPUT', `A record refers to a run, page or article that does not exist ${detail}.`, undefined, { cause: error });
  if (code === '57014') return new StoreError('E_STORE_BUSY', `A statement on ${where} took longer than allowed ${detail}.`, 'Try again, or narrow the query.', { cause: error });
  return error;
}
