import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RevisionHistoryJSON } from '../../src/render/revision-history.js';
import { articleOutcome, makeArticle, pageRecord, RUN, textHash } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runInProcess } from './in-process.js';

/** `parley show --revisions` over a SQLite archive holding a revised article (a live blog's two texts). */

const URL = 'https://news.example/live';
const first = makeArticle({ title: 'Storm live', paragraphs: ['The storm reached the coast at dawn.', 'The ferry company said its crossings would run as usual this afternoon.'], url: URL });
const second = makeArticle({ title: 'Storm live', paragraphs: ['The storm reached the coast at dawn.', 'The ferry company said its crossings were cancelled until Thursday.', 'The harbour wall was breached at noon.'], url: URL });

let dir = '';
let db = '';
let id = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-revisions-cli-'));
  db = join(dir, 'archive.db');
  const store = await openSqliteStore(db, { mode: 'write' });
  const runId = await store.startRun(RUN);
  id = (await store.commitPage(pageRecord(runId, 'live-1', articleOutcome(first), { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-01T07:00:00.000Z' }))).page.articleId!;
  await store.commitPage(pageRecord(runId, 'live-2', { kind: 'revision', articleId: id, article: second, textHash: textHash(second.text), minhash: null, similarity: 0.5 }, { url: URL, canonicalUrl: URL, fetchedAt: '2024-06-01T13:00:00.000Z' }));
  await store.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('parley show --revisions', () => {
  it('prints each text with when it was first seen and what changed, for reading', async () => {
    const run = await runInProcess(['show', String(id), '--revisions', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Article ${id}, ${URL}: 2 texts; the current one is revision 2.`);
    expect(run.stdout).toContain('Revision 1, first seen 2024-06-01T07:00:00.000Z: "Storm live"');
    expect(run.stdout).toContain('Revision 2 (current), first seen 2024-06-01T13:00:00.000Z');
    expect(run.stdout).toContain('~ The ferry company said its crossings [-would run as usual this afternoon-]{+were cancelled until Thursday+}.');
    expect(run.stdout).toContain('+ The harbour wall was breached at noon.');
  });

  it('prints the same history as JSON, and the article JSON counts its revisions', async () => {
    const history = JSON.parse((await runInProcess(['show', URL, '--revisions', '--format', 'json', '--db', db])).stdout) as RevisionHistoryJSON;
    expect(history.revisions.map((r) => [r.number, r.current, r.seenAt])).toEqual([
      [1, false, '2024-06-01T07:00:00.000Z'],
      [2, true, '2024-06-01T13:00:00.000Z'],
    ]);
    const article = JSON.parse((await runInProcess(['show', String(id), '--format', 'json', '--db', db])).stdout) as { revisions: number; textSeenAt: string; text: string };
    expect(article).toMatchObject({ revisions: 1, textSeenAt: '2024-06-01T13:00:00.000Z', text: second.text });
  });
});

describe('parley ingest --refresh', () => {
  it('makes the sources optional only with --refresh', async () => {
    const run = await runInProcess(['ingest', '--db', db]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing required argument 'source' \(or --refresh/);
    expect((await runInProcess(['ingest', '--help'])).stdout).toMatch(/--refresh +fetch URLs again/);
  });
});
