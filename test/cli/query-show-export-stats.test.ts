import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLES, buildArchive, hasControlCharacter, parley, type Archive } from './query-archive.js';

let dir: string;
let archive: Archive;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-query-'));
  archive = await buildArchive(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const run = (...args: string[]) => parley([...args, '--db', archive.path]);

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('parley show', () => {
  it('prints an article as Markdown with front matter, as JSON and as text, by id or URL', async () => {
    const markdown = await run('show', String(archive.ids.bridge));
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toMatch(/^---\ntitle: "Harbour bridge reopens after repairs"\n/);
    expect(markdown.stdout).toContain('# Harbour bridge reopens after repairs');
    const json = await run('show', 'https://www.coast.example/news/bridge', '--format', 'json');
    const article = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(article).slice(0, 3)).toEqual(['id', 'title', 'authors']);
    expect(article).toMatchObject({ id: archive.ids.bridge, canonicalUrl: 'https://www.coast.example/news/bridge', site: 'coast.example', language: 'en', authors: ['Mara Lind'], duplicate: { originalId: archive.ids.bridge, similarity: 1 } });
    expect(article.provenance).toEqual({ published: { source: 'json-ld', confidence: 0.9 } });
    // A link with tracking parameters and a fragment, as copied from a newsletter, finds the article too.
    const tracked = await run('show', 'https://www.coast.example/news/bridge/?utm_source=newsletter&utm_medium=email#comments', '--format', 'json');
    expect(tracked.code, tracked.stderr).toBe(0);
    expect((JSON.parse(tracked.stdout) as { id: number }).id).toBe(archive.ids.bridge);
    const text = await run('show', String(archive.ids.reprint), '--format', 'text');
    expect(text.stdout).toBe('Harbour bridge reopens\n\nThe harbour bridge reopened on Friday after eight months of repairs.\n');
  });

  it('says when there is no such article (exit 1)', async () => {
    const missing = await run('show', '9999');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no article with id 9999 in .*archive\.db/);
    expect((await run('show', 'https://nowhere.example/x')).stderr).toContain('no article at https://nowhere.example/x');
    expect((await run('show', '1', '--format', 'pdf')).code).toBe(2);
  });
});

describe('parley export', () => {
  it('writes every article as one JSON line, in id order, with the filters applied', async () => {
    const all = await run('export');
    expect(all.code, all.stderr).toBe(0);
    const lines = all.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: number; language: string; text: string });
    expect(lines.map((l) => l.id)).toEqual(Object.values(archive.ids).sort((a, b) => a - b));
    expect(lines.find((l) => l.id === archive.ids.hostile)!.text).toContain('\u001b[2J'); // data, exactly as stored
    const german = await run('export', '--lang', 'de', '--since', '2024-05');
    expect(german.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([archive.ids['brücke']]);
    expect((await run('export', '--site', 'nothing.example')).stdout).toBe('');
  });

  it('writes CSV that a CSV reader reads back field for field', async () => {
    const csv = await run('export', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...rows] = parseCsv(csv.stdout);
    expect(header!.slice(0, 5)).toEqual(['id', 'canonical_url', 'url', 'title', 'published']);
    expect(rows).toHaveLength(ARTICLES.length + 1);
    const hostile = rows.find((r) => r[0] === String(archive.ids.hostile))!;
    const text = hostile[header!.indexOf('text')];
    expect(text).toBe('A bridge story with an escape \u001b[2J sequence, "quotes", commas, and a\nline break.');
    const reprint = rows.find((r) => r[0] === String(archive.ids.reprint))!;
    expect(reprint[header!.indexOf('duplicate_original')]).toBe(String(archive.ids.bridge));
  });

  it('with --output, creates the file only when complete and leaves nothing behind on failure', async () => {
    const out = join(dir, 'out', 'articles.jsonl');
    const failed = await run('export', '--output', out);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/cannot write the output .*articles\.jsonl/);
    const target = join(dir, 'articles.jsonl');
    const ok = await run('export', '--output', target);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr).toContain(`${Object.keys(archive.ids).length} articles written to ${target}`);
    expect(readFileSync(target, 'utf8').trim().split('\n')).toHaveLength(Object.keys(archive.ids).length);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('parley stats', () => {
  it('prints one JSON object with articles, duplicates, failures and the coverage', async () => {
    const json = await run('stats', '--format', 'json');
    expect(json.code, json.stderr).toBe(0);
    const stats = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({ articles: ARTICLES.length + 1, duplicates: 1, duplicateGroups: 1, failures: 1, rejected: 1, pages: ARTICLES.length + 3, undated: 1, runCount: 1 });
    expect(stats.perLanguage).toEqual([{ language: 'en', articles: 6 }, { language: 'de', articles: 1 }]);
    expect(stats.failureReasons).toEqual([
      { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', pages: 1 },
      { kind: 'rejected', stage: 'extract', code: 'NO_CONTENT', pages: 1 },
    ]);
    expect((stats.runs as { status: string; committed: Record<string, number> }[])[0]).toMatchObject({ status: 'completed', committed: { article: 7, duplicate: 0, rejected: 1, failed: 1 } });
  });

  it('prints a table for people', async () => {
    const table = await run('stats');
    expect(table.code, table.stderr).toBe(0);
    for (const text of ['Articles', 'Duplicates', 'copies of another article, in 1 group', '1 rejected, 1 failed', 'coast.example', 'Languages', '#1', 'completed', 'TIMEOUT', 'NO_CONTENT']) {
      expect(table.stdout).toContain(text);
    }
    expect(hasControlCharacter(table.stdout)).toBe(false);
  });

  it('says to run parley ingest first when the database is missing', async () => {
    const missing = await parley(['stats', '--db', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no Parley database at .*none\.db\. Run "parley ingest/);
  });
});
