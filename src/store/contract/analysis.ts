import { describe, expect, it } from 'vitest';
import { STREAM_BATCH_SIZE, type StoredEvent } from '../analysis.js';
import type { ContractContext } from '../contract.js';
import type { Store } from '../store.js';
import { analysis, event, quote, theme } from './analysis-fixtures.js';
import { articleOutcome, makeArticle, pageRecord, RUN, storeArticles } from './fixtures.js';

/** saveAnalysis / getAnalysis, the event and quote queries, the aggregates, staleArticles and listArticles. */
export function registerAnalysisContract({ store }: ContractContext): void {
  async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
    const all: T[] = [];
    for await (const item of items) all.push(item);
    return all;
  }

  async function pages(s: Store, query: Parameters<Store['queryEvents']>[0]): Promise<StoredEvent[][]> {
    const out: StoredEvent[][] = [];
    let cursor: string | null = null;
    do {
      const page = await s.queryEvents({ ...query, cursor });
      out.push([...page.events]);
      cursor = page.nextCursor;
    } while (cursor !== null && out.length < 100);
    return out;
  }

  describe('saveAnalysis and getAnalysis', () => {
    it('stores every layer and reads it back unchanged; a save replaces the whole analysis', async () => {
      const [id] = await storeArticles(store(), [{ key: 'a', paragraphs: ['Kerry met Wang in Beijing.'], published: '2024-05-01' }]);
      expect(await store().getAnalysis(id!)).toBeNull();
      const first = analysis();
      await store().saveAnalysis(id!, first);
      expect(await store().getAnalysis(id!)).toEqual(first);
      const second = analysis({ quotes: [], events: [event({ code: '112', quadClass: 3, goldstein: -2 })], failures: [{ stage: 'tone', code: 'STAGE_FAILED', message: 'boom' }], tone: [] });
      await store().saveAnalysis(id!, second);
      await store().saveAnalysis(id!, second);
      expect(await store().getAnalysis(id!)).toEqual(second);
      expect((await collect(store().streamEvents())).map((e) => e.code)).toEqual(['112']);
      expect(await collect(store().streamQuotes())).toEqual([]);
    });

    it('keeps the stages that abstained on an article\'s language apart from its failures, and counts them in stats', async () => {
      const [de, zh, en] = await storeArticles(store(), ['de', 'zh', 'en'].map((key) => ({ key, paragraphs: [`Text ${key}.`] })));
      const abstained = (stage: string): { stage: string; code: string; message: string } => ({ stage, code: 'STAGE_ABSTAINED', message: `Abstained: the article is in "de", and the ${stage} stage was built for en only.` });
      const german = analysis({ events: [], abstentions: [abstained('entities'), abstained('events')], failures: [{ stage: 'tone', code: 'STAGE_FAILED', message: 'boom' }] });
      await store().saveAnalysis(de!, german);
      await store().saveAnalysis(zh!, analysis({ events: [], abstentions: [abstained('events')] }));
      await store().saveAnalysis(en!, analysis());
      expect(await store().getAnalysis(de!)).toEqual(german);
      expect(await store().getAnalysis(en!)).toEqual(analysis());
      expect((await store().stats()).abstentions).toEqual([{ stage: 'events', articles: 2 }, { stage: 'entities', articles: 1 }]);
      await store().saveAnalysis(zh!, analysis());
      expect((await store().stats()).abstentions).toEqual([{ stage: 'entities', articles: 1 }, { stage: 'events', articles: 1 }]);
    });

    it('refuses an unknown article and a malformed analysis, storing nothing', async () => {
      const [id] = await storeArticles(store(), [{ key: 'a', paragraphs: ['Text.'] }]);
      await expect(store().saveAnalysis(id! + 10, analysis())).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
      const bad = analysis({ events: [{ ...event(), quadClass: 7 as 1 }] });
      await expect(store().saveAnalysis(id!, bad)).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
      expect(await store().getAnalysis(id!)).toBeNull();
    });

    it('stores the analysis handed with a page in the page\'s own commit', async () => {
      const runId = await store().startRun(RUN);
      const article = makeArticle({ paragraphs: ['Kerry met Wang.'], published: '2024-05-03' });
      const result = await store().commitPage(pageRecord(runId, 'p1', { ...articleOutcome(article), analysis: analysis() } as never));
      expect(await store().getAnalysis(result.page.articleId!)).toEqual(analysis());
      const bad = { ...articleOutcome(makeArticle({ paragraphs: ['Other.'] })), analysis: analysis({ tone: [{ ...analysis().tone[0]!, scope: 'page' as 'document' }] }) };
      await expect(store().commitPage(pageRecord(runId, 'p2', bad as never))).rejects.toMatchObject({ code: 'E_STORE_INPUT' });
      expect(await store().findCommittedPage('p2')).toBeNull();
    });
  });

  /** Three articles on two sites with events in May 2024 and one undated. */
  async function eventArchive(): Promise<number[]> {
    const ids = await storeArticles(store(), [
      { key: 'e1', paragraphs: ['One.'], published: '2024-05-01', site: 'one.example' },
      { key: 'e2', paragraphs: ['Two.'], published: '2024-05-10', site: 'two.example' },
      { key: 'e3', paragraphs: ['Three.'], published: null, site: 'one.example' },
    ]);
    await store().saveAnalysis(ids[0]!, analysis({ themes: [theme('CYBER_SECURITY', 2)], events: [
      event({ source: 'USAGOV', target: 'CHN', code: '0411', date: '2024-05-01', goldstein: 1 }),
      event({ source: 'CHN', target: 'USA', code: '112', quadClass: 3, goldstein: -2, date: '2024-04-29' }),
      event({ source: 'USA', target: 'CHNGOV', code: '112', quadClass: 3, goldstein: -2, negated: true }),
    ] }));
    await store().saveAnalysis(ids[1]!, analysis({ themes: [theme('CLIMATE_CHANGE', 1)], events: [
      event({ source: 'USAMIL', target: null, code: '190', quadClass: 4, goldstein: -10, date: '2024-05-12' }),
      event({ source: null, target: 'RUS', code: '057', quadClass: 2, goldstein: 8 }),
    ] }));
    await store().saveAnalysis(ids[2]!, analysis({ themes: [], events: [event({ source: 'USA', code: '010', goldstein: 0 })] }));
    return ids;
  }

  describe('queryEvents, streamEvents, eventTimeline', () => {
    it('filters by actor code prefix, theme, dates, site, code and quad class, ordered by date then id', async () => {
      const [a1, a2, a3] = await eventArchive();
      const codes = async (filter: Parameters<Store['queryEvents']>[0]): Promise<string[]> => (await store().queryEvents({ limit: 200, ...filter })).events.map((e) => `${e.code}:${e.articleId}`);
      expect(await codes({})).toEqual([`112:${a1}`, `0411:${a1}`, `112:${a1}`, `057:${a2}`, `190:${a2}`, `010:${a3}`]);
      expect(await codes({ source: 'usa' })).toEqual([`0411:${a1}`, `112:${a1}`, `190:${a2}`, `010:${a3}`]);
      expect(await codes({ source: 'USAGOV' })).toEqual([`0411:${a1}`]);
      expect(await codes({ target: 'CHN' })).toEqual([`0411:${a1}`, `112:${a1}`, `010:${a3}`]);
      expect(await codes({ source: 'USA', target: 'CHN', excludeNegated: true })).toEqual([`0411:${a1}`, `010:${a3}`]);
      expect(await codes({ theme: 'cyber_security' })).toEqual([`112:${a1}`, `0411:${a1}`, `112:${a1}`]);
      expect(await codes({ since: '2024-05-01', until: '2024-05-10' })).toEqual([`0411:${a1}`, `112:${a1}`, `057:${a2}`]);
      expect(await codes({ since: '2024-05' })).toEqual([`0411:${a1}`, `112:${a1}`, `057:${a2}`, `190:${a2}`]);
      expect(await codes({ site: 'two.example' })).toEqual([`057:${a2}`, `190:${a2}`]);
      expect(await codes({ code: '11' })).toEqual([`112:${a1}`, `112:${a1}`]);
      expect(await codes({ quadClass: 4 })).toEqual([`190:${a2}`]);
      const one = (await store().queryEvents({ source: 'USAGOV' })).events[0]!;
      expect(one).toMatchObject({ source: { code: 'USAGOV', name: 'Actor USAGOV' }, target: { code: 'CHN' }, root: '04', date: '2024-05-01', url: 'https://one.example/e1', site: 'one.example', published: '2024-05-01', articleTone: 2, negated: false });
    });

    it('pages with cursors that partition the results, and refuses a cursor of other filters', async () => {
      await eventArchive();
      const all = (await store().queryEvents({ limit: 200 })).events.map((e) => e.id);
      const paged = await pages(store(), { limit: 2 });
      expect(paged.map((p) => p.length)).toEqual([2, 2, 2]);
      expect(paged.flat().map((e) => e.id)).toEqual(all);
      const first = await store().queryEvents({ limit: 1, source: 'USA' });
      await expect(store().queryEvents({ limit: 1, source: 'CHN', cursor: first.nextCursor })).rejects.toMatchObject({ code: 'E_CURSOR' });
      await expect(store().queryEvents({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'E_CURSOR' });
      await expect(store().queryEvents({ source: 'U S' })).rejects.toMatchObject({ code: 'E_FILTER' });
      await expect(store().queryEvents({ since: 'yesterday' })).rejects.toMatchObject({ code: 'E_FILTER' });
    });

    it('streams every matching event across batches in the same order', async () => {
      const [id] = await storeArticles(store(), [{ key: 'big', paragraphs: ['Big.'], published: '2024-01-01' }]);
      const events = Array.from({ length: STREAM_BATCH_SIZE + 30 }, (_, i) => event({ at: i, date: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, source: i % 2 ? 'USA' : 'CHN' }));
      await store().saveAnalysis(id!, analysis({ events }));
      const streamed = await collect(store().streamEvents({ source: 'USA' }));
      expect(streamed).toHaveLength((STREAM_BATCH_SIZE + 30) / 2);
      expect(streamed.map((e) => e.id)).toEqual((await store().queryEvents({ source: 'USA', limit: 200 })).events.map((e) => e.id).concat(streamed.slice(200).map((e) => e.id)));
      const dates = streamed.map((e) => e.date!);
      expect([...dates].sort()).toEqual(dates);
    });

    it('counts dated events per day, week and month with the Goldstein mean and quad classes', async () => {
      await eventArchive();
      expect(await store().eventTimeline({}, 'month')).toEqual([
        { start: '2024-04-01', events: 1, goldstein: -2, quadClasses: [0, 0, 1, 0] },
        { start: '2024-05-01', events: 4, goldstein: (1 - 2 - 10 + 8) / 4, quadClasses: [1, 1, 1, 1] },
      ]);
      expect(await store().eventTimeline({ source: 'USA' }, 'week')).toEqual([
        { start: '2024-04-29', events: 2, goldstein: (1 - 2) / 2, quadClasses: [1, 0, 1, 0] },
        { start: '2024-05-06', events: 1, goldstein: -10, quadClasses: [0, 0, 0, 1] },
      ]);
      expect((await store().eventTimeline({ site: 'two.example' }, 'day')).map((b) => b.start)).toEqual(['2024-05-10', '2024-05-12']);
      await expect(store().eventTimeline({}, 'year' as 'day')).rejects.toMatchObject({ code: 'E_FILTER' });
    });
  });

  describe('queryQuotes', () => {
    it('finds quotes by speaker name or code (case-insensitive substring), dates and kind', async () => {
      const [a1, a2] = await storeArticles(store(), [
        { key: 'q1', paragraphs: ['One.'], published: '2024-05-01' },
        { key: 'q2', paragraphs: ['Two.'], published: '2024-06-01' },
      ]);
      await store().saveAnalysis(a1!, analysis({ quotes: [quote({ name: 'Wang Yang', code: 'CHNGOV' }, 0), quote({ name: 'John Kerry', code: 'USAGOV' }, 50, 'partial'), quote(null, 100, 'reported')] }));
      await store().saveAnalysis(a2!, analysis({ quotes: [quote({ name: 'Wang Yi', code: null }, 0)] }));
      const texts = async (filter: Parameters<Store['queryQuotes']>[0]): Promise<string[]> => (await store().queryQuotes(filter)).quotes.map((q) => `${q.speaker?.name ?? '-'}@${q.articleId}`);
      expect(await texts({})).toEqual([`Wang Yang@${a1}`, `John Kerry@${a1}`, `-@${a1}`, `Wang Yi@${a2}`]);
      expect(await texts({ speaker: 'wang' })).toEqual([`Wang Yang@${a1}`, `Wang Yi@${a2}`]);
      expect(await texts({ speaker: 'usagov' })).toEqual([`John Kerry@${a1}`]);
      expect(await texts({ speaker: 'wang', since: '2024-06' })).toEqual([`Wang Yi@${a2}`]);
      expect(await texts({ kind: 'partial' })).toEqual([`John Kerry@${a1}`]);
      const first = await store().queryQuotes({ limit: 3 });
      expect((await store().queryQuotes({ limit: 3, cursor: first.nextCursor })).quotes.map((q) => q.speaker?.name)).toEqual(['Wang Yi']);
      expect((await collect(store().streamQuotes({ speaker: 'KERRY' })))[0]).toMatchObject({ text: 'quoted words 50', cue: { text: 'said' }, speaker: { name: 'John Kerry', code: 'USAGOV', text: 'Kerry' }, published: '2024-05-01' });
    });
  });

  describe('listActors and listThemes', () => {
    it('aggregates the actors and themes of the selected articles, most articles first', async () => {
      const [a1, a2, a3] = await storeArticles(store(), [
        { key: 'x1', paragraphs: ['One.'], published: '2024-05-01', site: 'one.example' },
        { key: 'x2', paragraphs: ['Two.'], published: '2024-05-02', site: 'two.example' },
        { key: 'x3', paragraphs: ['Three.'], published: '2024-07-01', site: 'one.example' },
      ]);
      await store().saveAnalysis(a1!, analysis({ themes: [theme('CYBER_SECURITY', 2, 3), theme('TRADE', 1, 1)] }));
      await store().saveAnalysis(a2!, analysis({ themes: [theme('CYBER_SECURITY', 4, 1)] }));
      await store().saveAnalysis(a3!, analysis({ entities: [{ entity: 0, name: 'Wang Yang', type: 'person', role: null, code: 'CHNGOV', confidence: 1 }], mentions: [{ start: 0, end: 4, kind: 'name', entity: 0 }], themes: [] }));
      expect(await store().listActors()).toEqual([
        { code: 'USAGOV', name: 'John Kerry', type: 'person', articles: 2, mentions: 4 },
        { code: 'CHN', name: 'China', type: 'country', articles: 2, mentions: 2 },
        { code: 'CHNGOV', name: 'Wang Yang', type: 'person', articles: 1, mentions: 1 },
      ]);
      expect((await store().listActors({ name: 'wang' })).map((a) => a.name)).toEqual(['Wang Yang']);
      expect((await store().listActors({ type: 'country', until: '2024-05-01' })).map((a) => [a.name, a.articles])).toEqual([['China', 1]]);
      expect((await store().listActors({ limit: 1 })).length).toBe(1);
      expect(await store().listThemes()).toEqual([
        { theme: 'CYBER_SECURITY', label: 'cyber security', articles: 2, meanScore: 3, evidence: 4 },
        { theme: 'TRADE', label: 'trade', articles: 1, meanScore: 1, evidence: 1 },
      ]);
      expect((await store().listThemes({ site: 'two.example' })).map((t) => t.theme)).toEqual(['CYBER_SECURITY']);
      await expect(store().listThemes({ limit: 0 })).rejects.toMatchObject({ code: 'E_FILTER' });
    });
  });

  describe('staleArticles', () => {
    it('lists the articles whose stored stage versions differ from the given ones', async () => {
      const ids = await storeArticles(store(), [1, 2, 3, 4].map((n) => ({ key: `s${n}`, paragraphs: [`Article ${n}.`] })));
      await store().saveAnalysis(ids[0]!, analysis({ stages: [{ name: 'sentences', version: '1' }, { name: 'entities', version: '1' }] }));
      await store().saveAnalysis(ids[1]!, analysis({ stages: [{ name: 'sentences', version: '1' }, { name: 'entities', version: '2' }] }));
      await store().saveAnalysis(ids[2]!, analysis({ stages: [{ name: 'sentences', version: '1' }], failures: [{ stage: 'entities', code: 'STAGE_FAILED', message: 'x' }] }));
      const current = [{ name: 'sentences', version: '1' }, { name: 'entities', version: '2' }];
      expect(await collect(store().staleArticles(current))).toEqual([ids[0], ids[2], ids[3]]);
      expect(await collect(store().staleArticles([{ name: 'sentences', version: '1' }]))).toEqual([ids[3]]);
      expect(await collect(store().staleArticles([]))).toEqual([]);
    });
  });

  describe('listArticles', () => {
    it('lists newest first (undated last, then id descending), filtered, in pages that partition the list', async () => {
      const ids = await storeArticles(store(), [
        { key: 'l1', paragraphs: ['1'], published: '2024-05-01', site: 'one.example' },
        { key: 'l2', paragraphs: ['2'], published: null, site: 'one.example' },
        { key: 'l3', paragraphs: ['3'], published: '2024-05-03T10:00:00Z', site: 'two.example' },
        { key: 'l4', paragraphs: ['4'], published: '2024-05-01', site: 'one.example' },
        { key: 'l5', paragraphs: ['5'], published: null, site: 'two.example' },
      ]);
      const [l1, l2, l3, l4, l5] = ids;
      const all = await store().listArticles({ limit: 10 });
      expect(all.articles.map((a) => a.id)).toEqual([l3, l4, l1, l5, l2]);
      expect(all.nextCursor).toBeNull();
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page = await store().listArticles({ limit: 2, cursor });
        seen.push(...page.articles.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual([l3, l4, l1, l5, l2]);
      expect((await store().listArticles({ site: 'one.example', since: '2024-05' })).articles.map((a) => a.id)).toEqual([l4, l1]);
      const first = await store().listArticles({ limit: 1 });
      await expect(store().listArticles({ limit: 1, site: 'one.example', cursor: first.nextCursor })).rejects.toMatchObject({ code: 'E_CURSOR' });
      expect((await store().listArticles({ limit: 1 })).articles[0]).toEqual(await store().getArticle(l3!));
    });
  });
}
