import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';

/**
 * Processes that open the same new database at the same moment (two ingests started together) must
 * not race on its migrations: each takes the write lock before it reads the schema version, so one
 * migrates and the others find the work done. Real processes, released together on each round.
 */

const CHILD = fileURLToPath(new URL('./open-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PROCESSES = 4;
const ROUNDS = 8;

const dir = mkdtempSync(join(tmpdir(), 'parley-concurrent-'));
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) child.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A child with a queue of its answer lines. */
function start(): { child: ChildProcessWithoutNullStreams; next: () => Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: REPO, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  let pending = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n')) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  child.on('close', (code) => {
    for (const waiter of waiting.splice(0)) waiter(`exited with ${String(code)}: ${stderr}`);
  });
  return { child, next: () => (lines.length > 0 ? Promise.resolve(lines.shift()!) : new Promise((resolve) => waiting.push(resolve))) };
}

describe('opening one new database from several processes at once', () => {
  it('migrates it once; every process opens it without an error', async () => {
    const pool = Array.from({ length: PROCESSES }, start);
    expect(await Promise.all(pool.map((p) => p.next()))).toEqual(Array(PROCESSES).fill('ready'));
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(dir, `round-${round}.db`);
      for (const { child } of pool) child.stdin.write(`${path}\n`);
      const answers = await Promise.all(pool.map((p) => p.next()));
      expect(answers, `round ${round}`).toEqual(Array(PROCESSES).fill('ok'));
      const db = new Database(path, { readonly: true });
      try {
        expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map(({ version }) => ({ version })));
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
