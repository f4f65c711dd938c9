import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { ingestReport, summaryLines } from '../../src/app/summary.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { htmlResponse, plainArchive, warcRecord } from '../sources/helpers/warc-builder.js';
import { startServer, type TestServer } from '../sources/helpers/server.js';
import { pageHtml } from './helpers/pages.js';

/**
 * An updated article is kept, not thrown away: a page whose text changed becomes a revision of its
 * article (the newest text is the article, the earlier one is kept), whether it comes from a later
 * capture in an archive or from `ingest --refresh`, which fetches known URLs again with conditional
 * requests (an unchanged page answers 304 and is not downloaded).
 */

const INLINE = { inline: true, jobs: 1, analysis: null } as const;
const URL_PATH = '/2024/06/storm-delia-live';

const live = (updates: readonly string[]): string =>
  pageHtml({ title: 'Storm Delia: live updates', published: '2024-06-01T06:00:00Z', paragraphs: ['Storm Delia reached the northern coast at dawn, with gusts of 120 km/h reported at the harbour.', ...updates] });
const FIRST = live([]);
const SECOND = live(['At noon the ferry company cancelled every crossing until Thursday, citing waves of up to eight metres.']);

let dir = '';
let server: TestServer | null = null;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'parley-revisions-'))));
afterEach(async () => {
  await server?.close();
  server = null;
  await rm(dir, { recursive: true, force: true });
});

/** A live page that serves `page.html` with an ETag, and answers 304 to a request that already has it. */
function livePage(page: { html: string }): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const etag = `"${Buffer.from(page.html).length}-${page.html.length % 97}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { ETag: etag }).end();
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: etag }).end(page.html);
  };
}

describe('revisions in an ingest', () => {
  it('keeps a later capture of a changed page as the article and the earlier text as a revision, whatever the order in the archive', async () => {
    const url = `https://news.example${URL_PATH}`;
    // The later capture comes first in the archive: the article still ends with the newest text.
    const archive = join(dir, 'crawl.warc');
    await writeFile(archive, plainArchive([warcRecord(htmlResponse(url, SECOND, {}, '2024-06-01T13:00:00Z')), warcRecord(htmlResponse(url, FIRST, {}, '2024-06-01T07:00:00Z'))]).bytes);
    const store = new MemoryStore();
    const result = await ingest({ sources: [archive], store, settings: INLINE });
    expect(result.counts).toMatchObject({ seen: 2, stored: 1, duplicate: 1, duplicateByReason: { revision: 1 } });
    expect(ingestReport(result, 'memory').revised).toBe(1);
    expect(summaryLines(result, 'memory').join('\n')).toMatch(/1 stored article changed \(revision\): the newest text is the article/);
    const article = (await store.getArticle(url))!;
    expect(article).toMatchObject({ revisions: 1, textSeenAt: '2024-06-01T13:00:00.000Z' });
    expect(article.article.text).toContain('ferry company cancelled');
    const revisions = (await store.listRevisions(article.id))!;
    expect(revisions.map((r) => [r.number, r.seenAt])).toEqual([[1, '2024-06-01T07:00:00.000Z']]);
    expect(revisions[0]!.article.text).not.toContain('ferry');
  });

  it('refetches known URLs with --refresh: a changed page becomes a revision, an unchanged one answers 304 and is not downloaded', async () => {
    const page = { html: FIRST };
    server = await startServer({ '/robots.txt': (_q, r) => void r.writeHead(404).end(), [URL_PATH]: livePage(page) });
    const url = server.url(URL_PATH);
    const store = new MemoryStore();
    const settings = { ...INLINE, fetch: { allowPrivate: true, politenessDelayMs: 0 } };
    const first = await ingest({ sources: [url], store, settings });
    expect(first.counts).toMatchObject({ stored: 1 });

    // Without --refresh the URL is done: it is not fetched again.
    page.html = SECOND;
    const again = await ingest({ sources: [url], store, settings });
    expect(again.counts).toMatchObject({ seen: 0, resumed: 1 });
    expect(server.hits(URL_PATH)).toBe(1);

    // --refresh with the URL: fetched again, conditionally; the new text is a revision.
    const refreshed = await ingest({ sources: [url], store, settings: { ...settings, refresh: true } });
    expect(refreshed.counts).toMatchObject({ seen: 1, stored: 0, duplicate: 1, duplicateByReason: { revision: 1 } });
    expect(server.requests.filter((r) => r.path === URL_PATH)[1]!.headers['if-none-match']).toMatch(/^"/);
    const article = (await store.getArticle(url))!;
    expect(article.revisions).toBe(1);
    expect(article.article.text).toContain('ferry company cancelled');

    // --refresh without sources: every stored article's URL; unchanged now, so a 304 (no body) and no new revision.
    const all = await ingest({ sources: [], store, settings: { ...settings, refresh: true } });
    expect(all.counts).toMatchObject({ seen: 1, duplicate: 1, duplicateByReason: { 'not-modified': 1 } });
    expect((await store.getArticle(url))!.revisions).toBe(1);
    expect((await store.stats()).runs[0]!.sources).toEqual(['(the address of every stored article: --refresh)']);
  });
});
