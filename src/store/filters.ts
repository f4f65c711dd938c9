import { parseActorCode, parseThemeCode } from './codes.js';
import { StoreError } from './errors.js';
import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT, type ArticleFilter } from './store.js';

/**
 * Filters and the derived columns they run on, shared by every adapter so that all of them agree on
 * what `--since 2024-05`, `--site bbc.co.uk` or a published date like `2024-05-03T10:00:00+02:00` mean.
 * Dates are instants in UTC milliseconds; a site is a host without `www.`, and its "site key" is the host
 * with its labels reversed (`news.example.com` → `com.example.news.`) so that a site and its subdomains
 * are one index range.
 */
export interface NormalizedFilter {
  readonly sinceMs: number | null;
  readonly untilMs: number | null;
  readonly siteKey: string | null;
  readonly language: string | null;
  /** An actor code prefix (upper case): articles with an entity whose code starts with it. */
  readonly actor: string | null;
  /** A theme code (upper case): articles with this theme. */
  readonly theme: string | null;
  /** An ISO 3166-1 alpha-3 code (upper case): articles whose focus includes this country. */
  readonly country: string | null;
}

export function normalizeFilter(filter: ArticleFilter = {}): NormalizedFilter {
  const sinceMs = filter.since == null || filter.since === '' ? null : parseDateBound(filter.since, 'since');
  const untilMs = filter.until == null || filter.until === '' ? null : parseDateBound(filter.until, 'until');
  if (sinceMs !== null && untilMs !== null && sinceMs > untilMs) {
    throw new StoreError('E_FILTER', `since (${filter.since}) is after until (${filter.until}): no article can match.`, 'Swap the two dates.');
  }
  return {
    sinceMs,
    untilMs,
    siteKey: filter.site == null || filter.site === '' ? null : siteKey(parseSiteFilter(filter.site)),
    language: filter.language == null || filter.language === '' ? null : parseLanguageFilter(filter.language),
    actor: filter.actor == null || filter.actor.trim() === '' ? null : parseActorCode(filter.actor, 'actor'),
    theme: filter.theme == null || filter.theme.trim() === '' ? null : parseThemeCode(filter.theme),
    country: filter.country == null || filter.country.trim() === '' ? null : parseCountryFilter(filter.country),
  };
}

/** A country filter: an ISO 3166-1 alpha-3 code (`syr` → SYR). */
export function parseCountryFilter(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new StoreError('E_FILTER', `country "${value.slice(0, 40)}" is not a country code.`, 'Give an ISO 3166-1 alpha-3 code such as SYR, USA or DEU.');
  return code;
}

const DATE_BOUND = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A bound people type: `2024`, `2024-05`, `2024-05-03` (the start of that year, month or day for
 * `since`, its last millisecond for `until`) or a full ISO date-time (UTC when it has no offset).
 */
export function parseDateBound(value: string, bound: 'since' | 'until'): number {
  const text = value.trim();
  const period = DATE_BOUND.exec(text);
  if (period) {
    const year = Number(period[1]);
    const month = period[2] === undefined ? null : Number(period[2]);
    const day = period[3] === undefined ? null : Number(period[3]);
    if ((month !== null && (month < 1 || month > 12)) || (day !== null && !isCalendarDay(year, month!, day))) throw badDate(value, bound);
    const start = Date.UTC(year, (month ?? 1) - 1, day ?? 1);
    if (bound === 'since') return start;
    const next = day !== null ? Date.UTC(year, month! - 1, day + 1) : month !== null ? Date.UTC(year, month, 1) : Date.UTC(year + 1, 0, 1);
    return next - 1;
  }
  const instant = DATE_TIME.test(text) ? parseInstant(text) : null;
  if (instant === null) throw badDate(value, bound);
  return instant;
}

function badDate(value: string, bound: string): StoreError {
  return new StoreError('E_FILTER', `${bound} "${value}" is not a date.`, 'Use YYYY-MM-DD (or YYYY-MM, YYYY, or an ISO date-time such as 2024-05-03T10:00:00Z).');
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO date-time; without an offset it is read as UTC (not the local zone of whoever runs Parley). */
function parseInstant(text: string): number | null {
  const iso = text.replace(' ', 'T');
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(iso) ? iso : `${iso}Z`;
  const ms = Date.parse(withZone);
  return Number.isFinite(ms) ? ms : null;
}

/** The instant an article's `published` value stands for (a date alone: its start, in UTC), or null. */
export function publishedInstant(published: string | null): number | null {
  if (!published) return null;
  const text = published.trim();
  const period = DATE_BOUND.exec(text);
  if (period) {
    try {
      return parseDateBound(text, 'since');
    } catch {
      return null;
    }
  }
  return DATE_TIME.test(text) ? parseInstant(text) : null;
}

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The site of a URL: its host in lower case without a leading `www.`; '' when the URL has no host (file:). */
export function siteOfUrl(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  } catch {
    return '';
  }
}

export function siteKey(site: string): string {
  return `${site.split('.').reverse().join('.')}.`;
}

/** The end of the site key's index range: every key that starts with `key` sorts before it. */
export function siteKeyRangeEnd(key: string): string {
  return `${key.slice(0, -1)}/`; // '/' is the character after '.'
}

function parseSiteFilter(value: string): string {
  const text = value.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let host: string;
  try {
    const url = new URL(candidate);
    host = url.hostname;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && (url.pathname !== '/' || url.search || url.port)) host = '';
  } catch {
    host = '';
  }
  host = host.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  if (!host || !/^[a-z0-9.-]+$/.test(host) || host.startsWith('.') || host.includes('..')) {
    throw new StoreError('E_FILTER', `site "${value}" is not a host name.`, 'Give a host such as example.com (its subdomains match too).');
  }
  return host;
}

function parseLanguageFilter(value: string): string {
  const code = value.trim().toLowerCase();
  if (!/^[a-z]{2,3}$/.test(code)) {
    throw new StoreError('E_FILTER', `language "${value}" is not a language code.`, 'Give an ISO 639-1 code such as en, de or fr.');
  }
  return code;
}

export function normalizeLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_SEARCH_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new StoreError('E_FILTER', `limit ${String(limit)} is out of range.`, `Give a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  }
  return limit;
}

/** What an article's analysis says for the actor, theme and country filters (the in-memory adapter). */
export interface ArticleLayersKeys {
  readonly actorCodes: readonly (string | null)[];
  readonly themes: readonly string[];
  /** Its focus countries (ISO alpha-3). */
  readonly countries?: readonly string[];
}

/**
 * Whether an article passes a normalized filter (the in-memory adapter's WHERE clause). `layers` is
 * read only when the filter names an actor, a theme or a country; an article without analysis has none.
 */
export function matchesFilter(
  filter: NormalizedFilter,
  row: { publishedMs: number | null; siteKey: string; language: string | null },
  layers?: () => ArticleLayersKeys | null,
): boolean {
  if (!matchesColumns(filter, row)) return false;
  if (filter.actor === null && filter.theme === null && filter.country === null) return true;
  const keys = layers?.() ?? null;
  if (filter.country !== null && !(keys?.countries?.includes(filter.country) ?? false)) return false;
  if (filter.actor !== null && !(keys?.actorCodes.some((code) => code !== null && code.startsWith(filter.actor!)) ?? false)) return false;
  if (filter.theme !== null && !(keys?.themes.includes(filter.theme) ?? false)) return false;
  return true;
}

function matchesColumns(filter: NormalizedFilter, row: { publishedMs: number | null; siteKey: string; language: string | null }): boolean {
  if (filter.sinceMs !== null && (row.publishedMs === null || row.publishedMs < filter.sinceMs)) return false;
  if (filter.untilMs !== null && (row.publishedMs === null || row.publishedMs > filter.untilMs)) return false;
  if (filter.siteKey !== null && !row.siteKey.startsWith(filter.siteKey)) return false;
  if (filter.language !== null && row.language !== filter.language) return false;
  return true;
}

/** Reverses siteKey(): `com.example.news.` → `news.example.com`. */
export function siteFromKey(key: string): string {
  return key.slice(0, -1).split('.').reverse().join('.');
}
