import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { loadUiAssets, UI_CONTENT_SECURITY_POLICY } from '../../src/server/ui.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { expectError } from './helpers.js';

/** Serving the workbench's files beside the API (the views themselves: test/ui in a browser). */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-ui-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Parley workbench</title><script type="module" src="/assets/main-AB12.js"></script>');
  await writeFile(join(dir, 'assets', 'main-AB12.js'), 'console.log(1);');
  await writeFile(join(dir, 'assets', 'main-CD34.css'), 'body{}');
  await writeFile(join(dir, 'assets', 'notes.exe'), 'MZ');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the workbench beside the API', () => {
  it('answers every page with index.html under a strict Content-Security-Policy', async () => {
    const app = createApp({ store: new MemoryStore(), ui: loadUiAssets(dir) });
    for (const path of ['/', '/search?q=x', '/articles/12?fact=quote%3A1', '/actors/USA', '/no/such/view']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(UI_CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(await response.text()).toContain('<title>Parley workbench</title>');
    }
    expect(UI_CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'/);
    expect(UI_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect((await app.request('/', { method: 'HEAD' })).status).toBe(200);
    expect((await app.request('/search', { method: 'POST' })).status).toBe(405);
  });

  it('serves the built assets by name only, cached for good, and nothing else from disk', async () => {
    const app = createApp({ store: new MemoryStore(), ui: loadUiAssets(dir) });
    const js = await app.request('/assets/main-AB12.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1);');
    expect((await app.request('/assets/main-CD34.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    await expectError(await app.request('/assets/notes.exe'), 404, 'not_found');
    await expectError(await app.request('/assets/..%2Findex.html'), 404, 'not_found');
    await expectError(await app.request('/assets/%2E%2E%2F%2E%2E%2Fpackage.json'), 404, 'not_found');
  });

  it('keeps the API as it was: JSON errors under /api, the API-only default without ui', async () => {
    const app = createApp({ store: new MemoryStore(), ui: loadUiAssets(dir) });
    await expectError(await app.request('/api/nope'), 404, 'not_found');
    expect((await app.request('/api/health')).status).toBe(200);
    const apiOnly = createApp({ store: new MemoryStore() });
    await expectError(await apiOnly.request('/search'), 404, 'not_found');
  });

  it('says how to build the workbench when it was not built', async () => {
    expect(loadUiAssets(join(dir, 'missing'))).toBeNull();
    const app = createApp({ store: new MemoryStore(), ui: null });
    const response = await app.request('/search');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
