/**
 * Media types as data: which responses are pages, which are feeds or sitemaps, and a look at the first
 * bytes for the (common) servers that label feeds `text/plain` or `application/octet-stream`.
 */

/** Media types read as pages. A response without a Content-Type is read too: extraction sniffs it. */
export const HTML_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml', 'application/vnd.wap.xhtml+xml']);

/** Media types read as feeds or sitemaps (XML, possibly gzipped). */
export const FEED_TYPES: ReadonlySet<string> = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
  'application/x-rss+xml',
  'application/feed+xml',
  'application/gzip',
  'application/x-gzip',
]);

/** Root elements of the feeds and sitemaps Parley reads. */
const FEED_ROOT = /^<(?:rss|feed|rdf:RDF|RDF|urlset|sitemapindex)[\s>/]/;

/** `text/html; charset=UTF-8` → `text/html`; null when there is no header. */
export function mediaType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === '' ? null : type;
}

export function isHtmlType(type: string | null): boolean {
  return type === null || HTML_TYPES.has(type);
}

export function isFeedType(type: string | null): boolean {
  return type !== null && FEED_TYPES.has(type);
}

/**
 * Whether a document looks like a feed or sitemap: its first element (after a BOM, the XML declaration,
 * comments, processing instructions and a doctype) is one of the feed roots. Reads at most 4 KiB.
 */
export function looksLikeFeed(bytes: Uint8Array): boolean {
  let text = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  for (;;) {
    text = text.trimStart();
    const skip = /^(?:<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)/i.exec(text);
    if (!skip) break;
    text = text.slice(skip[0].length);
  }
  return FEED_ROOT.test(text);
}
