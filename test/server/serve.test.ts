import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { MAIN, REPO, runParley, withTempDir } from '../cli/run-parley.js';
import { archiveSpecs, fillStore } from './helpers.js';

/** `parley serve` as a real process (the built CLI): startup errors, serving, logging, clean shutdown. */

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` (npm test does it first).`);
});

async function buildDatabase(dir: string): Promise<string> {
  const path = join(dir, 'archive.db');
  const store = await openSqliteStore(path, { mode: 'write' });
  await fillStore(store, archiveSpecs(12));
  await store.close();
  return path;
}

interface Serving {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  stdout(): string;
  stderr(): string;
  exit: Promise<number | null>;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts `parley serve` and resolves once it has printed its URL. */
function serve(args: readonly string[]): Promise<Serving> {
  const child = spawn(process.execPath, [MAIN, 'serve', '--port', '0', ...args], { cwd: REPO, env: { ...process.env, PARLEY_DB: '' } });
  children.push(child);
  let out = '';
  let err = '';
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /open (http:\/\/\S+?)\/ in a browser/.exec(out)?.[1];
      if (url) resolve({ child, url, stdout: () => out, stderr: () => err, exit });
    });
    void exit.then((code) => reject(new Error(`parley serve exited (${code}) before listening:\n${out}\n${err}`)));
  });
}

describe('parley serve: refusing to start', () => {
  it('when the database is missing (and creates none)', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'missing.db');
      const run = await runParley(['serve', '--port', '0', '--db', path]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/parley serve: there is no Parley database at .*missing\.db.*parley ingest/);
      expect(existsSync(path)).toBe(false);
    });
  });

  it('when the file is not a Parley database', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'notes.db');
      await writeFile(path, 'just some text\n');
      const run = await runParley(['serve', '--port', '0', '--db', path]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/not a Parley database/);
    });
  });

  it('when the port is taken', async () => {
    await withTempDir(async (dir) => {
      const db = await buildDatabase(dir);
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      try {
        const port = (blocker.address() as { port: number }).port;
        const run = await runParley(['serve', '--port', String(port), '--db', db]);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`));
      } finally {
        await new Promise((resolve) => blocker.close(resolve));
      }
    });
  });

  it.each([
    [['--port', '70000'], /port number from 0 to 65535/],
    [['--port', 'http'], /port number/],
    [['--cors-origin', 'dash.example'], /not an origin/],
    [['--request-timeout', 'soon'], /duration/],
  ])('with a usage error for %j', async (args, message) => {
    const run = await runParley(['serve', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe('parley serve: serving', () => {
  it('prints its URL, serves the API, logs each request and stops cleanly on SIGTERM', async () => {
    await withTempDir(async (dir) => {
      const db = await buildDatabase(dir);
      const server = await serve(['--db', db]);
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.stdout()).toContain(`${server.url}/api/openapi.json`);
      const search = await fetch(`${server.url}/api/articles?q=harbour&limit=3`);
      expect(search.status).toBe(200);
      expect(((await search.json()) as { articles: unknown[] }).articles).toHaveLength(3);
      const bad = await fetch(`${server.url}/api/articles?limit=0`);
      expect(bad.status).toBe(400);
      await bad.arrayBuffer();
      server.child.kill('SIGTERM');
      expect(await server.exit).toBe(0);
      const lines = server.stdout().split('\n').filter((line) => / GET /.test(line));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^\S+Z 127\.0\.0\.1 GET \/api\/articles\?q=harbour&limit=3 200 \d+ms$/);
      expect(lines[1]).toMatch(/ GET \/api\/articles\?limit=0 400 \d+ms$/);
      expect(server.stderr()).toMatch(/SIGTERM received[\s\S]*stopped\./);
    });
  });

  it('logs nothing per request with --quiet, and stops on SIGINT', async () => {
    await withTempDir(async (dir) => {
      const db = await buildDatabase(dir);
      const server = await serve(['--db', db, '--quiet']);
      const health = await fetch(`${server.url}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok' });
      server.child.kill('SIGINT');
      expect(await server.exit).toBe(0);
      expect(server.stdout()).not.toMatch(/ GET /);
      expect(server.stderr()).toMatch(/SIGINT received[\s\S]*stopped\./);
    });
  });
});
