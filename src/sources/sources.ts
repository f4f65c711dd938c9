import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { globIterate, hasMagic } from 'glob';
import { errorCode, formatBytes, ownBytes } from './bytes.js';
import { DEFAULT_FETCH_OPTIONS } from './fetch/options.js';
import { Fetcher } from './fetch/fetcher.js';
import { parseFeed } from './feeds/parse.js';
import { describeFsError, readCapped } from './files/read.js';
import { readUrlList } from './files/url-list.js';
import { PAGE_FILE, walkDirectory } from './files/walk.js';
import { crawl, expandFeed, feedEntryJobs, seenKey, splitFeed, type CrawlContext, type FeedEntriesShare, type JobOrItem, type UrlJob } from './frontier.js';
import { fileKey, lineKey } from './keys.js';
import { raiseLimit } from './limit-flags.js';
import { resolveSourceOptions, type SourceOptions } from './options.js';
import type { SourceItem, SourceReader } from './page.js';
import { sourceFailure } from './page.js';
import { readWarc } from './warc/warc.js';

/**
 * Every input of `parley ingest`, read in the order given, as one stream of items:
 *
 * - `http://` and `https://` URLs: fetched; a feed or sitemap found there is expanded into its articles.
 *   Consecutive URL arguments are fetched together, concurrently.
 * - `*.warc`, `*.warc.gz`: archives (see warc/warc.ts).
 * - `*.txt`, `*.urls`: lists of URLs, one a line.
 * - `*.xml`, `*.rss`, `*.atom` (and `.gz`): a feed or sitemap saved to disk; its entries are fetched.
 * - directories: their pages (`.html`, `.htm`, `.xhtml`, `.html.gz`) and archives, recursively.
 * - glob patterns (`news/**\/*.html`), when no file has that name: each match as above.
 * - any other file: one page.
 *
 * Never throws for bad input: an input that cannot be read at all is one failure with scope 'source'.
 */

export const WARC_FILE = /\.warc(?:\.gz)?$/i;
export const URL_LIST_FILE = /\.(?:txt|urls)$/i;
export const FEED_FILE = /\.(?:xml|rss|atom)(?:\.gz)?$/i;
/** What a directory walk picks up: pages and archives (lists and feeds are only read when named). */
const DIRECTORY_FILE = new RegExp(`${PAGE_FILE.source}|${WARC_FILE.source}`, 'i');
export const URL_ARGUMENT = /^https?:\/\//i;

export async function* readSources(inputs: readonly string[], options: Partial<SourceOptions> = {}): SourceReader {
  const settings = resolveSourceOptions(options);
  let fetcher: Fetcher | null = settings.fetcher;
  const context = (): CrawlContext => {
    fetcher ??= new Fetcher(settings.fetch);
    return { ...settings, fetcher };
  };
  try {
    for (let i = 0; i < inputs.length; ) {
      if (settings.signal?.aborted) return;
      if (URL_ARGUMENT.test(inputs[i]!)) {
        const urls: string[] = [];
        while (i < inputs.length && URL_ARGUMENT.test(inputs[i]!)) urls.push(inputs[i++]!);
        yield* crawl(rootJobs(urls), context());
        continue;
      }
      yield* readLocal(inputs[i++]!, settings, context);
    }
  } finally {
    if (fetcher && fetcher !== settings.fetcher) fetcher.close();
  }
}

/**
 * URLs from a stream (`ingest --refresh`: the address of every stored article), each fetched as a page,
 * politely and with conditional requests, like the lines of a URL list. `via` names where they came from.
 */
export async function* readUrlStream(urls: AsyncIterable<string>, via: string | null, options: Partial<SourceOptions> = {}): SourceReader {
  const settings = resolveSourceOptions(options);
  const fetcher = settings.fetcher ?? new Fetcher(settings.fetch);
  async function* jobs(): AsyncGenerator<JobOrItem> {
    for await (const url of urls) {
      if (settings.signal?.aborted) return;
      yield { kind: 'job', url, source: url, via, accept: 'page', depth: 0, root: false } satisfies UrlJob;
    }
  }
  try {
    yield* crawl(jobs(), { ...settings, fetcher });
  } finally {
    if (fetcher !== settings.fetcher) fetcher.close();
  }
}

async function* rootJobs(urls: readonly string[]): AsyncGenerator<JobOrItem> {
  for (const url of urls) yield { kind: 'job', url, source: url, via: null, accept: 'page-or-feed', depth: 0, root: true } satisfies UrlJob;
}

async function* readLocal(input: string, settings: SourceOptions, context: () => CrawlContext): SourceReader {
  let info: Stats;
  try {
    info = await stat(input);
  } catch (error) {
    if (errorCode(error) === 'ENOENT' && hasMagic(input, { windowsPathsNoEscape: true })) {
      yield* readGlob(input, settings, context);
      return;
    }
    yield openFailure(input, error);
    return;
  }
  if (!info.isDirectory()) {
    yield* readFile(input, settings, context, 'source');
    return;
  }
  for await (const entry of walkDirectory(input, { match: DIRECTORY_FILE })) {
    if (settings.signal?.aborted) return;
    if (entry.kind === 'error') {
      yield sourceFailure({ source: entry.source, key: `dir:${resolve(entry.source)}`, stage: 'open', code: 'READ_ERROR', message: entry.message, scope: entry.source === input ? 'source' : 'item' });
      continue;
    }
    yield* readFile(entry.source, settings, context, 'item');
  }
}

async function* readGlob(pattern: string, settings: SourceOptions, context: () => CrawlContext): SourceReader {
  let matched = false;
  for await (const path of globIterate(pattern, { nodir: true, dot: false, follow: false, windowsPathsNoEscape: true })) {
    if (settings.signal?.aborted) return;
    matched = true;
    yield* readFile(path, settings, context, 'item');
  }
  if (!matched) {
    yield sourceFailure({ source: pattern, key: `glob:${pattern}`, stage: 'open', code: 'NOT_FOUND', message: 'No file matches this pattern (and no file has this name).', scope: 'source' });
  }
}

/** One file, by its name: an archive, a URL list, a saved feed, or a page. */
async function* readFile(path: string, settings: SourceOptions, context: () => CrawlContext, scope: 'source' | 'item'): SourceReader {
  if (WARC_FILE.test(path)) {
    yield* readWarc(path, { maxRecordBytes: settings.maxRecordBytes, maxHeaderBytes: settings.maxWarcHeaderBytes, isDone: settings.isDone ?? undefined });
  } else if (URL_LIST_FILE.test(path)) {
    yield* crawl(urlListJobs(path, settings.maxUrlLineBytes), context());
  } else if (FEED_FILE.test(path)) {
    yield* crawl(savedFeedJobs(path, settings), context());
  } else {
    yield await readPageFile(path, settings, scope);
  }
}

export async function readPageFile(path: string, settings: Pick<SourceOptions, 'maxPageBytes' | 'isDone'>, scope: 'source' | 'item' = 'source'): Promise<SourceItem> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    return openFailure(path, error, scope);
  }
  const key = fileKey(resolve(path), info.size, info.mtimeMs);
  const fail = (code: 'TOO_LARGE' | 'READ_ERROR' | 'TRUNCATED_GZIP' | 'CORRUPT_GZIP', message: string): SourceItem => sourceFailure({ source: path, key, stage: 'read', code, message, scope });
  if (settings.isDone && (await settings.isDone(key))) return { kind: 'skipped', source: path, key, via: null, reason: 'already-done', detail: 'file' };
  if (info.size > settings.maxPageBytes) return fail('TOO_LARGE', `The file is ${formatBytes(info.size)}, over the limit of ${formatBytes(settings.maxPageBytes)} (${raiseLimit('maxPageBytes')} to read it).`);
  const read = await readCapped(createReadStream(path), settings.maxPageBytes);
  if (read.ok) return { kind: 'page', source: path, key, via: null, url: null, bytes: ownBytes(read.bytes), headers: null, status: null, fetchedAt: info.mtime.toISOString(), redirects: [] };
  switch (read.code) {
    case 'TOO_LARGE':
      return fail('TOO_LARGE', `The file ${read.decompressed ? 'decompresses to' : 'is'} more than the limit of ${formatBytes(settings.maxPageBytes)} (${raiseLimit('maxPageBytes')} to read it).`);
    case 'BAD_GZIP':
      return /unexpected end/i.test(read.detail)
        ? fail('TRUNCATED_GZIP', 'The file is gzip-compressed but ends before its compressed data does: it is truncated (copy or download it again).')
        : fail('CORRUPT_GZIP', `The file starts like gzip but cannot be decompressed: ${read.detail}.`);
    case 'READ_ERROR':
      return fail('READ_ERROR', `Cannot read the file: ${read.detail}.`);
  }
}

/**
 * One worker's share of an ingest (queue/plan.ts cuts the inputs into shares): inputs read whole, the
 * records of a .warc.gz whose gzip members start in a byte range, lines of a URL list, or entries of a
 * feed or sitemap (put on the queue by the worker that read it: frontier.ts, splitFeed). Items keep the
 * keys of a whole read, so the shares of an input together are exactly that input.
 */
export type SourceShare =
  | { readonly kind: 'inputs'; readonly inputs: readonly string[] }
  | { readonly kind: 'warc-range'; readonly path: string; readonly start: number; readonly end: number }
  | { readonly kind: 'url-lines'; readonly path: string; readonly from: number; readonly to: number }
  | FeedEntriesShare;

export async function* readShare(share: SourceShare, options: Partial<SourceOptions> = {}): SourceReader {
  if (share.kind === 'inputs') {
    yield* readSources(share.inputs, options);
    return;
  }
  const settings = resolveSourceOptions(options);
  if (share.kind === 'warc-range') {
    yield* readWarc(share.path, { maxRecordBytes: settings.maxRecordBytes, maxHeaderBytes: settings.maxWarcHeaderBytes, isDone: settings.isDone ?? undefined, range: { start: share.start, end: share.end } });
    return;
  }
  const fetcher = settings.fetcher ?? new Fetcher(settings.fetch);
  try {
    if (share.kind === 'url-lines') yield* crawl(urlListJobs(share.path, settings.maxUrlLineBytes, { from: share.from, to: share.to }), { ...settings, fetcher });
    else yield* crawl(feedEntryJobs(share), { ...settings, fetcher, split: settings.split && { ...settings.split, ancestors: share.ancestors } });
  } finally {
    if (fetcher !== settings.fetcher) fetcher.close();
  }
}

async function* urlListJobs(path: string, maxLineBytes: number, lines: { from: number; to: number } | null = null): AsyncGenerator<JobOrItem> {
  const absolute = resolve(path);
  let any = lines !== null && lines.from > 1;
  for await (const line of readUrlList(path, maxLineBytes)) {
    if (lines !== null && line.kind !== 'unreadable' && (line.line < lines.from || line.line > lines.to)) {
      if (line.line > lines.to) return;
      continue;
    }
    if (line.kind === 'unreadable') {
      yield sourceFailure({ source: path, key: `list:${absolute}`, stage: 'open', code: line.missing ? 'NOT_FOUND' : 'READ_ERROR', message: line.message, scope: any ? 'item' : 'source' });
      return;
    }
    any = true;
    if (line.kind === 'junk') {
      yield sourceFailure({ source: `${path}:${line.line}`, key: lineKey(absolute, line.line), via: path, stage: 'url-list', code: 'BAD_URL', message: `Line ${line.line} of ${path} is skipped: ${line.reason}.` });
      continue;
    }
    yield { kind: 'job', url: line.url, source: line.url, via: `${path}:${line.line}`, accept: 'page', depth: 0, root: false };
  }
}

/** A feed or sitemap saved to disk: its entries are fetched (relative links cannot be resolved without its URL). */
async function* savedFeedJobs(path: string, settings: SourceOptions): AsyncGenerator<JobOrItem> {
  const maxBytes = settings.fetch.maxFeedBytes ?? DEFAULT_FETCH_OPTIONS.maxFeedBytes;
  const key = `feed:${resolve(path)}`;
  const fail = (code: 'BAD_FEED' | 'TOO_LARGE' | 'READ_ERROR' | 'NOT_FOUND', message: string): SourceItem => sourceFailure({ source: path, key, stage: code === 'BAD_FEED' ? 'feed' : 'open', code, message, scope: 'source' });
  const read = await readCapped(createReadStream(path), maxBytes);
  if (!read.ok) {
    if (read.code === 'READ_ERROR') yield fail(read.fsCode === 'ENOENT' ? 'NOT_FOUND' : 'READ_ERROR', `Cannot read the feed: ${read.detail}.`);
    else if (read.code === 'TOO_LARGE') yield fail('TOO_LARGE', `The feed is larger than the limit of ${formatBytes(maxBytes)} (${raiseLimit('maxFeedBytes')} to read it).`);
    else yield fail('BAD_FEED', `The feed starts like gzip but cannot be decompressed: ${read.detail}.`);
    return;
  }
  const parsed = parseFeed(read.bytes, null, settings.maxFeedEntries);
  if (!parsed.ok) {
    yield fail('BAD_FEED', `The feed cannot be read. ${parsed.message}`);
    return;
  }
  const parent: UrlJob = { kind: 'job', url: path, source: path, via: null, accept: 'feed', depth: 0, root: true };
  const expanded = settings.split ? await splitFeed(parsed.feed, parent, seenKey(parent), settings.split, settings) : expandFeed(parsed.feed, parent, settings);
  yield* expanded.items;
  if (!expanded.more) return;
  for (let next = await expanded.more.next(); !next.done; next = await expanded.more.next()) yield next.value;
}

function openFailure(input: string, error: unknown, scope: 'source' | 'item' = 'source'): SourceItem {
  const missing = errorCode(error) === 'ENOENT';
  return sourceFailure({
    source: input,
    key: `path:${resolve(input)}`,
    stage: 'open',
    code: missing ? 'NOT_FOUND' : 'READ_ERROR',
    message: `Cannot open ${input}: ${describeFsError(error)}.`,
    scope,
  });
}
