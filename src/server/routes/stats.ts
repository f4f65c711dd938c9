import { DEFAULT_STATS_RUNS, DEFAULT_STATS_SITES } from '../../store/store.js';
import { integerParameter, readQueryParameters } from '../params.js';
import type { RouteModule } from './route.js';

export const MAX_STATS_SITES = 1000;
export const MAX_STATS_RUNS = 100;

export const STATS_PARAMETERS = {
  sites: integerParameter('sites', { description: 'How many sites `perSite` lists, most articles first.', minimum: 1, maximum: MAX_STATS_SITES, fallback: DEFAULT_STATS_SITES }),
  runs: integerParameter('runs', { description: 'How many ingest runs `runs` lists, latest first.', minimum: 1, maximum: MAX_STATS_RUNS, fallback: DEFAULT_STATS_RUNS }),
} as const;

/** GET /api/stats: the archive's coverage, as `parley stats --format json` prints it. */
export const statsRoutes: RouteModule = {
  name: 'stats',
  register(app, { store }) {
    app.get('/api/stats', async (c) => {
      const p = readQueryParameters(c.req.url, STATS_PARAMETERS);
      return c.json(await store.stats({ maxSites: p.sites, maxRuns: p.runs }));
    });
  },
};
