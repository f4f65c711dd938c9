import { Fetcher } from '../../sources/fetch/fetcher.js';
import type { FetchOptions } from '../../sources/fetch/options.js';
import type { SourceItem } from '../../sources/page.js';
import { FEED_FILE, readSources, readUrlStream, URL_ARGUMENT, URL_LIST_FILE } from '../../sources/sources.js';

/**
 * The inputs of `parley extract` that are fetched rather than read: http(s) URLs, lists of URLs (.txt,
 * .urls) and saved feeds and sitemaps (.xml, .rss, .atom), read by the same sources as `parley ingest`
 * with the same fetcher — robots.txt, politeness, private addresses refused, size and time limits,
 * redirects checked — so a page fetched to be extracted is fetched as safely as one fetched to be stored.
 */

export interface RemoteInputs {
  readonly fetch: Partial<FetchOptions>;
  /** Largest page body, as --max-bytes. */
  readonly maxPageBytes: number;
  /** `parley analyze` reads a .txt file as an article's text: then only .urls files are URL lists. */
  readonly textIsArticle?: boolean;
}

/** A page fetched, or the reason none came. */
export type RemoteItem =
  | { readonly kind: 'fetched'; readonly source: string; readonly url: string; readonly bytes: Uint8Array; readonly headers: Readonly<Record<string, string>> | null; readonly outputStem: string }
  | { readonly kind: 'error'; readonly source: string; readonly code: string; readonly message: string };

export function isUrl(input: string): boolean {
  return URL_ARGUMENT.test(input);
}

/** A URL, a URL list or a saved feed: read through the sources, not as a page file. */
export function isRemoteInput(input: string, textIsArticle = false): boolean {
  return isUrl(input) || FEED_FILE.test(input) || (textIsArticle ? /\.urls$/i.test(input) : URL_LIST_FILE.test(input));
}

/** A feed or sitemap by its address (`…/sitemap.xml`, `…/feed/`, `…/rss`). */
const FEED_URL = /(?:\.(?:xml|rss|atom)(?:\.gz)?|\/(?:feed|rss|atom)s?\/?)(?:[?#].*)?$/i;

/** A list or a feed: may give many pages (a URL alone is one page, unless its address says it is a feed). */
export function isPageCollection(input: string, textIsArticle = false): boolean {
  return isUrl(input) ? FEED_URL.test(input) : isRemoteInput(input, textIsArticle);
}

/** One fetcher for the whole run, so politeness and robots.txt hold across inputs; close() at the end. */
export class RemoteReader {
  private fetcher: Fetcher | null = null;

  constructor(private readonly settings: RemoteInputs) {}

  /** Whether this input is read here (fetched), not as a file. */
  handles(input: string): boolean {
    return isRemoteInput(input, this.settings.textIsArticle);
  }

  /**
   * The pages of one input, in the order they arrive. A URL named alone (`single`) is fetched as a page;
   * among other inputs, a URL may also be a feed or sitemap, whose entries are fetched.
   */
  async *read(input: string, single: boolean): AsyncGenerator<RemoteItem> {
    this.fetcher ??= new Fetcher({ maxBodyBytes: this.settings.maxPageBytes, ...this.settings.fetch });
    const options = { fetcher: this.fetcher, maxPageBytes: this.settings.maxPageBytes };
    const items = single && isUrl(input) ? readUrlStream(once(input), null, options) : readSources([input], options);
    for await (const item of items) {
      const converted = toRemoteItem(item);
      if (converted?.kind === 'error' && converted.code === 'NOT_HTML' && single) {
        yield { ...converted, message: `${converted.message} If it is a feed or sitemap, give --format jsonl to extract its entries.` };
      } else if (converted) yield converted;
    }
  }

  close(): void {
    this.fetcher?.close();
  }
}

async function* once(url: string): AsyncGenerator<string> {
  yield url;
}

function toRemoteItem(item: SourceItem): RemoteItem | null {
  switch (item.kind) {
    case 'page':
      return { kind: 'fetched', source: item.source, url: item.url ?? item.source, bytes: item.bytes, headers: item.headers, outputStem: urlStem(item.url ?? item.source) };
    case 'failure':
      return { kind: 'error', source: item.source, code: item.code, message: item.message };
    default:
      return null; // a URL listed twice; nothing is conditional here, so no "not modified"
  }
}

/** An output name for a fetched page: its host and path (`news.example/2024/05/story`), safe as a file path. */
export function urlStem(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return safe(address);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\.(?:s?html?|php|aspx?)$/i, '') || '/index';
  const query = url.search ? `_${safe(url.search.slice(1))}` : '';
  return `${safe(url.host)}${path.split('/').map(safe).join('/')}${query}`;
}

function safe(part: string): string {
  return decodeURIComponentSafe(part).replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^\.+/, '_').slice(0, 120);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
