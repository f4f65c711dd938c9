/**
 * One walk over the page collects every metadata candidate the markup holds: the `<title>`, meta tags,
 * headings, microdata properties, `<time>` and hAtom dates, byline and date elements, rel=author and
 * rel=tag links, and the visible text nodes (for datelines near the headline). Each field's resolver
 * then reads these lists; no field walks the tree again.
 */
import type { AnyNode, Document, Element, Text } from 'domhandler';
import { isElement, isText } from '../dom.js';
import { CHROME_TAGS, HINT, HintReader } from './hints.js';

/** Where a candidate sits: its position in document order and whether it is inside page chrome. */
export interface Placed {
  readonly el: Element;
  /** Elements entered before this one. */
  readonly order: number;
  /** Visible text nodes seen before this element (an index into `texts`). */
  readonly textIndex: number;
  /** Inside navigation, footers, sidebars, comments, related-story lists. */
  readonly chrome: boolean;
}

export interface Heading extends Placed {
  readonly level: number;
  /** Marked as the headline by its class (entry-title, article-title, ...). */
  readonly hinted: boolean;
}

export interface ItemProp extends Placed {
  readonly props: readonly string[];
  /** The `itemtype` of the enclosing item (lowercased, last path segment). */
  readonly scopeType: string | null;
  /** The `itemprop` of the enclosing item itself ("author" for a name inside an author Person). */
  readonly scopeProp: string | null;
  /** Which item encloses the property, and which item encloses that one (0 for the page). */
  readonly scopeId: number;
  readonly parentScopeId: number;
}

export type DateKind = 'published' | 'modified' | null;

export interface TimeElement extends Placed {
  /** `datetime` of `<time>`, `title` of an hAtom `<abbr>`; null when only the text says the date. */
  readonly datetime: string | null;
  readonly kind: DateKind;
}

export interface Hinted extends Placed {
  /** For bylines: an author-bio box rather than a byline. */
  readonly box: boolean;
  readonly kind: DateKind;
}

export interface PageCandidates {
  readonly titleTag: string | null;
  /** Meta tags by lowercased name / property / http-equiv, values in document order. */
  readonly metas: ReadonlyMap<string, readonly string[]>;
  readonly headings: readonly Heading[];
  readonly itemProps: readonly ItemProp[];
  readonly times: readonly TimeElement[];
  readonly bylines: readonly Hinted[];
  readonly dateElements: readonly Hinted[];
  readonly relAuthors: readonly Placed[];
  readonly relTags: readonly Element[];
  readonly baseHref: string | null;
  readonly htmlLang: string | null;
  /** Visible, non-blank text nodes in document order. */
  readonly texts: readonly Text[];
  /** Which of `texts` sit inside page chrome: [start, end) index ranges, in order, flattened. */
  readonly chromeTextRanges: readonly number[];
}

/** Whether text node `index` lies inside page chrome (a binary search over the ranges). */
export function isChromeText(found: PageCandidates, index: number): boolean {
  const ranges = found.chromeTextRanges;
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (index < ranges[mid * 2]!) hi = mid - 1;
    else if (index >= ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Caps that bound the walk's lists on pathological pages. */
const MAX_PER_LIST = 200;
/** Headings kept: h1, h2, and other elements with a headline class. */
const MAX_HEADINGS: readonly number[] = [20, 12, 12];
/** Elements a headline class may sit on (a class on a wrapper div of the whole article does not count). */
/** The page's outer containers: their classes describe the whole page, never a chrome region. */
const PAGE_TAGS: ReadonlySet<string> = new Set(['html', 'body', 'main', 'article']);
const HEADLINE_TAGS: ReadonlySet<string> = new Set(['h3', 'h4', 'h5', 'h6', 'div', 'span', 'p', 'header', 'a', 'strong', 'b']);

interface Scope {
  readonly id: number;
  readonly type: string | null;
  readonly prop: string | null;
}

/** Pushed after an element's children: undoes what entering the element changed. */
class Exit {
  constructor(
    readonly chrome: boolean,
    readonly scope: boolean,
    readonly dateKind: boolean,
    readonly article: boolean,
  ) {}
}

/** Item types that mark the article itself (its footer is not page chrome). */
const ARTICLE_ITEM = /article|posting|report|review/i;

const push = <T>(list: T[], item: T): void => {
  if (list.length < MAX_PER_LIST) list.push(item);
};

/** Whitespace only (a character loop: most text nodes are decided by their first character). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 9 && code !== 13 && code !== 160 && code !== 12) return false;
  }
  return true;
}

export function collectCandidates(document: Document): PageCandidates {
  let titleTag: string | null = null;
  const metas = new Map<string, string[]>();
  const headings: Heading[] = [];
  const itemProps: ItemProp[] = [];
  const times: TimeElement[] = [];
  const bylines: Hinted[] = [];
  const dateElements: Hinted[] = [];
  const relAuthors: Placed[] = [];
  const relTags: Element[] = [];
  const texts: Text[] = [];
  const chromeTextRanges: number[] = [];
  let baseHref: string | null = null;
  let htmlLang: string | null = null;
  let h1Count = 0;
  let h2Count = 0;
  let hintedCount = 0;

  const reader = new HintReader();
  let chromeDepth = 0;
  let articleDepth = 0;
  let order = 0;
  const scopes: Scope[] = [];
  let scopeCount = 0;
  const dateKinds: DateKind[] = [];
  const stack: (AnyNode | Exit)[] = [];
  for (let i = document.children.length - 1; i >= 0; i--) stack.push(document.children[i]!);

  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof Exit) {
      if (item.chrome && --chromeDepth === 0) chromeTextRanges.push(texts.length);
      if (item.scope) scopes.pop();
      if (item.dateKind) dateKinds.pop();
      if (item.article) articleDepth--;
      continue;
    }
    if (isText(item)) {
      if (!isBlank(item.data)) texts.push(item);
      continue;
    }
    if (!isElement(item)) continue;
    const el = item;
    const name = el.name;
    const attribs = el.attribs;
    const textIndex = texts.length;
    const chrome = chromeDepth > 0;
    order++;
    // One pass over the attributes: looking up absent keys one by one on objects of many shapes costs
    // more than enumerating the one or two an element has.
    let cls: string | undefined;
    let id: string | undefined;
    let itemprop: string | undefined;
    let itemtype: string | undefined;
    let itemscope = false;
    for (const key in attribs) {
      switch (key) {
        case 'class':
          cls = attribs[key];
          break;
        case 'id':
          id = attribs[key];
          break;
        case 'itemprop':
          itemprop = attribs[key];
          break;
        case 'itemtype':
          itemtype = attribs[key];
          break;
        case 'itemscope':
          itemscope = true;
          break;
      }
    }

    // Page-level tags, wherever they are.
    if (name === 'meta') {
      addMeta(metas, attribs);
      if (!chrome && itemprop) push(itemProps, itemPropOf(el, order, textIndex, scopes));
      continue;
    }
    if (name === 'title') {
      if (titleTag === null && scopes.length === 0) titleTag = el.children.map((c) => (isText(c) ? c.data : '')).join('');
      continue;
    }
    if (name === 'base') baseHref ??= attribs['href'] ?? null;
    else if (name === 'html') htmlLang ??= attribs['lang'] ?? attribs['xml:lang'] ?? null;

    // Inside chrome only headings matter (a headline in a misnamed wrapper); nothing else is read.
    const flags = chrome ? 0 : reader.flags(cls) | reader.flags(id);
    const level = name === 'h1' ? 1 : name === 'h2' ? 2 : flags & HINT.headline && HEADLINE_TAGS.has(name) ? 3 : 0;
    // A visually hidden or kicker element is not the headline.
    if (level > 0 && !(flags & HINT.kicker) && attribs['hidden'] === undefined && attribs['aria-hidden'] !== 'true') {
      const count = level === 1 ? h1Count++ : level === 2 ? h2Count++ : hintedCount++;
      if (count < MAX_HEADINGS[level - 1]!) push(headings, { el, order, textIndex, chrome, level, hinted: (flags & HINT.headline) !== 0 });
    }

    let exitChrome = false;
    let exitScope = false;
    let exitKind = false;
    if (!chrome) {
      if (name === 'time') {
        push(times, { el, order, textIndex, chrome, datetime: attribs['datetime'] ?? attribs['content'] ?? null, kind: dateKindOf(el, flags, dateKinds) });
      } else if ((name === 'abbr' || name === 'span') && attribs['title'] && flags & (HINT.date | HINT.published | HINT.modified)) {
        // hAtom's machine-readable date in a title ("<abbr class="published" title="2013-04-04T18:52:11">").
        push(times, { el, order, textIndex, chrome, datetime: attribs['title'], kind: dateKindOf(el, flags, dateKinds) });
      } else if (name === 'a' && attribs['rel']) {
        const rel = attribs['rel'].toLowerCase();
        if (/(?:^|\s)author(?:\s|$)/.test(rel)) push(relAuthors, { el, order, textIndex, chrome });
        if (/(?:^|\s)tag(?:\s|$)/.test(rel)) push(relTags, el);
      }
      if (itemprop) push(itemProps, itemPropOf(el, order, textIndex, scopes));
      // <address> is the HTML element for an article's author and contact line.
      if (flags & HINT.byline || name === 'address' || (itemprop && /\bauthor\b/i.test(itemprop))) {
        push(bylines, { el, order, textIndex, chrome, box: (flags & HINT.authorBox) !== 0, kind: null });
      }
      if (flags & HINT.date && name !== 'time') {
        push(dateElements, { el, order, textIndex, chrome, box: false, kind: dateKindOf(el, flags, dateKinds) });
      }
      const kind = flags & HINT.modified ? 'modified' : flags & HINT.published ? 'published' : null;
      if (kind) {
        dateKinds.push(kind);
        exitKind = true;
      }
      if (itemscope) {
        const type = itemtype?.trim().split(/\s+/)[0]?.replace(/^.*[/#]/, '').toLowerCase() ?? null;
        scopes.push({ id: ++scopeCount, type, prop: itemprop?.toLowerCase().split(/\s+/)[0] ?? null });
        exitScope = true;
      }
    }
    const footer = name === 'footer' || (flags & HINT.footer) !== 0;
    if (CHROME_TAGS.has(name) || (flags & HINT.chrome && !PAGE_TAGS.has(name)) || (footer && articleDepth === 0)) {
      if (chromeDepth++ === 0) chromeTextRanges.push(texts.length);
      exitChrome = true;
    }
    const exitArticle = name === 'article' || (itemtype !== undefined && ARTICLE_ITEM.test(itemtype));
    if (exitArticle) articleDepth++;
    if (exitChrome || exitScope || exitKind || exitArticle) stack.push(new Exit(exitChrome, exitScope, exitKind, exitArticle));
    const { children } = el;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }

  if (chromeTextRanges.length % 2 === 1) chromeTextRanges.push(texts.length);
  return { titleTag, metas, headings, itemProps, times, bylines, dateElements, relAuthors, relTags, baseHref, htmlLang, texts, chromeTextRanges };
}

/** Longest meta value kept: longer ones are cut (no title, name or date is this long; the cap bounds later work). */
const MAX_META_VALUE = 4096;

function addMeta(metas: Map<string, string[]>, attribs: Readonly<Record<string, string>>): void {
  const key = (attribs['property'] ?? attribs['name'] ?? attribs['http-equiv'] ?? '').trim().toLowerCase();
  const raw = attribs['content'] ?? attribs['value'];
  const content = raw !== undefined && raw.length > MAX_META_VALUE ? raw.slice(0, MAX_META_VALUE) : raw;
  if (!key || content === undefined) return;
  for (const k of key.split(/\s+/)) {
    const list = metas.get(k);
    if (list) push(list, content);
    else metas.set(k, [content]);
  }
}

function itemPropOf(el: Element, order: number, textIndex: number, scopes: readonly Scope[]): ItemProp {
  const scope = scopes[scopes.length - 1];
  const parent = scopes[scopes.length - 2];
  const props = (el.attribs['itemprop'] ?? '').toLowerCase().split(/\s+/);
  return { el, order, textIndex, chrome: false, props, scopeType: scope?.type ?? null, scopeProp: scope?.prop ?? null, scopeId: scope?.id ?? 0, parentScopeId: parent?.id ?? 0 };
}

function dateKindOf(el: Element, flags: number, context: readonly DateKind[]): DateKind {
  const itemprop = el.attribs['itemprop']?.toLowerCase() ?? '';
  if (itemprop.includes('datemodified')) return 'modified';
  if (itemprop.includes('datepublished') || itemprop.includes('datecreated') || el.attribs['pubdate'] !== undefined) return 'published';
  if (flags & HINT.modified) return 'modified';
  if (flags & HINT.published) return 'published';
  return context[context.length - 1] ?? null;
}
