import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysis, event } from '../../src/store/contract/analysis-fixtures.js';
import { storeArticles } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { GDELT_EVENT_COLUMNS } from '../../src/cli/query/gdelt.js';
import { PAGES, runParley } from '../cli/run-parley.js';

/** `parley ingest --no-analysis`, `parley reanalyze`, `parley show --format json` and `parley export --format gdelt-events`, as processes. */

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-reanalyze-cli-'));
  await mkdir(join(dir, 'pages'));
  await copyFile(join(PAGES, 'harbor-bridge.html'), join(dir, 'pages', 'harbor-bridge.html'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('parley reanalyze', () => {
  it('fills the layers of articles ingested without analysis, then finds nothing stale', async () => {
    const db = join(dir, 'cli.db');
    const ingested = await runParley(['ingest', '--db', db, '--no-analysis', '--quiet', '--json', join(dir, 'pages')]);
    expect(ingested.code, ingested.stderr).toBe(0);
    const before = JSON.parse((await runParley(['show', '1', '--db', db, '--format', 'json'])).stdout) as { analysis: unknown };
    expect(before.analysis).toBeNull();
    const first = await runParley(['reanalyze', '--db', db, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'completed', reanalyzed: 1, withFailures: 0 });
    const shown = JSON.parse((await runParley(['show', '1', '--db', db, '--format', 'json'])).stdout) as { id: number; analysis: { entities: { name: string }[]; tone: unknown[]; stages: unknown[] } };
    expect(shown.id).toBe(1);
    expect(shown.analysis.entities.map((e) => e.name)).toContain('Alicia Okafor');
    expect(shown.analysis.tone.length).toBeGreaterThan(0);
    const again = await runParley(['reanalyze', '--db', db, '--json', '--stages', 'tone']);
    expect(JSON.parse(again.stdout)).toMatchObject({ reanalyzed: 0 });
    const unknown = await runParley(['reanalyze', '--db', db, '--stages', 'telepathy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no analysis stage "telepathy"/);
    const missing = await runParley(['reanalyze', '--db', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
  }, 180_000); // several processes, each loading the analysis models
});

describe('parley export --format gdelt-events', () => {
  it('writes the selected events as 61-column GDELT 2.0 rows', async () => {
    const db = join(dir, 'events.db');
    const store = await openSqliteStore(db, { mode: 'write' });
    const [a, b] = await storeArticles(store, [
      { key: 'a', paragraphs: ['One.'], published: '2024-05-02', site: 'one.example' },
      { key: 'b', paragraphs: ['Two.'], published: '2024-06-01', site: 'two.example' },
    ]);
    await store.saveAnalysis(a!, analysis({ events: [event({ source: 'USAGOV', target: 'CHN', code: '0411', date: '2024-05-01', at: 7 }), event({ source: 'CHN', target: 'USA', code: '112', quadClass: 3, goldstein: -2 })] }));
    await store.saveAnalysis(b!, analysis({ events: [event({ source: 'USA', target: 'RUS', code: '190', quadClass: 4, goldstein: -10 })] }));
    await store.close();
    const out = join(dir, 'usa.tsv');
    const run = await runParley(['export', '--db', db, '--format', 'gdelt-events', '--source', 'usa', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/2 events written/);
    const rows = (await readFile(out, 'utf8')).trimEnd().split('\n').map((line) => line.split('\t'));
    expect(GDELT_EVENT_COLUMNS).toHaveLength(61);
    expect(rows.map((r) => r.length)).toEqual([61, 61]);
    const col = (row: string[], name: (typeof GDELT_EVENT_COLUMNS)[number]): string => row[GDELT_EVENT_COLUMNS.indexOf(name)]!;
    const [first, second] = rows as [string[], string[]];
    expect([col(first, 'SQLDATE'), col(first, 'MonthYear'), col(first, 'Year'), col(first, 'Actor1Code'), col(first, 'Actor1CountryCode'), col(first, 'Actor1Type1Code'), col(first, 'Actor2Code')]).toEqual(['20240501', '202405', '2024', 'USAGOV', 'USA', 'GOV', 'CHN']);
    expect([col(first, 'EventCode'), col(first, 'EventBaseCode'), col(first, 'EventRootCode'), col(first, 'QuadClass'), col(first, 'GoldsteinScale'), col(first, 'AvgTone')]).toEqual(['0411', '041', '04', '1', '1', '2']);
    expect([col(first, 'ActionGeo_FullName'), col(first, 'ActionGeo_CountryCode'), col(first, 'SOURCEURL'), col(first, 'Actor1KnownGroupCode')]).toEqual(['Beijing', 'CHN', 'https://one.example/a', '']);
    expect([col(second, 'SQLDATE'), col(second, 'EventCode'), col(second, 'Actor2Code'), col(second, 'DATEADDED')]).toEqual(['20240601', '190', 'RUS', '20240601000000']);
    const theme = await runParley(['export', '--db', db, '--format', 'gdelt-events', '--theme', 'CYBER_SECURITY', '--until', '2024-05-31']);
    expect(theme.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect((await runParley(['export', '--db', db, '--source', 'USA'])).code).toBe(2);
    expect((await runParley(['export', '--db', db, '--format', 'gdelt-events', '--source', 'U.S.'])).code).toBe(2);
  });
});
