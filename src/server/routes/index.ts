import { aggregateRoutes } from './aggregates.js';
import { articleRoutes } from './articles.js';
import { eventRoutes } from './events.js';
import { quoteRoutes } from './quotes.js';
import { healthRoutes } from './health.js';
import { openApiRoutes } from './openapi.js';
import type { RouteModule } from './route.js';
import { statsRoutes } from './stats.js';
import { placeRoutes } from './places.js';

/** Every route group of the API. A new group (events, quotes, actors, themes) is one file and one entry here. */
export const ROUTE_MODULES: readonly RouteModule[] = [articleRoutes, eventRoutes, quoteRoutes, aggregateRoutes, placeRoutes, statsRoutes, healthRoutes, openApiRoutes];
