/**
 * JSON-LD as pages really write it: several scripts, arrays, `@graph`, nested and `@id`-referenced
 * authors, and broken JSON (trailing commas, raw control characters, HTML entities, comments around the
 * data, several objects in one script). Parsing never throws; what cannot be repaired is salvaged field
 * by field with patterns.
 */
import { decodeHTML } from 'entities';

export type JsonObject = { readonly [key: string]: unknown };

/** The node types that describe the page's article, best first. */
const ARTICLE_TYPES: readonly string[] = [
  'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'reviewnewsarticle', 'backgroundnewsarticle',
  'askpublicnewsarticle', 'article', 'blogposting', 'liveblogposting', 'techarticle', 'scholarlyarticle', 'report', 'socialmediaposting',
  'discussionforumposting', 'posting', 'satiricalarticle', 'advertisercontentarticle', 'medicalscholarlyarticle', 'review', 'recipe',
  'howto', 'videoobject', 'podcastepisode', 'event', 'creativework',
];
const PAGE_TYPES: readonly string[] = ['webpage', 'itempage', 'aboutpage', 'profilepage', 'qapage', 'faqpage', 'medicalwebpage', 'collectionpage'];
const ORGANIZATION_TYPES = new Set(['organization', 'newsmediaorganization', 'corporation', 'localbusiness', 'website', 'educationalorganization', 'governmentorganization']);

/** Limits that keep a hostile script cheap: objects visited and nesting followed. */
const MAX_NODES = 2000;
const MAX_DEPTH = 12;

export interface JsonLdData {
  /** Every object found, in document order (graph members and nested objects included). */
  readonly nodes: readonly JsonObject[];
  /** Objects by `@id`, to resolve references such as `"author": {"@id": "#jane"}`. */
  readonly byId: ReadonlyMap<string, JsonObject>;
}

/** HTML comment and CDATA wrappers some pages put around the JSON (checked by hand: scripts are long). */
const OPENERS = ['<!--', '//<![CDATA[', '// <![CDATA[', '<![CDATA['];
const CLOSERS = ['-->', '//]]>', '// ]]>', ']]>', ';'];

function stripWrapper(text: string): string {
  let out = text.trim();
  for (const opener of OPENERS) if (out.startsWith(opener)) out = out.slice(opener.length).trimStart();
  for (const closer of CLOSERS) if (out.endsWith(closer)) out = out.slice(0, -closer.length).trimEnd();
  return out;
}

// eslint-disable-next-line no-control-regex -- raw control characters inside strings are what this repair removes
const CONTROL_CHARACTERS = /[\u0000-\u001f]+/g;
const TRAILING_COMMA = /,\s*([}\]])/g;
const clean = (t: string): string => t.replace(CONTROL_CHARACTERS, ' ').replace(TRAILING_COMMA, '$1');

/** Repairs, from light to heavy, tried in turn until one parses. */
const REPAIRS: readonly ((text: string) => string)[] = [
  (t) => t,
  clean,
  (t) => `[${clean(t).replace(/}\s*{/g, '},{')}]`,
  (t) => clean(decodeHTML(t)),
];

function tryParse(text: string): unknown {
  for (const repair of REPAIRS) {
    try {
      return JSON.parse(repair(text)) as unknown;
    } catch {
      // try the next, heavier repair
    }
  }
  return undefined;
}

const SALVAGE_FIELDS = ['@type', 'headline', 'name', 'datePublished', 'dateCreated', 'dateModified', 'description', 'articleSection', 'url'];

/** The top-level string fields of a script no repair could parse, found by pattern. */
function salvage(text: string): JsonObject | null {
  const out: Record<string, unknown> = {};
  for (const field of SALVAGE_FIELDS) {
    const m = new RegExp(`"${field}"\\s*:\\s*"((?:[^"\\\\]|\\\\.){0,2000})"`).exec(text);
    if (m) out[field] = m[1]!.replace(/\\(["\\/])/g, '$1').replace(/\\[nrt]/g, ' ');
  }
  const author = /"author"\s*:\s*(?:\[\s*)?\{[^{}]*?"name"\s*:\s*"((?:[^"\\]|\\.){1,200})"/.exec(text);
  if (author) out['author'] = { name: author[1] };
  return Object.keys(out).length > 0 ? out : null;
}

/** Parses every JSON-LD script into one flat list of objects. */
export function parseJsonLd(scripts: readonly string[]): JsonLdData {
  const nodes: JsonObject[] = [];
  const byId = new Map<string, JsonObject>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || nodes.length >= MAX_NODES || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const node = value as JsonObject;
    nodes.push(node);
    const id = node['@id'];
    if (typeof id === 'string' && Object.keys(node).length > 1 && !byId.has(id)) byId.set(id, node);
    for (const [key, child] of Object.entries(node)) {
      if (key !== '@context' && child !== null && typeof child === 'object') visit(child, depth + 1);
    }
  };
  for (const script of scripts) {
    const text = stripWrapper(script);
    if (!text) continue;
    const parsed = tryParse(text);
    if (parsed !== undefined) visit(parsed, 0);
    else {
      const salvaged = salvage(text);
      if (salvaged) visit(salvaged, 0);
    }
  }
  return { nodes, byId };
}

export function typesOf(node: JsonObject): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#:]/, '').toLowerCase());
}

function rank(node: JsonObject): number {
  let best = Number.POSITIVE_INFINITY;
  for (const type of typesOf(node)) {
    const article = ARTICLE_TYPES.indexOf(type);
    if (article >= 0) best = Math.min(best, article);
    const page = PAGE_TYPES.indexOf(type);
    if (page >= 0) best = Math.min(best, ARTICLE_TYPES.length + page);
  }
  return best;
}

const sameUrl = (a: string, b: string): boolean => a.replace(/[#?].*$/, '').replace(/\/$/, '') === b.replace(/[#?].*$/, '').replace(/\/$/, '');

/**
 * The node that describes this page's article: the best-ranked article type, preferring a node whose
 * `url`/`mainEntityOfPage` is the page's own URL (pages list related articles as JSON-LD too), then the
 * one with a headline and a date.
 */
export function findArticleNode(data: JsonLdData, pageUrls: readonly string[]): JsonObject | null {
  let best: JsonObject | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  data.nodes.forEach((node, order) => {
    const r = rank(node);
    if (!Number.isFinite(r)) return;
    let score = 100 - r * 2 - order * 0.01;
    const urls = [node['url'], node['mainEntityOfPage'], (node['mainEntityOfPage'] as JsonObject | undefined)?.['@id'], node['@id']];
    if (urls.some((u) => typeof u === 'string' && pageUrls.some((p) => sameUrl(u, p)))) score += 30;
    if (node['headline'] || node['name']) score += 5;
    if (node['datePublished'] || node['dateCreated']) score += 10;
    if (node['author']) score += 5;
    if (score > bestScore) {
      bestScore = score;
      best = node;
    }
  });
  return best;
}

/** The string in a JSON-LD value: a string, the first of an array, or an object's `name`/`@value`/`url`. */
export function textOf(value: unknown, keys: readonly string[] = ['name', '@value']): string | null {
  if (typeof value === 'string') return decodeHTML(value).trim() || null;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textOf(item, keys);
      if (text) return text;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const key of keys) {
      const text = textOf((value as JsonObject)[key], keys);
      if (text) return text;
    }
  }
  return null;
}

export interface JsonLdAuthor {
  readonly name: string;
  readonly isOrganization: boolean;
}

/** The authors of a node, with `@id` references resolved and organizations marked. */
export function authorsOf(node: JsonObject, data: JsonLdData, key = 'author'): JsonLdAuthor[] {
  const raw = node[key];
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  const out: JsonLdAuthor[] = [];
  for (let item of list) {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const id = (item as JsonObject)['@id'];
      if (typeof id === 'string' && !(item as JsonObject)['name']) item = data.byId.get(id) ?? item;
      const obj = item as JsonObject;
      const name = textOf(obj['name']) ?? ([textOf(obj['givenName']), textOf(obj['familyName'])].filter(Boolean).join(' ') || null);
      if (name) out.push({ name, isOrganization: typesOf(obj).some((t) => ORGANIZATION_TYPES.has(t)) });
    } else if (typeof item === 'string' && item.trim() && !/^https?:\/\//.test(item.trim())) {
      out.push({ name: decodeHTML(item).trim(), isOrganization: false });
    }
  }
  return out;
}

/** The name of the site: the article's publisher, or a WebSite / NewsMediaOrganization node. */
export function siteNameOf(article: JsonObject | null, data: JsonLdData): string | null {
  const publisher = article ? authorsOf(article, data, 'publisher')[0]?.name : undefined;
  if (publisher) return publisher;
  for (const node of data.nodes) {
    const types = typesOf(node);
    if (types.includes('website') || types.includes('newsmediaorganization')) {
      const name = textOf(node['name']);
      if (name) return name;
    }
  }
  return null;
}

/** Keywords as a list: JSON-LD allows a comma-separated string or an array. */
export function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s*[,;]\s*/).map((s) => decodeHTML(s).trim()).filter(Boolean);
  if (Array.isArray(value)) return value.flatMap((v) => listOf(typeof v === 'string' ? v : textOf(v) ?? ''));
  return [];
}
