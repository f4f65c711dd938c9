import type { ArticleRevision, RevisionOutcome } from '../store.js';
import { StoreError } from '../errors.js';
import { articleParams, rowToStoredArticle, STORED_ARTICLE_COLUMNS, STORED_ARTICLE_FROM, type StoredArticleRow } from '../sqlite/codec.js';
import { ARTICLE_URLS, packArticle, refreshableUrls, REVISE_ARTICLE, reviseParams, REVISIONS_OF, rowToRevision, type RevisionRow } from '../sqlite/revisions.js';
import { ungroupArticle } from './event-groups.js';
import { ANALYSIS_TABLES, writeAnalysis } from './analysis-write.js';
import { one, query, type Queryable } from './connection.js';
import { searchVector } from './text-search.js';

/**
 * Revisions in PostgreSQL (migrations.ts version 4), inside the caller's transaction, by the rule of the
 * SQLite adapter (sqlite/revisions.ts): the newer text (by fetch time) becomes the article's — its
 * columns, its row of article_search, text hash, fingerprint and LSH bands, and its analysis layers —
 * and the text it replaces is kept as a row of article_revisions; an older capture is kept as an
 * earlier revision and the article stays. The article's row is locked (FOR UPDATE) first, so two
 * workers revising one article at once apply their texts one after the other.
 */

const KEEP = 'INSERT INTO article_revisions (article_id, page_id, seen_at, text_hash, article_gz) VALUES (@id, @page, @seen, @hash, @article)';

export async function reviseArticle(db: Queryable, outcome: RevisionOutcome, pageId: number, fetchedAt: string): Promise<void> {
  const id = outcome.articleId;
  const locked = await one<{ id: number }>(db, 'SELECT id FROM articles WHERE id = @id FOR UPDATE', { id });
  if (!locked) throw new StoreError('E_STORE_INPUT', `A revision names article ${id}, which does not exist.`);
  const row = (await one<StoredArticleRow & Record<string, unknown>>(db, `SELECT ${STORED_ARTICLE_COLUMNS} FROM ${STORED_ARTICLE_FROM} WHERE a.id = @id`, { id }))!;
  const currentSeen = row.text_seen_at ?? row.first_seen;
  if (fetchedAt < currentSeen) {
    // An older capture (an archive read out of order): an earlier text, the article stays as it is.
    await query(db, KEEP, { id, page: pageId, seen: fetchedAt, hash: outcome.textHash, article: packArticle(outcome.article) });
    await query(db, 'UPDATE articles SET revisions = revisions + 1 WHERE id = @id', { id });
    return;
  }
  const current = rowToStoredArticle(row);
  await query(db, KEEP, { id, page: row.text_page_id ?? row.page_id, seen: currentSeen, hash: row.text_hash, article: packArticle(current.article) });
  const params = articleParams({ article: outcome.article, pageId: row.page_id, runId: row.run_id, canonicalUrl: row.canonical_url, firstSeen: row.first_seen, textHash: outcome.textHash, minhash: outcome.minhash?.signature ?? null });
  await query(db, REVISE_ARTICLE, reviseParams(params, { articleId: id, pageId, fetchedAt }));
  await query(db, 'UPDATE article_search SET published_ms = @published, language = @language, vector = @vector::tsvector WHERE article_id = @id', {
    id, published: params.published_ms, language: outcome.article.language, vector: searchVector(outcome.article.title, outcome.article.text),
  });
  await query(db, 'DELETE FROM article_bands WHERE article_id = @id', { id });
  if (outcome.minhash && outcome.minhash.bandKeys.length > 0) {
    await query(db, 'INSERT INTO article_bands (band_key, article_id) SELECT DISTINCT k, @id::bigint FROM unnest(@keys::text[]) k ON CONFLICT DO NOTHING', { id, keys: [...outcome.minhash.bandKeys] });
  }
  // The old text's layers go (its events leave their records); the new text's come, if it was analyzed.
  if (outcome.analysis) await writeAnalysis(db, { id, siteKey: row.site_key, publishedMs: params.published_ms as number | null }, outcome.analysis, true);
  else {
    await ungroupArticle(db, id, []);
    for (const table of ANALYSIS_TABLES) await query(db, `DELETE FROM ${table} WHERE article_id = @id`, { id });
  }
}

/** The earlier texts of an article, oldest first; null when there is no such article. */
export async function readRevisions(db: Queryable, articleId: number): Promise<ArticleRevision[] | null> {
  if (!Number.isSafeInteger(articleId) || (await one(db, 'SELECT 1 AS found FROM articles WHERE id = @id', { id: articleId })) === null) return null;
  return (await query<RevisionRow & Record<string, unknown>>(db, REVISIONS_OF, { id: articleId })).map(rowToRevision);
}

/** The http(s) URL each article was fetched from (else its canonical URL), in id order, `size` at a time. */
export async function* articleUrlBatches(db: Queryable, size: number): AsyncGenerator<{ articleId: number; url: string }[]> {
  for (let after = 0; ; ) {
    const rows = await query<{ id: number; url: string }>(db, ARTICLE_URLS, { after, size });
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield refreshableUrls(rows);
  }
}
