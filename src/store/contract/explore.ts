import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import type { ArticleAnalysis, EntityRecord } from '../analysis.js';
import { analysis, event, quote, theme } from './analysis-fixtures.js';
import { articleOutcome, makeArticle, pageRecord, RUN, storeArticles } from './fixtures.js';

/** The explore questions (explore.ts), the article filters by actor and theme, and the evidence of facts. */
export function registerExploreContract({ store }: ContractContext): void {
  const entity = (entity: number, name: string, code: string | null, type = 'person', role: string | null = null): EntityRecord => ({ entity, name, type, role, code, confidence: 0.9 });
  const tone = (value: number): ArticleAnalysis['tone'] => [{ scope: 'document', start: 0, end: 10, positive: 1, negative: 1, tone: value, polarity: 2, activity: 1, selfReference: 0, wordCount: 10 }];

  /**
   * Four articles: two in May 2024 (one.example, en), one in June (two.example, de), one undated.
   * USA and CHN are mentioned together twice; Wang Yang (CHNGOV) speaks twice; themes differ.
   */
  async function archive(): Promise<number[]> {
    const ids = await storeArticles(store(), [
      { key: 'a1', title: 'Cyber talks', paragraphs: ['Kerry met Wang in Beijing to discuss cyber security.'], published: '2024-05-02', site: 'one.example', language: 'en' },
      { key: 'a2', title: 'Climate pledge', paragraphs: ['China and the United States agreed on climate change and cyber rules.'], published: '2024-05-20', site: 'one.example', language: 'en' },
      { key: 'a3', title: 'Solarpark', paragraphs: ['Die Stadtwerke bauen einen Solarpark in Berlin.'], published: '2024-06-03', site: 'two.example', language: 'de' },
      { key: 'a4', title: 'Undated cyber note', paragraphs: ['A note on cyber attacks without a date.'], published: null, site: 'two.example', language: 'en' },
    ]);
    const usa = entity(0, 'John Kerry', 'USAGOV', 'person', 'Secretary of State');
    const chn = entity(1, 'Wang Yang', 'CHNGOV', 'person', 'Vice Premier');
    const mentions = (n: number): ArticleAnalysis['mentions'] => Array.from({ length: n }, (_, i) => ({ start: i, end: i + 1, kind: 'name', entity: i }));
    await store().saveAnalysis(ids[0]!, analysis({ entities: [usa, chn], mentions: mentions(2), themes: [theme('CYBER_SECURITY', 2)], tone: tone(2), quotes: [quote({ name: 'Wang Yang', code: 'CHNGOV' })], events: [event({ source: 'USAGOV', target: 'CHNGOV', code: '040', date: '2024-05-02' })] }));
    await store().saveAnalysis(ids[1]!, analysis({ entities: [entity(0, 'China', 'CHN', 'country'), entity(1, 'United States', 'USA', 'country'), { ...chn, entity: 2 }], mentions: mentions(3), themes: [theme('CLIMATE_CHANGE', 3), theme('CYBER_SECURITY', 1)], tone: tone(-4), quotes: [{ ...quote({ name: 'Wang Yang', code: 'CHNGOV' }), text: 'climate rules bind us all' }], events: [event({ source: 'CHN', target: 'USA', code: '057', quadClass: 2, goldstein: 8, date: '2024-05-20' })] }));
    await store().saveAnalysis(ids[2]!, analysis({ entities: [entity(0, 'Stadtwerke', 'DEUBUS', 'organization')], mentions: mentions(1), themes: [theme('ENERGY', 1)], tone: [], quotes: [], events: [] }));
    await store().saveAnalysis(ids[3]!, analysis({ entities: [{ ...usa }], mentions: mentions(1), themes: [theme('CYBER_SECURITY', 1)], tone: tone(0), quotes: [], events: [] }));
    return ids;
  }

  describe('article filters by actor and theme', () => {
    it('search, listArticles and exportArticles keep only articles with the actor (code prefix) or theme', async () => {
      const ids = await archive();
      const searched = await store().search({ text: 'cyber', actor: 'usa' });
      expect(searched.hits.map((h) => h.id).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
      expect((await store().search({ text: 'cyber', theme: 'climate_change' })).hits.map((h) => h.id)).toEqual([ids[1]]);
      expect((await store().listArticles({ actor: 'CHNGOV' })).articles.map((a) => a.id)).toEqual([ids[1], ids[0]]);
      const exported: number[] = [];
      for await (const a of store().exportArticles({ theme: 'ENERGY' })) exported.push(a.id);
      expect(exported).toEqual([ids[2]]);
      await expect(store().search({ text: 'cyber', actor: 'U S' })).rejects.toMatchObject({ code: 'E_FILTER' });
    });
  });

  describe('articleTimeline', () => {
    it('counts the selected articles per period with their mean tone, and the undated apart', async () => {
      await archive();
      const all = await store().articleTimeline({}, 'month');
      expect(all).toEqual({
        by: 'month',
        total: 4,
        undated: 1,
        buckets: [
          { start: '2024-05-01', articles: 2, tone: -1, toned: 2 },
          { start: '2024-06-01', articles: 1, tone: null, toned: 0 },
        ],
      });
      const cyber = await store().articleTimeline({ text: 'cyber', language: 'en' }, 'day');
      expect(cyber.total).toBe(3);
      expect(cyber.undated).toBe(1);
      expect(cyber.buckets.map((b) => [b.start, b.articles])).toEqual([
        ['2024-05-02', 1],
        ['2024-05-20', 1],
      ]);
      expect((await store().articleTimeline({ text: 'nothingmatches' }, 'week')).buckets).toEqual([]);
      await expect(store().articleTimeline({}, 'year' as 'month')).rejects.toMatchObject({ code: 'E_FILTER' });
    });
  });

  describe('totals and daily counts follow every write', () => {
    it('answer the unfiltered charts as the exact queries do, after an analysis is replaced', async () => {
      const ids = await archive();
      // Replace the first article's layers: its old actors, theme, tone and event leave every count.
      await store().saveAnalysis(ids[0]!, analysis({ entities: [entity(0, 'Ann Lee', 'GBRGOV', 'person', 'Minister')], mentions: [{ start: 0, end: 3, kind: 'name', entity: 0 }], themes: [theme('ENERGY', 1)], tone: tone(6), quotes: [], events: [event({ source: 'GBRGOV', target: 'DEU', code: '190', quadClass: 4, goldstein: -10, date: '2024-05-02' })] }));
      const actors = await store().listActors();
      expect(actors.find((a) => a.code === 'USAGOV')).toMatchObject({ articles: 1 });
      expect(actors.find((a) => a.code === 'GBRGOV')).toMatchObject({ name: 'Ann Lee', articles: 1, mentions: 1 });
      expect((await store().listActors({ since: '2000' })).map((a) => [a.code, a.articles])).toEqual(
        (await store().listActors()).filter((a) => a.code !== 'USAGOV').map((a) => [a.code, a.articles]),
      );
      const themes = await store().listThemes();
      expect(themes.map((t) => [t.theme, t.articles])).toEqual([['CYBER_SECURITY', 2], ['ENERGY', 2], ['CLIMATE_CHANGE', 1]]);
      expect(themes.find((t) => t.theme === 'ENERGY')!.meanScore).toBe(1);
      // A period of whole days (the daily counts) and one of instants (the theme rows) agree.
      const may = await store().listThemes({ since: '2024-05', until: '2024-05' });
      expect(may.map((t) => [t.theme, t.articles, t.meanScore, t.evidence])).toEqual([['CLIMATE_CHANGE', 1, 3, 2], ['CYBER_SECURITY', 1, 1, 2], ['ENERGY', 1, 1, 2]]);
      expect(await store().listThemes({ since: '2024-05-01T00:00:00Z', until: '2024-05-31T23:59:59.999Z' })).toEqual(may);
      expect(await store().listThemes({ since: '2024-05-01T00:00:01Z', until: '2024-05-31' })).toEqual(may);
      const timeline = await store().articleTimeline({}, 'month');
      expect(timeline.buckets[0]).toEqual({ start: '2024-05-01', articles: 2, tone: 1, toned: 2 });
      expect(await store().articleTimeline({ since: '2024-05-01', until: '2024-05-31' }, 'month')).toEqual({ ...timeline, total: 2, undated: 0, buckets: [timeline.buckets[0]] });
      expect(await store().articleTimeline({ since: '2024-05-02T00:00:00Z', until: '2024-05-31T12:00:00Z' }, 'day')).toMatchObject({ total: 2, buckets: [{ start: '2024-05-02' }, { start: '2024-05-20' }] });
      const events = await store().eventTimeline({}, 'month');
      expect(events).toEqual(await store().eventTimeline({ code: '' }, 'month'));
      expect(events).toEqual([{ start: '2024-05-01', events: 2, goldstein: -1, quadClasses: [0, 1, 0, 1] }]);
      expect(await store().eventTimeline({ since: '2024-05-03' }, 'day')).toEqual([{ start: '2024-05-20', events: 1, goldstein: 8, quadClasses: [0, 1, 0, 0] }]);
    });

    it('count articles before 1970 on their own day', async () => {
      await storeArticles(store(), [{ key: 'old', paragraphs: ['Moon landing.'], published: '1969-07-20T20:17:00Z' }]);
      expect((await store().articleTimeline({}, 'day')).buckets).toEqual([{ start: '1969-07-20', articles: 1, tone: null, toned: 0 }]);
      expect((await store().articleTimeline({ until: '1969-07-20' }, 'day')).total).toBe(1);
    });
  });

  describe('articleFacets', () => {
    it('counts sites and languages exactly, themes and actors on the sample, and filters combine', async () => {
      await archive();
      const facets = await store().articleFacets({ text: 'cyber' });
      expect(facets.total).toBe(3);
      expect(facets.sites).toEqual([
        { value: 'one.example', label: 'one.example', articles: 2 },
        { value: 'two.example', label: 'two.example', articles: 1 },
      ]);
      expect(facets.languages).toEqual([{ value: 'en', label: 'en', articles: 3 }]);
      expect(facets.themes[0]).toEqual({ value: 'CYBER_SECURITY', label: 'cyber security', articles: 3 });
      expect(facets.actors.find((a) => a.value === 'CHNGOV')).toEqual({ value: 'CHNGOV', label: 'Wang Yang', articles: 2 });
      expect(facets.sample).toBeNull();
      const narrowed = await store().articleFacets({ site: 'two.example' }, { limit: 1 });
      expect(narrowed.total).toBe(2);
      expect(narrowed.languages).toHaveLength(1);
      await expect(store().articleFacets({}, { limit: 0 })).rejects.toMatchObject({ code: 'E_FILTER' });
    });
  });

  describe('coMentions and actorProfile', () => {
    it('builds the co-mention network of the selection', async () => {
      await archive();
      const network = await store().coMentions({}, { nodes: 3 });
      expect(network.nodes.map((n) => [n.code, n.articles])).toEqual([
        ['CHNGOV', 2],
        ['USAGOV', 2],
        ['CHN', 1],
      ]);
      expect(network.edges).toContainEqual({ source: 'CHNGOV', target: 'USAGOV', articles: 1 });
      expect(network.edges).toContainEqual({ source: 'CHNGOV', target: 'CHN', articles: 1 });
      expect(network.sample).toEqual({ articles: 4, of: 4 });
    });

    it('profiles an actor by code prefix: names and roles, mentions over time, related actors; a name narrows it', async () => {
      await archive();
      const usa = await store().actorProfile({ code: 'usa', by: 'month' });
      expect(usa.code).toBe('USA');
      expect(usa.articles).toBe(3);
      expect(usa.names.map((n) => [n.code, n.name, n.articles])).toEqual([
        ['USAGOV', 'John Kerry', 2],
        ['USA', 'United States', 1],
      ]);
      expect(usa.names[0]!.role).toBe('Secretary of State');
      expect(usa.timeline).toEqual([{ start: '2024-05-01', articles: 2 }]);
      expect(usa.related.map((r) => r.code)).toEqual(['CHNGOV', 'CHN']);
      const wang = await store().actorProfile({ code: 'CHNGOV', name: 'wang yang' });
      expect(wang.articles).toBe(2);
      expect(wang.mentions).toBe(2);
      expect(wang.name).toBe('wang yang');
      expect((await store().actorProfile({ code: 'CHNGOV', name: 'Li Keqiang' })).articles).toBe(0);
      await expect(store().actorProfile({ code: '' })).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('gives one row per name, with the role it is given most often', async () => {
      const roles = ['Senator', 'Secretary of State', null, 'Secretary of State'];
      const ids = await storeArticles(store(), roles.map((_, i) => ({ key: `r${i}`, paragraphs: [`Kerry spoke, part ${i}.`], published: `2024-05-0${i + 1}` })));
      for (const [i, role] of roles.entries()) await store().saveAnalysis(ids[i]!, analysis({ entities: [entity(0, 'John Kerry', 'USAGOV', 'person', role)], mentions: [{ start: 0, end: 5, kind: 'name', entity: 0 }] }));
      for (const profile of [await store().actorProfile({ code: 'USAGOV' }), await store().actorProfile({ code: 'USAGOV', since: '2024-05' })]) {
        expect(profile.names).toEqual([{ code: 'USAGOV', name: 'John Kerry', type: 'person', role: 'Secretary of State', articles: 4 }]);
      }
    });
  });

  describe('themeTimeline and themeGrid', () => {
    it('charts the given or the top themes per period', async () => {
      await archive();
      const given = await store().themeTimeline({ themes: ['cyber_security', 'ENERGY'], by: 'month' });
      expect(given).toEqual([
        { theme: 'CYBER_SECURITY', label: 'cyber security', buckets: [{ start: '2024-05-01', articles: 2 }] },
        { theme: 'ENERGY', label: 'energy', buckets: [{ start: '2024-06-01', articles: 1 }] },
      ]);
      const top = await store().themeTimeline({ top: 1 });
      expect(top.map((s) => s.theme)).toEqual(['CYBER_SECURITY']);
      await expect(store().themeTimeline({ themes: Array.from({ length: 20 }, (_, i) => `T${i}`) })).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('crosses themes with the countries of the actors mentioned', async () => {
      await archive();
      const grid = await store().themeGrid({});
      const row = grid.themes.findIndex((t) => t.value === 'CYBER_SECURITY');
      const usa = grid.countries.findIndex((c) => c.value === 'USA');
      const deu = grid.countries.findIndex((c) => c.value === 'DEU');
      expect(grid.countries[usa]!.label).toBe('United States');
      expect(grid.cells[row]![usa]).toBe(3);
      expect(grid.cells[row]![deu]).toBe(0);
      expect(grid.cells[grid.themes.findIndex((t) => t.value === 'ENERGY')]![deu]).toBe(1);
    });
  });

  describe('events and quotes: evidence, both directions, words', () => {
    it('gives every event its sentence with the verb and actors marked', async () => {
      const ids = await archive();
      const [first] = (await store().queryEvents({ articleId: ids[0]! })).events;
      const text = 'Kerry met Wang in Beijing to discuss cyber security.';
      expect(first!.evidence.start).toBe(0);
      expect(first!.evidence.text).toBe(text.slice(0, 40));
      expect(first!.evidence.marks.map((m) => [m.role, first!.evidence.text.slice(m.start, m.end)])).toEqual([
        ['source', text.slice(0, 3)],
        ['verb', text.slice(5, 10)],
        ['target', text.slice(20, 23)],
      ]);
    });

    it('finds a pair of actors in both directions, or an actor on either side', async () => {
      await archive();
      const oneWay = await store().queryEvents({ source: 'USA', target: 'CHN' });
      expect(oneWay.events.map((e) => e.code)).toEqual(['040']);
      const both = await store().queryEvents({ source: 'USA', target: 'CHN', bothDirections: true });
      expect(both.events.map((e) => e.code)).toEqual(['040', '057']);
      const either = await store().queryEvents({ target: 'USA', bothDirections: true });
      expect(either.events.map((e) => e.code)).toEqual(['040', '057']);
      expect((await store().queryEvents({ sourceName: 'actor chn' })).events.map((e) => e.code)).toEqual(['057']);
      expect((await store().queryEvents({ source: 'CHN', targetName: 'Actor USA' })).events.map((e) => e.code)).toEqual(['057']);
      expect((await store().queryEvents({ sourceName: 'Actor' })).events).toEqual([]);
    });

    it('finds quotes by their words and marks the quote, its cue and speaker', async () => {
      await archive();
      const found = await store().queryQuotes({ text: '"climate rules"' });
      expect(found.quotes.map((q) => q.text)).toEqual(['climate rules bind us all']);
      expect((await store().queryQuotes({ text: 'climate NOT bind' })).quotes).toEqual([]);
      expect((await store().queryQuotes({ speakerCode: 'chn' })).quotes).toHaveLength(2);
      expect((await store().queryQuotes({ speakerCode: 'CHNGOV', speaker: 'wang' })).quotes).toHaveLength(2);
      expect((await store().queryQuotes({ speakerCode: 'USA' })).quotes).toEqual([]);
      const [q] = (await store().queryQuotes({ speaker: 'wang', limit: 1 })).quotes;
      expect(q!.evidence.marks.map((m) => m.role)).toEqual(['quote', 'cue', 'speaker']);
      await expect(store().queryQuotes({ text: '"open' })).rejects.toMatchObject({ code: 'E_QUERY' });
    });
  });

  describe('listFailures and getDuplicateGroup', () => {
    it('lists failures newest first with their reasons, filtered and a page at a time', async () => {
      const runId = await store().startRun(RUN);
      for (const [key, kind, code] of [
        ['f1', 'failed', 'TIMEOUT'],
        ['f2', 'rejected', 'NO_CONTENT'],
        ['f3', 'failed', 'TIMEOUT'],
      ] as const) {
        await store().commitPage(pageRecord(runId, key, { kind, stage: 'fetch', code, message: `${code} on ${key}` }));
      }
      const all = await store().listFailures({});
      expect(all.failures.map((f) => [f.url, f.kind, f.code])).toEqual([
        ['https://news.example/f3', 'failed', 'TIMEOUT'],
        ['https://news.example/f2', 'rejected', 'NO_CONTENT'],
        ['https://news.example/f1', 'failed', 'TIMEOUT'],
      ]);
      expect(all.failures[0]).toMatchObject({ runId, source: 'pages/f3.html', stage: 'fetch', message: 'TIMEOUT on f3' });
      const first = await store().listFailures({ code: 'timeout', limit: 1 });
      expect(first.failures.map((f) => f.url)).toEqual(['https://news.example/f3']);
      const second = await store().listFailures({ code: 'timeout', limit: 1, cursor: first.nextCursor });
      expect(second.failures.map((f) => f.url)).toEqual(['https://news.example/f1']);
      expect(second.nextCursor).toBeNull();
      expect((await store().listFailures({ kind: 'rejected' })).failures).toHaveLength(1);
      await expect(store().listFailures({ code: 'TIMEOUT', cursor: first.nextCursor })).resolves.toBeDefined();
      await expect(store().listFailures({ kind: 'rejected', cursor: first.nextCursor })).rejects.toMatchObject({ code: 'E_CURSOR' });
    });

    it('reads a duplicate group, its original first', async () => {
      const runId = await store().startRun(RUN);
      const original = await store().commitPage(pageRecord(runId, 'o', articleOutcome(makeArticle({ paragraphs: ['Story.'], published: '2024-05-01', title: 'First' }))));
      const copy = await store().commitPage(
        pageRecord(runId, 'c', articleOutcome(makeArticle({ paragraphs: ['Story, copied.'], published: '2024-05-02', title: 'Copy' }), { copyOf: { articleId: original.page.articleId!, similarity: 0.9 } }), { url: 'https://other.example/c' }),
      );
      const group = await store().getDuplicateGroup(copy.page.groupId!);
      expect(group!.originalId).toBe(original.page.articleId);
      expect(group!.members.map((m) => [m.articleId, m.site, m.original, m.similarity])).toEqual([
        [original.page.articleId, 'news.example', true, 1],
        [copy.page.articleId, 'other.example', false, 0.9],
      ]);
      expect(await store().getDuplicateGroup(999)).toBeNull();
      await expect(store().getDuplicateGroup(0)).rejects.toMatchObject({ code: 'E_FILTER' });
    });
  });
}
