/**
 * WARC.gz archives of the benchmark pages for bench:ingest and bench:pipeline, one gzip member per
 * record (the Common Crawl layout), streamed to disk one page at a time.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { gzipSync } from 'node:zlib';

export interface ArchivePage {
  readonly url: string;
  readonly bytes: Buffer;
}

const WARC_DATE = Date.parse('2026-03-02T00:00:00Z');

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
