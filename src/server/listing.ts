import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { normalizeFilter, publishedInstant } from '../store/filters.js';
import type { ArticleFilter, Store, StoredArticle } from '../store/store.js';
import { ApiError } from './errors.js';

/**
 * The newest articles (GET /api/articles without `q`): published date descending — undated articles
 * last — then id descending, a total order, so pages never repeat or skip an article.
 *
 * The Store port has no "newest first" read yet, so this walks `exportArticles` (id order, bounded
 * memory) and keeps the best `limit + 1` rows past the cursor. That costs one pass over the matching
 * articles per page: fine for a personal archive, slow for a very large one, which is why the walk
 * yields to the event loop and stops when the request is aborted (time limit, client gone). A port
 * method with an index on (published, id) replaces it without changing the API (see the report).
 *
 * Cursors are keysets — the last row's (published instant, id) — plus the highest id that existed when
 * the first page was read (articles stored meanwhile stay out, as in search) and a fingerprint of the
 * filters, so a cursor cannot be replayed against other filters.
 */

export interface ListRequest extends ArticleFilter {
  readonly limit: number;
  readonly cursor: string | null;
  /** Aborts the walk (the request's time limit, or the client went away). */
  readonly signal?: AbortSignal;
}

export interface ListPage {
  readonly articles: readonly StoredArticle[];
  readonly next: string | null;
}

/** Articles examined between two turns of the event loop: other requests and timers run in between. */
export const LISTING_YIELD_EVERY = 256;

interface SortKey {
  readonly publishedMs: number | null;
  readonly id: number;
}

interface CursorState extends SortKey {
  readonly maxId: number;
}

const CURSOR_VERSION = 1;
const CURSOR_KIND = 'newest';

export async function listNewestArticles(store: Store, request: ListRequest): Promise<ListPage> {
  const filter: ArticleFilter = { since: request.since, until: request.until, site: request.site, language: request.language };
  const fingerprint = filterFingerprint(filter);
  const after = request.cursor ? decodeListCursor(request.cursor, fingerprint) : null;
  const keep = request.limit + 1;
  const best: { key: SortKey; article: StoredArticle }[] = [];
  let maxId = after?.maxId ?? 0;
  let examined = 0;
  for await (const article of store.exportArticles(filter)) {
    if (after && article.id > after.maxId) break; // ids ascend: everything further was stored after page one
    if (++examined % LISTING_YIELD_EVERY === 0) {
      await nextTurn();
      request.signal?.throwIfAborted();
    }
    if (!after) maxId = Math.max(maxId, article.id);
    const key = { publishedMs: publishedInstant(article.article.published), id: article.id };
    if (after && compareNewestFirst(key, after) <= 0) continue;
    if (best.length === keep && compareNewestFirst(key, best[keep - 1]!.key) >= 0) continue;
    best.splice(insertionPoint(best, key), 0, { key, article });
    if (best.length > keep) best.pop();
  }
  request.signal?.throwIfAborted();
  const page = best.slice(0, request.limit);
  const last = page[page.length - 1];
  const next = best.length > request.limit && last ? encodeListCursor(fingerprint, { ...last.key, maxId }) : null;
  return { articles: page.map((entry) => entry.article), next };
}

/** Negative when `a` comes first: newer published instant first, undated last, then higher id first. */
export function compareNewestFirst(a: SortKey, b: SortKey): number {
  if (a.publishedMs !== b.publishedMs) {
    if (a.publishedMs === null) return 1;
    if (b.publishedMs === null) return -1;
    return b.publishedMs - a.publishedMs;
  }
  return b.id - a.id;
}

function insertionPoint(sorted: readonly { key: SortKey }[], key: SortKey): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareNewestFirst(sorted[middle]!.key, key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function filterFingerprint(filter: ArticleFilter): string {
  return createHash('sha256').update(JSON.stringify(normalizeFilter(filter))).digest('base64url').slice(0, 16);
}

function encodeListCursor(fingerprint: string, state: CursorState): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, CURSOR_KIND, fingerprint, state.publishedMs, state.id, state.maxId])).toString('base64url');
}

function decodeListCursor(cursor: string, fingerprint: string): CursorState {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw damaged();
  }
  if (!Array.isArray(parts) || parts.length !== 6 || parts[0] !== CURSOR_VERSION || parts[1] !== CURSOR_KIND) throw damaged();
  const [, , print, publishedMs, id, maxId] = parts as unknown[];
  const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 1;
  if (!(publishedMs === null || Number.isSafeInteger(publishedMs)) || !isId(id) || !isId(maxId) || id > maxId) throw damaged();
  if (print !== fingerprint) {
    throw new ApiError('invalid_cursor', 'The cursor belongs to a list with other filters (since, until, site or lang). Repeat the same filters with it, or start again without a cursor.', { parameter: 'cursor' });
  }
  return { publishedMs: publishedMs as number | null, id, maxId };
}

function damaged(): ApiError {
  return new ApiError('invalid_cursor', 'The cursor is damaged: it is not one Parley returned for this list. Pass the `next` of the previous page unchanged, or start again without a cursor.', { parameter: 'cursor' });
}
