import { stat } from 'node:fs/promises';
import { readUrlList } from '../sources/files/url-list.js';
import { PAGE_FILE, walkDirectory } from '../sources/files/walk.js';
import { DEFAULT_SOURCE_OPTIONS } from '../sources/index.js';

/**
 * How many items an ingest of these inputs will handle, when that can be known cheaply beforehand: page
 * files (named or found in directories) and the lines of URL lists. Archives, URLs, feeds and globs make
 * it unknown (null): their page counts are only known by reading them. Used for the progress bar's ETA,
 * so it only lists names and reads URL lists, never pages.
 *
 * The file-name rules are those of sources/sources.ts (which reads archives, lists and feeds by
 * extension); an input it would read another way makes the total unknown rather than wrong.
 */

const ARCHIVE_OR_FEED = /\.(?:warc(?:\.gz)?|xml|rss|atom|xml\.gz|rss\.gz|atom\.gz)$/i;
const URL_LIST = /\.(?:txt|urls)$/i;
const URL_ARGUMENT = /^https?:\/\//i;
const WALKED = new RegExp(`${PAGE_FILE.source}|\\.warc(?:\\.gz)?$`, 'i');

export async function plannedItems(inputs: readonly string[], signal?: AbortSignal): Promise<number | null> {
  let total = 0;
  for (const input of inputs) {
    if (signal?.aborted) return null;
    const count = await plannedFor(input, signal);
    if (count === null) return null;
    total += count;
  }
  return total;
}

async function plannedFor(input: string, signal?: AbortSignal): Promise<number | null> {
  if (URL_ARGUMENT.test(input)) return null;
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(input)).isDirectory();
  } catch {
    // A missing input is one failure; a glob pattern is expanded by the sources (unknown here).
    return /[*?[\]{}]/.test(input) ? null : 1;
  }
  if (!isDirectory) {
    if (ARCHIVE_OR_FEED.test(input)) return null;
    if (URL_LIST.test(input)) return countUrlListItems(input);
    return 1;
  }
  let count = 0;
  for await (const entry of walkDirectory(input, { match: WALKED })) {
    if (signal?.aborted) return null;
    if (entry.kind === 'file' && !PAGE_FILE.test(entry.path)) return null;
    count++;
  }
  return count;
}

async function countUrlListItems(path: string): Promise<number> {
  let count = 0;
  for await (const line of readUrlList(path, DEFAULT_SOURCE_OPTIONS.maxUrlLineBytes)) count += line.kind === 'unreadable' && count > 0 ? 0 : 1;
  return count;
}
