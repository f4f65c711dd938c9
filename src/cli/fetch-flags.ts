import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_FETCH_OPTIONS, resolveFetchOptions, type FetchOptions } from '../sources/fetch/options.js';
import { formatDuration, parseDuration } from './values.js';

/**
 * The fetch flags of the commands that take URLs besides pages (extract, analyze): the fetcher of
 * `parley ingest`, with its safety by default (robots.txt, private addresses refused, size and time
 * limits), and the few settings people change.
 */
export interface FetchFlags {
  readonly allowPrivate?: boolean;
  readonly userAgent?: string;
  readonly delay: number;
  readonly totalTimeout: number;
}

export function fetchOptions(): Option[] {
  return [
    new Option('--allow-private', 'fetch from private, loopback and link-local addresses (intranets, tests)'),
    new Option('--user-agent <ua>', 'the User-Agent sent with every request (and matched against robots.txt)').argParser(parseUserAgent),
    new Option('--delay <duration>', 'least time between two requests to the same site (robots.txt may ask for more)').argParser(parseDelay).default(DEFAULT_FETCH_OPTIONS.politenessDelayMs, formatDuration(DEFAULT_FETCH_OPTIONS.politenessDelayMs)),
    new Option('--total-timeout <duration>', 'longest time for the whole fetch of one page, however steadily it arrives; a page cut off by it fails as TRUNCATED').argParser(parseDuration).default(DEFAULT_FETCH_OPTIONS.totalTimeoutMs, formatDuration(DEFAULT_FETCH_OPTIONS.totalTimeoutMs)),
  ];
}

export function fetchSettings(flags: FetchFlags): Partial<FetchOptions> {
  return {
    allowPrivate: flags.allowPrivate ?? false,
    politenessDelayMs: flags.delay,
    totalTimeoutMs: flags.totalTimeout,
    ...(flags.userAgent === undefined ? {} : { userAgent: flags.userAgent }),
  };
}

export function parseUserAgent(value: string): string {
  try {
    return resolveFetchOptions({ userAgent: value }).userAgent;
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

/** Like a duration, but 0 is allowed: no delay between requests to one site. */
export function parseDelay(value: string): number {
  return /^\s*0+(?:\.0+)?\s*(?:ms|s)?\s*$/i.test(value) ? 0 : parseDuration(value);
}
