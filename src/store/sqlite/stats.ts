import type Database from 'better-sqlite3';
import type { StageStamp } from '../../model/document.js';
import { ABSTAINED } from '../analysis.js';
import { siteFromKey, utcDay } from '../filters.js';
import { articlesPerDay } from './rollups.js';
import {
  DEFAULT_STATS_RUNS,
  DEFAULT_STATS_SITES,
  type FailureReason,
  type OutcomeKind,
  type RunCounts,
  type RunStatus,
  type RunSummary,
  type StatsOptions,
  type StoreStats,
} from '../store.js';

const DAY_MS = 86_400_000;

/** Coverage and outcomes. Each figure is one aggregate over an index, so stats stay quick on a large archive. */
export function readStats(db: Database.Database, options: StatsOptions): StoreStats {
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const pagesByOutcome = Object.fromEntries(
    (db.prepare('SELECT outcome, count(*) AS n FROM pages GROUP BY outcome').all() as { outcome: OutcomeKind; n: number }[]).map((r) => [r.outcome, r.n]),
  ) as Partial<Record<OutcomeKind, number>>;
  const members = count('SELECT count(*) AS n FROM duplicate_members');
  const groups = count('SELECT count(*) AS n FROM duplicate_groups');
  // From the daily counts the triggers keep (migration 4), not a scan of the articles.
  const perDay = articlesPerDay(db).map((r) => ({ day: utcDay(r.day * DAY_MS), articles: r.articles }));
  const perSite = (db.prepare('SELECT site_key, count(*) AS n FROM articles GROUP BY site_key ORDER BY n DESC, site_key LIMIT ?').all(options.maxSites ?? DEFAULT_STATS_SITES) as { site_key: string; n: number }[]).map(
    (r) => ({ site: siteFromKey(r.site_key), articles: r.n }),
  );
  const perLanguage = (db.prepare('SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language').all() as { language: string | null; n: number }[]).map((r) => ({
    language: r.language,
    articles: r.n,
  }));
  const failureReasons: FailureReason[] = (
    db.prepare('SELECT kind, stage, code, count(*) AS n FROM failures GROUP BY kind, stage, code ORDER BY n DESC, kind, stage, code').all() as { kind: FailureReason['kind']; stage: string; code: string; n: number }[]
  ).map((r) => ({ kind: r.kind, stage: r.stage, code: r.code, pages: r.n }));
  return {
    articles: count('SELECT count(*) AS n FROM articles'),
    duplicates: members - groups,
    duplicateGroups: groups,
    pages: Object.values(pagesByOutcome).reduce((sum, n) => sum + n, 0),
    duplicatePages: pagesByOutcome.duplicate ?? 0,
    rejected: pagesByOutcome.rejected ?? 0,
    failures: pagesByOutcome.failed ?? 0,
    undated: count('SELECT count(*) AS n FROM articles WHERE published_ms IS NULL'),
    perDay,
    perSite,
    perLanguage,
    runCount: count('SELECT count(*) AS n FROM runs'),
    runs: readRuns(db, options.maxRuns ?? DEFAULT_STATS_RUNS),
    failureReasons,
    abstentions: db.prepare('SELECT stage, count(DISTINCT article_id) AS articles FROM analysis_failures WHERE code = ? GROUP BY stage ORDER BY articles DESC, stage').all(ABSTAINED) as { stage: string; articles: number }[],
  };
}

interface RunRow {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: RunStatus | null;
  sources: string;
  config_hash: string;
  stage_versions: string;
  counts: string | null;
}

function readRuns(db: Database.Database, limit: number): RunSummary[] {
  const rows = db.prepare('SELECT id, started_at, finished_at, status, sources, config_hash, stage_versions, counts FROM runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[];
  const committed = db.prepare('SELECT outcome, count(*) AS n FROM pages WHERE run_id = ? GROUP BY outcome');
  return rows.map((row) => {
    const byOutcome: Record<OutcomeKind, number> = { article: 0, duplicate: 0, rejected: 0, failed: 0 };
    for (const r of committed.all(row.id) as { outcome: OutcomeKind; n: number }[]) byOutcome[r.outcome] = r.n;
    return {
      id: row.id,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      status: row.status ?? 'unfinished',
      sources: JSON.parse(row.sources) as string[],
      configHash: row.config_hash,
      stageVersions: JSON.parse(row.stage_versions) as StageStamp[],
      counts: row.counts === null ? null : (JSON.parse(row.counts) as RunCounts),
      committed: byOutcome,
    };
  });
}
