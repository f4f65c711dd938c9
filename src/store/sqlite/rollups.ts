import type Database from 'better-sqlite3';
import type { ActorSummary, ThemeSummary, TimelineBucket, TimelineUnit } from '../analysis.js';
import type { NormalizedFilter } from '../filters.js';
import type { ArticleTimeline } from '../explore.js';
import { UNDATED_DAY } from './migrations.js';

/**
 * The questions the totals and daily counts of migration 4 answer without reading the archive: the
 * unfiltered (or day-filtered) charts every view opens with. Each function says when it applies
 * (`…Applies`); the callers fall back to the exact query over the layer rows otherwise. The counts are
 * the same either way (the contract tests run both paths).
 */

const DAY_MS = 86_400_000;

/** A filter is day-aligned when its bounds, if any, are whole UTC days (what the daily counts can answer). */
function dayAligned(f: NormalizedFilter): boolean {
  return (f.sinceMs === null || f.sinceMs % DAY_MS === 0) && (f.untilMs === null || (f.untilMs + 1) % DAY_MS === 0);
}

/** Only dates (day-aligned), no site, language, actor or theme. */
export function datesOnly(f: NormalizedFilter): boolean {
  return f.siteKey === null && f.language === null && f.actor === null && f.theme === null && f.country === null && dayAligned(f);
}

export function unfiltered(f: NormalizedFilter): boolean {
  return datesOnly(f) && f.sinceMs === null && f.untilMs === null;
}

function dayRange(f: NormalizedFilter, params: Record<string, unknown>): string {
  const terms: string[] = [];
  if (f.sinceMs !== null) {
    terms.push('day >= @fromDay');
    params.fromDay = Math.floor(f.sinceMs / DAY_MS);
  }
  if (f.untilMs !== null) {
    terms.push('day <= @toDay');
    params.toDay = Math.floor(f.untilMs / DAY_MS);
  }
  return terms.map((t) => ` AND ${t}`).join('');
}

/** The first day of a period, from a day number (as SQL). */
function periodOfDay(unit: TimelineUnit): string {
  const seconds = `day * 86400`;
  if (unit === 'day') return `date(${seconds}, 'unixepoch')`;
  if (unit === 'week') return `date(${seconds}, 'unixepoch', 'weekday 0', '-6 days')`;
  return `strftime('%Y-%m-01', ${seconds}, 'unixepoch')`;
}

export function articleTimelineFromDays(db: Database.Database, f: NormalizedFilter, by: TimelineUnit): ArticleTimeline {
  const params: Record<string, unknown> = { undated: UNDATED_DAY };
  const range = dayRange(f, params);
  const dated = f.sinceMs !== null || f.untilMs !== null;
  const totals = db
    .prepare(`SELECT coalesce(sum(articles), 0) AS total, coalesce(sum(CASE WHEN day = @undated THEN articles END), 0) AS undated FROM article_days WHERE ${dated ? `day <> @undated${range}` : '1'}`)
    .get(params) as { total: number; undated: number };
  const rows = db
    .prepare(
      `SELECT ${periodOfDay(by)} AS start, sum(articles) AS articles, sum(toned) AS toned, sum(tone_sum) AS toneSum
       FROM article_days WHERE day <> @undated${range} GROUP BY 1 HAVING sum(articles) > 0 ORDER BY 1`,
    )
    .all(params) as { start: string; articles: number; toned: number; toneSum: number }[];
  return {
    by,
    total: totals.total,
    undated: totals.undated,
    buckets: rows.map((r) => ({ start: r.start, articles: r.articles, tone: r.toned > 0 ? r.toneSum / r.toned : null, toned: r.toned })),
  };
}

export function eventTimelineFromDays(db: Database.Database, f: NormalizedFilter, by: TimelineUnit): TimelineBucket[] {
  const params: Record<string, unknown> = {};
  const range = dayRange(f, params);
  const rows = db
    .prepare(
      `SELECT ${periodOfDay(by)} AS start, sum(events) AS events, sum(goldstein_sum) AS goldsteinSum,
         sum(CASE quad_class WHEN 1 THEN events ELSE 0 END) AS q1, sum(CASE quad_class WHEN 2 THEN events ELSE 0 END) AS q2,
         sum(CASE quad_class WHEN 3 THEN events ELSE 0 END) AS q3, sum(CASE quad_class WHEN 4 THEN events ELSE 0 END) AS q4
       FROM event_days WHERE 1${range} GROUP BY 1 HAVING sum(events) > 0 ORDER BY 1`,
    )
    .all(params) as { start: string; events: number; goldsteinSum: number; q1: number; q2: number; q3: number; q4: number }[];
  return rows.map((r) => ({ start: r.start, events: r.events, goldstein: r.goldsteinSum / r.events, quadClasses: [r.q1, r.q2, r.q3, r.q4] }));
}

export function actorsFromTotals(db: Database.Database, q: { name: string | null; type: string | null; limit: number }): ActorSummary[] {
  const params: Record<string, unknown> = { limit: q.limit };
  let where = '';
  if (q.name !== null) {
    where += " AND (instr(lower(name), @name) > 0 OR instr(lower(code), @name) > 0)";
    params.name = q.name;
  }
  if (q.type !== null) {
    where += ' AND type = @type';
    params.type = q.type;
  }
  return db
    .prepare(`SELECT nullif(code, '') AS code, name, type, articles, mentions FROM actor_totals WHERE articles > 0${where} ORDER BY articles DESC, mentions DESC, name, code LIMIT @limit`)
    .all(params) as ActorSummary[];
}

export function themesFromTotals(db: Database.Database, limit: number): ThemeSummary[] {
  return db
    .prepare('SELECT theme, label, articles, score_sum / articles AS meanScore, evidence FROM theme_totals WHERE articles > 0 ORDER BY articles DESC, theme LIMIT ?')
    .all(limit) as ThemeSummary[];
}

/** Articles per period for each theme, from theme_days (no site filter; dates day-aligned). */
export function themeTimelineFromDays(db: Database.Database, themes: readonly string[], f: NormalizedFilter, by: TimelineUnit): { theme: string; start: string; articles: number }[] {
  const params: Record<string, unknown> = { themes: JSON.stringify(themes) };
  const range = dayRange(f, params);
  return db
    .prepare(
      `SELECT theme, ${periodOfDay(by)} AS start, sum(articles) AS articles FROM theme_days
       WHERE theme IN (SELECT value FROM json_each(@themes))${range} GROUP BY 1, 2 HAVING sum(articles) > 0 ORDER BY 1, 2`,
    )
    .all(params) as { theme: string; start: string; articles: number }[];
}

/** The themes of the articles published in a day-aligned period (no other filter), from theme_days. */
export function themesFromDays(db: Database.Database, f: NormalizedFilter, limit: number): ThemeSummary[] {
  const params: Record<string, unknown> = { limit };
  const range = dayRange(f, params);
  return db
    .prepare(
      `SELECT d.theme, coalesce(t.label, lower(replace(d.theme, '_', ' '))) AS label, sum(d.articles) AS articles, sum(d.score_sum) / sum(d.articles) AS meanScore, sum(d.evidence) AS evidence
       FROM theme_days d LEFT JOIN theme_totals t ON t.theme = d.theme WHERE 1${range}
       GROUP BY d.theme HAVING sum(d.articles) > 0 ORDER BY articles DESC, d.theme LIMIT @limit`,
    )
    .all(params) as ThemeSummary[];
}

/** Articles per published day (UTC), oldest first, from article_days. */
export function articlesPerDay(db: Database.Database): { day: number; articles: number }[] {
  return db.prepare('SELECT day, articles FROM article_days WHERE day <> ? AND articles > 0 ORDER BY day').all(UNDATED_DAY) as { day: number; articles: number }[];
}

/** The names (code, name, type) of an actor code or its start, most articles first, over the whole archive. */
export function actorNamesFromTotals(db: Database.Database, code: string, codeEnd: string, name: string | null): { code: string; name: string; type: string; articles: number; mentions: number }[] {
  return db
    .prepare(
      `SELECT code, name, type, articles, mentions FROM actor_totals WHERE code >= @code AND code < @codeEnd AND articles > 0${name === null ? '' : ' AND lower(name) = @name'}
       ORDER BY articles DESC, name`,
    )
    .all({ code, codeEnd, ...(name === null ? {} : { name }) }) as { code: string; name: string; type: string; articles: number; mentions: number }[];
}
