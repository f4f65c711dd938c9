import { choiceParameter, codeParameter, cursorParameter, integerParameter, readQueryParameters, type ParameterSpec } from '../params.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './articles.js';
import type { RouteModule } from './route.js';

/** An integer parameter with no default (not given: no filter). */
function optionalInteger(name: string, options: { description: string; minimum: number; maximum: number }): ParameterSpec<number> {
  const { fallback: _unused, ...spec } = integerParameter(name, { ...options, fallback: options.minimum });
  return { ...spec, example: String(options.minimum) };
}

export const FAILURE_PARAMETERS = {
  kind: choiceParameter<'rejected' | 'failed'>('kind', { description: 'Only pages of this outcome: rejected (not an article: NO_CONTENT, NOT_HTML, ...) or failed (something went wrong: TIMEOUT, HTTP_404, ...).', values: ['rejected', 'failed'], example: 'failed' }),
  code: codeParameter('code', { description: 'Only pages with this reason code (GET /api/stats lists them in failureReasons).', pattern: /^[A-Z0-9_]{1,60}$/, example: 'TIMEOUT', upper: true, accepts: 'a reason code such as TIMEOUT or NO_CONTENT' }),
  run: optionalInteger('run', { description: 'Only pages of this ingest run (GET /api/stats lists the runs).', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  limit: integerParameter('limit', { description: 'Pages per page of results.', minimum: 1, maximum: MAX_PAGE_SIZE, fallback: DEFAULT_PAGE_SIZE }),
  cursor: cursorParameter('cursor', 'The `next` of the previous page, unchanged, with the same filters. Opaque.'),
} as const;

/** GET /api/failures: the pages an ingest could not store as articles, newest first, each with its reason. */
export const coverageRoutes: RouteModule = {
  name: 'coverage',
  register(app, { store }) {
    app.get('/api/failures', async (c) => {
      const p = readQueryParameters(c.req.url, FAILURE_PARAMETERS);
      const page = await store.listFailures({ kind: p.kind, code: p.code, runId: p.run, limit: p.limit, cursor: p.cursor ?? null });
      return c.json({ failures: page.failures, next: page.nextCursor });
    });
  },
};
