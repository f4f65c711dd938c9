import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, trafilaturaPages, wcxbPages, type BenchPage } from './datasets.js';

/**
 * A WARC.gz of benchmark pages for the ingest benchmarks (bench:ingest, bench:scale): the HTML of
 * ../shared/bench repeated under varied URLs, one gzip member per record.
 */

const WARC_DATE = Date.parse('2026-03-02T00:00:00Z');

function* benchPages(): Generator<BenchPage> {
  for (;;) {
    yield* trafilaturaPages();
    yield* wcxbPages();
  }
}

/** `count` pages, one gzip member per record (the Common Crawl layout), streamed to disk. */
export async function buildArchive(path: string, count: number): Promise<void> {
  const distinct = readdirSync(join(BENCH_DIR, 'wcxb-articles', 'dev', 'ground-truth')).length + Object.keys(JSON.parse(readFileSync(join(BENCH_DIR, 'trafilatura-eval', 'evaldata.json'), 'utf8')) as object).length;
  const out = createWriteStream(path);
  const pages = benchPages();
  for (let i = 0; i < count; i++) {
    const page = pages.next().value as BenchPage;
    const copy = Math.floor(i / distinct);
    const member = gzipSync(warcResponse(urlOf(page, copy), page.bytes, new Date(WARC_DATE + i * 1000).toISOString()));
    if (!out.write(member)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function urlOf(page: BenchPage, copy: number): string {
  // `||`: some gold records carry an empty url.
  const own = new URL(page.url || `https://bench.parley.example/${page.dataset}/${page.id}`);
  if (copy === 0) return own.href;
  if (copy % 2 === 1) return `${own.origin}/copy-${copy}${own.pathname}${own.search}`;
  return `https://mirror-${copy}.syndication.example/${own.hostname}${own.pathname}${own.search}`;
}

function warcResponse(uri: string, body: Buffer, date: string): Buffer {
  const http = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n');
  const block = Buffer.concat([http, body]);
  const head = [
    'WARC/1.1',
    'WARC-Type: response',
    `WARC-Record-ID: <urn:uuid:${crypto.randomUUID()}>`,
    `WARC-Date: ${date}`,
    `WARC-Target-URI: ${uri}`,
    'Content-Type: application/http; msgtype=response',
    `Content-Length: ${block.byteLength}`,
  ].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]);
}

