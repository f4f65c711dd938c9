import { Hono } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { errorResponse } from './error-handler.js';
import { ApiError } from './errors.js';
import { corsFor, requestLimits, requestLog, securityHeaders } from './middleware.js';
import { parseCorsOrigin, resolveLimits, SILENT_LOG, type AppOptions } from './options.js';
import { ROUTE_MODULES } from './routes/index.js';
import type { ApiApp, ApiEnv } from './routes/route.js';
import { ResourceLoader } from '../resources/index.js';
import type { Gazetteer } from '../stages/places/gazetteer.js';
import { registerUi } from './ui.js';

/**
 * The HTTP API as a Hono app: a fetch handler with no server around it, so tests call it in-process
 * (`app.request('/api/stats')`) and listen.ts serves it on a port. Read-only: each route group
 * (routes/) registers GET handlers, HEAD follows GET, every other method is a 405 with Allow, and every
 * error — thrown anywhere — goes through errorResponse (error-handler.ts).
 */
export function createApp(options: AppOptions): ApiApp {
  const limits = resolveLimits(options.limits);
  const log = options.log ?? SILENT_LOG;
  const origins = (options.corsOrigins ?? []).map(parseCorsOrigin);
  const app = new Hono<ApiEnv>();

  app.use(requestLog(log));
  app.use(securityHeaders(origins.length > 0));
  if (origins.length > 0) app.use('/api/*', corsFor(origins));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        errorResponse(new ApiError('method_not_allowed', `${c.req.method} is not allowed here: the API is read-only (allowed: ${methods.join(', ')}).`, { headers: { Allow: methods.join(', ') } }), c, log),
    }),
  );
  app.use(requestLimits(limits));

  let places: Gazetteer | null = null;
  const gazetteer = options.gazetteer ?? ((): Gazetteer => (places ??= new ResourceLoader().gazetteer()));
  for (const module of ROUTE_MODULES) module.register(app, { store: options.store, limits, gazetteer });
  if (options.ui !== undefined) registerUi(app, options.ui);

  app.notFound((c) => errorResponse(new ApiError('not_found', `There is no route ${c.req.path}. The routes are listed in /api/openapi.json.`), c, log));
  app.onError((error, c) => errorResponse(error, c, log));
  return app;
}
