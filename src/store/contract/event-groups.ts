import { describe, expect, it } from 'vitest';
import type { ContractContext } from '../contract.js';
import type { EventGroup } from '../event-groups.js';
import { analysis, event } from './analysis-fixtures.js';
import { storeArticles } from './fixtures.js';

/** queryEventGroups / streamEventGroups: one event record for many reports, kept up to date as analyses are saved. */
export function registerEventGroupContract({ store }: ContractContext): void {
  async function all(): Promise<EventGroup[]> {
    const groups: EventGroup[] = [];
    for await (const group of store().streamEventGroups()) groups.push(group);
    return groups;
  }

  const summary = (g: EventGroup): unknown => [g.source?.code, g.target?.code, g.root, g.date, g.numMentions, g.numArticles, g.numSources];

  describe('event records', () => {
    it('makes one record of syndicated copies of a report, with its mentions, counts and earliest report', async () => {
      const [wire, copy, later] = await storeArticles(store(), [
        { key: 'wire', paragraphs: ['Kerry met Wang in Beijing.'], published: '2024-05-01T08:00:00Z', site: 'wire.example' },
        { key: 'copy', paragraphs: ['Kerry met Wang in Beijing.'], published: '2024-05-01T11:00:00Z', site: 'paper.example' },
        { key: 'later', paragraphs: ['Kerry met Wang in Beijing on Wednesday.'], published: '2024-05-02T09:00:00Z', site: 'wire.example' },
      ]);
      await store().saveAnalysis(copy!, analysis({ events: [event({ date: '2024-05-01' })] }));
      await store().saveAnalysis(wire!, analysis({ events: [event({ date: '2024-05-01' })] }));
      await store().saveAnalysis(later!, analysis({ events: [event({ date: '2024-05-01' }), event({ date: '2024-05-01', at: 50 })] }));
      const groups = await all();
      expect(groups.map(summary)).toEqual([['USA', 'CHN', '04', '2024-05-01', 4, 3, 2]]);
      const [group] = groups;
      expect(group!.firstReport).toMatchObject({ articleId: wire, site: 'wire.example', published: '2024-05-01T08:00:00Z', code: '040', sentence: { start: 0, end: 40 } });
      expect(group!.mentions.map((m) => m.articleId)).toEqual([wire, copy, later, later]);
      expect(group).toMatchObject({ code: '040', quadClass: 1, plover: { type: 'CONSULT', mode: '' }, source: { code: 'USA', name: 'Actor USA' } });
    });

    it('keeps two meetings apart: different days, roots or actors make different records; negated events none', async () => {
      const [a, b] = await storeArticles(store(), [
        { key: 'a', paragraphs: ['Meetings.'], published: '2024-05-01' },
        { key: 'b', paragraphs: ['More meetings.'], published: '2024-05-06' },
      ]);
      await store().saveAnalysis(a!, analysis({ events: [event({ date: '2024-05-01' }), event({ date: '2024-05-02', at: 50 }), event({ code: '112', quadClass: 3, date: '2024-05-01', at: 100 }), event({ target: 'RUS', date: '2024-05-01', at: 150 }), event({ negated: true, code: '190', date: '2024-05-01', at: 200 })] }));
      await store().saveAnalysis(b!, analysis({ events: [event({ date: '2024-05-05' })] }));
      expect((await all()).map(summary)).toEqual([
        ['USA', 'CHN', '04', '2024-05-01', 2, 1, 1],
        ['USA', 'CHN', '11', '2024-05-01', 1, 1, 1],
        ['USA', 'RUS', '04', '2024-05-01', 1, 1, 1],
        ['USA', 'CHN', '04', '2024-05-05', 1, 1, 1],
      ]);
    });

    it('groups undated events only within their article', async () => {
      const [a, b] = await storeArticles(store(), [{ key: 'a', paragraphs: ['Undated.'], published: null }, { key: 'b', paragraphs: ['Undated too.'], published: null }]);
      await store().saveAnalysis(a!, analysis({ events: [event(), event({ at: 50 })] }));
      await store().saveAnalysis(b!, analysis({ events: [event()] }));
      expect((await all()).map(summary)).toEqual([['USA', 'CHN', '04', null, 2, 1, 1], ['USA', 'CHN', '04', null, 1, 1, 1]]);
    });

    it('regroups an article whose analysis is saved again: no stale mentions, no empty records', async () => {
      const [a, b] = await storeArticles(store(), [{ key: 'a', paragraphs: ['One.'], published: '2024-05-01' }, { key: 'b', paragraphs: ['Two.'], published: '2024-05-01' }]);
      await store().saveAnalysis(a!, analysis({ events: [event({ date: '2024-05-01' })] }));
      await store().saveAnalysis(b!, analysis({ events: [event({ date: '2024-05-01' })] }));
      await store().saveAnalysis(b!, analysis({ events: [event({ date: '2024-05-01' })] }));
      expect((await all()).map(summary)).toEqual([['USA', 'CHN', '04', '2024-05-01', 2, 2, 1]]);
      await store().saveAnalysis(a!, analysis({ events: [event({ code: '190', quadClass: 4, date: '2024-05-01' })] }));
      await store().saveAnalysis(b!, analysis({ events: [] }));
      expect((await all()).map(summary)).toEqual([['USA', 'CHN', '19', '2024-05-01', 1, 1, 1]]);
    });

    it('selects records by their mentions with the event filters, in pages that partition the list', async () => {
      const ids = await storeArticles(store(), [1, 2, 3, 4, 5].map((n) => ({ key: `p${n}`, paragraphs: [`Day ${n}.`], published: `2024-05-0${n * 2 - 1}`, site: n === 3 ? 'three.example' : 'news.example' })));
      for (const [k, id] of ids.entries()) await store().saveAnalysis(id, analysis({ events: [event({ date: `2024-05-0${k * 2 + 1}`, source: k === 4 ? 'RUSGOV' : 'USA' })] }));
      const first = await store().queryEventGroups({ limit: 2 });
      expect(first.groups.map((g) => g.date)).toEqual(['2024-05-01', '2024-05-03']);
      const seen = [...first.groups];
      let cursor = first.nextCursor;
      while (cursor) {
        const next = await store().queryEventGroups({ limit: 2, cursor });
        seen.push(...next.groups);
        cursor = next.nextCursor;
      }
      expect(seen.map((g) => g.date)).toEqual(['2024-05-01', '2024-05-03', '2024-05-05', '2024-05-07', '2024-05-09']);
      expect((await store().queryEventGroups({ source: 'rus' })).groups.map((g) => g.source?.code)).toEqual(['RUSGOV']);
      expect((await store().queryEventGroups({ site: 'three.example' })).groups.map((g) => g.date)).toEqual(['2024-05-05']);
      expect((await store().queryEventGroups({ since: '2024-05-04', until: '2024-05-07' })).groups.map((g) => g.date)).toEqual(['2024-05-05', '2024-05-07']);
      await expect(store().queryEventGroups({ limit: 1, source: 'USA', cursor: first.nextCursor })).rejects.toMatchObject({ code: 'E_CURSOR' });
    });
  });
}
