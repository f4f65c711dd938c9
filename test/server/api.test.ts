import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { STORE_ERROR_RESPONSES } from '../../src/server/error-handler.js';
import type { AppOptions, ServerLog } from '../../src/server/options.js';
import { STORE_ERROR_CODES, StoreError } from '../../src/store/errors.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import type { Store } from '../../src/store/store.js';
import { archiveSpecs, body, expectDocumented, expectError, fillStore } from './helpers.js';

/** Stats, health, the error handler, methods, headers, CORS and the request limits, in-process. */

let store: MemoryStore;

beforeAll(async () => {
  store = new MemoryStore();
  await fillStore(store, archiveSpecs(30));
  const runId = await store.startRun({ sources: ['pages/'], configHash: 'c', stageVersions: [{ name: 'extract', version: '1' }], startedAt: '2024-06-01T00:00:00Z', keepRaw: false });
  const { pageRecord } = await import('../../src/store/contract/fixtures.js');
  await store.commitPage(pageRecord(runId, 'broken', { kind: 'failed', stage: 'fetch', code: 'TIMEOUT', message: 'No answer.' }));
  await store.finishRun(runId, { finishedAt: '2024-06-01T00:01:00Z', status: 'completed', counts: { seen: 1, stored: 0, duplicate: 0, notArticle: 0, failed: 1, failedByReason: { TIMEOUT: 1 } } });
});

function recordingLog(): ServerLog & { requests: string[]; errors: string[] } {
  const requests: string[] = [];
  const errors: string[] = [];
  return { requests, errors, request: (line) => void requests.push(line), error: (message) => void errors.push(message) };
}

/** A store whose every method is the memory store's, except those given. */
function storeWith(overrides: Partial<Store>, base: Store = store): Store {
  return new Proxy(base, { get: (target, key, receiver) => (key in overrides ? overrides[key as keyof Store] : Reflect.get(target, key, receiver)) });
}

const appWith = (options: Partial<AppOptions> = {}): ReturnType<typeof createApp> => createApp({ store, ...options });

describe('GET /api/stats', () => {
  it('returns the store statistics in the documented shape', async () => {
    const response = await appWith().request('/api/stats');
    const stats = await body(response);
    expect(response.status).toBe(200);
    expectDocumented('/api/stats', 200, stats);
    expect(stats).toMatchObject({ articles: 30, failures: 1, runCount: 2 });
    expect(stats).toEqual(JSON.parse(JSON.stringify(await store.stats())));
  });

  it('honours sites and runs, and validates them', async () => {
    const stats = await body<{ perSite: unknown[]; runs: unknown[] }>(await appWith().request('/api/stats?sites=2&runs=1'));
    expect(stats.perSite).toHaveLength(2);
    expect(stats.runs).toHaveLength(1);
    for (const [query, parameter] of [['sites=0', 'sites'], ['sites=1001', 'sites'], ['runs=x', 'runs'], ['runs=101', 'runs'], ['verbose=1', 'verbose']] as const) {
      const error = await expectError(await appWith().request(`/api/stats?${query}`), 400, parameter === 'verbose' ? 'unknown_parameter' : 'invalid_parameter', parameter);
      expectDocumented('/api/stats', 400, { error });
    }
  });
});

describe('GET /api/health', () => {
  it('answers 200 when the database answers', async () => {
    const response = await appWith().request('/api/health');
    expect(response.status).toBe(200);
    expectDocumented('/api/health', 200, await body(response));
  });

  it('answers 503 database_unavailable when the store is closed, without its internals', async () => {
    const closed = new MemoryStore();
    await closed.close();
    const log = recordingLog();
    const app = createApp({ store: closed, log });
    const error = await expectError(await app.request('/api/health'), 503, 'database_unavailable');
    expectDocumented('/api/health', 503, { error });
    expect(error.message).not.toMatch(/in-memory/);
    expect(log.errors.join('\n')).toMatch(/E_STORE_CLOSED|closed/);
    await expectError(await app.request('/api/articles?q=x'), 503, 'database_unavailable');
  });

  it('rejects parameters (it takes none)', async () => {
    await expectError(await appWith().request('/api/health?deep=1'), 400, 'unknown_parameter', 'deep');
  });
});

describe('the error handler', () => {
  it('maps every store error code', () => {
    expect(Object.keys(STORE_ERROR_RESPONSES).sort()).toEqual(Object.keys(STORE_ERROR_CODES).sort());
  });

  it('turns a bug into 500 internal_error: the stack goes to the log, never to the client', async () => {
    const log = recordingLog();
    const failing = storeWith({ stats: async () => Promise.reject(new TypeError('cannot read x of undefined at /srv/secret/path.ts')) });
    const response = await createApp({ store: failing, log }).request('/api/stats');
    const error = await expectError(response, 500, 'internal_error');
    expect(JSON.stringify(error)).not.toMatch(/secret|TypeError/);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]).toMatch(/GET \/api\/stats: TypeError: cannot read x/);
    expect(log.errors[0]).toMatch(/\n\s+at /);
  });

  it('gives a busy database 503 with Retry-After', async () => {
    const busy = storeWith({ getArticle: async () => Promise.reject(new StoreError('E_STORE_BUSY', '/home/me/parley.db is locked by another process.')) });
    const response = await createApp({ store: busy }).request('/api/articles/1');
    expect(response.headers.get('retry-after')).toBe('5');
    const error = await expectError(response, 503, 'database_unavailable');
    expect(error.message).not.toContain('/home/me');
  });

  it('answers unknown routes with 404 JSON', async () => {
    for (const path of ['/api/nothing', '/', '/api/articles/1/extra', '/api/articles/']) {
      await expectError(await appWith().request(path), 404, 'not_found');
    }
  });

  it('answers other methods with 405 and Allow, on every route', async () => {
    for (const path of ['/api/articles', '/api/articles/1', '/api/stats', '/api/health', '/api/openapi.json']) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
        const response = await appWith().request(path, { method });
        expect(response.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
        await expectError(response, 405, 'method_not_allowed');
      }
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await appWith().request('/api/stats', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.text()).toBe('');
  });
});

describe('headers', () => {
  it('sends the security headers on answers and on errors', async () => {
    for (const path of ['/api/stats', '/api/articles/0', '/api/nowhere']) {
      const headers = (await appWith().request(path)).headers;
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(headers.get('cache-control')).toBe('no-store');
      expect(headers.get('access-control-allow-origin')).toBeNull();
      expect(headers.get('x-powered-by')).toBeNull();
    }
  });

  it('sends no CORS headers by default, and a preflight is refused', async () => {
    const response = await appWith().request('/api/stats', { method: 'OPTIONS', headers: { Origin: 'https://other.example', 'Access-Control-Request-Method': 'GET' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origins only', async () => {
    const app = appWith({ corsOrigins: ['https://dash.example/'] });
    const allowed = await app.request('/api/stats', { headers: { Origin: 'https://dash.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dash.example');
    expect(allowed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const other = await app.request('/api/stats', { headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await app.request('/api/articles', { method: 'OPTIONS', headers: { Origin: 'https://dash.example', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
    const anyOrigin = await appWith({ corsOrigins: ['*'] }).request('/api/health', { headers: { Origin: 'https://anyone.example' } });
    expect(anyOrigin.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('refuses a CORS origin that is not an origin', () => {
    expect(() => appWith({ corsOrigins: ['dash.example'] })).toThrow(/not an origin/);
    expect(() => appWith({ corsOrigins: ['https://dash.example/app'] })).toThrow(/no path/);
  });
});

describe('request limits', () => {
  it('answers a URL over the limit with 414', async () => {
    const app = appWith({ limits: { maxUrlLength: 100 } });
    expect((await app.request(`/api/articles?q=${'a'.repeat(70)}`)).status).toBe(200);
    await expectError(await app.request(`/api/articles?q=${'a'.repeat(90)}`), 414, 'uri_too_long');
  });

  it('answers a body over the limit with 413, before looking at the method', async () => {
    const app = appWith({ limits: { maxBodyBytes: 10 } });
    await expectError(await app.request('/api/articles', { method: 'POST', body: 'x'.repeat(11) }), 413, 'payload_too_large');
    await expectError(await app.request('/api/articles', { method: 'POST', body: 'x'.repeat(10) }), 405, 'method_not_allowed');
  });

  it('answers a request that outlives the time limit with 503 timeout', async () => {
    const hanging = storeWith({ search: () => new Promise(() => undefined) });
    const log = recordingLog();
    const app = createApp({ store: hanging, limits: { requestTimeoutMs: 20 }, log });
    const response = await app.request('/api/articles?q=harbour');
    expect(response.headers.get('retry-after')).toBe('5');
    await expectError(response, 503, 'timeout');
    expect(log.requests.at(-1)).toMatch(/ GET \/api\/articles\?q=harbour 503 \d+ms$/);
    expect(log.errors).toEqual([expect.stringMatching(/^GET \/api\/articles: timeout: The request took longer than 20 ms/)]);
    expect(log.errors[0]).not.toMatch(/\n\s+at /);
  });
});

describe('the request log', () => {
  it('writes one line per request, the target percent-encoded as received', async () => {
    const log = recordingLog();
    const app = appWith({ log });
    await app.request('/api/health');
    await app.request('/api/articles/x%0Afake');
    expect(log.requests).toHaveLength(2);
    expect(log.requests[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z - GET \/api\/health 200 \d+ms$/);
    expect(log.requests[1]).toMatch(/GET \/api\/articles\/x%0Afake 400 /);
    expect(log.errors).toEqual([]);
  });
});
