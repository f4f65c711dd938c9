import { REVISION_REASON } from '../store/store.js';
import type { IngestResult } from './ingest.js';

/**
 * An ingest's result for people (a few aligned lines) and for scripts (one JSON object). Both say the
 * same thing: seen = stored + duplicates + rejected + failed, with the reasons, and apart from them
 * what was resumed (committed by an earlier run) and skipped (not pages).
 */

export interface IngestReport {
  readonly runId: number;
  readonly status: IngestResult['status'];
  readonly database: string;
  readonly seen: number;
  readonly stored: number;
  readonly copies: number;
  readonly duplicates: number;
  /** Of the duplicate pages, those that brought a stored article a new text (duplicatesByReason.revision). */
  readonly revised: number;
  readonly rejected: number;
  readonly failed: number;
  readonly resumed: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly duplicatesByReason: Readonly<Record<string, number>>;
  readonly rejectedByReason: Readonly<Record<string, number>>;
  readonly failedByReason: Readonly<Record<string, number>>;
  readonly unreadableSources: readonly { readonly source: string; readonly code: string; readonly message: string }[];
  readonly elapsedMs: number;
  readonly pagesPerSecond: number;
  /** Stored articles on which an analysis stage failed, by stage (stored without that stage's layers). */
  readonly analysisFailuresByStage: Readonly<Record<string, number>>;
}

export function ingestReport(result: IngestResult, database: string): IngestReport {
  const c = result.counts;
  return {
    runId: result.runId,
    status: result.status,
    database,
    seen: c.seen,
    stored: c.stored,
    copies: c.copies,
    duplicates: c.duplicate,
    revised: c.duplicateByReason[REVISION_REASON] ?? 0,
    rejected: c.notArticle,
    failed: c.failed,
    resumed: c.resumed,
    skipped: { ...c.skipped },
    duplicatesByReason: c.duplicateByReason,
    rejectedByReason: c.notArticleByReason,
    failedByReason: c.failedByReason,
    unreadableSources: result.unreadable,
    elapsedMs: Math.round(result.elapsedMs),
    pagesPerSecond: rate(c.seen, result.elapsedMs),
    analysisFailuresByStage: result.analysisFailures,
  };
}

export function summaryLines(result: IngestResult, database: string): string[] {
  const c = result.counts;
  const seconds = result.elapsedMs / 1000;
  const state = result.status === 'completed' ? '' : ` (${result.status})`;
  const lines = [`${plural(c.seen, 'page')} in ${seconds.toFixed(1)} s (${rate(c.seen, result.elapsedMs).toFixed(1)} pages/s) into ${database}${state}:`];
  const row = (label: string, count: number, detail: string): void => void lines.push(`  ${label.padEnd(11)}${count.toLocaleString('en-US').padStart(8)}${detail ? `  ${detail}` : ''}`);
  row('stored', c.stored, c.copies > 0 ? `articles, of which ${c.copies} ${c.copies === 1 ? 'is a copy' : 'are copies'} of another (reprints, edits)` : 'articles');
  row('duplicates', c.duplicate, reasons(c.duplicateByReason));
  const revised = c.duplicateByReason[REVISION_REASON] ?? 0;
  if (revised > 0) lines.push(`  ${plural(revised, 'stored article')} changed (revision): the newest text is the article, the earlier one is kept (parley show --revisions ID).`);
  row('rejected', c.notArticle, reasons(c.notArticleByReason));
  row('failed', c.failed, reasons(c.failedByReason));
  if (c.resumed > 0) row('resumed', c.resumed, 'already committed by an earlier run, not done again');
  const skipped = Object.values(c.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
  if (skipped > 0) row('skipped', skipped, `not pages: ${reasons(c.skipped as Record<string, number>)}`);
  const analysis = Object.values(result.analysisFailures).reduce((sum, n) => sum + n, 0);
  if (analysis > 0) lines.push(`  analysis: a stage failed on stored articles (${reasons(result.analysisFailures)}); they are stored without its layers, and "parley reanalyze" tries again.`);
  return lines;
}

/** `{ TIMEOUT: 2, HTTP_404: 5 }` → `HTTP_404 5, TIMEOUT 2`: most frequent first. */
export function reasons(byReason: Readonly<Record<string, number>>): string {
  return Object.entries(byReason)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
}

function rate(pages: number, ms: number): number {
  return ms > 0 ? Math.round((pages / (ms / 1000)) * 10) / 10 : 0;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
