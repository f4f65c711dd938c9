import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { PlaceCounts } from '../../src/store/analysis.js';
import type { Store, StoredArticle, StoreStats } from '../../src/store/store.js';
import { MAIN, runParley } from '../cli/run-parley.js';
import { writeCorpus } from '../ingest/helpers/corpus.js';
import { pageHtml, storyPage, storyParagraphs } from '../ingest/helpers/pages.js';
import { THEMES_SETTING } from '../../src/app/archive-taxonomy.js';
import { postgresAvailable, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { startServer } from '../sources/helpers/server.js';
import { articleHtml, gzipArchive, htmlResponse, requestFor, warcRecord } from '../sources/helpers/warc-builder.js';

/**
 * Many workers, one archive, whatever fails: the same inputs ingested by one SQLite ingest, and through
 * the PostgreSQL queue by two `parley worker` processes of which one is killed with SIGKILL mid-run and
 * another started (its job is retried when its lease ends), and again with the database server
 * restarted mid-run. Every time the archive holds exactly what the single ingest stored, revisions
 * included (two captures of a page whose text changed, in either order, give the same article).
 */

const available = postgresAvailable();
const dir = mkdtempSync(join(tmpdir(), 'parley-workers-'));
let server: PostgresServer | null = null;
let inputs: string[] = [];
let baseline: Comparable | null = null;

/**
 * What must be equal: every count of `parley stats` but the runs, and the analysis layers. Of the event
 * records, the events they hold: which records a chain of reports on neighbouring days makes depends on
 * the order the reports are saved in (store/event-groups.ts), and parallel workers save in another order.
 */
interface Comparable {
  readonly stats: Omit<StoreStats, 'runs' | 'runCount'>;
  readonly events: number;
  readonly quotes: number;
  readonly actors: number;
  readonly themes: number;
  readonly recordedEvents: number;
  readonly places: PlaceCounts;
  /** Each revised article: its URL, the last line of its text and of each earlier text (oldest first). */
  readonly revisions: readonly unknown[];
}

async function comparable(location: string): Promise<Comparable> {
  const store: Store = await openStore(location, { mode: 'read' });
  try {
    const { runs: _runs, runCount: _count, ...stats } = await store.stats();
    let events = 0;
    for await (const _ of store.streamEvents()) events++;
    let quotes = 0;
    for await (const _ of store.streamQuotes()) quotes++;
    const actors = (await store.listActors({ limit: 1000 })).reduce((n, a) => n + a.mentions, 0);
    const themes = (await store.listThemes({ limit: 1000 })).reduce((n, t) => n + t.articles, 0);
    let recordedEvents = 0;
    for await (const record of store.streamEventGroups()) recordedEvents += record.numMentions;
    const revisions: unknown[] = [];
    for await (const a of store.exportArticles()) {
      if (a.revisions > 0) revisions.push([a.canonicalUrl, a.revisions, lastLine(a.article.text), (await store.listRevisions(a.id))!.map((r) => [r.seenAt, lastLine(r.article.text)])]);
    }
    revisions.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { stats, events, quotes, actors, themes, recordedEvents, places: await store.placeCounts({ limit: 1000 }), revisions };
  } finally {
    await store.close();
  }
}

const lastLine = (text: string): string => text.trim().split('\n').pop()!;

/** The event records of an archive, without their ids: actors, code, date and counts, and the sentences of their mentions. */
async function eventRecords(store: Store): Promise<unknown[]> {
  const records: unknown[] = [];
  for await (const g of store.streamEventGroups()) {
    records.push([g.source, g.target, g.code, g.date, g.numMentions, g.numSources, g.numArticles, g.avgTone, g.mentions.map((m) => [m.url, m.sentence, m.code])]);
  }
  return records;
}

function worker(url: string): ChildProcess & { done: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, [MAIN, 'worker', '--db', url, '--jobs', '1', '--exit-when-idle', '--poll', '200ms'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return Object.assign(child, { done, output: () => output });
}

async function committedPages(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM pages')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function enqueue(url: string): Promise<void> {
  const run = await runParley(['ingest', '--db', url, '--enqueue', '--share-size', '6KB', '--share-items', '6', '--lease', '4s', '--quiet', ...inputs]);
  expect(run.code, run.stderr).toBe(0);
}

if (available) {
  beforeAll(async () => {
    server = await startPostgres();
    // Pages with every outcome (stories, reprints, exact copies, same canonical URL, empty pages)...
    await writeCorpus(join(dir, 'pages'), 24);
    // ...and a .warc.gz, one record per gzip member, with some stories at two addresses of two sites. (The
    // stories are unlike each other: near-duplicate groups are decided in the order pages come, so a chain
    // of stories each like the next may be grouped differently by parallel workers than in one pass.)
    const records = Array.from({ length: 14 }, (_, i) => {
      const html = i === 0 ? articleHtml(0) : storyPage(100 + i);
      return [
        warcRecord(requestFor(`https://harbour.example/news/${i}`)),
        warcRecord(htmlResponse(`https://harbour.example/news/${i}`, html)),
        ...(i % 4 === 0 ? [warcRecord(htmlResponse(`https://mirror.example/copy/${i}`, html))] : []),
      ];
    }).flat();
    // Pages whose text changed: a later capture of one story (a correction), and an earlier capture of
    // another read after it (out of order); each is a revision of its article, whoever commits first.
    const corrected = (seed: number, line: string): string => pageHtml({ title: `Story number ${seed} of the day`, paragraphs: [...storyParagraphs(seed), line] });
    records.push(warcRecord(htmlResponse('https://harbour.example/news/3', corrected(103, 'Correction: the council met on Tuesday, not on Monday.'), {}, '2024-03-06T09:00:00Z')));
    records.push(warcRecord(htmlResponse('https://harbour.example/news/7', corrected(107, 'Developing story: more to follow.'), {}, '2024-03-04T08:00:00Z')));
    writeFileSync(join(dir, 'crawl.warc.gz'), gzipArchive(records).bytes);
    inputs = [join(dir, 'pages'), join(dir, 'crawl.warc.gz')];
    const single = await runParley(['ingest', '--db', join(dir, 'single.db'), '--jobs', '1', '--quiet', ...inputs]);
    expect(single.code, single.stderr).toBe(0);
    baseline = await comparable(join(dir, 'single.db'));
    expect(baseline.stats.articles).toBeGreaterThan(20);
    expect(baseline.stats.duplicates + baseline.stats.duplicatePages).toBeGreaterThan(3);
    expect(baseline.events).toBeGreaterThan(0);
    expect(baseline.recordedEvents).toBeGreaterThan(0);
    // The later capture's text is the article; the earlier capture read last is kept as an earlier text.
    expect(baseline.revisions).toEqual([
      ['https://harbour.example/news/3', 1, 'Correction: the council met on Tuesday, not on Monday.', [['2024-03-05T10:20:30.000Z', expect.not.stringMatching(/Correction/)]]],
      ['https://harbour.example/news/7', 1, expect.not.stringMatching(/Developing/), [['2024-03-04T08:00:00.000Z', 'Developing story: more to follow.']]],
    ]);
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('parley worker on a PostgreSQL queue', () => {
    it('stores what a single SQLite ingest stores, when a worker is killed mid-run and another started', async () => {
      const url = await server!.createDatabase('killed');
      await enqueue(url);
      const first = worker(url);
      const second = worker(url);
      await until(async () => (await committedPages(url)) >= 6, 120_000, 'the workers have committed pages');
      first.kill('SIGKILL');
      expect(await first.done).toBeNull();
      const third = worker(url);
      expect(await second.done, second.output()).toBe(0);
      expect(await third.done, third.output()).toBe(0);
      expect(await comparable(url)).toEqual(baseline);
      const stats = await runParley(['stats', '--db', url, '--format', 'json']);
      const queue = (JSON.parse(stats.stdout) as { queue: { pending: number; running: number; failed: number; completed: number } }).queue;
      expect(queue).toMatchObject({ pending: 0, running: 0, failed: 0 });
      expect(queue.completed).toBeGreaterThan(4);
    }, 240_000);

    it('loses nothing committed when the database restarts mid-run: the workers reconnect and finish', async () => {
      const url = await server!.createDatabase('restarted');
      await enqueue(url);
      const one = worker(url);
      const two = worker(url);
      await until(async () => (await committedPages(url)) >= 4, 120_000, 'the workers have committed pages');
      const before = await committedPages(url);
      await server!.restart({ immediate: true, downMs: 1500 });
      expect(await committedPages(url)).toBeGreaterThanOrEqual(before);
      expect(await one.done, one.output()).toBe(0);
      expect(await two.done, two.output()).toBe(0);
      expect(await comparable(url)).toEqual(baseline);
    }, 240_000);

    it('commits two copies of one story at the same moment as one article and one duplicate', async () => {
      const url = await server!.createDatabase('race');
      const stores = [await openStore(url, { mode: 'write' }), await openStore(url, { mode: 'write' })];
      try {
        const { articleOutcome, makeArticle, pageRecord, RUN } = await import('../../src/store/contract/fixtures.js');
        const runs = await Promise.all(stores.map((s) => s.startRun(RUN)));
        const story = 'https://wire.example/story';
        const results = await Promise.all(
          stores.map((s, i) => s.commitPage(pageRecord(runs[i]!, `copy-${i}`, articleOutcome(makeArticle({ paragraphs: [`The same story, copy ${i}.`] })), { url: `${story}?from=${i}`, canonicalUrl: story }))),
        );
        expect(results.map((r) => r.page.outcome).sort()).toEqual(['article', 'duplicate']);
        expect(await stores[0]!.stats()).toMatchObject({ articles: 1, pages: 2, duplicatePages: 1 });
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });

    it('copies an archive from SQLite to PostgreSQL and back, resumably, with the same counts and layers', async () => {
      const url = await server!.createDatabase('copied');
      // A setting the archive remembers (its theme taxonomy) goes with it.
      const taxonomy = JSON.stringify({ source: 'my-themes.yaml', text: 'themes: []' });
      const writable = await openStore(join(dir, 'single.db'), { mode: 'write' });
      await writable.setArchiveSetting(THEMES_SETTING, taxonomy);
      await writable.close();
      const there = await runParley(['copy', '--from', join(dir, 'single.db'), '--to', url, '--json', '--quiet']);
      expect(there.code, there.stderr).toBe(0);
      expect(JSON.parse(there.stdout)).toMatchObject({ equal: true, skipped: 0 });
      expect(await comparable(url)).toEqual(baseline);
      const again = await runParley(['copy', '--from', join(dir, 'single.db'), '--to', url, '--json', '--quiet']);
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ equal: true, copied: 0, skipped: baseline!.stats.pages });
      const back = await runParley(['copy', '--from', url, '--to', join(dir, 'back.db'), '--quiet']);
      expect(back.code, back.stderr).toBe(0);
      expect(await comparable(join(dir, 'back.db'))).toEqual(baseline);
      const single = await openStore(join(dir, 'single.db'), { mode: 'read' });
      const copied = await openStore(url, { mode: 'read' });
      const returned = await openStore(join(dir, 'back.db'), { mode: 'read' });
      try {
        const withoutIds = (a: StoredArticle): unknown => ({ ...a, id: 0, pageId: 0, runId: 0, textPageId: a.textPageId === a.pageId ? 'own' : 'revised', duplicate: a.duplicate ? { similarity: a.duplicate.similarity } : null });
        const original = (await single.listArticles({ limit: 200 })).articles.map(withoutIds);
        const copy = (await returned.listArticles({ limit: 200 })).articles.map(withoutIds);
        expect(copy).toEqual(original);
        for (const archive of [copied, returned]) expect(await archive.getArchiveSetting(THEMES_SETTING)).toBe(taxonomy);
        // A copy saves the analyses in the order they were saved: the same event records.
        const records = await eventRecords(single);
        expect(records.length).toBeGreaterThan(0);
        expect(await eventRecords(copied)).toEqual(records);
        expect(await eventRecords(returned)).toEqual(records);
      } finally {
        await single.close();
        await copied.close();
        await returned.close();
      }
    }, 120_000);

    it('refreshes known URLs of a PostgreSQL archive in the asking process: a changed page becomes a revision; --enqueue --refresh is a usage error', async () => {
      const url = await server!.createDatabase('refreshed');
      const page = { html: storyPage(500) };
      const site = await startServer({ '/robots.txt': (_q, r) => void r.writeHead(404).end(), '/live': (_q, r) => void r.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page.html) });
      try {
        const flags = ['--db', url, '--allow-private', '--delay', '0', '--jobs', '1', '--no-analysis', '--quiet'];
        const first = await runParley(['ingest', ...flags, site.url('/live')]);
        expect(first.code, first.stderr).toBe(0);
        page.html = pageHtml({ title: 'Story number 500 of the day', paragraphs: [...storyParagraphs(500), 'Update: the vote was postponed to Friday.'] });
        const queued = await runParley(['ingest', ...flags, '--enqueue', '--refresh']);
        expect(queued.code).toBe(2);
        expect(queued.stderr).toMatch(/--refresh runs in this process/);
        const refreshed = await runParley(['ingest', ...flags, '--refresh', '--json']);
        expect(refreshed.code, refreshed.stderr).toBe(0);
        expect(JSON.parse(refreshed.stdout)).toMatchObject({ revised: 1 });
        const store = await openStore(url, { mode: 'read' });
        try {
          const article = (await store.getArticle(site.url('/live')))!;
          expect(article.revisions).toBe(1);
          expect(lastLine(article.article.text)).toBe('Update: the vote was postponed to Friday.');
          expect((await store.listRevisions(article.id))!.map((r) => lastLine(r.article.text))).not.toContain('Update: the vote was postponed to Friday.');
        } finally {
          await store.close();
        }
      } finally {
        await site.close();
      }
    }, 120_000);

    it('says what to check when the server cannot be reached or the database does not exist', async () => {
      const refused = await runParley(['stats', '--db', 'postgres://parley@127.0.0.1:1/none']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1.*Check that the server is running/s);
      const missing = await runParley(['search', 'x', '--db', `postgres://parley@127.0.0.1:${server!.port}/nowhere`]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/no database "nowhere".*createdb nowhere/s);
      const empty = await runParley(['stats', '--db', await server!.createDatabase('empty')]);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toMatch(/no Parley database/);
      const usage = await runParley(['worker', '--db', join(dir, 'single.db')]);
      expect(usage.code).toBe(2);
    }, 60_000);
  });
} else {
  describe.skip('parley worker on a PostgreSQL queue (PostgreSQL is not installed)', () => it('needs PostgreSQL', () => undefined));
}
