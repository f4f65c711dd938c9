import { gunzipSync } from 'node:zlib';
import type pg from 'pg';
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
  type PlaceCounts,
  type PlaceQuery,
  type QuoteFilter,
  type QuotePage,
  type StoredEvent,
  type StoredQuote,
  type ThemeSummary,
  type TimelineBucket,
  type TimelineUnit,
} from '../analysis.js';
import { StoreError } from '../errors.js';
import type { OpenMode } from '../sqlite/open.js';
import { ARTICLE_REF_COLUMNS, EXPORTED_PAGES, rowToArticleRef, rowToExportedPage, type ArticleRefRow, type ExportedPageRow } from '../sqlite/codec.js';
import {
  EXPORT_BATCH_SIZE,
  NEAR_DUPLICATE_CANDIDATE_LIMIT,
  type ArticleFilter,
  type ExportedPage,
  type ArticleListPage,
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
import { checkAnalysis } from '../validate-analysis.js';
import { checkPageRecord, checkRunFinish, checkRunStart } from '../validate.js';
import { eventBatches, eventTimeline, listActors, listThemes, queryEvents, queryQuotes, quoteBatches, readAnalysis, staleBatches } from './analysis-read.js';
import { createPool, DEFAULT_POSTGRES_OPTIONS, isUniqueViolation, one, query, redactUrl, transaction, translatePgError, withReconnect, type PostgresOptions } from './connection.js';
import { prepareSchema } from './open.js';
import { exportArticles, getArticle, listArticles, searchArticles } from './read.js';
import * as explore from './explore-read.js';
import { readStats } from './stats.js';
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
import type { EventGroup, EventGroupPage } from '../event-groups.js';
import { WriteLock } from '../write-lock.js';
import { eventGroupBatches, queryEventGroups } from './event-groups.js';
import { placeCounts } from './places-read.js';
import { articleRef, pageBySourceKey, saveArticleAnalysis, writePage } from './write.js';
import { articleUrlBatches, readRevisions } from './revisions.js';

export interface PostgresStoreOptions extends PostgresOptions {
  /** `read` refuses a database without a Parley archive; `write` creates the tables. */
  readonly mode: OpenMode;
}

/**
 * The first half of the two-part advisory lock keys of serializeWrites ("Prly"; the second half is a
 * hash of one key). PostgreSQL keeps two-part keys apart from the one-part keys of write.ts.
 */
const DECISION_LOCKS = 0x50726c79;
/** Takes the decision locks of a set of keys in the order of their hashes, and names the server process holding them. */
const LOCK_DECISION_KEYS = `
  SELECT pg_backend_pid() AS pid, (SELECT count(pg_advisory_lock(@space, h))
    FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(@keys::text[]) k ORDER BY h) ordered) AS locked`;
/** Books a host's next request start (sharedFetchSpacing): max(its next free start, now) + the gap. */
const BOOK_FETCH_START = `
  WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)
  INSERT INTO fetch_spacing AS f (host, next_ms) SELECT @host, now.ms + @gap::bigint FROM now
  ON CONFLICT (host) DO UPDATE SET next_ms = greatest(f.next_ms, excluded.next_ms - @gap::bigint) + @gap::bigint
  RETURNING (next_ms - @gap::bigint - (SELECT ms FROM now))::float8 AS wait_ms`;
/** SQLSTATEs of a transaction that lost a race (unique key, serialization, deadlock): run it again. */
const RACE_RETRIES = 5;

/**
 * The PostgreSQL adapter (node-postgres with a pool). Unlike SQLite it has many writers at once (the
 * `parley worker` processes of one queue): commits are transactions made safe against each other by
 * locks and unique constraints (write.ts), and `serializeWrites` lets the ingest's decision about a
 * page (is it a copy of a stored article?) and its commit run as one step among the writers whose
 * pages could change that decision (the same canonical URL, text or LSH band).
 *
 * Every call waits for a server that went away (a restart) for up to `reconnectMs`, then fails with
 * E_STORE_UNREACHABLE; what was committed stays committed, and a commit that fails is rolled back whole.
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions): Promise<PostgresStore> {
  const settings = { ...DEFAULT_POSTGRES_OPTIONS, ...definedOnly(options) };
  const pool = createPool(url, settings);
  try {
    await withReconnect(() => prepareSchema(pool, url, options.mode), Math.min(settings.reconnectMs, settings.connectTimeoutMs));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw translatePgError(error, url);
  }
  return new PostgresStore(pool, url, settings);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export class PostgresStore implements Store {
  private closed = false;
  private readonly writes = new WriteLock();
  /** The server process holding this store's decision locks while serializeWrites runs, else null. */
  private lockPid: number | null = null;
  private readonly keepRawByRun = new Map<number, boolean>();
  /** Where the archive is, without the password. */
  readonly location: string;

  constructor(
    readonly pool: pg.Pool,
    readonly url: string,
    private readonly options: Required<PostgresOptions>,
  ) {
    this.location = redactUrl(url);
  }

  async startRun(run: RunStart): Promise<RunId> {
    checkRunStart(run);
    return this.guard(async () => {
      const row = await one<{ id: number }>(this.pool, 'INSERT INTO runs (started_at, sources, config_hash, stage_versions, keep_raw) VALUES (@at, @sources, @hash, @stages, @keep) RETURNING id', {
        at: run.startedAt, sources: JSON.stringify(run.sources), hash: run.configHash, stages: JSON.stringify(run.stageVersions), keep: run.keepRaw ? 1 : 0,
      });
      return row!.id;
    });
  }

  async finishRun(id: RunId, finish: RunFinish): Promise<void> {
    checkRunFinish(finish);
    await this.guard(async () => {
      const rows = await query<{ id: number }>(this.pool, 'UPDATE runs SET finished_at = @at, status = @status, counts = @counts WHERE id = @id RETURNING id', { at: finish.finishedAt, status: finish.status, counts: JSON.stringify(finish.counts), id });
      if (rows.length === 0) throw new StoreError('E_STORE_INPUT', `Run ${id} does not exist: finish the id startRun returned.`);
    });
  }

  async commitPage(record: PageRecord): Promise<CommitResult> {
    checkPageRecord(record);
    return this.guard(async () => {
      const keepRaw = await this.keepRaw(record.runId);
      for (let attempt = 1; ; attempt++) {
        try {
          return await transaction(this.pool, async (client) => {
            if (this.lockPid !== null) await checkWriteLock(client, this.lockPid);
            return writePage(client, record, keepRaw);
          });
        } catch (error) {
          if (attempt >= RACE_RETRIES || !lostRace(error)) throw error;
        }
      }
    });
  }

  /**
   * Runs `work` (an ingest's decision about one page and its commit) while no other writer of this
   * archive runs work with one of the same keys: session advisory locks on the keys, on a connection of
   * its own, released when the work ends or the connection drops (a killed worker holds nothing). Every
   * decision then sees every committed page that could change it, as with a single writer, whichever
   * worker process makes it; workers on unrelated pages do not wait for each other (one lock for all
   * made the decisions of every worker one queue, which capped the archive's ingest at one writer's pace).
   */
  async serializeWrites<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    // In call order within this process (one lock connection at a time), then across processes.
    return this.writes.run(() => this.underAdvisoryLocks(keys, work));
  }

  /**
   * The locks live on their own connection, taken in the order of their hashes (two writers wanting
   * the same keys wait, never deadlock); if that connection is lost (a server restart) while the work
   * runs, the work's commit finds the locks gone (commitPage checks inside its transaction), is rolled
   * back, and the work is done again under new locks.
   */
  private async underAdvisoryLocks<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    if (keys.length === 0) return work();
    for (let attempt = 1; ; attempt++) {
      const { client, pid } = await this.guard(async () => {
        const connection = await this.pool.connect();
        try {
          const row = await one<{ pid: number }>(connection, LOCK_DECISION_KEYS, { space: DECISION_LOCKS, keys: [...keys] });
          return { client: connection, pid: row!.pid };
        } catch (error) {
          connection.release(true);
          throw error;
        }
      });
      let broken = false;
      this.lockPid = pid;
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof WriteLockLost) || attempt >= RACE_RETRIES) throw error;
      } finally {
        this.lockPid = null;
        await query(client, 'SELECT pg_advisory_unlock_all()').catch(() => void (broken = true));
        client.release(broken);
      }
    }
  }

  /**
   * Bookings in the fetch_spacing table, on the database server's clock (the workers' clocks may
   * differ): each call moves the host's next free start `gapMs` on, atomically (the row's lock), and
   * returns the wait until the start it booked.
   */
  sharedFetchSpacing(): (host: string, gapMs: number) => Promise<number> {
    return (host, gapMs) => this.guard(async () => (await one<{ wait_ms: number }>(this.pool, BOOK_FETCH_START, { host, gap: gapMs }))!.wait_ms);
  }

  exportPages(): AsyncIterable<ExportedPage> {
    const pool = this.pool;
    return this.batched(async function* () {
      const top = (await one<{ id: number | null }>(pool, 'SELECT max(id) AS id FROM pages'))?.id ?? 0;
      let after = 0;
      for (;;) {
        const rows = await query<ExportedPageRow & Record<string, unknown>>(pool, EXPORTED_PAGES, { after, top, batchSize: EXPORT_BATCH_SIZE });
        if (rows.length === 0) return;
        yield rows.map(rowToExportedPage);
        after = rows[rows.length - 1]!.id;
      }
    });
  }

  async findCommittedPage(sourceKey: string): Promise<CommittedPage | null> {
    return this.guard(() => pageBySourceKey(this.pool, sourceKey));
  }

  async findArticleByCanonicalUrl(canonicalUrl: string): Promise<ArticleRef | null> {
    return this.guard(() => articleRef(this.pool, 'a.canonical_url = @value', canonicalUrl));
  }

  async findArticleByTextHash(textHash: string): Promise<ArticleRef | null> {
    return this.guard(() => articleRef(this.pool, 'a.text_hash = @value ORDER BY a.id LIMIT 1', textHash));
  }

  async findNearDuplicateCandidates(bandKeys: readonly string[], limit = NEAR_DUPLICATE_CANDIDATE_LIMIT): Promise<NearDuplicateCandidate[]> {
    if (bandKeys.length === 0) return [];
    return this.guard(async () => {
      const rows = await query<ArticleRefRow & { minhash: Buffer; shared: number }>(
        this.pool,
        `SELECT ${ARTICLE_REF_COLUMNS}, a.minhash, c.shared
         FROM (SELECT article_id, count(*) AS shared FROM article_bands WHERE band_key = ANY(@keys::text[]) GROUP BY article_id) c
         JOIN articles a ON a.id = c.article_id
         LEFT JOIN duplicate_members m ON m.article_id = a.id
         WHERE a.minhash IS NOT NULL
         ORDER BY c.shared DESC, a.id
         LIMIT @limit`,
        { keys: [...new Set(bandKeys)], limit },
      );
      return rows.map((row) => ({ ...rowToArticleRef(row), signature: new Uint8Array(row.minhash), sharedBands: row.shared }));
    });
  }

  async findFetchValidators(url: string): Promise<FetchValidators | null> {
    return this.guard(async () => {
      const row = await one<{ id: number; url: string; etag: string | null; last_modified: string | null; fetched_at: string; article_id: number | null }>(
        this.pool,
        `SELECT p.id, p.url, p.etag, p.last_modified, p.fetched_at, coalesce(a.id, p.duplicate_of) AS article_id
         FROM pages p LEFT JOIN articles a ON a.page_id = p.id
         WHERE p.url = @url AND (p.etag IS NOT NULL OR p.last_modified IS NOT NULL)
         ORDER BY p.fetched_at DESC, p.id DESC LIMIT 1`,
        { url },
      );
      return row ? { url: row.url, etag: row.etag, lastModified: row.last_modified, fetchedAt: row.fetched_at, pageId: row.id, articleId: row.article_id } : null;
    });
  }

  async readRawHtml(pageId: number): Promise<Uint8Array | null> {
    return this.guard(async () => {
      const row = await one<{ html_gz: Buffer }>(this.pool, 'SELECT html_gz FROM page_raw WHERE page_id = @id', { id: pageId });
      return row ? new Uint8Array(gunzipSync(row.html_gz)) : null;
    });
  }

  async listRevisions(articleId: number): Promise<ArticleRevision[] | null> {
    return this.guard(() => readRevisions(this.pool, articleId));
  }

  streamArticleUrls(): AsyncIterable<{ readonly articleId: number; readonly url: string }> {
    return this.batched(() => articleUrlBatches(this.pool, STREAM_BATCH_SIZE));
  }

  async getArchiveSetting(name: string): Promise<string | null> {
    return this.guard(async () => (await one<{ value: string }>(this.pool, 'SELECT value FROM archive_settings WHERE name = @name', { name }))?.value ?? null);
  }

  async setArchiveSetting(name: string, value: string | null): Promise<void> {
    await this.guard(async () => {
      if (value === null) await query(this.pool, 'DELETE FROM archive_settings WHERE name = @name', { name });
      else {
        await query(this.pool, 'INSERT INTO archive_settings (name, value, updated_at) VALUES (@name, @value, @at) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at', {
          name, value, at: new Date().toISOString(),
        });
      }
    });
  }

  async search(search: SearchQuery): Promise<SearchPage> {
    return this.guard(() => searchArticles(this.pool, search));
  }

  async getArticle(idOrUrl: number | string): Promise<StoredArticle | null> {
    return this.guard(() => getArticle(this.pool, idOrUrl));
  }

  exportArticles(filter: ArticleFilter = {}): AsyncIterable<StoredArticle> {
    return this.batched(() => exportArticles(this.pool, filter));
  }

  async stats(options: StatsOptions = {}): Promise<StoreStats> {
    return this.guard(() => readStats(this.pool, options));
  }

  async listArticles(list: ListArticlesQuery): Promise<ArticleListPage> {
    return this.guard(() => listArticles(this.pool, list));
  }

  async saveAnalysis(articleId: number, analysis: ArticleAnalysis): Promise<void> {
    checkAnalysis(analysis, `article ${articleId}`);
    await this.guard(() => transaction(this.pool, (client) => saveArticleAnalysis(client, articleId, analysis)));
  }

  async getAnalysis(articleId: number): Promise<ArticleAnalysis | null> {
    return this.guard(() => readAnalysis(this.pool, articleId));
  }

  staleArticles(stageVersions: readonly StageStamp[]): AsyncIterable<number> {
    return this.batched(() => staleBatches(this.pool, stageVersions, STREAM_BATCH_SIZE));
  }

  async queryEvents(page: EventFilter & PageQuery): Promise<EventPage> {
    return this.guard(() => queryEvents(this.pool, page));
  }

  streamEvents(filter: EventFilter = {}): AsyncIterable<StoredEvent> {
    return this.batched(() => eventBatches(this.pool, filter, STREAM_BATCH_SIZE));
  }

  async queryEventGroups(page: EventFilter & PageQuery): Promise<EventGroupPage> {
    return this.guard(() => queryEventGroups(this.pool, page));
  }

  streamEventGroups(filter: EventFilter = {}): AsyncIterable<EventGroup> {
    return this.batched(() => eventGroupBatches(this.pool, filter, STREAM_BATCH_SIZE));
  }

  async eventTimeline(filter: EventFilter, by: TimelineUnit): Promise<TimelineBucket[]> {
    return this.guard(() => eventTimeline(this.pool, filter, by));
  }

  async queryQuotes(page: QuoteFilter & PageQuery): Promise<QuotePage> {
    return this.guard(() => queryQuotes(this.pool, page));
  }

  streamQuotes(filter: QuoteFilter = {}): AsyncIterable<StoredQuote> {
    return this.batched(() => quoteBatches(this.pool, filter, STREAM_BATCH_SIZE));
  }

  async listActors(actors: ActorQuery = {}): Promise<ActorSummary[]> {
    return this.guard(() => listActors(this.pool, actors));
  }

  async listThemes(themes: AggregateQuery = {}): Promise<ThemeSummary[]> {
    return this.guard(() => listThemes(this.pool, themes));
  }

  async placeCounts(places: PlaceQuery = {}): Promise<PlaceCounts> {
    return this.guard(() => placeCounts(this.pool, places));
  }

  async articleTimeline(selection: ArticleSelection, by: TimelineUnit): Promise<ArticleTimeline> {
    return this.guard(() => explore.articleTimeline(this.pool, selection, by));
  }

  async articleFacets(selection: ArticleSelection, facets: FacetQuery = {}): Promise<ArticleFacets> {
    return this.guard(() => explore.articleFacets(this.pool, selection, facets));
  }

  async coMentions(selection: ArticleSelection, network: NetworkQuery = {}): Promise<CoMentionNetwork> {
    return this.guard(() => explore.coMentions(this.pool, selection, network));
  }

  async actorProfile(profile: ActorProfileQuery): Promise<ActorProfile> {
    return this.guard(() => explore.actorProfile(this.pool, profile));
  }

  async themeTimeline(timeline: ThemeTimelineQuery): Promise<ThemeSeries[]> {
    return this.guard(() => explore.themeTimeline(this.pool, timeline));
  }

  async themeGrid(grid: ThemeGridQuery): Promise<ThemeGrid> {
    return this.guard(() => explore.themeGrid(this.pool, grid));
  }

  async listFailures(page: FailureFilter & PageQuery): Promise<FailurePage> {
    return this.guard(() => explore.listFailures(this.pool, page));
  }

  async getDuplicateGroup(groupId: number): Promise<DuplicateGroup | null> {
    return this.guard(() => explore.duplicateGroup(this.pool, groupId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** An async iterable over batches; each batch is read under the guard (a closed store, a lost server). */
  private batched<T>(start: () => AsyncGenerator<T[]>): AsyncIterable<T> {
    const guard = <R>(work: () => Promise<R>): Promise<R> => this.guard(work);
    return {
      async *[Symbol.asyncIterator]() {
        const batches = start();
        for (;;) {
          const batch = await guard(() => batches.next());
          if (batch.done) return;
          yield* batch.value;
        }
      },
    };
  }

  private async keepRaw(runId: number): Promise<boolean> {
    let keep = this.keepRawByRun.get(runId);
    if (keep === undefined) {
      const row = await one<{ keep_raw: number }>(this.pool, 'SELECT keep_raw FROM runs WHERE id = @id', { id: runId });
      if (!row) throw new StoreError('E_STORE_INPUT', `Run ${runId} does not exist: commit pages under the id startRun returned.`);
      keep = row.keep_raw === 1;
      this.keepRawByRun.set(runId, keep);
    }
    return keep;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreError('E_STORE_CLOSED', `The store for ${this.location} is closed.`);
    try {
      return await withReconnect(work, this.options.reconnectMs);
    } catch (error) {
      throw translatePgError(error, this.url);
    }
  }
}

/** The decision locks were lost while the work under them ran (the server restarted): do the work again. */
class WriteLockLost extends Error {}

/** The locks of serializeWrites are still held: their connection is alive (it holds all of them or none). */
async function checkWriteLock(client: pg.PoolClient, pid: number): Promise<void> {
  const held = await one<{ held: boolean }>(
    client,
    `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = @pid AND objsubid = 2 AND classid = @space::oid) AS held`,
    { pid, space: DECISION_LOCKS },
  );
  if (!held?.held) throw new WriteLockLost('The decision locks were lost (the database restarted): the page is decided again.');
}

function lostRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isUniqueViolation(error) || code === '40001' || code === '40P01';
}
