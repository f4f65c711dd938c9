import type { TimelineUnit } from '../../store/analysis.js';
import { DEFAULT_FACET_ROWS, DEFAULT_NETWORK_NODES, DEFAULT_TOP_THEMES, MAX_FACET_ROWS, MAX_NETWORK_NODES, MAX_TIMELINE_THEMES } from '../../store/explore.js';
import { checkDateOrder } from '../date-order.js';
import { invalidParameter } from '../errors.js';
import { choiceParameter, integerParameter, readPathParameter, readQueryParameters, textParameter, type ParameterSpec } from '../params.js';
import { ACTOR_CODE, readSelection, SELECTION_PARAMETERS, THEME_CODE } from '../selection.js';
import type { RouteModule } from './route.js';

/**
 * The aggregate routes the workbench charts read, open to any script: attention over time and facets
 * of a selection (a search and its filters), the co-mention network, an actor's profile, theme trends
 * and the theme × country grid. Registered before the routes with an `:id` or `:code` in the same place
 * (routes/index.ts), so `/api/articles/timeline` is never read as an article id.
 */

const unit = (fallback: TimelineUnit): ParameterSpec<TimelineUnit> & { readonly fallback: TimelineUnit } => ({
  ...choiceParameter<TimelineUnit>('by', { description: 'The period counted: day, week (from Monday) or month (UTC).', values: ['day', 'week', 'month'], example: 'month' }),
  fallback,
});

const { since, until, site } = SELECTION_PARAMETERS;

export const TIMELINE_PARAMETERS = { ...SELECTION_PARAMETERS, by: unit('day') } as const;

export const FACET_PARAMETERS = {
  ...SELECTION_PARAMETERS,
  limit: integerParameter('limit', { description: 'Rows per facet, most articles first.', minimum: 1, maximum: MAX_FACET_ROWS, fallback: DEFAULT_FACET_ROWS }),
} as const;

export const NETWORK_PARAMETERS = {
  ...SELECTION_PARAMETERS,
  nodes: integerParameter('nodes', { description: 'How many actors: those mentioned in most articles.', minimum: 2, maximum: MAX_NETWORK_NODES, fallback: DEFAULT_NETWORK_NODES }),
} as const;

export const ACTOR_PROFILE_PARAMETERS = {
  name: textParameter('name', { description: "Only the actor's mentions under this name (exact; case does not matter), e.g. one person among an actor code's people.", example: 'Wang Yang', maxLength: 200 }),
  since: { ...since, description: 'Count only articles published on or after this date.' },
  until: { ...until, description: 'Count only articles published on or before this date.' },
  site: { ...site, description: 'Count only articles from this site and its subdomains.' },
  by: unit('month'),
} as const;

export const ACTOR_CODE_PARAMETER: ParameterSpec<string> = {
  name: 'code',
  in: 'path',
  description: 'An actor code or its start (USA covers USAGOV and USAMIL; case does not matter).',
  schema: { type: 'string', pattern: '^[A-Za-z0-9]{1,40}$' },
  example: 'USA',
  parse(raw) {
    const code = decodeURIComponent(raw).trim().toUpperCase();
    if (!ACTOR_CODE.test(code)) throw invalidParameter('code', `must be an actor code or its start, such as USA or CHNGOV (letters and digits), not "${raw.slice(0, 40)}".`);
    return code;
  },
};

const themeList: ParameterSpec<string[]> = {
  name: 'themes',
  in: 'query',
  description: `Theme codes to chart, separated by commas (at most ${MAX_TIMELINE_THEMES}); not given: the top themes.`,
  schema: { type: 'string', maxLength: 1000 },
  example: 'CYBER_SECURITY,CLIMATE_CHANGE',
  parse(raw) {
    const codes = raw.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean);
    if (codes.length > MAX_TIMELINE_THEMES) throw invalidParameter('themes', `names ${codes.length} themes; chart at most ${MAX_TIMELINE_THEMES} at once.`);
    const bad = codes.find((code) => !THEME_CODE.test(code));
    if (bad !== undefined) throw invalidParameter('themes', `must be theme codes such as CYBER_SECURITY separated by commas, not "${bad.slice(0, 40)}".`);
    return codes;
  },
};

export const THEME_TIMELINE_PARAMETERS = {
  themes: themeList,
  top: integerParameter('top', { description: 'Without themes: how many of the themes with most articles.', minimum: 1, maximum: MAX_TIMELINE_THEMES, fallback: DEFAULT_TOP_THEMES }),
  since: { ...since, description: 'Count only articles published on or after this date.' },
  until: { ...until, description: 'Count only articles published on or before this date.' },
  site: { ...site, description: 'Count only articles from this site and its subdomains.' },
  by: unit('month'),
} as const;

export const THEME_GRID_PARAMETERS = {
  ...SELECTION_PARAMETERS,
  rows: integerParameter('rows', { description: 'How many themes (rows), those of most articles.', minimum: 1, maximum: MAX_FACET_ROWS, fallback: 12 }),
  columns: integerParameter('columns', { description: 'How many countries (columns), those of most articles.', minimum: 1, maximum: MAX_FACET_ROWS, fallback: 12 }),
} as const;

export const exploreRoutes: RouteModule = {
  name: 'explore',
  register(app, { store }) {
    app.get('/api/articles/timeline', async (c) => {
      const p = readQueryParameters(c.req.url, TIMELINE_PARAMETERS);
      const timeline = await store.articleTimeline(readSelection(p), p.by);
      return c.json({ by: timeline.by, total: timeline.total, undated: timeline.undated, timeline: timeline.buckets });
    });

    app.get('/api/articles/facets', async (c) => {
      const p = readQueryParameters(c.req.url, FACET_PARAMETERS);
      return c.json(await store.articleFacets(readSelection(p), { limit: p.limit }));
    });

    app.get('/api/actors/network', async (c) => {
      const p = readQueryParameters(c.req.url, NETWORK_PARAMETERS);
      return c.json(await store.coMentions(readSelection(p), { nodes: p.nodes }));
    });

    app.get('/api/actors/:code', async (c) => {
      const p = readQueryParameters(c.req.url, ACTOR_PROFILE_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const code = readPathParameter(c.req.param('code'), ACTOR_CODE_PARAMETER);
      return c.json(await store.actorProfile({ code, name: p.name ?? null, since: p.since, until: p.until, site: p.site, by: p.by }));
    });

    app.get('/api/themes/timeline', async (c) => {
      const p = readQueryParameters(c.req.url, THEME_TIMELINE_PARAMETERS);
      checkDateOrder(p.since, p.until);
      const series = await store.themeTimeline({ themes: p.themes, top: p.top, since: p.since, until: p.until, site: p.site, by: p.by });
      return c.json({ by: p.by, series });
    });

    app.get('/api/themes/grid', async (c) => {
      const p = readQueryParameters(c.req.url, THEME_GRID_PARAMETERS);
      return c.json(await store.themeGrid({ ...readSelection(p), themeRows: p.rows, countryColumns: p.columns }));
    });
  },
};
