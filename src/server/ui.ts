import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError } from './errors.js';
import type { ApiApp } from './routes/route.js';

/**
 * Serving the workbench: the files `npm run build` writes to dist/ui (index.html and content-hashed
 * assets), read into memory once at start. Only those files are served — a request names a file of
 * the build, never a path on disk. Every page of the workbench is index.html: the views are drawn in
 * the browser from the API, with their state in the URL, so a link to any view can be shared.
 *
 * The page's Content-Security-Policy allows scripts, styles and requests from this server only: no
 * inline script, no other origin. The workbench shows stored text as text (Preact escapes it) and never
 * renders a page's stored HTML.
 */

export interface UiAssets {
  readonly index: Uint8Array;
  readonly files: ReadonlyMap<string, { readonly body: Uint8Array; readonly type: string }>;
}

/** The directory `npm run build` writes the workbench to (dist/ui, from src/server or dist/server). */
export function defaultUiDirectory(): string {
  return fileURLToPath(new URL('../../dist/ui', import.meta.url));
}

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** The built workbench, or null when it was not built (the API still works; `/` says how to build it). */
export function loadUiAssets(directory = defaultUiDirectory()): UiAssets | null {
  const indexPath = join(directory, 'index.html');
  if (!existsSync(indexPath)) return null;
  const files = new Map<string, { body: Uint8Array; type: string }>();
  const assets = join(directory, 'assets');
  for (const name of existsSync(assets) ? readdirSync(assets) : []) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(assets, name)), type });
  }
  return { index: readFileSync(indexPath), files };
}

export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The workbench's views (src/ui/routes.ts): any other path outside /api and /assets is a 404 page of the workbench. */
const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Parley workbench not built</title>
<p>The Parley workbench has not been built. Run <code>npm run build</code> in the Parley checkout, then restart <code>parley serve</code>.
The API answers meanwhile: <a href="/api/openapi.json">/api/openapi.json</a>.</p></html>`;

/** Adds the workbench's routes to the app: /assets/* and, for every other GET outside /api, index.html. */
export function registerUi(app: ApiApp, assets: UiAssets | null): void {
  app.get('/assets/:file', (c) => {
    const file = assets?.files.get(c.req.param('file'));
    if (!file) throw new ApiError('not_found', `There is no workbench file ${c.req.path}.`);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': file.type, 'Cache-Control': 'public, max-age=31536000, immutable' });
  });
  app.get('*', (c, next) => {
    if (c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY };
    if (!assets) return c.body(NOT_BUILT, 503, headers);
    return c.body(assets.index as Uint8Array<ArrayBuffer>, 200, headers);
  });
}
