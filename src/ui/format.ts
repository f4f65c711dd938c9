/** How the workbench writes numbers, dates and periods. */

export type Period = 'day' | 'week' | 'month';

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatDecimal(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : decimal.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A published value (a date or an ISO date-time) as a day, or "undated". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return 'undated';
  return value.slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period's label: 2024-05-03, "week of 2024-05-06", "May 2024". */
export function periodLabel(start: string, by: Period): string {
  if (by === 'month') return `${MONTHS[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
  if (by === 'week') return `week of ${start}`;
  return start;
}

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The first day of the period after `start`. */
export function nextPeriod(start: string, by: Period): string {
  const d = utc(start);
  if (by === 'month') return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
  return iso(new Date(d.getTime() + (by === 'week' ? 7 : 1) * 86_400_000));
}

/** The last day of the period that starts on `start` (for an `until` filter). */
export function periodEnd(start: string, by: Period): string {
  return iso(new Date(utc(nextPeriod(start, by)).getTime() - 86_400_000));
}

/** Longest run of periods a chart fills in; a longer span is charted as given (periods without data left out). */
const MAX_FILLED = 2000;

/** Every period from the first to the last of the given starts (the API leaves empty periods out). */
export function allPeriods(starts: readonly string[], by: Period): string[] {
  if (starts.length === 0) return [];
  const sorted = [...new Set(starts)].sort();
  const out: string[] = [];
  for (let p = sorted[0]!; p <= sorted[sorted.length - 1]! && out.length < MAX_FILLED; p = nextPeriod(p, by)) out.push(p);
  return out.length < MAX_FILLED ? out : sorted;
}

/** A sensible period for a span of dates: days up to three months, weeks up to two years, then months. */
export function periodFor(starts: readonly string[]): Period {
  if (starts.length < 2) return 'day';
  const sorted = [...starts].sort();
  const days = (utc(sorted[sorted.length - 1]!).getTime() - utc(sorted[0]!).getTime()) / 86_400_000;
  return days <= 92 ? 'day' : days <= 731 ? 'week' : 'month';
}
