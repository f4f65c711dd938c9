import { gunzipSync, gzipSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import {
  EXPORT_BATCH_SIZE,
  NEAR_DUPLICATE_CANDIDATE_LIMIT,
  type ArticleFilter,
  type ExportedPage,
  type ArticleListPage,
  REVISION_REASON,
  type ArticleRef,
  type ArticleRevision,
  type CommitResult,
  type CommittedPage,
  type FetchValidators,
  type NearDuplicateCandidate,
  type PageRecord,
  type RunFinish,
  type RunId,
  type RunStart,
  type SearchPage,
  type SearchQuery,
  type StatsOptions,
  type Store,
  type StoredArticle,
  type StoreStats,
} from '../store.js';
import { checkPageRecord, checkRunFinish, checkRunStart } from '../validate.js';
import { ARTICLE_INSERT, ARTICLE_REF_COLUMNS, articleParams, EXPORTED_PAGES, PAGE_SELECT, rowToArticleRef, rowToCommittedPage, rowToExportedPage, type ArticleRefRow, type ExportedPageRow, type PageRow } from './codec.js';
import { openDatabase, translateError, type SqliteOptions } from './open.js';
import { exportArticles, getArticle, listArticles, searchArticles } from './read.js';
import type { StageStamp } from '../../model/document.js';
import {
  STREAM_BATCH_SIZE,
  type ActorQuery,
  type ActorSummary,
  type AggregateQuery,
  type ArticleAnalysis,
  type EventFilter,
  type EventPage,
  type ListArticlesQuery,
  type PageQuery,
  type QuoteFilter,
  type QuotePage,
  type StoredEvent,
  type StoredQuote,
  type ThemeSummary,
  type PlaceCounts,
  type PlaceQuery,
  type TimelineBucket,
  type TimelineUnit,
} from '../analysis.js';
import { checkAnalysis } from '../validate-analysis.js';
import { placeCounts } from './places-read.js';
import { eventBatches, eventTimeline, listActors, listThemes, queryEvents, queryQuotes, quoteBatches, readAnalysis, staleBatches } from './analysis-read.js';
import { writeAnalysis } from './analysis-write.js';
import { eventGroupBatches, queryEventGroups } from './event-groups.js';
import type { EventGroup, EventGroupPage } from '../event-groups.js';
import * as explore from './explore-read.js';
import { readStats } from './stats.js';
import { articleUrlBatches, readRevisions, reviseArticle } from './revisions.js';
import { WriteLock } from '../write-lock.js';
import type {
  ActorProfile,
  ActorProfileQuery,
  ArticleFacets,
  ArticleSelection,
  ArticleTimeline,
  CoMentionNetwork,
  DuplicateGroup,
  FacetQuery,
  FailureFilter,
  FailurePage,
  NetworkQuery,
  ThemeGrid,
  ThemeGridQuery,
  ThemeSeries,
  ThemeTimelineQuery,
} from '../explore.js';

/**
 * Raw HTML is compressed on the writer thread, the one thread every page passes through, where gzip's
 * default level was a quarter of the ingest's time; level 1 is several times faster for a file a little
 * larger (HTML compresses well at any level).
 */
const RAW_GZIP = { level: 1 } as const;

/**
 * The SQLite adapter (better-sqlite3: synchronous and in-process, so each call is a short transaction
 * on this thread; the async methods only wrap it). One connection per store; the writer and any number
 * of readers (other processes) can share the file thanks to WAL.
 */
export async function openSqliteStore(path: string, options: SqliteOptions): Promise<SqliteStore> {
  return new SqliteStore(openDatabase(path, options), path);
}

export class SqliteStore implements Store {
  private closed = false;
  private readonly writes = new WriteLock();
  private readonly keepRawByRun = new Map<number, boolean>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly commitOne: Database.Transaction<(record: PageRecord) => CommitResult>;
  private readonly saveOne: Database.Transaction<(articleId: number, analysis: ArticleAnalysis) => void>;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.commitOne = db.transaction((record: PageRecord) => this.writePage(record));
    this.saveOne = db.transaction((articleId: number, analysis: ArticleAnalysis) => {
      const row = this.statement('SELECT site_key, published_ms FROM articles WHERE id = ?').get(articleId) as { site_key: string; published_ms: number | null } | undefined;
      if (!row) throw new StoreError('E_STORE_INPUT', `Article ${articleId} does not exist: save the analysis of a stored article.`);
      writeAnalysis((sql) => this.statement(sql), { id: articleId, siteKey: row.site_key, publishedMs: row.published_ms }, analysis);
    });
  }

  async serializeWrites<T>(_keys: readonly string[], work: () => Promise<T>): Promise<T> {
    // One writer: one piece of work at a time, whatever its keys.
    return this.writes.run(work);
  }

  sharedFetchSpacing(): null {
    return null;
  }

  async startRun(run: RunStart): Promise<RunId> {
    checkRunStart(run);
    return this.guard(() => {
      const result = this.statement('INSERT INTO runs (started_at, sources, config_hash, stage_versions, keep_raw) VALUES (?, ?, ?, ?, ?)')
        .run(run.startedAt, JSON.stringify(run.sources), run.configHash, JSON.stringify(run.stageVersions), run.keepRaw ? 1 : 0);
      return Number(result.lastInsertRowid);
    });
  }

  async finishRun(id: RunId, finish: RunFinish): Promise<void> {
    checkRunFinish(finish);
    this.guard(() => {
      const result = this.statement('UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?').run(finish.finishedAt, finish.status, JSON.stringify(finish.counts), id);
      if (result.changes === 0) throw new StoreError('E_STORE_INPUT', `Run ${id} does not exist: finish the id startRun returned.`);
    });
  }

  async commitPage(record: PageRecord): Promise<CommitResult> {
    checkPageRecord(record);
    // IMMEDIATE: take the write lock first, so a concurrent writer waits instead of failing mid-page.
    return this.guard(() => this.commitOne.immediate(record));
  }

  /**
   * Commits many pages in ONE transaction: for bulk loads (benchmarks, imports) where speed matters
   * more than losing the whole batch on a crash. An ingest uses commitPage (one transaction per page).
   */
  bulkCommit(records: readonly PageRecord[]): CommitResult[] {
    for (const record of records) checkPageRecord(record);
    return this.guard(() => this.db.transaction(() => records.map((record) => this.commitOne(record))).immediate());
  }

  exportPages(): AsyncIterable<ExportedPage> {
    const db = this.db;
    const statement = (sql: string): Database.Statement => this.statement(sql);
    return this.batched(function* () {
      const top = (db.prepare('SELECT max(id) AS id FROM pages').get() as { id: number | null }).id ?? 0;
      let after = 0;
      for (;;) {
        const rows = statement(EXPORTED_PAGES).all({ after, top, batchSize: EXPORT_BATCH_SIZE }) as ExportedPageRow[];
        if (rows.length === 0) return;
        yield rows.map(rowToExportedPage);
        after = rows[rows.length - 1]!.id;
      }
    });
  }

  async findCommittedPage(sourceKey: string): Promise<CommittedPage | null> {
    return this.guard(() => this.pageBySourceKey(sourceKey));
  }

  async findArticleByCanonicalUrl(canonicalUrl: string): Promise<ArticleRef | null> {
    return this.guard(() => this.articleRef('a.canonical_url = ?', canonicalUrl));
  }

  async findArticleByTextHash(textHash: string): Promise<ArticleRef | null> {
    return this.guard(() => this.articleRef('a.text_hash = ? ORDER BY a.id LIMIT 1', textHash));
  }

  async findNearDuplicateCandidates(bandKeys: readonly string[], limit = NEAR_DUPLICATE_CANDIDATE_LIMIT): Promise<NearDuplicateCandidate[]> {
    if (bandKeys.length === 0) return [];
    return this.guard(() => {
      const rows = this.statement(
          `SELECT ${ARTICLE_REF_COLUMNS}, a.minhash, c.shared
           FROM (SELECT article_id, count(*) AS shared FROM article_bands WHERE band_key IN (SELECT value FROM json_each(?)) GROUP BY article_id) c
           JOIN articles a ON a.id = c.article_id
           LEFT JOIN duplicate_members m ON m.article_id = a.id
           WHERE a.minhash IS NOT NULL
           ORDER BY c.shared DESC, a.id
           LIMIT ?`,
        )
        .all(JSON.stringify([...new Set(bandKeys)]), limit) as (ArticleRefRow & { minhash: Buffer; shared: number })[];
      return rows.map((row) => ({ ...rowToArticleRef(row), signature: new Uint8Array(row.minhash), sharedBands: row.shared }));
    });
  }

  async findFetchValidators(url: string): Promise<FetchValidators | null> {
    return this.guard(() => {
      const row = this.statement(
          `SELECT p.id, p.url, p.etag, p.last_modified, p.fetched_at, coalesce(a.id, p.duplicate_of) AS article_id
           FROM pages p LEFT JOIN articles a ON a.page_id = p.id
           WHERE p.url = ? AND (p.etag IS NOT NULL OR p.last_modified IS NOT NULL)
           ORDER BY p.fetched_at DESC, p.id DESC LIMIT 1`,
        )
        .get(url) as { id: number; url: string; etag: string | null; last_modified: string | null; fetched_at: string; article_id: number | null } | undefined;
      return row ? { url: row.url, etag: row.etag, lastModified: row.last_modified, fetchedAt: row.fetched_at, pageId: row.id, articleId: row.article_id } : null;
    });
  }

  async readRawHtml(pageId: number): Promise<Uint8Array | null> {
    return this.guard(() => {
      const row = this.statement('SELECT html_gz FROM page_raw WHERE page_id = ?').get(pageId) as { html_gz: Buffer } | undefined;
      return row ? new Uint8Array(gunzipSync(row.html_gz)) : null;
    });
  }

  async listRevisions(articleId: number): Promise<ArticleRevision[] | null> {
    return this.guard(() => readRevisions(this.db, articleId));
  }

  streamArticleUrls(): AsyncIterable<{ readonly articleId: number; readonly url: string }> {
    return this.batched(() => articleUrlBatches(this.db, STREAM_BATCH_SIZE));
  }

  async getArchiveSetting(name: string): Promise<string | null> {
    return this.guard(() => (this.statement('SELECT value FROM archive_settings WHERE name = ?').get(name) as { value: string } | undefined)?.value ?? null);
  }

  async setArchiveSetting(name: string, value: string | null): Promise<void> {
    this.guard(() => {
      if (value === null) this.statement('DELETE FROM archive_settings WHERE name = ?').run(name);
      else this.statement('INSERT INTO archive_settings (name, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at').run(name, value, new Date().toISOString());
    });
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    return this.guard(() => searchArticles(this.db, query));
  }

  async getArticle(idOrUrl: number | string): Promise<StoredArticle | null> {
    return this.guard(() => getArticle(this.db, idOrUrl));
  }

  /** Each batch is its own short read (no statement stays open while the consumer awaits). */
  exportArticles(filter: ArticleFilter = {}): AsyncIterable<StoredArticle> {
    const guard = <T>(work: () => T): T => this.guard(work);
    const db = this.db;
    return {
      async *[Symbol.asyncIterator]() {
        const batches = guard(() => exportArticles(db, filter));
        for (;;) {
          const batch = guard(() => batches.next());
          if (batch.done) return;
          yield* batch.value;
        }
      },
    };
  }

  async stats(options: StatsOptions = {}): Promise<StoreStats> {
    return this.guard(() => readStats(this.db, options));
  }

  async listArticles(query: ListArticlesQuery): Promise<ArticleListPage> {
    return this.guard(() => listArticles(this.db, query));
  }

  async saveAnalysis(articleId: number, analysis: ArticleAnalysis): Promise<void> {
    checkAnalysis(analysis, `article ${articleId}`);
    this.guard(() => this.saveOne.immediate(articleId, analysis));
  }

  async getAnalysis(articleId: number): Promise<ArticleAnalysis | null> {
    return this.guard(() => readAnalysis(this.db, articleId));
  }

  staleArticles(stageVersions: readonly StageStamp[]): AsyncIterable<number> {
    return this.batched(() => staleBatches(this.db, stageVersions, STREAM_BATCH_SIZE));
  }

  async queryEvents(query: EventFilter & PageQuery): Promise<EventPage> {
    return this.guard(() => queryEvents(this.db, query));
  }

  streamEvents(filter: EventFilter = {}): AsyncIterable<StoredEvent> {
    return this.batched(() => eventBatches(this.db, filter, STREAM_BATCH_SIZE));
  }

  async eventTimeline(filter: EventFilter, by: TimelineUnit): Promise<TimelineBucket[]> {
    return this.guard(() => eventTimeline(this.db, filter, by));
  }

  async queryEventGroups(query: EventFilter & PageQuery): Promise<EventGroupPage> {
    return this.guard(() => queryEventGroups(this.db, query));
  }

  streamEventGroups(filter: EventFilter = {}): AsyncIterable<EventGroup> {
    return this.batched(() => eventGroupBatches(this.db, filter, STREAM_BATCH_SIZE));
  }

  async queryQuotes(query: QuoteFilter & PageQuery): Promise<QuotePage> {
    return this.guard(() => queryQuotes(this.db, query));
  }

  streamQuotes(filter: QuoteFilter = {}): AsyncIterable<StoredQuote> {
    return this.batched(() => quoteBatches(this.db, filter, STREAM_BATCH_SIZE));
  }

  async listActors(query: ActorQuery = {}): Promise<ActorSummary[]> {
    return this.guard(() => listActors(this.db, query));
  }

  async listThemes(query: AggregateQuery = {}): Promise<ThemeSummary[]> {
    return this.guard(() => listThemes(this.db, query));
  }

  async placeCounts(query: PlaceQuery = {}): Promise<PlaceCounts> {
    return this.guard(() => placeCounts(this.db, query));
  }

  async articleTimeline(selection: ArticleSelection, by: TimelineUnit): Promise<ArticleTimeline> {
    return this.guard(() => explore.articleTimeline(this.db, selection, by));
  }

  async articleFacets(selection: ArticleSelection, query: FacetQuery = {}): Promise<ArticleFacets> {
    return this.guard(() => explore.articleFacets(this.db, selection, query));
  }

  async coMentions(selection: ArticleSelection, query: NetworkQuery = {}): Promise<CoMentionNetwork> {
    return this.guard(() => explore.coMentions(this.db, selection, query));
  }

  async actorProfile(query: ActorProfileQuery): Promise<ActorProfile> {
    return this.guard(() => explore.actorProfile(this.db, query));
  }

  async themeTimeline(query: ThemeTimelineQuery): Promise<ThemeSeries[]> {
    return this.guard(() => explore.themeTimeline(this.db, query));
  }

  async themeGrid(query: ThemeGridQuery): Promise<ThemeGrid> {
    return this.guard(() => explore.themeGrid(this.db, query));
  }

  async listFailures(query: FailureFilter & PageQuery): Promise<FailurePage> {
    return this.guard(() => explore.listFailures(this.db, query));
  }

  async getDuplicateGroup(groupId: number): Promise<DuplicateGroup | null> {
    return this.guard(() => explore.duplicateGroup(this.db, groupId));
  }

  /** An async iterable over a generator of batches; each batch is read under the guard, as exportArticles does. */
  private batched<T>(start: () => Generator<T[]>): AsyncIterable<T> {
    const guard = <R>(work: () => R): R => this.guard(work);
    return {
      async *[Symbol.asyncIterator]() {
        const batches = guard(start);
        for (;;) {
          const batch = guard(() => batches.next());
          if (batch.done) return;
          yield* batch.value;
        }
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      // Refreshes the planner's statistics where they are stale (cheap; what SQLite advises on close).
      if (!this.db.readonly) this.db.pragma('optimize');
    } finally {
      this.db.close();
    }
  }

  /** The page and its outcome, inside the commit transaction. */
  private writePage(record: PageRecord): CommitResult {
    const existing = this.pageBySourceKey(record.sourceKey);
    if (existing && existing.outcome !== 'failed') return { status: 'already-committed', page: existing };
    if (existing) this.statement('DELETE FROM pages WHERE id = ?').run(existing.id);
    const keepRaw = this.keepRaw(record.runId);
    let outcome = record.outcome;
    if (outcome.kind === 'article') {
      const holder = this.articleRef('a.canonical_url = ?', record.canonicalUrl!);
      if (holder) outcome = { kind: 'duplicate', articleId: holder.id, reason: 'canonical-url', similarity: 1 };
    }
    const duplicate = outcome.kind === 'duplicate' ? outcome : outcome.kind === 'revision' ? { articleId: outcome.articleId, reason: REVISION_REASON, similarity: outcome.similarity } : null;
    const page = this.statement(
        `INSERT INTO pages (run_id, source, source_key, url, canonical_url, fetched_at, http_status, content_hash, content_type, etag, last_modified, outcome, duplicate_of, duplicate_reason, similarity)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.runId, record.source, record.sourceKey, record.url, record.canonicalUrl, record.fetchedAt, record.httpStatus, record.contentHash,
        record.contentType ?? null, record.etag ?? null, record.lastModified ?? null, outcome.kind === 'revision' ? 'duplicate' : outcome.kind, duplicate?.articleId ?? null, duplicate?.reason ?? null, duplicate?.similarity ?? null,
      );
    const pageId = Number(page.lastInsertRowid);
    if (keepRaw && record.raw !== null) this.statement('INSERT INTO page_raw (page_id, html_gz) VALUES (?, ?)').run(pageId, record.rawGzip ?? gzipSync(record.raw, RAW_GZIP));
    if (outcome.kind === 'article') {
      const inserted = this.statement(ARTICLE_INSERT).run(
        articleParams({ article: outcome.article, pageId, runId: record.runId, canonicalUrl: record.canonicalUrl!, firstSeen: record.fetchedAt, textHash: outcome.textHash, minhash: outcome.minhash?.signature ?? null }),
      );
      const articleId = Number(inserted.lastInsertRowid);
      if (outcome.minhash) {
        const band = this.statement('INSERT OR IGNORE INTO article_bands (band_key, article_id) VALUES (?, ?)');
        for (const key of outcome.minhash.bandKeys) band.run(key, articleId);
      }
      if (outcome.copyOf) this.joinGroup(articleId, outcome.copyOf.articleId, outcome.copyOf.similarity, record.fetchedAt);
      if (outcome.analysis) {
        const row = this.statement('SELECT site_key, published_ms FROM articles WHERE id = ?').get(articleId) as { site_key: string; published_ms: number | null };
        writeAnalysis((sql) => this.statement(sql), { id: articleId, siteKey: row.site_key, publishedMs: row.published_ms }, outcome.analysis);
      }
    } else if (outcome.kind === 'revision') {
      reviseArticle((sql) => this.statement(sql), { outcome, pageId, runId: record.runId, fetchedAt: record.fetchedAt });
    } else if (outcome.kind === 'rejected' || outcome.kind === 'failed') {
      this.statement('INSERT INTO failures (page_id, kind, stage, code, message) VALUES (?, ?, ?, ?, ?)').run(pageId, outcome.kind, outcome.stage, outcome.code, outcome.message);
    }
    return { status: existing ? 'replaced-failure' : 'stored', page: this.pageBySourceKey(record.sourceKey)! };
  }

  /**
   * Puts a new article in the group of the article it copies (starting the group when there is none),
   * then makes the group's earliest member its original.
   */
  private joinGroup(articleId: number, matchedId: number, similarity: number, at: string): void {
    const matched = this.statement('SELECT a.id, m.group_id FROM articles a LEFT JOIN duplicate_members m ON m.article_id = a.id WHERE a.id = ?').get(matchedId) as { id: number; group_id: number | null } | undefined;
    if (!matched) throw new StoreError('E_STORE_INPUT', `copyOf names article ${matchedId}, which does not exist.`);
    let groupId = matched.group_id;
    if (groupId === null) {
      groupId = Number(this.statement('INSERT INTO duplicate_groups (original_id, created_at) VALUES (?, ?)').run(matchedId, at).lastInsertRowid);
      this.statement('INSERT INTO duplicate_members (article_id, group_id, matched_id, similarity) VALUES (?, ?, NULL, 1)').run(matchedId, groupId);
    }
    this.statement('INSERT INTO duplicate_members (article_id, group_id, matched_id, similarity) VALUES (?, ?, ?, ?)').run(articleId, groupId, matchedId, similarity);
    this.statement(
        `UPDATE duplicate_groups SET original_id = (
           SELECT a.id FROM duplicate_members m JOIN articles a ON a.id = m.article_id WHERE m.group_id = @group
           ORDER BY a.published_ms IS NULL, a.published_ms, a.first_seen, a.id LIMIT 1)
         WHERE id = @group`,
      )
      .run({ group: groupId });
  }

  private keepRaw(runId: number): boolean {
    let keep = this.keepRawByRun.get(runId);
    if (keep === undefined) {
      const row = this.statement('SELECT keep_raw FROM runs WHERE id = ?').get(runId) as { keep_raw: number } | undefined;
      if (!row) throw new StoreError('E_STORE_INPUT', `Run ${runId} does not exist: commit pages under the id startRun returned.`);
      keep = row.keep_raw === 1;
      this.keepRawByRun.set(runId, keep);
    }
    return keep;
  }

  private pageBySourceKey(sourceKey: string): CommittedPage | null {
    const row = this.statement(`${PAGE_SELECT} WHERE p.source_key = ?`).get(sourceKey) as PageRow | undefined;
    return row ? rowToCommittedPage(row) : null;
  }

  private articleRef(where: string, value: string): ArticleRef | null {
    const row = this.statement(`SELECT ${ARTICLE_REF_COLUMNS} FROM articles a LEFT JOIN duplicate_members m ON m.article_id = a.id WHERE ${where}`).get(value) as ArticleRefRow | undefined;
    return row ? rowToArticleRef(row) : null;
  }

  /** Prepared statements are compiled once per store (compiling costs more than running most of them). */
  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private guard<T>(work: () => T): T {
    if (this.closed) throw new StoreError('E_STORE_CLOSED', `The store for ${this.path} is closed.`);
    try {
      return work();
    } catch (error) {
      throw translateError(error, this.path);
    }
  }
}
