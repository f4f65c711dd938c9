import { ParleyError } from '../../pipeline/errors.js';
import type { SharedSpacing } from './hosts.js';

/**
 * Every limit and policy of the HTTP fetcher, named, with its default. A value out of range is a misuse
 * and throws at once (E_OPTION), before anything is fetched.
 */

/** What a conditional re-fetch sends: the validators of the copy the caller already has. */
export interface ConditionalHeaders {
  /** Sent as If-None-Match. */
  readonly etag?: string | null;
  /** Sent as If-Modified-Since (an HTTP date, as the server gave it in Last-Modified). */
  readonly lastModified?: string | null;
}

/** Looks up the validators stored for a URL (each hop's URL is looked up); null when there is no stored copy. */
export type ConditionalLookup = (url: string) => ConditionalHeaders | null | Promise<ConditionalHeaders | null>;

export interface FetchOptions {
  /** Sent with every request, robots.txt included; robots.txt groups are matched on its first product token. */
  readonly userAgent: string;
  /** Redirects followed before TOO_MANY_REDIRECTS (a URL seen twice is a REDIRECT_LOOP at once). */
  readonly maxRedirects: number;
  /** Resolving, connecting and the TLS handshake, per request. */
  readonly connectTimeoutMs: number;
  /** Longest silence while waiting for the response head or the next bytes of the body. */
  readonly readTimeoutMs: number;
  /** Whole exchange, head and body, per request (a server that drips bytes forever stops here). */
  readonly totalTimeoutMs: number;
  /** Largest page body read from the wire; reading stops past it (TOO_LARGE). */
  readonly maxBodyBytes: number;
  /** Largest feed or sitemap body read from the wire. */
  readonly maxFeedBytes: number;
  /** Largest body after Content-Encoding (and a gzipped sitemap) is undone. */
  readonly maxDecodedBytes: number;
  /** Obey robots.txt (fetched once per host and cached). */
  readonly obeyRobots: boolean;
  /** How long a host's robots.txt is kept before it is fetched again. */
  readonly robotsCacheMs: number;
  /** Hosts whose robots.txt is kept at once (the least recently fetched is dropped first). */
  readonly robotsCacheHosts: number;
  /** Largest robots.txt read (RFC 9309 asks crawlers to read at least 500 KiB). */
  readonly maxRobotsBytes: number;
  /** Least time between the starts of two requests to the same host. */
  readonly politenessDelayMs: number;
  /** A robots.txt Crawl-delay is honoured up to this long. */
  readonly maxCrawlDelayMs: number;
  /** Requests in flight to one host at once. */
  readonly perHostConcurrency: number;
  /** Further attempts after a 429 or 5xx answer. */
  readonly maxRetries: number;
  /** First backoff; it doubles with every attempt (a Retry-After header takes precedence). */
  readonly retryBaseDelayMs: number;
  /** Longest wait before a retry; a Retry-After asking for more gives up at once with the server's answer. */
  readonly maxRetryDelayMs: number;
  /** Allow private, loopback, link-local and other non-public addresses (tests and intranets). */
  readonly allowPrivate: boolean;
  /** Non-public ranges allowed even without allowPrivate, in CIDR notation ("10.1.0.0/16"). */
  readonly allowedRanges: readonly string[];
  /** Validators for conditional re-fetch; a 304 answer becomes a "not modified" item. */
  readonly conditional: ConditionalLookup | null;
  /** Politeness kept with other processes (the workers of one archive): when each request to a host may start. */
  readonly sharedSpacing: SharedSpacing | null;
}

export const DEFAULT_USER_AGENT = 'Parley/0.1 (news archiver; +https://github.com/parley-news/parley)';

export const DEFAULT_FETCH_OPTIONS: FetchOptions = Object.freeze({
  userAgent: DEFAULT_USER_AGENT,
  maxRedirects: 10,
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  totalTimeoutMs: 120_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxFeedBytes: 50 * 1024 * 1024,
  maxDecodedBytes: 50 * 1024 * 1024,
  obeyRobots: true,
  robotsCacheMs: 60 * 60 * 1000,
  robotsCacheHosts: 10_000,
  maxRobotsBytes: 512 * 1024,
  politenessDelayMs: 1000,
  maxCrawlDelayMs: 30_000,
  perHostConcurrency: 1,
  maxRetries: 2,
  retryBaseDelayMs: 1000,
  maxRetryDelayMs: 60_000,
  allowPrivate: false,
  allowedRanges: Object.freeze([]) as readonly string[],
  conditional: null,
  sharedSpacing: null,
});

/** Limits that must be at least 1, and those that may be 0 (no delay, no retries). */
const POSITIVE: readonly (keyof FetchOptions)[] = [
  'connectTimeoutMs',
  'readTimeoutMs',
  'totalTimeoutMs',
  'maxBodyBytes',
  'maxFeedBytes',
  'maxDecodedBytes',
  'robotsCacheHosts',
  'maxRobotsBytes',
  'perHostConcurrency',
];
const NON_NEGATIVE: readonly (keyof FetchOptions)[] = ['maxRedirects', 'robotsCacheMs', 'politenessDelayMs', 'maxCrawlDelayMs', 'maxRetries', 'retryBaseDelayMs', 'maxRetryDelayMs'];

export function resolveFetchOptions(overrides: Partial<FetchOptions> = {}): FetchOptions {
  const options: FetchOptions = { ...DEFAULT_FETCH_OPTIONS, ...definedOnly(overrides) };
  for (const name of POSITIVE) checkNumber(name, options[name], 1);
  for (const name of NON_NEGATIVE) checkNumber(name, options[name], 0);
  if (typeof options.userAgent !== 'string' || options.userAgent.trim() === '' || /[\r\n]/.test(options.userAgent)) {
    throw new ParleyError('E_OPTION', `Fetch option userAgent must be a non-empty single line, got ${JSON.stringify(options.userAgent)}.`);
  }
  return Object.freeze(options);
}

function checkNumber(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ParleyError('E_OPTION', `Fetch option ${name} must be a number of at least ${min}, got ${String(value)}.`);
  }
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
