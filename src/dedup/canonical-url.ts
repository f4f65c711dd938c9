import { pathToFileURL } from 'node:url';
import { sameSite } from './site.js';
import {
  AMP_CACHE_HOST_SUFFIX,
  AMP_CACHE_PATH,
  AMP_FILE_SUFFIXES,
  AMP_HOST_LABELS,
  AMP_PATH_SEGMENTS,
  DIRECTORY_INDEX_FILES,
  TRACKING_PARAMETER_PREFIXES,
  TRACKING_PARAMETERS,
} from './url-rules.js';

/**
 * One spelling for every address of the same page, so that an article is stored once per page however it
 * was linked: the scheme and host lower-cased (WHATWG parsing does it, with the default port dropped and
 * the host in punycode), credentials and fragment dropped, tracking parameters removed and the others
 * sorted by name, percent-escapes in one case, AMP variants and directory index files folded into the
 * page itself, and no trailing slash except on the root.
 *
 * Trailing slashes: `/story/` and `/story` are the same page on every news CMS we know of, and a server
 * that tells them apart for an article would be serving the same text twice anyway (which the text
 * hash catches), so both become `/story`.
 *
 * Query order: sorting changes the meaning of a URL only for servers that read repeated or positional
 * parameters in order; the sort is stable, so repeated names keep their order.
 */
export function canonicalizeUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol === 'file:') {
    url.hash = '';
    url.search = '';
    return url.href;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url = unwrapAmpCache(url) ?? url;
  const host = canonicalHost(url.hostname);
  if (host === '') return null;
  const port = url.port === '' ? '' : `:${url.port}`;
  const path = canonicalPath(url.pathname);
  const query = canonicalQuery(url.search);
  return `${url.protocol}//${host}${port}${path}${query === '' ? '' : `?${query}`}`;
}

/** `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/story` → `https://www.example.com/story`. */
function unwrapAmpCache(url: URL): URL | null {
  if (!url.hostname.endsWith(AMP_CACHE_HOST_SUFFIX)) return null;
  const match = AMP_CACHE_PATH.exec(url.pathname);
  if (!match) return null;
  try {
    return new URL(`${match[1] ? 'https' : 'http'}://${match[2]}${match[3] ?? '/'}${url.search}`);
  } catch {
    return null;
  }
}

function canonicalHost(hostname: string): string {
  const labels = hostname.replace(/\.$/, '').split('.');
  // `amp.example.com` → `example.com`, but never down to a bare public suffix (`amp.com` stays).
  if (labels.length > 2 && AMP_HOST_LABELS.has(labels[0]!)) labels.shift();
  return labels.join('.');
}

function canonicalPath(pathname: string): string {
  const segments = pathname.split('/').slice(1).map(normalizeEscapes);
  // AMP markers stand first or last: `/amp/news/story`, `/news/story/amp`, `/news/story/amp/`.
  if (segments.at(-1) === '') segments.pop();
  while (segments.length > 0 && AMP_PATH_SEGMENTS.has(segments[0]!.toLowerCase())) segments.shift();
  while (segments.length > 0 && AMP_PATH_SEGMENTS.has(segments.at(-1)!.toLowerCase())) segments.pop();
  const last = segments.at(-1);
  if (last !== undefined) {
    const lower = last.toLowerCase();
    if (DIRECTORY_INDEX_FILES.has(lower)) {
      segments.pop();
    } else {
      const suffix = AMP_FILE_SUFFIXES.find(([amp]) => lower.endsWith(amp) && lower.length > amp.length);
      if (suffix) segments[segments.length - 1] = last.slice(0, last.length - suffix[0].length) + suffix[1];
    }
  }
  return `/${segments.join('/')}`;
}

function canonicalQuery(search: string): string {
  if (search.length <= 1) return '';
  const kept: { readonly name: string; readonly pair: string }[] = [];
  for (const pair of search.slice(1).split('&')) {
    if (pair === '') continue;
    const rawName = pair.split('=', 1)[0]!;
    const name = decodeName(rawName).toLowerCase();
    if (isTracking(name)) continue;
    kept.push({ name, pair: normalizeEscapes(pair) });
  }
  kept.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return kept.map((entry) => entry.pair).join('&');
}

function isTracking(name: string): boolean {
  return TRACKING_PARAMETERS.has(name) || TRACKING_PARAMETER_PREFIXES.some((prefix) => name.startsWith(prefix));
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** Upper-case hex in escapes, and the unreserved characters (RFC 3986 §2.3) unescaped: `%7e` → `~`. */
function normalizeEscapes(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

/** What the canonical URL of a page was settled from. */
export type CanonicalSource = 'declared' | 'page' | 'file';

export interface CanonicalChoice {
  readonly url: string;
  readonly from: CanonicalSource;
}

/**
 * The canonical URL of one page: the page's own canonical link (`<link rel=canonical>`, og:url, as
 * extraction found it) when it is believable, else the page's URL, else the local file's `file:` URL.
 *
 * A declared canonical is believed when it points into the same site (registrable domain) as the page,
 * AMP caches and `amp.` hosts included (they are unwrapped first), and is not an ancestor of the page's
 * path: a canonical link to the home page or to a section index is a common template mistake, and
 * taking it would fold every article of the site into one. A canonical on another site is not believed:
 * syndication partners point at the original publisher, and taking it would file the reprint under the
 * original's address (the text fingerprints link the two instead). With no page URL (a local file),
 * the declared canonical is the only address there is, and is taken unless it names a site's root.
 */
export function chooseCanonicalUrl(pageUrl: string | null, declared: string | null, filePath: string | null): CanonicalChoice | null {
  const page = pageUrl === null ? null : canonicalizeUrl(pageUrl);
  const pageIsWeb = page !== null && !page.startsWith('file:');
  const claimed = declared === null ? null : canonicalizeDeclared(declared, pageIsWeb ? pageUrl : null);
  if (claimed !== null) {
    if (pageIsWeb ? believable(page, claimed) : !isRoot(claimed)) return { url: claimed, from: 'declared' };
  }
  if (page !== null) return { url: page, from: page.startsWith('file:') ? 'file' : 'page' };
  if (filePath !== null) return { url: pathToFileURL(filePath).href, from: 'file' };
  return null;
}

function canonicalizeDeclared(declared: string, base: string | null): string | null {
  let absolute: string;
  try {
    absolute = base === null ? new URL(declared).href : new URL(declared, base).href;
  } catch {
    return null;
  }
  const url = canonicalizeUrl(absolute);
  return url === null || url.startsWith('file:') ? null : url;
}

function believable(page: string, claimed: string): boolean {
  if (claimed === page) return true;
  if (!sameSite(page, claimed)) return false;
  const claimedPath = new URL(claimed).pathname;
  const pagePath = new URL(page).pathname;
  const isAncestor = claimedPath === '/' || (pagePath.startsWith(`${claimedPath}/`) && pagePath !== claimedPath);
  return !isAncestor;
}

function isRoot(url: string): boolean {
  return new URL(url).pathname === '/';
}
