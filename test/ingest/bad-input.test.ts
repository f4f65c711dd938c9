import { mkdir, writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTempDir } from '../cli/run-parley.js';
import { html, respond, startServer, type Handler, type TestServer } from '../sources/helpers/server.js';
import { gzipArchive, htmlResponse, warcRecord } from '../sources/helpers/warc-builder.js';
import { countRows, expectCountsAddUp, problemsIn, runIngest } from './helpers/cli.js';
import { storyPage } from './helpers/pages.js';

/**
 * Every kind of bad input the issue lists, in one real `parley ingest` run (worker threads, SQLite):
 * each is recorded with its reason, the run goes on, and the counts add up.
 */

const FAST = ['--delay', '0', '--timeout', '1s', '--jobs', '2', '--allow-private', '--json'];

/** 50 MB of HTML, written as the client reads it (no Content-Length: the client must stop by itself). */
function fiftyMegabytes(): Handler {
  return (_request, response: ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < 50 * 1024 * 1024 && !response.destroyed) {
        sent += chunk.byteLength;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  };
}

/**
 * Most of a page at once, then a byte every 100 ms, with no Content-Length (the body ends when the
 * connection closes): never silent long enough for --timeout, so only --total-timeout ends it. Written on
 * the socket, because Node's server would frame such a body as chunked.
 */
function trickle(page: string): Handler {
  return (_request, response: ServerResponse) => {
    const socket = response.socket!;
    socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n${page.slice(0, -100)}`);
    const timer = setInterval(() => socket.write(' '), 100);
    socket.on('close', () => clearInterval(timer));
  };
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer((origin) => ({
    '/robots.txt': respond(200, { 'Content-Type': 'text/plain' }, 'User-agent: *\nDisallow: /private/\n'),
    '/news/good': html(storyPage(1)),
    '/news/also-good': html(storyPage(2)),
    '/news/from-sitemap': html(storyPage(3)),
    '/private/story': html(storyPage(4)),
    '/report.pdf': respond(200, { 'Content-Type': 'application/pdf' }, '%PDF-1.7\n%âãÏÓ\n'),
    '/photo.jpg': respond(200, { 'Content-Type': 'image/jpeg' }, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16])),
    '/huge': fiftyMegabytes(),
    '/hang': () => undefined,
    '/trickle': trickle(storyPage(5)),
    '/loop-a': respond(302, { Location: '/loop-b' }),
    '/loop-b': respond(302, { Location: '/loop-a' }),
    '/sitemap-index.xml': respond(
      200,
      { 'Content-Type': 'application/xml' },
      `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/broken-sitemap.xml</loc></sitemap><sitemap><loc>${origin}/good-sitemap.xml</loc></sitemap></sitemapindex>`,
    ),
    '/broken-sitemap.xml': respond(200, { 'Content-Type': 'application/xml' }, '<?xml version="1.0"?><urlset><url><loc>unclosed'),
    '/good-sitemap.xml': respond(200, { 'Content-Type': 'application/xml' }, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/news/from-sitemap</loc></url></urlset>`),
    '/broken-feed.xml': respond(200, { 'Content-Type': 'application/rss+xml' }, '<rss><channel><item><link>'),
  }));
});
afterAll(async () => server?.close());

/** A WARC.gz with a good record, a corrupt gzip member, a record whose Content-Length lies, a non-HTML record, and a good record. */
function damagedArchive(): Buffer {
  const archive = gzipArchive([
    warcRecord(htmlResponse('https://harbour.example/news/a', storyPage(10))),
    warcRecord(htmlResponse('https://harbour.example/news/b', storyPage(11))),
    warcRecord({ ...htmlResponse('https://harbour.example/news/lies', storyPage(12)), lengthError: 40 }),
    warcRecord({ type: 'response', uri: 'https://harbour.example/scan.pdf', http: 'HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n\r\n', body: '%PDF-1.7 ...' }),
    warcRecord(htmlResponse('https://harbour.example/news/c', storyPage(13))),
  ]);
  const bytes = Buffer.from(archive.bytes);
  bytes.fill(0x55, archive.offsets[1]! + 30, archive.offsets[1]! + 80);
  return bytes;
}

describe('parley ingest on bad input', () => {
  it('records each bad input with its reason and goes on; the counts add up; exit 0', async () => {
    await withTempDir(async (dir) => {
      const pages = join(dir, 'pages');
      await mkdir(pages);
      await writeFile(join(pages, 'good.html'), storyPage(20));
      await writeFile(join(pages, 'truncated.html.gz'), gzipSync(storyPage(21)).subarray(0, 300));
      // A million elements (8 MB, under --max-bytes) and 100,000-deep nesting: TOO_COMPLEX at once, within the worker heap.
      await writeFile(join(pages, 'wide.html'), storyPage(22).replace('</body>', `<p>${'<b>x</b>'.repeat(1_000_000)}</p></body>`));
      await writeFile(join(pages, 'deep.html'), storyPage(23).replace('</body>', `${'<div>'.repeat(100_000)}</body>`));
      await writeFile(join(dir, 'crawl.warc.gz'), damagedArchive());
      const list = join(dir, 'urls.txt');
      const paths = ['/news/good', '/report.pdf', '/photo.jpg', '/huge', '/hang', '/trickle', '/loop-a', '/private/story', '/news/also-good'];
      await writeFile(list, ['# pages to take in', ...paths.map((path) => server.url(path)), 'not a url', 'ftp://files.example/story.html', 'http://two urls.example/ on one line', ''].join('\n'));
      const db = join(dir, 'archive.db');

      const run = await runIngest(['--db', db, ...FAST, '--total-timeout', '1500ms', pages, join(dir, 'crawl.warc.gz'), list, server.url('/sitemap-index.xml')]);
      expect(run.code, run.stderr).toBe(0);
      const report = run.report!;
      expectCountsAddUp(report);
      expect(report).toMatchObject({ status: 'completed', stored: 6, duplicates: 0, rejected: 3, unreadableSources: [] });
      expect(report.rejectedByReason).toEqual({ NOT_HTML: 3 });
      expect(report.failedByReason).toEqual({
        TRUNCATED_GZIP: 1,
        TOO_COMPLEX: 2,
        CORRUPT_GZIP: 1,
        LENGTH_MISMATCH: 1,
        TOO_LARGE: 1,
        TIMEOUT: 1,
        TRUNCATED: 1,
        REDIRECT_LOOP: 1,
        ROBOTS_DISALLOWED: 1,
        BAD_URL: 3,
        BAD_FEED: 1,
      });
      // The database holds the same: one row per page, one reason per problem page.
      expect(countRows(db, 'SELECT count(*) AS n FROM pages')).toBe(report.seen);
      expect(countRows(db, 'SELECT count(*) AS n FROM articles')).toBe(report.stored);
      const problems = problemsIn(db);
      expect(problems).toHaveLength(report.rejected + report.failed);
      const byCode = (code: string) => problems.filter((row) => row.code === code);
      expect(byCode('TIMEOUT')[0]).toMatchObject({ url: server.url('/hang'), stage: 'fetch', kind: 'failed' });
      expect(byCode('ROBOTS_DISALLOWED')[0]).toMatchObject({ url: server.url('/private/story'), stage: 'robots' });
      expect(byCode('BAD_FEED')[0]!.message).toContain('broken-sitemap.xml');
      expect(byCode('BAD_URL').map((row) => row.source)).toEqual([`${list}:11`, `${list}:12`, `${list}:13`]);
      // The page cut off by --total-timeout is a failure that says so, and no article holds its start.
      expect(byCode('TRUNCATED')[0]).toMatchObject({ url: server.url('/trickle'), stage: 'fetch', kind: 'failed', message: expect.stringContaining('--total-timeout') });
      expect(countRows(db, `SELECT count(*) AS n FROM articles WHERE url = '${server.url('/trickle')}'`)).toBe(0);
      expect(byCode('NOT_HTML').map((row) => row.kind)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(byCode('TOO_LARGE')[0]!.url).toBe(server.url('/huge'));
      expect(byCode('LENGTH_MISMATCH')[0]!.message).toContain('Content-Length');
      expect(byCode('TOO_COMPLEX').map((row) => row.message)).toEqual([expect.stringContaining('--max-nesting'), expect.stringContaining('--max-elements')]);
      expect(server.hits('/private/story')).toBe(0);
    });
  });

  it('exits 1 when a named source cannot be read at all (a feed that is not XML, a missing file), after taking the rest', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'page.html'), storyPage(30));
      const db = join(dir, 'archive.db');
      const missing = join(dir, 'nowhere', 'pages');
      const run = await runIngest(['--db', db, ...FAST, server.url('/broken-feed.xml'), join(dir, 'page.html'), missing]);
      expect(run.code).toBe(1);
      const report = run.report!;
      expectCountsAddUp(report);
      expect(report).toMatchObject({ seen: 3, stored: 1, failed: 2, failedByReason: { BAD_FEED: 1, NOT_FOUND: 1 } });
      expect(report.unreadableSources.map((entry) => entry.source)).toEqual([server.url('/broken-feed.xml'), missing]);
      expect(run.stderr).toContain('2 sources could not be read at all');
    });
  });

  it('--strict exits 1 when any page failed; without it the same run exits 0', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'good.html'), storyPage(40));
      await writeFile(join(dir, 'cut.html.gz'), gzipSync(storyPage(41)).subarray(0, 100));
      const lenient = await runIngest(['--db', join(dir, 'a.db'), '--quiet', dir]);
      expect(lenient).toMatchObject({ code: 0, stdout: '', stderr: '' });
      const strict = await runIngest(['--db', join(dir, 'b.db'), '--strict', dir]);
      expect(strict.code).toBe(1);
      expect(strict.stderr).toMatch(/cut\.html\.gz: .*truncated.* \[TRUNCATED_GZIP\]/);
      expect(strict.stderr).toMatch(/failed +1 +TRUNCATED_GZIP 1/);
    });
  });
});

describe('parley ingest when nothing could be taken in', () => {
  it('exits 1 for an archive with not one readable record, and for a run in which every page failed', async () => {
    await withTempDir(async (dir) => {
      const noise = join(dir, 'random.warc.gz');
      await writeFile(noise, Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 251)));
      const archive = await runIngest(['--db', join(dir, 'a.db'), '--no-analysis', '--json', noise]);
      expect(archive.code, archive.stderr).toBe(1);
      expect(archive.report!.unreadableSources).toEqual([expect.objectContaining({ source: noise, code: 'NOT_WARC' })]);
      expect(archive.stderr).toContain('a source could not be read at all');

      const pages = join(dir, 'pages');
      await mkdir(pages);
      await writeFile(join(pages, 'cut.html.gz'), gzipSync(storyPage(50)).subarray(0, 100));
      await writeFile(join(pages, 'also-cut.html.gz'), gzipSync(storyPage(51)).subarray(0, 120));
      const failing = await runIngest(['--db', join(dir, 'b.db'), '--no-analysis', pages]);
      expect(failing.code, failing.stderr).toBe(1);
      expect(failing.stderr).toContain('every page failed (2); nothing was taken in');
    });
  });
});
