/**
 * Dates in URLs: news systems put the publication day in the path ("/2013/07/10/slug",
 * "/20130710/slug", "/2013-07-10-slug", "/news/2013/07/slug" for the month only). A month-only path
 * gives no day, so it only supports other sources (see choose-dates.ts), it never becomes the date.
 */
import { makeDate, type DateBounds, type DateValue } from './date-value.js';

export interface UrlDate {
  readonly value: DateValue;
  /** False when the URL gives only the year and month (the value is then the first of the month). */
  readonly hasDay: boolean;
}

/** Path patterns, most specific first: [regex, index of year, month, day groups (day 0 = none)]. */
const URL_DATE_PATTERNS: readonly (readonly [RegExp, number, number, number])[] = [
  [/(?:^|[/_-])((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=$|[/_.+%-])/, 1, 2, 3],
  [/(?:^|[/_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=$|[/_.-]|\d{2,6}(?:$|[/_.-]))/, 1, 2, 3],
  [/(?:^|[/_-])(0?[1-9]|[12]\d|3[01])[/_-](0?[1-9]|1[0-2])[/_-]((?:19|20)\d{2})(?=$|[/_.-])/, 3, 2, 1],
  [/\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])(?=\/)/, 1, 2, 0],
];

/** An archive's copy path without the scheme of the URL it embeds: "/web/20130307194448/example.com/2008/05/slug". */
const ARCHIVED_COPY = /^\/(?:web\/)?\d{14}(?:[a-z]{2}_)?\/[^/]+(\/.*)$/;

/** The date in a page URL's path, or null. Query strings and host names are not read. */
export function dateFromUrl(url: string | null, bounds: DateBounds): UrlDate | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/[?#].*$/, '');
  }
  // An archived copy ("/web/20140109030403/http://site/2013/12/09/...") dates the copy in its own
  // path; the article's date is in the URL it embeds.
  const embedded = /https?:\/\/?[^/]+(\/.*)$/.exec(path) ?? ARCHIVED_COPY.exec(path);
  if (embedded) path = embedded[1]!;
  for (const [regex, y, m, d] of URL_DATE_PATTERNS) {
    const match = regex.exec(path);
    if (!match) continue;
    const value = makeDate(Number(match[y]), Number(match[m]), d ? Number(match[d]) : 1, bounds);
    if (value) return { value, hasDay: d !== 0 };
  }
  return null;
}
