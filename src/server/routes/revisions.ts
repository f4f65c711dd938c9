import { revisionHistory } from '../../render/revision-history.js';
import { ApiError } from '../errors.js';
import { readPathParameter, readQueryParameters } from '../params.js';
import { ARTICLE_ID_PARAMETER } from './articles.js';
import type { RouteModule } from './route.js';

/** GET /api/articles/:id/revisions: every text an article had, with what changed in each (as `parley show --revisions --format json`). */
export const revisionRoutes: RouteModule = {
  name: 'revisions',
  register(app, { store }) {
    app.get('/api/articles/:id/revisions', async (c) => {
      readQueryParameters(c.req.url, {});
      const id = readPathParameter(c.req.param('id'), ARTICLE_ID_PARAMETER);
      const stored = await store.getArticle(id);
      const earlier = stored ? await store.listRevisions(id) : null;
      if (!stored || earlier === null) throw new ApiError('not_found', `There is no article with id ${id}. Ids come from GET /api/articles.`);
      return c.json(revisionHistory(stored, earlier));
    });
  },
};
