/**
 * What every source reader yields: pages (raw bytes with where they came from), failures (a reason for
 * each input that produced no page), "not modified" answers to conditional re-fetches, and skips
 * (archive records that are not pages, inputs already done). Readers are async generators of these
 * items; they stream, and they never throw for bad input.
 *
 * Every item carries `source` (the input as given: a path, a URL, `archive.warc.gz#record-7`) and
 * `key`, a stable identity for resuming: the same input gives the same key on every run, so a caller
 * can skip what it has already committed (see `SourceOptions.isDone`).
 */

/** HTTP response headers with lower-case names (repeated headers joined with ", "). Extraction reads them as they are. */
export type SourceHeaders = Readonly<Record<string, string>>;

/** Fields shared by every item. */
interface ItemBase {
  /** The input as given: a path, a URL, `archive.warc.gz#record-7`, `urls.txt:12`. */
  readonly source: string;
  /** Stable across runs for the same input (see keys.ts): `file:…`, `warc:…@offset`, `url:…`. */
  readonly key: string;
  /** The list, feed or sitemap this item was found in, when it was found in one. */
  readonly via: string | null;
}

export interface SourcePage extends ItemBase {
  readonly kind: 'page';
  /** The page's URL when known: a WARC record's target URI, or the final URL of a fetch after redirects. */
  readonly url: string | null;
  /**
   * The page as received (content and transfer encodings undone, not yet decoded to text). Owns its
   * whole ArrayBuffer, so it can be transferred to a worker thread without copying.
   */
  readonly bytes: Uint8Array;
  /** HTTP response headers when there were any (Content-Type with its charset, ETag, Last-Modified). */
  readonly headers: SourceHeaders | null;
  /** HTTP status when the page came over HTTP (fetched, or recorded in an archive). */
  readonly status: number | null;
  /** ISO 8601: the WARC-Date for archive records, the time of the fetch, a file's modification time. */
  readonly fetchedAt: string;
  /** The URLs redirected from, in order, ending before `url` (empty when there was no redirect). */
  readonly redirects: readonly string[];
}

/** Where a failure happened. */
export type SourceStage = 'open' | 'read' | 'warc' | 'url-list' | 'fetch' | 'robots' | 'feed';

export type SourceFailureCode =
  // Reading files and archives
  | 'NOT_FOUND'
  | 'READ_ERROR'
  | 'TOO_LARGE'
  | 'TRUNCATED_GZIP'
  | 'CORRUPT_GZIP'
  | 'BAD_WARC_RECORD'
  /** Not one record of an archive could be read: the archive as a whole is unreadable. */
  | 'NOT_WARC'
  | 'LENGTH_MISMATCH'
  | 'NOT_HTML'
  | 'BAD_CONTENT_ENCODING'
  // URLs, lists and feeds
  | 'BAD_URL'
  | 'UNSUPPORTED_SCHEME'
  | 'BAD_FEED'
  | 'FEED_LIMIT'
  // Fetching
  | 'TIMEOUT'
  /** The body stopped before its end (a time limit, a reset, a short read): never stored as a page. */
  | 'TRUNCATED'
  | 'DNS_ERROR'
  | 'NETWORK_ERROR'
  | 'REDIRECT_LOOP'
  | 'TOO_MANY_REDIRECTS'
  | 'BAD_REDIRECT'
  | 'ROBOTS_DISALLOWED'
  | 'ROBOTS_UNAVAILABLE'
  | 'PRIVATE_ADDRESS'
  | `HTTP_${number}`;

export interface SourceFailure extends ItemBase {
  readonly kind: 'failure';
  /** The URL concerned, when there is one (the hop that failed, for a fetch). */
  readonly url: string | null;
  readonly stage: SourceStage;
  readonly code: SourceFailureCode;
  /** What went wrong and where (a byte offset, a line number, a URL), and what to do about it. */
  readonly message: string;
  /**
   * `source`: an input named by the caller could not be read at all (a missing file, an unreadable
   * directory or archive, a feed that does not parse); `item`: one page or record failed.
   */
  readonly scope: 'source' | 'item';
  /** The HTTP status, when the failure is an HTTP answer. */
  readonly status: number | null;
}

/** A conditional re-fetch answered 304: the stored copy is current. */
export interface SourceNotModified extends ItemBase {
  readonly kind: 'not-modified';
  readonly url: string;
  readonly status: 304;
  readonly headers: SourceHeaders;
  readonly fetchedAt: string;
  readonly redirects: readonly string[];
}

export type SkipReason =
  /** A WARC record that is not a response (request, metadata, warcinfo, revisit, resource, conversion). */
  | 'warc-record-type'
  /** `SourceOptions.isDone` said the key is already committed. */
  | 'already-done'
  /** The same URL came up earlier in this run (from another list, feed or sitemap). */
  | 'duplicate-url'
  /** An archived response that is a redirect (3xx): the page, if archived, is another record. */
  | 'http-redirect';

/** An input that is deliberately not a page; yielded so that callers can count it. */
export interface SourceSkip extends ItemBase {
  readonly kind: 'skipped';
  readonly reason: SkipReason;
  /** For WARC records, the record type (`request`, `revisit`, ...); otherwise a short note. */
  readonly detail: string;
}

export type SourceItem = SourcePage | SourceFailure | SourceNotModified | SourceSkip;

/** A reader of one kind of source. */
export type SourceReader = AsyncGenerator<SourceItem, void, undefined>;

export function isPage(item: SourceItem): item is SourcePage {
  return item.kind === 'page';
}

export function isFailure(item: SourceItem): item is SourceFailure {
  return item.kind === 'failure';
}

export interface FailureFields {
  readonly source: string;
  readonly key: string;
  readonly via?: string | null;
  readonly url?: string | null;
  readonly stage: SourceStage;
  readonly code: SourceFailureCode;
  readonly message: string;
  readonly scope?: 'source' | 'item';
  readonly status?: number | null;
}

export function sourceFailure(fields: FailureFields): SourceFailure {
  return {
    kind: 'failure',
    source: fields.source,
    key: fields.key,
    via: fields.via ?? null,
    url: fields.url ?? null,
    stage: fields.stage,
    code: fields.code,
    message: fields.message,
    scope: fields.scope ?? 'item',
    status: fields.status ?? null,
  };
}
