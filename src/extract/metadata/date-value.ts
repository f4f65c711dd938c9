/**
 * A checked calendar date with an optional time and offset, and its ISO 8601 form. The calendar date
 * is kept as written: a time with an offset keeps its offset (never shifted to UTC), a time without one
 * stays local, and a value that only knows its day stays a date.
 */

export interface DateValue {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  /** "HH:MM:SS", or null when only the day is known. */
  readonly time: string | null;
  /** "Z" or "+HH:MM" when the source gives a zone; only with a time. */
  readonly offset: string | null;
}

export interface DateBounds {
  /** Years outside [minYear, maxYear] are rejected (a page is not from 1970, nor from 2090). */
  readonly minYear: number;
  readonly maxYear: number;
}

export const DEFAULT_DATE_BOUNDS: DateBounds = Object.freeze({ minYear: 1990, maxYear: 2100 });

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate(value: DateValue): string {
  const day = `${pad(value.year, 4)}-${pad(value.month)}-${pad(value.day)}`;
  return value.time ? `${day}T${value.time}${value.offset ?? ''}` : day;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A checked date, or null when the parts do not name a real day inside the bounds. */
export function makeDate(
  year: number,
  month: number,
  day: number,
  bounds: DateBounds,
  time: { hour: number; minute: number; second?: number } | null = null,
  offset: string | null = null,
): DateValue | null {
  if (!Number.isInteger(year) || year < bounds.minYear || year > bounds.maxYear) return null;
  if (!(month >= 1 && month <= 12) || !(day >= 1 && day <= daysInMonth(year, month))) return null;
  let clock: string | null = null;
  if (time) {
    const second = time.second ?? 0;
    if (time.hour > 23 || time.minute > 59 || second > 59) return { year, month, day, time: null, offset: null };
    clock = `${pad(time.hour)}:${pad(time.minute)}:${pad(second)}`;
  }
  return { year, month, day, time: clock, offset: clock ? offset : null };
}

/** "+0200", "+02", "-05:30", "Z", "GMT", "UTC" → "Z" or "+HH:MM"; null when not an offset. */
export function normalizeOffset(raw: string | undefined): string | null {
  if (!raw) return null;
  const text = raw.trim().toUpperCase();
  if (text === 'Z' || text === 'UTC' || text === 'GMT' || text === 'UT') return 'Z';
  const m = /^(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return `${m[1]}${pad(hours)}:${pad(minutes)}`;
}

/** An offset in minutes as "+HH:MM". */
export function offsetFromMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
