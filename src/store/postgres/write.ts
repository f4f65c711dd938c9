import { gzipSync } from 'node:zlib';
import type { ArticleAnalysis } from '../analysis.js';
import { StoreError } from '../errors.js';
import { ARTICLE_INSERT, ARTICLE_REF_COLUMNS, articleParams, PAGE_SELECT, rowToArticleRef, rowToCommittedPage, type ArticleRefRow, type PageRow } from '../sqlite/codec.js';
import { REVISION_REASON, type ArticleRef, type CommitResult, type CommittedPage, type PageRecord } from '../store.js';
import { writeAnalysis } from './analysis-write.js';
import { one, query, type Queryable } from './connection.js';
import { reviseArticle } from './revisions.js';
import { searchVector } from './text-search.js';

/**
 * One page's commit, inside the caller's transaction. Several workers commit at once, so what the
 * SQLite adapter gets from its single writer is made explicit here with transaction-scoped advisory
 * locks, always taken in the same order (so no two commits can deadlock):
 *   1. the page's source key: two workers holding the same page (a retried job) store it once;
 *   2. the article's canonical URL: of two copies committed at the same moment, the second waits, then
 *      finds the first and becomes its duplicate;
 *   3. duplicate groups (one lock for all of them): a copy joining a group sees the group as the last
 *      copy left it.
 * The unique constraints (source_key, canonical_url, a group member) stand behind the locks.
 */

const RAW_GZIP = { level: 1 } as const;
const LOCK_GROUPS = 0x50726c79_02;

async function lock(db: Queryable, key: string): Promise<void> {
  await query(db, 'SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))', { key });
}

export async function pageBySourceKey(db: Queryable, sourceKey: string): Promise<CommittedPage | null> {
  const row = await one<PageRow & Record<string, unknown>>(db, `${PAGE_SELECT} WHERE p.source_key = @key`, { key: sourceKey });
  return row ? rowToCommittedPage(row) : null;
}

export async function articleRef(db: Queryable, where: string, value: string): Promise<ArticleRef | null> {
  const row = await one<ArticleRefRow & Record<string, unknown>>(db, `SELECT ${ARTICLE_REF_COLUMNS} FROM articles a LEFT JOIN duplicate_members m ON m.article_id = a.id WHERE ${where}`, { value });
  return row ? rowToArticleRef(row) : null;
}

export async function writePage(db: Queryable, record: PageRecord, keepRaw: boolean): Promise<CommitResult> {
  await lock(db, `page:${record.sourceKey}`);
  const existing = await pageBySourceKey(db, record.sourceKey);
  if (existing && existing.outcome !== 'failed') return { status: 'already-committed', page: existing };
  if (existing) await query(db, 'DELETE FROM pages WHERE id = @id', { id: existing.id });
  let outcome = record.outcome;
  if (outcome.kind === 'article') {
    await lock(db, `url:${record.canonicalUrl!}`);
    const holder = await articleRef(db, 'a.canonical_url = @value', record.canonicalUrl!);
    if (holder) outcome = { kind: 'duplicate', articleId: holder.id, reason: 'canonical-url', similarity: 1 };
  }
  // A revision's page is a duplicate page of its article, with the reason `revision`.
  const duplicate = outcome.kind === 'duplicate' ? outcome : outcome.kind === 'revision' ? { articleId: outcome.articleId, reason: REVISION_REASON, similarity: outcome.similarity } : null;
  const page = await one<{ id: number }>(
    db,
    `INSERT INTO pages (run_id, source, source_key, url, canonical_url, fetched_at, http_status, content_hash, content_type, etag, last_modified, outcome, duplicate_of, duplicate_reason, similarity)
     VALUES (@run, @source, @key, @url, @canonical, @fetched, @status, @hash, @type, @etag, @modified, @outcome, @duplicateOf, @reason, @similarity) RETURNING id`,
    {
      run: record.runId, source: record.source, key: record.sourceKey, url: record.url, canonical: record.canonicalUrl, fetched: record.fetchedAt, status: record.httpStatus,
      hash: record.contentHash, type: record.contentType ?? null, etag: record.etag ?? null, modified: record.lastModified ?? null, outcome: outcome.kind === 'revision' ? 'duplicate' : outcome.kind,
      duplicateOf: duplicate?.articleId ?? null, reason: duplicate?.reason ?? null, similarity: duplicate?.similarity ?? null,
    },
  );
  const pageId = page!.id;
  if (keepRaw && record.raw !== null) await query(db, 'INSERT INTO page_raw (page_id, html_gz) VALUES (@id, @html)', { id: pageId, html: gzipSync(record.raw, RAW_GZIP) });
  if (outcome.kind === 'article') {
    const params = articleParams({ article: outcome.article, pageId, runId: record.runId, canonicalUrl: record.canonicalUrl!, firstSeen: record.fetchedAt, textHash: outcome.textHash, minhash: outcome.minhash?.signature ?? null });
    const inserted = await one<{ id: number; site_key: string; published_ms: number | null }>(db, `${ARTICLE_INSERT} RETURNING id, site_key, published_ms`, params);
    const article = { id: inserted!.id, siteKey: inserted!.site_key, publishedMs: inserted!.published_ms };
    await query(db, 'INSERT INTO article_search (article_id, published_ms, site_key, language, vector) VALUES (@id, @published, @site, @language, @vector::tsvector)', {
      id: article.id, published: article.publishedMs, site: article.siteKey, language: outcome.article.language, vector: searchVector(outcome.article.title, outcome.article.text),
    });
    if (outcome.minhash && outcome.minhash.bandKeys.length > 0) {
      await query(db, 'INSERT INTO article_bands (band_key, article_id) SELECT DISTINCT k, @id::bigint FROM unnest(@keys::text[]) k ON CONFLICT DO NOTHING', { id: article.id, keys: [...outcome.minhash.bandKeys] });
    }
    if (outcome.copyOf) await joinGroup(db, article.id, outcome.copyOf.articleId, outcome.copyOf.similarity, record.fetchedAt);
    if (outcome.analysis) await writeAnalysis(db, article, outcome.analysis, false);
  } else if (outcome.kind === 'revision') {
    await reviseArticle(db, outcome, pageId, record.fetchedAt);
  } else if (outcome.kind === 'rejected' || outcome.kind === 'failed') {
    await query(db, 'INSERT INTO failures (page_id, kind, stage, code, message) VALUES (@id, @kind, @stage, @code, @message)', { id: pageId, kind: outcome.kind, stage: outcome.stage, code: outcome.code, message: outcome.message });
  }
  return { status: existing ? 'replaced-failure' : 'stored', page: (await pageBySourceKey(db, record.sourceKey))! };
}

/** Puts a new article in the group of the article it copies (starting one), then makes the earliest member the original. */
async function joinGroup(db: Queryable, articleId: number, matchedId: number, similarity: number, at: string): Promise<void> {
  await query(db, 'SELECT pg_advisory_xact_lock(@key)', { key: LOCK_GROUPS });
  const matched = await one<{ id: number; group_id: number | null }>(db, 'SELECT a.id, m.group_id FROM articles a LEFT JOIN duplicate_members m ON m.article_id = a.id WHERE a.id = @id', { id: matchedId });
  if (!matched) throw new StoreError('E_STORE_INPUT', `copyOf names article ${matchedId}, which does not exist.`);
  let groupId = matched.group_id;
  if (groupId === null) {
    groupId = (await one<{ id: number }>(db, 'INSERT INTO duplicate_groups (original_id, created_at) VALUES (@id, @at) RETURNING id', { id: matchedId, at }))!.id;
    await query(db, 'INSERT INTO duplicate_members (article_id, group_id, matched_id, similarity) VALUES (@id, @group, NULL, 1)', { id: matchedId, group: groupId });
  }
  await query(db, 'INSERT INTO duplicate_members (article_id, group_id, matched_id, similarity) VALUES (@id, @group, @matched, @similarity)', { id: articleId, group: groupId, matched: matchedId, similarity });
  await query(
    db,
    `UPDATE duplicate_groups SET original_id = (
       SELECT a.id FROM duplicate_members m JOIN articles a ON a.id = m.article_id WHERE m.group_id = @group
       ORDER BY a.published_ms IS NULL, a.published_ms, a.first_seen, a.id LIMIT 1)
     WHERE id = @group`,
    { group: groupId },
  );
}

/** saveAnalysis's transaction: the article must exist (locked against a concurrent save). */
export async function saveArticleAnalysis(db: Queryable, articleId: number, analysis: ArticleAnalysis): Promise<void> {
  const row = await one<{ site_key: string; published_ms: number | null }>(db, 'SELECT site_key, published_ms FROM articles WHERE id = @id FOR UPDATE', { id: articleId });
  if (!row) throw new StoreError('E_STORE_INPUT', `Article ${articleId} does not exist: save the analysis of a stored article.`);
  await writeAnalysis(db, { id: articleId, siteKey: row.site_key, publishedMs: row.published_ms }, analysis, true);
}
