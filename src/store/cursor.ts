import { createHash } from 'node:crypto';
import { StoreError } from './errors.js';
import type { NormalizedFilter } from './filters.js';
import type { QueryNode } from './query/parse.js';

/**
 * Search cursors. A cursor carries:
 * - the highest article id when the first page was asked for: later pages leave out articles stored
 *   since, so an ingest running meanwhile cannot push new hits in between pages;
 * - how many hits the earlier pages showed (the next page starts there, in the order of every result
 *   list: score descending, then id ascending);
 * - a fingerprint of the query and filters, so a cursor cannot be replayed against another search.
 *
 * Why a position and not the last hit's score: BM25 scores depend on corpus statistics (document count,
 * average length), which move while an ingest writes, so a score threshold would skip or repeat hits;
 * the order of the same articles moves far less than their scores. Without concurrent writes, pages
 * partition the results exactly. Opaque to callers (base64url JSON) and checked when read.
 */
export interface CursorState {
  readonly offset: number;
  readonly maxId: number;
}

/** Deepest position a cursor may reach; past it, narrow the search or use export. */
export const MAX_CURSOR_OFFSET = 10_000;

const CURSOR_VERSION = 1;

export function searchFingerprint(query: QueryNode, filter: NormalizedFilter): string {
  return createHash('sha256').update(JSON.stringify([query, filter])).digest('base64url').slice(0, 16);
}

export function encodeCursor(fingerprint: string, state: CursorState): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, fingerprint, state.offset, state.maxId])).toString('base64url');
}

export function decodeCursor(cursor: string, fingerprint: string): CursorState {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw damaged();
  }
  if (!Array.isArray(parts) || parts.length !== 4 || parts[0] !== CURSOR_VERSION) throw damaged();
  const [, print, offset, maxId] = parts as unknown[];
  if (!Number.isSafeInteger(offset) || (offset as number) < 1 || (offset as number) > MAX_CURSOR_OFFSET || !Number.isSafeInteger(maxId) || (maxId as number) < 0) throw damaged();
  if (print !== fingerprint) {
    throw new StoreError('E_CURSOR', 'The cursor belongs to another search (a different query or filters).', 'Repeat the same query and filters with it, or start again without a cursor.');
  }
  return { offset: offset as number, maxId: maxId as number };
}

/** The cursor of the page after one that ended at `end` (hits shown so far), or null when there is none. */
export function nextCursor(fingerprint: string, end: number, more: boolean, maxId: number): string | null {
  if (!more || end > MAX_CURSOR_OFFSET) return null;
  return encodeCursor(fingerprint, { offset: end, maxId });
}

function damaged(): StoreError {
  return new StoreError('E_CURSOR', 'The cursor is damaged: it is not one Parley returned.', 'Pass the cursor the previous page gave (the `next` field of the API, the --cursor the CLI printed, nextCursor in the library) unchanged, or start again without a cursor.');
}
