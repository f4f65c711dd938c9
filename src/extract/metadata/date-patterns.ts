/**
 * Dates as people write them, in many languages: "July 10, 2013", "10 July 2013", "31. Mai 2012",
 * "le 10 juillet 2013", "10 de julio de 2013", "10.07.2013", "2013年7月10日", with an optional time
 * and zone after them ("10.07.2013, 14:35 Uhr", "July 10, 2013 at 3:46 PM EDT"), and relative forms
 * ("3 days ago", "vor 2 Stunden", "gestern") when an anchor date says what "now" is.
 */
import { MONTH_FIRST_LANGUAGES, MONTH_NAMES, RELATIVE_DAY_WORDS, RELATIVE_UNITS, TIME_ZONES } from './date-lexicon.js';
import { makeDate, normalizeOffset, offsetFromMinutes, type DateBounds, type DateValue } from './date-value.js';

export interface TextDateOptions {
  readonly bounds: DateBounds;
  /** The page's language (BCP 47), to read 10/07/2013 month first (en) or day first (most others). */
  readonly language: string | null;
  /** "Now" for relative dates; without it "3 days ago" and "yesterday" are ignored. */
  readonly anchor: DateValue | null;
  /** Stop after this many dates. */
  readonly limit: number;
}

export interface TextDate {
  readonly value: DateValue;
  /** Where the date starts in the text, and how long its written form is. */
  readonly index: number;
  readonly length: number;
  readonly relative: boolean;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every month spelling → its number (1..12). */
const MONTHS = new Map<string, number>();
for (const names of Object.values(MONTH_NAMES)) {
  names.forEach((spellings, i) => {
    for (const name of spellings.split('|')) if (!MONTHS.has(name)) MONTHS.set(name, i + 1);
  });
}
const MONTH = `(${[...MONTHS.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})\\.?(?![\\p{L}])`;
const START = '(?<![\\p{L}\\p{N}])';
const DAY = '(\\d{1,2})(?!\\d)';
const YEAR = '(\\d{4})(?!\\d)';
const ORDINAL = '(?:st|nd|rd|th|er|e|º|°)?';

type Parts = [year: number, month: number, day: number];

interface Pattern {
  readonly regex: RegExp;
  readonly parts: (m: RegExpExecArray, monthFirst: boolean) => Parts | null;
  /** A cheap test on the characters around the year (and the window) before the pattern is run. */
  readonly near: (around: string, window: string) => boolean;
}

const HAS_LETTER = /\p{L}{3}/u;
const hasLetters = (_: string, window: string): boolean => HAS_LETTER.test(window);

const monthOf = (name: string | undefined): number => MONTHS.get((name ?? '').toLowerCase()) ?? 0;

/** Numeric day and month in either order: a value over 12 settles it, else the language decides. */
function numericParts(a: number, b: number, year: number, monthFirst: boolean): Parts | null {
  if (a > 12 && b <= 12) return [year, b, a];
  if (b > 12 && a <= 12) return [year, a, b];
  return monthFirst ? [year, a, b] : [year, b, a];
}

const PATTERNS: readonly Pattern[] = [
  // 10 July 2013, 31. Mai 2012, 1er juillet 2013, 10 de julio de 2013, 10th of July, 2013, 10 июля 2013
  {
    regex: new RegExp(`${START}${DAY}${ORDINAL}\\.?\\s*(?:de\\s+|of\\s+)?${MONTH}\\s*,?\\s*(?:de\\s+|del\\s+)?${YEAR}`, 'giu'),
    parts: (m) => [Number(m[3]), monthOf(m[2]), Number(m[1])],
    near: hasLetters,
  },
  // July 10, 2013; Jul 10 2013; Sept. 3rd, 2013
  {
    regex: new RegExp(`${START}${MONTH}\\s*${DAY}${ORDINAL}\\s*,?\\s*${YEAR}`, 'giu'),
    parts: (m) => [Number(m[3]), monthOf(m[1]), Number(m[2])],
    near: hasLetters,
  },
  // 2013. július 10. (year first with a month name)
  {
    regex: new RegExp(`${START}${YEAR}\\.?\\s*${MONTH}\\s*${DAY}`, 'giu'),
    parts: (m) => [Number(m[1]), monthOf(m[2]), Number(m[3])],
    near: hasLetters,
  },
  // 2013年7月10日, 2013년 7월 10일
  {
    regex: /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/gu,
    parts: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
    near: (around) => /[年년]/.test(around),
  },
  // 2013-07-10, 2013/07/10, 2013.07.10
  {
    regex: new RegExp(`${START}(\\d{4})([-/.])(\\d{1,2})\\2${DAY}`, 'gu'),
    parts: (m) => [Number(m[1]), Number(m[3]), Number(m[4])],
    near: (around) => /\d{4}[-/.]\d/.test(around),
  },
  // 10.07.2013 (always day first), 10/07/2013 and 10-07-2013 (order by value, then language)
  {
    regex: new RegExp(`${START}(\\d{1,2})([./-])(\\d{1,2})\\2${YEAR}`, 'gu'),
    parts: (m, monthFirst) => numericParts(Number(m[1]), Number(m[3]), Number(m[4]), m[2] !== '.' && monthFirst),
    near: (around) => /\d[-/.]\d{4}/.test(around),
  },
];

const ZONE_WORDS = Object.keys(TIME_ZONES).map((z) => z.toUpperCase()).sort((a, b) => b.length - a.length).join('|');
/**
 * A time right after a date: ", 14:35 Uhr", " at 3:46 PM EDT", " - 10h30", " 14:00:00 GMT+2". Zone
 * abbreviations count only in capitals ("ist" is a German word, "IST" a zone), and a numeric offset
 * only with a plus sign or after GMT/UTC ("10:00-11:30" is a time range, not a zone).
 */
const TIME_AFTER = new RegExp(
  `^\\s*(?:,|at|um|à|a las|alle|ore|om|kl\\.?|-|–|—|\\||/|T)?\\s*(\\d{1,2})[:h.](\\d{2})(?::(\\d{2}))?(?!\\d)\\s*([aApP]\\.?[mM]\\.?)?\\s*(?:[Uu]hr|h)?\\s*(?:\\(?((?:GMT|UTC)[+-]\\d{1,2}(?::?\\d{2})?)(?!\\d)\\)?|\\(?(${ZONE_WORDS})(?![\\p{L}])\\)?)?\\s*(\\+\\d{2}:?\\d{2}(?!\\d))?`,
  'u',
);

function timeAfter(text: string, from: number): { hour: number; minute: number; second: number; offset: string | null } | null {
  const m = TIME_AFTER.exec(text.slice(from, from + 48));
  if (!m) return null;
  let hour = Number(m[1]);
  const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  const zone = m[6] ? TIME_ZONES[m[6].toLowerCase()] : undefined;
  const numeric = m[5] ?? m[7];
  const offset = numeric ? normalizeOffset(numeric) : zone !== undefined ? (zone === 0 ? 'Z' : offsetFromMinutes(zone)) : null;
  return { hour, minute: Number(m[2]), second: Number(m[3] ?? 0), offset };
}

const UNIT = `(${Object.keys(RELATIVE_UNITS).sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`;
const RELATIVE_PATTERNS: readonly RegExp[] = [
  new RegExp(`${START}(\\d{1,3})\\s*${UNIT}\\s+(?:ago|fa)`, 'giu'),
  new RegExp(`${START}(?:vor|il y a|hace|há|ha)\\s+(\\d{1,3})\\s*${UNIT}`, 'giu'),
];
const DAY_WORDS = new RegExp(`${START}(${Object.keys(RELATIVE_DAY_WORDS).map(escape).join('|')})(?![\\p{L}])`, 'giu');

/** The day `days` (fractions for hours) before the anchor, counted from the anchor's time of day when known. */
function shift(anchor: DateValue, days: number, bounds: DateBounds): DateValue | null {
  const [hour, minute] = anchor.time ? anchor.time.split(':').map(Number) : [12, 0];
  const then = Date.UTC(anchor.year, anchor.month - 1, anchor.day, hour, minute) - Math.round(days * 86_400_000);
  const d = new Date(then);
  return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), bounds);
}

function relativeDates(text: string, anchor: DateValue, bounds: DateBounds): TextDate[] {
  const found: TextDate[] = [];
  for (const regex of RELATIVE_PATTERNS) {
    for (const m of text.matchAll(regex)) {
      const unit = RELATIVE_UNITS[m[2]!.toLowerCase()];
      const value = unit === undefined ? null : shift(anchor, Number(m[1]) * unit, bounds);
      if (value) found.push({ value, index: m.index, length: m[0].length, relative: true });
    }
  }
  for (const m of text.matchAll(DAY_WORDS)) {
    const value = shift(anchor, -(RELATIVE_DAY_WORDS[m[1]!.toLowerCase()] ?? 0), bounds);
    if (value) found.push({ value, index: m.index, length: m[0].length, relative: true });
  }
  return found;
}

function isMonthFirst(language: string | null): boolean {
  if (!language) return false;
  return MONTH_FIRST_LANGUAGES.has(language.toLowerCase());
}

/** A year a page may be dated in; every written date pattern contains one, so matching starts there. */
const YEAR_ANCHOR = /(?<!\d)(?:19|20)\d{2}(?!\d)/g;
const HAS_YEAR = /(?:19|20)\d\d/;
/** How far around a year the patterns look: a day and month name before it, a time after it. */
const BEFORE_YEAR = 45;
const AFTER_YEAR = 80;

function absoluteDates(text: string, options: TextDateOptions, monthFirst: boolean): TextDate[] {
  const found: TextDate[] = [];
  if (!HAS_YEAR.test(text)) return found;
  const seen = new Set<number>();
  for (const year of text.matchAll(YEAR_ANCHOR)) {
    const from = Math.max(0, year.index - BEFORE_YEAR);
    const slice = text.slice(from, year.index + AFTER_YEAR);
    const yearAt = year.index - from;
    const around = slice.slice(Math.max(0, yearAt - 3), yearAt + 6);
    for (const pattern of PATTERNS) {
      if (!pattern.near(around, slice)) continue;
      pattern.regex.lastIndex = 0;
      for (const m of slice.matchAll(pattern.regex)) {
        // Each date is read once, from the window of its own year.
        if (m.index > yearAt || m.index + m[0].length < yearAt + 4 || seen.has(from + m.index)) continue;
        const parts = pattern.parts(m, monthFirst);
        if (!parts) continue;
        const time = timeAfter(slice, m.index + m[0].length);
        const value = makeDate(parts[0], parts[1], parts[2], options.bounds, time, time?.offset ?? null);
        if (!value) continue;
        seen.add(from + m.index);
        found.push({ value, index: from + m.index, length: m[0].length, relative: false });
      }
    }
  }
  return found;
}

/**
 * Day-first dates with a two-digit year and dots only ("28.01.22", common in German-speaking pages).
 * Years up to 49 are this century's. Other separators are left alone (versions, scores, ratios).
 */
const SHORT_YEAR = /(?<![\w.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.]|\.\d)/g;
const CENTURY_PIVOT = 50;
const HAS_SHORT_YEAR = /\d\.\d{1,2}\.\d\d/;

function shortYearDates(text: string, options: TextDateOptions): TextDate[] {
  const found: TextDate[] = [];
  if (!HAS_SHORT_YEAR.test(text)) return found;
  for (const m of text.matchAll(SHORT_YEAR)) {
    const yy = Number(m[3]);
    const year = yy < CENTURY_PIVOT ? 2000 + yy : 1900 + yy;
    const time = timeAfter(text, m.index + m[0].length);
    const value = makeDate(year, Number(m[2]), Number(m[1]), options.bounds, time, time?.offset ?? null);
    if (value) found.push({ value, index: m.index, length: m[0].length, relative: false });
  }
  return found;
}

/** Every date written in `text`, in reading order, overlapping matches removed. */
export function findDatesInText(text: string, options: TextDateOptions): TextDate[] {
  const found = absoluteDates(text, options, isMonthFirst(options.language));
  found.push(...shortYearDates(text, options));
  if (options.anchor) found.push(...relativeDates(text, options.anchor, options.bounds));
  found.sort((a, b) => a.index - b.index || b.length - a.length);
  const kept: TextDate[] = [];
  let end = -1;
  for (const date of found) {
    if (date.index < end) continue;
    kept.push(date);
    end = date.index + date.length;
    if (kept.length >= options.limit) break;
  }
  return kept;
}
