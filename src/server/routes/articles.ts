import { parseDateBound } from '../../store/filters.js';
import { ApiError, invalidParameter } from '../errors.js';
import { splitFieldTerms } from '../../store/query/parse.js';
import { codeParameter, cursorParameter, dateParameter, hostParameter, idParameter, integerParameter, languageParameter, readPathParameter, readQueryParameters, textParameter } from '../params.js';
import { articleToApiJSON, hitToJSON, listedToJSON, type ArticleSummaryJSON } from '../serialize.js';
import type { RouteModule } from './route.js';

/** Results per page when `limit` is not given, and the most a page may hold. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longest `q` read here; the store's own query limits (length, terms, nesting) apply within it. */
export const MAX_QUERY_LENGTH = 1000;

export const ARTICLE_LIST_PARAMETERS = {
  q: textParameter('q', {
    description:
      'A search query: words (all must match), "exact phrases", prefix* (at least 2 letters), OR, NOT or -word, parentheses; operators in upper case; case and accents never matter; `country:SYR` keeps the articles whose focus includes that country (alone: the newest such articles). Given: results by relevance (BM25) with the matching passage. Not given: the newest articles.',
    example: '"harbour bridge" OR ferry',
    maxLength: MAX_QUERY_LENGTH,
  }),
  since: dateParameter('since', 'since', 'Only articles published on or after this date: YYYY-MM-DD, YYYY-MM, YYYY (from its start) or an ISO date-time (UTC without an offset). Undated articles never match a date filter.'),
  until: dateParameter('until', 'until', 'Only articles published on or before this date: a day, month or year counts whole; or an ISO date-time.'),
  site: hostParameter('site', 'Only articles from this site and its subdomains (example.com matches news.example.com; www. is ignored).'),
  lang: languageParameter('lang', 'Only articles in this language (ISO 639-1 code, e.g. en).'),
  country: codeParameter('country', { description: 'Only articles whose focus (the countries they are mainly about, found by the places stage) includes this country: an ISO 3166-1 alpha-3 code. In q, `country:SYR` does the same.', pattern: /^[A-Z]{3}$/, example: 'SYR', upper: true, accepts: 'an ISO 3166-1 alpha-3 country code such as SYR or USA' }),
  limit: integerParameter('limit', { description: 'Results per page.', minimum: 1, maximum: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
  cursor: cursorParameter('cursor', 'The `next` of the previous page, unchanged, with the same q and filters (limit may change). Opaque.'),
} as const;

export const ARTICLE_ID_PARAMETER = idParameter('id', 'The article id (from a list or search result).');

export interface ArticleListJSON {
  /** How the articles are ordered: `relevance` for a search, `newest` otherwise. */
  order: 'relevance' | 'newest';
  articles: ArticleSummaryJSON[];
  /** The cursor of the next page, or null on the last page. */
  next: string | null;
}

export const articleRoutes: RouteModule = {
  name: 'articles',
  register(app, { store }) {
    app.get('/api/articles', async (c) => {
      const p = readQueryParameters(c.req.url, ARTICLE_LIST_PARAMETERS);
      if (p.since !== undefined && p.until !== undefined && parseDateBound(p.since, 'since') > parseDateBound(p.until, 'until')) {
        throw invalidParameter('until', `(${p.until}) is before since (${p.since}): no article can match. Swap the two dates.`);
      }
      const fields = p.q !== undefined ? splitFieldTerms(p.q) : null;
      const country = fields?.country ?? p.country;
      if (fields?.country && p.country && fields.country !== p.country) throw invalidParameter('country', `(${p.country}) and country:${fields.country} in q differ: give one.`);
      const filter = { since: p.since, until: p.until, site: p.site, language: p.lang, country };
      let body: ArticleListJSON;
      if (p.q !== undefined && fields!.text !== '') {
        const page = await store.search({ ...filter, text: p.q, limit: p.limit, cursor: p.cursor ?? null });
        body = { order: 'relevance', articles: page.hits.map(hitToJSON), next: page.nextCursor };
      } else {
        const page = await store.listArticles({ ...filter, limit: p.limit, cursor: p.cursor ?? null });
        body = { order: 'newest', articles: page.articles.map(listedToJSON), next: page.nextCursor };
      }
      return c.json(body);
    });

    app.get('/api/articles/:id', async (c) => {
      readQueryParameters(c.req.url, {});
      const id = readPathParameter(c.req.param('id'), ARTICLE_ID_PARAMETER);
      const stored = await store.getArticle(id);
      if (!stored) throw new ApiError('not_found', `There is no article with id ${id}. Ids come from GET /api/articles.`);
      return c.json(articleToApiJSON(stored));
    });

    app.get('/api/articles/:id/analysis', async (c) => {
      readQueryParameters(c.req.url, {});
      const id = readPathParameter(c.req.param('id'), ARTICLE_ID_PARAMETER);
      const stored = await store.getArticle(id);
      if (!stored) throw new ApiError('not_found', `There is no article with id ${id}. Ids come from GET /api/articles.`);
      return c.json({ id, analysis: await store.getAnalysis(id) });
    });
  },
};
