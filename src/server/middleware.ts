import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { ApiError } from './errors.js';
import type { ServerLimits, ServerLog } from './options.js';
import type { ApiEnv } from './routes/route.js';

/**
 * The middleware every request passes, outermost first (app.ts): the request log, security headers,
 * CORS when allowed, then the request limits. None of them builds an error response itself: each throws
 * an ApiError for the error handler.
 */

/** One line per request: time, client address, method, target, status, duration. */
export function requestLog(log: ServerLog): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const elapsed = Math.round(performance.now() - started);
    const remote = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress ?? '-';
    // The parsed URL's path and query are percent-encoded: a request cannot forge a log line with them.
    const url = new URL(c.req.url);
    log.request(`${new Date().toISOString()} ${remote} ${c.req.method} ${url.pathname}${url.search} ${c.res.status} ${elapsed}ms`);
  };
}

/**
 * For JSON responses: no content may run, be framed or be sniffed as something else, no referrer
 * leaks; nothing is cached (the archive changes under an ingest). Cross-origin reads are allowed by the
 * browser only when CORS is on. The workbench's pages (ui.ts) set their own Content-Security-Policy and
 * caching, which these defaults do not overwrite.
 */
export function securityHeaders(crossOrigin: boolean): MiddlewareHandler<ApiEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: crossOrigin ? 'cross-origin' : 'same-origin',
    xFrameOptions: 'DENY',
    // Parley serves plain HTTP on a local port; HSTS belongs to the TLS proxy in front of it, if any.
    strictTransportSecurity: false,
    overwrite: false,
  });
  return async (c, next) => {
    await headers(c, next);
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}

/** CORS for the given origins (`*`: any); read-only methods, preflight answers cached for 10 minutes. */
export function corsFor(origins: readonly string[]): MiddlewareHandler<ApiEnv> {
  return cors({ origin: origins.includes('*') ? '*' : [...origins], allowMethods: ['GET', 'HEAD', 'OPTIONS'], maxAge: 600 });
}

/**
 * The request limits: URL length (414), body size (413, before reading more than the limit), and time
 * (503 `timeout`). The time limit also aborts `c.get('signal')`, which long work (the newest-articles
 * walk) checks, so an abandoned request stops using the database; so does a client that hangs up.
 */
export function requestLimits(limits: ServerLimits): MiddlewareHandler<ApiEnv> {
  const tooLarge = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${limits.maxBodyBytes} bytes; this API reads no body (send GET requests with their parameters in the query string).`);
    },
  });
  return async (c, next) => {
    const url = new URL(c.req.url);
    const length = url.pathname.length + url.search.length;
    if (length > limits.maxUrlLength) {
      throw new ApiError('uri_too_long', `The request URL is ${length} characters long; at most ${limits.maxUrlLength} are accepted. Shorten the query.`);
    }
    const deadline = new AbortController();
    c.set('signal', AbortSignal.any([c.req.raw.signal, deadline.signal]));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new ApiError('timeout', `The request took longer than ${limits.requestTimeoutMs} ms, the limit of this server. Narrow it (add filters, or search) and try again.`, { headers: { 'Retry-After': '5' } });
        deadline.abort(error);
        reject(error);
      }, limits.requestTimeoutMs);
    });
    try {
      await Promise.race([tooLarge(c, next), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}
