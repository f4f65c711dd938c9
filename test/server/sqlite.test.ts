import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { ArticleListJSON } from '../../src/server/routes/articles.js';
import { articleOutcome, makeArticle, pageRecord, RUN } from '../../src/store/contract/fixtures.js';
import { analysis, event } from '../../src/store/contract/analysis-fixtures.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { archiveSpecs, body, expectDocumented, expectError, fillStore, walkPages } from './helpers.js';

/** The API over the SQLite adapter, opened read-only as `parley serve` opens it: FTS5 search, real pages. */

const SPECS = archiveSpecs(45);
let dir: string;
let store: SqliteStore;
let app: ReturnType<typeof createApp>;
let ids: number[];
let copyId: number;
const get = (path: string): Promise<Response> => Promise.resolve(app.request(path));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-server-'));
  const path = join(dir, 'archive.db');
  const writer = await openSqliteStore(path, { mode: 'write' });
  ids = await fillStore(writer, SPECS);
  const runId = await writer.startRun(RUN);
  const copy = makeArticle({ title: 'Story 0 from the harbour (reprint)', paragraphs: ['Story 0: the harbour bridge report for day 1, reprinted.'], published: '2024-05-02', language: 'en', url: 'https://reprint.example/story-0' });
  const result = await writer.commitPage(pageRecord(runId, 'reprint', articleOutcome(copy, { copyOf: { articleId: ids[0]!, similarity: 0.88 } }), { url: 'https://reprint.example/story-0' }));
  copyId = result.page.articleId!;
  for (const [i, id] of ids.entries()) {
    await writer.saveAnalysis(id, analysis({ events: [event({ source: i % 2 ? 'USAGOV' : 'CHN', target: i % 2 ? 'CHN' : 'USA', code: i % 3 ? '0411' : '112', quadClass: i % 3 ? 1 : 3, date: null })] }));
  }
  await writer.close();
  store = await openSqliteStore(path, { mode: 'read' });
  app = createApp({ store });
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the API over SQLite', () => {
  it('lists every article once, newest first, across pages', async () => {
    const { ids: seen, pages } = await walkPages(get, '/api/articles?limit=8');
    expect(pages.length).toBe(Math.ceil(46 / 8));
    expect(new Set(seen).size).toBe(46);
    expect(seen.sort((a, b) => a - b)).toEqual([...ids, copyId].sort((a, b) => a - b));
    const dates = pages.flatMap((p) => p.articles.map((a) => a.published)).filter((d): d is string => d !== null);
    expect(dates.slice(0, 3).every((d) => d.startsWith('2024-05'))).toBe(true);
  });

  it('searches with FTS5 and pages through every match once', async () => {
    const all = await body<ArticleListJSON>(await get('/api/articles?q=bridge&limit=100'));
    expect(all.articles.length).toBe(SPECS.filter((_, i) => i % 3 === 0).length + 1);
    const { ids: seen } = await walkPages(get, '/api/articles?q=bridge&limit=4');
    expect(seen).toEqual(all.articles.map((a) => a.id));
    const hit = all.articles[0]!;
    const [start, end] = hit.highlights[0]!;
    expect(hit.snippet.slice(start, end).toLowerCase()).toBe('bridge');
  });

  it('matches an exact phrase and applies the filters', async () => {
    const page = await body<ArticleListJSON>(await get('/api/articles?q=%22harbour%20bridge%20report%22&site=coast.example&lang=en'));
    expectDocumented('/api/articles', 200, page);
    expect(page.articles.length).toBeGreaterThan(0);
    expect(page.articles.every((a) => a.site.endsWith('coast.example') && a.language === 'en')).toBe(true);
  });

  it('answers a malformed query with the store message', async () => {
    const error = await expectError(await get('/api/articles?q=harbour%20AND'), 400, 'invalid_query', 'q');
    expect(error.message).toMatch(/AND/);
    expect(error.message).not.toMatch(/fts5|SQLITE|syntax error near/i);
  });

  it('returns an article with its duplicate group, and 404 for an unknown id', async () => {
    const article = await body(await get(`/api/articles/${copyId}`));
    expectDocumented('/api/articles/{id}', 200, article);
    expect(article.duplicate).toMatchObject({ originalId: ids[0], matchedId: ids[0], similarity: 0.88 });
    await expectError(await get('/api/articles/424242'), 404, 'not_found');
  });

  it('returns the stats and the health', async () => {
    const stats = await body(await get('/api/stats'));
    expectDocumented('/api/stats', 200, stats);
    expect(stats).toMatchObject({ articles: 46, duplicates: 1, duplicateGroups: 1 });
    expect((await get('/api/health')).status).toBe(200);
  });

  it('pages through the events of an actor, charts them, and lists quotes, actors, themes and an article\'s layers', async () => {
    const usa: number[] = [];
    let next: string | null = null;
    do {
      const page: { events: { articleId: number; source: { code: string } }[]; next: string | null } = await body(await get(`/api/events?source=usa&limit=7${next ? `&cursor=${next}` : ''}`));
      expectDocumented('/api/events', 200, page);
      usa.push(...page.events.map((e) => e.articleId));
      expect(page.events.every((e) => e.source.code.startsWith('USA'))).toBe(true);
      next = page.next;
    } while (next !== null);
    expect(usa.sort((a, b) => a - b)).toEqual(ids.filter((_, i) => i % 2 === 1));
    const timeline = await body<{ timeline: { start: string; events: number; quadClasses: number[] }[] }>(await get('/api/events?by=month&target=CHN'));
    expectDocumented('/api/events', 200, timeline);
    const dated = SPECS.filter((s, i) => i % 2 === 1 && s.published !== null).length;
    expect(timeline.timeline.reduce((sum, b) => sum + b.events, 0)).toBe(dated);
    const quotes = await body<{ quotes: { speaker: { name: string } }[] }>(await get('/api/quotes?speaker=WANG&limit=100'));
    expectDocumented('/api/quotes', 200, quotes);
    expect(quotes.quotes).toHaveLength(45);
    const actors = await body<{ actors: { name: string; articles: number }[] }>(await get('/api/actors?type=person'));
    expectDocumented('/api/actors', 200, actors);
    expect(actors.actors).toEqual([{ code: 'USAGOV', name: 'John Kerry', type: 'person', articles: 45, mentions: 90 }]);
    const themes = await body(await get('/api/themes?site=coast.example'));
    expectDocumented('/api/themes', 200, themes);
    const layers = await body<{ analysis: { events: { code: string }[] } }>(await get(`/api/articles/${ids[3]}/analysis`));
    expectDocumented('/api/articles/{id}/analysis', 200, layers);
    expect(layers.analysis.events.map((e) => e.code)).toEqual(['112']);
    expect(await body(await get(`/api/articles/${copyId}/analysis`))).toEqual({ id: copyId, analysis: null });
    await expectError(await get('/api/events?since=2024-06&until=2024-05'), 400, 'invalid_parameter', 'until');
    await expectError(await get('/api/quotes?kind=shouted'), 400, 'invalid_parameter', 'kind');
  });
});
