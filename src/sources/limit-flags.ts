/**
 * Which `parley ingest` flag sets each limit of the sources and the fetcher. A message about a limit
 * names what a user of the command line can pass, and the option a library caller sets, from this one
 * table: a test checks that every flag named here is one `parley ingest --help` lists.
 */
export const LIMIT_FLAGS = {
  connectTimeoutMs: '--timeout',
  readTimeoutMs: '--timeout',
  totalTimeoutMs: '--total-timeout',
  maxBodyBytes: '--max-bytes',
  maxDecodedBytes: '--max-bytes',
  maxPageBytes: '--max-bytes',
  maxRecordBytes: '--max-bytes',
  maxFeedBytes: '--max-feed-bytes',
  maxFeedEntries: '--max-feed-entries',
  maxSitemapDepth: '--max-sitemap-depth',
  maxRedirects: '--max-redirects',
} as const;

export type LimitOption = keyof typeof LIMIT_FLAGS;

/** "--max-bytes / maxBodyBytes": the flag, then the library option. */
export function limitName(option: LimitOption): string {
  return `${LIMIT_FLAGS[option]} / ${option}`;
}

/** "raise --max-bytes / maxBodyBytes", for the end of a message about a limit that was reached. */
export function raiseLimit(option: LimitOption): string {
  return `raise ${limitName(option)}`;
}

/** `120000` → `120 s`, `500` → `500 ms`: a time limit in a message. */
export function formatMilliseconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
