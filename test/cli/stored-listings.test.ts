import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysis, event, quote } from '../../src/store/contract/analysis-fixtures.js';
import { storeArticles } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runInProcess } from './in-process.js';

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
  // An article with a real sentence, for the evidence passages.
  const text = '"We will talk," said Ann Lee. London met Dublin in Cork.';
  const [c] = await storeArticles(store, [{ key: 'c', paragraphs: [text], published: '2024-07-01', site: 'three.example' }]);
  const sentence = { ...event({ source: 'GBRGOV', target: 'IRL', code: '040', date: '2024-07-01' }), start: 30, end: 56 };
  await store.saveAnalysis(c!, analysis({
    events: [{ ...sentence, source: { ...sentence.source!, span: { start: 30, end: 36 } }, verb: { start: 37, end: 40 }, target: { ...sentence.target!, span: { start: 41, end: 47 } } }],
    quotes: [{ start: 0, end: 15, text: '"We will talk,"', kind: 'direct', cue: { start: 16, end: 20, text: 'said' }, speaker: { start: 21, end: 28, text: 'Ann Lee', name: 'Ann Lee', code: 'GBRGOV' }, confidence: 0.9 }],
  }));
  await store.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('evidence in parley events and parley quotes (stored)', () => {
  it('gives each event its sentence with the verb and actors marked, in JSON and in the table', async () => {
    const json = await runInProcess(['events', '--db', db, '--source', 'GBR', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const [e] = JSON.parse(json.stdout) as { evidence: { start: number; end: number; text: string; marks: { start: number; end: number; role: string }[] } }[];
    expect(e!.evidence.text).toBe('London met Dublin in Cork.');
    expect(e!.evidence).toMatchObject({ start: 30, end: 56 });
    expect(e!.evidence.marks.map((m) => [m.role, e!.evidence.text.slice(m.start, m.end)])).toEqual([['source', 'London'], ['verb', 'met'], ['target', 'Dublin']]);
    const table = await runInProcess(['events', '--db', db, '--source', 'GBR']);
    expect(table.stdout).toContain('[London] *met* [Dublin] in Cork.');
  });

  it('gives each quote its passage with the cue and speaker marked', async () => {
    const json = await runInProcess(['quotes', '--db', db, '--speaker', 'ann lee', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    const [q] = JSON.parse(json.stdout) as { evidence: { text: string; marks: { role: string }[] } }[];
    expect(q!.evidence.text).toBe('"We will talk," said Ann Lee');
    expect(q!.evidence.marks.map((m) => m.role)).toEqual(['quote', 'cue', 'speaker']);
    const table = await runInProcess(['quotes', '--db', db, '--speaker', 'ann lee']);
    expect(table.stdout).toContain('“"We will talk,"” *said* [Ann Lee]');
  });
});

describe('parley events (stored)', () => {
  it('lists the events whose source code starts with the given one, as JSON', async () => {
    const run = await runInProcess(['events', '--db', db, '--source', 'usa', '--format', 'json']);
    expect(run.code, run.stderr).toBe(0);
    const events = JSON.parse(run.stdout) as { code: string; source: { code: string }; target: { code: string }; url: string }[];
    expect(events.map((e) => e.code).sort()).toEqual(['0411', '190']);
    expect(events.every((e) => e.source.code.startsWith('USA'))).toBe(true);
  });

  it('makes a monthly timeline as CSV, with Goldstein means and quad-class counts', async () => {
    const run = await runInProcess(['events', '--db', db, '--by', 'month', '--format', 'csv']);
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\r\n');
    expect(header).toBe('period,events,goldstein,verbal_coop,material_coop,verbal_conflict,material_conflict');
    expect(rows[0]!.startsWith('2024-05-01,2,')).toBe(true);
    expect(rows[1]).toBe('2024-06-01,1,-10,0,0,0,1');
  });

  it('prints a table for people, limited, and says when nothing matches', async () => {
    const table = await runInProcess(['events', '--db', db, '--target', 'CHN']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^DATE\s+SOURCE\s+CODE\s+TARGET/);
    expect(table.stdout).toContain('0411');
    expect(table.stdout).not.toContain('190');
    const none = await runInProcess(['events', '--db', db, '--source', 'FRA']);
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/no stored event matches/);
  });

  it('refuses bad values and mixed modes with exit 2, and a missing database with exit 1', async () => {
    expect((await runInProcess(['events', '--db', db, '--by', 'fortnight'])).code).toBe(2);
    expect((await runInProcess(['events', '--db', db, '--source', 'U$A'])).code).toBe(2);
    const mixed = await runInProcess(['events', '--jsonl', '--db', db]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/does not go with --jsonl/);
    const missing = await runInProcess(['events', '--db', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/parley ingest/);
  });
});

describe('parley quotes (stored)', () => {
  it('filters by speaker name or code, any case', async () => {
    const byName = await runInProcess(['quotes', '--db', db, '--speaker', 'kerry', '--format', 'json']);
    expect(byName.code, byName.stderr).toBe(0);
    const quotes = JSON.parse(byName.stdout) as { speaker: { name: string; code: string } }[];
    expect(quotes.map((q) => q.speaker.name)).toEqual(['John Kerry']);
    const byCode = JSON.parse((await runInProcess(['quotes', '--db', db, '--speaker', 'chngov', '--format', 'json'])).stdout) as { speaker: { name: string } }[];
    expect(byCode.map((q) => q.speaker.name)).toEqual(['Wang Yang']);
    const csv = await runInProcess(['quotes', '--db', db, '--format', 'csv']);
    expect(csv.stdout.split('\r\n')[0]).toBe('published,speaker,code,kind,quote,evidence,article,url');
    expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(4);
  });

  it('keeps stored-quote options away from file inputs', async () => {
    const mixed = await runInProcess(['quotes', '--speaker', 'kerry', join(dir, 'story.txt')]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/give no input files/);
    expect((await runInProcess(['quotes', '--db', db, '--format', 'jsonl'])).code).toBe(2);
  });
});

describe('parley actors and parley themes', () => {
  it('list the actors of the stored articles, most articles first, filtered as /api/actors is', async () => {
    const table = await runInProcess(['actors', '--db', db]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^CODE\s+NAME\s+TYPE\s+ARTICLES\s+MENTIONS$/);
    expect(table.stdout).toMatch(/^USAGOV\s+John Kerry\s+person\s+3\s+6$/m);
    const people = JSON.parse((await runInProcess(['actors', '--db', db, '--type', 'person', '--format', 'json'])).stdout) as { name: string; articles: number }[];
    expect(people).toEqual([{ code: 'USAGOV', name: 'John Kerry', type: 'person', articles: 3, mentions: 6 }]);
    const june = JSON.parse((await runInProcess(['actors', '--db', db, '--since', '2024-06', '--name', 'chin', '--format', 'json'])).stdout) as { articles: number }[];
    expect(june).toEqual([{ code: 'CHN', name: 'China', type: 'country', articles: 2, mentions: 2 }]);
    const none = await runInProcess(['actors', '--db', db, '--name', 'nobody']);
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr).toMatch(/no stored actor matches/);
  });

  it('list the themes with their articles, mean score and evidence, as CSV too', async () => {
    const csv = await runInProcess(['themes', '--db', db, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trimEnd().split('\r\n')).toEqual(['theme,label,articles,score,evidence', 'CYBER_SECURITY,cyber security,3,2.50,6']);
    expect((await runInProcess(['themes', '--db', db, '--site', 'two.example', '--format', 'json'])).stdout).toContain('"articles":1');
  });

  it('refuse bad values with exit 2 and a missing database with exit 1', async () => {
    for (const args of [['actors', '--type', 'planet'], ['actors', '--limit', '0'], ['themes', '--since', 'soon'], ['themes', '--lang', 'en']]) {
      expect((await runInProcess([...args, '--db', db])).code, args.join(' ')).toBe(2);
    }
    const missing = await runInProcess(['themes', '--db', join(dir, 'missing.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no Parley database.*parley ingest/);
  });
});
