import { copyFile, mkdir, utimes, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { isParleyError } from '../../src/pipeline/errors.js';
import { fileKey, urlKey } from '../../src/sources/keys.js';
import type { SourceOptions } from '../../src/sources/options.js';
import type { SourceItem } from '../../src/sources/page.js';
import { readSources } from '../../src/sources/sources.js';
import { collect, failures, pages, SOURCE_FIXTURES, text, withTempDir } from './helpers/collect.js';
import { html, startServer, type TestServer } from './helpers/server.js';
import { articleHtml, gzipArchive, htmlResponse, requestFor, warcRecord } from './helpers/warc-builder.js';

const PAGES = join(SOURCE_FIXTURES, 'pages');
const LOCAL: Partial<SourceOptions> = { fetch: { allowPrivate: true, politenessDelayMs: 0, readTimeoutMs: 2000, retryBaseDelayMs: 10 } };

function summary(item: SourceItem): string {
  switch (item.kind) {
    case 'page':
      return `page ${item.url ?? item.source}`;
    case 'failure':
      return `${item.code} ${item.source}`;
    case 'skipped':
      return `skipped:${item.reason} ${item.source}`;
    case 'not-modified':
      return `not-modified ${item.url}`;
  }
}

describe('readSources: files, directories, globs', () => {
  it('reads a file by its name, whatever its extension, with a key of path, size and time', async () => {
    const path = join(PAGES, 'ferry.html');
    const [item] = await collect(readSources([path]));
    expect(item).toMatchObject({ kind: 'page', source: path, url: null, headers: null, status: null, redirects: [], via: null });
    expect(item?.kind === 'page' && text(item)).toContain('Ferry pier extension approved');
    expect(item!.key).toMatch(new RegExp(`^file:${resolve(path).replaceAll('/', '\\/')}#\\d+-\\d+$`));
  });

  it('walks a directory for pages in a stable order, and reads archives found there', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'pages', 'sub'), { recursive: true });
      for (const name of ['ferry.html', 'library.htm', 'notes.txt', join('sub', 'market.xhtml')]) await copyFile(join(PAGES, name), join(dir, 'pages', name));
      await writeFile(join(dir, 'pages', 'zipped.html.gz'), gzipSync(articleHtml(7)));
      await writeFile(join(dir, 'pages', 'crawl.warc.gz'), gzipArchive([warcRecord(requestFor('https://harbour.example/1')), warcRecord(htmlResponse('https://harbour.example/1', articleHtml(1)))]).bytes);
      const items = await collect(readSources([join(dir, 'pages')]));
      const root = join(dir, 'pages') + sep;
      expect(items.map((item) => (item.kind === 'page' ? item.url ?? item.source.slice(root.length) : summary(item)))).toEqual([
        `skipped:warc-record-type ${root}crawl.warc.gz#record-1`,
        'https://harbour.example/1',
        'ferry.html',
        'library.htm',
        'zipped.html.gz',
        `sub${sep}market.xhtml`,
      ]);
      expect(text(pages(items).find((page) => page.source.endsWith('zipped.html.gz'))!)).toBe(articleHtml(7));
    });
  });

  it('expands glob patterns lazily, and reports a pattern that matches nothing', async () => {
    const items = await collect(readSources([join(PAGES, '**', '*.{html,xhtml}'), join(PAGES, '*.nothing')]));
    expect(pages(items).map((page) => page.source.slice(PAGES.length + 1)).sort()).toEqual(['ferry.html', join('sub', 'market.xhtml')]);
    expect(failures(items)).toEqual([expect.objectContaining({ code: 'NOT_FOUND', scope: 'source', message: expect.stringContaining('No file matches') })]);
  });

  it('reports a missing input as one source failure and goes on', async () => {
    const items = await collect(readSources(['/nonexistent/parley/page.html', join(PAGES, 'ferry.html')]));
    expect(items.map(summary)).toEqual(['NOT_FOUND /nonexistent/parley/page.html', `page ${join(PAGES, 'ferry.html')}`]);
    expect(items[0]).toMatchObject({ scope: 'source', stage: 'open' });
  });

  it('reports a truncated .html.gz, a corrupt one and a page over the size limit', async () => {
    await withTempDir(async (dir) => {
      const zipped = gzipSync(articleHtml(1));
      await writeFile(join(dir, 'cut.html.gz'), zipped.subarray(0, zipped.byteLength - 12));
      await writeFile(join(dir, 'corrupt.html.gz'), Buffer.concat([zipped.subarray(0, 10), Buffer.alloc(40, 0xff)]));
      await writeFile(join(dir, 'big.html'), `<p>${'x'.repeat(5000)}</p>`);
      await writeFile(join(dir, 'bomb.html.gz'), gzipSync(Buffer.alloc(100_000, 0x20)));
      const items = await collect(readSources([dir], { maxPageBytes: 4096 }));
      expect(items.map((item) => `${item.kind === 'failure' ? item.code : item.kind} ${item.source.slice(dir.length + 1)}`)).toEqual([
        'TOO_LARGE big.html',
        'TOO_LARGE bomb.html.gz',
        'CORRUPT_GZIP corrupt.html.gz',
        'TRUNCATED_GZIP cut.html.gz',
      ]);
      expect(failures(items).every((failure) => failure.scope === 'item' && failure.stage === 'read')).toBe(true);
    });
  });

  it('gives a file the same key on every run, and a new key when it changes', async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, 'story.html');
      await writeFile(path, articleHtml(1));
      await utimes(path, new Date('2024-03-05T10:00:00Z'), new Date('2024-03-05T10:00:00Z'));
      const first = await collect(readSources([path]));
      const second = await collect(readSources([path]));
      expect(second[0]!.key).toBe(first[0]!.key);
      expect(first[0]!.key).toBe(fileKey(resolve(path), Buffer.byteLength(articleHtml(1)), Date.parse('2024-03-05T10:00:00Z')));
      expect(first[0]).toMatchObject({ fetchedAt: '2024-03-05T10:00:00.000Z' });
      await writeFile(path, articleHtml(2));
      const changed = await collect(readSources([path]));
      expect(changed[0]!.key).not.toBe(first[0]!.key);
    });
  });

  it('skips what the caller says is done', async () => {
    const path = join(PAGES, 'ferry.html');
    const [first] = await collect(readSources([path]));
    const done = new Set([first!.key]);
    const items = await collect(readSources([path, join(PAGES, 'library.htm')], { isDone: (key) => done.has(key) }));
    expect(items.map((item) => item.kind)).toEqual(['skipped', 'page']);
    expect(items[0]).toMatchObject({ reason: 'already-done' });
  });

  it('validates its options on the first read', async () => {
    const outcome = await collect(readSources([], { concurrency: 0 })).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isParleyError(outcome) && outcome.code === 'E_OPTION').toBe(true);
  });
});

describe('readSources: URLs and URL lists', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('fetches a URL list, reporting junk lines with their numbers', async () => {
    server = await startServer({ '/a': html(articleHtml(1)), '/b': html(articleHtml(2)) });
    await withTempDir(async (dir) => {
      const list = join(dir, 'urls.txt');
      await writeFile(list, ['# harbour stories', '', server.url('/a'), 'not a url', `  ${server.url('/b')}  `, 'ftp://files.example/x', `${server.url('/a')} and some words`, 'x'.repeat(10_000), server.url('/missing')].join('\n'));
      const items = await collect(readSources([list], { ...LOCAL, maxUrlLineBytes: 2048 }));
      expect(pages(items).map((page) => page.url).sort()).toEqual([server.url('/a'), server.url('/b')]);
      expect(pages(items).find((page) => page.url === server.url('/a'))).toMatchObject({ via: `${list}:3`, key: urlKey(server.url('/a')), status: 200 });
      const junk = failures(items).filter((failure) => failure.code === 'BAD_URL');
      expect(junk.map((failure) => failure.source)).toEqual([4, 6, 7, 8].map((line) => `${list}:${line}`));
      expect(junk.every((failure) => failure.stage === 'url-list' && failure.scope === 'item')).toBe(true);
      expect(junk[0]!.message).toContain('Line 4');
      expect(junk[3]!.message).toContain('longer than');
      expect(failures(items).filter((failure) => failure.code === 'HTTP_404').map((failure) => failure.url)).toEqual([server.url('/missing')]);
    });
  });

  it('fetches URL arguments, skipping repeats within the run and keys already done', async () => {
    server = await startServer({ '/a': html(articleHtml(1)), '/b': html(articleHtml(2)), '/c': html(articleHtml(3)) });
    const done = new Set([urlKey(server.url('/c'))]);
    const items = await collect(readSources([server.url('/a'), server.url('/b'), `${server.url('/a')}#comments`, server.url('/c')], { ...LOCAL, isDone: (key) => done.has(key) }));
    expect(items.map(summary).sort()).toEqual([`page ${server.url('/a')}`, `page ${server.url('/b')}`, `skipped:already-done ${server.url('/c')}`, `skipped:duplicate-url ${server.url('/a')}#comments`].sort());
    expect(server.hits('/c')).toBe(0);
    expect(server.hits('/a')).toBe(1);
  });

  it('reports a URL that fails as a source failure, and a PDF as NOT_HTML', async () => {
    server = await startServer({ '/doc.pdf': (_request, response) => void response.writeHead(200, { 'Content-Type': 'application/pdf' }).end('%PDF') });
    const items = await collect(readSources([server.url('/gone'), server.url('/doc.pdf')], LOCAL));
    expect(items.map((item) => (item.kind === 'failure' ? [item.code, item.scope] : item.kind)).sort()).toEqual([
      ['HTTP_404', 'source'],
      ['NOT_HTML', 'source'],
    ]);
  });

  it('refuses a private address without allowPrivate', async () => {
    server = await startServer({ '/a': html(articleHtml(1)) });
    const items = await collect(readSources([server.url('/a')], { fetch: { politenessDelayMs: 0 } }));
    expect(items).toEqual([expect.objectContaining({ kind: 'failure', code: 'PRIVATE_ADDRESS' })]);
    expect(server.hits('/a')).toBe(0);
  });

  it('stops fetching when the consumer stops reading', async () => {
    server = await startServer({ '/a': html(articleHtml(1)), '/b': html(articleHtml(2)), '/c': html(articleHtml(3)) });
    for await (const item of readSources([server.url('/a'), server.url('/b'), server.url('/c')], { ...LOCAL, concurrency: 1 })) {
      expect(item.kind).toBe('page');
      break;
    }
    expect(server.hits('/c')).toBe(0);
  });
});
