import { DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT } from '../../store/store.js';
import { ApiError } from '../errors.js';
import { cursorParameter, idParameter, integerParameter, readPathParameter, readQueryParameters } from '../params.js';
import { readSelection, SELECTION_PARAMETERS } from '../selection.js';
import { articleToApiJSON, hitToJSON, listedToJSON, type ArticleSummaryJSON } from '../serialize.js';
import type { RouteModule } from './route.js';

/** Results per page when `limit` is not given, and the most a page may hold: the same as the CLI's, and every list route's. */
export const DEFAULT_PAGE_SIZE = DEFAULT_SEARCH_LIMIT;
export const MAX_PAGE_SIZE = MAX_SEARCH_LIMIT;

export const ARTICLE_LIST_PARAMETERS = {
  ...SELECTION_PARAMETERS,
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
  /** A search: how many articles match, on all pages. */
  total?: number;
}

export const articleRoutes: RouteModule = {
  name: 'articles',
  register(app, { store }) {
    app.get('/api/articles', async (c) => {
      const p = readQueryParameters(c.req.url, ARTICLE_LIST_PARAMETERS);
      const { text, ...filter } = readSelection(p);
      let body: ArticleListJSON;
      if (text) {
        const page = await store.search({ ...filter, text, limit: p.limit, cursor: p.cursor ?? null, withTotal: true });
        body = { order: 'relevance', articles: page.hits.map(hitToJSON), next: page.nextCursor, total: page.total ?? page.hits.length };
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

    app.get('/api/articles/:id/group', async (c) => {
      readQueryParameters(c.req.url, {});
      const id = readPathParameter(c.req.param('id'), ARTICLE_ID_PARAMETER);
      const stored = await store.getArticle(id);
      if (!stored) throw new ApiError('not_found', `There is no article with id ${id}. Ids come from GET /api/articles.`);
      const group = stored.duplicate ? await store.getDuplicateGroup(stored.duplicate.groupId) : null;
      return c.json({ id, group });
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
