import type { Store } from '../store/store.js';

/**
 * `ingest --refresh`: fetch again URLs the archive already holds, with conditional requests (the stored
 * ETag and Last-Modified: an unchanged page costs a 304), so a page whose text changed becomes a
 * revision of its article. A URL's resume key is the same on every run, and a committed key is never
 * committed again; a refresh files its pages under keys of its own run, so each refresh is new input.
 */

/** What a refresh without sources records as its source: every stored article's address. */
export const REFRESH_SOURCE = '(the address of every stored article: --refresh)';

/** The key a page is committed under: in a refresh, a fetched URL's key is made this run's. */
export function refreshedKey(key: string, runId: number, refresh: boolean): string {
  return refresh && key.startsWith('url:') ? `${key}#refresh-${runId}` : key;
}

/** In a refresh, nothing fetched by URL counts as done (files and archive records still do). */
export function isRefreshed(key: string, refresh: boolean): boolean {
  return refresh && key.startsWith('url:');
}

/** The URLs to refresh when no source is given: each stored article's, in id order, streamed. */
export async function* storedArticleUrls(store: Store): AsyncIterable<string> {
  for await (const { url } of store.streamArticleUrls()) yield url;
}
