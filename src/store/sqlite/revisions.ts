import { gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Article } from '../../model/article.js';
import { StoreError } from '../errors.js';
import type { ArticleRevision, RevisionOutcome } from '../store.js';
import { deleteAnalysis, writeAnalysis } from './analysis-write.js';
import { articleParams, rowToStoredArticle, STORED_ARTICLE_COLUMNS, STORED_ARTICLE_FROM, type StoredArticleRow } from './codec.js';

/**
 * Revisions on SQLite (migration 9), inside the caller's transaction: an article whose page changed
 * keeps each earlier text as a row of article_revisions (the whole extracted article, gzip-compressed
 * JSON), and takes the newest text as its own — its columns, full-text index (the articles_fts trigger),
 * text hash, fingerprint and LSH bands, and its analysis layers.
 */

type Prepare = (sql: string) => Database.Statement;

export interface Revise {
  readonly outcome: RevisionOutcome;
  /** The duplicate page (reason `revision`) the new text came with. */
  readonly pageId: number;
  readonly runId: number;
  readonly fetchedAt: string;
}

/** The content columns a revision replaces (site and canonical URL stay: they are the article's identity). */
const REVISED_COLUMNS = [
  'published_ms', 'text_hash', 'minhash', 'title', 'text', 'authors', 'published', 'modified', 'language', 'site_name', 'url',
  'declared_canonical_url', 'description', 'image', 'section', 'tags', 'captions', 'word_count', 'provenance', 'body_gz',
] as const;

/** The article's columns for its new text (named parameters: SQLite and PostgreSQL alike), the revision counted. */
export const REVISE_ARTICLE = `UPDATE articles SET ${REVISED_COLUMNS.map((name) => `${name} = @${name}`).join(', ')},
    text_seen_at = @text_seen_at, text_page_id = @text_page_id, revisions = revisions + 1
  WHERE id = @id`;

/** The parameters of REVISE_ARTICLE: the new text's columns (articleParams) and when and from which page it came. */
export function reviseParams(params: Record<string, unknown>, revise: { readonly articleId: number; readonly pageId: number; readonly fetchedAt: string }): Record<string, unknown> {
  return { ...Object.fromEntries(REVISED_COLUMNS.map((name) => [name, params[name]])), text_seen_at: revise.fetchedAt, text_page_id: revise.pageId, id: revise.articleId };
}

const KEEP = 'INSERT INTO article_revisions (article_id, page_id, seen_at, text_hash, article_gz) VALUES (?, ?, ?, ?, ?)';

export function reviseArticle(prepare: Prepare, revise: Revise): void {
  const { outcome, pageId, fetchedAt } = revise;
  const row = prepare(`SELECT ${STORED_ARTICLE_COLUMNS} FROM ${STORED_ARTICLE_FROM} WHERE a.id = ?`).get(outcome.articleId) as StoredArticleRow | undefined;
  if (!row) throw new StoreError('E_STORE_INPUT', `A revision names article ${outcome.articleId}, which does not exist.`);
  const currentSeen = row.text_seen_at ?? row.first_seen;
  if (fetchedAt < currentSeen) {
    // An older capture (an archive read out of order): an earlier text, the article stays as it is.
    prepare(KEEP).run(outcome.articleId, pageId, fetchedAt, outcome.textHash, packArticle(outcome.article));
    prepare('UPDATE articles SET revisions = revisions + 1 WHERE id = ?').run(outcome.articleId);
    return;
  }
  const current = rowToStoredArticle(row);
  prepare(KEEP).run(outcome.articleId, row.text_page_id ?? row.page_id, currentSeen, row.text_hash, packArticle(current.article));
  // The old layers go while the article still has its old date, so the daily counts lose them where they were counted.
  deleteAnalysis(prepare, outcome.articleId);
  const params = articleParams({ article: outcome.article, pageId: row.page_id, runId: row.run_id, canonicalUrl: row.canonical_url, firstSeen: row.first_seen, textHash: outcome.textHash, minhash: outcome.minhash?.signature ?? null });
  prepare(REVISE_ARTICLE).run(reviseParams(params, { articleId: outcome.articleId, pageId, fetchedAt }));
  prepare('DELETE FROM article_bands WHERE article_id = ?').run(outcome.articleId);
  if (outcome.minhash) {
    const band = prepare('INSERT OR IGNORE INTO article_bands (band_key, article_id) VALUES (?, ?)');
    for (const key of outcome.minhash.bandKeys) band.run(key, outcome.articleId);
  }
  if (outcome.analysis) {
    writeAnalysis(prepare, { id: outcome.articleId, siteKey: row.site_key, publishedMs: params.published_ms as number | null }, outcome.analysis);
  }
}

export const REVISIONS_OF = 'SELECT page_id, seen_at, text_hash, article_gz FROM article_revisions WHERE article_id = @id ORDER BY seen_at, id';

/** The earlier texts of an article, oldest first; null when there is no such article. */
export function readRevisions(db: Database.Database, articleId: number): ArticleRevision[] | null {
  if (db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId) === undefined) return null;
  const rows = db.prepare(REVISIONS_OF).all({ id: articleId }) as RevisionRow[];
  return rows.map(rowToRevision);
}

/** The http(s) URL each article was fetched from (else its canonical URL), in id order, `size` at a time. */
export function* articleUrlBatches(db: Database.Database, size: number): Generator<{ articleId: number; url: string }[]> {
  const batch = db.prepare(ARTICLE_URLS);
  for (let after = 0; ; ) {
    const rows = batch.all({ after, size }) as { id: number; url: string }[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield refreshableUrls(rows);
  }
}

/** An earlier text as stored: the whole extracted article, gzip-compressed JSON. */
export function packArticle(article: Article): Buffer {
  return gzipSync(JSON.stringify(article));
}

export interface RevisionRow {
  readonly page_id: number;
  readonly seen_at: string;
  readonly text_hash: string | null;
  readonly article_gz: Buffer;
}

/** A row of article_revisions (read oldest first) as the revision numbered `i + 1`. */
export function rowToRevision(row: RevisionRow, i: number): ArticleRevision {
  return { number: i + 1, pageId: row.page_id, seenAt: row.seen_at, textHash: row.text_hash, article: JSON.parse(gunzipSync(row.article_gz).toString('utf8')) as Article };
}

/** The URLs of articles to refresh: the http(s) URL each was fetched from, else its canonical URL. */
export const ARTICLE_URLS = 'SELECT id, coalesce(url, canonical_url) AS url FROM articles WHERE id > @after ORDER BY id LIMIT @size';

export function refreshableUrls(rows: readonly { id: number; url: string }[]): { articleId: number; url: string }[] {
  return rows.filter((row) => /^https?:\/\//i.test(row.url)).map((row) => ({ articleId: row.id, url: row.url }));
}
