import type { TimelineUnit } from './analysis.js';
import type { ArticleFilter, RunId } from './store.js';

/**
 * The questions the workbench (and any script) asks of a whole archive: how much attention a query
 * got over time, what its articles are about (facets), who is mentioned with whom, an actor's profile,
 * theme trends, failures, duplicate groups. Every adapter answers them from indexes; where an exact
 * answer would read every row of a large selection (co-mentions, the themes and actors of a frequent
 * word), it counts a named sample of the selection — the most relevant articles of a search, else the
 * newest — and says so (`sample`), as Media Cloud does for its entity and theme charts.
 */

/** The articles a view looks at: a search query (optional) and the article filters. */
export interface ArticleSelection extends ArticleFilter {
  /** Words in the search language (query/parse.ts), without field filters; absent: no words. */
  readonly text?: string | null;
}

/** How a sampled count was made: `articles` of the `of` selected articles were read. */
export interface SampleInfo {
  readonly articles: number;
  readonly of: number;
}

export interface ArticleBucket {
  /** The first day of the period (YYYY-MM-DD, UTC; weeks start on Monday). */
  readonly start: string;
  readonly articles: number;
  /** Mean document tone (GDELT scale) of the period's articles that have one; null when none has. */
  readonly tone: number | null;
  /** How many of the period's articles have a document tone. */
  readonly toned: number;
}

export interface ArticleTimeline {
  readonly by: TimelineUnit;
  /** Every selected article, dated or not. */
  readonly total: number;
  /** Selected articles without a published date (in `total`, in no period). */
  readonly undated: number;
  /** Periods with at least one article, oldest first. */
  readonly buckets: readonly ArticleBucket[];
}

export interface FacetCount {
  /** What a filter takes (`site:…`, `lang:…`, `theme:…`, `actor:…`). */
  readonly value: string;
  /** What a person reads: a site's host, a theme's label, an actor's most common name. */
  readonly label: string;
  readonly articles: number;
}

export interface ArticleFacets {
  readonly total: number;
  /** Exact counts over the whole selection. */
  readonly sites: readonly FacetCount[];
  readonly languages: readonly FacetCount[];
  /** Counted on `sample` when it is not null. */
  readonly themes: readonly FacetCount[];
  readonly actors: readonly FacetCount[];
  readonly sample: SampleInfo | null;
}

export interface FacetQuery {
  /** Rows per facet, 1..MAX_FACET_ROWS (default DEFAULT_FACET_ROWS). */
  readonly limit?: number;
}

export interface NetworkNode {
  readonly code: string;
  readonly name: string;
  /** Sampled articles that mention the actor. */
  readonly articles: number;
}

export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  /** Sampled articles that mention both. */
  readonly articles: number;
}

export interface CoMentionNetwork {
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  readonly sample: SampleInfo;
}

export interface NetworkQuery {
  /** Actors in the network, 2..MAX_NETWORK_NODES (default DEFAULT_NETWORK_NODES). */
  readonly nodes?: number;
}

export interface ActorName {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly role: string | null;
  readonly articles: number;
}

export interface ActorProfile {
  /** The code asked for: a code or its start (USA covers USAGOV and USAMIL). */
  readonly code: string;
  /** Only mentions of the actor under this name (exact, case-insensitive), or null. */
  readonly name: string | null;
  /** Articles that mention it (of the selection). */
  readonly articles: number;
  readonly mentions: number;
  /** The names, types, roles and exact codes it was seen under, most articles first. */
  readonly names: readonly ActorName[];
  /** Articles that mention it, per period (dated articles). */
  readonly timeline: readonly { readonly start: string; readonly articles: number }[];
  /** Actors mentioned in the same articles, most shared articles first, counted on `sample`. */
  readonly related: readonly NetworkNode[];
  readonly sample: SampleInfo;
}

export interface ActorProfileQuery extends Pick<ArticleFilter, 'since' | 'until' | 'site'> {
  readonly code: string;
  readonly name?: string | null;
  readonly by?: TimelineUnit;
}

export interface ThemeSeries {
  readonly theme: string;
  readonly label: string;
  readonly buckets: readonly { readonly start: string; readonly articles: number }[];
}

export interface ThemeTimelineQuery extends Pick<ArticleFilter, 'since' | 'until' | 'site'> {
  /** The themes to chart; none: the `top` themes with most articles in the selection. */
  readonly themes?: readonly string[];
  readonly top?: number;
  readonly by?: TimelineUnit;
}

export interface ThemeGrid {
  readonly themes: readonly FacetCount[];
  /** Countries (CAMEO/ISO alpha-3) of the actors the articles mention. */
  readonly countries: readonly FacetCount[];
  /** cells[i][j]: sampled articles with theme i that mention an actor of country j. */
  readonly cells: readonly (readonly number[])[];
  readonly sample: SampleInfo;
}

export interface ThemeGridQuery extends ArticleSelection {
  /** Themes in the grid, 1..MAX_FACET_ROWS (default 12). */
  readonly themeRows?: number;
  /** Countries in the grid, 1..MAX_FACET_ROWS (default 12). */
  readonly countryColumns?: number;
}

export interface FailureFilter {
  readonly kind?: 'rejected' | 'failed';
  /** A reason code such as TIMEOUT or NO_CONTENT. */
  readonly code?: string;
  readonly runId?: RunId;
}

export interface FailureRecord {
  readonly pageId: number;
  readonly runId: RunId;
  /** Where the page came from, as given (a path, `archive.warc.gz#offset`, a URL). */
  readonly source: string;
  readonly url: string | null;
  readonly fetchedAt: string;
  readonly kind: 'rejected' | 'failed';
  readonly stage: string;
  readonly code: string;
  readonly message: string;
}

export interface FailurePage {
  /** Newest first. */
  readonly failures: readonly FailureRecord[];
  readonly nextCursor: string | null;
}

export interface GroupMember {
  readonly articleId: number;
  readonly url: string;
  readonly site: string;
  readonly title: string | null;
  readonly published: string | null;
  readonly firstSeen: string;
  /** Similarity to the member it was matched against when it joined (1 for the original). */
  readonly similarity: number;
  readonly matchedId: number | null;
  readonly original: boolean;
}

export interface DuplicateGroup {
  readonly id: number;
  readonly originalId: number;
  /** The original first, then the others by published date (undated last), then first seen. */
  readonly members: readonly GroupMember[];
}

export const DEFAULT_FACET_ROWS = 10;
export const MAX_FACET_ROWS = 50;
/** Articles read for the sampled counts (themes and actors of a selection, co-mentions, theme grid). */
export const EXPLORE_SAMPLE_SIZE = 1000;
export const DEFAULT_NETWORK_NODES = 25;
export const MAX_NETWORK_NODES = 60;
export const DEFAULT_TOP_THEMES = 6;
export const MAX_TIMELINE_THEMES = 12;
