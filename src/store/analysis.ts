import type { StageStamp } from '../model/document.js';
import type { Span } from '../model/span.js';
import type { EventData } from '../stages/events/event.js';
import type { EventPlaceMethod, PlaceData, ResolvedPlace } from '../stages/places/place.js';
import type { QuoteKind } from '../stages/quotes/quote.js';
import type { ToneData } from '../stages/tone/tone.js';
import type { Evidence } from './evidence.js';
import type { ArticleFilter } from './store.js';

/**
 * What the store keeps of an article's analysis, and the questions asked of it. The analysis stages
 * write layers of spans on a Document (src/model); app/analysis-record.ts turns a finished Document
 * into an ArticleAnalysis, plain data with every span as offsets into the article's text, which an
 * adapter stores in one transaction per article (`commitPage` with the page, or `saveAnalysis`).
 */

/** The code of an abstention (a stage that does not apply to the article's language). */
export const ABSTAINED = 'STAGE_ABSTAINED';

/** A stage that failed on this article (its layers are missing; `reanalyze` retries it). */
export interface StageFailure {
  readonly stage: string;
  readonly code: string;
  readonly message: string;
}

/** One entity (actor) of the article: every mention of it resolves to the same `entity` number. */
export interface EntityRecord {
  readonly entity: number;
  readonly name: string;
  /** person, organization, country, location, other. */
  readonly type: string;
  readonly role: string | null;
  /** CAMEO-style actor code (USAGOV, CHN, ...) or null when unknown. */
  readonly code: string | null;
  readonly confidence: number;
}

export interface MentionRecord extends Span {
  /** name, title, pronoun, demonym, capital, body. */
  readonly kind: string;
  readonly entity: number;
}

export interface QuoteRecord extends Span {
  /** The quoted or reported content, as written (the span's text). */
  readonly text: string;
  readonly kind: QuoteKind;
  readonly cue: (Span & { readonly text: string }) | null;
  readonly speaker: (Span & { readonly text: string; readonly name: string; readonly code: string | null }) | null;
  readonly confidence: number;
}

export interface ThemeRecord {
  readonly theme: string;
  readonly label: string;
  readonly score: number;
  /** The matched words or phrases, with their weight. */
  readonly evidence: readonly (Span & { readonly weight: number })[];
}

/** A place the article names, resolved to a gazetteer entry (the `places` layer). */
export type PlaceRecord = Span & PlaceData;

/** One of the countries or cities the article is mainly about (the `placeFocus` layer). */
export interface FocusRecord extends ResolvedPlace {
  readonly scope: 'country' | 'city';
  readonly score: number;
  readonly mentions: number;
}

/** Where an event happened (GDELT's ActionGeo), with how that place was chosen (the `eventPlaces` layer). */
export interface EventLocation {
  readonly place: ResolvedPlace;
  /** The words that name the place (null when it comes from the article's focus). */
  readonly evidence: Span | null;
  readonly method: EventPlaceMethod;
  readonly confidence: number;
}

/** An event: its span is the sentence that carries it; the data is the stage's coding, and its location when the event-places stage ran. */
export type EventRecord = Span & EventData & { readonly location?: EventLocation | null };

export type ToneRecord = Span & ToneData;

export interface ArticleAnalysis {
  /** The analysis stages that ran on the article, with their versions (`staleArticles` compares them). */
  readonly stages: readonly StageStamp[];
  readonly failures: readonly StageFailure[];
  /**
   * Stages that did not run on the article because its language is not one they were built for (code
   * STAGE_ABSTAINED, with the reason); their layers are empty. Absent in analyses saved before Parley
   * recorded abstentions.
   */
  readonly abstentions?: readonly StageFailure[];
  readonly entities: readonly EntityRecord[];
  readonly mentions: readonly MentionRecord[];
  readonly quotes: readonly QuoteRecord[];
  readonly themes: readonly ThemeRecord[];
  readonly events: readonly EventRecord[];
  /** The document row (scope "document") and one row per sentence. */
  readonly tone: readonly ToneRecord[];
  /** The places the article names (absent or empty when the places stage did not run). */
  readonly places?: readonly PlaceRecord[];
  /** The countries and cities the article is mainly about. */
  readonly focus?: readonly FocusRecord[];
}

/** The article an event or quote comes from, as query results carry it. */
export interface ArticleContext {
  readonly articleId: number;
  readonly url: string;
  readonly site: string;
  readonly published: string | null;
}

export interface StoredEvent extends EventRecord, ArticleContext {
  readonly id: number;
  /** The article's document tone (GDELT's AvgTone), or null when tone was not computed. */
  readonly articleTone: number | null;
  /** The event's sentence with its verb, actors and place marked (evidence.ts). */
  readonly evidence: Evidence;
}

export interface StoredQuote extends QuoteRecord, ArticleContext {
  readonly id: number;
  /** The quote with its cue and speaker marked (evidence.ts). */
  readonly evidence: Evidence;
}

/**
 * Which events: every field narrows. Dates are the event's date (the one its sentence names, else the
 * article's), read like the article filters (`2024`, `2024-05`, `2024-05-03`, an ISO instant).
 */
export interface EventFilter extends Pick<ArticleFilter, 'since' | 'until' | 'site'> {
  /** Source actor code prefix: `USA` matches USA, USAGOV, USAMIL. Case does not matter. */
  readonly source?: string;
  /** Target actor code prefix. */
  readonly target?: string;
  /** Only events located in this country (ISO alpha-3; their location from the event-places stage). */
  readonly country?: string;
  /** The source actor's name, exactly (case does not matter): one person among an actor code's people. */
  readonly sourceName?: string;
  /** The target actor's name, exactly (case does not matter). */
  readonly targetName?: string;
  /** Only events of articles that have this theme (a taxonomy code such as CYBER_SECURITY). */
  readonly theme?: string;
  /** CAMEO code prefix: `04` every consult event, `0311` one code. */
  readonly code?: string;
  readonly quadClass?: 1 | 2 | 3 | 4;
  readonly articleId?: number;
  /** Leave out negated events ("did not accuse"); default false: they are kept (marked `negated`). */
  readonly excludeNegated?: boolean;
  /**
   * The actors given may stand on either side: with a source and a target, the pair in both directions
   * (USA→CHN and CHN→USA); with one of them, every event it is the source or the target of.
   */
  readonly bothDirections?: boolean;
}

/** A page of results: ordered by date (undated last), then id; `nextCursor` asks for the next page. */
export interface PageQuery {
  /** 1..MAX_SEARCH_LIMIT, default DEFAULT_SEARCH_LIMIT. */
  readonly limit?: number;
  readonly cursor?: string | null;
}

export interface EventPage {
  readonly events: readonly StoredEvent[];
  readonly nextCursor: string | null;
}

export type TimelineUnit = 'day' | 'week' | 'month';

/** One period of a timeline. Weeks start on Monday (ISO weeks); dates are UTC. */
export interface TimelineBucket {
  /** The first day of the period (YYYY-MM-DD). */
  readonly start: string;
  readonly events: number;
  /** Mean Goldstein value of the period's events. */
  readonly goldstein: number;
  /** Events per quad class: [verbal cooperation, material cooperation, verbal conflict, material conflict]. */
  readonly quadClasses: readonly [number, number, number, number];
}

/** Which quotes. Dates are the article's published date. */
export interface QuoteFilter extends Pick<ArticleFilter, 'since' | 'until' | 'site'> {
  /** The speaker's name or actor code contains this (case-insensitive). */
  readonly speaker?: string;
  /** The speaker's actor code starts with this (USA: USAGOV's quotes too); an index range. */
  readonly speakerCode?: string;
  readonly kind?: QuoteKind;
  readonly articleId?: number;
  /** Words in the quote, in the search language (phrases, OR, NOT, prefix*; query/parse.ts). */
  readonly text?: string;
}

export interface QuotePage {
  readonly quotes: readonly StoredQuote[];
  readonly nextCursor: string | null;
}

/** Aggregates over articles selected by published date and site. */
export interface AggregateQuery extends Pick<ArticleFilter, 'since' | 'until' | 'site'> {
  /** 1..MAX_AGGREGATE_LIMIT, default DEFAULT_AGGREGATE_LIMIT. */
  readonly limit?: number;
}

export interface ActorQuery extends AggregateQuery {
  /** The actor's name or code contains this (case-insensitive). */
  readonly name?: string;
  readonly type?: string;
}

export interface ActorSummary {
  readonly code: string | null;
  readonly name: string;
  readonly type: string;
  /** Articles that mention the actor. */
  readonly articles: number;
  readonly mentions: number;
}

export interface ThemeSummary {
  readonly theme: string;
  readonly label: string;
  readonly articles: number;
  /** Mean of the theme's score over the articles that have it. */
  readonly meanScore: number;
  /** Evidence spans across those articles. */
  readonly evidence: number;
}

export interface ListArticlesQuery extends ArticleFilter, PageQuery {}

/** Which articles and events a map counts: the event filters (dates are the event's, for events; the article's, for articles). */
export interface PlaceQuery extends Pick<EventFilter, 'since' | 'until' | 'site' | 'source' | 'target' | 'theme'> {
  /** 1..MAX_AGGREGATE_LIMIT, default DEFAULT_AGGREGATE_LIMIT: the most cities returned. */
  readonly limit?: number;
}

/** Articles (by their focus countries) and events (by where they happened) per country. */
export interface CountryCount {
  /** ISO 3166-1 alpha-3. */
  readonly country: string;
  readonly articles: number;
  readonly events: number;
}

/** A city with the articles that have it in their focus and the events located in it. */
export interface CityCount {
  readonly name: string;
  readonly country: string;
  readonly admin1: string | null;
  readonly lat: number;
  readonly lon: number;
  readonly geonameId: number | null;
  readonly articles: number;
  readonly events: number;
}

export interface PlaceCounts {
  readonly countries: readonly CountryCount[];
  /** Most articles plus events first, at most the query's limit. */
  readonly cities: readonly CityCount[];
}

export const DEFAULT_AGGREGATE_LIMIT = 100;
export const MAX_AGGREGATE_LIMIT = 1000;
/** Rows read per batch by the streaming readers (streamEvents, streamQuotes, staleArticles). */
export const STREAM_BATCH_SIZE = 500;

export const EMPTY_ANALYSIS: ArticleAnalysis = Object.freeze({ stages: [], failures: [], entities: [], mentions: [], quotes: [], themes: [], events: [], tone: [] });
