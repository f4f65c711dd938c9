import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyPage } from '../ingest/helpers/pages.js';
import { html, respond, startServer, type TestServer } from '../sources/helpers/server.js';
import { jsonLines, runParley, withTempDir } from './run-parley.js';

/**
 * `parley extract` (and `analyze`) on what is fetched: URLs, URL lists, feeds and sitemaps, with the
 * fetcher of `parley ingest` — robots.txt, private addresses refused unless allowed, size limits — as a
 * real process against a real local server.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer((origin) => ({
    '/robots.txt': respond(200, { 'Content-Type': 'text/plain' }, 'User-agent: *\nDisallow: /private/\n'),
    '/news/a': html(storyPage(61)),
    '/news/b': html(storyPage(62)),
    '/private/c': html(storyPage(63)),
    '/big': html(storyPage(64).replace('</body>', `<p>${'x'.repeat(80 * 1024)}</p></body>`)),
    '/sitemap.xml': respond(200, { 'Content-Type': 'application/xml' }, `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/news/a</loc></url><url><loc>${origin}/news/b</loc></url></urlset>`),
  }));
});
afterAll(async () => server?.close());

const FETCH = ['--allow-private', '--delay', '0'];

describe('parley extract with URLs, URL lists and sitemaps', () => {
  it('fetches one URL and prints its article as JSON, its address resolving the page', async () => {
    const run = await runParley(['extract', ...FETCH, server.url('/news/a')]);
    expect(run.code, run.stderr).toBe(0);
    const article = JSON.parse(run.stdout) as { title: string; url: string };
    expect(article).toMatchObject({ title: 'Story number 61 of the day', url: server.url('/news/a') });
  });

  it('takes a URL list and a sitemap: one line per page; robots.txt, private addresses and size limits hold as in ingest', async () => {
    await withTempDir(async (dir) => {
      const list = join(dir, 'urls.txt');
      await writeFile(list, [server.url('/news/a'), server.url('/private/c'), server.url('/big'), 'not a url', ''].join('\n'));
      const run = await runParley(['extract', ...FETCH, '--max-bytes', '64KB', '--format', 'jsonl', list, server.url('/sitemap.xml')]);
      expect(run.code).toBe(1);
      const lines = jsonLines(run.stdout);
      // The pages of a list or a sitemap come as their fetches finish; the list's come before the sitemap's.
      const outcomes = lines.map((line) => (line.error as { code: string } | undefined)?.code ?? line.title);
      expect(outcomes.slice(0, 4).sort()).toEqual(['BAD_URL', 'ROBOTS_DISALLOWED', 'Story number 61 of the day', 'TOO_LARGE']);
      expect(outcomes.slice(4).sort()).toEqual(['Story number 61 of the day', 'Story number 62 of the day']);
      expect(server.hits('/private/c')).toBe(0);
      // Without --allow-private, the loopback server is refused: nothing is fetched from it.
      const refused = await runParley(['extract', '--format', 'jsonl', server.url('/news/b')]);
      expect(refused.code).toBe(1);
      expect(jsonLines(refused.stdout)[0]).toMatchObject({ error: { code: 'PRIVATE_ADDRESS', message: expect.stringContaining('--allow-private') } });
    });
  });

  it('writes one file per fetched page under --output, named by host and path', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'clean');
      const run = await runParley(['extract', ...FETCH, '--format', 'markdown', '--output', out, server.url('/sitemap.xml')]);
      expect(run.code, run.stderr).toBe(0);
      const host = new URL(server.origin).host.replace(/[^\w.-]/g, '_');
      expect((await readdir(join(out, host, 'news'))).sort()).toEqual(['a.md', 'b.md']);
      expect(await readFile(join(out, host, 'news', 'b.md'), 'utf8')).toContain('# Story number 62 of the day');
    });
  });

  it('analyze takes a URL too', async () => {
    const run = await runParley(['analyze', ...FETCH, server.url('/news/b')]);
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { article: { title: string } }).article.title).toBe('Story number 62 of the day');
  });
});
