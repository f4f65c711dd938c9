import { gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Article } from '../../model/article.js';
import { StoreError } from '../errors.js';
import type { ArticleRevision, RevisionOutcome } from '../store.js';
import { deleteAnalysis, writeAnalysis } from './analysis-write.js';
import { articleParams, rowToStoredArticle, STORED_ARTICLE_COLUMNS, STORED_ARTICLE_FROM, type StoredArticleRow } from './codec.js';

/**
 * Revisions on SQLite (migration 5), inside the caller's transaction: an article whose page changed
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
const REVISE = `UPDATE articles SET
    published_ms = @published_ms, text_hash = @text_hash, minhash = @minhash, title = @title, text = @text, authors = @authors,
    published = @published, modified = @modified, language = @language, site_name = @site_name, url = @url,
    declared_canonical_url = @declared_canonical_url, description = @description, image = @image, section = @section,
    tags = @tags, captions = @captions, word_count = @word_count, provenance = @provenance, body_gz = @body_gz,
    text_seen_at = @text_seen_at, text_page_id = @text_page_id, revisions = revisions + 1
  WHERE id = @id`;

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
  const columns = ['published_ms', 'text_hash', 'minhash', 'title', 'text', 'authors', 'published', 'modified', 'language', 'site_name', 'url', 'declared_canonical_url', 'description', 'image', 'section', 'tags', 'captions', 'word_count', 'provenance', 'body_gz'];
  prepare(REVISE).run({ ...Object.fromEntries(columns.map((name) => [name, params[name]])), text_seen_at: fetchedAt, text_page_id: pageId, id: outcome.articleId });
  prepare('DELETE FROM article_bands WHERE article_id = ?').run(outcome.articleId);
  if (outcome.minhash) {
    const band = prepare('INSERT OR IGNORE INTO article_bands (band_key, article_id) VALUES (?, ?)');
    for (const key of outcome.minhash.bandKeys) band.run(key, outcome.articleId);
  }
  if (outcome.analysis) {
    writeAnalysis(prepare, { id: outcome.articleId, siteKey: row.site_key, publishedMs: params.published_ms as number | null }, outcome.analysis);
  }
}

/** The earlier texts of an article, oldest first; null when there is no such article. */
export function readRevisions(db: Database.Database, articleId: number): ArticleRevision[] | null {
  if (db.prepare('SELECT 1 FROM articles WHERE id = ?').get(articleId) === undefined) return null;
  const rows = db.prepare('SELECT page_id, seen_at, text_hash, article_gz FROM article_revisions WHERE article_id = ? ORDER BY seen_at, id').all(articleId) as {
    page_id: number;
    seen_at: string;
    text_hash: string | null;
    article_gz: Buffer;
  }[];
  return rows.map((row, i) => ({ number: i + 1, pageId: row.page_id, seenAt: row.seen_at, textHash: row.text_hash, article: JSON.parse(gunzipSync(row.article_gz).toString('utf8')) as Article }));
}

/** The http(s) URL each article was fetched from (else its canonical URL), in id order, `size` at a time. */
export function* articleUrlBatches(db: Database.Database, size: number): Generator<{ articleId: number; url: string }[]> {
  const batch = db.prepare('SELECT id, coalesce(url, canonical_url) AS url FROM articles WHERE id > ? ORDER BY id LIMIT ?');
  for (let after = 0; ; ) {
    const rows = batch.all(after, size) as { id: number; url: string }[];
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows.filter((row) => /^https?:\/\//i.test(row.url)).map((row) => ({ articleId: row.id, url: row.url }));
  }
}

function packArticle(article: Article): Buffer {
  return gzipSync(JSON.stringify(article));
}
