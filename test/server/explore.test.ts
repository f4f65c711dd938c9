import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { analysis, event, quote, theme } from '../../src/store/contract/analysis-fixtures.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { archiveSpecs, body, expectDocumented, expectError, fillStore } from './helpers.js';

/**
 * The routes the workbench reads: a search box's filters written into q, attention over time, facets,
 * networks, actor profiles, theme trends, failures and duplicate groups. (Every route's documented
 * example is also walked by openapi.test.ts.)
 */

let app: ReturnType<typeof createApp>;
let ids: number[];

beforeAll(async () => {
  const store = new MemoryStore();
  ids = await fillStore(store, archiveSpecs(12));
  for (const [i, id] of ids.entries()) {
    const cyber = i % 2 === 0;
    await store.saveAnalysis(
      id,
      analysis({
        themes: cyber ? [theme('CYBER_SECURITY', 2)] : [theme('TRADE', 1)],
        quotes: [quote({ name: 'Wang Yang', code: 'CHNGOV' }, 0)],
        events: [event({ source: i % 3 === 0 ? 'CHN' : 'USAGOV', target: i % 3 === 0 ? 'USA' : 'CHN', code: '112', quadClass: 3, goldstein: -2, date: '2024-05-02' })],
      }),
    );
  }
  app = createApp({ store });
});

const get = (path: string): Promise<Response> => Promise.resolve(app.request(path));

describe('filters written into q', () => {
  it('apply like the parameters, and a query of filters only lists the newest articles', async () => {
    const byParameter = await body<{ articles: { id: number }[] }>(await get('/api/articles?q=harbour&theme=CYBER_SECURITY&limit=100'));
    const byQuery = await body<{ articles: { id: number }[]; order: string }>(await get(`/api/articles?q=${encodeURIComponent('harbour theme:cyber_security')}&limit=100`));
    expect(byQuery.articles.map((a) => a.id).sort()).toEqual(byParameter.articles.map((a) => a.id).sort());
    expect(byQuery.articles).toHaveLength(6);
    const only = await body<{ order: string; articles: unknown[] }>(await get(`/api/articles?q=${encodeURIComponent('site:coast.example lang:en')}&limit=100`));
    expect(only.order).toBe('newest');
    expect(only.articles.length).toBeGreaterThan(0);
  });

  it('refuse a filter given twice with different values, and a misplaced one, naming it', async () => {
    await expectError(await get(`/api/articles?q=${encodeURIComponent('harbour site:a.example')}&site=b.example`), 400, 'invalid_parameter', 'site');
    const error = await expectError(await get(`/api/articles/timeline?q=${encodeURIComponent('harbour OR site:a.example')}`), 400, 'invalid_query', 'q');
    expect(error.position).toBe(11);
    await expectError(await get(`/api/articles/facets?q=${encodeURIComponent('harbour actor:U-S')}`), 400, 'invalid_parameter', 'actor');
  });
});

describe('aggregate routes', () => {
  it('count attention over time with tone, and compare queries', async () => {
    const all = await body<{ total: number; undated: number; timeline: { start: string; articles: number; tone: number | null }[] }>(await get('/api/articles/timeline?q=harbour&by=month'));
    expect(all.total).toBe(12);
    expect(all.timeline.reduce((n, b) => n + b.articles, 0)).toBe(12 - all.undated);
    expect(all.timeline[0]!.tone).toBe(2);
    const bridge = await body<{ total: number }>(await get('/api/articles/timeline?q=bridge'));
    expect(bridge.total).toBe(4);
    expectDocumented('/api/articles/timeline', 200, await body(await get('/api/articles/timeline?q=bridge')));
  });

  it('give the facets that filter on click', async () => {
    const facets = await body<{ total: number; themes: { value: string; articles: number }[]; actors: { value: string; label: string }[] }>(await get('/api/articles/facets?q=harbour'));
    expect(facets.total).toBe(12);
    expect(facets.themes).toEqual([
      { value: 'CYBER_SECURITY', label: 'cyber security', articles: 6 },
      { value: 'TRADE', label: 'trade', articles: 6 },
    ]);
    expect(facets.actors.map((a) => a.value)).toEqual(['CHN', 'USAGOV']);
  });

  it('profile an actor, list its network, and chart themes', async () => {
    const profile = await body<{ code: string; articles: number; names: { name: string }[] }>(await get('/api/actors/usagov?name=John%20Kerry'));
    expect(profile).toMatchObject({ code: 'USAGOV', articles: 12, names: [{ name: 'John Kerry' }] });
    await expectError(await get('/api/actors/U-S'), 400, 'invalid_parameter', 'code');
    const network = await body<{ nodes: unknown[]; edges: { articles: number }[] }>(await get('/api/actors/network?q=harbour&nodes=2'));
    expect(network.nodes).toHaveLength(2);
    expect(network.edges).toEqual([{ source: 'CHN', target: 'USAGOV', articles: 12 }]);
    const themes = await body<{ series: { theme: string }[] }>(await get('/api/themes/timeline?themes=TRADE,cyber_security&by=week'));
    expect(themes.series.map((s) => s.theme)).toEqual(['TRADE', 'CYBER_SECURITY']);
    const grid = await body<{ themes: unknown[]; countries: { value: string; label: string }[] }>(await get('/api/themes/grid?q=harbour'));
    expect(grid.countries.map((c) => c.value)).toEqual(['CHN', 'USA']);
    expect(grid.countries[0]!.label).toBe('China');
  });

  it('find events of a pair in both directions, each with its evidence sentence', async () => {
    const oneWay = await body<{ events: unknown[] }>(await get('/api/events?source=USA&target=CHN&limit=100'));
    const both = await body<{ events: { evidence: { text: string; marks: { role: string }[] } }[] }>(await get('/api/events?source=USA&target=CHN&both=true&limit=100'));
    expect(oneWay.events).toHaveLength(8);
    expect(both.events).toHaveLength(12);
    expect(both.events[0]!.evidence.marks.map((m) => m.role)).toContain('verb');
  });

  it('find quotes by their words', async () => {
    const found = await body<{ quotes: { text: string }[] }>(await get(`/api/quotes?q=${encodeURIComponent('"quoted words"')}&limit=100`));
    expect(found.quotes).toHaveLength(12);
    expect((await body<{ quotes: unknown[] }>(await get('/api/quotes?q=nothinglikethis'))).quotes).toEqual([]);
  });

  it('answer the codebook, and a missing article group with 404', async () => {
    const codebook = await body<{ cameo: Record<string, { name: string }>; countries: Record<string, string> }>(await get('/api/codebook'));
    expect(codebook.cameo['040']!.name).toMatch(/consult/i);
    expect(codebook.countries.CHN).toBe('China');
    expect((await body<{ group: null }>(await get(`/api/articles/${ids[0]}/group`))).group).toBeNull();
    await expectError(await get('/api/articles/99999/group'), 404, 'not_found');
  });
});
