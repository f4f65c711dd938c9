import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/sources/feeds/parse.js';
import { readSources } from '../../src/sources/sources.js';
import type { SourceOptions } from '../../src/sources/options.js';
import { collect, failures, pages, SOURCE_FIXTURES, withTempDir } from './helpers/collect.js';
import { html, respond, startServer, type Handler, type TestServer } from './helpers/server.js';

const FEEDS = join(SOURCE_FIXTURES, 'feeds');
const feed = (name: string): Buffer => readFileSync(join(FEEDS, name));
const urls = (bytes: Uint8Array, base: string | null = 'https://gazette.example/feed.xml'): (string | null)[] => {
  const parsed = parseFeed(bytes, base, 1000);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.feed.entries.map((entry) => entry.url);
};

describe('parseFeed', () => {
  it('reads RSS 2.0 links (entities and CDATA, relative links, permalink guids), without repeats', () => {
    expect(urls(feed('rss.xml'))).toEqual([
      'https://gazette.example/2024/ferry-pier?ref=rss&page=1',
      'https://gazette.example/2024/library-sundays',
      'https://gazette.example/2024/market',
      null,
    ]);
    const parsed = parseFeed(feed('rss.xml'), 'https://gazette.example/feed.xml', 1000);
    expect(parsed.ok && parsed.feed.entries.at(-1)!.raw).toBe('mailto:editor@gazette.example');
  });

  it('reads Atom alternate links (HTML first), RSS 1.0, news sitemaps and sitemap indexes', () => {
    expect(urls(feed('atom.xml'))).toEqual(['https://gazette.example/2024/ferry-pier', 'https://gazette.example/2024/library-sundays']);
    expect(urls(feed('rdf.xml'))).toEqual(['https://gazette.example/2024/ferry-pier']);
    expect(urls(feed('news-sitemap.xml'))).toEqual(['https://gazette.example/2024/ferry-pier', 'https://gazette.example/2024/library-sundays']);
    const index = parseFeed(feed('sitemap-index.xml'), null, 1000);
    expect(index.ok && index.feed.format).toBe('sitemap-index');
    expect(urls(feed('sitemap-index.xml'))).toEqual(['https://gazette.example/sitemaps/2024-03.xml', 'https://gazette.example/sitemaps/2024-04.xml']);
  });

  it('does not expand DOCTYPE entities, only the predefined ones and character references', () => {
    const found = urls(feed('entities.xml'));
    expect(found).toEqual(['https://gazette.example/&c;', 'https://gazette.example/search?q=pier&year=2024&x=1']);
  });

  it('says where XML is not well-formed, and what a non-feed root is', () => {
    const broken = parseFeed(feed('not-xml.xml'), null, 1000);
    expect(broken).toMatchObject({ ok: false, message: expect.stringMatching(/not well-formed XML.*line 2/) });
    expect(parseFeed(Buffer.from('<html><body>hi</body></html>'), null, 10)).toMatchObject({ ok: false, message: expect.stringContaining('<html>') });
    expect(parseFeed(Buffer.from('{"items": []}'), null, 10)).toMatchObject({ ok: false });
  });

  it('says where a feed cut short ends and what is left open, not the parser\'s internal path', () => {
    const whole = feed('news-sitemap.xml').toString('utf8');
    expect(parseFeed(feed('news-sitemap.xml'), null, 1000).ok).toBe(true);
    for (const keep of [0.3, 0.5, 0.7, 0.9]) {
      const cut = whole.slice(0, Math.floor(whole.length * keep));
      const parsed = parseFeed(Buffer.from(cut), null, 1000);
      expect(parsed.ok, `${keep}`).toBe(false);
      const message = (parsed as { message: string }).message;
      expect(message, `${keep}`).toMatch(/^It ends before its XML does, at line \d+, column \d+ \(\d+ characters\): .*The feed is cut short/);
      expect(message).not.toContain('[');
    }
    const open = parseFeed(Buffer.from('<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<item><link>https://a.example/1</lin'), null, 10);
    expect(open).toMatchObject({ ok: false, message: expect.stringContaining('at line 4, column') });
  });

  it('keeps at most maxEntries and counts the rest', () => {
    const parsed = parseFeed(feed('news-sitemap.xml'), null, 1);
    expect(parsed).toMatchObject({ ok: true, feed: { entries: [{ url: 'https://gazette.example/2024/ferry-pier' }], dropped: 1 } });
  });
});

describe('feeds and sitemaps over HTTP', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const options: Partial<SourceOptions> = { fetch: { allowPrivate: true, politenessDelayMs: 0, retryBaseDelayMs: 10, readTimeoutMs: 2000 } };

  async function site(routes: (origin: string) => Record<string, Handler>): Promise<TestServer> {
    const server = await startServer(routes);
    servers.push(server);
    return server;
  }

  const article = (title: string): Handler => html(`<html><head><title>${title}</title></head><body><p>${title}.</p></body></html>`);
  const xml = (body: string, type = 'application/xml'): Handler => respond(200, { 'Content-Type': type }, body);
  const urlset = (origin: string, paths: readonly string[]): string => `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${paths.map((path) => `<url><loc>${origin}${path}</loc></url>`).join('')}</urlset>`;

  it('fetches the articles of an RSS feed given as a URL, each with the feed as via', async () => {
    const server = await site((origin) => ({
      '/feed': xml(`<rss version="2.0"><channel><item><link>${origin}/a</link></item><item><link>/b</link></item><item><link>${origin}/gone</link></item></channel></rss>`, 'application/rss+xml'),
      '/a': article('A'),
      '/b': article('B'),
    }));
    const items = await collect(readSources([server.url('/feed')], options));
    expect(pages(items).map((page) => page.url).sort()).toEqual([server.url('/a'), server.url('/b')]);
    expect(pages(items).every((page) => page.via === server.url('/feed'))).toBe(true);
    expect(failures(items)).toEqual([expect.objectContaining({ code: 'HTTP_404', scope: 'item', via: server.url('/feed') })]);
  });

  it('follows a sitemap index into its (gzipped) sitemaps, and stops at maxSitemapDepth', async () => {
    const server = await site((origin) => ({
      '/sitemap.xml': xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/s1.xml.gz</loc></sitemap><sitemap><loc>${origin}/nested.xml</loc></sitemap></sitemapindex>`),
      '/s1.xml.gz': respond(200, { 'Content-Type': 'application/gzip' }, gzipSync(urlset(origin, ['/x', '/y']))),
      '/nested.xml': xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/s2.xml</loc></sitemap></sitemapindex>`),
      '/s2.xml': xml(urlset(origin, ['/z'])),
      '/x': article('X'),
      '/y': article('Y'),
      '/z': article('Z'),
    }));
    const deep = await collect(readSources([server.url('/sitemap.xml')], options));
    expect(pages(deep).map((page) => page.url).sort()).toEqual(['/x', '/y', '/z'].map((path) => server.url(path)));
    const shallow = await collect(readSources([server.url('/sitemap.xml')], { ...options, maxSitemapDepth: 1 }));
    expect(pages(shallow).map((page) => page.url).sort()).toEqual(['/x', '/y'].map((path) => server.url(path)));
    expect(failures(shallow)).toEqual([expect.objectContaining({ code: 'FEED_LIMIT', url: server.url('/nested.xml'), message: expect.stringContaining('--max-sitemap-depth / maxSitemapDepth') })]);
  });

  it('reads a sitemap index that lists itself (and one that loops through another) without looping', async () => {
    const server = await site((origin) => ({
      '/self.xml': xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/self.xml</loc></sitemap><sitemap><loc>${origin}/other.xml</loc></sitemap></sitemapindex>`),
      '/other.xml': xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/self.xml</loc></sitemap><sitemap><loc>${origin}/pages.xml</loc></sitemap></sitemapindex>`),
      '/pages.xml': xml(urlset(origin, ['/x'])),
      '/x': article('X'),
    }));
    const items = await collect(readSources([server.url('/self.xml')], options));
    expect(pages(items).map((page) => page.url)).toEqual([server.url('/x')]);
    // Named as a source it is read once, and once more as its own entry; then the loop is seen and stops.
    expect(server.hits('/self.xml')).toBeLessThanOrEqual(2);
    expect(server.hits('/other.xml')).toBe(1);
    expect(server.hits('/x')).toBe(1);
  });

  it('reports a feed that is not valid XML as BAD_FEED (a source failure when it was named)', async () => {
    const server = await site(() => ({ '/feed': xml(feed('not-xml.xml').toString(), 'application/rss+xml') }));
    const items = await collect(readSources([server.url('/feed')], options));
    expect(items).toEqual([expect.objectContaining({ kind: 'failure', code: 'BAD_FEED', stage: 'feed', scope: 'source', message: expect.stringContaining('line 2') })]);
  });

  it('reads a feed saved to disk and fetches its entries', async () => {
    const server = await site(() => ({ '/pier': article('Pier'), '/library': article('Library') }));
    await withTempDir(async (dir) => {
      const path = join(dir, 'sitemap.xml');
      await writeFile(path, urlset(server.origin, ['/pier', '/library', '/pier']));
      const items = await collect(readSources([path], options));
      expect(pages(items).map((page) => [page.url, page.via])).toEqual(expect.arrayContaining([[server.url('/pier'), path], [server.url('/library'), path]]));
      expect(items).toHaveLength(2);
      await writeFile(path, '<urlset><url><loc>unclosed');
      expect(await collect(readSources([path], options))).toEqual([expect.objectContaining({ code: 'BAD_FEED', scope: 'source' })]);
    });
  });
});
