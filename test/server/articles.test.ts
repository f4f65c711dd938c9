import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import type { ApiErrorCode } from '../../src/server/errors.js';
import type { ArticleListJSON } from '../../src/server/routes/articles.js';
import { publishedInstant } from '../../src/store/filters.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { storeArticles } from '../../src/store/contract/fixtures.js';
import { archiveSpecs, body, expectDocumented, expectError, fillStore, walkPages, type ArchiveSpec } from './helpers.js';
import { compareNewestFirst } from './helpers.js';

/** GET /api/articles and /api/articles/:id, in-process against the in-memory store. */

const SPECS = archiveSpecs(61);

let store: MemoryStore;
let app: ReturnType<typeof createApp>;
let ids: number[];
const get = (path: string): Promise<Response> => Promise.resolve(app.request(path));

beforeAll(async () => {
  store = new MemoryStore();
  ids = await fillStore(store, SPECS);
  app = createApp({ store });
});

/** The expected newest-first order of the specs passing `keep`. */
function newestFirst(keep: (spec: ArchiveSpec) => boolean = () => true): number[] {
  return SPECS.map((spec, i) => ({ spec, id: ids[i]! }))
    .filter(({ spec }) => keep(spec))
    .map(({ spec, id }) => ({ id, publishedMs: publishedInstant(spec.published ?? null) }))
    .sort(compareNewestFirst)
    .map((key) => key.id);
}

describe('GET /api/articles without q: the newest articles', () => {
  it('lists the newest first, undated last, 20 by default, with the documented shape', async () => {
    const response = await get('/api/articles');
    const page = await body<ArticleListJSON>(response);
    expect(response.status).toBe(200);
    expectDocumented('/api/articles', 200, page);
    expect(page.order).toBe('newest');
    expect(page.articles.map((a) => a.id)).toEqual(newestFirst().slice(0, 20));
    expect(page.next).toEqual(expect.any(String));
    const first = page.articles[0]!;
    expect(first.score).toBeNull();
    expect(first.highlights).toEqual([]);
    expect(first.snippet.length).toBeLessThanOrEqual(241);
    expect(first.snippet.endsWith('…')).toBe(true);
  });

  it('visits every article exactly once across pages, in a stable order', async () => {
    const { pages, ids: seen } = await walkPages(get, '/api/articles?limit=7');
    expect(pages.length).toBe(Math.ceil(SPECS.length / 7));
    expect(seen).toEqual(newestFirst());
    expect(new Set(seen).size).toBe(SPECS.length);
    expect(pages.at(-1)!.next).toBeNull();
  });

  it('applies the filters on every page', async () => {
    const { ids: seen } = await walkPages(get, '/api/articles?site=coast.example&lang=en&since=2024-05-01&limit=4');
    const expected = newestFirst((s) => (s.site === 'coast.example' || s.site === 'news.coast.example') && s.language === 'en' && s.published != null && s.published >= '2024-05');
    expect(expected.length).toBeGreaterThan(4);
    expect(seen).toEqual(expected);
  });

  it('lets the limit change between pages', async () => {
    const first = await body<ArticleListJSON>(await get('/api/articles?limit=5'));
    const second = await body<ArticleListJSON>(await get(`/api/articles?limit=11&cursor=${first.next}`));
    expect([...first.articles, ...second.articles].map((a) => a.id)).toEqual(newestFirst().slice(0, 16));
  });

  it('keeps articles stored after the first page out of the later pages', async () => {
    const own = new MemoryStore();
    await fillStore(own, archiveSpecs(12));
    const ownApp = createApp({ store: own });
    const first = await body<ArticleListJSON>(await ownApp.request('/api/articles?limit=5'));
    await storeArticles(own, [{ key: 'late', title: 'Late news', published: '2030-01-01', paragraphs: ['Stored while a client was paging.'] }]);
    const { ids: rest } = await walkPages((path) => Promise.resolve(ownApp.request(path)), '/api/articles?limit=5', first.next);
    const all = [...first.articles.map((a) => a.id), ...rest];
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
    expect((await body<ArticleListJSON>(await ownApp.request('/api/articles?limit=1'))).articles[0]!.title).toBe('Late news');
  });

  it('returns an empty page when nothing matches', async () => {
    const page = await body<ArticleListJSON>(await get('/api/articles?site=nowhere.example'));
    expect(page).toEqual({ order: 'newest', articles: [], next: null });
  });

  it('refuses a cursor from other filters, a damaged one and a search cursor', async () => {
    const first = await body<ArticleListJSON>(await get('/api/articles?limit=3&lang=en'));
    await expectError(await get(`/api/articles?limit=3&lang=de&cursor=${first.next}`), 400, 'invalid_cursor', 'cursor');
    const tampered = Buffer.from(JSON.stringify([1, 'newest', 'x', null, -4, 2])).toString('base64url');
    await expectError(await get(`/api/articles?cursor=${tampered}`), 400, 'invalid_cursor', 'cursor');
    const damaged = await expectError(await get('/api/articles?cursor=bm90LWpzb24'), 400, 'invalid_cursor', 'cursor');
    // It names the field a client reads the cursor from (`next`), not the library's nextCursor alone.
    expect(damaged.message).toContain('the `next` field of the API');
    await expectError(await get('/api/articles?cursor=has%20spaces!'), 400, 'invalid_cursor', 'cursor');
    const search = await body<ArticleListJSON>(await get('/api/articles?q=harbour&limit=2'));
    await expectError(await get(`/api/articles?cursor=${search.next}`), 400, 'invalid_cursor', 'cursor');
  });
});

describe('GET /api/articles?q=: search', () => {
  it('ranks matches with snippets and highlights', async () => {
    const response = await get('/api/articles?q=bridge&limit=100');
    const page = await body<ArticleListJSON>(response);
    expectDocumented('/api/articles', 200, page);
    expect(page.order).toBe('relevance');
    expect(page.articles.map((a) => a.id).sort((a, b) => a - b)).toEqual(ids.filter((_, i) => i % 3 === 0));
    for (const hit of page.articles) {
      expect(hit.score).toEqual(expect.any(Number));
      const [start, end] = hit.highlights[0]!;
      expect(hit.snippet.slice(start, end).toLowerCase()).toBe('bridge');
    }
    const scores = page.articles.map((a) => a.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('pages through every match exactly once', async () => {
    const all = await body<ArticleListJSON>(await get('/api/articles?q=harbour&lang=en&limit=100'));
    const { pages, ids: seen } = await walkPages(get, '/api/articles?q=harbour&lang=en&limit=9');
    expect(pages.length).toBeGreaterThan(3);
    // Every page of a search says how many articles match in all.
    const first = await body<ArticleListJSON>(await get('/api/articles?q=harbour&lang=en&limit=9'));
    expect(first.total).toBe(all.articles.length);
    expect((await body<ArticleListJSON>(await get(`/api/articles?q=harbour&lang=en&limit=9&cursor=${first.next}`))).total).toBe(all.articles.length);
    expect((await body<ArticleListJSON>(await get('/api/articles?lang=en&limit=9'))).total).toBeUndefined();
    expect(seen).toEqual(all.articles.map((a) => a.id));
    expect(new Set(seen).size).toBe(SPECS.filter((s) => s.language === 'en').length);
  });

  it('treats an empty q as not given (an HTML form sends every field)', async () => {
    const page = await body<ArticleListJSON>(await get('/api/articles?q=&since=&until=&site=&lang=&limit=&cursor='));
    expect(page.order).toBe('newest');
    expect(page.articles).toHaveLength(20);
  });

  it('answers a malformed query with 400, the store message and the position', async () => {
    const error = await expectError(await get('/api/articles?q=%22harbour%20bridge'), 400, 'invalid_query', 'q');
    expect(error.message).toMatch(/quote/i);
    expect(error.position).toEqual(expect.any(Number));
    await expectError(await get('/api/articles?q=(harbour'), 400, 'invalid_query', 'q');
    await expectError(await get('/api/articles?q=h*'), 400, 'invalid_query', 'q');
    await expectError(await get(`/api/articles?q=${'a'.repeat(1001)}`), 400, 'invalid_parameter', 'q');
  });

  it('refuses a cursor of another search', async () => {
    const first = await body<ArticleListJSON>(await get('/api/articles?q=harbour&limit=2'));
    await expectError(await get(`/api/articles?q=bridge&cursor=${first.next}`), 400, 'invalid_cursor', 'cursor');
    const listing = await body<ArticleListJSON>(await get('/api/articles?limit=2'));
    await expectError(await get(`/api/articles?q=harbour&cursor=${listing.next}`), 400, 'invalid_cursor', 'cursor');
  });
});

describe('GET /api/articles: parameter validation', () => {
  const cases: readonly (readonly [query: string, parameter: string, code?: 'invalid_parameter' | 'unknown_parameter'])[] = [
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['limit=2.5', 'limit'],
    ['limit=-1', 'limit'],
    ['limit=99999999999999999999', 'limit'],
    ['since=yesterday', 'since'],
    ['since=2024-13-01', 'since'],
    ['since=2024-02-30', 'since'],
    ['until=05/03/2024', 'until'],
    ['until=2024-05-03T25:00:00Z', 'until'],
    ['since=2024-06-01&until=2024-05-01', 'until'],
    ['site=http://example.com/path', 'site'],
    ['site=example.com:8080', 'site'],
    ['site=-bad-.example', 'site'],
    ['site=a..b', 'site'],
    ['lang=english', 'lang'],
    ['lang=e1', 'lang'],
    ['limit=5&limit=6', 'limit'],
    ['q=a&q=b', 'q'],
    ['language=en', 'language', 'unknown_parameter'],
    ['page=2', 'page', 'unknown_parameter'],
  ];
  it.each(cases)('%s → 400 naming %s', async (query, parameter, code) => {
    const error = await expectError(await get(`/api/articles?${query}`), 400, (code ?? 'invalid_parameter') as ApiErrorCode, parameter);
    expectDocumented('/api/articles', 400, { error });
    expect(error.message).toContain(parameter);
  });

  it('accepts every documented date form and a Unicode host', async () => {
    for (const query of ['since=2024', 'since=2024-05', 'until=2024-05-03', 'since=2024-05-03T10:00:00Z', 'until=2024-05-03T10:00:00%2B02:00', 'site=WWW.Coast.Example.', 'site=b%C3%BCcher.example', 'lang=EN']) {
      expect((await get(`/api/articles?${query}`)).status, query).toBe(200);
    }
  });
});

describe('GET /api/articles/:id', () => {
  it('returns the stored article as `parley show --format json` prints it', async () => {
    const response = await get(`/api/articles/${ids[0]}`);
    const article = await body(response);
    expect(response.status).toBe(200);
    expectDocumented('/api/articles/{id}', 200, article);
    expect(article).toMatchObject({ id: ids[0], title: SPECS[0]!.title, canonicalUrl: `https://${SPECS[0]!.site}/${SPECS[0]!.key}`, site: 'coast.example', duplicate: null });
    expect(Object.keys(article).slice(0, 3)).toEqual(['id', 'title', 'authors']);
  });

  it('includes the duplicate group of a copy', async () => {
    const own = new MemoryStore();
    const [original] = await storeArticles(own, [{ key: 'wire', title: 'Wire story', published: '2024-05-01', paragraphs: ['The wire story text.'] }]);
    const runId = await own.startRun({ sources: ['x'], configHash: 'c', stageVersions: [], startedAt: '2024-06-01T00:00:00Z', keepRaw: false });
    const { articleOutcome, makeArticle, pageRecord } = await import('../../src/store/contract/fixtures.js');
    const copy = await own.commitPage(
      pageRecord(runId, 'reprint', articleOutcome(makeArticle({ title: 'Wire story', paragraphs: ['The wire story text, reprinted.'], url: 'https://reprint.example/wire' }), { copyOf: { articleId: original!, similarity: 0.93 } }), {
        url: 'https://reprint.example/wire',
      }),
    );
    const article = await body(await createApp({ store: own }).request(`/api/articles/${copy.page.articleId}`));
    expectDocumented('/api/articles/{id}', 200, article);
    expect(article.duplicate).toEqual({ groupId: expect.any(Number), originalId: original, matchedId: original, similarity: 0.93 });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const error = await expectError(await get('/api/articles/999999'), 404, 'not_found');
    expectDocumented('/api/articles/{id}', 404, { error });
    for (const bad of ['abc', '0', '-1', '1.5', '007', '99999999999999999', '1e3']) {
      await expectError(await get(`/api/articles/${bad}`), 400, 'invalid_parameter', 'id');
    }
    await expectError(await get(`/api/articles/${ids[0]}?format=json`), 400, 'unknown_parameter', 'format');
  });
});
