import { gzipSync } from 'node:zlib';

/**
 * Builds WARC records and archives for the tests, byte by byte, so that each test can make exactly the
 * damage it is about (a truncated member, a Content-Length that lies) and know every offset.
 */

export interface RecordSpec {
  readonly type: 'response' | 'request' | 'warcinfo' | 'metadata' | 'revisit' | 'resource';
  readonly uri?: string;
  readonly date?: string;
  /** The HTTP message head, for response/request/revisit records ("HTTP/1.1 200 OK\r\n...\r\n\r\n"). */
  readonly http?: string;
  readonly body?: string | Uint8Array;
  /** Added to the true Content-Length: a record whose length lies. */
  readonly lengthError?: number;
  /** More WARC headers (e.g. WARC-Truncated). */
  readonly warcHeaders?: Readonly<Record<string, string>>;
}

let serial = 0;

export function warcRecord(spec: RecordSpec): Buffer {
  const block = Buffer.concat([Buffer.from(spec.http ?? ''), typeof spec.body === 'string' ? Buffer.from(spec.body) : Buffer.from(spec.body ?? '')]);
  const contentType = spec.http ? `application/http; msgtype=${spec.type === 'request' ? 'request' : 'response'}` : 'application/warc-fields';
  const lines = [
    'WARC/1.1',
    `WARC-Type: ${spec.type}`,
    `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}>`,
    `WARC-Date: ${spec.date ?? '2024-03-05T10:20:30Z'}`,
    ...(spec.uri ? [`WARC-Target-URI: ${spec.uri}`] : []),
    ...Object.entries(spec.warcHeaders ?? {}).map(([name, value]) => `${name}: ${value}`),
    `Content-Type: ${contentType}`,
    `Content-Length: ${block.byteLength + (spec.lengthError ?? 0)}`,
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]);
}

export function htmlResponse(uri: string, html: string, headers: Readonly<Record<string, string>> = {}, date?: string): RecordSpec {
  const head = { 'Content-Type': 'text/html; charset=utf-8', ...headers };
  return {
    type: 'response',
    uri,
    ...(date ? { date } : {}),
    http: `HTTP/1.1 200 OK\r\n${Object.entries(head).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`,
    body: html,
  };
}

export function requestFor(uri: string): RecordSpec {
  return { type: 'request', uri, http: `GET ${new URL(uri).pathname} HTTP/1.1\r\nHost: ${new URL(uri).host}\r\n\r\n` };
}

/** One gzip member per record (the Common Crawl layout); returns the archive and each member's offset. */
export function gzipArchive(records: readonly Buffer[]): { bytes: Buffer; members: Buffer[]; offsets: number[] } {
  const members = records.map((record) => gzipSync(record));
  const offsets: number[] = [];
  let at = 0;
  for (const member of members) {
    offsets.push(at);
    at += member.byteLength;
  }
  return { bytes: Buffer.concat(members), members, offsets };
}

export function plainArchive(records: readonly Buffer[]): { bytes: Buffer; offsets: number[] } {
  const offsets: number[] = [];
  let at = 0;
  for (const record of records) {
    offsets.push(at);
    at += record.byteLength;
  }
  return { bytes: Buffer.concat(records), offsets };
}

/** A small article page, different for each `n`. */
export function articleHtml(n: number, title = `Harbour council meeting ${n}`): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>The harbour council met on Tuesday evening to discuss item ${n} on its agenda, a proposal to extend the ferry pier by forty metres.</p><p>Members said the work would start in spring if the budget allows.</p></article></body></html>`;
}
