import type { ListArticlesQuery } from '../analysis.js';
import { decodeKeyset, encodeKeyset, listFingerprint } from '../analysis-filters.js';
import { prefixRangeEnd } from '../codes.js';
import { decodeCursor, nextCursor, searchFingerprint } from '../cursor.js';
import { normalizeFilter, normalizeLimit, siteFromKey, siteKeyRangeEnd, type NormalizedFilter } from '../filters.js';
import { snippetFor } from '../query/match.js';
import { parseQuery } from '../query/parse.js';
import { rowToStoredArticle, STORED_ARTICLE_COLUMNS, STORED_ARTICLE_FROM, type StoredArticleRow } from '../sqlite/codec.js';
import { EXPORT_BATCH_SIZE, type ArticleFilter, type ArticleListPage, type SearchHit, type SearchPage, type SearchQuery, type StoredArticle } from '../store.js';
import { one, query, type Params, type Queryable } from './connection.js';
import { toTsquery } from './text-search.js';

/**
 * The query side of the PostgreSQL adapter: search, one article, export and the newest-first list.
 *
 * Search: the GIN index of `article_search` finds the matches; each is ranked with ts_rank over its
 * tsvector (title weight 1, body 1/3, as the other adapters weigh them 3:1, the rank divided by
 * 1 + log of the article's length); the filters are columns of the same row. The snippets of the page
 * of hits are cut from the article text with the tokens every adapter uses (query/match.ts).
 */

/** ts_rank's weights, for D, C, B, A: the body is D, the title A. */
const RANK_WEIGHTS = '{0.3333,0.2,0.4,1.0}';
/** ts_rank normalization 1: divides by 1 + the logarithm of the document's length. */
const RANK_NORMALIZATION = 1;

/** The WHERE terms of a filter on a row with the filter columns (`alias`) whose article id is `idColumn`. */
export function filterSql(alias: string, filter: NormalizedFilter, params: Params, idColumn = 'id'): string {
  const terms: string[] = [];
  if (filter.sinceMs !== null) {
    terms.push(`${alias}.published_ms >= @since`);
    params.since = filter.sinceMs;
  }
  if (filter.untilMs !== null) {
    terms.push(`${alias}.published_ms <= @until`);
    params.until = filter.untilMs;
  }
  if (filter.siteKey !== null) {
    terms.push(`${alias}.site_key >= @siteFrom AND ${alias}.site_key < @siteTo`);
    params.siteFrom = filter.siteKey;
    params.siteTo = siteKeyRangeEnd(filter.siteKey);
  }
  if (filter.language !== null) {
    terms.push(`${alias}.language = @language`);
    params.language = filter.language;
  }
  // Probes of the article's own layer rows (keyed by article first), as in the SQLite adapter.
  if (filter.actor !== null) {
    terms.push(`EXISTS (SELECT 1 FROM entities en WHERE en.article_id = ${alias}.${idColumn} AND en.code >= @actor AND en.code < @actorEnd)`);
    params.actor = filter.actor;
    params.actorEnd = prefixRangeEnd(filter.actor);
  }
  if (filter.theme !== null) {
    terms.push(`EXISTS (SELECT 1 FROM article_themes th WHERE th.article_id = ${alias}.${idColumn} AND th.theme = @theme)`);
    params.theme = filter.theme;
  }
  if (filter.country !== null) {
    terms.push(`EXISTS (SELECT 1 FROM article_places p WHERE p.country = @country AND p.scope = 'country' AND p.article_id = ${alias}.${idColumn})`);
    params.country = filter.country;
  }
  return terms.map((t) => ` AND ${t}`).join('');
}

async function maxArticleId(db: Queryable): Promise<number> {
  return (await one<{ id: number | null }>(db, 'SELECT max(id) AS id FROM articles'))?.id ?? 0;
}

export async function searchArticles(db: Queryable, search: SearchQuery): Promise<SearchPage> {
  const tree = parseQuery(search.text);
  const filter = normalizeFilter(search);
  const limit = normalizeLimit(search.limit);
  const fingerprint = searchFingerprint(tree, filter);
  const cursor = search.cursor ? decodeCursor(search.cursor, fingerprint) : null;
  const top = cursor?.maxId ?? (await maxArticleId(db));
  const offset = cursor?.offset ?? 0;
  const params: Params = { query: toTsquery(tree), top, take: limit + 1, offset, weights: RANK_WEIGHTS, normalization: RANK_NORMALIZATION };
  const where = filterSql('s', filter, params, 'article_id');
  const ranked = await query<{ id: number; rank: number }>(
    db,
    `SELECT s.article_id AS id, ts_rank(@weights::float4[], s.vector, @query::tsquery, @normalization) AS rank
     FROM article_search s
     WHERE s.vector @@ @query::tsquery AND s.article_id <= @top${where}
     ORDER BY rank DESC, s.article_id LIMIT @take OFFSET @offset`,
    params,
  );
  const page = ranked.slice(0, limit);
  const total = search.withTotal
    ? (await one<{ n: number }>(db, `SELECT count(*) AS n FROM article_search s WHERE s.vector @@ @query::tsquery AND s.article_id <= @top${where}`, params))!.n
    : undefined;
  const rows = page.length === 0 ? [] : await query<{ id: number; canonical_url: string; title: string | null; text: string; published: string | null; site_name: string | null; site_key: string; language: string | null }>(
    db,
    'SELECT id, canonical_url, title, text, published, site_name, site_key, language FROM articles WHERE id = ANY(@ids::bigint[])',
    { ids: page.map((r) => r.id) },
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits: SearchHit[] = page.map(({ id, rank }) => {
    const row = byId.get(id)!;
    const snippet = snippetFor(row.title, row.text, tree);
    return { id, url: row.canonical_url, title: row.title, published: row.published, siteName: row.site_name, site: siteFromKey(row.site_key), language: row.language, score: rank, snippet: snippet.text, highlights: snippet.highlights };
  });
  const next = nextCursor(fingerprint, offset + page.length, ranked.length > limit, top);
  return total === undefined ? { hits, nextCursor: next } : { hits, nextCursor: next, total };
}

export async function getArticle(db: Queryable, idOrUrl: number | string): Promise<StoredArticle | null> {
  const byId = async (id: number): Promise<StoredArticle | null> => {
    const row = await one<StoredArticleRow & Record<string, unknown>>(db, `SELECT ${STORED_ARTICLE_COLUMNS} FROM ${STORED_ARTICLE_FROM} WHERE a.id = @id`, { id });
    return row ? rowToStoredArticle(row) : null;
  };
  if (typeof idOrUrl === 'number') return Number.isSafeInteger(idOrUrl) ? byId(idOrUrl) : null;
  const url = { url: idOrUrl };
  const id =
    (await one<{ id: number }>(db, 'SELECT id FROM articles WHERE canonical_url = @url', url))?.id ??
    (await one<{ id: number }>(db, 'SELECT id FROM articles WHERE url = @url ORDER BY id LIMIT 1', url))?.id ??
    (await one<{ id: number }>(
      db,
      `SELECT coalesce(a.id, p.duplicate_of) AS id FROM pages p LEFT JOIN articles a ON a.page_id = p.id
       WHERE p.url = @url AND p.outcome IN ('article', 'duplicate') ORDER BY p.id DESC LIMIT 1`,
      url,
    ))?.id;
  return id === undefined || id === null ? null : byId(id);
}

/** Export in batches by id range; articles stored after the export started are left out. */
export async function* exportArticles(db: Queryable, filter: ArticleFilter, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<StoredArticle[]> {
  const normalized = normalizeFilter(filter);
  const params: Params = { batchSize };
  const where = filterSql('a', normalized, params);
  params.top = await maxArticleId(db);
  let after = 0;
  for (;;) {
    const rows = await query<StoredArticleRow & Record<string, unknown>>(
      db,
      `SELECT ${STORED_ARTICLE_COLUMNS} FROM ${STORED_ARTICLE_FROM} WHERE a.id > @after AND a.id <= @top${where} ORDER BY a.id LIMIT @batchSize`,
      { ...params, after },
    );
    if (rows.length === 0) return;
    yield rows.map(rowToStoredArticle);
    after = rows[rows.length - 1]!.id;
  }
}

/** Below every real date: undated articles come last when listing newest first (the articles_newest index). */
const NEWEST_KEY = 'coalesce(a.published_ms, -8640000000000000)';

export async function listArticles(db: Queryable, list: ListArticlesQuery): Promise<ArticleListPage> {
  const filter = normalizeFilter(list);
  const limit = normalizeLimit(list.limit);
  const fingerprint = listFingerprint('articles', filter);
  const after = list.cursor ? decodeKeyset(list.cursor, 'articles', fingerprint) : null;
  const top = after?.maxId ?? (await maxArticleId(db));
  const params: Params = { top, take: limit + 1, ...(after ? { afterSort: after.sortMs, afterId: after.id } : {}) };
  const where = filterSql('a', filter, params);
  const rows = await query<StoredArticleRow & { sort_ms: number } & Record<string, unknown>>(
    db,
    `SELECT ${STORED_ARTICLE_COLUMNS}, ${NEWEST_KEY} AS sort_ms FROM ${STORED_ARTICLE_FROM}
     WHERE a.id <= @top${where}${after ? ` AND (${NEWEST_KEY} < @afterSort OR (${NEWEST_KEY} = @afterSort AND a.id < @afterId))` : ''}
     ORDER BY ${NEWEST_KEY} DESC, a.id DESC LIMIT @take`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    articles: page.map(rowToStoredArticle),
    nextCursor: rows.length > limit && last ? encodeKeyset('articles', fingerprint, { sortMs: last.sort_ms, id: last.id, maxId: top }) : null,
  };
}
