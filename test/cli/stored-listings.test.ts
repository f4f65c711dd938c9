import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysis, event, quote } from '../../src/store/contract/analysis-fixtures.js';
import { storeArticles } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runParley } from './run-parley.js';

/** `parley events` and `parley quotes` over a stored archive (no input files): filters, timelines, formats. */

let dir = '';
let db = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-stored-'));
  db = join(dir, 'archive.db');
  const store = await openSqliteStore(db, { mode: 'write' });
  const [a, b] = await storeArticles(store, [
    { key: 'a', paragraphs: ['One.'], published: '2024-05-02', site: 'one.example' },
    { key: 'b', paragraphs: ['Two.'], published: '2024-06-10', site: 'two.example' },
  ]);
  await store.saveAnalysis(a!, analysis({
    events: [event({ source: 'USAGOV', target: 'CHN', code: '0411', date: '2024-05-01' }), event({ source: 'CHN', target: 'USA', code: '112', quadClass: 3, goldstein: -2, date: '2024-05-02' })],
    quotes: [quote({ name: 'John Kerry', code: 'USAGOV' }), quote({ name: 'Wang Yang', code: 'CHNGOV' }, 10)],
  }));
  await store.saveAnalysis(b!, analysis({ quotes: [], events: [event({ source: 'USA', target: 'RUS', code: '190', quadClass: 4, goldstein: -10, date: '2024-06-10' })] }));
  await store.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('parley events (stored)', () => {
  it('lists the events whose source code starts with the given one, as JSON', async () => {
    const run = await runParley(['events', '--db', db, '--source', 'usa', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const events = JSON.parse(run.stdout) as { code: string; source: { code: string }; target: { code: string }; url: string }[];
    expect(events.map((e) => e.code).sort()).toEqual(['0411', '190']);
    expect(events.every((e) => e.source.code.startsWith('USA'))).toBe(true);
  });

  it('makes a monthly timeline as CSV, with Goldstein means and quad-class counts', async () => {
    const run = await runParley(['events', '--db', db, '--by', 'month', '--format', 'csv']);
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
    expect(header).toBe('period,events,goldstein,verbal_coop,material_coop,verbal_conflict,material_conflict');
    expect(rows[0]!.startsWith('2024-05-01,2,')).toBe(true);
    expect(rows[1]).toBe('2024-06-01,1,-10,0,0,0,1');
  });

  it('prints a table for people, limited, and says when nothing matches', async () => {
    const table = await runParley(['events', '--db', db, '--target', 'CHN']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^DATE\s+SOURCE\s+CODE\s+TARGET/);
    expect(table.stdout).toContain('0411');
    expect(table.stdout).not.toContain('190');
    const none = await runParley(['events', '--db', db, '--source', 'FRA']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/no stored event matches/);
  });

  it('refuses bad values and mixed modes with exit 2, and a missing database with exit 1', async () => {
    expect((await runParley(['events', '--db', db, '--by', 'fortnight'])).code).toBe(2);
    expect((await runParley(['events', '--db', db, '--source', 'U$A'])).code).toBe(2);
    const mixed = await runParley(['events', '--jsonl', '--db', db]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/does not go with --jsonl/);
    const missing = await runParley(['events', '--db', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/parley ingest/);
  });
});

describe('parley quotes (stored)', () => {
  it('filters by speaker name or code, any case', async () => {
    const byName = await runParley(['quotes', '--db', db, '--speaker', 'kerry', '--format', 'json']);
    expect(byName.code, byName.stderr).toBe(0);
    const quotes = JSON.parse(byName.stdout) as { speaker: { name: string; code: string } }[];
    expect(quotes.map((q) => q.speaker.name)).toEqual(['John Kerry']);
    const byCode = JSON.parse((await runParley(['quotes', '--db', db, '--speaker', 'chngov', '--format', 'json'])).stdout) as { speaker: { name: string } }[];
    expect(byCode.map((q) => q.speaker.name)).toEqual(['Wang Yang']);
    const csv = await runParley(['quotes', '--db', db, '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('published,speaker,code,kind,quote,article,url');
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(3);
  });

  it('keeps stored-quote options away from file inputs', async () => {
    const mixed = await runParley(['quotes', '--speaker', 'kerry', join(dir, 'story.txt')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/give no input files/);
    expect((await runParley(['quotes', '--db', db, '--format', 'jsonl'])).code).toBe(2);
  });
});
