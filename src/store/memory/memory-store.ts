import type { EventGroup, EventGroupPage } from '../event-groups.js';
import { decodeCursor, nextCursor, searchFingerprint } from '../cursor.js';
import { StoreError } from '../errors.js';
import { matchesFilter, normalizeFilter, normalizeLimit, publishedInstant, siteFromKey, siteKey, siteOfUrl, type NormalizedFilter } from '../filters.js';
import { parseQuery, type QueryNode } from '../query/parse.js';
import {
  EXPORT_BATCH_SIZE,
  NEAR_DUPLICATE_CANDIDATE_LIMIT,
  type ArticleFilter,
  type ArticleListPage,
  REVISION_REASON,
  type ArticleRef,
  type ArticleRevision,
  type CommitResult,
  type CommittedPage,
  type ExportedPage,
  type FetchValidators,
  type NearDuplicateCandidate,
  type PageRecord,
  type RevisionOutcome,
  type RunFinish,
  type RunId,
  type RunStart,
  type SearchHit,
  type SearchPage,
  type SearchQuery,
  type StatsOptions,
  type Store,
  type StoredArticle,
  type StoreStats,
} from '../store.js';
import { checkPageRecord, checkRunFinish, checkRunStart } from '../validate.js';
import { checkAnalysis } from '../validate-analysis.js';
import type { StageStamp } from '../../model/document.js';
import { decodeKeyset, encodeKeyset, listFingerprint } from '../analysis-filters.js';
import type {
  ActorQuery,
  ActorSummary,
  AggregateQuery,
  PlaceCounts,
  PlaceQuery,
  ArticleAnalysis,
  EventFilter,
  EventPage,
  ListArticlesQuery,
  PageQuery,
  QuoteFilter,
  QuotePage,
  StoredEvent,
  StoredQuote,
  ThemeSummary,
  TimelineBucket,
  TimelineUnit,
} from '../analysis.js';
import { MemoryAnalyses } from './analysis.js';
import { WriteLock } from '../write-lock.js';
import { MemoryExplorer } from './explore.js';
import type { NormalizedSelection } from '../explore-filters.js';
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
import { allPhrases, bm25 } from './ranking.js';
import { memoryStats } from './stats.js';
import { MemoryTables, type ArticleEntry, type PageEntry } from './tables.js';

/** Below every real date: undated articles come last when listing newest first. */
const UNDATED_LAST = -8_640_000_000_000_000;

function* chunk<T>(items: Iterable<T>, size = 500): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The in-memory adapter: the same contract as SQLite (contract.ts), for unit tests of the ingest and
 * anything else that wants a store without a file. Everything handed in or out is copied, so callers
 * can neither change stored data nor be changed by it. A commit checks everything before it changes
 * anything, which makes it as atomic as a transaction.
 */
export class MemoryStore implements Store {
  private readonly t = new MemoryTables();
  private readonly analyses = new MemoryAnalyses();
  private readonly explorer = new MemoryExplorer(this.t, this.analyses, (selection) => this.select(selection));
  private closed = false;
  private readonly writes = new WriteLock();

  async serializeWrites<T>(_keys: readonly string[], work: () => Promise<T>): Promise<T> {
    // One writer: one piece of work at a time, whatever its keys.
    return this.writes.run(work);
  }

  sharedFetchSpacing(): null {
    return null;
  }

  async startRun(run: RunStart): Promise<RunId> {
    this.open();
    checkRunStart(run);
    const id = this.t.runs.size + 1;
    this.t.runs.set(id, { id, start: structuredClone(run), finish: null });
    return id;
  }

  async finishRun(id: RunId, finish: RunFinish): Promise<void> {
    this.open();
    checkRunFinish(finish);
    const run = this.t.runs.get(id);
    if (!run) throw new StoreError('E_STORE_INPUT', `Run ${id} does not exist: finish the id startRun returned.`);
    run.finish = structuredClone(finish);
  }

  async commitPage(record: PageRecord): Promise<CommitResult> {
    this.open();
    checkPageRecord(record);
    const existingId = this.t.pageIdByKey.get(record.sourceKey);
    const existing = existingId === undefined ? null : this.t.pages.get(existingId)!;
    if (existing && existing.outcome.kind !== 'failed') return { status: 'already-committed', page: this.t.committedPage(existing) };
    const run = this.t.runs.get(record.runId);
    if (!run) throw new StoreError('E_STORE_INPUT', `Run ${record.runId} does not exist: commit pages under the id startRun returned.`);
    let outcome = record.outcome;
    if (outcome.kind === 'article') {
      const holder = this.t.articleIdByCanonical.get(record.canonicalUrl!);
      if (holder !== undefined) outcome = { kind: 'duplicate', articleId: holder, reason: 'canonical-url', similarity: 1 };
    }
    if ((outcome.kind === 'duplicate' || outcome.kind === 'revision') && !this.t.articles.has(outcome.articleId)) {
      throw new StoreError('E_STORE_INPUT', `The ${outcome.kind} outcome names article ${outcome.articleId}, which does not exist.`);
    }
    if (outcome.kind === 'article' && outcome.copyOf && !this.t.articles.has(outcome.copyOf.articleId)) {
      throw new StoreError('E_STORE_INPUT', `copyOf names article ${outcome.copyOf.articleId}, which does not exist.`);
    }
    // Checked: from here on nothing can fail, so the page is committed whole or not at all.
    if (existing) this.t.deletePage(existing.id);
    // A revision's page is a duplicate page of its article (reason `revision`); the new text goes to the article.
    const stored = outcome.kind === 'revision' ? ({ kind: 'duplicate', articleId: outcome.articleId, reason: REVISION_REASON, similarity: outcome.similarity } as const) : outcome;
    const page: PageEntry = {
      id: this.t.nextPageId++,
      record: { ...structuredClone({ ...record, raw: null, rawGzip: null, outcome: null }), outcome: structuredClone(stored) } as PageEntry['record'],
      outcome: structuredClone(stored),
      articleId: null,
    };
    this.t.pages.set(page.id, page);
    this.t.pageIdByKey.set(record.sourceKey, page.id);
    if (run.start.keepRaw && record.raw !== null) this.t.raw.set(page.id, new Uint8Array(record.raw));
    if (outcome.kind === 'article') {
      const article = structuredClone(outcome.article);
      const entry: ArticleEntry = {
        id: this.t.nextArticleId++,
        pageId: page.id,
        runId: record.runId,
        canonicalUrl: record.canonicalUrl!,
        siteKey: siteKey(siteOfUrl(record.canonicalUrl!)),
        publishedMs: publishedInstant(article.published),
        firstSeen: record.fetchedAt,
        textSeenAt: record.fetchedAt,
        textPageId: page.id,
        textHash: outcome.textHash,
        signature: outcome.minhash ? new Uint8Array(outcome.minhash.signature) : null,
        article,
        matcher: null,
      };
      this.t.addArticle(entry, outcome.minhash?.bandKeys ?? []);
      page.articleId = entry.id;
      if (outcome.copyOf) this.t.joinGroup(entry.id, outcome.copyOf.articleId, outcome.copyOf.similarity, record.fetchedAt);
      if (outcome.analysis) this.analyses.save(entry, outcome.analysis);
    }
    if (outcome.kind === 'revision') this.revise(outcome, page.id, record.fetchedAt);
    return { status: existing ? 'replaced-failure' : 'stored', page: this.t.committedPage(page) };
  }

  /** As the SQLite adapter's reviseArticle: the newer text becomes the article's, the other is kept as a revision. */
  private revise(outcome: RevisionOutcome, pageId: number, fetchedAt: string): void {
    const current = this.t.articles.get(outcome.articleId)!;
    const article = structuredClone(outcome.article);
    if (fetchedAt < current.textSeenAt) {
      this.t.keepRevision(current.id, { pageId, seenAt: fetchedAt, textHash: outcome.textHash, article });
      return;
    }
    this.t.keepRevision(current.id, { pageId: current.textPageId, seenAt: current.textSeenAt, textHash: current.textHash, article: current.article });
    const entry: ArticleEntry = {
      ...current,
      textSeenAt: fetchedAt,
      textPageId: pageId,
      publishedMs: publishedInstant(article.published),
      textHash: outcome.textHash,
      signature: outcome.minhash ? new Uint8Array(outcome.minhash.signature) : null,
      article,
      matcher: null,
    };
    this.t.replaceArticle(entry, outcome.minhash?.bandKeys ?? []);
    if (outcome.analysis) this.analyses.save(entry, outcome.analysis);
    else this.analyses.remove(entry.id);
  }

  async listRevisions(articleId: number): Promise<ArticleRevision[] | null> {
    this.open();
    if (!this.t.articles.has(articleId)) return null;
    const list = [...(this.t.revisions.get(articleId) ?? [])].sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0));
    return list.map((revision, i) => ({ number: i + 1, pageId: revision.pageId, seenAt: revision.seenAt, textHash: revision.textHash, article: structuredClone(revision.article) }));
  }

  streamArticleUrls(): AsyncIterable<{ readonly articleId: number; readonly url: string }> {
    const urls = (): { articleId: number; url: string }[] =>
      [...this.t.articles.values()]
        .sort((a, b) => a.id - b.id)
        .map((e) => ({ articleId: e.id, url: e.article.url ?? e.canonicalUrl }))
        .filter((entry) => /^https?:\/\//i.test(entry.url));
    return this.batches(() => chunk(urls()));
  }

  async getArchiveSetting(name: string): Promise<string | null> {
    this.open();
    return this.t.settings.get(name) ?? null;
  }

  async setArchiveSetting(name: string, value: string | null): Promise<void> {
    this.open();
    if (value === null) this.t.settings.delete(name);
    else this.t.settings.set(name, value);
  }

  exportPages(): AsyncIterable<ExportedPage> {
    const tables = this.t;
    const check = (): void => this.open();
    return {
      async *[Symbol.asyncIterator]() {
        check();
        const ids = [...tables.pages.keys()].sort((a, b) => a - b);
        for (const batch of chunk(ids, EXPORT_BATCH_SIZE)) {
          check();
          const pages: ExportedPage[] = [];
          for (const id of batch) {
            const entry = tables.pages.get(id);
            if (!entry) continue;
            const r = entry.record;
            pages.push({ ...tables.committedPage(entry), source: r.source, httpStatus: r.httpStatus, contentHash: r.contentHash, contentType: r.contentType ?? null, etag: r.etag ?? null, lastModified: r.lastModified ?? null });
          }
          yield* pages;
        }
      },
    };
  }

  async findCommittedPage(sourceKey: string): Promise<CommittedPage | null> {
    this.open();
    const id = this.t.pageIdByKey.get(sourceKey);
    return id === undefined ? null : this.t.committedPage(this.t.pages.get(id)!);
  }

  async findArticleByCanonicalUrl(canonicalUrl: string): Promise<ArticleRef | null> {
    this.open();
    const id = this.t.articleIdByCanonical.get(canonicalUrl);
    return id === undefined ? null : this.t.articleRef(this.t.articles.get(id)!);
  }

  async findArticleByTextHash(textHash: string): Promise<ArticleRef | null> {
    this.open();
    for (const entry of this.t.articles.values()) if (entry.textHash === textHash) return this.t.articleRef(entry);
    return null;
  }

  async findNearDuplicateCandidates(bandKeys: readonly string[], limit = NEAR_DUPLICATE_CANDIDATE_LIMIT): Promise<NearDuplicateCandidate[]> {
    this.open();
    const shared = new Map<number, number>();
    for (const key of new Set(bandKeys)) for (const id of this.t.bands.get(key) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
    return [...shared]
      .map(([id, n]) => ({ entry: this.t.articles.get(id)!, n }))
      .filter(({ entry }) => entry.signature !== null)
      .sort((a, b) => b.n - a.n || a.entry.id - b.entry.id)
      .slice(0, limit)
      .map(({ entry, n }) => ({ ...this.t.articleRef(entry), signature: new Uint8Array(entry.signature!), sharedBands: n }));
  }

  async findFetchValidators(url: string): Promise<FetchValidators | null> {
    this.open();
    let best: PageEntry | null = null;
    for (const page of this.t.pages.values()) {
      const r = page.record;
      if (r.url !== url || (r.etag == null && r.lastModified == null)) continue;
      if (!best || r.fetchedAt > best.record.fetchedAt || (r.fetchedAt === best.record.fetchedAt && page.id > best.id)) best = page;
    }
    if (!best) return null;
    const articleId = best.articleId ?? (best.outcome.kind === 'duplicate' ? best.outcome.articleId : null);
    return { url, etag: best.record.etag ?? null, lastModified: best.record.lastModified ?? null, fetchedAt: best.record.fetchedAt, pageId: best.id, articleId };
  }

  async readRawHtml(pageId: number): Promise<Uint8Array | null> {
    this.open();
    const raw = this.t.raw.get(pageId);
    return raw ? new Uint8Array(raw) : null;
  }

  async search(query: SearchQuery): Promise<SearchPage> {
    this.open();
    const tree = parseQuery(query.text);
    const filter = normalizeFilter(query);
    const limit = normalizeLimit(query.limit);
    const fingerprint = searchFingerprint(tree, filter);
    const cursor = query.cursor ? decodeCursor(query.cursor, fingerprint) : null;
    const maxId = cursor?.maxId ?? this.t.nextArticleId - 1;
    const ranked = this.ranked(tree, filter, maxId);
    const offset = cursor?.offset ?? 0;
    const page = ranked.slice(offset, offset + limit);
    const hits: SearchHit[] = page.map(({ entry, score }) => {
      const snippet = this.t.matcher(entry).snippet(entry.article.text, tree);
      const a = entry.article;
      return { id: entry.id, url: entry.canonicalUrl, title: a.title, published: a.published, siteName: a.siteName, site: siteFromKey(entry.siteKey), language: a.language, score, snippet: snippet.text, highlights: snippet.highlights };
    });
    const next = nextCursor(fingerprint, offset + page.length, ranked.length > offset + limit, maxId);
    return query.withTotal ? { hits, nextCursor: next, total: ranked.length } : { hits, nextCursor: next };
  }

  /** The articles (up to maxId) that match the query and pass the filter, by BM25 score (the same as FTS5's). */
  private ranked(tree: QueryNode, filter: NormalizedFilter, maxId: number): { entry: ArticleEntry; score: number }[] {
    const phrases = allPhrases(tree);
    const all = [...this.t.articles.values()];
    const totalLength = all.reduce((sum, e) => sum + this.t.matcher(e).doc.length, 0);
    const documentFrequency = new Map(phrases.map((p) => [p, all.filter((e) => this.t.matcher(e).contains(p)).length]));
    const corpus = { documents: all.length, averageLength: all.length ? totalLength / all.length : 0, documentFrequency };
    return all
      .filter((e) => e.id <= maxId && this.passes(filter, e) && this.t.matcher(e).matches(tree))
      .map((e) => ({ entry: e, score: bm25(this.t.matcher(e), phrases, corpus) }))
      .sort((a, b) => b.score - a.score || a.entry.id - b.entry.id);
  }

  /** A selection in sample order: the most relevant articles of a search, else the newest. */
  private select(selection: NormalizedSelection): ArticleEntry[] {
    if (selection.tree !== null) return this.ranked(selection.tree, selection.filter, Infinity).map((r) => r.entry);
    const key = (e: ArticleEntry): number => e.publishedMs ?? UNDATED_LAST;
    return [...this.t.articles.values()].filter((e) => this.passes(selection.filter, e)).sort((a, b) => key(b) - key(a) || b.id - a.id);
  }

  /** Whether an article passes a filter, its analysis layers included (actor, theme). */
  private passes(filter: NormalizedFilter, e: ArticleEntry): boolean {
    return matchesFilter(filter, { publishedMs: e.publishedMs, siteKey: e.siteKey, language: e.article.language }, () => this.analyses.layerKeys(e.id));
  }

  async getArticle(idOrUrl: number | string): Promise<StoredArticle | null> {
    this.open();
    const id = typeof idOrUrl === 'number' ? idOrUrl : this.t.articleIdByUrl(idOrUrl);
    const entry = id === null ? undefined : this.t.articles.get(id);
    return entry ? this.t.storedArticle(entry) : null;
  }

  exportArticles(filter: ArticleFilter = {}): AsyncIterable<StoredArticle> {
    const tables = this.t;
    const check = (): void => this.open();
    const passesFilter = (f: NormalizedFilter, e: ArticleEntry): boolean => this.passes(f, e);
    return {
      async *[Symbol.asyncIterator]() {
        check();
        const normalized = normalizeFilter(filter);
        const passes = (e: ArticleEntry): boolean => passesFilter(normalized, e);
        const maxId = tables.nextArticleId - 1;
        let after = 0;
        for (;;) {
          check();
          const batch: StoredArticle[] = [];
          for (let id = after + 1; id <= maxId && batch.length < EXPORT_BATCH_SIZE; id++) {
            after = id;
            const e = tables.articles.get(id);
            if (e && passes(e)) batch.push(tables.storedArticle(e));
          }
          if (batch.length === 0 && after >= maxId) return;
          yield* batch;
        }
      },
    };
  }

  async stats(options: StatsOptions = {}): Promise<StoreStats> {
    this.open();
    return memoryStats(this.t, options, this.analyses.abstentionCounts());
  }

  async listArticles(query: ListArticlesQuery): Promise<ArticleListPage> {
    this.open();
    const filter = normalizeFilter(query);
    const limit = normalizeLimit(query.limit);
    const fingerprint = listFingerprint('articles', filter);
    const cursor = query.cursor ? decodeKeyset(query.cursor, 'articles', fingerprint) : null;
    const maxId = cursor?.maxId ?? this.t.nextArticleId - 1;
    const key = (e: { publishedMs: number | null }): number => e.publishedMs ?? UNDATED_LAST;
    const rows = [...this.t.articles.values()]
      .filter((e) => e.id <= maxId && this.passes(filter, e))
      .filter((e) => cursor === null || key(e) < cursor.sortMs || (key(e) === cursor.sortMs && e.id < cursor.id))
      .sort((a, b) => key(b) - key(a) || b.id - a.id);
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return {
      articles: shown.map((e) => this.t.storedArticle(e)),
      nextCursor: rows.length > limit && last ? encodeKeyset('articles', fingerprint, { sortMs: key(last), id: last.id, maxId }) : null,
    };
  }

  async saveAnalysis(articleId: number, analysis: ArticleAnalysis): Promise<void> {
    this.open();
    checkAnalysis(analysis, `article ${articleId}`);
    const entry = this.t.articles.get(articleId);
    if (!entry) throw new StoreError('E_STORE_INPUT', `Article ${articleId} does not exist: save the analysis of a stored article.`);
    this.analyses.save(entry, analysis);
  }

  async getAnalysis(articleId: number): Promise<ArticleAnalysis | null> {
    this.open();
    return this.analyses.get(articleId);
  }

  staleArticles(stageVersions: readonly StageStamp[]): AsyncIterable<number> {
    const ids = (): number[] => [...this.t.articles.keys()].sort((a, b) => a - b);
    return this.batches(() => chunk(this.analyses.stale(ids(), stageVersions)));
  }

  async queryEvents(query: EventFilter & PageQuery): Promise<EventPage> {
    this.open();
    return this.analyses.queryEvents(query);
  }

  streamEvents(filter: EventFilter = {}): AsyncIterable<StoredEvent> {
    return this.batches(() => this.analyses.eventBatches(filter));
  }

  async queryEventGroups(query: EventFilter & PageQuery): Promise<EventGroupPage> {
    this.open();
    return this.analyses.queryEventGroups(query);
  }

  streamEventGroups(filter: EventFilter = {}): AsyncIterable<EventGroup> {
    return this.batches(() => this.analyses.eventGroupBatches(filter));
  }

  async eventTimeline(filter: EventFilter, by: TimelineUnit): Promise<TimelineBucket[]> {
    this.open();
    return this.analyses.timeline(filter, by);
  }

  async queryQuotes(query: QuoteFilter & PageQuery): Promise<QuotePage> {
    this.open();
    return this.analyses.queryQuotes(query);
  }

  streamQuotes(filter: QuoteFilter = {}): AsyncIterable<StoredQuote> {
    return this.batches(() => this.analyses.quoteBatches(filter));
  }

  async listActors(query: ActorQuery = {}): Promise<ActorSummary[]> {
    this.open();
    return this.analyses.actors(query);
  }

  async listThemes(query: AggregateQuery = {}): Promise<ThemeSummary[]> {
    this.open();
    return this.analyses.themes(query);
  }

  async placeCounts(query: PlaceQuery = {}): Promise<PlaceCounts> {
    this.open();
    return this.analyses.placeCounts(query);
  }

  private batches<T>(start: () => Generator<T[]>): AsyncIterable<T> {
    const check = (): void => this.open();
    return {
      async *[Symbol.asyncIterator]() {
        check();
        const batches = start();
        for (;;) {
          check();
          const batch = batches.next();
          if (batch.done) return;
          yield* batch.value;
        }
      },
    };
  }

  async articleTimeline(selection: ArticleSelection, by: TimelineUnit): Promise<ArticleTimeline> {
    this.open();
    return this.explorer.articleTimeline(selection, by);
  }

  async articleFacets(selection: ArticleSelection, query: FacetQuery = {}): Promise<ArticleFacets> {
    this.open();
    return this.explorer.articleFacets(selection, query);
  }

  async coMentions(selection: ArticleSelection, query: NetworkQuery = {}): Promise<CoMentionNetwork> {
    this.open();
    return this.explorer.coMentions(selection, query);
  }

  async actorProfile(query: ActorProfileQuery): Promise<ActorProfile> {
    this.open();
    return this.explorer.actorProfile(query);
  }

  async themeTimeline(query: ThemeTimelineQuery): Promise<ThemeSeries[]> {
    this.open();
    return this.explorer.themeTimeline(query);
  }

  async themeGrid(query: ThemeGridQuery): Promise<ThemeGrid> {
    this.open();
    return this.explorer.themeGrid(query);
  }

  async listFailures(query: FailureFilter & PageQuery): Promise<FailurePage> {
    this.open();
    return this.explorer.listFailures(query);
  }

  async getDuplicateGroup(groupId: number): Promise<DuplicateGroup | null> {
    this.open();
    return this.explorer.getDuplicateGroup(groupId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private open(): void {
    if (this.closed) throw new StoreError('E_STORE_CLOSED', 'The in-memory store is closed.');
  }
}
