import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { globIterate, hasMagic } from 'glob';
import { startsWithGzipMagic } from '../sources/bytes.js';
import { PAGE_FILE, walkDirectory } from '../sources/files/walk.js';
import type { SourceShare } from '../sources/index.js';

/**
 * Cutting an ingest's inputs into shares for the queue, finer than a file, without reading the pages:
 * - a .warc.gz larger than `warcShareBytes` becomes byte ranges (each worker reads the gzip members that
 *   start in its range: sources/warc/warc.ts), so one large archive is read by several workers at once;
 * - a URL list becomes ranges of `urlsPerShare` lines (its lines are only counted here);
 * - page files (named, in directories, from globs) are grouped `pagesPerShare` to a share;
 * - everything else (an http(s) URL, a feed or sitemap, a plain .warc, an input that cannot be read:
 *   the worker reports it) is one share; the worker that finds a feed or sitemap there puts its entries
 *   back on the queue as shares of `urlsPerShare` URLs (sources/frontier.ts, splitFeed).
 * The shares of an input read exactly what a whole read of it would, under the same keys, so a queued
 * ingest stores what a single ingest of the same inputs stores.
 */

export interface PlanOptions {
  readonly warcShareBytes: number;
  readonly urlsPerShare: number;
  readonly pagesPerShare: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = Object.freeze({ warcShareBytes: 16 * 1024 * 1024, urlsPerShare: 100, pagesPerShare: 50 });

const WARC_GZ = /\.warc\.gz$/i;
const URL_LIST = /\.(?:txt|urls)$/i;
const URL_ARGUMENT = /^https?:\/\//i;
const WALKED = new RegExp(`${PAGE_FILE.source}|\\.warc(?:\\.gz)?$`, 'i');

export async function* planShares(inputs: readonly string[], options: PlanOptions = DEFAULT_PLAN_OPTIONS): AsyncGenerator<SourceShare> {
  let pages: string[] = [];
  const flush = function* (): Generator<SourceShare> {
    if (pages.length > 0) yield { kind: 'inputs', inputs: pages };
    pages = [];
  };
  for (const input of inputs) {
    for await (const file of filesOf(input)) {
      if (file.page) {
        pages.push(resolve(file.path));
        if (pages.length >= options.pagesPerShare) yield* flush();
        continue;
      }
      yield* flush();
      yield* sharesOfFile(file.path, options);
    }
  }
  yield* flush();
}

/** The files an input stands for, and whether each is a plain page (grouped with others). */
async function* filesOf(input: string): AsyncGenerator<{ path: string; page: boolean }> {
  if (URL_ARGUMENT.test(input)) {
    yield { path: input, page: false };
    return;
  }
  const info = await stat(input).catch(() => null);
  if (info === null) {
    if (hasMagic(input, { windowsPathsNoEscape: true })) {
      let any = false;
      for await (const path of globIterate(input, { nodir: true, dot: false, follow: false, windowsPathsNoEscape: true })) {
        any = true;
        yield { path, page: !WALKED.test(path) || PAGE_FILE.test(path) };
      }
      if (any) return;
    }
    yield { path: input, page: false }; // the worker reports it missing
    return;
  }
  if (!info.isDirectory()) {
    yield { path: input, page: PAGE_FILE.test(input) || !/\.(?:warc(?:\.gz)?|txt|urls|xml|rss|atom)(?:\.gz)?$/i.test(input) };
    return;
  }
  for await (const entry of walkDirectory(input, { match: WALKED })) {
    if (entry.kind === 'error') yield { path: entry.source, page: false };
    else yield { path: entry.source, page: PAGE_FILE.test(entry.source) };
  }
}

async function* sharesOfFile(path: string, options: PlanOptions): AsyncGenerator<SourceShare> {
  if (WARC_GZ.test(path)) {
    const size = (await stat(path).catch(() => null))?.size ?? 0;
    if (size > options.warcShareBytes && (await isGzip(path))) {
      for (let start = 0; start < size; start += options.warcShareBytes) yield { kind: 'warc-range', path: resolve(path), start, end: Math.min(size, start + options.warcShareBytes) };
      return;
    }
  }
  if (URL_LIST.test(path) && !URL_ARGUMENT.test(path)) {
    const lines = await countLines(path);
    if (lines !== null && lines > options.urlsPerShare) {
      for (let from = 1; from <= lines; from += options.urlsPerShare) yield { kind: 'url-lines', path: resolve(path), from, to: Math.min(lines, from + options.urlsPerShare - 1) };
      return;
    }
  }
  yield { kind: 'inputs', inputs: [URL_ARGUMENT.test(path) ? path : resolve(path)] };
}

async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = new Uint8Array(3);
    await file.read(head, 0, 3, 0);
    return startsWithGzipMagic(head);
  } finally {
    await file.close();
  }
}

/** Lines of a text file (a last line without a newline counts), or null when it cannot be read. */
async function countLines(path: string): Promise<number | null> {
  let lines = 0;
  let last = 0x0a;
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
      if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    }
  } catch {
    return null;
  }
  return last === 0x0a ? lines : lines + 1;
}
