import { siteFromKey, utcDay } from '../filters.js';
import { DEFAULT_STATS_RUNS, DEFAULT_STATS_SITES, type FailureReason, type OutcomeKind, type RunSummary, type StatsOptions, type StoreStats } from '../store.js';
import type { MemoryTables } from './tables.js';

const DAY_MS = 86_400_000;

/** The in-memory adapter's stats: the same figures, in the same order, as the SQLite queries. */
export function memoryStats(t: MemoryTables, options: StatsOptions, abstentions: StoreStats['abstentions']): StoreStats {
  const articles = [...t.articles.values()];
  const pagesByOutcome: Record<OutcomeKind, number> = { article: 0, duplicate: 0, rejected: 0, failed: 0 };
  for (const page of t.pages.values()) pagesByOutcome[page.outcome.kind]++;
  const days = countBy(articles.filter((a) => a.publishedMs !== null).map((a) => Math.floor(a.publishedMs! / DAY_MS)));
  const sites = countBy(articles.map((a) => a.siteKey));
  const languages = countBy(articles.map((a) => a.article.language));
  const reasons = new Map<string, FailureReason>();
  for (const page of t.pages.values()) {
    const o = page.outcome;
    if (o.kind !== 'rejected' && o.kind !== 'failed') continue;
    const key = JSON.stringify([o.kind, o.stage, o.code]);
    const previous = reasons.get(key);
    reasons.set(key, { kind: o.kind, stage: o.stage, code: o.code, pages: (previous?.pages ?? 0) + 1 });
  }
  const runs: RunSummary[] = [...t.runs.values()]
    .sort((a, b) => b.id - a.id)
    .slice(0, options.maxRuns ?? DEFAULT_STATS_RUNS)
    .map((run) => {
      const committed: Record<OutcomeKind, number> = { article: 0, duplicate: 0, rejected: 0, failed: 0 };
      for (const page of t.pages.values()) if (page.record.runId === run.id) committed[page.outcome.kind]++;
      return {
        id: run.id,
        startedAt: run.start.startedAt,
        finishedAt: run.finish?.finishedAt ?? null,
        status: run.finish?.status ?? 'unfinished',
        sources: [...run.start.sources],
        configHash: run.start.configHash,
        stageVersions: structuredClone([...run.start.stageVersions]),
        counts: run.finish ? structuredClone(run.finish.counts) : null,
        committed,
      };
    });
  return {
    articles: articles.length,
    duplicates: t.members.size - t.groups.size,
    duplicateGroups: t.groups.size,
    pages: t.pages.size,
    duplicatePages: pagesByOutcome.duplicate,
    rejected: pagesByOutcome.rejected,
    failures: pagesByOutcome.failed,
    undated: articles.filter((a) => a.publishedMs === null).length,
    perDay: [...days].sort((a, b) => a[0] - b[0]).map(([day, n]) => ({ day: utcDay(day * DAY_MS), articles: n })),
    perSite: [...sites]
      .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
      .slice(0, options.maxSites ?? DEFAULT_STATS_SITES)
      .map(([key, n]) => ({ site: siteFromKey(key), articles: n })),
    perLanguage: [...languages].sort((a, b) => b[1] - a[1] || compareNullsFirst(a[0], b[0])).map(([language, n]) => ({ language, articles: n })),
    runCount: t.runs.size,
    runs,
    failureReasons: [...reasons.values()].sort((a, b) => b.pages - a.pages || compare(a.kind, b.kind) || compare(a.stage, b.stage) || compare(a.code, b.code)),
    abstentions,
  };
}

function countBy<K>(keys: readonly K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Byte order, as SQLite's default BINARY collation compares text. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** SQLite sorts NULL before any text. */
function compareNullsFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return compare(a, b);
}
