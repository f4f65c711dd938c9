/**
 * WARC.gz archives of the benchmark pages (the HTML of ../shared/bench repeated under varied URLs) for
 * bench:ingest, bench:pipeline and bench:scale, one gzip member per record (the Common Crawl layout),
 * streamed to disk one page at a time.
 */
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, trafilaturaPages, wcxbPages, type BenchPage } from './datasets.js';

export interface ArchivePage {
  readonly url: string;
  readonly bytes: Buffer;
}

const WARC_DATE = Date.parse('2026-03-02T00:00:00Z');

/** The archive size whose mix every size copies (bench:ingest): all distinct pages, each about 5.6 times. */
export const MIX_PAGES = 10_000;

/** Which bench pages an archive of `size` pages repeats: all of them at MIX_PAGES and beyond, else an even pick. */
export function distinctPages(size: number): number[] {
  const total = readdirSync(join(BENCH_DIR, 'wcxb-articles', 'dev', 'ground-truth')).length + Object.keys(JSON.parse(readFileSync(join(BENCH_DIR, 'trafilatura-eval', 'evaldata.json'), 'utf8')) as object).length;
  const count = Math.min(total, Math.ceil((size * total) / MIX_PAGES));
  return Array.from({ length: count }, (_, i) => Math.floor((i * total) / count));
}

/** `count` pages: the picked pages in turn, over and over, each pass under other URLs (read from disk as they go). */
export function* archivePages(distinct: readonly number[], count: number): Generator<ArchivePage> {
  const picked = new Set(distinct);
  let written = 0;
  for (let copy = 0; ; copy++) {
    let index = 0;
    for (const source of [trafilaturaPages(), wcxbPages()]) {
      for (const page of source) {
        if (!picked.has(index++)) continue;
        if (written++ >= count) return;
        yield { url: urlOf(page, copy), bytes: page.bytes };
      }
    }
  }
}

function urlOf(page: BenchPage, copy: number): string {
  // `||`: some gold records carry an empty url.
  const own = new URL(page.url || `https://bench.parley.example/${page.dataset}/${page.id}`);
  if (copy === 0) return own.href;
  if (copy % 2 === 1) return `${own.origin}/copy-${copy}${own.pathname}${own.search}`;
  return `https://mirror-${copy}.syndication.example/${own.hostname}${own.pathname}${own.search}`;
}

/** An archive of `count` pages: every distinct bench page in turn, over and over (bench:scale). */
export async function buildArchive(path: string, count: number): Promise<void> {
  await writeArchive(path, archivePages(distinctPages(MIX_PAGES), count));
}

/** Writes the pages as WARC response records; returns how many were written. */
export async function writeArchive(path: string, pages: Iterable<ArchivePage>): Promise<number> {
  const out = createWriteStream(path);
  let written = 0;
  for (const page of pages) {
    const member = gzipSync(warcResponse(page.url, page.bytes, new Date(WARC_DATE + written * 1000).toISOString()));
    written++;
    if (!out.write(member)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
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
