import { countryNames } from '../../resources/countries.js';
import type { PageQuery, TimelineUnit } from '../analysis.js';
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
import { listThemes } from './analysis-read.js';
import { one, query, type Params, type Queryable } from './connection.js';
import { filterSql } from './read.js';
import { toTsquery } from './text-search.js';

/**
 * The explore questions (explore.ts) on PostgreSQL, as the SQLite adapter answers them (sqlite/
 * explore-read.ts): a selection is the text-search matches of a query (article_search, its GIN index and
 * its filter columns) or the articles passing the filters; exact counts are one GROUP BY over it; sampled
 * counts read the layers of at most EXPLORE_SAMPLE_SIZE articles.
 */

interface SelectionSql {
  readonly from: string;
  readonly where: string;
  readonly params: Params;
  readonly order: string;
}

const UNDATED_LAST = -8_640_000_000_000_000;

function selectionSql(selection: NormalizedSelection): SelectionSql {
  const params: Params = {};
  if (selection.tree !== null) {
    const where = filterSql('s', selection.filter, params, 'article_id');
    return {
      from: 'article_search s JOIN articles a ON a.id = s.article_id',
      where: `s.vector @@ @match::tsquery${where}`,
      params: { ...params, match: toTsquery(selection.tree) },
      order: "ts_rank('{0.3333,0.2,0.4,1.0}'::float4[], s.vector, @match::tsquery, 1) DESC, a.id",
    };
  }
  const where = filterSql('a', selection.filter, params);
  return { from: 'articles a', where: `true${where}`, params, order: `coalesce(a.published_ms, ${UNDATED_LAST}) DESC, a.id DESC` };
}

/** The first day of the period of an instant in ms (UTC; weeks from Monday), as YYYY-MM-DD. */
export function periodSql(column: string, unit: TimelineUnit): string {
  const instant = `(to_timestamp(${column} / 1000.0) AT TIME ZONE 'UTC')`;
  switch (checkTimelineUnit(unit)) {
    case 'day':
      return `to_char(${instant}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', ${instant}), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(date_trunc('month', ${instant}), 'YYYY-MM-DD')`;
  }
}

async function count(db: Queryable, s: SelectionSql): Promise<number> {
  return (await one<{ n: number }>(db, `SELECT count(*) AS n FROM ${s.from} WHERE ${s.where}`, s.params))!.n;
}

export async function articleTimeline(db: Queryable, selection: ArticleSelection, by: TimelineUnit): Promise<ArticleTimeline> {
  const s = selectionSql(normalizeSelection(selection));
  const totals = (await one<{ total: number; undated: number }>(db, `SELECT count(*) AS total, count(*) FILTER (WHERE a.published_ms IS NULL) AS undated FROM ${s.from} WHERE ${s.where}`, s.params))!;
  const rows = await query<{ start: string; articles: number; tone_sum: number | null; toned: number }>(
    db,
    `SELECT ${periodSql('a.published_ms', by)} AS start, count(*) AS articles, sum(t.tone) AS tone_sum, count(t.tone) AS toned
     FROM ${s.from} LEFT JOIN tone t ON t.article_id = a.id AND t.scope = 'document'
     WHERE ${s.where} AND a.published_ms IS NOT NULL GROUP BY 1 ORDER BY 1`,
    s.params,
  );
  return { by, total: totals.total, undated: totals.undated, buckets: rows.map((r) => ({ start: r.start, articles: r.articles, tone: r.toned > 0 ? r.tone_sum! / r.toned : null, toned: r.toned })) };
}

async function sampleIds(db: Queryable, s: SelectionSql): Promise<number[]> {
  return (await query<{ id: number }>(db, `SELECT a.id FROM ${s.from} WHERE ${s.where} ORDER BY ${s.order} LIMIT ${EXPLORE_SAMPLE_SIZE}`, s.params)).map((r) => r.id);
}

async function sampledArticles(db: Queryable, ids: readonly number[]): Promise<SampledArticle[]> {
  const byId = new Map<number, { id: number; entities: { code: string | null; name: string }[]; themes: { theme: string; label: string }[] }>(ids.map((id) => [id, { id, entities: [], themes: [] }]));
  const params = { ids: [...ids] };
  for (const e of await query<{ article_id: number; code: string | null; name: string }>(db, 'SELECT article_id, code, name FROM entities WHERE article_id = ANY(@ids::bigint[]) ORDER BY article_id, entity', params)) {
    byId.get(e.article_id)!.entities.push({ code: e.code, name: e.name });
  }
  for (const t of await query<{ article_id: number; theme: string; label: string }>(db, 'SELECT article_id, theme, label FROM article_themes WHERE article_id = ANY(@ids::bigint[]) ORDER BY article_id, theme', params)) {
    byId.get(t.article_id)!.themes.push({ theme: t.theme, label: t.label });
  }
  return [...byId.values()];
}

export async function articleFacets(db: Queryable, selection: ArticleSelection, options: FacetQuery = {}): Promise<ArticleFacets> {
  const limit = normalizeFacetRows(options.limit);
  const s = selectionSql(normalizeSelection(selection));
  const total = await count(db, s);
  // Articles without a language are not a facet value: left out before the top rows are taken.
  const grouped = (column: string): Promise<{ key: string; n: number }[]> =>
    query(db, `SELECT a.${column} AS key, count(*) AS n FROM ${s.from} WHERE ${s.where} AND a.${column} IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, a.${column} COLLATE "C" LIMIT ${limit}`, s.params);
  const sites = (await grouped('site_key')).map((r) => ({ value: siteFromKey(r.key), label: siteFromKey(r.key), articles: r.n }));
  const languages = (await grouped('language')).map((r) => ({ value: r.key, label: r.key, articles: r.n }));
  const sample = await sampledArticles(db, await sampleIds(db, s));
  return { total, sites, languages, themes: themeFacet(sample, limit), actors: actorFacet(sample, limit), sample: sampleInfo(sample.length, total) };
}

export async function coMentions(db: Queryable, selection: ArticleSelection, options: NetworkQuery = {}): Promise<CoMentionNetwork> {
  const nodes = normalizeNetworkNodes(options.nodes);
  const s = selectionSql(normalizeSelection(selection));
  const total = await count(db, s);
  const sample = await sampledArticles(db, await sampleIds(db, s));
  return coMentionNetwork(sample, nodes, { articles: sample.length, of: total });
}

export async function actorProfile(db: Queryable, profile: ActorProfileQuery): Promise<ActorProfile> {
  const q = normalizeActorProfile(profile);
  const params: Params = { code: q.code, codeEnd: prefixRangeEnd(q.code) };
  let where = `en.code >= @code AND en.code < @codeEnd${filterSql('a', q.filter, params)}`;
  if (q.name !== null) {
    where += ' AND lower(en.name) = @name';
    params.name = q.name;
  }
  const from = 'entities en JOIN articles a ON a.id = en.article_id';
  const totals = (await one<{ articles: number; mentions: number }>(db, `SELECT count(DISTINCT en.article_id) AS articles, coalesce(sum(en.mentions), 0) AS mentions FROM ${from} WHERE ${where}`, params))!;
  const names = await query<ActorProfile['names'][number] & Record<string, unknown>>(
    db,
    // One row per name (code, name, type), with the role it is given most often.
    `SELECT en.code, en.name, en.type, mode() WITHIN GROUP (ORDER BY en.role) AS role, count(DISTINCT en.article_id) AS articles
     FROM ${from} WHERE ${where} GROUP BY 1, 2, 3 ORDER BY articles DESC, en.name LIMIT 25`,
    params,
  );
  const timeline = await query<{ start: string; articles: number }>(
    db,
    `SELECT ${periodSql('published_ms', q.by)} AS start, count(*) AS articles FROM (SELECT DISTINCT en.article_id, a.published_ms FROM ${from} WHERE ${where} AND a.published_ms IS NOT NULL) d
     GROUP BY 1 ORDER BY 1`,
    params,
  );
  const ids = (
    await query<{ id: number }>(db, `SELECT DISTINCT en.article_id AS id, coalesce(a.published_ms, ${UNDATED_LAST}) AS sort FROM ${from} WHERE ${where} ORDER BY sort DESC, id DESC LIMIT ${EXPLORE_SAMPLE_SIZE}`, params)
  ).map((r) => r.id);
  const sample = await sampledArticles(db, ids);
  return {
    code: q.code,
    name: profile.name?.trim() || null,
    articles: totals.articles,
    mentions: totals.mentions,
    names,
    timeline,
    related: relatedActors(sample, q.code, 25),
    sample: { articles: sample.length, of: totals.articles },
  };
}

export async function themeTimeline(db: Queryable, timeline: ThemeTimelineQuery): Promise<ThemeSeries[]> {
  const q = normalizeThemeTimeline(timeline);
  const themes = q.themes ?? (await listThemes(db, { since: timeline.since, until: timeline.until, site: timeline.site, limit: q.top })).map((t) => t.theme);
  if (themes.length === 0) return [];
  const params: Params = { themes };
  const where = filterSql('a', q.filter, params);
  const rows = await query<{ theme: string; label: string; start: string; articles: number }>(
    db,
    `SELECT t.theme, max(t.label) AS label, ${periodSql('a.published_ms', q.by)} AS start, count(*) AS articles
     FROM article_themes t JOIN articles a ON a.id = t.article_id
     WHERE t.theme = ANY(@themes::text[]) AND a.published_ms IS NOT NULL${where}
     GROUP BY t.theme, 3 ORDER BY t.theme, 3`,
    params,
  );
  return themes.map((theme) => {
    const own = rows.filter((r) => r.theme === theme);
    return { theme, label: own[0]?.label ?? theme.toLowerCase().replace(/_/g, ' '), buckets: own.map((r) => ({ start: r.start, articles: r.articles })) };
  });
}

export async function themeGrid(db: Queryable, grid: ThemeGridQuery): Promise<ThemeGrid> {
  const q = normalizeThemeGrid(grid);
  const s = selectionSql(q.selection);
  const total = await count(db, s);
  const sample = await sampledArticles(db, await sampleIds(db, s));
  const names = countryNames();
  const result = themeCountryGrid(sample, new Set(names.keys()), q.themeRows, q.countryColumns, { articles: sample.length, of: total });
  return { ...result, countries: result.countries.map((c) => ({ ...c, label: names.get(c.value) ?? c.value })) };
}

export async function listFailures(db: Queryable, page: FailureFilter & PageQuery): Promise<FailurePage> {
  const f = checkFailureFilter(page);
  const limit = normalizeLimit(page.limit);
  const fingerprint = listFingerprint('failures', f);
  const after = page.cursor ? decodeKeyset(page.cursor, 'failures', fingerprint) : null;
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
  const rows = await query<FailurePage['failures'][number] & Record<string, unknown>>(
    db,
    `SELECT p.id AS "pageId", p.run_id AS "runId", p.source, p.url, p.fetched_at AS "fetchedAt", f.kind, f.stage, f.code, f.message
     FROM failures f JOIN pages p ON p.id = f.page_id${terms.length ? ` WHERE ${terms.join(' AND ')}` : ''} ORDER BY f.page_id DESC LIMIT @take`,
    params,
  );
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { failures: shown, nextCursor: rows.length > limit && last ? encodeKeyset('failures', fingerprint, { sortMs: 0, id: last.pageId, maxId: after?.maxId ?? rows[0]!.pageId }) : null };
}

export async function duplicateGroup(db: Queryable, groupId: number): Promise<DuplicateGroup | null> {
  checkGroupId(groupId);
  const group = await one<{ id: number; original_id: number }>(db, 'SELECT id, original_id FROM duplicate_groups WHERE id = @id', { id: groupId });
  if (!group) return null;
  const rows = await query<{ article_id: number; matched_id: number | null; similarity: number; canonical_url: string; site_key: string; title: string | null; published: string | null; first_seen: string }>(
    db,
    `SELECT m.article_id, m.matched_id, m.similarity, a.canonical_url, a.site_key, a.title, a.published, a.published_ms, a.first_seen
     FROM duplicate_members m JOIN articles a ON a.id = m.article_id WHERE m.group_id = @group
     ORDER BY m.article_id <> @original, a.published_ms IS NULL, a.published_ms, a.first_seen, a.id`,
    { group: groupId, original: group.original_id },
  );
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
