import { ParleyError } from '../pipeline/errors.js';
import type { Fetcher } from './fetch/fetcher.js';
import type { FeedSplitter } from './frontier.js';
import { definedOnly, type FetchOptions } from './fetch/options.js';

/** Options of `readSources`, with their defaults. Fetch limits are in `fetch` (see fetch/options.ts). */
export interface SourceOptions {
  /** Largest page file read (and its decompressed size, for .html.gz). */
  readonly maxPageBytes: number;
  /** Largest WARC record read, decompressed, headers included (the payload is capped the same). */
  readonly maxRecordBytes: number;
  /** Largest WARC header block. */
  readonly maxWarcHeaderBytes: number;
  /** Entries taken from one feed or sitemap (the sitemap protocol allows 50,000); more are a FEED_LIMIT failure. */
  readonly maxFeedEntries: number;
  /** Sitemap indexes followed into sitemap indexes, this deep. */
  readonly maxSitemapDepth: number;
  /** Longest line of a URL list. */
  readonly maxUrlLineBytes: number;
  /** Fetches in flight at once, across hosts (each host also has its own limit: fetch.perHostConcurrency). */
  readonly concurrency: number;
  /** URLs remembered to skip repeats within a run (found in two feeds); past this, the memory starts afresh. */
  readonly maxSeenUrls: number;
  readonly fetch: Partial<FetchOptions>;
  /** A fetcher to use (and leave open) instead of one made from `fetch` and closed at the end. */
  readonly fetcher: Fetcher | null;
  /** Asked before an item is read or fetched: true skips it as already done (resume). */
  readonly isDone: ((key: string) => boolean | Promise<boolean>) | null;
  /** Stops the reading: in-flight fetches are cancelled and the generator ends. */
  readonly signal: AbortSignal | null;
  /** A queue worker's: the entries of the feeds and sitemaps read go back on the queue as shares (frontier.ts, splitFeed). */
  readonly split: FeedSplitter | null;
}

export const DEFAULT_SOURCE_OPTIONS: SourceOptions = Object.freeze({
  maxPageBytes: 10 * 1024 * 1024,
  maxRecordBytes: 16 * 1024 * 1024,
  maxWarcHeaderBytes: 64 * 1024,
  maxFeedEntries: 50_000,
  maxSitemapDepth: 3,
  maxUrlLineBytes: 8 * 1024,
  concurrency: 8,
  maxSeenUrls: 1_000_000,
  fetch: Object.freeze({}),
  fetcher: null,
  isDone: null,
  signal: null,
  split: null,
});

const POSITIVE: readonly (keyof SourceOptions)[] = ['maxPageBytes', 'maxRecordBytes', 'maxWarcHeaderBytes', 'maxFeedEntries', 'maxUrlLineBytes', 'concurrency', 'maxSeenUrls'];

export function resolveSourceOptions(overrides: Partial<SourceOptions> = {}): SourceOptions {
  const options: SourceOptions = { ...DEFAULT_SOURCE_OPTIONS, ...definedOnly(overrides) };
  for (const name of [...POSITIVE, 'maxSitemapDepth' as const]) {
    const value = options[name];
    const min = name === 'maxSitemapDepth' ? 0 : 1;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
      throw new ParleyError('E_OPTION', `Source option ${name} must be a number of at least ${min}, got ${String(value)}.`);
    }
  }
  return Object.freeze(options);
}
