import type { Socket } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeContent } from '../../src/sources/content-encoding.js';
import { Fetcher, type FetchOutcome } from '../../src/sources/fetch/fetcher.js';
import { readWarc } from '../../src/sources/warc/warc.js';
import { collect, withTempDir } from './helpers/collect.js';
import { startRawServer } from './helpers/server.js';
import { articleHtml, htmlResponse, plainArchive, warcRecord } from './helpers/warc-builder.js';

/**
 * A body cut short is a TRUNCATED failure, never a page: by the time limit while a server trickles the
 * rest, by a reset, by fewer bytes than the Content-Length or the chunked framing promised, or inside
 * its compressed stream. A body without a length that ends with a clean close is whole.
 */

const PAGE = `<!doctype html><html><head><title>Harbour</title></head><body>${'<p>The harbour bridge reopened after two years of repairs, the council said.</p>'.repeat(120)}</body></html>`;
const HEAD = 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n';

const open: { close(): Promise<void> }[] = [];
const fetchers: Fetcher[] = [];
afterEach(async () => {
  for (const fetcher of fetchers.splice(0)) fetcher.close();
  await Promise.all(open.splice(0).map((server) => server.close()));
});

async function fetchFrom(answer: (socket: Socket) => void, limits: { readTimeoutMs?: number; totalTimeoutMs?: number } = {}): Promise<FetchOutcome> {
  const server = await startRawServer(answer);
  open.push(server);
  const fetcher = new Fetcher({ allowPrivate: true, obeyRobots: false, politenessDelayMs: 0, maxRetries: 0, readTimeoutMs: 2000, totalTimeoutMs: 5000, ...limits });
  fetchers.push(fetcher);
  return fetcher.fetch(server.url('/story'));
}

describe('a body cut short', () => {
  it('is TRUNCATED when the time limit ends a page that trickles in without a Content-Length', async () => {
    // Most of the page at once, then one byte every 50 ms: only the whole-page limit ends it.
    const outcome = await fetchFrom(
      (socket) => {
        socket.write(`${HEAD}\r\n${PAGE.slice(0, -200)}`);
        const timer = setInterval(() => socket.write(' '), 50);
        socket.on('close', () => clearInterval(timer));
      },
      { readTimeoutMs: 2000, totalTimeoutMs: 400 },
    );
    expect(outcome).toMatchObject({ kind: 'failure', code: 'TRUNCATED', stage: 'fetch' });
    const message = (outcome as { message: string }).message;
    expect(message).toContain('time limit for the whole page, 400 ms');
    expect(message).toContain('--total-timeout / totalTimeoutMs');
  });

  it('is TRUNCATED when the connection is reset in the middle of a body without a length', async () => {
    const outcome = await fetchFrom((socket) => {
      socket.write(`${HEAD}\r\n${PAGE.slice(0, 4000)}`);
      setTimeout(() => socket.resetAndDestroy(), 30);
    });
    expect(outcome).toMatchObject({ kind: 'failure', code: 'TRUNCATED', message: expect.stringContaining('reset') });
  });

  it('is TRUNCATED on a short read: fewer bytes than the Content-Length, or a chunked body without its last chunk', async () => {
    const short = await fetchFrom((socket) => socket.end(`${HEAD}Content-Length: ${PAGE.length}\r\n\r\n${PAGE.slice(0, 3000)}`));
    expect(short).toMatchObject({ kind: 'failure', code: 'TRUNCATED' });
    expect((short as { message: string }).message).toMatch(/after 2\.9 KiB of the 9\.\d KiB its Content-Length announced/);
    const chunk = PAGE.slice(0, 3000);
    const chunked = await fetchFrom((socket) => socket.end(`${HEAD}Transfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`));
    expect(chunked).toMatchObject({ kind: 'failure', code: 'TRUNCATED' });
  });

  it('is TRUNCATED when a compressed body stops inside its stream', async () => {
    const gzipped = gzipSync(PAGE);
    const cut = gzipped.subarray(0, gzipped.length - 40);
    const outcome = await fetchFrom((socket) => {
      socket.write(`${HEAD}Content-Encoding: gzip\r\n\r\n`);
      socket.end(cut);
    });
    expect(outcome).toMatchObject({ kind: 'failure', code: 'TRUNCATED', message: expect.stringContaining('gzip-compressed content ends before') });
    for (const [encoding, bytes] of [['gzip', gzipped], ['br', brotliCompressSync(PAGE)]] as const) {
      expect(await decodeContent(bytes.subarray(0, bytes.length >> 1), encoding, 1 << 20, { whole: true })).toMatchObject({ ok: false, code: 'TRUNCATED' });
      expect(await decodeContent(bytes, encoding, 1 << 20, { whole: true })).toMatchObject({ ok: true });
    }
  });

  it('is a whole page when a body without a length ends with a clean close', async () => {
    const outcome = await fetchFrom((socket) => socket.end(`${HEAD}\r\n${PAGE}`));
    expect(outcome.kind).toBe('page');
    expect(Buffer.from((outcome as { bytes: Uint8Array }).bytes).toString('utf8')).toBe(PAGE);
  });
});

describe('an archived response cut short', () => {
  it('is TRUNCATED when the archiver marked it (WARC-Truncated) or kept fewer bytes than its Content-Length', async () => {
    const page = articleHtml(1);
    const records = [
      warcRecord({ ...htmlResponse('https://harbour.example/cut-by-crawler', page), warcHeaders: { 'WARC-Truncated': 'length' } }),
      warcRecord(htmlResponse('https://harbour.example/short', page.slice(0, 100), { 'Content-Length': String(page.length) })),
      warcRecord(htmlResponse('https://harbour.example/whole', page, { 'Content-Length': String(page.length) })),
    ];
    const items = await withTempDir(async (dir) => {
      const path = join(dir, 'crawl.warc');
      await writeFile(path, plainArchive(records).bytes);
      return collect(readWarc(path));
    });
    expect(items.map((item) => (item.kind === 'failure' ? item.code : item.kind))).toEqual(['TRUNCATED', 'TRUNCATED', 'page']);
    expect(items[0]).toMatchObject({ stage: 'warc', message: expect.stringContaining('WARC-Truncated: length') });
    expect(items[1]).toMatchObject({ message: expect.stringContaining(`announces ${page.length} bytes, but only 100 were archived`) });
  });
});
