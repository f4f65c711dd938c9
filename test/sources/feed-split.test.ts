import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { childJobId } from '../../src/queue/queue.js';
import type { FeedEntriesShare, FeedSplitter } from '../../src/sources/frontier.js';
import type { SourceOptions } from '../../src/sources/options.js';
import type { SourceItem } from '../../src/sources/page.js';
import { readShare, readSources, type SourceShare } from '../../src/sources/sources.js';
import { collect, withTempDir } from './helpers/collect.js';
import { html, respond, startServer, type Handler, type TestServer } from './helpers/server.js';

/**
 * A queue worker's feeds and sitemaps are shared out: reading one puts its entries back as shares (here
 * kept in a list, as the queue would), and reading every share until none is left gives what one crawl
 * of the feed gives, under the same keys — while each share fetches only its part.
 */

const options: Partial<SourceOptions> = { fetch: { allowPrivate: true, politenessDelayMs: 0, retryBaseDelayMs: 10, readTimeoutMs: 2000 } };
const xml = (body: string): Handler => respond(200, { 'Content-Type': 'application/xml' }, body);
const urlset = (origin: string, paths: readonly string[]): string => `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((p) => `<url><loc>${origin}${p}</loc></url>`).join('')}</urlset>`;
const index = (urls: readonly string[]): string => `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<sitemap><loc>${u}</loc></sitemap>`).join('')}</sitemapindex>`;
const article = (title: string): Handler => html(`<html><head><title>${title}</title></head><body><p>${title}.</p></body></html>`);

interface Run {
  /** Every item of every share, in the order read. */
  readonly items: SourceItem[];
  /** Every share read, the first one included, with the items it gave. */
  readonly shares: { readonly share: SourceShare; readonly items: SourceItem[] }[];
}

const INGEST = '0b5e3f7a-2c41-4d8e-9a6b-1f2e3d4c5b6a';

/**
 * Reads a share, then every share it (and they) put back, as workers taking them from the queue would:
 * a share queued again under the same id (childJobId) is not queued twice, and a key committed by an
 * earlier share is done (the store's `isDone`).
 */
async function drain(first: SourceShare, urlsPerShare: number, extra: Partial<SourceOptions> = {}, byId = true): Promise<Run> {
  const queue: SourceShare[] = [first];
  const ids = new Set<string>();
  const done = new Set<string>();
  const run: Run = { items: [], shares: [] };
  const enqueue = async (shares: readonly FeedEntriesShare[]): Promise<void> => {
    for (const share of shares) {
      const id = childJobId({ share, settings: {}, ingest: INGEST });
      if (!byId || !ids.has(id)) queue.push(share);
      ids.add(id);
    }
  };
  const split: FeedSplitter = { urlsPerShare, enqueue };
  for (let share = queue.shift(); share !== undefined; share = queue.shift()) {
    const items = await collect(readShare(share, { ...options, ...extra, split, isDone: (key) => done.has(key) }));
    for (const item of items) if (item.kind !== 'skipped') done.add(item.key);
    run.items.push(...items);
    run.shares.push({ share, items });
  }
  return run;
}

/** What is committed for items: the key, the source and the kind (and the failure code); skips are not committed. */
const committed = (items: readonly SourceItem[]): string[] =>
  items
    .filter((item) => item.kind !== 'skipped')
    .map((item) => `${item.kind} ${item.key} ${item.source}${item.kind === 'failure' ? ` ${item.code}` : ''}${item.kind === 'page' ? ` ${item.url}` : ''}`)
    .sort();

describe('feeds and sitemaps shared out by queue workers', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  async function site(routes: (origin: string) => Record<string, Handler>): Promise<TestServer> {
    const server = await startServer(routes);
    servers.push(server);
    return server;
  }

  it('makes each sitemap of an index a job, and cuts each sitemap into shares of entries, with what one crawl stores', async () => {
    const first = Array.from({ length: 15 }, (_, i) => `/a/${i}`);
    const second = Array.from({ length: 14 }, (_, i) => `/b/${i}`);
    const server = await site((origin) => ({
      '/sitemap.xml': xml(index([`${origin}/one.xml`, `${origin}/two.xml`, 'ftp://elsewhere/three.xml'])),
      '/one.xml': xml(urlset(origin, first)),
      '/two.xml': xml(urlset(origin, [...second, '/missing'])),
      ...Object.fromEntries([...first, ...second].map((path) => [path, article(path)])),
    }));
    const root = server.url('/sitemap.xml');
    const run = await drain({ kind: 'inputs', inputs: [root] }, 4);
    const single = await collect(readSources([root], options));
    expect(committed(run.items)).toEqual(committed(single));
    expect(run.items.filter((item) => item.kind === 'page')).toHaveLength(29);

    // The index's job reads only the index: it fails the entry that is not a URL and queues its two sitemaps.
    expect(run.shares[0]!.items).toEqual([expect.objectContaining({ kind: 'failure', code: 'BAD_URL', via: root })]);
    const sitemaps = run.shares.filter(({ share }) => share.kind === 'feed-entries' && share.accept === 'feed');
    expect(sitemaps.map(({ share }) => share)).toEqual([
      { kind: 'feed-entries', feed: root, accept: 'feed', depth: 1, urls: [server.url('/one.xml')], ancestors: [`url:${root}`] },
      { kind: 'feed-entries', feed: root, accept: 'feed', depth: 1, urls: [server.url('/two.xml')], ancestors: [`url:${root}`] },
    ]);
    expect(sitemaps.every(({ items }) => items.length === 0)).toBe(true);
    // Each sitemap's entries are fetched by shares of at most 4 URLs, each with the sitemap as via.
    const entries = run.shares.filter(({ share }) => share.kind === 'feed-entries' && share.accept === 'page');
    expect(entries.map(({ share }) => (share as FeedEntriesShare).urls.length)).toEqual([4, 4, 4, 3, 4, 4, 4, 3]);
    expect(entries.every(({ share, items }) => items.every((item) => item.via === (share as FeedEntriesShare).feed))).toBe(true);
    // Every page was fetched once.
    for (const path of [...first, ...second]) expect(server.hits(path)).toBe(2); // once by the shares, once by the single crawl
  });

  it('fetches a feed that fits in one share in the job that read it', async () => {
    const server = await site((origin) => ({
      '/feed': respond(200, { 'Content-Type': 'application/rss+xml' }, `<rss version="2.0"><channel><item><link>${origin}/x</link></item><item><link>${origin}/y</link></item></channel></rss>`),
      '/x': article('X'),
      '/y': article('Y'),
    }));
    const run = await drain({ kind: 'inputs', inputs: [server.url('/feed')] }, 2);
    expect(run.shares).toHaveLength(1);
    expect(run.items.map((item) => item.kind)).toEqual(['page', 'page']);
  });

  it('ends loops across jobs (an index listing itself, two indexes listing each other) as one crawl does', async () => {
    const server = await site((origin) => ({
      '/self.xml': xml(index([`${origin}/self.xml`, `${origin}/other.xml`, `${origin}/pages.xml`])),
      '/other.xml': xml(index([`${origin}/self.xml`, `${origin}/pages.xml`])),
      '/pages.xml': xml(urlset(origin, ['/p/1', '/p/2', '/p/3'])),
      '/p/1': article('One'),
      '/p/2': article('Two'),
      '/p/3': article('Three'),
    }));
    const root = server.url('/self.xml');
    const run = await drain({ kind: 'inputs', inputs: [root] }, 2);
    const single = await collect(readSources([root], options));
    expect(committed(run.items)).toEqual(committed(single));
    expect(committed(run.items).filter((line) => line.startsWith('page'))).toHaveLength(3);
    expect(run.items.filter((item) => item.kind === 'failure')).toEqual([]);
    // Each index and sitemap is read by one job, and the index once more as a sitemap of itself, as one crawl does.
    expect(run.shares.map(({ share }) => (share.kind === 'feed-entries' ? `${share.accept} ${share.urls.join(' ')}` : 'root'))).toEqual([
      'root',
      `feed ${root}`,
      `feed ${server.url('/other.xml')}`,
      `feed ${server.url('/pages.xml')}`,
      `page ${server.url('/p/1')} ${server.url('/p/2')}`,
      `page ${server.url('/p/3')}`,
    ]);
    // Without the queue's ids (a job queued again after its first run left the queue), the feeds each share
    // carries on its way end the loops all the same.
    const unnamed = await drain({ kind: 'inputs', inputs: [root] }, 2, {}, false);
    expect(committed(unnamed.items)).toEqual(committed(single));
    expect(unnamed.shares.filter(({ share }) => share.kind === 'feed-entries' && share.accept === 'feed')).toHaveLength(9);
  });

  it('keeps maxSitemapDepth across jobs', async () => {
    const server = await site((origin) => ({
      '/sitemap.xml': xml(index([`${origin}/s1.xml`, `${origin}/nested.xml`])),
      '/s1.xml': xml(urlset(origin, ['/x', '/y', '/w'])),
      '/nested.xml': xml(index([`${origin}/s2.xml`])),
      '/s2.xml': xml(urlset(origin, ['/z'])),
      '/x': article('X'),
      '/y': article('Y'),
      '/w': article('W'),
      '/z': article('Z'),
    }));
    const root = server.url('/sitemap.xml');
    for (const maxSitemapDepth of [1, 3]) {
      const run = await drain({ kind: 'inputs', inputs: [root] }, 2, { maxSitemapDepth });
      const single = await collect(readSources([root], { ...options, maxSitemapDepth }));
      expect(committed(run.items)).toEqual(committed(single));
      expect(run.items.filter((item) => item.kind === 'page')).toHaveLength(maxSitemapDepth === 1 ? 3 : 4);
      if (maxSitemapDepth === 1) expect(run.items.filter((item) => item.kind === 'failure')).toEqual([expect.objectContaining({ code: 'FEED_LIMIT', url: server.url('/nested.xml') })]);
    }
  });

  it('shares out a sitemap saved to disk', async () => {
    const paths = ['/m/1', '/m/2', '/m/3', '/m/4', '/m/5'];
    const server = await site(() => Object.fromEntries(paths.map((path) => [path, article(path)])));
    await withTempDir(async (dir) => {
      const file = join(dir, 'sitemap.xml');
      await writeFile(file, urlset(server.origin, paths));
      const run = await drain({ kind: 'inputs', inputs: [file] }, 2);
      expect(committed(run.items)).toEqual(committed(await collect(readSources([file], options))));
      expect(run.shares.map(({ share }) => share.kind)).toEqual(['inputs', 'feed-entries', 'feed-entries', 'feed-entries']);
    });
  });
});

describe('childJobId', () => {
  const share: FeedEntriesShare = { kind: 'feed-entries', feed: 'https://a.example/s.xml', accept: 'page', depth: 0, urls: ['https://a.example/1'], ancestors: [] };

  it('names a job by its ingest and what it fetches: the same entries from another feed or path are the same job', () => {
    const id = childJobId({ share, settings: {}, ingest: INGEST });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(childJobId({ share: { ...share, feed: 'https://a.example/t.xml', depth: 1, ancestors: ['url:x'] }, settings: {}, ingest: INGEST })).toBe(id);
    expect(childJobId({ share, settings: {}, ingest: '0b5e3f7a-2c41-4d8e-9a6b-1f2e3d4c5b6b' })).not.toBe(id);
    expect(childJobId({ share: { ...share, urls: ['https://a.example/2'] }, settings: {}, ingest: INGEST })).not.toBe(id);
    expect(childJobId({ share: { ...share, accept: 'feed' }, settings: {}, ingest: INGEST })).not.toBe(id);
  });
});
