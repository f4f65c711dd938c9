import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { reanalyze } from '../../src/app/reanalyze.js';
import { selectStages } from '../../src/stages/select.js';
import { ANALYSIS_STAGES } from '../../src/stages/index.js';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { PAGES } from '../cli/run-parley.js';

/**
 * The analysis layers through the app: ingest runs every analysis stage and commits the layers with the
 * page; --no-analysis stores none; reanalyze fills what is stale, and only that; a stage that cannot run
 * is recorded on the article, which is stored anyway.
 */

const INLINE = { inline: true, jobs: 1 } as const;
let dir = '';
let pages = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-reanalyze-'));
  pages = join(dir, 'pages');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(pages);
  for (const name of ['harbor-bridge.html', 'council-budget.htm']) await copyFile(join(PAGES, name), join(pages, name));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function fresh(name: string): Promise<SqliteStore> {
  return openSqliteStore(join(dir, `${name}.db`), { mode: 'write' });
}

async function articleIds(store: SqliteStore): Promise<number[]> {
  const ids: number[] = [];
  for await (const stored of store.exportArticles()) ids.push(stored.id);
  return ids;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const CURRENT = ANALYSIS_STAGES.map(({ name, version }) => ({ name, version }));

describe('ingest with analysis', () => {
  it('stores every layer of every article with the page, stamped with the stage versions', async () => {
    const store = await fresh('full');
    const result = await ingest({ sources: [pages], store, settings: INLINE });
    expect(result.counts.stored).toBe(2);
    expect(result.analysisFailures).toEqual({});
    const ids = await articleIds(store);
    for (const id of ids) {
      const analysis = (await store.getAnalysis(id))!;
      expect(analysis.failures).toEqual([]);
      expect(analysis.stages).toEqual(CURRENT);
      expect(analysis.entities.length).toBeGreaterThan(0);
      expect(analysis.tone.filter((t) => t.scope === 'document')).toHaveLength(1);
      const text = (await store.getArticle(id))!.article.text;
      for (const m of analysis.mentions) expect(m.end).toBeLessThanOrEqual(text.length);
      for (const q of analysis.quotes) expect(text.slice(q.start, q.end)).toBe(q.text);
    }
    const bridge = (await store.getArticle('https://www.eastportledger.example/news/2024/05/14/harbor-bridge-reopens'))!.id;
    expect((await store.getAnalysis(bridge))!.entities.map((e) => e.name)).toContain('Alicia Okafor');
    expect(await collect(store.staleArticles(CURRENT))).toEqual([]);
    expect((await store.stats()).runs[0]!.stageVersions.map((s) => s.name)).toEqual(['extract', 'dedup', ...CURRENT.map((s) => s.name)]);
    await store.close();
  });

  it('stores no layer with analysis off, and reanalyze then fills exactly the stale articles', async () => {
    const store = await fresh('later');
    await ingest({ sources: [pages], store, settings: { ...INLINE, analysis: null } });
    const ids = await articleIds(store);
    expect(await Promise.all(ids.map((id) => store.getAnalysis(id)))).toEqual([null, null]);
    expect(await collect(store.staleArticles(CURRENT))).toEqual(ids);
    const seen: number[] = [];
    const first = await reanalyze({ store, settings: {}, onArticle: (e) => seen.push(e.articleId) });
    expect(first).toMatchObject({ status: 'completed', reanalyzed: 2, withFailures: 0 });
    expect(seen).toEqual(ids);
    expect((await store.getAnalysis(ids[0]!))!.stages).toEqual(CURRENT);
    expect((await reanalyze({ store, settings: {} })).reanalyzed).toBe(0);
    expect((await reanalyze({ store, settings: {}, all: true })).reanalyzed).toBe(2);
    await expect(reanalyze({ store, settings: {}, checkStages: ['nonsense'] })).rejects.toMatchObject({ code: 'E_OPTION' });
    await store.close();
  });

  it('runs the stages asked for with those they need, and reanalyze completes the rest', async () => {
    expect(selectStages(['entities']).map((s) => s.name)).toEqual(['sentences', 'entities']);
    const store = await fresh('partial');
    await ingest({ sources: [pages], store, settings: { ...INLINE, analysis: { stages: ['entities'] } } });
    const [id] = await articleIds(store);
    const partial = (await store.getAnalysis(id!))!;
    expect(partial.stages.map((s) => s.name)).toEqual(['sentences', 'entities']);
    expect(partial.entities.every((e) => e.code === null)).toBe(true); // NER only: no actor codes
    expect(await collect(store.staleArticles(CURRENT.filter((s) => s.name === 'entities')))).toEqual([]);
    expect((await reanalyze({ store, settings: {}, checkStages: ['tone'] })).reanalyzed).toBe(2);
    expect((await store.getAnalysis(id!))!.stages).toEqual(CURRENT);
    await store.close();
  });

  it('records a stage that cannot run on the article and stores the article without its layers', async () => {
    const store = await fresh('broken');
    const result = await ingest({ sources: [pages], store, settings: { ...INLINE, analysis: { stages: null, modelsDirectory: join(dir, 'no-models') } } });
    expect(result.counts.stored).toBe(2);
    expect(result.analysisFailures).toEqual({ analysis: 2 });
    const [id] = await articleIds(store);
    const analysis = (await store.getAnalysis(id!))!;
    expect(analysis.failures).toEqual([expect.objectContaining({ stage: 'analysis', code: 'E_MODEL_MISSING' })]);
    expect(analysis.entities).toEqual([]);
    expect(await collect(store.staleArticles(CURRENT))).toHaveLength(2);
    await store.close();
  });
});
