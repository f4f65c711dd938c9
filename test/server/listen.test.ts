import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { ListenError, startServer, type RunningServer } from '../../src/server/listen.js';
import type { ArticleListJSON } from '../../src/server/routes/articles.js';
import { analysis, event } from '../../src/store/contract/analysis-fixtures.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { SearchPage, Store } from '../../src/store/store.js';
import { archiveSpecs, body, expectDocumented, expectError, fillStore, walkPages } from './helpers.js';

/** The app on a real port (ephemeral), called with real fetch and raw HTTP requests. */

let store: MemoryStore;
let server: RunningServer;

beforeAll(async () => {
  store = new MemoryStore();
  const ids = await fillStore(store, archiveSpecs(23));
  for (const id of ids) await store.saveAnalysis(id, analysis({ events: [event({ source: 'USAGOV', date: null })] }));
  server = await startServer(createApp({ store, corsOrigins: ['http://localhost:5173'] }), { host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await server.close();
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(`${server.url}${path}`, init);

/** A raw request, for what fetch will not send (oversized headers). */
function rawRequest(path: string, headers: Record<string, string>): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a listening server', () => {
  it('reports its URL with the port it got', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.address.port).toBeGreaterThan(0);
  });

  it('answers every route over HTTP', async () => {
    const analysisRoutes = ['/api/events?source=USA&limit=5', '/api/events?by=week', '/api/quotes?speaker=wang', '/api/actors', '/api/themes', '/api/articles/1/analysis'];
    for (const path of ['/api/articles', '/api/articles?q=harbour', '/api/articles/1', '/api/stats', '/api/health', '/api/openapi.json', ...analysisRoutes]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = (await response.json()) as Record<string, unknown>;
      if (analysisRoutes.includes(path)) expect(Object.values(body).some((value) => (Array.isArray(value) ? value.length > 0 : value !== null)), path).toBe(true);
    }
    const events = (await (await get('/api/events?source=usa&limit=5')).json()) as { events: unknown[]; next: string };
    expect(events.events).toHaveLength(5);
    const next = (await (await get(`/api/events?source=usa&limit=5&cursor=${events.next}`)).json()) as { events: unknown[] };
    expect(next.events).toHaveLength(5);
  });

  it('pages through the newest articles end to end', async () => {
    const { ids } = await walkPages(get, '/api/articles?limit=6');
    expect(new Set(ids).size).toBe(23);
    expect(ids).toHaveLength(23);
  });

  it('answers errors in the documented shape over HTTP', async () => {
    expectDocumented('/api/articles', 400, { error: await expectError(await get('/api/articles?limit=500'), 400, 'invalid_parameter', 'limit') });
    await expectError(await get('/api/articles/777'), 404, 'not_found');
    const post = await get('/api/articles', { method: 'POST', body: '{}' });
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await expectError(post, 405, 'method_not_allowed');
    await expectError(await get('/api/articles', { method: 'PUT', body: 'x'.repeat(5000) }), 413, 'payload_too_large');
    await expectError(await get(`/api/articles?q=${'a'.repeat(5000)}`), 414, 'uri_too_long');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('/api/health', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses oversized headers before the app sees them', async () => {
    const refused = await rawRequest('/api/health', { 'X-Padding': 'x'.repeat(20 * 1024) });
    expect(refused).toMatchObject({ status: 431, type: 'application/json; charset=utf-8' });
    expect(JSON.parse(refused.body)).toEqual({ error: { code: 'headers_too_large', message: expect.stringContaining('larger than 16384 bytes') } });
  });

  it('serves CORS to the configured origin only', async () => {
    const allowed = await get('/api/stats', { headers: { Origin: 'http://localhost:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    await allowed.arrayBuffer();
    const other = await get('/api/stats', { headers: { Origin: 'http://localhost:9999' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await other.arrayBuffer();
  });
});

describe('starting and stopping', () => {
  it('refuses a port that is taken', async () => {
    const attempt = startServer(createApp({ store }), { host: '127.0.0.1', port: server.address.port });
    await expect(attempt).rejects.toBeInstanceOf(ListenError);
    await expect(attempt).rejects.toMatchObject({ code: 'PORT_IN_USE', message: expect.stringMatching(/already in use.*--port/) });
  });

  it('refuses an address that is not this machine', async () => {
    await expect(startServer(createApp({ store }), { host: '192.0.2.1', port: 0 })).rejects.toMatchObject({ code: 'ADDRESS_UNAVAILABLE', message: expect.stringMatching(/--host/) });
  });

  it('lets a request in progress finish on close, and refuses new connections after', async () => {
    let release: (page: SearchPage) => void = () => undefined;
    let started: () => void = () => undefined;
    const searching = new Promise<void>((resolve) => (started = resolve));
    const slow: Store = new Proxy(store, {
      get: (target, key, receiver) =>
        key === 'search'
          ? () => {
              started();
              return new Promise<SearchPage>((resolve) => (release = resolve));
            }
          : Reflect.get(target, key, receiver),
    });
    const own = await startServer(createApp({ store: slow }), { host: '127.0.0.1', port: 0 });
    const idle = await fetch(`${own.url}/api/health`); // leaves an idle keep-alive connection behind
    await idle.arrayBuffer();
    const inFlight = fetch(`${own.url}/api/articles?q=harbour`);
    await searching;
    const closed = own.close();
    release({ hits: [], nextCursor: null });
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await body<ArticleListJSON>(response)).toEqual({ order: 'relevance', articles: [], next: null, total: 0 });
    await closed;
    await expect(fetch(`${own.url}/api/health`)).rejects.toThrow();
  });
});
