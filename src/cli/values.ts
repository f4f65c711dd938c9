import { InvalidArgumentError } from 'commander';

/**
 * Parsers for option values people type: sizes (`10MB`, `512KB`, `1048576`), durations (`10s`, `500ms`,
 * `2m`, `1500`) and counts. Each throws commander's InvalidArgumentError with the accepted forms, which
 * commander prints after the option's name (and the CLI exits with the usage code, 2).
 */

/** Size units in bytes. K, M and G are binary multiples (1024), as in `--max-bytes 10MB` = 10 × 1024 × 1024. */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

const DURATION_UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000 };

export function parseByteSize(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = SIZE_UNITS[(match?.[2] || 'b').toLowerCase()];
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new InvalidArgumentError('Expected a size such as 10MB, 512KB or 1048576 (bytes; K/M/G are multiples of 1024).');
  }
  return bytes;
}

export function parseDuration(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = DURATION_UNITS[(match?.[2] || 'ms').toLowerCase()];
  const ms = match && unit ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1) {
    throw new InvalidArgumentError('Expected a duration such as 10s, 500ms, 2m or 1500 (milliseconds).');
  }
  return ms;
}

export function parsePositiveInteger(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('Expected a whole number of at least 1.');
  return n;
}

/** An absolute http(s) URL (the base URL of a page). */
export function parseHttpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('Expected an absolute URL such as https://example.com/news/story.html.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError('Expected an http:// or https:// URL.');
  return url.href;
}

/** `10485760` → `10MB`: sizes in help text and messages, in the same units the options accept. */
export function formatByteSize(bytes: number): string {
  for (const [unit, size] of [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return `${bytes}B`;
}

export function formatDuration(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
