import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArchive, hasControlCharacter, parley, type Archive } from './query-archive.js';

let dir: string;
let archive: Archive;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-query-'));
  archive = await buildArchive(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const search = (...args: string[]) => parley(['search', ...args, '--db', archive.path]);
type Hit = { id: number; url: string; title: string; published: string | null; score: number; snippet: string; highlights: [number, number][]; site: string; language: string };

describe('parley search', () => {
  it('prints a JSON array of ranked hits with id, url, title, published, score, snippet and highlights', async () => {
    const run = await search('harbour bridge', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const hits = JSON.parse(run.stdout) as Hit[];
    expect(hits.map((h) => h.id).sort()).toEqual([archive.ids.bridge, archive.ids.budget, archive.ids.old, archive.ids.reprint].sort());
    expect(Object.keys(hits[0]!)).toEqual(['id', 'url', 'title', 'published', 'siteName', 'site', 'language', 'score', 'snippet', 'highlights']);
    expect(hits[0]).toMatchObject({ id: expect.any(Number), url: expect.stringMatching(/^https:\/\//), title: expect.any(String), language: 'en', score: expect.any(Number), snippet: expect.any(String) });
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    for (const hit of hits) {
      const marked = hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase());
      expect(marked.length).toBeGreaterThan(0);
      for (const word of marked) expect(['harbour', 'bridge']).toContain(word);
    }
  });

  it('matches a quoted phrase exactly and applies --since, --until, --site and --lang', async () => {
    const ids = async (...args: string[]): Promise<number[]> => {
      const run = await search(...args, '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as Hit[]).map((h) => h.id).sort();
    };
    expect(await ids('"steel cables"')).toEqual([archive.ids.bridge]);
    expect(await ids('"cables steel"')).toEqual([]);
    expect(await ids('bridge', '--since', '2024-05-04', '--until', '2024-05-31')).toEqual([archive.ids.budget]);
    expect(await ids('bridge', '--site', 'coast.example')).toEqual([archive.ids.bridge, archive.ids.old, archive.ids.undated].sort());
    expect(await ids('hafenbrücke', '--lang', 'de')).toEqual([archive.ids['brücke']]);
    expect(await ids('hafenbrucke')).toEqual([archive.ids['brücke']]);
  });

  it('reads filters written into the query like the options, and lists the newest articles for a query of filters only', async () => {
    const ids = async (...args: string[]): Promise<number[]> => {
      const run = await search(...args, '--format', 'json');
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as Hit[]).map((h) => h.id).sort();
    };
    expect(await ids('bridge site:coast.example')).toEqual(await ids('bridge', '--site', 'coast.example'));
    expect(await ids('bridge since:2024-05-04 until:2024-05-31')).toEqual([archive.ids.budget]);
    const listed = await search('site:coast.example', '--format', 'json');
    const hits = JSON.parse(listed.stdout) as Hit[];
    expect(hits.map((h) => h.id)).toEqual([archive.ids.bridge, archive.ids.old, archive.ids.undated]);
    expect(hits.every((h) => h.score === null)).toBe(true);
    expect((await search('lang:de')).stdout).toMatch(/—\s+2024-05-04\s+zeitung\.example/);
    const conflict = await search('bridge site:a.example', '--site', 'b.example');
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toMatch(/the query says site:a\.example but the option says b\.example/);
    const misplaced = await search('bridge OR site:a.example');
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/joined with OR[\s\S]*\^/);
    expect((await search('bridge', '--actor', 'U S')).code).toBe(2);
  });

  it('prints a table for people, with no colour or control characters when piped', async () => {
    const run = await search('bridge', '--limit', '3');
    expect(run.code, run.stderr).toBe(0);
    const total = (JSON.parse((await search('bridge', '--format', 'json', '--limit', '200')).stdout) as Hit[]).length;
    expect(total).toBeGreaterThan(3);
    // The total hit count first, then the page.
    expect(run.stdout).toMatch(new RegExp(`^${total} articles match \\(3 on this page\\)\\.\n\n SCORE {2}DATE {8}SITE +ID {2}TITLE`));
    expect(run.stdout).toContain('More results: add --cursor ');
    const all = await search('bridge', '--limit', '50');
    expect(all.stdout).toContain('Bridge [31mRED [0m ]0;pwned title'); // the escape characters are gone, their text is harmless
    expect(all.stdout).toContain('2019-01-15');
    expect(hasControlCharacter(all.stdout)).toBe(false);
    expect((await search('nothingmatchesthis')).stdout).toBe('No articles match.\n');
  });

  it('pages with --cursor: every hit once, in order', async () => {
    const full = JSON.parse((await search('bridge OR harbour', '--format', 'json', '--limit', '100')).stdout) as Hit[];
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const run = await search('bridge OR harbour', '--format', 'jsonl', '--limit', '2', ...(cursor ? ['--cursor', cursor] : []));
      expect(run.code, run.stderr).toBe(0);
      seen.push(...run.stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as Hit).id));
      expect(run.stderr).toMatch(new RegExp(`^parley search: ${full.length} articles match \\(\\d on this page\\)\\.$`, 'm'));
      cursor = /--cursor (\S+)/.exec(run.stderr)?.[1] ?? null;
      if (!cursor) break;
    }
    expect(seen).toEqual(full.map((h) => h.id));
  });

  it('explains a malformed query (exit 2, a caret under the problem) and never shows an SQL error', async () => {
    const cases: [string, RegExp][] = [
      ['"harbour bridge', /quote at position 1 is never closed[\s\S]*\n {2}"harbour bridge\n {2}\^/],
      ['bridge AND', /AND at position 8 needs a word or phrase/],
      ['NOT bridge', /excludes from the other words/],
      ['(bridge', /never closed/],
      ['br*dge', /may only end a word/],
    ];
    for (const [query, message] of cases) {
      const run = await search(query);
      expect(run.code, query).toBe(2);
      expect(run.stdout, query).toBe('');
      expect(run.stderr, query).toMatch(message);
      expect(run.stderr, query).not.toMatch(/sqlite|fts5|syntax error near/i);
    }
    for (const query of ['title:bridge', 'NEAR(bridge harbour)', "'; DROP TABLE articles; --", 'bridge" OR "x']) {
      const run = await search(query, '--format', 'json');
      expect(run.code, query).toBe(0);
      expect(Array.isArray(JSON.parse(run.stdout)), query).toBe(true);
    }
  });

  it('refuses bad options with exit 2 and says what is accepted', async () => {
    const cases: [string[], RegExp][] = [
      [['bridge', '--since', 'last week'], /--since[\s\S]*is not a date[\s\S]*YYYY-MM-DD/],
      [['bridge', '--until', '2024-02-30'], /--until/],
      [['bridge', '--site', 'not a host'], /not a host name/],
      [['bridge', '--lang', 'english'], /ISO 639-1/],
      [['bridge', '--limit', '0'], /from 1 to 200/],
      [['bridge', '--format', 'xml'], /Allowed choices are table, json, jsonl/],
      [['bridge', '--cursor', 'garbage'], /cursor is damaged/],
      [['bridge', '--since', '2024-06-01', '--until', '2024-05-01'], /is after until/],
      [[], /missing required argument 'query'/],
    ];
    for (const [args, message] of cases) {
      const run = await search(...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('finds the database by --db, then PARLEY_DB, and says to run parley ingest when there is none', async () => {
    const viaEnv = await parley(['search', 'bridge', '--format', 'json'], { PARLEY_DB: archive.path });
    expect(viaEnv.code, viaEnv.stderr).toBe(0);
    const missing = join(dir, 'missing.db');
    const run = await parley(['search', 'bridge', '--db', missing], { PARLEY_DB: archive.path });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`there is no Parley database at ${missing}`);
    expect(run.stderr).toContain('parley ingest');
    const defaultPath = await parley(['search', 'bridge'], {}, dir);
    expect(defaultPath.code).toBe(1);
    expect(defaultPath.stderr).toContain('no Parley database at ./parley.db');
    const notParley = join(dir, 'notes.txt');
    await writeFile(notParley, 'just some notes\n');
    const wrong = await parley(['search', 'bridge', '--db', notParley]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not a Parley database.*\[E_STORE_NOT_PARLEY\]/);
  });

  it('documents the query language, formats and exit status', async () => {
    const run = await parley(['search', '--help']);
    expect(run.code).toBe(0);
    for (const text of ['"climate change"', 'climat*', 'NOT coal', '--since', '--until', '--site', '--lang', '--limit', '--cursor', '--db', 'PARLEY_DB', 'Exit status: 0']) expect(run.stdout).toContain(text);
  });
});
