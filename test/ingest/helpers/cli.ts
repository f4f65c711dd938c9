import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { runParley, type ParleyRun } from '../../cli/run-parley.js';

/** Runs the built `parley ingest` (dist/, made by `npm test`'s pretest build) as a real process. */

export interface IngestRun extends ParleyRun {
  /** The --json report, when the run printed one. */
  readonly report: IngestJson | null;
}

export interface IngestJson {
  readonly runId: number;
  readonly status: string;
  readonly seen: number;
  readonly stored: number;
  readonly copies: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly failed: number;
  readonly resumed: number;
  readonly skipped: Record<string, number>;
  readonly duplicatesByReason: Record<string, number>;
  readonly rejectedByReason: Record<string, number>;
  readonly failedByReason: Record<string, number>;
  readonly unreadableSources: { source: string; code: string; message: string }[];
}

export async function runIngest(args: readonly string[]): Promise<IngestRun> {
  const run = await runParley(['ingest', ...args]);
  const json = args.includes('--json') && run.stdout.trim() !== '' ? (JSON.parse(run.stdout) as IngestJson) : null;
  return { ...run, report: json };
}

/** seen = stored + duplicates + rejected + failed, and every breakdown sums to its total. */
export function expectCountsAddUp(report: IngestJson): void {
  const sum = (byReason: Record<string, number>): number => Object.values(byReason).reduce((a, b) => a + b, 0);
  expect(report.seen).toBe(report.stored + report.duplicates + report.rejected + report.failed);
  expect(sum(report.failedByReason)).toBe(report.failed);
  expect(sum(report.rejectedByReason)).toBe(report.rejected);
  expect(sum(report.duplicatesByReason)).toBe(report.duplicates);
}

export interface ProblemRow {
  readonly source: string;
  readonly url: string | null;
  readonly kind: string;
  readonly stage: string;
  readonly code: string;
  readonly message: string;
}

/** What the database holds about pages that were rejected or failed. */
export function problemsIn(path: string): ProblemRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT p.source, p.url, f.kind, f.stage, f.code, f.message FROM failures f JOIN pages p ON p.id = f.page_id ORDER BY p.id').all() as ProblemRow[];
  } finally {
    db.close();
  }
}

export function countRows(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
