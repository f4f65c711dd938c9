import { gunzipSync, gzipSync } from 'node:zlib';
import type { Article, Block } from '../../model/article.js';
import { publishedInstant, siteFromKey, siteKey, siteOfUrl } from '../filters.js';
import type { ArticleRef, CommittedPage, ExportedPage, OutcomeKind, StoredArticle } from '../store.js';

/**
 * Rows ↔ the port's objects. An article goes in as extract() returned it and comes out equal: scalar
 * fields as columns, arrays and provenance as JSON, blocks and Markdown as one gzip-compressed JSON
 * document (the largest part after the text, read only to show or export an article).
 */

/** The columns of `articles` a StoredArticle is read from, with its duplicate membership. */
export const STORED_ARTICLE_COLUMNS = `
  a.id, a.page_id, a.run_id, a.canonical_url, a.site_key, a.first_seen, a.text_hash,
  a.title, a.text, a.authors, a.published, a.modified, a.language, a.site_name, a.url, a.declared_canonical_url,
  a.description, a.image, a.section, a.tags, a.captions, a.word_count, a.provenance, a.body_gz,
  a.revisions, a.text_seen_at, a.text_page_id, m.group_id, g.original_id, m.matched_id, m.similarity`;

export const STORED_ARTICLE_FROM = `articles a
  LEFT JOIN duplicate_members m ON m.article_id = a.id
  LEFT JOIN duplicate_groups g ON g.id = m.group_id`;

export interface StoredArticleRow {
  id: number;
  page_id: number;
  run_id: number;
  canonical_url: string;
  site_key: string;
  first_seen: string;
  text_hash: string | null;
  title: string | null;
  text: string;
  authors: string;
  published: string | null;
  modified: string | null;
  language: string | null;
  site_name: string | null;
  url: string | null;
  declared_canonical_url: string | null;
  description: string | null;
  image: string | null;
  section: string | null;
  tags: string;
  captions: string;
  word_count: number;
  provenance: string;
  body_gz: Buffer;
  revisions: number;
  text_seen_at: string | null;
  text_page_id: number | null;
  group_id: number | null;
  original_id: number | null;
  matched_id: number | null;
  similarity: number | null;
}

/**
 * The blocks document is written on the ingest's single writer, once per article: gzip level 1 costs
 * 0.24 ms an article where the default level cost 0.62 ms, for a document 12 % larger (6.6 KB instead
 * of 5.9 KB on the benchmark pages).
 */
const BODY_GZIP = { level: 1 } as const;

/** The named parameters of the article INSERT. */
export function articleParams(input: {
  article: Article;
  pageId: number;
  runId: number;
  canonicalUrl: string;
  firstSeen: string;
  textHash: string;
  minhash: Uint8Array | null;
}): Record<string, unknown> {
  const { article } = input;
  return {
    page_id: input.pageId,
    run_id: input.runId,
    canonical_url: input.canonicalUrl,
    site_key: siteKey(siteOfUrl(input.canonicalUrl)),
    published_ms: publishedInstant(article.published),
    first_seen: input.firstSeen,
    text_hash: input.textHash,
    minhash: input.minhash ? Buffer.from(input.minhash.buffer, input.minhash.byteOffset, input.minhash.byteLength) : null,
    title: article.title,
    text: article.text,
    authors: JSON.stringify(article.authors),
    published: article.published,
    modified: article.modified,
    language: article.language,
    site_name: article.siteName,
    url: article.url,
    declared_canonical_url: article.canonicalUrl,
    description: article.description,
    image: article.image,
    section: article.section,
    tags: JSON.stringify(article.tags),
    captions: JSON.stringify(article.captions),
    word_count: article.wordCount,
    provenance: JSON.stringify(article.provenance),
    body_gz: gzipSync(JSON.stringify({ blocks: article.blocks, markdown: article.markdown }), BODY_GZIP),
  };
}

export const ARTICLE_INSERT = `INSERT INTO articles (
    page_id, run_id, canonical_url, site_key, published_ms, first_seen, text_hash, minhash, title, text, authors,
    published, modified, language, site_name, url, declared_canonical_url, description, image, section, tags,
    captions, word_count, provenance, body_gz)
  VALUES (
    @page_id, @run_id, @canonical_url, @site_key, @published_ms, @first_seen, @text_hash, @minhash, @title, @text, @authors,
    @published, @modified, @language, @site_name, @url, @declared_canonical_url, @description, @image, @section, @tags,
    @captions, @word_count, @provenance, @body_gz)`;

export function rowToStoredArticle(row: StoredArticleRow): StoredArticle {
  const body = JSON.parse(gunzipSync(row.body_gz).toString('utf8')) as { blocks: Block[]; markdown: string };
  const article: Article = {
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    published: row.published,
    modified: row.modified,
    language: row.language,
    siteName: row.site_name,
    url: row.url,
    canonicalUrl: row.declared_canonical_url,
    description: row.description,
    image: row.image,
    section: row.section,
    tags: JSON.parse(row.tags) as string[],
    captions: JSON.parse(row.captions) as Article['captions'],
    blocks: body.blocks,
    text: row.text,
    markdown: body.markdown,
    wordCount: row.word_count,
    provenance: JSON.parse(row.provenance) as Article['provenance'],
  };
  return {
    id: row.id,
    canonicalUrl: row.canonical_url,
    site: siteFromKey(row.site_key),
    article,
    pageId: row.page_id,
    runId: row.run_id,
    firstSeen: row.first_seen,
    textHash: row.text_hash,
    duplicate:
      row.group_id === null
        ? null
        : { groupId: row.group_id, originalId: row.original_id!, matchedId: row.matched_id, similarity: row.similarity! },
    revisions: row.revisions,
    textSeenAt: row.text_seen_at ?? row.first_seen,
    textPageId: row.text_page_id ?? row.page_id,
  };
}

export const ARTICLE_REF_COLUMNS = 'a.id, a.canonical_url, a.url, a.published, a.first_seen, a.text_hash, m.group_id';

export interface ArticleRefRow {
  id: number;
  canonical_url: string;
  url: string | null;
  published: string | null;
  first_seen: string;
  text_hash: string | null;
  group_id: number | null;
}

export function rowToArticleRef(row: ArticleRefRow): ArticleRef {
  return {
    id: row.id,
    canonicalUrl: row.canonical_url,
    url: row.url,
    published: row.published,
    firstSeen: row.first_seen,
    textHash: row.text_hash,
    groupId: row.group_id,
  };
}

export interface PageRow {
  id: number;
  run_id: number;
  source_key: string;
  url: string | null;
  canonical_url: string | null;
  fetched_at: string;
  outcome: OutcomeKind;
  duplicate_of: number | null;
  duplicate_reason: string | null;
  similarity: number | null;
  article_id: number | null;
  group_id: number | null;
  stage: string | null;
  code: string | null;
  message: string | null;
}

/** A page with what it led to: its article (and that article's group) or the failure. */
export const PAGE_SELECT = `SELECT p.id, p.run_id, p.source_key, p.url, p.canonical_url, p.fetched_at, p.outcome,
    p.duplicate_of, p.duplicate_reason, p.similarity, a.id AS article_id, m.group_id, f.stage, f.code, f.message
  FROM pages p
  LEFT JOIN articles a ON a.page_id = p.id
  LEFT JOIN duplicate_members m ON m.article_id = a.id
  LEFT JOIN failures f ON f.page_id = p.id`;

export function rowToCommittedPage(row: PageRow): CommittedPage {
  return {
    id: row.id,
    runId: row.run_id,
    sourceKey: row.source_key,
    url: row.url,
    canonicalUrl: row.canonical_url,
    fetchedAt: row.fetched_at,
    outcome: row.outcome,
    articleId: row.outcome === 'article' ? row.article_id : row.outcome === 'duplicate' ? row.duplicate_of : null,
    groupId: row.outcome === 'article' ? row.group_id : null,
    duplicateReason: row.duplicate_reason,
    similarity: row.similarity,
    problem: row.stage === null ? null : { stage: row.stage, code: row.code!, message: row.message! },
  };
}

/** Pages with their record's fields, after a page id, in id order (exportPages; SQLite and PostgreSQL). */
export const EXPORTED_PAGES = `SELECT p.id, p.run_id, p.source_key, p.url, p.canonical_url, p.fetched_at, p.outcome,
    p.duplicate_of, p.duplicate_reason, p.similarity, a.id AS article_id, m.group_id, f.stage, f.code, f.message,
    p.source, p.http_status, p.content_hash, p.content_type, p.etag, p.last_modified
  FROM pages p
  LEFT JOIN articles a ON a.page_id = p.id
  LEFT JOIN duplicate_members m ON m.article_id = a.id
  LEFT JOIN failures f ON f.page_id = p.id
  WHERE p.id > @after AND p.id <= @top ORDER BY p.id LIMIT @batchSize`;

export interface ExportedPageRow extends PageRow {
  source: string;
  http_status: number | null;
  content_hash: string | null;
  content_type: string | null;
  etag: string | null;
  last_modified: string | null;
}

export function rowToExportedPage(row: ExportedPageRow): ExportedPage {
  return {
    ...rowToCommittedPage(row),
    source: row.source,
    httpStatus: row.http_status,
    contentHash: row.content_hash,
    contentType: row.content_type,
    etag: row.etag,
    lastModified: row.last_modified,
  };
}
