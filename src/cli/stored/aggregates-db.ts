import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_AGGREGATE_LIMIT, MAX_AGGREGATE_LIMIT } from '../../store/analysis.js';
import type { Store } from '../../store/store.js';
import type { CliContext } from '../commands/command.js';
import { databaseOption, openArchiveForReading } from '../database.js';
import { filterOptions, reportStoreError, type FilterFlags } from '../query/options.js';
import { fromArray, LISTING_FORMATS, writeListing, type Column, type ListingFormat } from './listing.js';

/**
 * `parley actors` and `parley themes`: who and what the stored articles are about, counted over the
 * articles the filters select (the store's listActors and listThemes, as the API's /api/actors and
 * /api/themes answer them), most articles first.
 */

export interface AggregateFlags extends Omit<FilterFlags, 'lang'> {
  readonly db?: string;
  readonly format: ListingFormat;
  readonly limit: number;
}

/** The options both commands share: the article filters (no --lang: the store counts by date and site), the limit, the format, the database. */
export function aggregateOptions(): Option[] {
  return [
    ...filterOptions().filter((option) => option.long !== '--lang'),
    new Option('-n, --limit <n>', `at most N rows, most articles first (1-${MAX_AGGREGATE_LIMIT})`).argParser(parseAggregateLimit).default(DEFAULT_AGGREGATE_LIMIT),
    new Option('-f, --format <format>', 'output format').choices(Object.keys(LISTING_FORMATS)).default('table'),
    databaseOption(),
  ];
}

function parseAggregateLimit(value: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_AGGREGATE_LIMIT) throw new InvalidArgumentError(`Expected a whole number from 1 to ${MAX_AGGREGATE_LIMIT}.`);
  return n;
}

export interface AggregateListing<R> {
  readonly command: 'actors' | 'themes';
  readonly flags: AggregateFlags;
  readonly rows: (store: Store) => Promise<readonly R[]>;
  readonly columns: readonly Column<R>[];
  /** What "no rows" means, for the line on stderr. */
  readonly none: string;
}

export async function listAggregate<R>(listing: AggregateListing<R>, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(listing.flags.db);
  if (!opened.ok) {
    stderr.write(`parley ${listing.command}: ${opened.message}\n`);
    return 1;
  }
  try {
    const rows = await listing.rows(opened.store);
    await writeListing(fromArray(rows), listing.flags.format, listing.columns, (row) => row, stdout);
    if (rows.length === 0 && listing.flags.format === 'table') stderr.write(`parley ${listing.command}: ${listing.none}\n`);
    return 0;
  } catch (error) {
    return reportStoreError(error, listing.command, stderr);
  } finally {
    await opened.store.close();
  }
}
