import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageHtml, storyPage } from '../../test/ingest/helpers/pages.js';
import { REPRINTS, SAME_TOPIC, WIRE_STORY } from '../../test/ingest/fixtures/wire-stories.js';
import { html, respond, startServer } from '../../test/sources/helpers/server.js';
import { htmlResponse, plainArchive, requestFor, warcRecord } from '../../test/sources/helpers/warc-builder.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import type { PageRecord, Store } from '../store/store.js';
import { ingest, IngestAborted } from './ingest.js';
import type { IngestCounts } from './tally.js';

/**
 * The ingest end to end on this thread (inline extraction; the worker threads are exercised through
 * the built CLI in test/ingest/), into the in-memory store.
 */

let dir = '';
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'parley-ingest-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

const INLINE = { inline: true, jobs: 2 } as const;

function expectCountsAddUp(counts: IngestCounts): void {
  expect(counts.seen).toBe(counts.stored + counts.duplicate + counts.notArticle + counts.failed);
  expect(Object.values(counts.failedByReason).reduce((a, b) => a + b, 0)).toBe(counts.failed);
  expect(Object.values(counts.notArticleByReason).reduce((a, b) => a + b, 0)).toBe(counts.notArticle);
  expect(Object.values(counts.duplicateByReason).reduce((a, b) => a + b, 0)).toBe(counts.duplicate);
}

const story = (paragraphs: string, published: string, extra: { canonical?: string; title?: string } = {}): string =>
  pageHtml({ title: extra.title ?? 'Dock workers strike at Carrow as pay talks fail', paragraphs: paragraphs.split('\n\n'), published, ...(extra.canonical ? { canonical: extra.canonical } : {}) });

const ORIGINAL_URL = 'https://www.northern-press.example/2026/03/carrow-strike';

/** A crawl of the wire story's travels: its reprints on other sites, other reports of the event, and the same page under other addresses. */
function syndicationArchive(): Buffer {
  const records = [
    warcRecord({ type: 'warcinfo', body: 'software: parley-test\r\n' }),
    // A reprint is crawled before the original, but published later: the original still leads the group.
    warcRecord(htmlResponse('https://coastal-herald.example/world/carrow-dockers', story(REPRINTS['a different byline']!, '2026-03-02T15:00:00Z'))),
    warcRecord(requestFor(ORIGINAL_URL)),
    warcRecord(htmlResponse(ORIGINAL_URL, story(WIRE_STORY, '2026-03-02T09:30:00Z', { canonical: ORIGINAL_URL }))),
    warcRecord(htmlResponse('https://wexley-times.example/local/fish-market-strike', story(REPRINTS['a long local section before the full story (containment)']!, '2026-03-03T08:00:00Z'))),
    warcRecord(htmlResponse('https://island-daily.example/news/12345', story(WIRE_STORY, '2026-03-02T18:00:00Z'))),
    warcRecord(htmlResponse('https://bay-observer.example/business/carrow', story(SAME_TOPIC['another outlet’s own report of the strike']!, '2026-03-02T12:00:00Z'))),
    warcRecord(htmlResponse('https://bay-observer.example/business/carrow-day-two', story(SAME_TOPIC['a follow-up the next day']!, '2026-03-03T12:00:00Z'))),
    // The original again: a tracking link, its AMP page, and a print view on its own site.
    warcRecord(htmlResponse(`${ORIGINAL_URL}?utm_source=newsletter&utm_medium=email`, story(WIRE_STORY, '2026-03-02T09:30:00Z', { canonical: ORIGINAL_URL }))),
    warcRecord(htmlResponse('https://amp.northern-press.example/2026/03/carrow-strike/amp', story(WIRE_STORY, '2026-03-02T09:30:00Z', { canonical: ORIGINAL_URL }))),
    warcRecord(htmlResponse('https://www.northern-press.example/print/carrow-strike', story(WIRE_STORY, '2026-03-02T09:30:00Z'))),
    warcRecord(htmlResponse('https://www.northern-press.example/empty', '<html><body></body></html>')),
  ];
  return plainArchive(records).bytes;
}

describe('ingest', () => {
  it('stores each article once, links the copies of a syndicated story, and keeps other reports apart', async () => {
    const archive = join(dir, 'crawl.warc');
    await writeFile(archive, syndicationArchive());
    const store = new MemoryStore();
    const result = await ingest({ sources: [archive], store, settings: INLINE });
    expect(result.status).toBe('completed');
    expectCountsAddUp(result.counts);
    expect(result.counts).toMatchObject({ seen: 10, stored: 6, copies: 3, duplicate: 3, notArticle: 1, failed: 0, resumed: 0, skipped: { 'warc-record-type': 2 } });
    expect(result.counts.duplicateByReason).toEqual({ 'canonical-url': 2, 'text-hash': 1 });

    const original = (await store.getArticle(ORIGINAL_URL))!;
    const reprint = (await store.getArticle('https://coastal-herald.example/world/carrow-dockers'))!;
    const containing = (await store.getArticle('https://wexley-times.example/local/fish-market-strike'))!;
    const exactCopy = (await store.getArticle('https://island-daily.example/news/12345'))!;
    expect(original.duplicate?.originalId).toBe(original.id);
    for (const copy of [reprint, containing, exactCopy]) {
      expect(copy.duplicate?.groupId).toBe(original.duplicate?.groupId);
      expect(copy.duplicate?.originalId).toBe(original.id);
    }
    expect(exactCopy.duplicate?.similarity).toBe(1);
    expect(reprint.duplicate!.similarity).toBeGreaterThan(0.8);
    expect(containing.duplicate!.similarity).toBeLessThan(0.8);
    for (const other of ['https://bay-observer.example/business/carrow', 'https://bay-observer.example/business/carrow-day-two']) {
      expect((await store.getArticle(other))?.duplicate).toBeNull();
    }
    // The tracking link, the AMP page and the print view all lead to the original.
    for (const address of [`${ORIGINAL_URL}?utm_source=newsletter&utm_medium=email`, 'https://amp.northern-press.example/2026/03/carrow-strike/amp', 'https://www.northern-press.example/print/carrow-strike']) {
      expect((await store.getArticle(address))?.id).toBe(original.id);
    }
    const stats = await store.stats();
    expect(stats).toMatchObject({ articles: 6, duplicates: 3, duplicateGroups: 1, pages: 10, duplicatePages: 3, rejected: 1, failures: 0 });
  });

  it('stores nothing twice when the same input is ingested again: every page is resumed', async () => {
    const archive = join(dir, 'crawl.warc');
    await writeFile(archive, syndicationArchive());
    const store = new MemoryStore();
    const first = await ingest({ sources: [archive], store, settings: INLINE });
    const before = await store.stats();
    const second = await ingest({ sources: [archive], store, settings: INLINE });
    expect(second.counts).toMatchObject({ seen: 0, stored: 0, duplicate: 0, notArticle: 0, failed: 0, resumed: first.counts.seen });
    const after = await store.stats();
    expect({ ...after, runs: [], runCount: 0 }).toEqual({ ...before, runs: [], runCount: 0 });
    expect(after.runCount).toBe(2);
  });

  it('records every bad file with its reason and goes on; the counts add up', async () => {
    const pages = join(dir, 'pages');
    await mkdir(pages);
    await writeFile(join(pages, 'a-good.html'), storyPage(1));
    await writeFile(join(pages, 'b-truncated.html.gz'), gzipSync(storyPage(2)).subarray(0, 200));
    await writeFile(join(pages, 'c-scan.html'), Buffer.concat([Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a]), Buffer.alloc(4096, 0xb5)]));
    await writeFile(join(pages, 'd-empty.html'), '');
    await writeFile(join(pages, 'e-too-big.html'), `<html><body><p>${'word '.repeat(40_000)}</p></body></html>`);
    await writeFile(join(pages, 'f-good.html.gz'), gzipSync(storyPage(3)));
    const missing = join(dir, 'missing.html');
    const store = new MemoryStore();
    const result = await ingest({ sources: [pages, missing], store, settings: { ...INLINE, maxPageBytes: 100_000 } });
    expectCountsAddUp(result.counts);
    expect(result.counts).toMatchObject({ seen: 7, stored: 2, notArticle: 2, failed: 3 });
    expect(result.counts.failedByReason).toEqual({ TRUNCATED_GZIP: 1, TOO_LARGE: 1, NOT_FOUND: 1 });
    expect(result.counts.notArticleByReason).toEqual({ BINARY_CONTENT: 1, EMPTY_INPUT: 1 });
    expect(result.unreadable).toEqual([{ source: missing, code: 'NOT_FOUND', message: expect.stringContaining('no such file') }]);
    expect(result.counts.unreadableSources).toBe(1);
    const stats = await store.stats();
    expect(stats.failureReasons).toEqual(
      expect.arrayContaining([
        { kind: 'failed', stage: 'read', code: 'TRUNCATED_GZIP', pages: 1 },
        { kind: 'rejected', stage: 'extract', code: 'BINARY_CONTENT', pages: 1 },
      ]),
    );
  });

  it('tries failed pages again on the next run, and resumes the others', async () => {
    let up = false;
    const server = await startServer({
      '/robots.txt': respond(404, {}),
      '/good': html(storyPage(4)),
      '/flaky': (request, response) => (up ? html(storyPage(5))(request, response) : respond(503, { 'Content-Type': 'text/plain' }, 'busy')(request, response)),
    });
    try {
      const list = join(dir, 'urls.txt');
      await writeFile(list, `${server.url('/good')}\n${server.url('/flaky')}\n`);
      const store = new MemoryStore();
      const settings = { ...INLINE, fetch: { allowPrivate: true, politenessDelayMs: 0, maxRetries: 0 } };
      const first = await ingest({ sources: [list], store, settings });
      expect(first.counts).toMatchObject({ seen: 2, stored: 1, failed: 1, failedByReason: { HTTP_503: 1 } });
      up = true;
      const second = await ingest({ sources: [list], store, settings });
      expect(second.counts).toMatchObject({ seen: 1, stored: 1, failed: 0, resumed: 1 });
      expect(server.hits('/good')).toBe(1);
      const stats = await store.stats();
      expect(stats).toMatchObject({ articles: 2, pages: 2, failures: 0 });
    } finally {
      await server.close();
    }
  });

  it('stops reading when aborted: what was read is committed, the run is recorded as interrupted, and the next run finishes', async () => {
    for (let i = 0; i < 12; i++) await writeFile(join(dir, `page-${String(i).padStart(2, '0')}.html`), storyPage(100 + i));
    const store = new MemoryStore();
    const stop = new AbortController();
    const first = await ingest({ sources: [dir], store, settings: { ...INLINE, jobs: 1, inFlightPerJob: 1 }, signal: stop.signal, onItem: (event) => event.counts().seen === 3 && stop.abort() });
    expect(first.status).toBe('interrupted');
    expect(first.counts.seen).toBeLessThan(12);
    expect((await store.stats()).pages).toBe(first.counts.seen);
    const second = await ingest({ sources: [dir], store, settings: INLINE });
    expect(second.counts).toMatchObject({ resumed: first.counts.seen, seen: 12 - first.counts.seen });
    expect((await store.stats()).runs.map((run) => run.status)).toEqual(['completed', 'interrupted']);
  });

  it('stops when the store fails, and records the run as failed', async () => {
    for (let i = 0; i < 5; i++) await writeFile(join(dir, `page-${i}.html`), storyPage(200 + i));
    const store = new FailingStore(3);
    const run = ingest({ sources: [dir], store, settings: INLINE });
    await expect(run).rejects.toBeInstanceOf(IngestAborted);
    const error = (await run.catch((e: unknown) => e)) as IngestAborted;
    expect(error.counts.seen).toBe(2);
    expect(error.message).toContain('disk full');
    expect((await store.stats()).runs[0]?.status).toBe('failed');
  });

  it('refuses settings out of range before doing anything', async () => {
    const store = new MemoryStore();
    await expect(ingest({ sources: [dir], store, settings: { jobs: 0 } })).rejects.toThrow(/jobs must be a whole number/);
    expect((await store.stats()).runCount).toBe(0);
  });
});

/** The in-memory store, failing its Nth commit the way a full disk would. */
class FailingStore extends MemoryStore implements Store {
  private commits = 0;
  constructor(private readonly failAt: number) {
    super();
  }
  override async commitPage(record: PageRecord) {
    if (++this.commits === this.failAt) throw new Error('disk full');
    return super.commitPage(record);
  }
}
