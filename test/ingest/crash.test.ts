import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN, REPO } from '../cli/run-parley.js';
import { runIngest, type IngestJson } from './helpers/cli.js';
import { writeCorpus, type CorpusPlan } from './helpers/corpus.js';

/**
 * Crash safety of `parley ingest`, for real: the built CLI ingests a directory of generated pages and is killed with SIGKILL once some pages are committed (the test polls the
 * database). The database must open and be consistent; the same command run again must skip every
 * committed page (counted as resumed) and finish the rest; and the result must equal the database of a
 * run that was never interrupted.
 */

/** Enough pages for every outcome (new, reprint, copy, same canonical URL, empty) before and after the kill. */
const PAGES = 120;
/** Kill once this many pages are committed: well inside the run. */
const KILL_AFTER = 30;
const POLL_MS = 10;
/**
 * Each step runs real processes that load the analysis models: a busy machine makes them several times
 * slower, so the limit is a hang detector far above any run time, not a measure of speed.
 */
const PROCESS_STEP_MS = 600_000;

let dir = '';
let corpus = '';
let plan: CorpusPlan;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-crash-ingest-'));
  corpus = join(dir, 'pages');
  plan = await writeCorpus(corpus, PAGES);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function committedPages(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM pages').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // created but not yet migrated, or locked for a moment
  }
}

/** Starts the ingest and kills it with SIGKILL once `killAfter` pages are in the database. */
function ingestAndKill(db: string, killAfter: number): Promise<{ signal: NodeJS.Signals | null; stderr: string; committedAtKill: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, 'ingest', '--db', db, '--jobs', '1', '--quiet', corpus], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let committedAtKill = -1;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const poll = setInterval(() => {
      const committed = committedPages(db);
      if (committed >= killAfter && committedAtKill < 0) {
        committedAtKill = committed;
        child.kill('SIGKILL');
      }
    }, POLL_MS);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearInterval(poll);
      resolve({ signal, stderr, committedAtKill });
    });
  });
}

/** Integrity, and every page carrying exactly what its outcome says. Returns the number of pages. */
function checkConsistent(path: string): number {
  const db = new Database(path);
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect(count("SELECT count(*) AS n FROM pages p WHERE outcome = 'article' AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.page_id = p.id)")).toBe(0);
    expect(count("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.id = a.page_id AND p.outcome = 'article')")).toBe(0);
    expect(count("SELECT count(*) AS n FROM pages p WHERE outcome IN ('rejected', 'failed') AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.page_id = p.id)")).toBe(0);
    expect(count("SELECT count(*) AS n FROM failures f JOIN pages p ON p.id = f.page_id WHERE p.outcome <> f.kind")).toBe(0);
    expect(count("SELECT count(*) AS n FROM pages WHERE outcome = 'duplicate' AND duplicate_of IS NULL")).toBe(0);
    expect(count('SELECT count(*) AS n FROM pages p WHERE NOT EXISTS (SELECT 1 FROM page_raw r WHERE r.page_id = p.id)')).toBe(0);
    expect(count('SELECT count(*) AS n FROM articles_fts')).toBe(count('SELECT count(*) AS n FROM articles'));
    expect(count('SELECT count(*) AS n FROM duplicate_groups g WHERE NOT EXISTS (SELECT 1 FROM duplicate_members m WHERE m.article_id = g.original_id AND m.group_id = g.id)')).toBe(0);
    // Every revision counted on its article, and every revised text from a page that is there.
    expect(count('SELECT count(*) AS n FROM articles a WHERE a.revisions <> (SELECT count(*) FROM article_revisions r WHERE r.article_id = a.id)')).toBe(0);
    expect(count("SELECT count(*) AS n FROM articles a WHERE a.text_page_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.id = a.text_page_id AND p.duplicate_reason = 'revision')")).toBe(0);
    return count('SELECT count(*) AS n FROM pages');
  } finally {
    db.close();
  }
}

/** Everything an ingest stores, by natural keys and ids, without what differs by run (run ids, run rows). */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const all = (sql: string): unknown[] => db.prepare(sql).all();
    return {
      pages: all(
        `SELECT id, source, source_key, url, canonical_url, fetched_at, http_status, content_hash, content_type, outcome, duplicate_of, duplicate_reason, similarity
         FROM pages ORDER BY id`,
      ),
      raw: all('SELECT page_id, length(html_gz) AS size FROM page_raw ORDER BY page_id'),
      articles: all(
        `SELECT id, page_id, canonical_url, site_key, published_ms, first_seen, text_hash, hex(minhash) AS minhash, title, text, authors, published, language, url,
                declared_canonical_url, word_count, provenance, hex(body_gz) AS body
         FROM articles ORDER BY id`,
      ),
      bands: all('SELECT band_key, article_id FROM article_bands ORDER BY band_key, article_id'),
      groups: all('SELECT id, original_id, created_at FROM duplicate_groups ORDER BY id'),
      members: all('SELECT article_id, group_id, matched_id, similarity FROM duplicate_members ORDER BY article_id'),
      failures: all('SELECT page_id, kind, stage, code, message FROM failures ORDER BY page_id'),
      revisions: all('SELECT article_id, page_id, seen_at, text_hash, hex(article_gz) AS article FROM article_revisions ORDER BY id'),
      revised: all('SELECT id, revisions, text_seen_at, text_page_id FROM articles ORDER BY id'),
    };
  } finally {
    db.close();
  }
}

describe('parley ingest killed with SIGKILL', () => {
  let killedDb = '';
  let killed: Awaited<ReturnType<typeof ingestAndKill>>;
  let pagesAfterKill = 0;
  let resumed: IngestJson;

  it('leaves a database that opens and is consistent', { timeout: PROCESS_STEP_MS }, async () => {
    expect(existsSync(MAIN), 'run `npm run build` first (npm test does)').toBe(true);
    killedDb = join(dir, 'killed.db');
    killed = await ingestAndKill(killedDb, KILL_AFTER);
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(killed.committedAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
    pagesAfterKill = checkConsistent(killedDb);
    expect(pagesAfterKill).toBeGreaterThanOrEqual(killed.committedAtKill);
    expect(pagesAfterKill).toBeLessThan(PAGES);
    const db = new Database(killedDb, { readonly: true });
    try {
      // The run never finished: it stays unfinished (no end, no status), and its pages are all there.
      expect(db.prepare('SELECT finished_at, status FROM runs').all()).toEqual([{ finished_at: null, status: null }]);
    } finally {
      db.close();
    }
  });

  it('continues when run again: nothing committed is redone, the rest is done once', { timeout: PROCESS_STEP_MS }, async () => {
    const run = await runIngest(['--db', killedDb, '--jobs', '1', '--json', corpus]);
    expect(run.code, run.stderr).toBe(0);
    resumed = run.report!;
    expect(resumed.resumed).toBe(pagesAfterKill);
    expect(resumed.seen).toBe(PAGES - pagesAfterKill);
    expect(resumed.seen).toBe(resumed.stored + resumed.duplicates + resumed.rejected + resumed.failed);
    expect(checkConsistent(killedDb)).toBe(PAGES);
  });

  it('ends with the same database as a run that was never interrupted', { timeout: PROCESS_STEP_MS }, async () => {
    const cleanDb = join(dir, 'clean.db');
    const clean = await runIngest(['--db', cleanDb, '--jobs', '2', '--json', corpus]);
    expect(clean.code, clean.stderr).toBe(0);
    const report = clean.report!;
    // The corpus holds every outcome, so the comparison covers each kind of row.
    expect(report).toMatchObject({ seen: PAGES, failed: 0, rejected: plan.empty, duplicates: plan.copies + plan.sameCanonical });
    // A page under an earlier story's canonical URL with another text is that story revised.
    expect(report.duplicatesByReason).toEqual({ 'text-hash': plan.copies, revision: plan.sameCanonical });
    expect(report.copies).toBe(plan.reprints);
    expect(dump(killedDb)).toEqual(dump(cleanDb));
  });
});
