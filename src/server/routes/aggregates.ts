import { DEFAULT_AGGREGATE_LIMIT, MAX_AGGREGATE_LIMIT, type ActorSummary, type ThemeSummary } from '../../store/analysis.js';
import { ACTOR_TYPES } from '../../stages/actors/mention.js';
import { checkDateOrder } from '../date-order.js';
import { choiceParameter, integerParameter, readQueryParameters, textParameter } from '../params.js';
import { ARTICLE_LIST_PARAMETERS } from './articles.js';
import type { RouteModule } from './route.js';

const ARTICLE_SELECTION = {
  since: { ...ARTICLE_LIST_PARAMETERS.since, description: 'Count only articles published on or after this date.' },
  until: { ...ARTICLE_LIST_PARAMETERS.until, description: 'Count only articles published on or before this date.' },
  site: { ...ARTICLE_LIST_PARAMETERS.site, description: 'Count only articles from this site and its subdomains.' },
  limit: integerParameter('limit', { description: 'How many rows, most articles first.', minimum: 1, maximum: MAX_AGGREGATE_LIMIT, fallback: DEFAULT_AGGREGATE_LIMIT }),
} as const;

export const ACTOR_PARAMETERS = {
  name: textParameter('name', { description: "Only actors whose name or code contains this (case does not matter).", example: 'kerry', maxLength: 200 }),
  type: choiceParameter('type', { description: 'Only actors of this type.', values: ACTOR_TYPES, example: 'person' }),
  ...ARTICLE_SELECTION,
} as const;

export const THEME_PARAMETERS = ARTICLE_SELECTION;

/** GET /api/actors and GET /api/themes: who and what the selected articles are about. */
export const aggregateRoutes: RouteModule = {
  name: 'aggregates',
  register(app, { store }) {
    app.get('/api/actors', async (c) => {
      const p = readQueryParameters(c.req.url, ACTOR_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const actors: ActorSummary[] = await store.listActors({ name: p.name, type: p.type, since: p.since, until: p.until, site: p.site, limit: p.limit });
      return c.json({ actors });
    });
    app.get('/api/themes', async (c) => {
      const p = readQueryParameters(c.req.url, THEME_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const themes: ThemeSummary[] = await store.listThemes({ since: p.since, until: p.until, site: p.site, limit: p.limit });
      return c.json({ themes });
    });
  },
};
