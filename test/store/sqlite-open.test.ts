import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { storeArticles } from '../../src/store/contract/fixtures.js';
import { StoreError } from '../../src/store/errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, PARLEY_APPLICATION_ID, type Migration } from '../../src/store/sqlite/migrations.js';
import { analysis } from '../../src/store/contract/analysis-fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(dir, `db-${++n}.db`);

async function codeOf(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    if (error instanceof StoreError) return error.code;
    throw error;
  }
  return 'no error';
}

/** A Parley database with a few articles, closed. */
async function parleyDatabase(path = fresh()): Promise<string> {
  const store = await openSqliteStore(path, { mode: 'write' });
  await storeArticles(
    store,
    Array.from({ length: 40 }, (_, i) => ({ key: `s${i}`, title: `Story ${i}`, paragraphs: [`Paragraph ${i} about the harbour bridge and the council budget. `.repeat(20)] })),
  );
  await store.close();
  return path;
}

describe('opening a database', () => {
  it('creates a Parley database in write mode (WAL, application id, migrations recorded); read mode needs the file', async () => {
    const path = fresh();
    expect(await codeOf(() => openSqliteStore(path, { mode: 'read' }))).toBe('E_STORE_MISSING');
    await (await openSqliteStore(path, { mode: 'write' })).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(PARLEY_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
    await (await openSqliteStore(path, { mode: 'read' })).close();
  });

  it('refuses files that are not Parley databases, and leaves them untouched', async () => {
    const text = fresh();
    writeFileSync(text, 'id,title\n1,not a database\n');
    const foreign = fresh();
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (\'mine\')');
    other.close();
    const folder = join(dir, `folder-${++n}`);
    mkdirSync(folder);
    for (const path of [text, foreign]) {
      const before = readFileSync(path);
      for (const mode of ['read', 'write'] as const) expect(await codeOf(() => openSqliteStore(path, { mode })), `${path} ${mode}`).toBe('E_STORE_NOT_PARLEY');
      expect(readFileSync(path).equals(before)).toBe(true);
    }
    expect(await codeOf(() => openSqliteStore(folder, { mode: 'read' }))).toBe('E_STORE_NOT_PARLEY');
    const empty = fresh();
    writeFileSync(empty, '');
    expect(await codeOf(() => openSqliteStore(empty, { mode: 'read' }))).toBe('E_STORE_NOT_PARLEY');
    await (await openSqliteStore(empty, { mode: 'write' })).close(); // an empty file is a new database
  });

  it('reports a damaged database as E_STORE_CORRUPT', async () => {
    const path = await parleyDatabase();
    const pageSize = 4096;
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    const garbage = Buffer.alloc(pageSize, 0xa5);
    for (let offset = 2 * pageSize; offset < size; offset += pageSize) writeSync(fd, garbage, 0, pageSize, offset);
    closeSync(fd);
    const code = await codeOf(async () => {
      const store = await openSqliteStore(path, { mode: 'read' });
      try {
        await store.stats();
        await store.search({ text: 'harbour' });
      } finally {
        await store.close();
      }
    });
    expect(code).toBe('E_STORE_CORRUPT');
  });

  it('refuses a database written by a newer Parley, saying which versions', async () => {
    const path = await parleyDatabase();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, ?, ?)').run('from the future', new Date().toISOString());
    db.close();
    for (const mode of ['read', 'write'] as const) {
      const error = await openSqliteStore(path, { mode }).then(() => null, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'E_STORE_TOO_NEW' });
      expect((error as Error).message).toMatch(new RegExp(`schema version 99, newer than this Parley knows \\(${LATEST_SCHEMA_VERSION}\\)`));
    }
  });
});

describe('migrations', () => {
  const next = (up: string): Migration[] => [...MIGRATIONS, { version: LATEST_SCHEMA_VERSION + 1, name: 'test migration', up }];

  it('applies pending migrations when opened, also for reading, and records them', async () => {
    const path = await parleyDatabase();
    const migrations = next('CREATE TABLE annotations (article_id INTEGER REFERENCES articles(id), note TEXT);');
    const reader = await openSqliteStore(path, { mode: 'read', migrations });
    expect((await reader.stats()).articles).toBe(40);
    await reader.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: LATEST_SCHEMA_VERSION + 1 });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'annotations'").get()).toEqual({ n: 1 });
    db.close();
  });

  it('upgrades a version 1 archive to the analysis tables, keeping its articles', async () => {
    const path = fresh();
    const old = await openSqliteStore(path, { mode: 'write', migrations: MIGRATIONS.slice(0, 1) });
    const [id] = await storeArticles(old, [{ key: 'old', paragraphs: ['An article stored before the analysis tables.'], published: '2024-05-01' }]);
    await old.close();
    const store = await openSqliteStore(path, { mode: 'write' });
    expect((await store.getArticle(id!))?.article.text).toMatch(/before the analysis/);
    expect(await store.getAnalysis(id!)).toBeNull();
    await store.saveAnalysis(id!, analysis());
    expect((await store.queryEvents({ source: 'USA' })).events).toHaveLength(1);
    expect((await store.listArticles({ limit: 5 })).articles.map((a) => a.id)).toEqual([id]);
    await store.close();
  });

  it('groups the events of an archive made before event records into records when it upgrades', async () => {
    const path = fresh();
    const old = await openSqliteStore(path, { mode: 'write', migrations: MIGRATIONS.filter((m) => m.version < 4) });
    const [a, b] = await storeArticles(old, [
      { key: 'a', paragraphs: ['Kerry met Wang.'], published: '2024-05-01T08:00:00Z', site: 'one.example' },
      { key: 'b', paragraphs: ['Kerry met Wang.'], published: '2024-05-01T10:00:00Z', site: 'two.example' },
    ]);
    await old.close();
    const raw = new Database(path);
    const insert = raw.prepare(`INSERT INTO events (article_id, site_key, sort_ms, start, "end", source_code, source_name, target_code, target_name, code, root, quad_class, goldstein, verb_start, verb_end, date, negated, confidence)
      VALUES (?, ?, ?, 0, 15, 'USAGOV', 'John Kerry', 'CHNGOV', 'Wang Yi', ?, '04', 1, 1, 6, 9, '2024-05-01', ?, 0.8)`);
    const day = Date.UTC(2024, 4, 1);
    insert.run(a, 'example.one', day, '040', 0);
    insert.run(b, 'example.two', day, '042', 0);
    insert.run(b, 'example.two', day, '040', 1);
    raw.close();
    const store = await openSqliteStore(path, { mode: 'write' });
    const { groups } = await store.queryEventGroups({});
    expect(groups.map((g) => [g.source?.code, g.target?.code, g.root, g.numMentions, g.numArticles, g.numSources])).toEqual([['USAGOV', 'CHNGOV', '04', 2, 2, 2]]);
    await store.close();
  });

  it('gives the places of an archive made before place keys their keys and dates when it upgrades', async () => {
    const path = fresh();
    const old = await openSqliteStore(path, { mode: 'write', migrations: MIGRATIONS.filter((m) => m.version < 8) });
    const [a, b] = await storeArticles(old, [
      { key: 'a', paragraphs: ['Clashes in Aleppo, Syria.'], published: '2024-05-01T08:00:00Z' },
      { key: 'b', paragraphs: ['Talks on Syria.'], published: '2024-06-01T08:00:00Z' },
    ]);
    await old.close();
    const raw = new Database(path);
    const focus = raw.prepare(`INSERT INTO article_places (article_id, scope, name, type, country, admin1, admin1_code, lat, lon, geoname_id, feature_code, score, mentions)
      VALUES (?, ?, ?, ?, 'SYR', ?, NULL, ?, ?, ?, 'PPLA', 1, 1)`);
    focus.run(a, 'country', 'Syria', 'country', null, 35, 38, 163843);
    focus.run(a, 'city', 'Aleppo', 'city', 'Aleppo', 36.2, 37.16, 170063);
    focus.run(b, 'country', 'Syria', 'country', null, 35, 38, 163843);
    const event = raw.prepare(`INSERT INTO events (article_id, site_key, sort_ms, start, "end", code, root, quad_class, goldstein, verb_start, verb_end, negated, confidence, geo_name, geo_type, geo_country, geo_admin1, geo_lat, geo_lon, geo_geoname_id)
      VALUES (?, 'example.news', ?, 0, 10, '190', '19', 4, -10, 0, 7, 0, 0.8, ?, ?, 'SYR', ?, ?, ?, ?)`);
    event.run(a, Date.UTC(2024, 4, 1), 'Aleppo', 'city', 'Aleppo', 36.2, 37.16, 170063);
    event.run(b, Date.UTC(2024, 5, 1), 'Syria', 'country', null, 35, 38, 163843);
    raw.close();
    const store = await openSqliteStore(path, { mode: 'write' });
    for (const since of ['2024-01', '2024-05-15']) {
      const counts = await store.placeCounts({ since });
      expect(counts.countries).toEqual([{ country: 'SYR', articles: since === '2024-01' ? 2 : 1, events: since === '2024-01' ? 2 : 1 }]);
      expect(counts.cities.map((c) => [c.name, c.articles, c.events, c.geonameId])).toEqual(since === '2024-01' ? [['Aleppo', 1, 1, 170063]] : []);
    }
    await store.close();
  });

  it('rolls a failing migration back whole and leaves the database as it was', async () => {
    const path = await parleyDatabase();
    const copy = `${path}.before`;
    copyFileSync(path, copy);
    const migrations = next('CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);');
    await expect(openSqliteStore(path, { mode: 'write', migrations })).rejects.toThrow(/no_such_table/);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: LATEST_SCHEMA_VERSION });
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
    const store = await openSqliteStore(path, { mode: 'read' });
    expect((await store.stats()).articles).toBe(40);
    await store.close();
  });
});

describe('the full-text index', () => {
  it('stays in step with the articles (FTS5 integrity check) and survives a reopen', async () => {
    const path = await parleyDatabase();
    const db = new Database(path);
    expect(() => db.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    const store = await openSqliteStore(path, { mode: 'read' });
    expect((await store.search({ text: '"harbour bridge" council', limit: 100 })).hits).toHaveLength(40);
    await store.close();
  });
});
