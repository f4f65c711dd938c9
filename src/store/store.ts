import type { EventGroup, EventGroupPage } from './event-groups.js';
import type { Article } from '../model/article.js';
import type { StageStamp } from '../model/document.js';
import type {
  ActorQuery,
  ActorSummary,
  AggregateQuery,
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
  PlaceCounts,
  PlaceQuery,
  TimelineBucket,
  TimelineUnit,
} from './analysis.js';
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
} from './explore.js';

/**
 * The store port: everything Parley keeps (runs, pages, articles, duplicate groups, failures) and every
 * question asked of it. Adapters: memory/ (unit tests of the ingest), sqlite/ (the default). Every
 * method is async so that a client/server database can implement the same port.
 *
 * Writing is done by ONE writer (an ingest), one page at a time: `commitPage` stores a page and its
 * outcome in one transaction, so a crash at any moment leaves every page either fully committed or
 * absent, and a re-run skips what `findCommittedPage` already knows. Timestamps are ISO 8601 strings.
 */
export interface Store {
  /** Records the start of an ingest run; pages are committed under the returned id. */
  startRun(run: RunStart): Promise<RunId>;
  /** Records the end of a run with its counts. A run never finished (killed) stays `unfinished`. */
  finishRun(id: RunId, finish: RunFinish): Promise<void>;

  /**
   * Stores one page with its outcome in one transaction. Idempotent by `sourceKey`: a key already
   * committed stores nothing and returns what was there (`already-committed`); the one exception is a
   * page whose stored outcome is `failed`, which a new commit replaces (`replaced-failure`), so an
   * ingest may retry failures. An `article` outcome whose canonical URL already has an article is stored
   * as a `duplicate` of that article (one article per canonical URL): read the outcome from the result.
   */
  commitPage(record: PageRecord): Promise<CommitResult>;

  /**
   * Runs `work` — an ingest's decision about one page (is it a copy of a stored article?) and its
   * commit — while no other writer of this archive runs work with one of the same `keys`. The keys name
   * what the decision reads (the page's canonical URL, text hash and LSH bands: decideKeys), so every
   * decision sees every committed page that could change it, as with a single writer. PostgreSQL: locks
   * on the keys across all worker processes, so writers of unrelated pages commit at the same time;
   * SQLite and memory (one writer): one piece of work at a time within this store, in call order.
   * Returns what `work` returns.
   */
  serializeWrites<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;

  /**
   * Politeness kept by every process that writes this archive: a function that books the start of a
   * request to a host so that the requests of all of them to it start at least `gapMs` apart, and says
   * how many ms to wait for it (the fetcher's SharedSpacing). Null where one process writes the archive
   * (SQLite, memory): the fetcher's own spacing is all there is to keep.
   */
  sharedFetchSpacing(): ((host: string, gapMs: number) => Promise<number>) | null;

  /**
   * Every committed page with what came of it, in commit order, read in batches (memory stays bounded):
   * what `parley copy` replays into another store. Pages committed after the export started are left out.
   */
  exportPages(): AsyncIterable<ExportedPage>;

  /** The committed page with this source key (resume: skip it), or null. */
  findCommittedPage(sourceKey: string): Promise<CommittedPage | null>;
  findArticleByCanonicalUrl(canonicalUrl: string): Promise<ArticleRef | null>;
  /** The first stored article whose body has this hash (exact duplicates). */
  findArticleByTextHash(textHash: string): Promise<ArticleRef | null>;
  /**
   * Articles sharing at least one LSH band key with the given ones, with their MinHash signatures,
   * most shared bands first (then oldest first), at most `limit` (default NEAR_DUPLICATE_CANDIDATE_LIMIT).
   */
  findNearDuplicateCandidates(bandKeys: readonly string[], limit?: number): Promise<NearDuplicateCandidate[]>;
  /** The validators of the latest page fetched from this URL that had any (conditional re-fetch), or null. */
  findFetchValidators(url: string): Promise<FetchValidators | null>;
  /** The page's raw HTML as fetched (decompressed), or null when it was not kept (`keepRaw: false`). */
  readRawHtml(pageId: number): Promise<Uint8Array | null>;

  // Revisions: an article whose page changed (a live blog, a correction) keeps its earlier texts.

  /**
   * The earlier texts of an article, oldest first (the current text is getArticle's), or null when there
   * is no such article. A `revision` outcome makes them (see RevisionOutcome).
   */
  listRevisions(articleId: number): Promise<ArticleRevision[] | null>;
  /** The http(s) URL each stored article was fetched from, in id order, read in batches (`ingest --refresh`). */
  streamArticleUrls(): AsyncIterable<{ readonly articleId: number; readonly url: string }>;

  // Settings an archive remembers across runs (the theme taxonomy of --themes): a name and a text value.

  getArchiveSetting(name: string): Promise<string | null>;
  /** Stores the value (null removes the setting). */
  setArchiveSetting(name: string, value: string | null): Promise<void>;

  /** BM25-ranked search over titles and bodies; see query/parse.ts for the query language. */
  search(query: SearchQuery): Promise<SearchPage>;
  /** One article by id, or by URL (its canonical URL, its own URL, or the URL of any page that led to it). */
  getArticle(idOrUrl: number | string): Promise<StoredArticle | null>;
  /** Every article matching the filter, in id order, read in batches: memory does not grow with the archive. */
  exportArticles(filter?: ArticleFilter): AsyncIterable<StoredArticle>;
  stats(options?: StatsOptions): Promise<StoreStats>;
  /** Articles newest first (published descending, undated last, then id descending), a page at a time, through an index. */
  listArticles(query: ListArticlesQuery): Promise<ArticleListPage>;

  // The analysis layers (see analysis.ts).

  /**
   * Replaces every stored layer of the article (and its record of stage versions and stage failures)
   * with `analysis`, in one transaction. Idempotent: saving the same analysis twice stores it once.
   * An ingest hands the analysis with the page instead (ArticleOutcome.analysis), in the page's transaction.
   */
  saveAnalysis(articleId: number, analysis: ArticleAnalysis): Promise<void>;
  /** The stored layers of an article, or null when it was never analyzed (or does not exist). */
  getAnalysis(articleId: number): Promise<ArticleAnalysis | null>;
  /**
   * Articles whose stored stage versions differ from these (a stage missing, failed, or of another
   * version), in id order, read in batches. Only the stages named are compared.
   */
  staleArticles(stageVersions: readonly StageStamp[]): AsyncIterable<number>;
  /** A page of events, by date (undated last) then id. */
  queryEvents(query: EventFilter & PageQuery): Promise<EventPage>;
  /** Every matching event in the same order, read in batches (exports, the CLI). */
  streamEvents(filter?: EventFilter): AsyncIterable<StoredEvent>;
  /**
   * A page of event records: the events of all articles grouped by actors, root and day (see
   * event-groups.ts), with their mentions and counts; a record matches a filter when one of its mentions
   * does. Ordered by the record's first day (undated last), then id.
   */
  queryEventGroups(query: EventFilter & PageQuery): Promise<EventGroupPage>;
  /** Every matching event record in the same order, read in batches (exports). */
  streamEventGroups(filter?: EventFilter): AsyncIterable<EventGroup>;
  /** Dated events counted per day, week (from Monday) or month, oldest first; periods without events are left out. */
  eventTimeline(filter: EventFilter, by: TimelineUnit): Promise<TimelineBucket[]>;
  /** A page of quotes, by the article's date (undated last) then id. */
  queryQuotes(query: QuoteFilter & PageQuery): Promise<QuotePage>;
  streamQuotes(filter?: QuoteFilter): AsyncIterable<StoredQuote>;
  /** The actors of the selected articles, most articles first. */
  listActors(query?: ActorQuery): Promise<ActorSummary[]>;
  /** The themes of the selected articles, most articles first. */
  listThemes(query?: AggregateQuery): Promise<ThemeSummary[]>;
  /** Articles (by focus country) and events (by location) per country, and the leading cities: what a map draws. */
  placeCounts(query?: PlaceQuery): Promise<PlaceCounts>;

  // Exploring the archive (see explore.ts): what the workbench's charts and facets read.

  /** Selected articles per day, week or month, with their mean document tone. */
  articleTimeline(selection: ArticleSelection, by: TimelineUnit): Promise<ArticleTimeline>;
  /** How many articles are selected, and their top sites, languages, themes and actors. */
  articleFacets(selection: ArticleSelection, query?: FacetQuery): Promise<ArticleFacets>;
  /** The actors mentioned most in the selection, and how many articles each pair shares. */
  coMentions(selection: ArticleSelection, query?: NetworkQuery): Promise<CoMentionNetwork>;
  /** An actor's mentions over time, the names and roles it was seen under, and who is mentioned with it. */
  actorProfile(query: ActorProfileQuery): Promise<ActorProfile>;
  /** Articles per period for each of the given (or top) themes. */
  themeTimeline(query: ThemeTimelineQuery): Promise<ThemeSeries[]>;
  /** Themes × countries of the selection. */
  themeGrid(query: ThemeGridQuery): Promise<ThemeGrid>;
  /** Pages rejected or failed, newest first, with their reasons. */
  listFailures(query: FailureFilter & PageQuery): Promise<FailurePage>;
  /** A duplicate (syndication) group with its members, or null when there is no such group. */
  getDuplicateGroup(groupId: number): Promise<DuplicateGroup | null>;

  close(): Promise<void>;
}

export type RunId = number;

export interface RunStart {
  /** The sources as the user gave them (paths, URLs, feeds). */
  readonly sources: readonly string[];
  /** A hash of the configuration, so results can be traced to the settings that made them. */
  readonly configHash: string;
  readonly stageVersions: readonly StageStamp[];
  readonly startedAt: string;
  /** Keep each page's raw HTML (gzip-compressed); false for `--no-raw`. */
  readonly keepRaw: boolean;
}

export interface RunCounts {
  readonly seen: number;
  readonly stored: number;
  readonly duplicate: number;
  readonly notArticle: number;
  readonly failed: number;
  /** Failed pages by reason code (e.g. { TIMEOUT: 2, HTTP_404: 1 }). */
  readonly failedByReason: Readonly<Record<string, number>>;
  /** Pages that are not articles by rejection code (e.g. { NO_CONTENT: 3 }). */
  readonly notArticleByReason?: Readonly<Record<string, number>>;
}

export type RunStatus = 'completed' | 'interrupted' | 'failed';

export interface RunFinish {
  readonly finishedAt: string;
  readonly status: RunStatus;
  readonly counts: RunCounts;
}

/** One page as the ingest saw it, and what came of it. */
export interface PageRecord {
  readonly runId: RunId;
  /** Where the page came from, as given (a file path, `archive.warc.gz#offset`, a URL). */
  readonly source: string;
  /** A stable key of this page within its source, the same on every run (resume skips committed keys). */
  readonly sourceKey: string;
  readonly url: string | null;
  /** The canonical URL the ingest settled on; required for an `article` outcome (one article per canonical URL). */
  readonly canonicalUrl: string | null;
  readonly fetchedAt: string;
  readonly httpStatus: number | null;
  /** A hash of the page's bytes. */
  readonly contentHash: string | null;
  readonly contentType?: string | null;
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  /** The page's bytes as fetched; stored gzip-compressed when the run keeps raw HTML, else dropped. */
  readonly raw: Uint8Array | null;
  /**
   * `raw` already gzip-compressed by the caller (the ingest does it on its worker threads, off the single
   * writer): a store that keeps raw HTML compressed may keep these bytes as they are instead of
   * compressing `raw` again. They must decompress to `raw`, which is still given.
   */
  readonly rawGzip?: Uint8Array | null;
  readonly outcome: PageOutcome;
}

export type PageOutcome = ArticleOutcome | RevisionOutcome | DuplicateOutcome | ProblemOutcome;

/**
 * The page holds a stored article (same canonical URL) whose text changed. The page is committed as a
 * duplicate page of that article (reason `revision`). When the page was fetched at or after the time the
 * article's current text was first seen, its text becomes the article's (title, text, metadata, text
 * hash, fingerprint and analysis replaced) and the text it replaces is kept as a revision; a page of an
 * older capture (an archive read out of order) is kept as an earlier revision and the article stays.
 */
export interface RevisionOutcome {
  readonly kind: 'revision';
  readonly articleId: number;
  readonly article: Article;
  readonly textHash: string;
  readonly minhash: MinHashRecord | null;
  /** How alike the new text is to the current one (MinHash estimate; 0 when unknown). */
  readonly similarity: number;
  /** The new text's analysis layers; they replace the article's when the new text becomes current. */
  readonly analysis?: ArticleAnalysis | null;
}

/** An earlier text of an article. */
export interface ArticleRevision {
  /** 1 for the first text stored; the current text is number `revisions + 1` of its StoredArticle. */
  readonly number: number;
  /** The page that brought this text. */
  readonly pageId: number;
  /** When this text was first seen (its page's fetch time). */
  readonly seenAt: string;
  readonly textHash: string | null;
  readonly article: Article;
}

/** A new article (its canonical URL has none yet). */
export interface ArticleOutcome {
  readonly kind: 'article';
  /** The article exactly as extract() returned it. */
  readonly article: Article;
  /** A hash of the normalized body text (exact-duplicate lookups). */
  readonly textHash: string;
  /** MinHash signature and LSH band keys of the body (near-duplicate lookups); null to skip. */
  readonly minhash: MinHashRecord | null;
  /**
   * The article is a copy (a reprint, a small edit) of this stored one: both join one duplicate group,
   * whose original is its earliest member (earliest published date; undated members rank after dated
   * ones, by first seen).
   */
  readonly copyOf: { readonly articleId: number; readonly similarity: number } | null;
  /** The article's analysis layers, stored in the same transaction; absent or null when not analyzed. */
  readonly analysis?: ArticleAnalysis | null;
}

export interface MinHashRecord {
  readonly signature: Uint8Array;
  /** Short strings, e.g. `${band}:${hash}`; the store only compares them for equality. */
  readonly bandKeys: readonly string[];
}

/** Nothing new is stored: the page holds an article already stored (same canonical URL, same bytes, not modified). */
export interface DuplicateOutcome {
  readonly kind: 'duplicate';
  readonly articleId: number;
  /** Why it is the same article, e.g. 'canonical-url', 'text-hash', 'not-modified'. */
  readonly reason: string;
  readonly similarity: number;
}

/** `rejected`: an expected, typed rejection (not an article); `failed`: something went wrong with this page. */
export interface ProblemOutcome {
  readonly kind: 'rejected' | 'failed';
  /** The stage that gave up: 'fetch', 'read', 'extract', ... */
  readonly stage: string;
  readonly code: string;
  readonly message: string;
}

/** What a page is stored as (a revision is stored as a duplicate page with the reason `revision`). */
export type OutcomeKind = Exclude<PageOutcome['kind'], 'revision'>;

export interface CommitResult {
  readonly status: 'stored' | 'already-committed' | 'replaced-failure';
  readonly page: CommittedPage;
}

export interface CommittedPage {
  readonly id: number;
  readonly runId: RunId;
  readonly sourceKey: string;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly fetchedAt: string;
  readonly outcome: OutcomeKind;
  /** The article stored from this page (`article`) or the one it duplicates (`duplicate`); else null. */
  readonly articleId: number | null;
  /** The duplicate group the article joined (`article` with `copyOf`), else null. */
  readonly groupId: number | null;
  /** For `duplicate`: the reason and similarity given. */
  readonly duplicateReason: string | null;
  readonly similarity: number | null;
  /** For `rejected` and `failed`. */
  readonly problem: { readonly stage: string; readonly code: string; readonly message: string } | null;
}

/** A committed page with the fields of its record (exportPages). */
export interface ExportedPage extends CommittedPage {
  readonly source: string;
  readonly httpStatus: number | null;
  readonly contentHash: string | null;
  readonly contentType: string | null;
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface ArticleRef {
  readonly id: number;
  readonly canonicalUrl: string;
  readonly url: string | null;
  readonly published: string | null;
  readonly firstSeen: string;
  readonly textHash: string | null;
  readonly groupId: number | null;
}

export interface NearDuplicateCandidate extends ArticleRef {
  readonly signature: Uint8Array;
  readonly sharedBands: number;
}

export interface FetchValidators {
  readonly url: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly fetchedAt: string;
  readonly pageId: number;
  /** The article that page stored or duplicated (what a 304 Not Modified points at), or null. */
  readonly articleId: number | null;
}

/** Filters shared by search and export. Dates are compared in UTC; undated articles never match a date filter. */
export interface ArticleFilter {
  /** From this date or instant on (YYYY, YYYY-MM, YYYY-MM-DD or a full ISO date-time), inclusive. */
  readonly since?: string;
  /** Up to this date or instant, inclusive (a date covers the whole day, a month the whole month). */
  readonly until?: string;
  /** A host name: the site and its subdomains (`example.com` matches `news.example.com`; `www.` is ignored). */
  readonly site?: string;
  /** An ISO 639-1 code. */
  readonly language?: string;
  /** An actor code or its start (`USA` matches USA, USAGOV, USAMIL): articles that mention such an actor. */
  readonly actor?: string;
  /** A theme code (CYBER_SECURITY): articles the themes stage gave this theme. */
  readonly theme?: string;
  /** A focus country of the article (ISO 3166-1 alpha-3, such as SYR): the places stage's `placeFocus`. */
  readonly country?: string;
}

export interface SearchQuery extends ArticleFilter {
  readonly text: string;
  /** 1..MAX_SEARCH_LIMIT, default DEFAULT_SEARCH_LIMIT. */
  readonly limit?: number;
  /**
   * The `nextCursor` of the previous page of the same search (same text and filters; the limit may
   * change). Pages cover the articles that existed when the first page was asked for.
   */
  readonly cursor?: string | null;
  /** Count every match too (`SearchPage.total`): one more pass over the matches, so only when asked. */
  readonly withTotal?: boolean;
}

export interface SearchHit {
  readonly id: number;
  readonly url: string;
  readonly title: string | null;
  readonly published: string | null;
  readonly siteName: string | null;
  /** The site's host name (without `www.`). */
  readonly site: string;
  readonly language: string | null;
  /** BM25 relevance: higher is better; comparable within one search only. */
  readonly score: number;
  /** A passage of the body around the matches. */
  readonly snippet: string;
  /** The matched words in `snippet`, as [start, end) offsets (UTF-16 code units), in order. */
  readonly highlights: readonly (readonly [number, number])[];
}

export interface SearchPage {
  readonly hits: readonly SearchHit[];
  /** Pass as `cursor` for the next page; null on the last page (and after MAX_CURSOR_OFFSET hits: narrow the search or export). */
  readonly nextCursor: string | null;
  /** Every article the search matches (on all pages, as of its first page), when `withTotal` asked for it; else absent. */
  readonly total?: number;
}

export interface ArticleListPage {
  readonly articles: readonly StoredArticle[];
  readonly nextCursor: string | null;
}

export interface StoredArticle {
  readonly id: number;
  readonly canonicalUrl: string;
  readonly site: string;
  readonly article: Article;
  readonly pageId: number;
  readonly runId: RunId;
  readonly firstSeen: string;
  readonly textHash: string | null;
  readonly duplicate: DuplicateMembership | null;
  /** Earlier texts kept (listRevisions); 0 when the text never changed. */
  readonly revisions: number;
  /** When the current text was first seen: firstSeen, or the fetch time of the page that revised it. */
  readonly textSeenAt: string;
  /** The page the current text came from: pageId, or the page that revised it. */
  readonly textPageId: number;
}

export interface DuplicateMembership {
  readonly groupId: number;
  readonly originalId: number;
  /** The article it was matched against when it joined (null for the member that started the group). */
  readonly matchedId: number | null;
  readonly similarity: number;
}

export interface StatsOptions {
  /** How many sites to list, most articles first (default 100). */
  readonly maxSites?: number;
  /** How many runs to list, latest first (default 20). */
  readonly maxRuns?: number;
}

export interface StoreStats {
  /** Stored articles: one per canonical URL. */
  readonly articles: number;
  /** Stored articles that are copies of another (members of a duplicate group other than its original). */
  readonly duplicates: number;
  readonly duplicateGroups: number;
  readonly pages: number;
  /** Pages that held an article already stored (nothing new stored). */
  readonly duplicatePages: number;
  /** Pages rejected as not articles. */
  readonly rejected: number;
  /** Pages that failed. */
  readonly failures: number;
  readonly undated: number;
  readonly perDay: readonly { readonly day: string; readonly articles: number }[];
  readonly perSite: readonly { readonly site: string; readonly articles: number }[];
  readonly perLanguage: readonly { readonly language: string | null; readonly articles: number }[];
  readonly runCount: number;
  readonly runs: readonly RunSummary[];
  readonly failureReasons: readonly FailureReason[];
  /** Articles on which a stage abstained (their language is not one it was built for), by stage, most first. */
  readonly abstentions: readonly { readonly stage: string; readonly articles: number }[];
}

export interface RunSummary {
  readonly id: RunId;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly status: RunStatus | 'unfinished';
  readonly sources: readonly string[];
  readonly configHash: string;
  readonly stageVersions: readonly StageStamp[];
  /** The counts the run reported, or null when it never finished. */
  readonly counts: RunCounts | null;
  /** Pages committed under this run, by outcome (what is actually in the store). */
  readonly committed: Readonly<Record<OutcomeKind, number>>;
}

export interface FailureReason {
  readonly kind: 'rejected' | 'failed';
  readonly stage: string;
  readonly code: string;
  readonly pages: number;
}

/** The duplicate reason of a page that brought a stored article's new text (a RevisionOutcome). */
export const REVISION_REASON = 'revision';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 200;
export const NEAR_DUPLICATE_CANDIDATE_LIMIT = 100;
export const DEFAULT_STATS_SITES = 100;
export const DEFAULT_STATS_RUNS = 20;
/** Articles read per batch by exportArticles: memory stays bounded by this, not by the archive. */
export const EXPORT_BATCH_SIZE = 200;
