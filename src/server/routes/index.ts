import { aggregateRoutes } from './aggregates.js';
import { articleRoutes } from './articles.js';
import { eventRoutes } from './events.js';
import { quoteRoutes } from './quotes.js';
import { healthRoutes } from './health.js';
import { openApiRoutes } from './openapi.js';
import type { RouteModule } from './route.js';
import { statsRoutes } from './stats.js';
import { placeRoutes } from './places.js';
import { codebookRoutes } from './codebook.js';
import { coverageRoutes } from './coverage.js';
import { exploreRoutes } from './explore.js';
import { revisionRoutes } from './revisions.js';

/**
 * Every route group of the API. A new group is one file and one entry here. `explore` comes before
 * `articles` and `aggregates`: its fixed paths (/api/articles/timeline, /api/actors/network) must win
 * over their `:id` and `:code` paths.
 */
export const ROUTE_MODULES: readonly RouteModule[] = [exploreRoutes, articleRoutes, eventRoutes, quoteRoutes, aggregateRoutes, placeRoutes, statsRoutes, coverageRoutes, codebookRoutes, revisionRoutes, healthRoutes, openApiRoutes];
