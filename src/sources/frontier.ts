import type { FetchAccept, Fetcher } from './fetch/fetcher.js';
import { parseFeed, type ParsedFeed } from './feeds/parse.js';
import { urlKey } from './keys.js';
import { limitName, raiseLimit } from './limit-flags.js';
import type { SourceFailure, SourceItem, SourceReader, SourceSkip } from './page.js';
import { sourceFailure } from './page.js';

/**
 * URLs to fetch, from lists, feeds, sitemaps and the command line, fetched `concurrency` at a time (the
 * fetcher adds its per-host limits and delays). A fetched feed or sitemap adds its entries; a sitemap
 * index adds its sitemaps. Jobs are pulled lazily and the newest source of jobs is drained first, so
 * memory holds the documents on the current path (one per nesting level), never the whole crawl.
 * Items come out as fetches finish, not in input order: keys, not positions, identify them.
 */

export interface UrlJob {
  readonly kind: 'job';
  readonly url: string;
  /** The URL as written in its list or feed. */
  readonly source: string;
  readonly via: string | null;
  readonly accept: FetchAccept;
  /** Sitemap indexes above this job. */
  readonly depth: number;
  /** Named by the caller: a failure to read it is a source failure (nothing came from that input). */
  readonly root: boolean;
}

export type JobOrItem = UrlJob | SourceItem;

export interface CrawlContext {
  readonly fetcher: Fetcher;
  readonly concurrency: number;
  readonly maxFeedEntries: number;
  readonly maxSitemapDepth: number;
  readonly maxSeenUrls: number;
  readonly isDone: ((key: string) => boolean | Promise<boolean>) | null;
  readonly signal: AbortSignal | null;
}

interface JobResult {
  readonly items: readonly SourceItem[];
  readonly more: AsyncIterator<JobOrItem> | null;
}

export async function* crawl(jobs: AsyncIterable<JobOrItem>, context: CrawlContext): SourceReader {
  const stack: AsyncIterator<JobOrItem>[] = [jobs[Symbol.asyncIterator]()];
  const running = new Map<number, Promise<{ id: number; result: JobResult }>>();
  const ready: SourceItem[] = [];
  const seen = new Set<string>();
  const controller = new AbortController();
  const signal = context.signal ? AbortSignal.any([context.signal, controller.signal]) : controller.signal;
  let nextId = 0;
  try {
    for (;;) {
      while (ready.length === 0 && running.size < context.concurrency && stack.length > 0 && !signal.aborted) {
        const next = await stack.at(-1)!.next();
        if (next.done) {
          stack.pop();
          continue;
        }
        const value = next.value;
        if (value.kind !== 'job') {
          ready.push(value);
          continue;
        }
        const skip = await admit(value, seen, context);
        if (skip) {
          ready.push(skip);
          continue;
        }
        const id = nextId++;
        running.set(id, runJob(value, context, signal).then((result) => ({ id, result })));
      }
      if (ready.length > 0) {
        yield ready.shift()!;
        continue;
      }
      if (running.size === 0) return;
      const { id, result } = await Promise.race(running.values());
      running.delete(id);
      ready.push(...result.items);
      if (result.more) stack.push(result.more);
    }
  } finally {
    controller.abort();
    await Promise.allSettled(running.values());
    for (const source of stack) await source.return?.();
  }
}

/** Repeats within the run and jobs already done are skipped before any request is made. */
async function admit(job: UrlJob, seen: Set<string>, context: CrawlContext): Promise<SourceSkip | null> {
  const key = urlKey(job.url);
  const seenKey = job.accept === 'feed' ? `feed:${key}` : key;
  const skip = (reason: SourceSkip['reason'], detail: string): SourceSkip => ({ kind: 'skipped', source: job.source, key, via: job.via, reason, detail });
  if (seen.has(seenKey)) return skip('duplicate-url', 'listed earlier in this run');
  if (seen.size >= context.maxSeenUrls) seen.clear();
  seen.add(seenKey);
  if (job.accept !== 'feed' && context.isDone && (await context.isDone(key))) return skip('already-done', 'fetched in an earlier run');
  return null;
}

async function runJob(job: UrlJob, context: CrawlContext, signal: AbortSignal): Promise<JobResult> {
  const key = urlKey(job.url);
  const scope = job.root ? 'source' : 'item';
  const outcome = await context.fetcher.fetch(job.url, job.accept, signal);
  switch (outcome.kind) {
    case 'page':
      return { items: [{ kind: 'page', source: job.source, key, via: job.via, url: outcome.url, bytes: outcome.bytes, headers: outcome.headers, status: outcome.status, fetchedAt: outcome.fetchedAt, redirects: outcome.redirects }], more: null };
    case 'not-modified':
      return { items: [{ kind: 'not-modified', source: job.source, key, via: job.via, url: outcome.url, status: 304, headers: outcome.headers, fetchedAt: outcome.fetchedAt, redirects: outcome.redirects }], more: null };
    case 'failure':
      return { items: [sourceFailure({ source: job.source, key, via: job.via, url: outcome.url, stage: outcome.stage, code: outcome.code, message: outcome.message, scope, status: outcome.status })], more: null };
    case 'feed': {
      const parsed = parseFeed(outcome.bytes, outcome.url, context.maxFeedEntries);
      if (!parsed.ok) {
        return { items: [sourceFailure({ source: job.source, key, via: job.via, url: outcome.url, stage: 'feed', code: 'BAD_FEED', message: `The feed ${outcome.url} cannot be read. ${parsed.message}`, scope, status: outcome.status })], more: null };
      }
      return expandFeed(parsed.feed, { ...job, url: outcome.url }, context);
    }
  }
}

/** A parsed feed's entries as jobs; a sitemap index past the depth limit is a failure instead. */
export function expandFeed(feed: ParsedFeed, parent: UrlJob, context: Pick<CrawlContext, 'maxSitemapDepth'>): JobResult {
  const items: SourceFailure[] = [];
  const key = urlKey(parent.url);
  if (feed.format === 'sitemap-index' && parent.depth >= context.maxSitemapDepth) {
    const message = `The sitemap index ${parent.url} is nested ${parent.depth + 1} levels deep, past the limit of ${context.maxSitemapDepth} (${limitName('maxSitemapDepth')}); its sitemaps are not read.`;
    return { items: [sourceFailure({ source: parent.source, key, via: parent.via, url: parent.url, stage: 'feed', code: 'FEED_LIMIT', message })], more: null };
  }
  if (feed.dropped > 0) {
    const message = `${parent.url} lists ${feed.entries.length + feed.dropped} entries; the first ${feed.entries.length} are read (${raiseLimit('maxFeedEntries')} for more).`;
    items.push(sourceFailure({ source: parent.source, key, via: parent.via, url: parent.url, stage: 'feed', code: 'FEED_LIMIT', message }));
  }
  return { items, more: feedJobs(feed, parent)[Symbol.asyncIterator]() };
}

async function* feedJobs(feed: ParsedFeed, parent: UrlJob): AsyncGenerator<JobOrItem> {
  const accept: FetchAccept = feed.format === 'sitemap-index' ? 'feed' : 'page';
  for (const entry of feed.entries) {
    if (entry.url === null) {
      yield sourceFailure({ source: entry.raw, key: `${urlKey(parent.url)}#${entry.raw}`, via: parent.url, stage: 'feed', code: 'BAD_URL', message: `An entry of ${parent.url} links to ${JSON.stringify(entry.raw)}, which is not an http(s) URL.` });
      continue;
    }
    yield { kind: 'job', url: entry.url, source: entry.url, via: parent.url, accept, depth: parent.depth + (accept === 'feed' ? 1 : 0), root: false };
  }
}
