/**
 * Bylines that only the page text shows, in no marked element: a "By ..." or "Autor: ..." line (under
 * the headline, or anywhere in the article: "Written by Jane Doe" at its end), a dateline that also
 * names its author ("11.12.2019 - Jane Doe", "Jane Doe | Senior Writer | July 2, 2025"), and, for a
 * page with no other clue, a person named in its copyright line ("© 2019 Jane Doe"). Each is a weaker
 * source than markup; they matter on pages whose markup names no author.
 */
import type { Text } from 'domhandler';
import type { Candidate } from './candidates.js';
import { isElement } from '../dom.js';
import { cleanAuthors, ELEMENT_BOUNDARY, firstWord, isBylinePrefix, mayStartByline } from './authors.js';
import { ORGANIZATION_WORDS } from './author-lexicon.js';
import { findDatesInText } from './date-patterns.js';
import { DEFAULT_DATE_BOUNDS } from './date-value.js';
import { bylineText } from './element-text.js';
import type { SiteIdentity } from './site-identity.js';

export interface TextBylineInput {
  readonly texts: readonly Text[];
  /** Whether text node `index` is inside page chrome (menus, comments, related stories). */
  readonly isChrome: (index: number) => boolean;
  readonly titleTextIndex: number | null;
  readonly site: SiteIdentity;
  /**
   * Whether the markup already names the author surely (JSON-LD, a byline element): then only the
   * lines under the headline are read, not the whole page (they can only agree or differ there).
   */
  readonly named: boolean;
}

const WEIGHTS = { nearTitle: 0.5, anywhere: 0.4, dateline: 0.42, copyright: 0.3 } as const;
/** Longest text node read as a byline line. */
const MAX_BYLINE_TEXT = 200;
/** Text nodes after the headline where a "By" line is the article's own. */
const NEAR_TITLE_WINDOW = 20;
/** Text nodes read for a labeled byline anywhere, and for a copyright line at the page's end. */
const MAX_SCAN = 1500;
const COPYRIGHT_TAIL = 150;
/** Text nodes around the headline read for a dateline with a name, and the longest such line. */
const DATELINE_BEFORE = 3;
const DATELINE_AFTER = 15;
const MAX_DATELINE_TEXT = 160;

/** "Autor: Jane Doe", "Redaktion: ...", "Text: ...": a label that names the author after a colon. */
export const AUTHOR_LABEL = /^[\s\-–—|·•]*(?:autor(?:in|en)?|author|authors|redaktion|text|texte|auteur|autore|reporter|written by|geschrieben von|verfasst von)\s*:\s*/iu;

/** "By Jane Doe", "Von Jane Doe", "Par Jean Dupont", "by: Jane Doe": a line that starts like a byline. */
const BY_LINE = /^\s*(?:[Bb]y|BY|[Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|[Dd]i|[Dd]oor|[Aa]v|[Aa]f|[Pp]rzez|[Оо]т)\s*:?\s+\p{Lu}/u;
/** "Written by Jane Doe", "Article by ...", "Posted by ...": the words that announce a byline anywhere on the page. */
const WRITTEN_BY = /^\s*(?:written|article|posted|story|words|text|reported|geschrieben|verfasst|écrit|escrito|scritto)\s+(?:by|von|par|por|da)\b/iu;

const isByLine = (text: string): boolean =>
  (mayStartByline(text) || START_WORDS.has(firstWord(text))) && (isBylinePrefix(text) || BY_LINE.test(text) || AUTHOR_LABEL.test(text) || WRITTEN_BY.test(text));
/** First words of AUTHOR_LABEL and WRITTEN_BY lines that are not byline prefixes themselves. */
const START_WORDS: ReadonlySet<string> = new Set(['redaktion', 'reporter', 'written', 'geschrieben', 'article', 'posted', 'story', 'words', 'reported', 'écrit', 'escrito', 'scritto', 'authors']);

/** Levels climbed from a "By" text node to the element holding the whole byline. */
const BY_LINE_LEVELS = 3;

/**
 * The names of a "By ..." line: the text of the element the "By" is in, or of its parent when the
 * names sit in sibling elements ("<span>By</span><span><a>Jane Doe</a></span>").
 */
function byLineNames(node: Text, startsLine: boolean): string[] {
  let el = node.parent;
  const start = node.data.replace(/[\s\u00a0]+/g, ' ').trim();
  for (let level = 0; level < BY_LINE_LEVELS && el && isElement(el); level++, el = el.parent) {
    const whole = bylineText(el, ELEMENT_BOUNDARY, MAX_BYLINE_TEXT);
    if (whole.length > MAX_BYLINE_TEXT) break;
    // Away from the headline, "by" inside a line is prose or a list ("Title by Author"), not a byline.
    if (startsLine && level === 0 && whole.indexOf(start) !== 0) return [];
    // The line starts at the "By": what comes before it (a book title above "by Author") is not a name.
    const line = whole.slice(Math.max(0, whole.indexOf(start)));
    const names = cleanAuthors(line.replace(AUTHOR_LABEL, ''));
    if (names.length) return names;
  }
  return startsLine ? [] : cleanAuthors(node.data.replace(AUTHOR_LABEL, ''));
}

/**
 * The first "By" line: under the headline it is the article's byline; elsewhere in the article (an
 * author note at its end, a byline above the headline) it still names the author, less surely.
 */
function byLineCandidate(input: TextBylineInput): Candidate<string[]> | null {
  const { texts, titleTextIndex: title } = input;
  const from = title ?? 0;
  const end = Math.min(texts.length, input.named ? from + NEAR_TITLE_WINDOW : MAX_SCAN);
  // After the headline first (nearest first), then the text before it.
  for (const [start, stop] of [[from, end], [0, input.named ? 0 : from]] as const) {
    for (let i = start; i < stop; i++) {
      const node = texts[i]!;
      const near = title !== null && i >= title && i - title < NEAR_TITLE_WINDOW;
      // Away from the headline a byline starts its element: a text node after a sibling is inside a line.
      if (node.data.length > MAX_BYLINE_TEXT || (!near && node.prev !== null) || !isByLine(node.data)) continue;
      // Under the headline a byline may sit in a region named like chrome ("teaser-meta"); elsewhere chrome is skipped.
      if (!near && input.isChrome(i)) continue;
      const names = byLineNames(node, !near);
      if (!names.length) continue;
      return { value: names, source: 'text', weight: near ? WEIGHTS.nearTitle - (i - title) * 0.005 : WEIGHTS.anywhere };
    }
  }
  return null;
}

/** A year, or a day-month-year with a two-digit year: what a dateline with a name holds. */
const HAS_YEAR = /\d{4}|\d\.\d{1,2}\.\d\d/;

/** Two capitalized words in a row ("Jane Doe", "JANE DOE"): a line without them names nobody this source accepts. */
const TWO_NAME_WORDS = /\p{Lu}[\p{L}'’.-]*\s+(?:\p{Ll}{1,3}\s+)?\p{Lu}/u;

/** A comma right before the date: "New York, March 3, 2020" is a place and its date, not a byline. */
const COMMA_BEFORE_DATE = /,\s*$/;

/**
 * A dateline near the headline that also names the author: "11.12.2019 - Jane Doe", "Jane Doe
 * 02-12-2025", "Jane Doe | Senior Writer | July 2, 2025". Only names of two words or more count, and
 * not a name joined to its date by a comma ("New York, March 3, 2020" is a place).
 */
function datelineCandidate(input: TextBylineInput): Candidate<string[]> | null {
  const { texts, titleTextIndex: title } = input;
  if (title === null) return null;
  const seen = new Set<unknown>();
  for (let i = Math.max(0, title - DATELINE_BEFORE); i < Math.min(texts.length, title + DATELINE_AFTER); i++) {
    const node = texts[i]!;
    if (node.data.length > MAX_DATELINE_TEXT || !HAS_YEAR.test(node.data) || input.isChrome(i)) continue;
    const el = node.parent;
    if (!el || !isElement(el) || seen.has(el)) continue;
    seen.add(el);
    const text = bylineText(el, ' | ', MAX_DATELINE_TEXT);
    if (text.length > MAX_DATELINE_TEXT || !TWO_NAME_WORDS.test(text)) continue;
    const date = findDatesInText(text, { bounds: DEFAULT_DATE_BOUNDS, language: null, anchor: null, limit: 1 })[0];
    if (!date || COMMA_BEFORE_DATE.test(text.slice(0, date.index))) continue;
    const names = cleanAuthors(text).filter((n) => n.split(' ').length >= 2 && /^\p{Lu}/u.test(n) && !input.site.isSite(n));
    if (names.length) return { value: names, source: 'text', weight: WEIGHTS.dateline - Math.abs(i - title) * 0.005 };
  }
  return null;
}

/** "© 2012-2019 Jane Doe. All rights reserved.", "Copyright (c) Jane Doe", "(c) 2019 by Jane Doe". */
const COPYRIGHT = /(?:^|[|•·]\s*)\s*(?:©|\(c\)|copyright\b\s*(?:©|\(c\))?)\s*(?:(?:since|seit)\s+)?(?:\d{4}\s*(?:[-–]\s*(?:\d{4})?)?\s*)?(?:by\s+)?([^.|•·,;©]+)/iu;
/** What ends the holder's name: "All rights reserved", "Alle Rechte", a second sentence. */
const HOLDER_END = /\s+(?:all rights|alle rechte|tous droits|todos los derechos|tutti i diritti|design|theme|powered|hosted|weitere)\b.*$/iu;

/** A person's name as a copyright line gives it: two or three capitalized words, no organization word. */
function isPersonName(name: string): boolean {
  const words = name.split(' ');
  if (words.length < 2 || words.length > 3) return false;
  if (!words.every((w) => /^\p{Lu}[\p{L}'’-]*$/u.test(w))) return false;
  return !words.some((w) => ORGANIZATION_WORDS.has(w.toLowerCase()));
}

/**
 * The person a page's copyright line names, when it names one: a personal site's owner is its author.
 * The site's declared name and organizations (a publisher, a company) are not authors.
 */
function copyrightCandidate(input: TextBylineInput): Candidate<string[]> | null {
  const { texts } = input;
  for (let i = texts.length - 1; i >= Math.max(0, texts.length - COPYRIGHT_TAIL); i--) {
    const data = texts[i]!.data;
    if (data.length > MAX_BYLINE_TEXT) continue;
    const m = COPYRIGHT.exec(data);
    if (!m) continue;
    const holder = m[1]!.replace(HOLDER_END, '').replace(/\s+/g, ' ').trim();
    const name = /^\p{Lu}+(?:\s+\p{Lu}+){1,2}$/u.test(holder) ? holder.toLowerCase().replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()) : holder;
    // A person's name that is also the host's name ("janedoe.example") is a personal site's owner: kept.
    if (!isPersonName(name) || input.site.isDeclaredName(name)) return null;
    return { value: [name], source: 'text', weight: WEIGHTS.copyright };
  }
  return null;
}

/** The text-only byline candidates of a page: at most one of each kind. */
export function textBylineCandidates(input: TextBylineInput): Candidate<string[]>[] {
  const out: Candidate<string[]>[] = [];
  // With the author surely named in markup, only the "By" line under the headline is read (to agree or differ).
  for (const find of input.named ? [byLineCandidate] : [byLineCandidate, datelineCandidate, copyrightCandidate]) {
    const found = find(input);
    if (found) out.push(found);
  }
  return out;
}
