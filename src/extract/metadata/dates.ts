/**
 * Dates as metadata gives them: machine values (ISO 8601, RFC 2822, epoch seconds) from JSON-LD, meta
 * tags and `datetime` attributes, normalized to ISO 8601 (see date-value.ts for what is kept).
 */
import { findDatesInText } from './date-patterns.js';
import { DEFAULT_DATE_BOUNDS, makeDate, normalizeOffset, type DateBounds, type DateValue } from './date-value.js';

const ISO_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})|^(\d{4})\/(\d{1,2})\/(\d{1,2})|^(\d{4})(\d{2})(\d{2})(?=T|$|\s)/;
const ISO_TIME = /^(?:T|\s+|T\s*)(\d{1,2}):?(\d{2})(?::?(\d{2}))?(?:[.,]\d+)?\s*(Z|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)?/i;
const EPOCH = /^\d{10}(?:\d{3})?$/;
/** Longest text handed to the visible-date patterns as a fallback for a machine value. */
const MAX_FALLBACK_LENGTH = 120;

/**
 * Parses a machine-readable date: ISO 8601 (with or without time and offset, also "2013/07/10" and
 * "20130710"), epoch seconds or milliseconds, and, as a fallback for short values, the written forms
 * the visible-date patterns know ("Wed, 10 Jul 2013 14:00:00 +0200", "10.07.2013").
 */
export function parseDateValue(raw: string | null | undefined, bounds: DateBounds = DEFAULT_DATE_BOUNDS, language: string | null = null): DateValue | null {
  if (!raw) return null;
  const text = raw.trim();
  if (!text) return null;
  if (EPOCH.test(text)) {
    const ms = text.length === 13 ? Number(text) : Number(text) * 1000;
    const d = new Date(ms);
    return makeDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), bounds, { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }, 'Z');
  }
  const day = ISO_DAY.exec(text);
  if (day) {
    const parts = (day[1] ? day.slice(1, 4) : day[4] ? day.slice(4, 7) : day.slice(7, 10)).map(Number) as [number, number, number];
    const rest = text.slice(day[0].length);
    const time = ISO_TIME.exec(rest);
    if (!time) return makeDate(parts[0], parts[1], parts[2], bounds);
    const clock = { hour: Number(time[1]), minute: Number(time[2]), second: Number(time[3] ?? 0) };
    return makeDate(parts[0], parts[1], parts[2], bounds, clock, normalizeOffset(time[4]));
  }
  if (text.length > MAX_FALLBACK_LENGTH) return null;
  return findDatesInText(text, { bounds, language, anchor: null, limit: 1 })[0]?.value ?? null;
}
