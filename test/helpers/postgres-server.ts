import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL server for tests and benchmarks: Debian's `postgresql` package (binaries under
 * /usr/lib/postgresql/<version>/bin), `initdb` into a temporary folder (as the `postgres` user when run
 * as root: PostgreSQL refuses to run as root), a free port on 127.0.0.1, stopped and deleted by `stop()`.
 *
 * When PostgreSQL is not installed, `findPostgres()` returns null and the tests skip with a message;
 * with PARLEY_REQUIRE_SERVICES=1 (CI) a missing PostgreSQL is an error instead.
 */

export const REQUIRE_SERVICES = process.env.PARLEY_REQUIRE_SERVICES === '1';

export interface PostgresServer {
  /** A URL of the server's `postgres` database (superuser `parley`, no password). */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** A URL for a new, empty database on this server. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server abruptly (as a crash would) and starts it again on the same port and data. */
  restart(options?: { immediate?: boolean; downMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/** The bin folder of the newest PostgreSQL installed, or null. */
export function findPostgres(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(root, versions[0]!, 'bin') : null;
}

export const POSTGRES_MISSING = 'PostgreSQL is not installed (Debian: apt-get install -y postgresql): the PostgreSQL tests are skipped. Set PARLEY_REQUIRE_SERVICES=1 to make this an error.';

/** Fails when PostgreSQL is required but missing; says once that the tests are skipped otherwise. */
export function postgresAvailable(): boolean {
  const bin = findPostgres();
  if (bin === null && REQUIRE_SERVICES) throw new Error(`PARLEY_REQUIRE_SERVICES=1 but PostgreSQL is not installed under /usr/lib/postgresql: apt-get install -y postgresql.`);
  if (bin === null) console.warn(POSTGRES_MISSING);
  return bin !== null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL program, as `postgres` when we are root. */
function run(bin: string, program: string, args: readonly string[]): void {
  const command = join(bin, program);
  const result = isRoot ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' }) : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
}

export interface StartOptions {
  /** Extra server settings (`-c name=value`). */
  readonly settings?: Readonly<Record<string, string>>;
  /**
   * fsync: off by default for tests (a process crash or an immediate stop loses nothing then, only an OS
   * crash would); on for benchmarks that measure commits. A commit is always written out before it is
   * acknowledged (synchronous_commit stays on), so a server restart loses nothing committed.
   */
  readonly durable?: boolean;
}

export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const bin = findPostgres();
  if (bin === null) throw new Error(POSTGRES_MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'parley-pg-'));
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(bin, 'initdb', ['-D', data, '-U', 'parley', '-A', 'trust', '-E', 'UTF8', '--locale', 'C.UTF-8', '--no-sync']);
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(port),
    unix_socket_directories: dir,
    max_connections: '200',
    ...(options.durable ? {} : { fsync: 'off', full_page_writes: 'off' }),
    ...options.settings,
  };
  const serverArgs = Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`).join(' ');
  const log = join(dir, 'server.log');
  const start = (): void => run(bin, 'pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', log, '-o', serverArgs]);
  start();
  const url = `postgres://parley@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    dir,
    async createDatabase(name = `parley_${process.pid}_${++databases}`) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`);
      } finally {
        await client.end();
      }
      return `postgres://parley@127.0.0.1:${port}/${name}`;
    },
    async restart({ immediate = true, downMs = 0 } = {}) {
      run(bin, 'pg_ctl', ['stop', '-w', '-D', data, '-m', immediate ? 'immediate' : 'fast']);
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      start();
    },
    async stop() {
      try {
        run(bin, 'pg_ctl', ['stop', '-w', '-D', data, '-m', 'fast']);
      } catch (error) {
        console.warn(`Stopping the test PostgreSQL failed: ${(error as Error).message}\n${existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : ''}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
