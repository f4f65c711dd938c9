import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { analysis, event, placed } from '../../src/store/contract/analysis-fixtures.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { body, expectError, fillStore } from './helpers.js';

let app: ReturnType<typeof createApp>;
let ids: number[];

beforeAll(async () => {
  const store = new MemoryStore();
  ids = await fillStore(store, [
    { key: 'a', site: 'news.example', title: 'Clashes in Aleppo', published: '2024-05-01', language: 'en', paragraphs: ['Clashes in Aleppo, Syria.'] },
    { key: 'b', site: 'news.example', title: 'Talks in Paris', published: '2024-05-02', language: 'en', paragraphs: ['Talks in Paris, France, on the clashes.'] },
  ]);
  await store.saveAnalysis(ids[0]!, placed(analysis({ events: [event({ date: '2024-05-01', source: 'SYRMIL', target: 'SYRREB', code: '190', quadClass: 4 })] }), { name: 'Syria', code: 'SYR' }, 'Aleppo'));
  await store.saveAnalysis(ids[1]!, placed(analysis({ events: [event({ date: '2024-05-02', source: 'FRA', target: 'SYR' })] }), { name: 'France', code: 'FRA' }, 'Paris'));
  app = createApp({ store }); // the real gazetteer names the countries
});

describe('GET /api/places', () => {
  it('counts articles and events per country, with the gazetteer\'s name, ISO numeric code and point, and the leading cities', async () => {
    const places = await body<{ countries: Record<string, unknown>[]; cities: Record<string, unknown>[] }>(await app.request('/api/places'));
    expect(places.countries).toEqual([
      { country: 'FRA', numeric: '250', name: 'France', lat: 46, lon: 2, articles: 1, events: 1 },
      { country: 'SYR', numeric: '760', name: 'Syria', lat: 35, lon: 38, articles: 1, events: 1 },
    ]);
    expect(places.cities.map((c) => [c.name, c.country, c.articles, c.events])).toEqual([
      ['Aleppo', 'SYR', 1, 1],
      ['Paris', 'FRA', 1, 1],
    ]);
  });

  it('applies the event filters and refuses bad ones', async () => {
    const places = await body<{ countries: { country: string }[] }>(await app.request('/api/places?source=syr&since=2024-05-01&until=2024-05-01'));
    expect(places.countries.map((c) => c.country)).toEqual(['SYR']);
    await expectError(await app.request('/api/places?limit=0'), 400, 'invalid_parameter', 'limit');
    await expectError(await app.request('/api/places?country=SYR'), 400, 'unknown_parameter', 'country');
  });
});

describe('GET /api/articles by focus country', () => {
  it('lists the articles about a country (?country= or q=country:), and searches within them', async () => {
    const listed = await body<{ order: string; articles: { id: number }[] }>(await app.request('/api/articles?country=syr'));
    expect(listed).toMatchObject({ order: 'newest', articles: [{ id: ids[0] }] });
    const alone = await body<{ articles: { id: number }[] }>(await app.request(`/api/articles?q=${encodeURIComponent('country:FRA')}`));
    expect(alone.articles.map((a) => a.id)).toEqual([ids[1]]);
    const searched = await body<{ order: string; articles: { id: number }[] }>(await app.request(`/api/articles?q=${encodeURIComponent('clashes country:FRA')}`));
    expect(searched).toMatchObject({ order: 'relevance', articles: [{ id: ids[1] }] });
    await expectError(await app.request(`/api/articles?q=${encodeURIComponent('country:FRA')}&country=SYR`), 400, 'invalid_parameter', 'country');
    await expectError(await app.request(`/api/articles?q=${encodeURIComponent('(clashes OR country:FRA)')}`), 400, 'invalid_query', 'q');
  });
});
