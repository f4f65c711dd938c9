import type { SkipReason } from '../sources/index.js';
import type { CommittedPage, RunCounts } from '../store/store.js';

/**
 * The counts of one ingest run. Every page this run committed is `seen` and has exactly one outcome,
 * so seen = stored + duplicate + notArticle (rejected) + failed, always. What was not committed by this
 * run is counted apart and never in `seen`: pages an earlier run committed (`resumed`) and source items
 * that are not pages (`skipped`: WARC request/metadata records, archived redirects, a URL listed twice).
 *
 * The object is a RunCounts (what the store keeps for each run) with the extra breakdowns; the store
 * keeps them too, as part of the run's counts.
 */
export interface IngestCounts extends RunCounts {
  readonly notArticleByReason: Readonly<Record<string, number>>;
  /** Stored articles that are copies of another (joined a duplicate group): part of `stored`. */
  readonly copies: number;
  /** Duplicate pages by reason (canonical-url, text-hash, not-modified). */
  readonly duplicateByReason: Readonly<Record<string, number>>;
  /** Pages already committed by an earlier run (or earlier in this one), not done again. */
  readonly resumed: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  /** Inputs named by the caller that could not be read at all (each is also one failed page). */
  readonly unreadableSources: number;
}

/** What became of one source item, for progress displays. */
export type ItemResult = 'stored' | 'copy' | 'duplicate' | 'rejected' | 'failed' | 'resumed' | 'skipped';

export class Tally {
  private seen = 0;
  private stored = 0;
  private copies = 0;
  private duplicate = 0;
  private notArticle = 0;
  private failed = 0;
  private resumed = 0;
  private unreadableSources = 0;
  private readonly failedByReason = new Map<string, number>();
  private readonly notArticleByReason = new Map<string, number>();
  private readonly duplicateByReason = new Map<string, number>();
  private readonly skipped = new Map<SkipReason, number>();

  /** A page this run committed, as the store says it was committed. */
  committed(page: CommittedPage): ItemResult {
    this.seen++;
    switch (page.outcome) {
      case 'article':
        this.stored++;
        if (page.groupId !== null) this.copies++;
        return page.groupId !== null ? 'copy' : 'stored';
      case 'duplicate':
        this.duplicate++;
        bump(this.duplicateByReason, page.duplicateReason ?? 'unknown');
        return 'duplicate';
      case 'rejected':
        this.notArticle++;
        bump(this.notArticleByReason, page.problem?.code ?? 'unknown');
        return 'rejected';
      case 'failed':
        this.failed++;
        bump(this.failedByReason, page.problem?.code ?? 'unknown');
        return 'failed';
    }
  }

  resume(): ItemResult {
    this.resumed++;
    return 'resumed';
  }

  /** A source item that is not a page of this run; `already-done` is a resumed page. */
  skip(reason: SkipReason): ItemResult {
    if (reason === 'already-done') return this.resume();
    bump(this.skipped, reason);
    return 'skipped';
  }

  unreadableSource(): void {
    this.unreadableSources++;
  }

  counts(): IngestCounts {
    return {
      seen: this.seen,
      stored: this.stored,
      duplicate: this.duplicate,
      notArticle: this.notArticle,
      failed: this.failed,
      failedByReason: Object.fromEntries(this.failedByReason),
      notArticleByReason: Object.fromEntries(this.notArticleByReason),
      copies: this.copies,
      duplicateByReason: Object.fromEntries(this.duplicateByReason),
      resumed: this.resumed,
      skipped: Object.fromEntries(this.skipped),
      unreadableSources: this.unreadableSources,
    };
  }
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
