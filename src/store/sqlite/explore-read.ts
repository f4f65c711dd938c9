import type Database from 'better-sqlite3';
import { countryNames } from '../../resources/countries.js';
import type { TimelineUnit } from '../analysis.js';
import { checkTimelineUnit, decodeKeyset, encodeKeyset, listFingerprint } from '../analysis-filters.js';
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
import { actorFacet, coMentionNetwork, relatedActors, themeCountryGrid, themeFacet, type SampledArticle } from '../explore-sample.js';
import {
  EXPLORE_SAMPLE_SIZE,
  type ActorProfile,
  type ActorProfileQuery,
  type ArticleFacets,
  type ArticleSelection,
  type ArticleTimeline,
  type CoMentionNetwork,
  type DuplicateGroup,
  type FacetQuery,
  type FailureFilter,
  type FailurePage,
  type NetworkQuery,
  type ThemeGrid,
  type ThemeGridQuery,
  type ThemeSeries,
  type ThemeTimelineQuery,
} from '../explore.js';
import { normalizeLimit, siteFromKey } from '../filters.js';
import { toFts5 } from '../query/fts5.js';
import type { PageQuery } from '../analysis.js';
import { listThemes } from './analysis-read.js';
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
  /** ORDER BY of the sample: relevance for a search, newest first otherwise. */
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
      order: 'articles_fts.rank, a.id',
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
  const s = selectionSql(normalizeSelection(query));
  const totals = db.prepare(`SELECT count(*) AS total, coalesce(sum(a.published_ms IS NULL), 0) AS undated FROM ${s.from} WHERE ${s.where}`).get(s.params) as { total: number; undated: number };
  const rows = db
    .prepare(
      `SELECT ${periodSql('a.published_ms', by)} AS start, count(*) AS articles, sum(t.tone) AS toneSum, count(t.tone) AS toned
       FROM ${s.from} LEFT JOIN tone t ON t.article_id = a.id AND t.scope = 'document'
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
  const byId = new Map<number, { id: number; entities: { code: string | null; name: string }[]; themes: { theme: string; label: string }[] }>(
    ids.map((id) => [id, { id, entities: [], themes: [] }]),
  );
  const entities = db.prepare('SELECT article_id, code, name FROM entities WHERE article_id IN (SELECT value FROM json_each(?))').all(json) as { article_id: number; code: string | null; name: string }[];
  for (const e of entities) byId.get(e.article_id)!.entities.push({ code: e.code, name: e.name });
  const themes = db.prepare('SELECT article_id, theme, label FROM article_themes WHERE article_id IN (SELECT value FROM json_each(?))').all(json) as { article_id: number; theme: string; label: string }[];
  for (const t of themes) byId.get(t.article_id)!.themes.push({ theme: t.theme, label: t.label });
  return [...byId.values()];
}

export function articleFacets(db: Database.Database, query: ArticleSelection, options: FacetQuery = {}): ArticleFacets {
  const limit = normalizeFacetRows(options.limit);
  const s = selectionSql(normalizeSelection(query));
  const total = (db.prepare(`SELECT count(*) AS n FROM ${s.from} WHERE ${s.where}`).get(s.params) as { n: number }).n;
  const grouped = (column: string): { key: string | null; n: number }[] =>
    db.prepare(`SELECT a.${column} AS key, count(*) AS n FROM ${s.from} WHERE ${s.where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${limit}`).all(s.params) as { key: string | null; n: number }[];
  const sites = grouped('site_key').map((r) => ({ value: siteFromKey(r.key!), label: siteFromKey(r.key!), articles: r.n }));
  const languages = grouped('language')
    .filter((r) => r.key !== null)
    .map((r) => ({ value: r.key!, label: r.key!, articles: r.n }));
  const sample = sampledArticles(db, sampleIds(db, s));
  return { total, sites, languages, themes: themeFacet(sample, limit), actors: actorFacet(sample, limit), sample: sampleInfo(sample.length, total) };
}

export function coMentions(db: Database.Database, query: ArticleSelection, options: NetworkQuery = {}): CoMentionNetwork {
  const nodes = normalizeNetworkNodes(options.nodes);
  const s = selectionSql(normalizeSelection(query));
  const total = (db.prepare(`SELECT count(*) AS n FROM ${s.from} WHERE ${s.where}`).get(s.params) as { n: number }).n;
  const sample = sampledArticles(db, sampleIds(db, s));
  return coMentionNetwork(sample, nodes, { articles: sample.length, of: total });
}

export function actorProfile(db: Database.Database, query: ActorProfileQuery): ActorProfile {
  const q = normalizeActorProfile(query);
  const params: Params = { code: q.code, codeEnd: prefixRangeEnd(q.code) };
  const clause = filterClause(q.filter, true);
  Object.assign(params, clause.params);
  let where = `en.code >= @code AND en.code < @codeEnd${clause.sql}`;
  if (q.name !== null) {
    where += ' AND lower(en.name) = @name';
    params.name = q.name;
  }
  const from = 'entities en JOIN articles a ON a.id = en.article_id';
  const totals = db.prepare(`SELECT count(DISTINCT en.article_id) AS articles, coalesce(sum(en.mentions), 0) AS mentions FROM ${from} WHERE ${where}`).get(params) as { articles: number; mentions: number };
  const names = db
    .prepare(`SELECT en.code, en.name, en.type, en.role, count(DISTINCT en.article_id) AS articles FROM ${from} WHERE ${where} GROUP BY 1, 2, 3, 4 ORDER BY articles DESC, en.name LIMIT 25`)
    .all(params) as ActorProfile['names'];
  const timeline = db
    .prepare(
      `SELECT ${periodSql('published_ms', q.by)} AS start, count(*) AS articles FROM (SELECT DISTINCT en.article_id, a.published_ms FROM ${from} WHERE ${where} AND a.published_ms IS NOT NULL)
       GROUP BY 1 ORDER BY 1`,
    )
    .all(params) as { start: string; articles: number }[];
  const ids = (
    db.prepare(`SELECT DISTINCT en.article_id AS id, coalesce(a.published_ms, ${UNDATED_LAST}) AS sort FROM ${from} WHERE ${where} ORDER BY sort DESC, id DESC LIMIT ${EXPLORE_SAMPLE_SIZE}`).all(params) as {
      id: number;
    }[]
  ).map((r) => r.id);
  const sample = sampledArticles(db, ids);
  return {
    code: q.code,
    name: query.name?.trim() || null,
    articles: totals.articles,
    mentions: totals.mentions,
    names,
    timeline,
    related: relatedActors(sample, q.code, 25),
    sample: { articles: sample.length, of: totals.articles },
  };
}

export function themeTimeline(db: Database.Database, query: ThemeTimelineQuery): ThemeSeries[] {
  const q = normalizeThemeTimeline(query);
  const themes = q.themes ?? listThemes(db, { since: query.since, until: query.until, site: query.site, limit: q.top }).map((t) => t.theme);
  if (themes.length === 0) return [];
  const clause = filterClause(q.filter, true);
  const rows = db
    .prepare(
      `SELECT t.theme, max(t.label) AS label, ${periodSql('a.published_ms', q.by)} AS start, count(*) AS articles
       FROM article_themes t JOIN articles a ON a.id = t.article_id
       WHERE t.theme IN (SELECT value FROM json_each(@themes)) AND a.published_ms IS NOT NULL${clause.sql}
       GROUP BY t.theme, 3 ORDER BY t.theme, 3`,
    )
    .all({ ...clause.params, themes: JSON.stringify(themes) }) as { theme: string; label: string; start: string; articles: number }[];
  return themes.map((theme) => {
    const own = rows.filter((r) => r.theme === theme);
    return { theme, label: own[0]?.label ?? theme.toLowerCase().replace(/_/g, ' '), buckets: own.map((r) => ({ start: r.start, articles: r.articles })) };
  });
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
