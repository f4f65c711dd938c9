import { decodeXML } from 'entities';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps (news sitemaps included: they are sitemaps with extra tags) and
 * sitemap indexes, read into the list of URLs they point at. The XML must be well-formed (fast-xml-parser's
 * validator decides; a feed that is not is a BAD_FEED with the line and column). Entity expansion is off:
 * only XML's five predefined entities and character references are decoded, so a DOCTYPE cannot make a
 * small feed expand into gigabytes.
 */

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'sitemap' | 'sitemap-index';

export interface FeedEntry {
  /** Absolute http(s) URL, or null when the entry's link is not one (`raw` says what it was). */
  readonly url: string | null;
  readonly raw: string;
}

export interface ParsedFeed {
  readonly format: FeedFormat;
  /** Article URLs (feeds, sitemaps) or sitemap URLs (a sitemap index), in document order, without repeats. */
  readonly entries: readonly FeedEntry[];
  /** Entries beyond `maxEntries` that were dropped. */
  readonly dropped: number;
}

export type FeedParse = { readonly ok: true; readonly feed: ParsedFeed } | { readonly ok: false; readonly message: string };

const PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  processEntities: false,
  removeNSPrefix: true,
  cdataPropName: '#cdata',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: 256,
});

/** Where each format keeps its entries and, inside an entry, its URL. */
const FORMATS: readonly { readonly format: FeedFormat; readonly root: string; readonly container: string | null; readonly entry: string }[] = [
  { format: 'rss', root: 'rss', container: 'channel', entry: 'item' },
  { format: 'rdf', root: 'RDF', container: null, entry: 'item' },
  { format: 'atom', root: 'feed', container: null, entry: 'entry' },
  { format: 'sitemap', root: 'urlset', container: null, entry: 'url' },
  { format: 'sitemap-index', root: 'sitemapindex', container: null, entry: 'sitemap' },
];

export function parseFeed(bytes: Uint8Array, baseUrl: string | null, maxEntries: number): FeedParse {
  const text = decodeText(bytes);
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    return { ok: false, message: cutShort(text, msg, line, col) ?? `It is not well-formed XML: ${msg} (line ${line}, column ${col}).` };
  }
  let document: Record<string, unknown>;
  try {
    document = PARSER.parse(text) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, message: `It cannot be parsed as XML: ${error instanceof Error ? error.message : String(error)}.` };
  }
  for (const shape of FORMATS) {
    const root = document[shape.root];
    if (root === undefined) continue;
    const containers = shape.container === null ? [root] : list(field(root, shape.container));
    const items = containers.flatMap((container) => list(field(container, shape.entry)));
    return { ok: true, feed: collect(shape.format, items, baseUrl, maxEntries) };
  }
  const roots = Object.keys(document).filter((name) => !name.startsWith('?') && !name.startsWith('#'));
  return { ok: false, message: `It is XML but not a feed or sitemap (its root element is <${roots[0] ?? '?'}>; expected rss, rdf:RDF, feed, urlset or sitemapindex).` };
}

/**
 * A feed that ends with elements still open (a download cut short) is said to be that, with where it
 * ends. fast-xml-parser reports it as the list of open elements (`Invalid '["rss", "channel"]' found`,
 * at line 1) or as one unclosed tag; neither says the feed stops early.
 */
function cutShort(text: string, message: string, line: number, column: number): string | null {
  const stack = /^Invalid '(\[[\s\S]*\])' found/.exec(message)?.[1];
  let open: string[] | null = null;
  if (stack !== undefined) {
    try {
      const parsed: unknown = JSON.parse(stack);
      if (Array.isArray(parsed) && parsed.every((name) => typeof name === 'string')) open = parsed as string[];
    } catch {
      return null;
    }
  }
  const unclosed = /^Unclosed tag '([^']+)'/.exec(message)?.[1];
  const lines = text.trimEnd().split('\n');
  const last = lines[lines.length - 1]!;
  // Any other error reported at the very end of the text (inside a closing tag cut in two) is a cut too.
  const atEnd = line === lines.length && column >= last.length;
  if (open === null && unclosed === undefined && !atEnd) return null;
  const end = `line ${lines.length}, column ${last.length + 1}`;
  const what =
    open !== null
      ? `${open.map((name) => `<${name}>`).join(' > ')} ${open.length === 1 ? 'is' : 'are'} still open`
      : unclosed !== undefined
        ? `<${unclosed}> (opened at line ${line}, column ${column}) is never closed`
        : message.replace(/\.$/, '');
  return `It ends before its XML does, at ${end} (${text.length} characters): ${what}. The feed is cut short (an interrupted download, or a server that stopped sending); fetch it again.`;
}

function collect(format: FeedFormat, items: readonly unknown[], baseUrl: string | null, maxEntries: number): ParsedFeed {
  const entries: FeedEntry[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const item of items) {
    const raw = entryLink(format, item);
    if (raw === null) continue;
    const url = absoluteHttpUrl(raw, baseUrl);
    if (url !== null && seen.has(url)) continue;
    if (entries.length >= maxEntries) {
      dropped++;
      continue;
    }
    if (url !== null) seen.add(url);
    entries.push({ url, raw });
  }
  return { format, entries, dropped };
}

/** The URL an entry points at, as written (entities decoded); null when it has none. */
function entryLink(format: FeedFormat, item: unknown): string | null {
  switch (format) {
    case 'sitemap':
    case 'sitemap-index':
      return textOf(field(item, 'loc'));
    case 'atom':
      return atomLink(list(field(item, 'link')));
    case 'rss':
    case 'rdf': {
      // An RSS item's <link>; an <atom:link> inside an item reads as a link with an href.
      for (const link of list(field(item, 'link'))) {
        const value = textOf(link) ?? attribute(link, 'href');
        if (value) return value;
      }
      const guid = field(item, 'guid');
      const permalink = attribute(guid, 'isPermaLink');
      const value = textOf(guid);
      return value && permalink !== 'false' && /^https?:\/\//i.test(value) ? value : null;
    }
  }
}

/** Atom: the `alternate` link (a link without rel is one), HTML preferred. */
function atomLink(links: readonly unknown[]): string | null {
  const alternates = links.filter((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate' && attribute(link, 'href'));
  const html = alternates.find((link) => /html/i.test(attribute(link, 'type') ?? 'text/html'));
  return attribute(html ?? alternates[0], 'href');
}

function absoluteHttpUrl(raw: string, baseUrl: string | null): string | null {
  try {
    const url = baseUrl ? new URL(raw, baseUrl) : new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Element text: plain (entities decoded), CDATA (as it is), or the text beside attributes. */
function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : decodeXML(value).trim();
  if (typeof value === 'number') return String(value);
  const cdata = field(value, '#cdata');
  if (cdata !== undefined) {
    const raw = (Array.isArray(cdata) ? cdata.join('') : String(cdata)).trim();
    return raw === '' ? null : raw;
  }
  const text = field(value, '#text');
  return text === undefined ? null : textOf(text);
}

function attribute(value: unknown, name: string): string | null {
  const raw = field(value, `@_${name}`);
  return typeof raw === 'string' ? decodeXML(raw).trim() : null;
}

/** Feeds are UTF-8 almost always; a BOM or the XML declaration can say otherwise. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^(?:\uFEFF|\u00EF\u00BB\u00BF)?\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
