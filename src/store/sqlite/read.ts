import type Database from 'better-sqlite3';
import { decodeCursor, nextCursor, searchFingerprint } from '../cursor.js';
import { normalizeFilter, normalizeLimit, siteFromKey, siteKeyRangeEnd, type NormalizedFilter } from '../filters.js';
import { toFts5 } from '../query/fts5.js';
import { parseQuery } from '../query/parse.js';
import { snippetFor } from '../query/match.js';
import type { ListArticlesQuery } from '../analysis.js';
import { decodeKeyset, encodeKeyset, listFingerprint } from '../analysis-filters.js';
import { prefixRangeEnd } from '../codes.js';
import { EXPORT_BATCH_SIZE, type ArticleFilter, type ArticleListPage, type SearchHit, type SearchPage, type SearchQuery, type StoredArticle } from '../store.js';
import { STORED_ARTICLE_COLUMNS, STORED_ARTICLE_FROM, rowToStoredArticle, type StoredArticleRow } from './codec.js';

/**
 * The query side of the SQLite adapter: search (FTS5 + BM25), one article, and export.
 *
 * Search runs in two steps so that the costly parts run only for the hits shown: (1) rank every match
 * and keep the page of ids (FTS5 computes BM25 for each match; SQLite keeps the top rows in its sorter);
 * (2) for those ids only, the display columns and the snippet, cut from the text (query/match.ts).
 */

export interface FilterClause {
  readonly sql: string;
  readonly params: Record<string, unknown>;
}

/**
 * The WHERE terms of a filter on `articles a`. `useIndexes: false` prefixes the columns with `+`, which
 * keeps SQLite on the primary key order (export walks ids in order; sorting a site's rows per batch
 * would make a long export quadratic).
 */
export function filterClause(filter: NormalizedFilter, useIndexes: boolean): FilterClause {
  const column = (name: string): string => `${useIndexes ? '' : '+'}a.${name}`;
  const terms: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.sinceMs !== null) {
    terms.push(`${column('published_ms')} >= @since`);
    params.since = filter.sinceMs;
  }
  if (filter.untilMs !== null) {
    terms.push(`${column('published_ms')} <= @until`);
    params.until = filter.untilMs;
  }
  if (filter.siteKey !== null) {
    terms.push(`${column('site_key')} >= @siteFrom AND ${column('site_key')} < @siteTo`);
    params.siteFrom = filter.siteKey;
    params.siteTo = siteKeyRangeEnd(filter.siteKey);
  }
  if (filter.language !== null) {
    terms.push(`${column('language')} = @language`);
    params.language = filter.language;
  }
  // Probes of the article's own rows (entities and article_themes are keyed by article first): the cost
  // follows the articles checked, not the size of the layer tables.
  if (filter.actor !== null) {
    terms.push('EXISTS (SELECT 1 FROM entities en WHERE en.article_id = a.id AND en.code >= @actor AND en.code < @actorEnd)');
    params.actor = filter.actor;
    params.actorEnd = prefixRangeEnd(filter.actor);
  }
  if (filter.theme !== null) {
    terms.push('EXISTS (SELECT 1 FROM article_themes th WHERE th.article_id = a.id AND th.theme = @theme)');
    params.theme = filter.theme;
  }
  if (filter.country !== null) {
    terms.push("EXISTS (SELECT 1 FROM article_places p WHERE p.country = @country AND p.scope = 'country' AND p.article_id = a.id)");
    params.country = filter.country;
  }
  return { sql: terms.map((t) => ` AND ${t}`).join(''), params };
}

function filtered(filter: NormalizedFilter): boolean {
  return filter.sinceMs !== null || filter.untilMs !== null || filter.siteKey !== null || filter.language !== null || filter.actor !== null || filter.theme !== null || filter.country !== null;
}

export function searchArticles(db: Database.Database, query: SearchQuery): SearchPage {
  const tree = parseQuery(query.text);
  const filter = normalizeFilter(query);
  const limit = normalizeLimit(query.limit);
  const fingerprint = searchFingerprint(tree, filter);
  const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : null;
  const maxId = cursor?.maxId ?? ((db.prepare('SELECT max(id) AS id FROM articles').get() as { id: number | null }).id ?? 0);
  const match = toFts5(tree);
  const where = filterClause(filter, true);
  const offset = cursor?.offset ?? 0;
  // A filter is checked on every full-text match: through the narrow covering index (migration 3), not
  // the wide article rows. Named, because the planner takes the primary key until ANALYZE has run.
  const ranked = db
    .prepare(
      `SELECT articles_fts.rowid AS id, articles_fts.rank AS rank
       FROM articles_fts${filtered(filter) ? ' JOIN articles a INDEXED BY articles_filter_keys ON a.id = articles_fts.rowid' : ''}
       WHERE articles_fts MATCH @match AND articles_fts.rowid <= CAST(@maxId AS INTEGER)${where.sql}
       ORDER BY articles_fts.rank, articles_fts.rowid
       LIMIT @take OFFSET @offset`,
    )
    .all({ ...where.params, match, maxId, take: limit + 1, offset }) as { id: number; rank: number }[];
  const page = ranked.slice(0, limit);
  const total = query.withTotal
    ? (
        db
          .prepare(
            `SELECT count(*) AS n FROM articles_fts${filtered(filter) ? ' JOIN articles a INDEXED BY articles_filter_keys ON a.id = articles_fts.rowid' : ''}
             WHERE articles_fts MATCH @match AND articles_fts.rowid <= CAST(@maxId AS INTEGER)${where.sql}`,
          )
          .get({ ...where.params, match, maxId }) as { n: number }
      ).n
    : undefined;
  const details = db.prepare('SELECT id, canonical_url, title, text, published, site_name, site_key, language FROM articles WHERE id = ?');
  const hits: SearchHit[] = page.map(({ id, rank }) => {
    const row = details.get(id) as { id: number; canonical_url: string; title: string | null; text: string; published: string | null; site_name: string | null; site_key: string; language: string | null };
    // The index holds tokens, not the text (migration 4): the snippet is cut from the article's text.
    const { text, highlights } = snippetFor(row.title, row.text, tree);
    return {
      id,
      url: row.canonical_url,
      title: row.title,
      published: row.published,
      siteName: row.site_name,
      site: siteFromKey(row.site_key),
      language: row.language,
      score: -rank,
      snippet: text,
      highlights,
    };
  });
  const next = nextCursor(fingerprint, offset + page.length, ranked.length > limit, maxId);
  return total === undefined ? { hits, nextCursor: next } : { hits, nextCursor: next, total };
}

export function getArticle(db: Database.Database, idOrUrl: number | string): StoredArticle | null {
  const byId = db.prepare(`SELECT ${STORED_ARTICLE_COLUMNS} FROM ${STORED_ARTICLE_FROM} WHERE a.id = ?`);
  if (typeof idOrUrl === 'number') {
    const row = byId.get(idOrUrl) as StoredArticleRow | undefined;
    return row ? rowToStoredArticle(row) : null;
  }
  const id =
    (db.prepare('SELECT id FROM articles WHERE canonical_url = ?').get(idOrUrl) as { id: number } | undefined)?.id ??
    (db.prepare('SELECT id FROM articles WHERE url = ? ORDER BY id LIMIT 1').get(idOrUrl) as { id: number } | undefined)?.id ??
    (
      db
        .prepare(
          `SELECT coalesce(a.id, p.duplicate_of) AS id FROM pages p LEFT JOIN articles a ON a.page_id = p.id
           WHERE p.url = ? AND p.outcome IN ('article', 'duplicate') ORDER BY p.id DESC LIMIT 1`,
        )
        .get(idOrUrl) as { id: number } | undefined
    )?.id;
  if (id === undefined) return null;
  const row = byId.get(id) as StoredArticleRow | undefined;
  return row ? rowToStoredArticle(row) : null;
}

/**
 * Export as a generator of batches: each batch is one short query by id range, so no statement stays
 * open between batches (the consumer may await output in between) and memory holds one batch. Articles
 * stored after the export started are left out (a consistent end).
 */
export function* exportArticles(db: Database.Database, filter: ArticleFilter, batchSize = EXPORT_BATCH_SIZE): Generator<StoredArticle[]> {
  const normalized = normalizeFilter(filter);
  const where = filterClause(normalized, false);
  const maxId = (db.prepare('SELECT max(id) AS id FROM articles').get() as { id: number | null }).id ?? 0;
  const batch = db.prepare(`SELECT ${STORED_ARTICLE_COLUMNS} FROM ${STORED_ARTICLE_FROM} WHERE a.id > @after AND a.id <= @maxId${where.sql} ORDER BY a.id LIMIT @batchSize`);
  let after = 0;
  for (;;) {
    const rows = batch.all({ ...where.params, after, maxId, batchSize }) as StoredArticleRow[];
    if (rows.length === 0) return;
    yield rows.map(rowToStoredArticle);
    after = rows[rows.length - 1]!.id;
  }
}

/** Below every real date: undated articles come last when listing newest first (the articles_newest index). */
const UNDATED_LAST = -8_640_000_000_000_000;
const NEWEST_KEY = `coalesce(a.published_ms, ${UNDATED_LAST})`;

/** Articles newest first, one keyset page at a time, along the articles_newest index. */
export function listArticles(db: Database.Database, query: ListArticlesQuery): ArticleListPage {
  const filter = normalizeFilter(query);
  const limit = normalizeLimit(query.limit);
  const fingerprint = listFingerprint('articles', filter);
  const after = query.cursor ? decodeKeyset(query.cursor, 'articles', fingerprint) : null;
  const maxId = after?.maxId ?? ((db.prepare('SELECT max(id) AS id FROM articles').get() as { id: number | null }).id ?? 0);
  const where = filterClause(filter, false);
  // A period holds dated articles only: the same order is then a backwards range of articles_by_published,
  // which starts at the period's end instead of walking every newer article of articles_newest.
  const key = filter.sinceMs !== null || filter.untilMs !== null ? 'a.published_ms' : NEWEST_KEY;
  const rows = db
    .prepare(
      `SELECT ${STORED_ARTICLE_COLUMNS}, ${key} AS sort_ms FROM ${STORED_ARTICLE_FROM}
       WHERE a.id <= @maxId${where.sql}${after ? ` AND (${key} < @afterSort OR (${key} = @afterSort AND a.id < @afterId))` : ''}
       ORDER BY ${key} DESC, a.id DESC LIMIT @take`,
    )
    .all({ ...where.params, maxId, take: limit + 1, ...(after ? { afterSort: after.sortMs, afterId: after.id } : {}) }) as (StoredArticleRow & { sort_ms: number })[];
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    articles: page.map(rowToStoredArticle),
    nextCursor: rows.length > limit && last ? encodeKeyset('articles', fingerprint, { sortMs: last.sort_ms, id: last.id, maxId }) : null,
  };
}
