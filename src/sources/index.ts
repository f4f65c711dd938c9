/**
 * Sources: where pages come from. `readSources` reads any mix of inputs (files, directories, globs, WARC
 * archives, URL lists, URLs, feeds and sitemaps) as one stream of items; the readers of each kind and the
 * fetcher are exported for callers that need one alone.
 */
export type { SkipReason, SourceFailure, SourceFailureCode, SourceHeaders, SourceItem, SourceNotModified, SourcePage, SourceReader, SourceSkip, SourceStage } from './page.js';
export { isFailure, isPage } from './page.js';
export { readShare, readSources, readPageFile, readUrlStream, type SourceShare } from './sources.js';
export { DEFAULT_SOURCE_OPTIONS, resolveSourceOptions, type SourceOptions } from './options.js';
export { readWarc, DEFAULT_WARC_OPTIONS, type WarcOptions } from './warc/warc.js';
export { Fetcher, type FetchAccept, type FetchOutcome } from './fetch/fetcher.js';
export { DEFAULT_FETCH_OPTIONS, DEFAULT_USER_AGENT, resolveFetchOptions, type ConditionalHeaders, type ConditionalLookup, type FetchOptions } from './fetch/options.js';
export { crawl, type CrawlContext, type FeedEntriesShare, type FeedSplitter, type UrlJob } from './frontier.js';
export { parseFeed, type FeedFormat, type ParsedFeed } from './feeds/parse.js';
export { fileKey, urlKey, warcKey, withoutFragment } from './keys.js';
