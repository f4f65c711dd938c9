/**
 * Dated actor codes: a dictionary entry can carry several codes, each for a period (a minister's term).
 * The article's date picks the one that applies.
 */
export interface DatedCode {
  readonly code: string;
  /** First day (YYYY-MM-DD) or null: from the beginning. */
  readonly from: string | null;
  /** Last day (YYYY-MM-DD) or null: still in force. */
  readonly to: string | null;
}

function covers(code: DatedCode, day: string): boolean {
  return (code.from === null || code.from <= day) && (code.to === null || day <= code.to);
}

/** Days between two YYYY-MM-DD dates (absolute). */
function distance(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

export interface PickedCode {
  readonly code: string;
  /** True when a dated code covers the day; false when an undated code or the nearest period was taken. */
  readonly dated: boolean;
  /** True when no code covers the day and the nearest period was taken. */
  readonly nearest: boolean;
}

/**
 * The code that applies on `day` (YYYY-MM-DD): a dated code whose period covers it (the most recent
 * start wins when periods overlap), else an undated code, else the code whose period is nearest.
 */
export function pickCode(codes: readonly DatedCode[], day: string): PickedCode | null {
  let best: DatedCode | null = null;
  for (const code of codes) {
    if ((code.from !== null || code.to !== null) && covers(code, day) && (!best || (code.from ?? '') > (best.from ?? ''))) best = code;
  }
  if (best) return { code: best.code, dated: true, nearest: false };
  const undated = codes.find((code) => code.from === null && code.to === null);
  if (undated) return { code: undated.code, dated: false, nearest: false };
  let nearest: { code: DatedCode; days: number } | null = null;
  for (const code of codes) {
    const days = Math.min(code.from ? distance(code.from, day) : Infinity, code.to ? distance(code.to, day) : Infinity);
    if (!nearest || days < nearest.days) nearest = { code, days };
  }
  return nearest ? { code: nearest.code.code, dated: false, nearest: true } : null;
}

const DAY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A user's date bound (YYYY, YYYY-MM or YYYY-MM-DD) as a day: the first day of the period for a start,
 * the last for an end. Null when it is not such a date.
 */
export function boundDay(text: string, end: boolean): string | null {
  const match = DAY.exec(text.trim());
  if (!match) return null;
  const [, year, month, day] = match;
  const m = month ?? (end ? '12' : '01');
  if (Number(m) < 1 || Number(m) > 12) return null;
  const lastDay = new Date(Date.UTC(Number(year), Number(m), 0)).getUTCDate();
  const d = day ?? (end ? String(lastDay).padStart(2, '0') : '01');
  if (Number(d) < 1 || Number(d) > lastDay) return null;
  return `${year}-${m}-${d}`;
}
