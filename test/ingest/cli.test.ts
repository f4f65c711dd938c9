import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MAIN, REPO, runParley, withTempDir } from '../cli/run-parley.js';
import { expectCountsAddUp, runIngest } from './helpers/cli.js';
import { writeCorpus } from './helpers/corpus.js';
import { storyPage } from './helpers/pages.js';

/** `parley ingest` as people and scripts use it: output, exit statuses, usage errors, Ctrl-C. */

describe('parley ingest (command line)', () => {
  it('prints a summary on stderr, and with --json one object on stdout with the run’s counts', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'a.html'), storyPage(1));
      await writeFile(join(dir, 'b.html'), storyPage(1));
      await writeFile(join(dir, 'c.html'), '');
      const db = join(dir, 'news.db');
      const human = await runIngest(['--db', db, dir]);
      expect(human.code).toBe(0);
      expect(human.stdout).toBe('');
      expect(human.stderr).toMatch(/^parley ingest: 3 pages in [\d.]+ s \([\d.]+ pages\/s\) into .*news\.db:$/m);
      expect(human.stderr).toMatch(/^parley ingest: {3}stored {12}1 {2}articles$/m);
      expect(human.stderr).toMatch(/^parley ingest: {3}duplicates {8}1 {2}text-hash 1$/m);
      expect(human.stderr).toMatch(/^parley ingest: {3}rejected {10}1 {2}EMPTY_INPUT 1$/m);
      expect(human.stderr).toMatch(/^parley ingest: {3}failed {12}0$/m);
      // The raw HTML, compressed on the workers, reads back as the file's bytes.
      const stored = new Database(db, { readonly: true });
      const raws = stored.prepare('SELECT p.source, r.html_gz FROM pages p JOIN page_raw r ON r.page_id = p.id ORDER BY p.source').all() as { source: string; html_gz: Buffer }[];
      stored.close();
      expect(raws.map((r) => [basename(r.source), gunzipSync(r.html_gz).toString()])).toEqual([['a.html', storyPage(1)], ['b.html', storyPage(1)], ['c.html', '']]);

      const again = await runIngest(['--db', db, '--json', dir]);
      expect(again.code).toBe(0);
      expect(again.stderr).toBe('');
      expect(Object.keys(again.report!)).toEqual([
        'runId', 'status', 'database', 'seen', 'stored', 'copies', 'duplicates', 'revised', 'rejected', 'failed', 'resumed', 'skipped',
        'duplicatesByReason', 'rejectedByReason', 'failedByReason', 'unreadableSources', 'elapsedMs', 'pagesPerSecond', 'analysisFailuresByStage',
      ]);
      expect(again.report).toMatchObject({ runId: 2, status: 'completed', seen: 0, resumed: 3 });
    });
  });

  it('takes $PARLEY_DB when --db is not given', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'a.html'), storyPage(2));
      const db = join(dir, 'from-env.db');
      const run = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [MAIN, 'ingest', '--quiet', join(dir, 'a.html')], { cwd: REPO, env: { ...process.env, PARLEY_DB: db }, stdio: 'ignore' });
        child.on('close', resolve);
      });
      expect(run).toBe(0);
      const stats = await runParley(['stats', '--format', 'json', '--db', db]);
      expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 1 });
    });
  });

  it('exits 1 with a clear message when the database cannot be used', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'a.html'), storyPage(3));
      const notParley = join(dir, 'other.db');
      const other = new Database(notParley);
      other.exec('CREATE TABLE notes (text TEXT)');
      other.close();
      const run = await runIngest(['--db', notParley, join(dir, 'a.html')]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/not a Parley database.*\[E_STORE_NOT_PARLEY\]/);
      const directory = await runIngest(['--db', dir, join(dir, 'a.html')]);
      expect(directory.code).toBe(1);
      expect(directory.stderr).toContain('is a directory');
    });
  });

  it('refuses bad option values as usage errors (exit 2)', async () => {
    for (const args of [['--max-bytes', 'lots'], ['--jobs', '0'], ['--timeout', 'soon'], ['--concurrency', '-1'], ['--user-agent', ' '], ['--worker-heap', '16']]) {
      const run = await runIngest([...args, 'pages/']);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/error: option .* argument .* is invalid/);
    }
    expect((await runIngest([])).code).toBe(2);
  });

  it('stops on Ctrl-C after committing the pages in progress (exit 130, run interrupted), and the next run goes on', async () => {
    await withTempDir(async (dir) => {
      const corpus = join(dir, 'pages');
      await mkdir(corpus);
      await writeCorpus(corpus, 200);
      const db = join(dir, 'news.db');
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [MAIN, 'ingest', '--db', db, '--jobs', '1', '--no-analysis', corpus], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        let sent = false;
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        const poll = setInterval(() => {
          if (!sent && pagesIn(db) >= 20) {
            sent = true;
            child.kill('SIGINT');
          }
        }, 10);
        child.on('close', (exit) => {
          clearInterval(poll);
          resolve({ code: exit, stderr: err });
        });
      });
      expect(code, stderr).toBe(130);
      expect(stderr).toContain('stopping after the pages in progress are committed');
      expect(stderr).toMatch(/\(interrupted\):/);
      const reader = new Database(db, { readonly: true });
      const [run] = reader.prepare('SELECT status, counts FROM runs').all() as { status: string; counts: string }[];
      const committed = (reader.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
      reader.close();
      expect(run!.status).toBe('interrupted');
      expect(JSON.parse(run!.counts)).toMatchObject({ seen: committed });
      const rest = await runIngest(['--db', db, '--json', '--no-analysis', corpus]);
      expect(rest.report).toMatchObject({ resumed: committed, seen: 200 - committed });
      expectCountsAddUp(rest.report!);
    });
  });
});

function pagesIn(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}
