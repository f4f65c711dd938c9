import { StreamWriter } from '../io/output.js';
import { csvField } from '../query/csv.js';
import { printable } from '../query/terminal.js';

/**
 * Writing rows of stored facts (events, quotes, timeline buckets) in the formats of the archive
 * commands: `table` for people, `json` (one array, streamed), `csv` (a header row, then one row each).
 * Rows arrive as an async iterable and leave one at a time, so memory does not grow with the archive.
 */
export type ListingFormat = 'table' | 'json' | 'csv';

export const LISTING_FORMATS: Record<ListingFormat, string> = {
  table: 'for reading: one line each, long texts cut to the terminal',
  json: 'a JSON array of objects (streamed)',
  csv: 'a header row, then one row each',
};

export interface Column<R> {
  readonly name: string;
  readonly value: (row: R) => string | number | null;
  /** Widest the column gets in a table (longer values are cut with …). */
  readonly width?: number;
}

function cut(text: string, width: number | undefined): string {
  const flat = printable(text.replace(/\s+/g, ' '));
  return width !== undefined && flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}

/** Writes the rows; returns how many were written (stops early when the reader goes away). */
export async function writeListing<R>(rows: AsyncIterable<R>, format: ListingFormat, columns: readonly Column<R>[], toJSON: (row: R) => unknown, stream: NodeJS.WritableStream): Promise<number> {
  const out = new StreamWriter(stream);
  let count = 0;
  if (format === 'csv') await out.write(`${columns.map((c) => csvField(c.name)).join(',')}\r\n`);
  if (format === 'json') await out.write('[');
  // A table needs its column widths before the first line: the rows of one listing are bounded by --limit.
  const tableRows: string[][] = [];
  for await (const row of rows) {
    if (out.error) break;
    if (format === 'json') await out.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(toJSON(row))}`);
    else if (format === 'csv') await out.write(`${columns.map((c) => csvField(c.value(row))).join(',')}\r\n`);
    else tableRows.push(columns.map((c) => cut(String(c.value(row) ?? '–'), c.width)));
    count++;
  }
  if (format === 'json') await out.write(count === 0 ? ']\n' : '\n]\n');
  if (format === 'table' && tableRows.length > 0) {
    const header = columns.map((c) => c.name.toUpperCase());
    const widths = header.map((h, i) => Math.max(h.length, ...tableRows.map((r) => r[i]!.length)));
    for (const line of [header, ...tableRows]) await out.write(`${line.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
  }
  return count;
}

/** At most `limit` items of an async iterable (all of them when limit is undefined). */
export async function* take<T>(items: AsyncIterable<T>, limit: number | undefined): AsyncIterable<T> {
  if (limit === 0) return;
  let n = 0;
  for await (const item of items) {
    yield item;
    if (limit !== undefined && ++n >= limit) return;
  }
}

/** An array as an async iterable (for results the store returns whole, such as timelines). */
export async function* fromArray<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}
