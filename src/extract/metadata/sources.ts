/**
 * The page's structured metadata, gathered once: the markup's candidates (one walk, collect.ts), the
 * meta tags, JSON-LD and microdata, the `<link>` URLs, the base URL and host. Each field's candidates
 * from these sources, with their weights, are listed by the functions below; the visible sources
 * (headings, bylines, datelines, URL) are added by the field's own resolver.
 */
import type { ParsedPage } from '../parse.js';
import { resolveUrl } from '../url.js';
import type { Candidate } from './candidates.js';
import { collectCandidates, type PageCandidates } from './collect.js';
import { authorsOf, findArticleNode, listOf, parseJsonLd, siteNameOf, textOf, type JsonLdData, type JsonObject } from './jsonld.js';
import { metaCandidates, type MetaCandidates } from './meta-tags.js';
import { microdataValues, type MicrodataValues } from './microdata.js';
import { relTagList, type TagList } from './site.js';

/** Weights of the sources that are not meta tags (meta-tags.ts holds those). */
const W = {
  jsonLdHeadline: 0.85,
  jsonLdName: 0.6,
  jsonLdPerson: 0.9,
  jsonLdOrganization: 0.55,
  jsonLdPublished: 0.9,
  jsonLdCreated: 0.8,
  jsonLdModified: 0.9,
  jsonLdSite: 0.85,
  jsonLdText: 0.8,
  jsonLdUrl: 0.5,
  microdata: 0.8,
  microdataAuthor: 0.85,
  microdataMinor: 0.7,
  canonicalLink: 0.9,
  imageLink: 0.6,
} as const;

/** A meta author that is a profile URL ("https://facebook.com/jane", "www.x.com/jane"), not a name. */
const PROFILE_URL = /^(?:https?:\/\/|www\.)|^[\w.-]+\.[a-z]{2,}\//i;

export interface PageSources {
  readonly found: PageCandidates;
  readonly meta: MetaCandidates;
  readonly jsonLd: JsonLdData;
  /** The JSON-LD node that describes the article, if any. */
  readonly article: JsonObject | null;
  readonly micro: MicrodataValues;
  /** Where relative URLs resolve: `<base href>` over the page URL. */
  readonly base: string | null;
  readonly canonicalHref: string | null;
  readonly imageHref: string | null;
  readonly host: string | null;
  /** The page's declared language (`<html lang>`), for reading numeric dates. */
  readonly language: string | null;
}

/** The first href of each `<link rel>` value the metadata reads (canonical, image_src). */
function linkHrefs(page: ParsedPage): Map<string, string> {
  const out = new Map<string, string>();
  for (const link of page.links) {
    const rel = link['rel'];
    const href = link['href'];
    if (!rel || !href) continue;
    for (const r of rel.toLowerCase().split(/\s+/)) if ((r === 'canonical' || r === 'image_src') && !out.has(r)) out.set(r, href);
  }
  return out;
}

const hostOf = (url: string | null): string | null => {
  try {
    return url ? new URL(url).hostname : null;
  } catch {
    return null;
  }
};

export function readSources(page: ParsedPage, url: string | null): PageSources {
  const found = collectCandidates(page.document);
  const meta = metaCandidates(found.metas);
  const base = resolveUrl(found.baseHref, url) ?? url;
  const links = linkHrefs(page);
  const canonicalHref = links.get('canonical') ?? null;
  const pageUrls = [url, resolveUrl(canonicalHref, base), ...(meta.canonicalUrl ?? []).map((c) => c.value)].filter((u): u is string => !!u);
  const jsonLd = parseJsonLd(page.jsonLd);
  return {
    found,
    meta,
    jsonLd,
    article: findArticleNode(jsonLd, pageUrls),
    micro: microdataValues(found.itemProps),
    base,
    canonicalHref,
    imageHref: links.get('image_src') ?? null,
    host: hostOf(canonicalHref && /^https?:/i.test(canonicalHref) ? canonicalHref : base),
    language: found.htmlLang?.trim().toLowerCase() || null,
  };
}

function fromJsonLd(node: JsonObject | null, keys: readonly (readonly [string, number])[], textKeys?: readonly string[]): Candidate[] {
  if (!node) return [];
  const out: Candidate[] = [];
  for (const [key, weight] of keys) {
    const value = textOf(node[key], textKeys);
    if (value) out.push({ value, source: 'json-ld', weight });
  }
  return out;
}

/** Adds a microdata value as a candidate when there is one. */
const withMicrodata = (list: Candidate[], value: string | null, weight: number): Candidate[] =>
  value ? [...list, { value, source: 'microdata', weight }] : list;

export function siteNameCandidates(s: PageSources): Candidate[] {
  const list = [...(s.meta.siteName ?? [])];
  const publisher = siteNameOf(s.article, s.jsonLd);
  if (publisher) list.push({ value: publisher, source: 'json-ld', weight: W.jsonLdSite });
  return withMicrodata(list, s.micro.publisher, W.microdataMinor);
}

export function titleCandidates(s: PageSources): Candidate[] {
  const list = [...fromJsonLd(s.article, [['headline', W.jsonLdHeadline], ['name', W.jsonLdName]]), ...(s.meta.title ?? [])];
  return withMicrodata(list, s.micro.headline, W.microdata);
}

/** Raw author values, one candidate per value (authors.ts cleans and splits them). */
export function authorCandidates(s: PageSources): Candidate[] {
  const list: Candidate[] = [];
  if (s.article) {
    for (const a of authorsOf(s.article, s.jsonLd)) list.push({ value: a.name, source: 'json-ld', weight: a.isOrganization ? W.jsonLdOrganization : W.jsonLdPerson });
  }
  for (const name of s.micro.authors) list.push({ value: name, source: 'microdata', weight: W.microdataAuthor });
  return [...list, ...(s.meta.authors ?? []).filter((c) => !PROFILE_URL.test(c.value))];
}

export function publishedCandidates(s: PageSources): Candidate[] {
  const list = [...fromJsonLd(s.article, [['datePublished', W.jsonLdPublished], ['dateCreated', W.jsonLdCreated], ['uploadDate', W.jsonLdCreated]]), ...(s.meta.published ?? [])];
  return withMicrodata(list, s.micro.published, W.microdata);
}

export function modifiedCandidates(s: PageSources): Candidate[] {
  return withMicrodata([...fromJsonLd(s.article, [['dateModified', W.jsonLdModified]]), ...(s.meta.modified ?? [])], s.micro.modified, W.microdata);
}

export function canonicalCandidates(s: PageSources): Candidate[] {
  const list = [...(s.meta.canonicalUrl ?? []), ...fromJsonLd(s.article, [['url', W.jsonLdUrl]])];
  return s.canonicalHref ? [...list, { value: s.canonicalHref, source: 'html', weight: W.canonicalLink }] : list;
}

export function imageCandidates(s: PageSources): Candidate[] {
  const list = [...(s.meta.image ?? []), ...fromJsonLd(s.article, [['image', W.jsonLdText], ['thumbnailUrl', W.jsonLdText - 0.1]], ['url', 'contentUrl', '@id'])];
  if (s.imageHref) list.push({ value: s.imageHref, source: 'html', weight: W.imageLink });
  return withMicrodata(list, s.micro.image, W.microdataMinor);
}

export function descriptionCandidates(s: PageSources): Candidate[] {
  return [...(s.meta.description ?? []), ...fromJsonLd(s.article, [['description', W.jsonLdText - 0.05]])];
}

export function sectionCandidates(s: PageSources): Candidate[] {
  return withMicrodata([...(s.meta.section ?? []), ...fromJsonLd(s.article, [['articleSection', W.jsonLdText]])], s.micro.section, W.microdataMinor);
}

/** Tag lists, one per source: repeated article:tag values form one list, rel=tag links another. */
export function tagLists(s: PageSources): TagList[] {
  const lists: TagList[] = [relTagList(s.found.relTags)];
  const bySource = new Map<string, string[]>();
  for (const c of s.meta.tags ?? []) {
    const key = `${c.source}:${c.weight}`;
    const values = bySource.get(key);
    if (values) values.push(c.value);
    else {
      const fresh = [c.value];
      bySource.set(key, fresh);
      lists.push({ values: fresh, source: c.source, weight: c.weight });
    }
  }
  if (s.article) lists.push({ values: listOf(s.article['keywords']), source: 'json-ld', weight: W.jsonLdText });
  if (s.micro.keywords.length) lists.push({ values: s.micro.keywords, source: 'microdata', weight: W.microdataMinor });
  return lists;
}
