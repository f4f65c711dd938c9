import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { EXPORT_BATCH_SIZE, type StoredArticle } from '../store.js';
import { articleOutcome, makeArticle, pageRecord, RUN, storeArticles } from './fixtures.js';

/** getArticle, exportArticles and stats. */
export function registerQueryContract({ store }: ContractContext): void {
  describe('getArticle', () => {
    it('finds an article by id, canonical URL, its own URL, or the URL of a page that duplicated it', async () => {
      const runId = await store().startRun(RUN);
      const article = makeArticle({ title: 'Budget passes', paragraphs: ['The council passed the budget.'], url: 'https://city.example/budget?ref=home' });
      const stored = await store().commitPage(pageRecord(runId, 'budget', articleOutcome(article), { url: 'https://city.example/budget?ref=home', canonicalUrl: 'https://city.example/budget' }));
      const id = stored.page.articleId!;
      await store().commitPage(pageRecord(runId, 'amp', { kind: 'duplicate', articleId: id, reason: 'canonical-url', similarity: 1 }, { url: 'https://city.example/amp/budget', canonicalUrl: 'https://city.example/budget' }));
      for (const key of [id, 'https://city.example/budget', 'https://city.example/budget?ref=home', 'https://city.example/amp/budget']) {
        expect((await store().getArticle(key))?.id, String(key)).toBe(id);
      }
      expect(await store().getArticle(id + 1)).toBeNull();
      expect(await store().getArticle('https://city.example/nothing')).toBeNull();
    });
  });

  describe('exportArticles', () => {
    it('streams every matching article in id order, whole, across batches', async () => {
      const count = EXPORT_BATCH_SIZE + 25;
      const specs = Array.from({ length: count }, (_, i) => ({
        key: `a${i}`,
        title: `Story ${i}`,
        paragraphs: [`Paragraph of story ${i}.`],
        published: `2024-0${1 + (i % 3)}-15`,
        language: i % 5 === 0 ? 'de' : 'en',
        site: i % 2 === 0 ? 'even.example' : 'odd.example',
      }));
      const ids = await storeArticles(store(), specs);
      const all: StoredArticle[] = [];
      for await (const stored of store().exportArticles()) all.push(stored);
      expect(all.map((a) => a.id)).toEqual(ids);
      expect(all[7]).toEqual(await store().getArticle(ids[7]!));
      const filtered: number[] = [];
      for await (const stored of store().exportArticles({ site: 'even.example', language: 'de', since: '2024-02-01', until: '2024-02-29' })) filtered.push(stored.id);
      const expected = specs.flatMap((s, i) => (i % 2 === 0 && i % 5 === 0 && s.published === '2024-02-15' ? [ids[i]!] : []));
      expect(expected.length).toBeGreaterThan(0);
      expect(filtered).toEqual(expected);
    });

    it('reports a bad filter when iterated', async () => {
      const iterator = store().exportArticles({ since: 'last week' })[Symbol.asyncIterator]();
      await expect(iterator.next()).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('leaves out articles stored after the export started', async () => {
      await storeArticles(store(), [{ key: 'x1', paragraphs: ['One.'] }]);
      const seen: string[] = [];
      for await (const stored of store().exportArticles()) {
        seen.push(stored.canonicalUrl);
        if (seen.length === 1) await storeArticles(store(), [{ key: 'x2', paragraphs: ['Two.'] }]);
      }
      expect(seen).toEqual(['https://news.example/x1']);
    });
  });

  describe('stats', () => {
    it('is all zeros for an empty store', async () => {
      expect(await store().stats()).toEqual({
        articles: 0, duplicates: 0, duplicateGroups: 0, pages: 0, duplicatePages: 0, rejected: 0, failures: 0, undated: 0,
        perDay: [], perSite: [], perLanguage: [], runCount: 0, runs: [], abstentions: [], failureReasons: [],
      });
    });

    it('counts articles per day (UTC), site and language, most first', async () => {
      await storeArticles(store(), [
        { key: 'a', paragraphs: ['a'], published: '2024-05-01T23:30:00-03:00', language: 'en', site: 'www.one.example' },
        { key: 'b', paragraphs: ['b'], published: '2024-05-02', language: 'en', site: 'one.example' },
        { key: 'c', paragraphs: ['c'], published: '2024-04-30T10:00:00Z', language: 'de', site: 'two.example' },
        { key: 'd', paragraphs: ['d'], published: null, language: null, site: 'three.example' },
        { key: 'e', paragraphs: ['e'], published: 'sometime in May', language: 'en', site: 'three.example' },
      ]);
      const stats = await store().stats({ maxSites: 2 });
      expect(stats).toMatchObject({ articles: 5, undated: 2, pages: 5 });
      expect(stats.perDay).toEqual([
        { day: '2024-04-30', articles: 1 },
        { day: '2024-05-02', articles: 2 },
      ]);
      expect(stats.perSite).toEqual([
        { site: 'one.example', articles: 2 },
        { site: 'three.example', articles: 2 },
      ]);
      expect(stats.perLanguage).toEqual([
        { language: 'en', articles: 3 },
        { language: null, articles: 1 },
        { language: 'de', articles: 1 },
      ]);
    });

    it('lists the latest runs first, as many as asked', async () => {
      for (let i = 0; i < 3; i++) await store().startRun({ ...RUN, configHash: `cfg-${i}` });
      const stats = await store().stats({ maxRuns: 2 });
      expect(stats.runCount).toBe(3);
      expect(stats.runs.map((r) => r.configHash)).toEqual(['cfg-2', 'cfg-1']);
    });
  });
}
