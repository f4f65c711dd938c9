import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GDELT_EVENT_COLUMNS } from '../../src/cli/query/gdelt.js';
import { analysis, event, placed } from '../../src/store/contract/analysis-fixtures.js';
import { articleOutcome, makeArticle, pageRecord, RUN } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { parley } from '../cli/query-archive.js';

let db: string;

beforeAll(async () => {
  db = join(mkdtempSync(join(tmpdir(), 'parley-places-export-')), 'archive.db');
  const store = await openSqliteStore(db, { mode: 'write' });
  const runId = await store.startRun(RUN);
  const stored = async (key: string, title: string, published: string): Promise<number> =>
    (await store.commitPage(pageRecord(runId, key, articleOutcome(makeArticle({ title, published, language: 'en', url: `https://news.example/${key}`, paragraphs: [`${title}.`] })), { url: `https://news.example/${key}`, canonicalUrl: `https://news.example/${key}` }))).page.articleId!;
  const aleppo = await stored('aleppo', 'Clashes in Aleppo', '2024-05-01');
  const paris = await stored('paris', 'Talks in Paris', '2024-05-02');
  await store.saveAnalysis(aleppo, placed(analysis({ events: [event({ date: '2024-05-01', source: 'SYRMIL', target: 'SYRREB', code: '190', quadClass: 4 })] }), { name: 'Syria', code: 'SYR' }, 'Aleppo'));
  await store.saveAnalysis(paris, placed(analysis({ events: [event({ date: '2024-05-02', source: 'FRA', target: 'SYR' })] }), { name: 'France', code: 'FRA' }));
  await store.close();
}, 60_000);

describe('parley export with places', () => {
  it('--format geojson: the located events and the articles\' focus places as one FeatureCollection', async () => {
    const run = await parley(['export', '--db', db, '--format', 'geojson']);
    expect(run.code, run.stderr).toBe(0);
    const collection = JSON.parse(run.stdout) as { type: string; features: { geometry: { coordinates: number[] }; properties: Record<string, unknown> }[] };
    expect(collection.type).toBe('FeatureCollection');
    const events = collection.features.filter((f) => f.properties.kind === 'event');
    const articles = collection.features.filter((f) => f.properties.kind === 'article');
    expect(events.map((f) => [f.properties.place, f.properties.method, f.properties.code])).toEqual([['Aleppo', 'sentence', '190'], ['France', 'sentence', '040']]);
    expect(articles.map((f) => [f.properties.place, f.properties.scope])).toEqual([['Syria', 'country'], ['Aleppo', 'city'], ['France', 'country']]);
    // GeoJSON orders a point [longitude, latitude]; the fixture's Aleppo is at 55 N 145 E.
    expect(events[0]!.geometry.coordinates).toEqual([145, 55]);
  }, 60_000);

  it('--country selects the articles mainly about a country; it does not go with gdelt-events', async () => {
    const run = await parley(['export', '--db', db, '--format', 'geojson', '--country', 'fra']);
    const collection = JSON.parse(run.stdout) as { features: { properties: Record<string, unknown> }[] };
    expect(collection.features.map((f) => [f.properties.kind, f.properties.place])).toEqual([['article', 'France']]);
    const jsonl = await parley(['export', '--db', db, '--country', 'SYR']);
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(1);
    expect((await parley(['export', '--db', db, '--format', 'gdelt-events', '--country', 'SYR'])).code).toBe(2);
    expect((await parley(['export', '--db', db, '--country', 'Syria'])).code).toBe(2);
  }, 60_000);

  it('--format gdelt-events fills the ActionGeo columns from the event\'s location', async () => {
    const run = await parley(['export', '--db', db, '--format', 'gdelt-events']);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.trim().split('\n').map((line) => line.split('\t'));
    const column = (row: string[], name: string): string => row[GDELT_EVENT_COLUMNS.indexOf(name as (typeof GDELT_EVENT_COLUMNS)[number])]!;
    expect(rows.map((r) => [column(r, 'ActionGeo_Type'), column(r, 'ActionGeo_FullName'), column(r, 'ActionGeo_CountryCode'), column(r, 'ActionGeo_ADM1Code'), column(r, 'ActionGeo_FeatureID')])).toEqual([
      ['4', 'Aleppo, Aleppo Province, SYR', 'SYR', 'SY01', '1001'],
      ['1', 'France', 'FRA', '', ''],
    ]);
    expect(Number(column(rows[0]!, 'ActionGeo_Lat'))).toBeCloseTo(55, 0);
  }, 60_000);
});
