import { Agent as HttpAgent, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { ownBytes, startsWithGzipMagic } from '../bytes.js';
import { ACCEPT_ENCODING, decodeContent } from '../content-encoding.js';
import { HTML_TYPES, isFeedType, looksLikeFeed, mediaType } from '../content-type.js';
import { withoutFragment } from '../keys.js';
import { limitName } from '../limit-flags.js';
import type { SourceFailureCode, SourceHeaders } from '../page.js';
import { AddressPolicy } from './address.js';
import { exchange, type BodyDecision, type ExchangeResult } from './exchange.js';
import { HostScheduler } from './hosts.js';
import { resolveFetchOptions, type ConditionalHeaders, type FetchOptions } from './options.js';
import { isRetryableStatus, retryDecision, sleep } from './retry.js';
import { RobotsCache, type RobotsAnswer, type UnreachableCode } from './robots.js';

/**
 * Fetches one URL the way a polite archiver should: robots.txt obeyed, one host never hammered, retries
 * on 429/5xx, redirects followed (bounded, loops caught, every hop's address checked), conditional
 * re-fetch, and only HTML (or, when asked, a feed) read. Every answer is an outcome, never an exception:
 * a page, a feed, "not modified", or a failure with its code.
 *
 * One Fetcher is shared by everything fetched in a run, so politeness and the robots.txt cache hold
 * across lists and feeds. `close()` it at the end (it keeps connections alive between requests).
 */

/** What the caller expects: a page, a feed or sitemap, or either (an address named by a user). */
export type FetchAccept = 'page' | 'feed' | 'page-or-feed';

export type FetchOutcome =
  | {
      readonly kind: 'page' | 'feed';
      /** The final URL, after redirects. */
      readonly url: string;
      readonly status: number;
      readonly headers: SourceHeaders;
      readonly bytes: Uint8Array;
      readonly fetchedAt: string;
      readonly redirects: readonly string[];
    }
  | { readonly kind: 'not-modified'; readonly url: string; readonly headers: SourceHeaders; readonly fetchedAt: string; readonly redirects: readonly string[] }
  | {
      readonly kind: 'failure';
      /** The hop that failed. */
      readonly url: string;
      readonly stage: 'fetch' | 'robots';
      readonly code: SourceFailureCode;
      readonly message: string;
      readonly status: number | null;
      readonly redirects: readonly string[];
    };

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
/** Redirects followed for robots.txt (RFC 9309 asks for at least five). */
const ROBOTS_REDIRECTS = 5;
const ACCEPT_HEADER: Readonly<Record<FetchAccept, string>> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1',
  'page-or-feed': 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1',
};
/** Types that may hide a feed or a page behind a vague label: the bytes decide. */
const VAGUE_TYPES: ReadonlySet<string> = new Set(['text/plain', 'application/octet-stream']);
/** Response headers about the transfer, not the page (its bytes have them undone). */
const TRANSFER_HEADERS: ReadonlySet<string> = new Set(['transfer-encoding', 'content-encoding', 'content-length', 'set-cookie', 'connection', 'keep-alive']);

type BodyKind = 'page' | 'feed' | 'sniff';

export class Fetcher {
  readonly options: FetchOptions;
  private readonly policy: AddressPolicy;
  private readonly http: HttpAgent;
  private readonly https: HttpsAgent;
  private readonly hosts: HostScheduler;
  private readonly robots: RobotsCache;
  private readonly lifetime = new AbortController();

  constructor(options: Partial<FetchOptions> = {}) {
    this.options = resolveFetchOptions(options);
    this.policy = new AddressPolicy(this.options.allowPrivate, this.options.allowedRanges);
    this.http = new HttpAgent({ keepAlive: true });
    this.https = new HttpsAgent({ keepAlive: true });
    this.hosts = new HostScheduler(this.options.perHostConcurrency, this.options.politenessDelayMs, this.options.sharedSpacing);
    this.robots = new RobotsCache((url) => this.fetchRobots(url), {
      userAgent: this.options.userAgent,
      ttlMs: this.options.robotsCacheMs,
      maxHosts: this.options.robotsCacheHosts,
      maxCrawlDelayMs: this.options.maxCrawlDelayMs,
    });
  }

  /** Stops waiting requests and closes idle connections. */
  close(): void {
    this.lifetime.abort(new Error('The fetcher is closed.'));
    this.hosts.close();
    this.http.destroy();
    this.https.destroy();
  }

  async fetch(address: string, accept: FetchAccept = 'page', signal?: AbortSignal): Promise<FetchOutcome> {
    const combined = signal ? AbortSignal.any([signal, this.lifetime.signal]) : this.lifetime.signal;
    const redirects: string[] = [];
    const fail = (url: string, code: SourceFailureCode, message: string, stage: 'fetch' | 'robots' = 'fetch', status: number | null = null): FetchOutcome => ({
      kind: 'failure',
      url,
      stage,
      code,
      message,
      status,
      redirects: [...redirects],
    });
    let current: URL;
    try {
      current = new URL(address);
    } catch {
      return fail(address, 'BAD_URL', `${JSON.stringify(address)} is not a URL.`);
    }
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      return fail(address, 'UNSUPPORTED_SCHEME', `Only http and https URLs are fetched, not ${current.protocol.replace(/:$/, '')}.`);
    }
    const visited = new Set([withoutFragment(current.href)]);

    for (;;) {
      if (this.options.obeyRobots) {
        const verdict = await this.robots.verdict(current);
        if (!verdict.allowed) return fail(current.href, verdict.code, verdict.message, verdict.code.startsWith('ROBOTS_') ? 'robots' : 'fetch');
        if (verdict.crawlDelayMs !== null) this.hosts.setDelay(current.host, verdict.crawlDelayMs);
      }
      const conditional = this.options.conditional ? await this.options.conditional(current.href) : null;
      const decided: { kind: BodyKind | null } = { kind: null };
      const result = await this.attempts(current, this.requestHeaders(accept, conditional), (status, headers) => {
        decided.kind = status >= 200 && status < 300 ? bodyKind(accept, mediaType(first(headers['content-type']))) : null;
        if (decided.kind === null) return { read: false };
        return { read: true, maxBytes: decided.kind === 'page' ? this.options.maxBodyBytes : this.options.maxFeedBytes };
      }, combined);
      if (!result.ok) return fail(current.href, result.code, result.message, 'fetch', result.status);
      const { status, headers } = result;

      if (REDIRECT_STATUSES.has(status)) {
        const location = first(headers.location);
        const next = location ? parseRedirect(location, current) : null;
        if (!next) {
          return fail(current.href, 'BAD_REDIRECT', `HTTP ${status} from ${current.href} ${location ? `redirects to ${JSON.stringify(location)}, which is not an http(s) URL` : 'has no Location header'}.`, 'fetch', status);
        }
        redirects.push(current.href);
        if (visited.has(withoutFragment(next.href))) {
          return fail(next.href, 'REDIRECT_LOOP', `The redirects loop: ${[...redirects, next.href].join(' → ')}.`, 'fetch', status);
        }
        if (redirects.length > this.options.maxRedirects) {
          return fail(next.href, 'TOO_MANY_REDIRECTS', `More than ${this.options.maxRedirects} redirects from ${address} (${limitName('maxRedirects')}).`, 'fetch', status);
        }
        visited.add(withoutFragment(next.href));
        current = next;
        continue;
      }
      const fetchedAt = new Date().toISOString();
      if (status === 304 && (conditional?.etag || conditional?.lastModified)) return { kind: 'not-modified', url: current.href, headers: flattenHeaders(headers), fetchedAt, redirects };
      if (status < 200 || status >= 300) {
        return fail(current.href, `HTTP_${status}`, `The server answered HTTP ${status} for ${current.href}${result.note ? ` (${result.note})` : ''}.`, 'fetch', status);
      }
      if (result.body === null || decided.kind === null) {
        const type = mediaType(first(headers['content-type']));
        return fail(current.href, 'NOT_HTML', `${current.href} is ${type ?? 'of no stated type'}, not ${accept === 'feed' ? 'a feed' : 'an HTML page'}; it was not downloaded.`, 'fetch', status);
      }
      return this.finish(current, status, headers, result.body, decided.kind, fetchedAt, redirects, fail);
    }
  }

  /** Undoes the content encoding, and tells a feed from a page when the type left it open. */
  private async finish(
    url: URL,
    status: number,
    headers: IncomingHttpHeaders,
    body: Uint8Array,
    kind: BodyKind,
    fetchedAt: string,
    redirects: readonly string[],
    fail: (url: string, code: SourceFailureCode, message: string, stage?: 'fetch' | 'robots', status?: number | null) => FetchOutcome,
  ): Promise<FetchOutcome> {
    let decoded = await decodeContent(body, first(headers['content-encoding']), this.options.maxDecodedBytes, { whole: true });
    if (!decoded.ok) return fail(url.href, decoded.code, `${url.href}: ${decoded.message}`, 'fetch', status);
    const resolved = kind === 'sniff' ? (looksLikeFeed(decoded.bytes) ? 'feed' : 'page') : kind;
    if (resolved === 'feed' && startsWithGzipMagic(decoded.bytes)) {
      // A gzipped sitemap (sitemap.xml.gz) is served as a gzip file, not with a Content-Encoding.
      decoded = await decodeContent(decoded.bytes, 'gzip', this.options.maxDecodedBytes, { whole: true });
      if (!decoded.ok) return fail(url.href, decoded.code, `${url.href}: ${decoded.message}`, 'fetch', status);
    }
    return { kind: resolved, url: url.href, status, headers: flattenHeaders(headers), bytes: ownBytes(decoded.bytes), fetchedAt, redirects };
  }

  /** One hop: the exchange, repeated on 429/5xx as the retry policy allows; each attempt waits its turn for the host. */
  private async attempts(
    url: URL,
    headers: Record<string, string>,
    readBody: (status: number, headers: IncomingHttpHeaders) => BodyDecision,
    signal: AbortSignal,
  ): Promise<(ExchangeResult & { ok: true; note: string | null }) | { ok: false; code: SourceFailureCode; message: string; status: number | null }> {
    for (let attempt = 1; ; attempt++) {
      let result: ExchangeResult;
      try {
        result = await this.hosts.run(url.host, () => exchange({ url, headers, readBody, signal }, this.options, { http: this.http, https: this.https, policy: this.policy }), signal);
      } catch {
        return { ok: false, code: 'NETWORK_ERROR', message: `The fetch of ${url.href} was cancelled.`, status: null };
      }
      if (!result.ok) return { ...result, status: null };
      if (!isRetryableStatus(result.status)) return { ...result, note: null };
      const decision = retryDecision(attempt, result.headers['retry-after'], this.options);
      if (!decision.retry) return { ...result, note: decision.reason };
      try {
        await sleep(decision.waitMs, signal);
      } catch {
        return { ok: false, code: 'NETWORK_ERROR', message: `The fetch of ${url.href} was cancelled.`, status: null };
      }
    }
  }

  private requestHeaders(accept: FetchAccept, conditional: ConditionalHeaders | null): Record<string, string> {
    const headers: Record<string, string> = { 'User-Agent': this.options.userAgent, Accept: ACCEPT_HEADER[accept], 'Accept-Encoding': ACCEPT_ENCODING };
    if (conditional?.etag) headers['If-None-Match'] = conditional.etag;
    if (conditional?.lastModified) headers['If-Modified-Since'] = conditional.lastModified;
    return headers;
  }

  /** robots.txt: redirects followed (up to five), the first maxRobotsBytes kept, any answer reported as it is. */
  private async fetchRobots(robotsUrl: URL): Promise<RobotsAnswer> {
    let current = robotsUrl;
    for (let hop = 0; hop <= ROBOTS_REDIRECTS; hop++) {
      const result = await this.attempts(
        current,
        { 'User-Agent': this.options.userAgent, Accept: 'text/plain,*/*;q=0.1', 'Accept-Encoding': ACCEPT_ENCODING },
        (status) => (status >= 200 && status < 300 ? { read: true, maxBytes: this.options.maxRobotsBytes, truncate: true } : { read: false }),
        this.lifetime.signal,
      );
      if (!result.ok) return { error: result.message, code: unreachable(result.code) };
      const location = REDIRECT_STATUSES.has(result.status) ? first(result.headers.location) : undefined;
      const next = location ? parseRedirect(location, current) : null;
      if (next) {
        current = next;
        continue;
      }
      if (result.body === null) return { status: result.status, body: '' };
      const decoded = await decodeContent(result.body, first(result.headers['content-encoding']), this.options.maxRobotsBytes);
      if (!decoded.ok) return { error: `its body cannot be decoded: ${decoded.message}`, code: null };
      return { status: result.status, body: new TextDecoder('utf-8').decode(decoded.bytes) };
    }
    return { error: `more than ${ROBOTS_REDIRECTS} redirects`, code: null };
  }
}

function unreachable(code: SourceFailureCode): UnreachableCode | null {
  return code === 'NETWORK_ERROR' || code === 'TIMEOUT' || code === 'PRIVATE_ADDRESS' || code === 'DNS_ERROR' ? code : null;
}

/** How a 2xx body is read, from what was asked for and the Content-Type; null when it is not wanted. */
function bodyKind(accept: FetchAccept, type: string | null): BodyKind | null {
  if (accept === 'feed') return 'feed';
  if (type === null) return accept === 'page' ? 'page' : 'sniff';
  if (HTML_TYPES.has(type)) return 'page';
  if (accept === 'page-or-feed' && isFeedType(type)) return 'feed';
  if (accept === 'page-or-feed' && VAGUE_TYPES.has(type)) return 'sniff';
  return null;
}

function parseRedirect(location: string, base: URL): URL | null {
  try {
    const next = new URL(location, base);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : null;
  } catch {
    return null;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Node's headers as Parley keeps them: lower-case names, repeated values joined, transfer headers dropped. */
function flattenHeaders(headers: IncomingHttpHeaders): SourceHeaders {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || TRANSFER_HEADERS.has(name)) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
