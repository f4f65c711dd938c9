import { checkTimelineUnit } from './analysis-filters.js';
import type { TimelineUnit } from './analysis.js';
import { clip, parseActorCode, parseThemeCode } from './codes.js';
import { StoreError } from './errors.js';
import {
  DEFAULT_FACET_ROWS,
  DEFAULT_NETWORK_NODES,
  DEFAULT_TOP_THEMES,
  MAX_FACET_ROWS,
  MAX_NETWORK_NODES,
  MAX_TIMELINE_THEMES,
  type ActorProfileQuery,
  type ArticleSelection,
  type FailureFilter,
  type SampleInfo,
  type ThemeGridQuery,
  type ThemeTimelineQuery,
} from './explore.js';
import { normalizeFilter, type NormalizedFilter } from './filters.js';
import { parseQuery, type QueryNode } from './query/parse.js';

/** The explore queries' arguments, checked once for every adapter (E_FILTER errors that say what to give). */

export interface NormalizedSelection {
  /** The parsed words, or null for a selection by filters alone. */
  readonly tree: QueryNode | null;
  readonly filter: NormalizedFilter;
}

export function normalizeSelection(selection: ArticleSelection): NormalizedSelection {
  const text = selection.text?.trim() ?? '';
  return { tree: text === '' ? null : parseQuery(text), filter: normalizeFilter(selection) };
}

function wholeNumber(value: number | undefined, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new StoreError('E_FILTER', `${name} ${String(value)} is out of range.`, `Give a whole number from ${min} to ${max}.`);
  return value;
}

export function normalizeFacetRows(limit: number | undefined): number {
  return wholeNumber(limit, 'limit', 1, MAX_FACET_ROWS, DEFAULT_FACET_ROWS);
}

export function normalizeNetworkNodes(nodes: number | undefined): number {
  return wholeNumber(nodes, 'nodes', 2, MAX_NETWORK_NODES, DEFAULT_NETWORK_NODES);
}

export function sampleInfo(read: number, of: number): SampleInfo | null {
  return read < of ? { articles: read, of } : null;
}

const MAX_NAME = 200;

export function normalizeActorProfile(query: ActorProfileQuery): { code: string; name: string | null; filter: NormalizedFilter; by: TimelineUnit } {
  const name = query.name?.trim() ?? '';
  if (name.length > MAX_NAME) throw new StoreError('E_FILTER', `name is ${name.length} characters long.`, `Give at most ${MAX_NAME}.`);
  return {
    code: parseActorCode(query.code ?? '', 'code'),
    name: name === '' ? null : name.toLowerCase(),
    filter: normalizeFilter({ since: query.since, until: query.until, site: query.site }),
    by: checkTimelineUnit(query.by ?? 'month'),
  };
}

export function normalizeThemeTimeline(query: ThemeTimelineQuery): { themes: string[] | null; top: number; filter: NormalizedFilter; by: TimelineUnit } {
  const themes = query.themes && query.themes.length > 0 ? [...new Set(query.themes.map(parseThemeCode))] : null;
  if (themes && themes.length > MAX_TIMELINE_THEMES) {
    throw new StoreError('E_FILTER', `${themes.length} themes were asked for.`, `Chart at most ${MAX_TIMELINE_THEMES} themes at once.`);
  }
  return {
    themes,
    top: wholeNumber(query.top, 'top', 1, MAX_TIMELINE_THEMES, DEFAULT_TOP_THEMES),
    filter: normalizeFilter({ since: query.since, until: query.until, site: query.site }),
    by: checkTimelineUnit(query.by ?? 'month'),
  };
}

export function normalizeThemeGrid(query: ThemeGridQuery): { selection: NormalizedSelection; themeRows: number; countryColumns: number } {
  return {
    selection: normalizeSelection(query),
    themeRows: wholeNumber(query.themeRows, 'themeRows', 1, MAX_FACET_ROWS, 12),
    countryColumns: wholeNumber(query.countryColumns, 'countryColumns', 1, MAX_FACET_ROWS, 12),
  };
}

const REASON_CODE = /^[A-Z0-9_]{1,60}$/;

export function checkFailureFilter(filter: FailureFilter): { kind: 'rejected' | 'failed' | null; code: string | null; runId: number | null } {
  if (filter.kind !== undefined && filter.kind !== 'rejected' && filter.kind !== 'failed') {
    throw new StoreError('E_FILTER', `kind "${clip(String(filter.kind))}" is not a kind of failure.`, 'Give rejected (not an article) or failed (something went wrong).');
  }
  const code = filter.code?.trim().toUpperCase() ?? '';
  if (code !== '' && !REASON_CODE.test(code)) throw new StoreError('E_FILTER', `code "${clip(filter.code!)}" is not a reason code.`, 'Give a code such as TIMEOUT or NO_CONTENT (parley stats lists them).');
  if (filter.runId !== undefined && (!Number.isSafeInteger(filter.runId) || filter.runId < 1)) throw new StoreError('E_FILTER', `run ${String(filter.runId)} is not a run id.`, 'Give a whole number from 1.');
  return { kind: filter.kind ?? null, code: code === '' ? null : code, runId: filter.runId ?? null };
}

export function checkGroupId(groupId: number): void {
  if (!Number.isSafeInteger(groupId) || groupId < 1) throw new StoreError('E_FILTER', `group ${String(groupId)} is not a group id.`, 'Give a whole number from 1.');
}

