import { AsyncIterReader, WARCParser } from 'warcio';
import { errorMessage, ownBytes } from '../bytes.js';
import { decodeContent } from '../content-encoding.js';
import { isHtmlType, mediaType } from '../content-type.js';
import type { SourceHeaders, SourceItem } from '../page.js';
import { sourceFailure } from '../page.js';

/**
 * One complete, length-checked WARC record (see record-framer.ts) turned into an item: a `response` whose
 * HTTP payload is HTML becomes a page (target URI, WARC-Date, HTTP status and headers kept; chunked
 * transfer and content encodings undone); other record types are skipped; responses that are not HTML
 * pages are failures with their reason. warcio (Webrecorder's reader) parses the record's headers and
 * its HTTP message.
 */

export interface RecordContext {
  /** `archive.warc.gz#record-7` */
  readonly source: string;
  readonly key: string;
  /** Where the record starts, for messages. */
  readonly offset: number;
  /** Used when the record has no valid WARC-Date: the archive's modification time. */
  readonly fallbackDate: string;
  /** Largest decoded payload accepted. */
  readonly maxPayloadBytes: number;
}

/** HTTP headers that describe the transfer, not the page; the page's bytes have them undone. */
const TRANSFER_HEADERS: ReadonlySet<string> = new Set(['transfer-encoding', 'content-encoding', 'content-length', 'set-cookie']);

export async function interpretRecord(bytes: Uint8Array, context: RecordContext): Promise<SourceItem> {
  const fail = (code: 'BAD_WARC_RECORD' | 'NOT_HTML' | 'TOO_LARGE' | 'BAD_CONTENT_ENCODING' | 'TRUNCATED' | `HTTP_${number}`, message: string, url: string | null = null, status: number | null = null): SourceItem =>
    sourceFailure({ source: context.source, key: context.key, url, stage: 'warc', code, message, status });
  let record;
  try {
    record = await new WARCParser([bytes]).parse();
  } catch (error) {
    return fail('BAD_WARC_RECORD', `The record at offset ${context.offset} cannot be parsed: ${errorMessage(error)}.`);
  }
  if (!record) return fail('BAD_WARC_RECORD', `The record at offset ${context.offset} is empty.`);
  const type = record.warcType ?? 'unknown';
  const url = record.warcTargetURI ?? null;
  if (type !== 'response') {
    return { kind: 'skipped', source: context.source, key: context.key, via: null, reason: 'warc-record-type', detail: type };
  }
  const http = record.httpHeaders;
  const status = Number(http?.statusCode);
  if (!http || !Number.isInteger(status) || status < 100 || status > 999) {
    return fail('BAD_WARC_RECORD', `The response record at offset ${context.offset}${url ? ` (${url})` : ''} holds no valid HTTP status line.`, url);
  }
  if (status >= 300 && status < 400) {
    return { kind: 'skipped', source: context.source, key: context.key, via: null, reason: 'http-redirect', detail: `${status} ${http.headers.get('location') ?? ''}`.trim() };
  }
  if (status >= 400) return fail(`HTTP_${status}`, `The archived response for ${url ?? 'this record'} is HTTP ${status}, not a page.`, url, status);
  const headers = headerRecord(http.headers);
  const media = mediaType(headers['content-type']);
  if (!isHtmlType(media)) return fail('NOT_HTML', `The archived response for ${url ?? 'this record'} is ${media}, not HTML.`, url, status);
  // The archiver says it did not get the whole body (a size or time limit, a dropped connection).
  const cut = record.warcHeader('WARC-Truncated');
  if (cut) return fail('TRUNCATED', `The archived response for ${url ?? 'this record'} at offset ${context.offset} is incomplete: the archiver cut it short (WARC-Truncated: ${cut}).`, url, status);

  const chunked = /\bchunked\b/i.test(http.headers.get('transfer-encoding') ?? '');
  let payload: Uint8Array;
  try {
    // warcio's de-chunking is lenient: a payload that is not really chunked (archivers often store the
    // body de-chunked but keep the header) passes through unchanged.
    const reader = chunked ? new AsyncIterReader(record.reader, null, true) : record.reader;
    payload = await AsyncIterReader.readFully(reader);
  } catch (error) {
    return fail('BAD_WARC_RECORD', `The payload of the record at offset ${context.offset} cannot be read: ${errorMessage(error)}.`, url, status);
  }
  const declared = Number(http.headers.get('content-length') ?? NaN);
  if (!chunked && Number.isSafeInteger(declared) && payload.byteLength < declared) {
    return fail('TRUNCATED', `The archived response for ${url ?? 'this record'} at offset ${context.offset} is incomplete: its Content-Length announces ${declared} bytes, but only ${payload.byteLength} were archived.`, url, status);
  }
  const decoded = await decodeArchived(payload, http.headers.get('content-encoding') ?? null, context.maxPayloadBytes);
  if (!decoded.ok) return fail(decoded.code, `The record at offset ${context.offset}${url ? ` (${url})` : ''}: ${decoded.message}`, url, status);
  return {
    kind: 'page',
    source: context.source,
    key: context.key,
    via: null,
    url,
    bytes: ownBytes(decoded.bytes),
    headers,
    status,
    fetchedAt: isoDate(record.warcDate) ?? context.fallbackDate,
    redirects: [],
  };
}

/**
 * Archivers often store the body already decoded but keep the Content-Encoding header: a payload that
 * does not start like its declared encoding but reads as markup is taken as it is.
 */
async function decodeArchived(payload: Uint8Array, encoding: string | null, maxBytes: number): ReturnType<typeof decodeContent> {
  const decoded = await decodeContent(payload, encoding, maxBytes);
  if (!decoded.ok && decoded.code === 'BAD_CONTENT_ENCODING' && looksLikeMarkup(payload)) return { ok: true, bytes: payload };
  return decoded;
}

function looksLikeMarkup(bytes: Uint8Array): boolean {
  const start = new TextDecoder('latin1').decode(bytes.subarray(0, 256)).trimStart();
  return start.startsWith('<');
}

function headerRecord(headers: Iterable<[string, string]>): SourceHeaders {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (TRANSFER_HEADERS.has(key)) continue;
    record[key] = key in record ? `${record[key]}, ${value}` : value;
  }
  return record;
}

function isoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
