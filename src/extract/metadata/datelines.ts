/**
 * Visible datelines: dates written in the page text, in elements marked as dates or bylines, or in the
 * text around the headline ("Von Jane Doe | 31. Mai 2012, 14:35 Uhr"). The words just before a date
 * say whether it is the publication or the last update ("Aktualisiert am", "Updated").
 */
import type { Text } from 'domhandler';
import type { DateKind, Hinted, Placed } from './collect.js';
import { findDatesInText, type TextDate } from './date-patterns.js';
import type { DateBounds, DateValue } from './date-value.js';
import { elementText } from './element-text.js';

export interface Dateline {
  readonly value: DateValue;
  readonly kind: DateKind;
  /** Where it was found: a date/byline element, a labeled date anywhere ("Published: ..."), or the text around the headline. */
  readonly origin: 'element' | 'labeled' | 'near-title' | 'page-start';
  /** Text nodes between the headline and the date (for date elements, beyond the first few). */
  readonly distance: number;
}

export interface DatelineInput {
  readonly dateElements: readonly Hinted[];
  readonly texts: readonly Text[];
  /** The headline's position, when the headline is a heading on the page. */
  readonly titleAt: Placed | null;
  readonly language: string | null;
  readonly anchor: DateValue | null;
  readonly bounds: DateBounds;
}

/** How much is read: date elements looked at, their text length, and the text window around the headline. */
const MAX_DATE_ELEMENTS = 12;
const MAX_ELEMENT_TEXT = 240;
const TEXTS_BEFORE_TITLE = 12;
const TEXTS_AFTER_TITLE = 40;
const PAGE_START_TEXTS = 60;
const MAX_TEXT_NODE = 300;
/** Text nodes searched for labeled dates, and how much following text a label may take its date from. */
const MAX_LABEL_SCAN = 3000;
const LABEL_REACH = 160;
/**
 * Text nodes between the headline and a date element that still count as next to it, and how many
 * text nodes beyond that count as one step of distance (a marked date element is surer than a date
 * found in loose text, so distance costs it less).
 */
const ELEMENT_NEAR_TITLE = 10;
const ELEMENT_DISTANCE_SCALE = 3;
/** Characters read from the neighbouring text nodes of a node with a year. */
const SPLIT_REACH = 60;
/** A year, or a day-month-year with a two-digit year: what every date a label announces contains. */
const HAS_YEAR = /\d{4}|\d\.\d{1,2}\.\d\d/;

/** A label announcing a date: the words of PUBLISH_WORDS and UPDATE_WORDS, and "Datum:", "Date:". */
const DATE_LABEL = /(?:published|posted|updated|veröffentlicht|erschienen|aktualisiert|geändert|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|gepubliceerd|bijgewerkt|opublikowano|datum\s*:|date\s*:|fecha\s*:|data\s*:)/iu;

const UPDATE_WORDS = /(?:updated|update|modified|last changed|aktualisiert|geändert|stand|mis à jour|modifié|actualizado|actualización|aggiornato|atualizado|bijgewerkt|zaktualizowano|обновлено)\s*(?:on|am|le|el|il|em|op)?\s*:?\s*$/iu;
const PUBLISH_WORDS = /(?:published|posted|veröffentlicht|erschienen|publié|publicado|pubblicato|gepubliceerd|opublikowano|опубликовано)\s*(?:on|am|le|el|il|em|op)?\s*:?\s*$/iu;

function kindFromContext(text: string, date: TextDate, fallback: DateKind): DateKind {
  const before = text.slice(Math.max(0, date.index - 40), date.index);
  if (UPDATE_WORDS.test(before)) return 'modified';
  if (PUBLISH_WORDS.test(before)) return 'published';
  return fallback;
}

function datesIn(text: string, input: DatelineInput, limit: number): TextDate[] {
  return findDatesInText(text, { bounds: input.bounds, language: input.language, anchor: input.anchor, limit });
}

/**
 * Dates a label announces anywhere on the page ("Veröffentlicht am 16.08.2019", "Updated: May 3,
 * 2024"): the label's words say which date it is, so place matters less. The label and its date are
 * often in sibling elements, so the next text nodes are read with it.
 */
function labeledDates(input: DatelineInput, out: Dateline[]): void {
  const { texts } = input;
  const end = Math.min(texts.length, MAX_LABEL_SCAN);
  let lastEnd = -1;
  for (let i = 0; i < end; i++) {
    const data = texts[i]!.data;
    // Only nodes with a year are read, with the two before them (where the label is).
    if (data.length > MAX_TEXT_NODE || !HAS_YEAR.test(data)) continue;
    const from = Math.max(i - 2, lastEnd + 1);
    let text = '';
    for (let j = from; j <= i; j++) text += `${texts[j]!.data.slice(-LABEL_REACH).replace(/\s+/g, ' ')} `;
    if (!DATE_LABEL.test(text)) continue;
    lastEnd = i;
    for (const date of datesIn(text, input, 3)) {
      const kind = kindFromContext(text, date, null);
      if (kind) out.push({ value: date.value, kind, origin: 'labeled', distance: 0 });
    }
  }
}

export function findDatelines(input: DatelineInput): Dateline[] {
  const out: Dateline[] = [];
  labeledDates(input, out);
  const title = input.titleAt?.textIndex ?? null;
  // Date elements far from the headline belong to lists (teasers, archives) more often than to the
  // article; those before it count as farther (a site-wide bar), as for text datelines below.
  const away = (el: Hinted): number => (title === null ? 0 : el.textIndex >= title ? el.textIndex - title : (title - el.textIndex) * 3);
  const nearest = input.dateElements.filter((el) => !el.chrome);
  if (title !== null && nearest.length > MAX_DATE_ELEMENTS) nearest.sort((a, b) => away(a) - away(b));
  for (const el of nearest.slice(0, MAX_DATE_ELEMENTS)) {
    const text = elementText(el.el, MAX_ELEMENT_TEXT);
    if (text.length > MAX_ELEMENT_TEXT) continue;
    const distance = Math.round(Math.max(0, away(el) - ELEMENT_NEAR_TITLE) / ELEMENT_DISTANCE_SCALE);
    for (const date of datesIn(text, input, 2)) {
      out.push({ value: date.value, kind: kindFromContext(text, date, el.kind), origin: 'element', distance });
    }
  }
  // Around the headline, only text nodes with a year are read, with the end of the node before
  // (a day and month split off: "<span>10 July</span> 2013") and the start of the one after (a time).
  const at = input.titleAt;
  const from = Math.max(0, at ? at.textIndex - TEXTS_BEFORE_TITLE : 0);
  const to = Math.min(input.texts.length, at ? at.textIndex + TEXTS_AFTER_TITLE : PAGE_START_TEXTS);
  const titleNode = at ? at.textIndex : 0;
  for (let i = from; i < to; i++) {
    const data = input.texts[i]!.data;
    if (!HAS_YEAR.test(data)) continue;
    const before = i > 0 ? input.texts[i - 1]!.data.slice(-SPLIT_REACH).replace(/\s+/g, ' ') : '';
    const after = i + 1 < input.texts.length ? input.texts[i + 1]!.data.slice(0, SPLIT_REACH).replace(/\s+/g, ' ') : '';
    const text = `${before} ${data.slice(0, MAX_TEXT_NODE).replace(/\s+/g, ' ')} ${after}`;
    for (const date of datesIn(text, input, 4)) {
      if (date.index + date.length <= before.length) continue;
      out.push({
        value: date.value,
        kind: kindFromContext(text, date, null),
        origin: at ? 'near-title' : 'page-start',
        // Dates before the headline (a site-wide "today" bar) count as farther than those after it.
        distance: i >= titleNode ? i - titleNode : (titleNode - i) * 3,
      });
    }
  }
  return out;
}

/** Longest text node read as a date of its own by the last-resort scan (a dateline, not prose). */
const MAX_LONE_DATE_TEXT = 80;

/**
 * The last resort for a page that declares no date and shows none near its headline: the first date
 * in a short line of its text outside chrome (a forum post's "26.10.13", a date line at the end of the
 * article), after the headline first. It is a guess, and trusted least.
 */
export function firstShownDate(input: DatelineInput, isChrome: (index: number) => boolean): Dateline | null {
  const { texts } = input;
  const end = Math.min(texts.length, MAX_LABEL_SCAN);
  const title = input.titleAt?.textIndex ?? 0;
  for (const [from, to] of [[title, end], [0, title]] as const) {
    for (let i = from; i < to; i++) {
      const data = texts[i]!.data;
      if (data.length > MAX_LONE_DATE_TEXT || !HAS_YEAR.test(data) || isChrome(i)) continue;
      const date = datesIn(data.replace(/\s+/g, ' '), input, 1)[0];
      if (date && !date.relative) return { value: date.value, kind: 'published', origin: 'page-start', distance: Math.abs(i - title) };
    }
  }
  return null;
}

