import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { QuerySyntaxError, type StoreError } from '../errors.js';
import type { SearchHit, Store } from '../store.js';
import { storeArticles } from './fixtures.js';

/** The search contract: the query language, BM25 order, snippets, filters and cursors. */
export function registerSearchContract({ store }: ContractContext): void {
  const CORPUS = [
    { key: 'climate-talks', title: 'Climate talks open in Bonn', paragraphs: ['Delegates met in Bonn to discuss climate change and coal.', 'The talks last two weeks.'], published: '2024-05-02T09:00:00Z', language: 'en', site: 'www.daily.example' },
    { key: 'coal-plant', title: 'Coal plant closes', paragraphs: ['The last coal plant in the region closed. Climate groups welcomed it after years of talks.'], published: '2024-05-10', language: 'en', site: 'news.daily.example' },
    { key: 'change-climate', title: 'A change of climate at the council', paragraphs: ['The mood changed: climate of trust, change of tone.'], published: '2024-06-01T23:30:00-02:00', language: 'en', site: 'other.example' },
    { key: 'cafe', title: 'Café culture', paragraphs: ['A CAFÉ opened near the harbour; cafés are climate-friendly, say owners.'], published: null, language: 'fr', site: 'other.example' },
    { key: 'us-cyber', title: 'Talks on cyber security', paragraphs: ['The U.S. and China discussed cyber security and climate policy in Beijing.'], published: '2023-12-31T23:59:00Z', language: 'en', site: 'wire.example' },
    { key: 'weather', title: 'Weather', paragraphs: ['Rain and wind on Friday; climatology says the week stays grey.'], published: '2024-05-03', language: 'de', site: 'wetter.example' },
  ];
  const ids = async (s: Store, text: string, filter: Record<string, string> = {}): Promise<string[]> =>
    (await s.search({ text, limit: 200, ...filter })).hits.map((h) => h.url.slice(h.url.lastIndexOf('/') + 1));
  const load = () => storeArticles(store(), CORPUS);

  describe('search', () => {
    it('finds every word (implicit AND), best match first, with the fields of a hit', async () => {
      await load();
      const { hits, nextCursor } = await store().search({ text: 'climate coal' });
      expect(hits.map((h) => h.url)).toEqual(['https://news.daily.example/coal-plant', 'https://www.daily.example/climate-talks']);
      expect(nextCursor).toBeNull();
      expect(hits[0]).toMatchObject({ title: 'Coal plant closes', published: '2024-05-10', siteName: null, site: 'news.daily.example', language: 'en' });
      expect(hits[0]!.id).toEqual(expect.any(Number));
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    });

    it('counts every match when asked (withTotal), the same on every page and with filters; not otherwise', async () => {
      await load();
      expect((await store().search({ text: 'climate*' })).total).toBeUndefined();
      const first = await store().search({ text: 'climate*', limit: 2, withTotal: true });
      expect(first.hits).toHaveLength(2);
      expect(first.total).toBe(5); // every article but the German one ("climatology")
      expect((await store().search({ text: 'climate*', limit: 2, cursor: first.nextCursor, withTotal: true })).total).toBe(5);
      expect((await store().search({ text: 'climate*', language: 'en', withTotal: true })).total).toBe(4);
      expect((await store().search({ text: 'climate* NOT coal', withTotal: true })).total).toBe(3);
    });

    it('ranks a title match above a body-only match', async () => {
      await load();
      const titles = (await store().search({ text: 'talks' })).hits.map((h) => h.title);
      expect(titles).toHaveLength(3);
      expect(titles.slice(0, 2).sort()).toEqual(['Climate talks open in Bonn', 'Talks on cyber security']);
      expect(titles[2]).toBe('Coal plant closes');
    });

    it('returns a snippet of the body with the matched words highlighted', async () => {
      await load();
      const [hit] = (await store().search({ text: 'cafe' })).hits;
      expect(hit!.title).toBe('Café culture');
      const marked = hit!.highlights.map(([start, end]) => hit!.snippet.slice(start, end).toLowerCase());
      expect(marked).toEqual(['café']); // 'cafés' is another word; diacritics and case are ignored
      expect(hit!.snippet).toContain('harbour');
    });

    it('takes every snippet from its own article, and highlights only matched words', async () => {
      await load();
      const { hits } = await store().search({ text: 'the OR climate', limit: 50 });
      expect(hits.length).toBeGreaterThan(3);
      for (const hit of hits) {
        const text = (await store().getArticle(hit.id))!.article.text;
        expect(text, hit.url).toContain(hit.snippet.replace(/^…|…$/g, ''));
        expect(hit.highlights.length, hit.url).toBeGreaterThan(0);
        for (const [start, end] of hit.highlights) expect(['the', 'climate'], hit.url).toContain(hit.snippet.slice(start, end).toLowerCase());
      }
    });

    it('matches a quoted phrase exactly, and words in any order without quotes', async () => {
      await load();
      expect(await ids(store(), '"climate change"')).toEqual(['climate-talks']);
      expect(await ids(store(), '"change climate"')).toEqual([]);
      expect((await ids(store(), 'change climate')).sort()).toEqual(['change-climate', 'climate-talks']);
      expect(await ids(store(), '"cyber security" "U.S."')).toEqual(['us-cyber']);
    });

    it('supports OR, NOT, -word, prefix* and parentheses', async () => {
      await load();
      expect((await ids(store(), 'bonn OR beijing')).sort()).toEqual(['climate-talks', 'us-cyber']);
      expect((await ids(store(), 'climate NOT coal')).sort()).toEqual(['cafe', 'change-climate', 'us-cyber']);
      expect((await ids(store(), 'climate -coal -cafe')).sort()).toEqual(['change-climate', 'us-cyber']);
      expect((await ids(store(), 'climat*')).sort()).toEqual(['cafe', 'change-climate', 'climate-talks', 'coal-plant', 'us-cyber', 'weather']);
      expect((await ids(store(), '(bonn OR beijing) AND coal')).sort()).toEqual(['climate-talks']);
      expect((await ids(store(), 'rain wind OR coal plant')).sort()).toEqual(['coal-plant', 'weather']);
      expect(await ids(store(), 'climate and coal')).toEqual(['climate-talks']); // lower-case "and" is a word
    });

    it('gives a QuerySyntaxError that says what is wrong for a malformed query', async () => {
      await load();
      const cases: [string, RegExp][] = [
        ['', /empty/],
        ['   ', /empty/],
        ['"climate change', /never closed/],
        ['climate AND', /AND at position 9 needs a word/],
        ['OR climate', /OR at position 1/],
        ['climate OR OR coal', /OR at position 9/],
        ['NOT coal', /excludes from the other words/],
        ['(climate coal', /never closed/],
        ['climate coal)', /no matching "\("/],
        ['()', /empty/],
        ['cl*mate', /may only end a word/],
        ['*', /must follow a word/],
        ['c*', /too short/],
        ['""', /no words/],
        ['-- ;', /no words to search/],
        ['x'.repeat(1001), /over the limit/],
      ];
      for (const [text, message] of cases) {
        const error = await store().search({ text }).then(() => null, (e: unknown) => e);
        expect(error, text).toBeInstanceOf(QuerySyntaxError);
        expect((error as QuerySyntaxError).code, text).toBe('E_QUERY');
        expect((error as QuerySyntaxError).message, text).toMatch(message);
        expect((error as QuerySyntaxError).position, text).toBeGreaterThanOrEqual(0);
      }
    });

    it('treats query syntax of the engine below as plain words (no injection)', async () => {
      await load();
      const hostile = ['title:coal', 'NEAR(climate coal)', '^climate', '+coal', 'coal" OR "bonn', "'; DROP TABLE articles; --", 'climate) OR (1=1', '{title text}:coal'];
      for (const text of hostile) {
        const outcome = await store().search({ text }).then((r) => r.hits.length, (e: unknown) => e);
        if (typeof outcome !== 'number') expect((outcome as StoreError).code, text).toBe('E_QUERY');
      }
      expect(await ids(store(), 'title:coal')).toEqual([]); // the phrase "title coal", not a column filter
      expect((await store().stats()).articles).toBe(CORPUS.length);
    });
  });

  describe('search in Chinese, Japanese and Korean', () => {
    const CJK = [
      { key: 'ja-phone', title: '新型スマートフォンを発表', paragraphs: ['東京の電機メーカーは十日、折りたたみ式のスマートフォンを来月発売すると発表した。価格は約二十万円。'], language: 'ja', site: 'ja.example' },
      { key: 'ja-rain', title: '九州で大雨', paragraphs: ['気象庁によると、九州北部では記録的な大雨となり、川の氾濫に警戒が必要だ。'], language: 'ja', site: 'ja.example' },
      { key: 'zh-metro', title: '地铁三号线开通', paragraphs: ['北京市地铁三号线今天正式开通运营，全长二十多公里，设站十八座。'], language: 'zh', site: 'zh.example' },
      { key: 'ko-election', title: '대통령 선거 토론회', paragraphs: ['대통령은 기자회견에서 경제 정책을 설명했다. 야당은 반발했다.'], language: 'ko', site: 'ko.example' },
      { key: 'en-phone', title: 'Phones fold again', paragraphs: ['A Tokyo maker will sell a folding phone next month.'], language: 'en', site: 'en.example' },
    ];

    it('finds an article by a few characters of a word, in the title or the body', async () => {
      await storeArticles(store(), CJK);
      expect(await ids(store(), 'スマート')).toEqual(['ja-phone']); // four characters of スマートフォン
      expect(await ids(store(), 'トフォ')).toEqual(['ja-phone']); // from the middle of the word
      expect(await ids(store(), '氾濫')).toEqual(['ja-rain']);
      expect(await ids(store(), '地铁')).toEqual(['zh-metro']);
      expect(await ids(store(), '三号线')).toEqual(['zh-metro']);
      expect(await ids(store(), '대통령')).toEqual(['ko-election']); // the word without its particle (대통령은)
      expect(await ids(store(), '기자회견')).toEqual(['ko-election']);
      expect(await ids(store(), '"スマートフォン" 東京')).toEqual(['ja-phone']);
      expect(await ids(store(), '九州 OR 北京')).toEqual(expect.arrayContaining(['ja-rain', 'zh-metro']));
      expect(await ids(store(), '氾')).toEqual(['ja-rain']); // one character: every word starting with it
      expect(await ids(store(), '東京大学')).toEqual([]); // characters that are not together in any article
      expect(await ids(store(), 'phone')).toEqual(['en-phone']);
    });

    it('highlights the matched characters in the snippet', async () => {
      await storeArticles(store(), CJK);
      const [hit] = (await store().search({ text: 'スマートフォン' })).hits;
      const marked = hit!.highlights.map(([start, end]) => hit!.snippet.slice(start, end));
      expect(marked).toContain('スマートフォン');
      expect(marked.every((m) => m === 'スマートフォン')).toBe(true);
      const [korean] = (await store().search({ text: '정책' })).hits;
      expect(korean!.highlights.map(([start, end]) => korean!.snippet.slice(start, end))).toEqual(['정책']);
    });
  });

  describe('search filters', () => {
    it('filters by published date (UTC; a date covers its whole day), site and subdomains, and language', async () => {
      await load();
      expect((await ids(store(), 'climate', { since: '2024-05-10' })).sort()).toEqual(['change-climate', 'coal-plant']);
      expect((await ids(store(), 'climate', { until: '2024-05-10' })).sort()).toEqual(['climate-talks', 'coal-plant', 'us-cyber']);
      expect(await ids(store(), 'climate', { since: '2024-06-02', until: '2024-06-02' })).toEqual(['change-climate']); // 23:30 at -02:00
      expect((await ids(store(), 'climate', { since: '2024', until: '2024-05' })).sort()).toEqual(['climate-talks', 'coal-plant']);
      expect((await ids(store(), 'climate', { site: 'daily.example' })).sort()).toEqual(['climate-talks', 'coal-plant']);
      expect(await ids(store(), 'climate', { site: 'www.news.daily.example' })).toEqual(['coal-plant']);
      expect(await ids(store(), 'climate', { site: 'aily.example' })).toEqual([]);
      expect(await ids(store(), 'climate', { language: 'FR' })).toEqual(['cafe']);
      expect(await ids(store(), 'climatology', { language: 'de', since: '2024-05-03', until: '2024-05-03', site: 'wetter.example' })).toEqual(['weather']);
    });

    it('refuses invalid filters and limits with E_FILTER', async () => {
      const bad: Record<string, unknown>[] = [{ since: 'yesterday' }, { until: '2024-02-30' }, { since: '2024-13' }, { since: '2024-05-02', until: '2024-05-01' }, { site: 'not a host' }, { site: 'http://' }, { language: 'english' }, { limit: 0 }, { limit: 100000 }, { limit: 2.5 }];
      for (const filter of bad) {
        await expect(store().search({ text: 'climate', ...filter }), JSON.stringify(filter)).rejects.toMatchObject({ code: 'E_FILTER' });
      }
    });
  });

  describe('search cursors', () => {
    it('pages through every hit once, in order, and stops', async () => {
      await load();
      const all = (await store().search({ text: 'climat*', limit: 50 })).hits;
      const paged: SearchHit[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store().search({ text: 'climat*', limit: 2, cursor });
        expect(page.hits.length).toBeLessThanOrEqual(2);
        paged.push(...page.hits);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(paged.map((h) => h.id)).toEqual(all.map((h) => h.id));
    });

    it('leaves out articles stored after the first page', async () => {
      await load();
      const first = await store().search({ text: 'climate', limit: 1 });
      await storeArticles(store(), [{ key: 'late', title: 'Climate climate climate', paragraphs: ['climate'] }]);
      const rest: SearchHit[] = [];
      let cursor = first.nextCursor;
      while (cursor) {
        const page = await store().search({ text: 'climate', limit: 1, cursor });
        rest.push(...page.hits);
        cursor = page.nextCursor;
      }
      const seen = [...first.hits, ...rest].map((h) => h.url.slice(h.url.lastIndexOf('/') + 1));
      expect(seen.sort()).toEqual(['cafe', 'change-climate', 'climate-talks', 'coal-plant', 'us-cyber']);
    });

    it('refuses a damaged cursor or one from another search', async () => {
      await load();
      const { nextCursor } = await store().search({ text: 'climat*', limit: 1 });
      await expect(store().search({ text: 'coal', limit: 1, cursor: nextCursor })).rejects.toMatchObject({ code: 'E_CURSOR' });
      await expect(store().search({ text: 'climat*', limit: 1, cursor: nextCursor, site: 'other.example' })).rejects.toMatchObject({ code: 'E_CURSOR' });
      await expect(store().search({ text: 'climat*', limit: 1, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'E_CURSOR' });
      expect((await store().search({ text: 'climat*', limit: 3, cursor: nextCursor })).hits).toHaveLength(3);
    });
  });
}
