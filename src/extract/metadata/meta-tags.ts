/**
 * Meta tags as metadata sources: Open Graph and article:*, Twitter cards, Dublin Core, Highwire
 * (citation_*), Parse.ly, Sailthru and the classic names. The table says which field each tag feeds
 * and how far it is trusted; weights order the sources within a field (see index.ts for the others).
 */
import type { ProvenanceSource } from '../../model/article.js';
import type { Candidate } from './candidates.js';

export type MetaField = 'title' | 'authors' | 'published' | 'modified' | 'siteName' | 'description' | 'image' | 'section' | 'tags' | 'canonicalUrl';

/** [meta name or property (lowercase), field, weight]. */
const META_RULES: readonly (readonly [string, MetaField, number])[] = [
  ['og:title', 'title', 0.8], ['twitter:title', 'title', 0.7], ['citation_title', 'title', 0.8], ['dc.title', 'title', 0.7],
  ['dcterms.title', 'title', 0.7], ['parsely-title', 'title', 0.75], ['sailthru.title', 'title', 0.7], ['title', 'title', 0.6],
  ['headline', 'title', 0.7],

  ['citation_author', 'authors', 0.85], ['parsely-author', 'authors', 0.8], ['author', 'authors', 0.75], ['article:author', 'authors', 0.75],
  ['og:article:author', 'authors', 0.75], ['dc.creator', 'authors', 0.75], ['dcterms.creator', 'authors', 0.75], ['sailthru.author', 'authors', 0.75],
  ['byl', 'authors', 0.7], ['dc.contributor', 'authors', 0.5], ['article:author_name', 'authors', 0.75], ['author_name', 'authors', 0.7],

  ['article:published_time', 'published', 0.9], ['og:article:published_time', 'published', 0.9], ['article:published', 'published', 0.85],
  ['citation_publication_date', 'published', 0.85], ['citation_date', 'published', 0.8], ['citation_online_date', 'published', 0.75],
  ['parsely-pub-date', 'published', 0.85], ['sailthru.date', 'published', 0.8], ['dc.date.issued', 'published', 0.8],
  ['dcterms.issued', 'published', 0.8], ['dcterms.created', 'published', 0.75], ['dc.date.created', 'published', 0.75], ['dc.date', 'published', 0.7],
  ['dcterms.date', 'published', 0.7], ['pubdate', 'published', 0.8], ['publishdate', 'published', 0.8], ['publish-date', 'published', 0.8],
  ['publish_date', 'published', 0.8], ['published_time', 'published', 0.8], ['date_published', 'published', 0.8], ['original-publish-date', 'published', 0.8],
  ['article.published', 'published', 0.8], ['og:published_time', 'published', 0.85], ['date', 'published', 0.65], ['displaydate', 'published', 0.7],
  ['release_date', 'published', 0.65], ['creation_date', 'published', 0.6], ['datepublished', 'published', 0.8], ['pub_date', 'published', 0.75],

  ['article:modified_time', 'modified', 0.9], ['og:updated_time', 'modified', 0.85], ['article:modified', 'modified', 0.85],
  ['dcterms.modified', 'modified', 0.8], ['dc.date.modified', 'modified', 0.8], ['last-modified', 'modified', 0.6], ['lastmod', 'modified', 0.6],
  ['revised', 'modified', 0.6], ['datemodified', 'modified', 0.8], ['parsely-updated-date', 'modified', 0.75],

  ['og:site_name', 'siteName', 0.9], ['application-name', 'siteName', 0.6], ['apple-mobile-web-app-title', 'siteName', 0.5],
  ['dc.publisher', 'siteName', 0.6], ['dcterms.publisher', 'siteName', 0.6], ['publisher', 'siteName', 0.55], ['citation_journal_title', 'siteName', 0.5],

  ['og:description', 'description', 0.8], ['description', 'description', 0.75], ['twitter:description', 'description', 0.7],
  ['dc.description', 'description', 0.6], ['dcterms.description', 'description', 0.6], ['sailthru.description', 'description', 0.6],

  ['og:image', 'image', 0.85], ['og:image:url', 'image', 0.85], ['og:image:secure_url', 'image', 0.85], ['twitter:image', 'image', 0.75],
  ['twitter:image:src', 'image', 0.75], ['parsely-image-url', 'image', 0.6], ['sailthru.image.full', 'image', 0.6], ['thumbnail', 'image', 0.5],

  ['article:section', 'section', 0.85], ['parsely-section', 'section', 0.8], ['section', 'section', 0.6], ['article-section', 'section', 0.6],
  ['category', 'section', 0.5], ['og:article:section', 'section', 0.85],

  ['article:tag', 'tags', 0.85], ['og:article:tag', 'tags', 0.85], ['news_keywords', 'tags', 0.7], ['parsely-tags', 'tags', 0.75],
  ['sailthru.tags', 'tags', 0.7], ['keywords', 'tags', 0.5], ['dc.subject', 'tags', 0.5],

  ['og:url', 'canonicalUrl', 0.7], ['twitter:url', 'canonicalUrl', 0.5],
];

const RULES_BY_KEY = new Map(META_RULES.map(([key, field, weight]) => [key, { field, weight }]));

/**
 * Names the table does not list but that say what they hold ("w-published-date", "published",
 * "article.updated"): trusted less than the known names. Values that do not parse as dates are
 * dropped later, so a loose name costs nothing.
 */
const LOOSE_DATE_NAMES: readonly (readonly [RegExp, MetaField])[] = [
  [/(?:^|[^a-z])(?:modified|updated|last[-_.]?modified|lastmod)(?:$|[^a-z])/, 'modified'],
  [/(?:^|[^a-z])(?:published|publish[-_.]?date|publication[-_.]?date|pub[-_.]?date|release[-_.]?date|date[-_.]?published|created)(?:$|[^a-z])/, 'published'],
];
const LOOSE_WEIGHT = 0.6;

function looseRule(key: string): { field: MetaField; weight: number } | undefined {
  for (const [pattern, field] of LOOSE_DATE_NAMES) if (pattern.test(key)) return { field, weight: LOOSE_WEIGHT };
  return undefined;
}

function sourceOf(key: string): ProvenanceSource {
  if (key.startsWith('og:') || key.startsWith('article:')) return 'opengraph';
  if (key.startsWith('twitter:')) return 'twitter';
  return 'meta';
}

/** Parse.ly's `parsely-page` tag holds JSON: {title, author(s), pub_date, section, tags}. */
function parselyPage(json: string): [MetaField, string][] {
  try {
    const data = JSON.parse(json) as Record<string, unknown>;
    const out: [MetaField, string][] = [];
    const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
    const add = (field: MetaField, v: unknown): void => {
      if (Array.isArray(v)) v.forEach((x) => add(field, x));
      else if (str(v)) out.push([field, str(v)!]);
    };
    add('title', data['title']);
    add('authors', data['authors'] ?? data['author']);
    add('published', data['pub_date']);
    add('section', data['section']);
    add('tags', data['tags']);
    return out;
  } catch {
    return [];
  }
}

export type MetaCandidates = Partial<Record<MetaField, Candidate[]>>;

/** Twitter's label/data pairs ("twitter:label1" = "Written by", "twitter:data1" = "Jane Doe") that name the author. */
const AUTHOR_LABEL = /^(?:written by|author|authors|by|geschrieben von|verfasst von|autor|autorin|écrit par|auteur|escrito por|scritto da)$/i;
const MAX_TWITTER_LABELS = 4;
const TWITTER_LABEL_WEIGHT = 0.75;

function twitterLabelAuthors(metas: ReadonlyMap<string, readonly string[]>): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 1; i <= MAX_TWITTER_LABELS; i++) {
    const label = metas.get(`twitter:label${i}`)?.[0]?.trim();
    const data = metas.get(`twitter:data${i}`)?.[0]?.trim();
    if (label && data && AUTHOR_LABEL.test(label)) out.push({ value: data, source: 'twitter', weight: TWITTER_LABEL_WEIGHT });
  }
  return out;
}

/** Every meta tag the table knows, as candidates per field, in document order within each field. */
export function metaCandidates(metas: ReadonlyMap<string, readonly string[]>): MetaCandidates {
  const out: MetaCandidates = {};
  const add = (field: MetaField, candidate: Candidate): void => {
    (out[field] ??= []).push(candidate);
  };
  for (const c of twitterLabelAuthors(metas)) add('authors', c);
  for (const [key, values] of metas) {
    if (key === 'parsely-page') {
      for (const value of values) for (const [field, v] of parselyPage(value)) add(field, { value: v.trim(), source: 'meta', weight: 0.8 });
      continue;
    }
    const rule = RULES_BY_KEY.get(key) ?? looseRule(key);
    if (!rule) continue;
    for (const value of values) {
      const text = value.trim();
      if (text) add(rule.field, { value: text, source: sourceOf(key), weight: rule.weight });
    }
  }
  return out;
}
