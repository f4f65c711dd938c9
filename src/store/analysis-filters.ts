import { createHash } from 'node:crypto';
import { DEFAULT_AGGREGATE_LIMIT, MAX_AGGREGATE_LIMIT, type ActorQuery, type AggregateQuery, type EventFilter, type QuoteFilter, type TimelineUnit } from './analysis.js';
import { clip, parseActorCode, parseCameoCode, parseThemeCode } from './codes.js';
import { StoreError } from './errors.js';
import { parseQuery, type QueryNode } from './query/parse.js';
export { parseActorCode, parseCameoCode, parseThemeCode, prefixRangeEnd } from './codes.js';
import { normalizeFilter, publishedInstant, type NormalizedFilter } from './filters.js';

/**
 * The filters of the analysis queries, normalized once and shared by every adapter (as filters.ts does
 * for articles), so that all of them agree on what `--source usa` or `--theme cyber_security` mean.
 *
 * Rows are ordered by a "sort instant": the event's (or the article's) date in UTC milliseconds, or
 * UNDATED_SORT_MS for rows without one, so undated rows come last and the order is a plain index order.
 */

/** Sorts after every real date (year 275760, the largest Date). */
export const UNDATED_SORT_MS = 8_640_000_000_000_000;

export interface NormalizedEventFilter {
  readonly dates: NormalizedFilter;
  readonly source: string | null;
  readonly target: string | null;
  /** ISO alpha-3, upper case. */
  readonly country: string | null;
  /** Lower case. */
  readonly sourceName: string | null;
  readonly targetName: string | null;
  readonly theme: string | null;
  readonly code: string | null;
  readonly quadClass: number | null;
  readonly articleId: number | null;
  readonly excludeNegated: boolean;
  readonly bothDirections: boolean;
}

export interface NormalizedQuoteFilter {
  readonly dates: NormalizedFilter;
  /** Lower case. */
  readonly speaker: string | null;
  readonly speakerCode: string | null;
  readonly kind: string | null;
  readonly articleId: number | null;
  /** The parsed words the quote must contain, or null. */
  readonly text: QueryNode | null;
}

const QUOTE_KINDS = new Set(['direct', 'partial', 'reported', 'mixed']);
const MAX_TEXT_FILTER = 200;

function given(value: string | undefined | null): value is string {
  return value != null && value.trim() !== '';
}

function parseQuadClass(value: number): number {
  if (![1, 2, 3, 4].includes(value)) throw new StoreError('E_FILTER', `quadClass ${String(value)} is not a quad class.`, 'Give 1 (verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4 (material conflict).');
  return value;
}

function parseArticleId(value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new StoreError('E_FILTER', `articleId ${String(value)} is not an article id.`, 'Give a whole number from 1.');
  return value;
}

function parseText(value: string, name: string): string {
  const text = value.trim();
  if (text.length > MAX_TEXT_FILTER) throw new StoreError('E_FILTER', `${name} is ${text.length} characters long.`, `Give at most ${MAX_TEXT_FILTER}.`);
  return text.toLowerCase();
}

export function normalizeEventFilter(filter: EventFilter = {}): NormalizedEventFilter {
  return {
    dates: normalizeFilter({ since: filter.since, until: filter.until, site: filter.site }),
    source: given(filter.source) ? parseActorCode(filter.source, 'source') : null,
    target: given(filter.target) ? parseActorCode(filter.target, 'target') : null,
    country: given(filter.country) ? normalizeFilter({ country: filter.country }).country : null,
    sourceName: given(filter.sourceName) ? parseText(filter.sourceName, 'sourceName') : null,
    targetName: given(filter.targetName) ? parseText(filter.targetName, 'targetName') : null,
    theme: given(filter.theme) ? parseThemeCode(filter.theme) : null,
    code: given(filter.code) ? parseCameoCode(filter.code) : null,
    quadClass: filter.quadClass === undefined ? null : parseQuadClass(filter.quadClass),
    articleId: filter.articleId === undefined ? null : parseArticleId(filter.articleId),
    excludeNegated: filter.excludeNegated === true,
    bothDirections: filter.bothDirections === true,
  };
}

export function normalizeQuoteFilter(filter: QuoteFilter = {}): NormalizedQuoteFilter {
  if (filter.kind !== undefined && !QUOTE_KINDS.has(filter.kind)) {
    throw new StoreError('E_FILTER', `kind "${clip(String(filter.kind))}" is not a quote kind.`, 'Give direct, partial, reported or mixed.');
  }
  return {
    dates: normalizeFilter({ since: filter.since, until: filter.until, site: filter.site }),
    speaker: given(filter.speaker) ? parseText(filter.speaker, 'speaker') : null,
    speakerCode: given(filter.speakerCode) ? parseActorCode(filter.speakerCode, 'speakerCode') : null,
    kind: filter.kind ?? null,
    articleId: filter.articleId === undefined ? null : parseArticleId(filter.articleId),
    text: given(filter.text) ? parseQuery(filter.text) : null,
  };
}

export function normalizeAggregateLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_AGGREGATE_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_AGGREGATE_LIMIT) {
    throw new StoreError('E_FILTER', `limit ${String(limit)} is out of range.`, `Give a whole number from 1 to ${MAX_AGGREGATE_LIMIT}.`);
  }
  return limit;
}

export function normalizeActorQuery(query: ActorQuery = {}): { dates: NormalizedFilter; name: string | null; type: string | null; limit: number } {
  return { ...normalizeAggregate(query), name: given(query.name) ? parseText(query.name, 'name') : null, type: given(query.type) ? parseText(query.type, 'type') : null };
}

export function normalizeAggregate(query: AggregateQuery = {}): { dates: NormalizedFilter; limit: number } {
  return { dates: normalizeFilter({ since: query.since, until: query.until, site: query.site }), limit: normalizeAggregateLimit(query.limit) };
}


/** The instant an event is filed under: the date it names, else its article's published instant. */
export function eventInstant(date: string | null, articlePublishedMs: number | null): number | null {
  return publishedInstant(date) ?? articlePublishedMs;
}

export function sortInstant(ms: number | null): number {
  return ms ?? UNDATED_SORT_MS;
}

/** The first day (YYYY-MM-DD, UTC) of the period an instant falls in. Weeks start on Monday. */
export function periodStart(ms: number, unit: TimelineUnit): string {
  const date = new Date(ms);
  if (unit === 'month') return `${date.toISOString().slice(0, 7)}-01`;
  if (unit === 'week') {
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday)).toISOString().slice(0, 10);
  }
  return date.toISOString().slice(0, 10);
}

export const TIMELINE_UNITS: readonly TimelineUnit[] = ['day', 'week', 'month'];

export function checkTimelineUnit(unit: string): TimelineUnit {
  if (!(TIMELINE_UNITS as readonly string[]).includes(unit)) throw new StoreError('E_FILTER', `by "${clip(unit)}" is not a period.`, 'Give day, week or month.');
  return unit as TimelineUnit;
}

// Keyset cursors of the analysis lists: the last row's (sort instant, id), the highest id when the
// first page was read (rows stored since stay out), and a fingerprint of the filter.

export interface KeysetCursor {
  readonly sortMs: number;
  readonly id: number;
  readonly maxId: number;
}

const CURSOR_VERSION = 1;

export function listFingerprint(kind: string, filter: unknown): string {
  return createHash('sha256').update(JSON.stringify([kind, filter])).digest('base64url').slice(0, 16);
}

export function encodeKeyset(kind: string, fingerprint: string, state: KeysetCursor): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, kind, fingerprint, state.sortMs, state.id, state.maxId])).toString('base64url');
}

export function decodeKeyset(cursor: string, kind: string, fingerprint: string): KeysetCursor {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw damagedCursor();
  }
  if (!Array.isArray(parts) || parts.length !== 6 || parts[0] !== CURSOR_VERSION || parts[1] !== kind) throw damagedCursor();
  const [, , print, sortMs, id, maxId] = parts as unknown[];
  if (!Number.isSafeInteger(sortMs) || !Number.isSafeInteger(id) || !Number.isSafeInteger(maxId) || (id as number) < 1 || (maxId as number) < (id as number)) throw damagedCursor();
  if (print !== fingerprint) throw new StoreError('E_CURSOR', 'The cursor belongs to another list (different filters).', 'Repeat the same filters with it, or start again without a cursor.');
  return { sortMs: sortMs as number, id: id as number, maxId: maxId as number };
}

function damagedCursor(): StoreError {
  return new StoreError('E_CURSOR', 'The cursor is damaged: it is not one Parley returned for this list.', 'Pass the cursor the previous page gave (the `next` field of the API, the --cursor the CLI printed, nextCursor in the library) unchanged, or start again without a cursor.');
}
