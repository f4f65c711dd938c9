import { InvalidArgumentError, Option } from 'commander';
import { CALLER_ERROR_CODES, isStoreError, QuerySyntaxError } from '../../store/errors.js';
import { normalizeFilter } from '../../store/filters.js';
import { parseActorCode, parseCameoCode, parseThemeCode } from '../../store/analysis-filters.js';
import type { EventFilter } from '../../store/analysis.js';
import { MAX_SEARCH_LIMIT, type ArticleFilter } from '../../store/store.js';
import { withoutControls } from './terminal.js';

/**
 * The options that select articles (search and export), checked when parsed with the store's own
 * rules, so a bad value is a usage error (exit 2) that says what is accepted.
 */

export interface FilterFlags {
  readonly since?: string;
  readonly until?: string;
  readonly site?: string;
  readonly lang?: string;
  readonly country?: string;
}

function checked(key: keyof ArticleFilter): (value: string) => string {
  return (value) => {
    try {
      normalizeFilter({ [key]: value });
    } catch (error) {
      if (isStoreError(error)) throw new InvalidArgumentError(error.message);
      throw error;
    }
    return value;
  };
}

export function filterOptions(): Option[] {
  return [
    new Option('--since <date>', 'only articles published on or after DATE (YYYY-MM-DD, YYYY-MM, YYYY or an ISO date-time; UTC)').argParser(checked('since')),
    new Option('--until <date>', 'only articles published on or before DATE (a day, month or year counts whole)').argParser(checked('until')),
    new Option('--site <host>', 'only articles from this site and its subdomains (e.g. example.com)').argParser(checked('site')),
    new Option('--lang <code>', 'only articles in this language (ISO 639-1, e.g. en)').argParser(checked('language')),
  ];
}

/** --country: articles whose focus (the places stage) includes the country. */
export function countryOption(): Option {
  return new Option('--country <code>', 'only articles mainly about this country (their focus; ISO 3166-1 alpha-3, e.g. SYR)').argParser(checked('country'));
}

export interface EventFilterFlags extends FilterFlags {
  readonly source?: string;
  readonly target?: string;
  readonly theme?: string;
  readonly code?: string;
}

export function checkedCode(parse: (value: string) => string): (value: string) => string {
  return (value) => {
    try {
      return parse(value);
    } catch (error) {
      if (isStoreError(error)) throw new InvalidArgumentError(error.message);
      throw error;
    }
  };
}

/** The options that select events (export --format gdelt-events; `parley events --db`), checked as the store reads them. */
export function eventFilterOptions(): Option[] {
  return [
    new Option('--source <code>', 'only events whose source actor code starts with CODE (USA matches USAGOV)').argParser(checkedCode((v) => parseActorCode(v, 'source'))),
    new Option('--target <code>', 'only events whose target actor code starts with CODE').argParser(checkedCode((v) => parseActorCode(v, 'target'))),
    new Option('--theme <code>', 'only events of articles with this theme (e.g. CYBER_SECURITY)').argParser(checkedCode(parseThemeCode)),
    new Option('--code <cameo>', 'only events whose CAMEO code starts with this (e.g. 04)').argParser(checkedCode(parseCameoCode)),
  ];
}

export function toEventFilter(flags: EventFilterFlags): EventFilter {
  return { since: flags.since, until: flags.until, site: flags.site, source: flags.source, target: flags.target, theme: flags.theme, code: flags.code };
}

export function toFilter(flags: FilterFlags): ArticleFilter {
  return { since: flags.since, until: flags.until, site: flags.site, language: flags.lang, country: flags.country };
}

export function parseLimit(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SEARCH_LIMIT) throw new InvalidArgumentError(`Expected a whole number from 1 to ${MAX_SEARCH_LIMIT}.`);
  return n;
}

/** The exit statuses of program.ts's EXIT (not imported: program.ts imports the commands). */
const EXIT = { failed: 1, usage: 2 } as const;

/**
 * Prints a store error for `parley <command>` and returns the exit status: 2 for what the caller typed
 * (a malformed query, shown with a caret under the problem; a bad filter or cursor), 1 for the database.
 * Anything else is a bug and is rethrown.
 */
export function reportStoreError(error: unknown, command: string, stderr: NodeJS.WritableStream, query?: string): number {
  if (!isStoreError(error)) throw error;
  if (error instanceof QuerySyntaxError && query !== undefined) {
    const shown = query.length > 200 ? '' : `\n  ${withoutControls(query)}\n  ${' '.repeat(error.position)}^`;
    stderr.write(`parley ${command}: error: ${error.message}${shown}\n`);
    return EXIT.usage;
  }
  if (CALLER_ERROR_CODES.has(error.code)) {
    stderr.write(`parley ${command}: error: ${error.message}\n`);
    return EXIT.usage;
  }
  stderr.write(`parley ${command}: ${error.message} [${error.code}]\n`);
  return EXIT.failed;
}
