import { articleRoutes } from './articles.js';
import { healthRoutes } from './health.js';
import { openApiRoutes } from './openapi.js';
import type { RouteModule } from './route.js';
import { statsRoutes } from './stats.js';

/** Every route group of the API. A new group (events, quotes, actors, themes) is one file and one entry here. */
export const ROUTE_MODULES: readonly RouteModule[] = [articleRoutes, statsRoutes, healthRoutes, openApiRoutes];
