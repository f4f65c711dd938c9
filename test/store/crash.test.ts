import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Crash safety of the SQLite store, with a real process killed by SIGKILL while it commits pages: the
 * database must be consistent (every page whole with its outcome, the FTS index in step), keep every
 * page whose commit returned, and a second run must finish the work without storing anything twice.
 */

const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const TOTAL = 200;
/** Two real processes (each starting tsx): a hang detector far above their run time on a busy machine, not a measure of speed. */
const PROCESS_TEST_MS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer; kills it with SIGKILL once `killAfter` commits have been reported (null: let it finish). */
function runWriter(path: string, killAfter: number | null): Promise<{ reported: number[]; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path, String(TOTAL)], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: number[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) reported.push(Number(line));
      if (killAfter !== null && reported.length >= killAfter) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ reported, signal, stderr }));
  });
}

function checkConsistent(path: string): { pages: number; articles: number; keys: string[] } {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    // Every page carries exactly what its outcome says, and nothing is half written.
    expect(count("SELECT count(*) AS n FROM pages p WHERE outcome = 'article' AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.page_id = p.id)")).toBe(0);
    expect(count("SELECT count(*) AS n FROM pages p WHERE outcome IN ('rejected', 'failed') AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.page_id = p.id)")).toBe(0);
    expect(count("SELECT count(*) AS n FROM pages WHERE outcome = 'duplicate' AND duplicate_of IS NULL")).toBe(0);
    expect(count('SELECT count(*) AS n FROM pages p WHERE NOT EXISTS (SELECT 1 FROM page_raw r WHERE r.page_id = p.id)')).toBe(0);
    expect(count('SELECT count(*) AS n FROM articles a WHERE (SELECT count(*) FROM article_bands b WHERE b.article_id = a.id) <> 16')).toBe(0);
    expect(count('SELECT count(*) AS n FROM duplicate_groups g WHERE NOT EXISTS (SELECT 1 FROM duplicate_members m WHERE m.article_id = g.original_id AND m.group_id = g.id)')).toBe(0);
    const rw = new Database(path);
    try {
      expect(() => rw.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    } finally {
      rw.close();
    }
    const keys = (db.prepare('SELECT source_key FROM pages ORDER BY id').all() as { source_key: string }[]).map((r) => r.source_key);
    return { pages: count('SELECT count(*) AS n FROM pages'), articles: count('SELECT count(*) AS n FROM articles'), keys };
  } finally {
    db.close();
  }
}

describe('a writer killed with SIGKILL', () => {
  it('leaves a consistent database that keeps every returned commit, and a re-run finishes without doubles', { timeout: PROCESS_TEST_MS }, async () => {
    const path = join(dir, 'crash.db');
    const killed = await runWriter(path, 60);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    const afterKill = checkConsistent(path);
    expect(afterKill.pages).toBeLessThan(TOTAL);
    for (const i of killed.reported) expect(afterKill.keys).toContain(`page-${i}`);

    const resumed = await runWriter(path, null);
    expect(resumed.signal, resumed.stderr).toBeNull();
    expect(resumed.reported[0]).toBeGreaterThanOrEqual(killed.reported.length);
    const done = checkConsistent(path);
    expect(done.pages).toBe(TOTAL);
    expect(new Set(done.keys).size).toBe(TOTAL);
  });
});
