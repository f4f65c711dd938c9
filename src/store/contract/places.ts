import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import { analysis, event, placed, theme } from './analysis-fixtures.js';
import { storeArticles } from './fixtures.js';

const SYRIA = { name: 'Syria', code: 'SYR' };
const FRANCE = { name: 'France', code: 'FRA' };

/** The places layers: places, focus and event locations saved and read back, the country filter, `country:` in search, and the map's counts. */
export function registerPlacesContract({ store }: ContractContext): void {
  async function archive(): Promise<number[]> {
    const ids = await storeArticles(store(), [
      { key: 'a', site: 'news.example', paragraphs: ['Clashes in Aleppo, Syria, on Monday.'], published: '2024-05-01' },
      { key: 'b', site: 'news.example', paragraphs: ['Talks on Syria in Paris.'], published: '2024-05-02' },
      { key: 'c', site: 'other.example', paragraphs: ['The Paris clashes went on.'], published: '2024-06-01' },
      { key: 'd', site: 'other.example', paragraphs: ['No place at all here.'], published: '2024-06-02' },
    ]);
    await store().saveAnalysis(ids[0]!, placed(analysis({ events: [event({ date: '2024-05-01' }), event({ date: '2024-05-01', at: 50, source: 'SYRMIL', target: 'SYRREB', code: '190', quadClass: 4 })] }), SYRIA, 'Aleppo'));
    await store().saveAnalysis(ids[1]!, placed(analysis({ themes: [theme('CONFLICT', 1)], events: [event({ date: '2024-05-02' })] }), SYRIA));
    await store().saveAnalysis(ids[2]!, placed(analysis({ events: [event({ date: '2024-06-01', source: 'FRA', target: 'FRA' })] }), FRANCE, 'Paris'));
    await store().saveAnalysis(ids[3]!, analysis({ events: [] }));
    return ids;
  }

  describe('places, focus and event locations', () => {
    it('are saved and read back unchanged, and an analysis without them reads back without them', async () => {
      const ids = await archive();
      const saved = placed(analysis({ events: [event({ date: '2024-05-01' }), event({ date: '2024-05-01', at: 50, source: 'SYRMIL', target: 'SYRREB', code: '190', quadClass: 4 })] }), SYRIA, 'Aleppo');
      expect(await store().getAnalysis(ids[0]!)).toEqual(saved);
      const plain = await store().getAnalysis(ids[3]!);
      expect(plain).not.toHaveProperty('places');
      expect(plain!.events).toEqual([]);
      const events = (await store().queryEvents({ source: 'SYRMIL' })).events;
      expect(events.map((e) => e.location?.place.name)).toEqual(['Aleppo']);
      expect(events[0]!.location).toMatchObject({ method: 'sentence', evidence: { start: 70, end: 75 }, place: { type: 'city', country: 'SYR', geonameId: 1001 } });
      // Events by where they happened.
      const inSyria = (await store().queryEvents({ country: 'syr', limit: 100 })).events;
      expect(inSyria.map((e) => e.code)).toEqual(expect.arrayContaining(['040', '190']));
      expect(inSyria.every((e) => e.location?.place.country === 'SYR')).toBe(true);
      expect((await store().queryEvents({ country: 'SYR', code: '19' })).events.map((e) => e.code)).toEqual(['190']);
      expect((await store().queryEvents({ country: 'NZL' })).events).toEqual([]);
      const timeline = await store().eventTimeline({ country: 'SYR' }, 'month');
      expect(timeline.reduce((n, b) => n + b.events, 0)).toBe(inSyria.filter((e) => e.date !== null || e.published !== null).length);
      await expect(store().queryEvents({ country: 'Syria' })).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('refuses places without a valid point, or a focus that names a country twice, storing nothing', async () => {
      const [id] = await storeArticles(store(), [{ key: 'x', paragraphs: ['Text.'] }]);
      const bad = placed(analysis(), SYRIA);
      const broken = { ...bad, places: [{ ...bad.places![0]!, lat: 200 }] };
      await expect(store().saveAnalysis(id!, broken)).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
      await expect(store().saveAnalysis(id!, { ...bad, focus: [...bad.focus!, bad.focus![0]!] })).rejects.toMatchObject({ code: 'E_STORE_INPUT', message: expect.stringContaining('twice') });
      expect(await store().getAnalysis(id!)).toBeNull();
    });

    it('filter articles by focus country in lists, exports and search, and refuse a malformed one', async () => {
      const ids = await archive();
      expect((await store().listArticles({ country: 'syr' })).articles.map((a) => a.id)).toEqual([ids[1], ids[0]]);
      expect((await store().listArticles({ country: 'FRA', site: 'other.example' })).articles.map((a) => a.id)).toEqual([ids[2]]);
      const exported: number[] = [];
      for await (const article of store().exportArticles({ country: 'SYR' })) exported.push(article.id);
      expect(exported).toEqual([ids[0], ids[1]]);
      expect((await store().search({ text: 'clashes', country: 'SYR' })).hits.map((h) => h.id)).toEqual([ids[0]]);
      expect((await store().search({ text: 'clashes' })).hits.map((h) => h.id).sort()).toEqual([ids[0], ids[2]].sort());
      await expect(store().listArticles({ country: 'Syria' })).rejects.toMatchObject({ code: 'E_FILTER' });
      await expect(store().search({ text: 'clashes', country: 'SY' })).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('count articles by focus and events by location, per country and city, under the filters', async () => {
      await archive();
      const all = await store().placeCounts();
      expect(all.countries).toEqual([
        { country: 'SYR', articles: 2, events: 3 },
        { country: 'FRA', articles: 1, events: 1 },
      ]);
      expect(all.cities.map((c) => [c.name, c.articles, c.events])).toEqual([
        ['Aleppo', 1, 2],
        ['Paris', 1, 1],
      ]);
      expect(all.cities[0]).toMatchObject({ country: 'SYR', admin1: 'Aleppo Province', geonameId: 1001 });
      expect((await store().placeCounts({ since: '2024-06' })).countries).toEqual([{ country: 'FRA', articles: 1, events: 1 }]);
      expect((await store().placeCounts({ source: 'SYRMIL' })).countries).toEqual([{ country: 'SYR', articles: 1, events: 1 }]);
      expect((await store().placeCounts({ theme: 'conflict' })).countries).toEqual([{ country: 'SYR', articles: 1, events: 1 }]);
      expect((await store().placeCounts({ site: 'other.example' })).cities.map((c) => c.name)).toEqual(['Paris']);
      // Filters together: a period and a theme, a source and a target (articles with both), a period and a site.
      expect((await store().placeCounts({ until: '2024-05-31' })).countries).toEqual([{ country: 'SYR', articles: 2, events: 3 }]);
      expect((await store().placeCounts({ theme: 'conflict', since: '2024-05-02' })).countries).toEqual([{ country: 'SYR', articles: 1, events: 1 }]);
      expect((await store().placeCounts({ theme: 'conflict', since: '2024-05-03' })).countries).toEqual([]);
      expect((await store().placeCounts({ source: 'SYRMIL', target: 'SYRREB' })).countries).toEqual([{ country: 'SYR', articles: 1, events: 1 }]);
      expect((await store().placeCounts({ source: 'SYRMIL', target: 'FRA' })).countries).toEqual([]);
      expect((await store().placeCounts({ since: '2024-05-02', site: 'news.example' })).cities).toEqual([]);
      expect((await store().placeCounts({ since: '2024-05-02', site: 'news.example' })).countries).toEqual([{ country: 'SYR', articles: 1, events: 1 }]);
      expect((await store().placeCounts({ limit: 1 })).cities).toHaveLength(1);
      await expect(store().placeCounts({ limit: 0 })).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('keep the whole-archive counts in step when an analysis is replaced or cleared', async () => {
      const ids = await archive();
      const before = await store().placeCounts();
      const saved = await store().getAnalysis(ids[0]!);
      await store().saveAnalysis(ids[0]!, { ...saved!, focus: [], events: saved!.events.map((e) => ({ ...e, location: null })) });
      const cleared = await store().placeCounts();
      // The first article's Syrian focus and its two events in Aleppo leave the counts; no city is left at zero.
      expect(cleared.countries).toEqual([
        { country: 'FRA', articles: 1, events: 1 },
        { country: 'SYR', articles: 1, events: 1 },
      ]);
      expect(cleared.cities.map((c) => [c.name, c.articles, c.events])).toEqual([['Paris', 1, 1]]);
      await store().saveAnalysis(ids[0]!, saved!);
      expect(await store().placeCounts()).toEqual(before);
    });
  });
}
