import type { Hono } from 'hono';
import type { Gazetteer } from '../../stages/places/gazetteer.js';
import type { Store } from '../../store/store.js';
import type { ServerLimits } from '../options.js';

/** What every handler can read from the context, set by the app's middleware. */
export interface ApiEnv {
  Variables: {
    /** Aborted when the request's time limit passes or the client goes away: long work checks it. */
    signal: AbortSignal;
  };
}

export type ApiApp = Hono<ApiEnv>;

export interface RouteDependencies {
  readonly store: Store;
  readonly limits: ServerLimits;
  /** The places gazetteer, loaded when first called. */
  readonly gazetteer: () => Gazetteer;
}

/**
 * One group of routes, in its own file under routes/ and listed in routes/index.ts (as the CLI lists
 * its commands). `register` adds GET handlers only: the app answers other methods with 405, turns every
 * thrown error into a response, and the OpenAPI document (openapi/) describes each route.
 */
export interface RouteModule {
  readonly name: string;
  register(app: ApiApp, dependencies: RouteDependencies): void;
}
