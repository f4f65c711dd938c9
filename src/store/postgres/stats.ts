import type { StageStamp } from '../../model/document.js';
import { ABSTAINED } from '../analysis.js';
import { siteFromKey, utcDay } from '../filters.js';
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
import { one, query, type Queryable } from './connection.js';

const DAY_MS = 86_400_000;

/** Coverage and outcomes, as sqlite/stats.ts reads them: one aggregate per figure. */
export async function readStats(db: Queryable, options: StatsOptions): Promise<StoreStats> {
  const count = async (sql: string): Promise<number> => (await one<{ n: number }>(db, sql))!.n;
  const pagesByOutcome = Object.fromEntries(
    (await query<{ outcome: OutcomeKind; n: number }>(db, 'SELECT outcome, count(*) AS n FROM pages GROUP BY outcome')).map((r) => [r.outcome, r.n]),
  ) as Partial<Record<OutcomeKind, number>>;
  const members = await count('SELECT count(*) AS n FROM duplicate_members');
  const groups = await count('SELECT count(*) AS n FROM duplicate_groups');
  const perDay = (await query<{ day: number; n: number }>(db, `SELECT floor(published_ms / ${DAY_MS}.0)::bigint AS day, count(*) AS n FROM articles WHERE published_ms IS NOT NULL GROUP BY 1 ORDER BY 1`)).map((r) => ({
    day: utcDay(r.day * DAY_MS),
    articles: r.n,
  }));
  const perSite = (await query<{ site_key: string; n: number }>(db, 'SELECT site_key, count(*) AS n FROM articles GROUP BY site_key ORDER BY n DESC, site_key LIMIT @limit', { limit: options.maxSites ?? DEFAULT_STATS_SITES })).map(
    (r) => ({ site: siteFromKey(r.site_key), articles: r.n }),
  );
  // NULLS FIRST: SQLite's order (a null sorts before every value), so every adapter lists them alike.
  const perLanguage = (await query<{ language: string | null; n: number }>(db, 'SELECT language, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC, language COLLATE "C" NULLS FIRST')).map((r) => ({
    language: r.language,
    articles: r.n,
  }));
  const failureReasons: FailureReason[] = (
    await query<{ kind: FailureReason['kind']; stage: string; code: string; n: number }>(db, 'SELECT kind, stage, code, count(*) AS n FROM failures GROUP BY kind, stage, code ORDER BY n DESC, kind, stage, code')
  ).map((r) => ({ kind: r.kind, stage: r.stage, code: r.code, pages: r.n }));
  return {
    articles: await count('SELECT count(*) AS n FROM articles'),
    duplicates: members - groups,
    duplicateGroups: groups,
    pages: Object.values(pagesByOutcome).reduce((sum, n) => sum + n, 0),
    duplicatePages: pagesByOutcome.duplicate ?? 0,
    rejected: pagesByOutcome.rejected ?? 0,
    failures: pagesByOutcome.failed ?? 0,
    undated: await count('SELECT count(*) AS n FROM articles WHERE published_ms IS NULL'),
    perDay,
    perSite,
    perLanguage,
    runCount: await count('SELECT count(*) AS n FROM runs'),
    runs: await readRuns(db, options.maxRuns ?? DEFAULT_STATS_RUNS),
    failureReasons,
    abstentions: await query<{ stage: string; articles: number }>(
      db,
      'SELECT stage, count(DISTINCT article_id) AS articles FROM analysis_failures WHERE code = @code GROUP BY stage ORDER BY articles DESC, stage',
      { code: ABSTAINED },
    ),
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

async function readRuns(db: Queryable, limit: number): Promise<RunSummary[]> {
  const rows = await query<RunRow & Record<string, unknown>>(db, 'SELECT id, started_at, finished_at, status, sources, config_hash, stage_versions, counts FROM runs ORDER BY id DESC LIMIT @limit', { limit });
  const committed = await query<{ run_id: number; outcome: OutcomeKind; n: number }>(db, 'SELECT run_id, outcome, count(*) AS n FROM pages WHERE run_id = ANY(@ids::bigint[]) GROUP BY run_id, outcome', {
    ids: rows.map((r) => r.id),
  });
  return rows.map((row) => {
    const byOutcome: Record<OutcomeKind, number> = { article: 0, duplicate: 0, rejected: 0, failed: 0 };
    for (const r of committed) if (r.run_id === row.id) byOutcome[r.outcome] = r.n;
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
