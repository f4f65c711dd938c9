import { storedArticleToJSON, type StoredArticleJSON } from '../cli/query/stored-json.js';
import type { SearchHit, StoredArticle } from '../store/store.js';

/**
 * The JSON the API returns for articles. A list or search result has one shape whichever way it was
 * found (a web UI renders both with one template): for a search, `score` and the matched passage with
 * its highlights; for the newest articles, `score` null and the opening of the text as the passage.
 * One article is the stored article exactly as `parley show --format json` prints it.
 */
export interface ArticleSummaryJSON {
  id: number;
  url: string;
  title: string | null;
  published: string | null;
  siteName: string | null;
  site: string;
  language: string | null;
  /** BM25 relevance within this search (higher is better); null when listing the newest articles. */
  score: number | null;
  snippet: string;
  highlights: [number, number][];
}

export function hitToJSON(hit: SearchHit): ArticleSummaryJSON {
  return {
    id: hit.id,
    url: hit.url,
    title: hit.title,
    published: hit.published,
    siteName: hit.siteName,
    site: hit.site,
    language: hit.language,
    score: hit.score,
    snippet: hit.snippet,
    highlights: hit.highlights.map(([start, end]) => [start, end]),
  };
}

/** Characters of body text a listed article shows (about the length of a search snippet). */
export const LISTING_SNIPPET_CHARS = 240;

export function listedToJSON(stored: StoredArticle): ArticleSummaryJSON {
  const a = stored.article;
  return {
    id: stored.id,
    url: stored.canonicalUrl,
    title: a.title,
    published: a.published,
    siteName: a.siteName,
    site: stored.site,
    language: a.language,
    score: null,
    snippet: opening(a.text, LISTING_SNIPPET_CHARS),
    highlights: [],
  };
}

/** The article's JSON fields (as `parley extract --format json`), its id, site, first sighting and duplicate group. */
export function articleToApiJSON(stored: StoredArticle): StoredArticleJSON {
  return storedArticleToJSON(stored);
}

/** The start of a text on one line, cut at a word boundary with an ellipsis when longer than `max`. */
function opening(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a character
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
