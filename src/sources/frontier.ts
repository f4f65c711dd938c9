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
  /** A queue worker's: a feed's entries go back on the queue as shares instead of being fetched here (splitFeed). */
  readonly split?: FeedSplitter | null;
}

/**
 * Entries of a feed or sitemap, put back on the queue by the worker that read it (splitFeed), for other
 * workers to fetch: each is fetched as the feed's own crawl would fetch it (same URL, via, depth), so
 * it is committed under the same key.
 */
export interface FeedEntriesShare {
  readonly kind: 'feed-entries';
  /** The feed or sitemap that lists them (its URL after redirects): each entry's `via`. */
  readonly feed: string;
  /** 'page': article URLs; 'feed': one sitemap of a sitemap index. */
  readonly accept: 'page' | 'feed';
  /** Sitemap indexes above the entries (maxSitemapDepth holds across jobs). */
  readonly depth: number;
  readonly urls: readonly string[];
  /** The seen-keys (seenKey) of the feeds on the way to a sitemap: one listed there is not read again. */
  readonly ancestors: readonly string[];
}

/** How a queue worker shares out the feeds it reads (queue/worker.ts). */
export interface FeedSplitter {
  /** Entry URLs per share; a feed with no more entries than this is fetched by the job that read it. */
  readonly urlsPerShare: number;
  /**
   * Puts the shares on the queue. It must be idempotent: a job retried after a failure reads the feed
   * again and gives the same shares, which must not be queued twice.
   */
  readonly enqueue: (shares: readonly FeedEntriesShare[]) => Promise<void>;
  /** The seen-keys of the feeds above this job's (set from the share by readShare). */
  readonly ancestors?: readonly string[];
}

export interface JobResult {
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

/** What a run remembers a job by, to skip repeats: a feed and a page at one URL are different jobs. */
export function seenKey(job: Pick<UrlJob, 'url' | 'accept'>): string {
  const key = urlKey(job.url);
  return job.accept === 'feed' ? `feed:${key}` : key;
}

/** Repeats within the run and jobs already done are skipped before any request is made. */
async function admit(job: UrlJob, seen: Set<string>, context: CrawlContext): Promise<SourceSkip | null> {
  const key = urlKey(job.url);
  const skip = (reason: SourceSkip['reason'], detail: string): SourceSkip => ({ kind: 'skipped', source: job.source, key, via: job.via, reason, detail });
  if (seen.has(seenKey(job))) return skip('duplicate-url', 'listed earlier in this run');
  if (seen.size >= context.maxSeenUrls) seen.clear();
  seen.add(seenKey(job));
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
      const parent = { ...job, url: outcome.url };
      return context.split ? splitFeed(parsed.feed, parent, seenKey(job), context.split, context) : expandFeed(parsed.feed, parent, context);
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

/**
 * In a queue worker: a feed's entries go back on the queue, `urlsPerShare` URLs to a share, and each
 * sitemap of a sitemap index becomes a job of its own (read, and split in turn, by whichever worker takes
 * it), so several workers fetch one large sitemap at once. A feed small enough for one share is fetched
 * here. What a single crawl commits for the feed itself (an entry that is not a URL, entries past
 * maxFeedEntries, an index past maxSitemapDepth) is committed here, under the same keys.
 *
 * A crawl remembers every feed it read to skip a sitemap listed again (an index listing itself, two
 * indexes in a loop); across jobs, each share carries the feeds on its way (`ancestors`), so a loop ends
 * at its first repeat, and the depth travels with it, so maxSitemapDepth holds too.
 */
export async function splitFeed(feed: ParsedFeed, parent: UrlJob, parentSeenKey: string, split: FeedSplitter, context: Pick<CrawlContext, 'maxSitemapDepth'>): Promise<JobResult> {
  const expanded = expandFeed(feed, parent, context);
  const index = feed.format === 'sitemap-index';
  if (expanded.more === null || (!index && feed.entries.length <= split.urlsPerShare)) return expanded;
  const lineage = [...(split.ancestors ?? []), parentSeenKey];
  const items: SourceItem[] = [...expanded.items];
  const shares: FeedEntriesShare[] = [];
  let batch: string[] = [];
  const flush = (): void => {
    if (batch.length > 0) shares.push({ kind: 'feed-entries', feed: parent.url, accept: 'page', depth: parent.depth, urls: batch, ancestors: [] });
    batch = [];
  };
  for (let next = await expanded.more.next(); !next.done; next = await expanded.more.next()) {
    const entry = next.value;
    if (entry.kind !== 'job') items.push(entry);
    else if (lineage.includes(seenKey(entry))) items.push({ kind: 'skipped', source: entry.source, key: urlKey(entry.url), via: entry.via, reason: 'duplicate-url', detail: 'listed earlier in this run' });
    else if (entry.accept === 'feed') shares.push({ kind: 'feed-entries', feed: parent.url, accept: 'feed', depth: entry.depth, urls: [entry.url], ancestors: lineage });
    else {
      batch.push(entry.url);
      if (batch.length >= split.urlsPerShare) flush();
    }
  }
  flush();
  await split.enqueue(shares);
  return { items, more: null };
}

/** The jobs of a share of feed entries, as the feed's own crawl would make them. */
export async function* feedEntryJobs(share: FeedEntriesShare): AsyncGenerator<JobOrItem> {
  for (const url of share.urls) yield { kind: 'job', url, source: url, via: share.feed, accept: share.accept, depth: share.depth, root: false };
}
