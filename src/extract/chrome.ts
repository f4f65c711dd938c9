import type { Element } from 'domhandler';
import { OWNER_CLASS, TAXONOMY_CLASS, BODY_TOKENS, CAPTION_TOKENS, CHROME_SUFFIXES, COMMENT_TOKENS, CHROME_ROLES, CHROME_TAGS, CHROME_TOKENS, WEAK_CHROME_TAGS, WEAK_CHROME_TOKENS } from './rules.js';

/** The words of an element's class and id, split for matching against the rules. */
export interface Tokens {
  /** Every part and every joined multi-part word: "share-bar__item" → share, bar, item, sharebaritem. */
  readonly all: readonly string[];
  /** Only the parts as written (compound endings are looked for in these, not in joined words). */
  readonly parts: readonly string[];
}

const NO_TOKENS: Tokens = { all: [], parts: [] };

/**
 * Splits class and id values into lower-case tokens: "articleBody share-bar__item" → article, body,
 * share, bar, item, plus the joined forms articlebody and sharebaritem. Taxonomy classes are skipped.
 */
export function attributeTokens(el: Element): Tokens {
  const raw = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
  if (raw.length === 1) return NO_TOKENS;
  let tokens = TOKEN_CACHE.get(raw);
  if (!tokens) {
    if (TOKEN_CACHE.size >= TOKEN_CACHE_SIZE) TOKEN_CACHE.clear();
    tokens = splitTokens(raw);
    TOKEN_CACHE.set(raw, tokens);
  }
  return tokens;
}

/** Pages repeat the same class strings many times ("col-md-6", "menu-item"): split each once. */
const TOKEN_CACHE = new Map<string, Tokens>();
const TOKEN_CACHE_SIZE = 20_000;

function splitTokens(raw: string): Tokens {
  const parts: string[] = [];
  const joined: string[] = [];
  for (const word of raw.split(/\s+/)) {
    if (!word || TAXONOMY_CLASS.test(word) || isOwnerClass(word)) continue;
    const pieces = word.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    parts.push(...pieces);
    if (pieces.length > 1) joined.push(pieces.join(''));
  }
  return { all: joined.length ? [...parts, ...joined] : parts, parts };
}

/** "post-1234", "author-jdoe" (about the post), but not "author-bio" (the rest names chrome). */
function isOwnerClass(word: string): boolean {
  const rest = OWNER_CLASS.exec(word)?.[2]?.toLowerCase();
  if (rest === undefined) return false;
  const first = rest.split(/[-_]/)[0]!;
  return !(CHROME_TOKENS.has(first) || WEAK_CHROME_TOKENS.has(first) || CAPTION_TOKENS.has(first));
}

const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** Why an element is page chrome, and whether the mark is strong (see rules.ts). */
export interface ChromeMark {
  readonly reason: string;
  readonly strong: boolean;
  /** Holds even on an element that wraps most of the page (comment sections, hidden elements). */
  readonly always?: boolean;
}

/** The element's chrome mark, or null when nothing marks it. Strong marks win over weak ones. */
export function chromeMark(el: Element, tokens: Tokens): ChromeMark | null {
  if (CHROME_TAGS.has(el.name)) return { reason: `tag:${el.name}`, strong: true };
  const { attribs } = el;
  if (attribs['hidden'] !== undefined) return { reason: 'hidden', strong: true, always: true };
  if (attribs['aria-hidden'] === 'true') return { reason: 'aria-hidden', strong: true, always: true };
  const style = attribs['style'];
  if (style && HIDDEN_STYLE.test(style)) return { reason: 'style-hidden', strong: true, always: true };
  const role = attribs['role'];
  if (role && CHROME_ROLES.has(role.toLowerCase())) return { reason: `role:${role}`, strong: true };
  let weak: string | null = WEAK_CHROME_TAGS.has(el.name) ? `tag:${el.name}` : null;
  for (const token of tokens.all) {
    if (CHROME_TOKENS.has(token) || CAPTION_TOKENS.has(token)) return { reason: `token:${token}`, strong: true, always: COMMENT_TOKENS.has(token) };
    if (!weak && WEAK_CHROME_TOKENS.has(token)) weak = `token:${token}`;
  }
  for (const token of tokens.parts) {
    const ending = compoundEnding(token);
    if (ending === null) continue;
    if (CHROME_SUFFIXES.get(ending) === 'strong') return { reason: `compound:${token}`, strong: true };
    weak ??= `compound:${token}`;
  }
  return weak ? { reason: weak, strong: false } : null;
}

/** The chrome ending of a compound class word ("postmetadata" → "metadata"), or null. */
function compoundEnding(token: string): string | null {
  for (let cut = 3; cut <= token.length - 3; cut++) {
    const ending = token.slice(cut);
    if (CHROME_SUFFIXES.has(ending)) return ending;
  }
  return null;
}

/** True when the element's tag, itemprop or tokens mark it as a likely article container. */
export function isBodyHint(el: Element, tokens: Tokens): boolean {
  if (el.name === 'article' || el.name === 'main') return true;
  const itemprop = el.attribs['itemprop'];
  if (itemprop && /articlebody|text/i.test(itemprop)) return true;
  if (el.attribs['role'] === 'main') return true;
  return tokens.all.some((t) => BODY_TOKENS.has(t));
}
