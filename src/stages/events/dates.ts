/**
 * The date an event sentence names ("on July 9", "9 July 2013", "2013-07-09", "on Monday",
 * "yesterday"), resolved against the article's own day; null when the sentence names none.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ALT = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const MONTH_DAY = new RegExp(`\\b(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'i');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_ALT})\\.?(?:,?\\s+(\\d{4}))?\\b`, 'i');
const WEEKDAY = /\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i;
const RELATIVE = /\b(yesterday|today)\b/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function monthIndex(name: string): number {
  const prefix = name.toLowerCase().slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(prefix)) + 1;
}

/** The article's day (YYYY-MM-DD) from an ISO date or date-time; null when absent or malformed. */
export function articleDay(published: string | null | undefined): string | null {
  const match = published?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return match ? isoDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

function shiftDays(day: string, delta: number): string {
  const date = new Date(day + 'T00:00:00Z');
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** The date a sentence names, else the article's day, else null. */
export function eventDate(sentence: string, published: string | null): string | null {
  const base = articleDay(published);
  const baseYear = base ? Number(base.slice(0, 4)) : null;
  const iso = sentence.match(ISO);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) ?? base;
  const md = sentence.match(MONTH_DAY);
  const dm = md ? null : sentence.match(DAY_MONTH);
  const named = md ? { month: md[1]!, day: md[2]!, year: md[3] } : dm ? { month: dm[2]!, day: dm[1]!, year: dm[3] } : null;
  if (named) {
    const year = named.year ? Number(named.year) : baseYear;
    if (year !== null) return isoDay(year, monthIndex(named.month), Number(named.day)) ?? base;
  }
  if (!base) return null;
  const relative = sentence.match(RELATIVE);
  if (relative) return relative[1]!.toLowerCase() === 'yesterday' ? shiftDays(base, -1) : base;
  const weekday = sentence.match(WEEKDAY);
  if (weekday) {
    // News reports past events: the named weekday on or before the article's day.
    const want = WEEKDAYS.indexOf(weekday[1]!.toLowerCase());
    const have = new Date(base + 'T00:00:00Z').getUTCDay();
    return shiftDays(base, -((have - want + 7) % 7));
  }
  return base;
}
