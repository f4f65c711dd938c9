import type Database from 'better-sqlite3';
import { countryNames } from '../../resources/countries.js';
import type { TimelineUnit } from '../analysis.js';
import { checkTimelineUnit, decodeKeyset, encodeKeyset, listFingerprint, periodStart } from '../analysis-filters.js';
import { prefixRangeEnd } from '../codes.js';
import {
  checkFailureFilter,
  checkGroupId,
  normalizeActorProfile,
  normalizeFacetRows,
  normalizeNetworkNodes,
  normalizeSelection,
  normalizeThemeGrid,
  normalizeThemeTimeline,
  sampleInfo,
  type NormalizedSelection,
} from '../explore-filters.js';
import { actorFacet, coMentionNetwork, relatedActors, themeCountryGrid, themeFacet, type SampledArticle, type SampledEntity } from '../explore-sample.js';
import {
  EXPLORE_SAMPLE_SIZE,
  type ActorProfile,
  type ActorProfileQuery,
  type ArticleFacets,
  type ArticleSelection,
  type ArticleTimeline,
  type CoMentionNetwork,
  type DuplicateGroup,
  type FacetCount,
  type FacetQuery,
  type FailureFilter,
  type FailurePage,
  type NetworkQuery,
  type ThemeGrid,
  type ThemeGridQuery,
  type ThemeSeries,
  type ThemeTimelineQuery,
} from '../explore.js';
import { normalizeLimit, siteFromKey, siteKeyRangeEnd, type NormalizedFilter } from '../filters.js';
import { toFts5 } from '../query/fts5.js';
import type { PageQuery } from '../analysis.js';
import { listThemes } from './analysis-read.js';
import { actorNamesFromTotals, articleTimelineFromDays, datesOnly, themeTimelineFromDays } from './rollups.js';
import { filterClause } from './read.js';

/**
 * The explore questions (explore.ts) on SQLite. A selection is either the full-text matches of a query
 * (FTS5, joined to the narrow covering index of the filter columns) or the articles passing the filters;
 * exact counts are one GROUP BY over it, sampled counts read the layers of at most EXPLORE_SAMPLE_SIZE
 * articles by article id (the layer tables' primary keys start with it).
 */

type Params = Record<string, unknown>;

interface SelectionSql {
  readonly from: string;
  readonly where: string;
  readonly params: Params;
  /**
   * ORDER BY of the sample: a search's most recently stored matches (FTS5 walks its doclist backwards and
   * stops: ranking every match of a frequent word by relevance would read them all), else the newest published.
   */
  readonly order: string;
}

const UNDATED_LAST = -8_640_000_000_000_000;

function selectionSql(selection: NormalizedSelection): SelectionSql {
  const clause = filterClause(selection.filter, true);
  if (selection.tree !== null) {
    return {
      from: 'articles_fts JOIN articles a INDEXED BY articles_filter_keys ON a.id = articles_fts.rowid',
      where: `articles_fts MATCH @match${clause.sql}`,
      params: { ...clause.params, match: toFts5(selection.tree) },
      order: 'articles_fts.rowid DESC',
    };
  }
  return { from: 'articles a', where: `1${clause.sql}`, params: clause.params, order: `coalesce(a.published_ms, ${UNDATED_LAST}) DESC, a.id DESC` };
}

/** The first day of the period of `published_ms` (UTC; weeks from Monday), as SQLite computes it. */
export function periodSql(column: string, unit: TimelineUnit): string {
  const seconds = `${column} / 1000`;
  switch (checkTimelineUnit(unit)) {
    case 'day':
      return `date(${seconds}, 'unixepoch')`;
    case 'week':
      return `date(${seconds}, 'unixepoch', 'weekday 0', '-6 days')`;
    case 'month':
      return `strftime('%Y-%m-01', ${seconds}, 'unixepoch')`;
  }
}

export function articleTimeline(db: Database.Database, query: ArticleSelection, by: TimelineUnit): ArticleTimeline {
  const selection = normalizeSelection(query);
  if (selection.tree === null && datesOnly(selection.filter)) return articleTimelineFromDays(db, selection.filter, checkTimelineUnit(by));
  const s = selectionSql(selection);
  const totals = db.prepare(`SELECT count(*) AS total, coalesce(sum(a.published_ms IS NULL), 0) AS undated FROM ${s.from} WHERE ${s.where}`).get(s.params) as { total: number; undated: number };
  const rows = db
    .prepare(
      `SELECT ${periodSql('a.published_ms', by)} AS start, count(*) AS articles, sum(t.tone) AS toneSum, count(t.tone) AS toned
       FROM ${s.from} LEFT JOIN tone t INDEXED BY tone_document ON t.article_id = a.id AND t.scope = 'document'
       WHERE ${s.where} AND a.published_ms IS NOT NULL GROUP BY 1 ORDER BY 1`,
    )
    .all(s.params) as { start: string; articles: number; toneSum: number | null; toned: number }[];
  return {
    by,
    total: totals.total,
    undated: totals.undated,
    buckets: rows.map((r) => ({ start: r.start, articles: r.articles, tone: r.toned > 0 ? r.toneSum! / r.toned : null, toned: r.toned })),
  };
}

/** The ids of the sample: the most relevant (search) or newest selected articles. */
function sampleIds(db: Database.Database, s: SelectionSql): number[] {
  return (db.prepare(`SELECT a.id FROM ${s.from} WHERE ${s.where} ORDER BY ${s.order} LIMIT ${EXPLORE_SAMPLE_SIZE}`).all(s.params) as { id: number }[]).map((r) => r.id);
}

/** The entities and themes of the given articles. */
export function sampledArticles(db: Database.Database, ids: readonly number[]): SampledArticle[] {
  const json = JSON.stringify(ids);
  const byId = new Map<number, { id: number; entities: SampledEntity[]; themes: { theme: string; label: string }[] }>(
    ids.map((id) => [id, { id, entities: [], themes: [] }]),
  );
  const entities = db.prepare('SELECT article_id, code, name, role FROM entities WHERE article_id IN (SELECT value FROM json_each(?))').all(json) as { article_id: number; code: string | null; name: string; role: string | null }[];
  for (const e of entities) byId.get(e.article_id)!.entities.push({ code: e.code, name: e.name, role: e.role });
  const themes = db.prepare('SELECT article_id, theme, label FROM article_themes WHERE article_id IN (SELECT value FROM json_each(?))').all(json) as { article_id: number; theme: string; label: string }[];
  for (const t of themes) byId.get(t.article_id)!.themes.push({ theme: t.theme, label: t.label });
  return [...byId.values()];
}

export function articleFacets(db: Database.Database, query: ArticleSelection, options: FacetQuery = {}): ArticleFacets {
  const limit = normalizeFacetRows(options.limit);
  const selection = normalizeSelection(query);
  const s = selectionSql(selection);
  const f = selection.filter;
  const { total, sites, languages } = selection.tree !== null || f.actor !== null || f.theme !== null || f.country !== null ? countMatches(db, s) : countByFilters(db, s);
  const sample = sampledArticles(db, sampleIds(db, s));
  return {
    total,
    sites: topCounts(sites.map(([key, n]) => [siteFromKey(key), n]), limit),
    languages: topCounts(languages, limit),
    themes: themeFacet(sample, limit),
    actors: actorFacet(sample, limit),
    sample: sampleInfo(sample.length, total),
  };
}

interface SiteLanguageCounts {
  readonly total: number;
  /** [site key, articles] */
  readonly sites: [string, number][];
  /** [language, articles], without the articles of no language */
  readonly languages: [string, number][];
}

/** A search's matches (or an actor or theme filter's): one pass counts them by site and language together (the pairs are few). */
function countMatches(db: Database.Database, s: SelectionSql): SiteLanguageCounts {
  const pairs = db.prepare(`SELECT a.site_key AS site, a.language AS language, count(*) AS n FROM ${s.from} WHERE ${s.where} GROUP BY 1, 2`).all(s.params) as { site: string; language: string | null; n: number }[];
  return {
    total: pairs.reduce((sum, p) => sum + p.n, 0),
    sites: pairs.map((p) => [p.site, p.n]),
    languages: pairs.filter((p) => p.language !== null).map((p) => [p.language!, p.n]),
  };
}

/** Articles by their columns alone (dates, site, language): each count walks an index already in its order. */
function countByFilters(db: Database.Database, s: SelectionSql): SiteLanguageCounts {
  const bySite = db.prepare(`SELECT a.site_key AS site, count(*) AS n FROM articles a INDEXED BY articles_by_site WHERE ${s.where} GROUP BY 1`).all(s.params) as { site: string; n: number }[];
  const byLanguage = db.prepare(`SELECT a.language AS language, count(*) AS n FROM articles a INDEXED BY articles_by_language WHERE ${s.where} GROUP BY 1`).all(s.params) as { language: string | null; n: number }[];
  return {
    total: bySite.reduce((sum, r) => sum + r.n, 0),
    sites: bySite.map((r) => [r.site, r.n]),
    languages: byLanguage.filter((r) => r.language !== null).map((r) => [r.language!, r.n]),
  };
}

/** Counts summed by key, most first (then by key), the first `limit`. */
function topCounts(entries: readonly [string, number][], limit: number): FacetCount[] {
  const sums = new Map<string, number>();
  for (const [key, n] of entries) sums.set(key, (sums.get(key) ?? 0) + n);
  return [...sums]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([value, articles]) => ({ value, label: value, articles }));
}

export function coMentions(db: Database.Database, query: ArticleSelection, options: NetworkQuery = {}): CoMentionNetwork {
  const nodes = normalizeNetworkNodes(options.nodes);
  const s = selectionSql(normalizeSelection(query));
  const total = (db.prepare(`SELECT count(*) AS n FROM ${s.from} WHERE ${s.where}`).get(s.params) as { n: number }).n;
  const sample = sampledArticles(db, sampleIds(db, s));
  return coMentionNetwork(sample, nodes, { articles: sample.length, of: total });
}

/**
 * Terms on layer rows that carry their article's published_ms (entities, article_themes; migration 4):
 * the dates on the rows themselves, a site through a join to the article (only then).
 */
function datedRows(table: string, alias: string, filter: NormalizedFilter, terms: string[], params: Params): string {
  if (filter.sinceMs !== null) {
    terms.push(`${alias}.published_ms >= @since`);
    params.since = filter.sinceMs;
  }
  if (filter.untilMs !== null) {
    terms.push(`${alias}.published_ms <= @until`);
    params.until = filter.untilMs;
  }
  if (filter.siteKey === null) return `${table} ${alias}`;
  terms.push('a.site_key >= @siteFrom AND a.site_key < @siteTo');
  params.siteFrom = filter.siteKey;
  params.siteTo = siteKeyRangeEnd(filter.siteKey);
  return `${table} ${alias} JOIN articles a ON a.id = ${alias}.article_id`;
}

/**
 * The entity rows of an actor profile: a code range (or, `oneCode`, the one code given as @exact) and a
 * name, with the dates and site of datedRows.
 */
function actorRows(q: ReturnType<typeof normalizeActorProfile>, oneCode = false): { from: string; where: string; params: Params } {
  const params: Params = oneCode ? {} : { code: q.code, codeEnd: prefixRangeEnd(q.code) };
  const terms = oneCode ? ['en.code = @exact'] : ['en.code >= @code', 'en.code < @codeEnd'];
  if (q.name !== null) {
    terms.push('lower(en.name) = @name');
    params.name = q.name;
  }
  const from = datedRows('entities', 'en', q.filter, terms, params);
  return { from, where: terms.join(' AND '), params };
}

/**
 * The newest articles that mention an actor (the sample of related actors and of the roles it was seen
 * in). A country prefix such as FRA covers many codes: the newest rows of each code are one backwards walk
 * of entities_by_code_date (code, published_ms, article_id), merged here, instead of sorting every row.
 */
function newestMentions(db: Database.Database, q: ReturnType<typeof normalizeActorProfile>): number[] {
  const codes = db.prepare('SELECT DISTINCT code FROM actor_totals WHERE code >= ? AND code < ? AND articles > 0').pluck().all(q.code, prefixRangeEnd(q.code)) as string[];
  const { from, where, params } = actorRows(q, true);
  // An article's rows of one code share its date: DISTINCT (id, at) is one row per article, newest first.
  const newest = db.prepare(
    `SELECT DISTINCT en.article_id AS id, coalesce(en.published_ms, ${UNDATED_LAST}) AS at FROM ${from} WHERE ${where}
     ORDER BY en.published_ms DESC, en.article_id DESC LIMIT ${EXPLORE_SAMPLE_SIZE}`,
  );
  const rows = codes.flatMap((exact) => newest.all({ ...params, exact }) as { id: number; at: number }[]);
  rows.sort((a, b) => b.at - a.at || b.id - a.id);
  return [...new Set(rows.map((r) => r.id))].slice(0, EXPLORE_SAMPLE_SIZE);
}

export function actorProfile(db: Database.Database, query: ActorProfileQuery): ActorProfile {
  const q = normalizeActorProfile(query);
  const { from, where, params } = actorRows(q);
  // Articles per day (an article has one day, so distinct per day sums to distinct per period), then periods.
  const days = db
    .prepare(`SELECT CASE WHEN en.published_ms >= 0 THEN en.published_ms / 86400000 ELSE (en.published_ms - 86399999) / 86400000 END AS day, count(DISTINCT en.article_id) AS n FROM ${from} WHERE ${where} GROUP BY 1`)
    .all(params) as { day: number | null; n: number }[];
  const articles = days.reduce((sum, d) => sum + d.n, 0);
  const periods = new Map<string, number>();
  for (const d of days) {
    if (d.day === null) continue;
    const start = periodStart(d.day * 86_400_000, q.by);
    periods.set(start, (periods.get(start) ?? 0) + d.n);
  }
  const timeline = [...periods].sort(([a], [b]) => (a < b ? -1 : 1)).map(([start, n]) => ({ start, articles: n }));
  const sample = sampledArticles(db, newestMentions(db, q));
  const wholeArchive = q.filter.sinceMs === null && q.filter.untilMs === null && q.filter.siteKey === null;
  let names: { code: string; name: string; type: string; role: string | null; articles: number }[];
  let mentions: number;
  if (wholeArchive) {
    const totals = actorNamesFromTotals(db, q.code, prefixRangeEnd(q.code), q.name);
    mentions = totals.reduce((sum, t) => sum + t.mentions, 0);
    names = totals.slice(0, 25).map((t) => ({ code: t.code, name: t.name, type: t.type, role: commonRole(sample, t.code, t.name), articles: t.articles }));
  } else {
    mentions = (db.prepare(`SELECT coalesce(sum(en.mentions), 0) AS n FROM ${from} WHERE ${where}`).get(params) as { n: number }).n;
    names = (
      db.prepare(`SELECT en.code, en.name, en.type, count(DISTINCT en.article_id) AS articles FROM ${from} WHERE ${where} GROUP BY 1, 2, 3 ORDER BY articles DESC, en.name LIMIT 25`).all(params) as Omit<(typeof names)[number], 'role'>[]
    ).map((n) => ({ ...n, role: commonRole(sample, n.code, n.name) }));
  }
  return { code: q.code, name: query.name?.trim() || null, articles, mentions, names, timeline, related: relatedActors(sample, q.code, 25), sample: { articles: sample.length, of: articles } };
}

/** The role most often given to a name in the sampled articles (roles are descriptions: a sample tells them). */
function commonRole(sample: readonly SampledArticle[], code: string, name: string): string | null {
  const counts = new Map<string, number>();
  for (const article of sample) for (const e of article.entities) if (e.code === code && e.name === name && e.role) counts.set(e.role, (counts.get(e.role) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

export function themeTimeline(db: Database.Database, query: ThemeTimelineQuery): ThemeSeries[] {
  const q = normalizeThemeTimeline(query);
  const themes = q.themes ?? listThemes(db, { since: query.since, until: query.until, site: query.site, limit: q.top }).map((t) => t.theme);
  if (themes.length === 0) return [];
  // The theme rows carry their article's date (migration 4): a theme's articles over time are one range
  // of article_themes_by_date; only a site filter needs the articles themselves.
  const params: Params = { themes: JSON.stringify(themes) };
  const terms = ['t.theme IN (SELECT value FROM json_each(@themes))', 't.published_ms IS NOT NULL'];
  const from = datedRows('article_themes', 't', q.filter, terms, params);
  const rows = datesOnly(q.filter)
    ? themeTimelineFromDays(db, themes, q.filter, q.by)
    : (db
        .prepare(`SELECT t.theme, ${periodSql('t.published_ms', q.by)} AS start, count(*) AS articles FROM ${from} WHERE ${terms.join(' AND ')} GROUP BY t.theme, 2 ORDER BY t.theme, 2`)
        .all(params) as { theme: string; start: string; articles: number }[]);
  const labels = new Map(
    (db.prepare('SELECT theme, label FROM theme_totals WHERE theme IN (SELECT value FROM json_each(?))').all(JSON.stringify(themes)) as { theme: string; label: string }[]).map((r) => [r.theme, r.label]),
  );
  return themes.map((theme) => ({
    theme,
    label: labels.get(theme) ?? theme.toLowerCase().replace(/_/g, ' '),
    buckets: rows.filter((r) => r.theme === theme).map((r) => ({ start: r.start, articles: r.articles })),
  }));
}

export function themeGrid(db: Database.Database, query: ThemeGridQuery): ThemeGrid {
  const q = normalizeThemeGrid(query);
  const s = selectionSql(q.selection);
  const total = (db.prepare(`SELECT count(*) AS n FROM ${s.from} WHERE ${s.where}`).get(s.params) as { n: number }).n;
  const sample = sampledArticles(db, sampleIds(db, s));
  const names = countryNames();
  const grid = themeCountryGrid(sample, new Set(names.keys()), q.themeRows, q.countryColumns, { articles: sample.length, of: total });
  return { ...grid, countries: grid.countries.map((c) => ({ ...c, label: names.get(c.value) ?? c.value })) };
}

export function listFailures(db: Database.Database, query: FailureFilter & PageQuery): FailurePage {
  const f = checkFailureFilter(query);
  const limit = normalizeLimit(query.limit);
  const fingerprint = listFingerprint('failures', f);
  const after = query.cursor ? decodeKeyset(query.cursor, 'failures', fingerprint) : null;
  const terms: string[] = [];
  const params: Params = { take: limit + 1 };
  if (f.kind !== null) {
    terms.push('f.kind = @kind');
    params.kind = f.kind;
  }
  if (f.code !== null) {
    terms.push('f.code = @code');
    params.code = f.code;
  }
  if (f.runId !== null) {
    terms.push('p.run_id = @run');
    params.run = f.runId;
  }
  if (after) {
    terms.push('f.page_id < @after');
    params.after = after.id;
  }
  const rows = db
    .prepare(
      `SELECT p.id AS pageId, p.run_id AS runId, p.source, p.url, p.fetched_at AS fetchedAt, f.kind, f.stage, f.code, f.message
       FROM failures f JOIN pages p ON p.id = f.page_id${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''} ORDER BY f.page_id DESC LIMIT @take`,
    )
    .all(params) as FailurePage['failures'][number][];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { failures: page, nextCursor: rows.length > limit && last ? encodeKeyset('failures', fingerprint, { sortMs: 0, id: last.pageId, maxId: after?.maxId ?? rows[0]!.pageId }) : null };
}

export function duplicateGroup(db: Database.Database, groupId: number): DuplicateGroup | null {
  checkGroupId(groupId);
  const group = db.prepare('SELECT id, original_id FROM duplicate_groups WHERE id = ?').get(groupId) as { id: number; original_id: number } | undefined;
  if (!group) return null;
  const rows = db
    .prepare(
      `SELECT m.article_id, m.matched_id, m.similarity, a.canonical_url, a.site_key, a.title, a.published, a.published_ms, a.first_seen
       FROM duplicate_members m JOIN articles a ON a.id = m.article_id WHERE m.group_id = @group
       ORDER BY m.article_id <> @original, a.published_ms IS NULL, a.published_ms, a.first_seen, a.id`,
    )
    .all({ group: groupId, original: group.original_id }) as { article_id: number; matched_id: number | null; similarity: number; canonical_url: string; site_key: string; title: string | null; published: string | null; first_seen: string }[];
  return {
    id: group.id,
    originalId: group.original_id,
    members: rows.map((r) => ({
      articleId: r.article_id,
      url: r.canonical_url,
      site: siteFromKey(r.site_key),
      title: r.title,
      published: r.published,
      firstSeen: r.first_seen,
      similarity: r.similarity,
      matchedId: r.matched_id,
      original: r.article_id === group.original_id,
    })),
  };
}
