import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { openArchiveForReading } from '../../src/cli/database.js';
import { createApp } from '../../src/server/app.js';
import { startServer, type RunningServer } from '../../src/server/listen.js';
import { defaultUiDirectory, loadUiAssets } from '../../src/server/ui.js';
import type { Store } from '../../src/store/store.js';
import { REPO, runParley } from '../cli/run-parley.js';

/**
 * The workbench's browser tests run the real thing: the repo's example pages and a hostile page ingested
 * by the built `parley` into a fresh SQLite archive, the API and the built workbench served on a free
 * local port, and Debian's Chromium driven by playwright-core. Without Chromium they are skipped, with a
 * message; with PARLEY_REQUIRE_SERVICES=1 (set by .ci/run) its absence fails them.
 */

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
export const REQUIRE_SERVICES = process.env.PARLEY_REQUIRE_SERVICES === '1';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

if (!HAVE_CHROMIUM && !REQUIRE_SERVICES) {
  console.warn(`Skipping the workbench's browser tests: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set PARLEY_CHROMIUM).`);
}

export const HOSTILE_PAGE = join(REPO, 'test', 'fixtures', 'ui', 'hostile-page.html');

export interface Workbench {
  readonly url: string;
  readonly browser: Browser;
  readonly store: Store;
  close(): Promise<void>;
}

export async function startWorkbench(): Promise<Workbench> {
  if (!HAVE_CHROMIUM) throw new Error(`PARLEY_REQUIRE_SERVICES=1 but there is no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does it).`);
  const ui = loadUiAssets();
  if (!ui) throw new Error(`The workbench is not built (${defaultUiDirectory()} is missing): run npm run build (npm test does it first).`);
  const dir = await mkdtemp(join(tmpdir(), 'parley-workbench-'));
  const db = join(dir, 'archive.db');
  const ingest = await runParley(['ingest', join(REPO, 'examples'), HOSTILE_PAGE, '--db', db]);
  expect(ingest.code, ingest.stderr).toBe(0);
  const opened = await openArchiveForReading(db);
  if (!opened.ok) throw new Error(opened.message);
  const server: RunningServer = await startServer(createApp({ store: opened.store, ui }), { host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    url: server.url,
    browser,
    store: opened.store,
    async close() {
      await browser.close();
      await server.close();
      await opened.store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What went wrong in a page: console errors, uncaught exceptions, failed requests, HTTP errors, dialogs. */
export interface Watched {
  readonly page: Page;
  readonly problems: string[];
  /** HTTP error statuses a test expects (an error state it provokes): not counted as problems. */
  allow(pattern: RegExp): void;
}

export async function openPage(workbench: Workbench, viewport = { width: 1280, height: 800 }): Promise<Watched> {
  const page = await workbench.browser.newPage({ viewport, acceptDownloads: true });
  const problems: string[] = [];
  const allowed: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.some((a) => a.test(message.text()))) problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !allowed.some((a) => a.test(response.url()))) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { page, problems, allow: (pattern) => allowed.push(pattern) };
}

/** Goes to a path of the workbench and waits until its requests are done. */
export async function visit(watched: Watched, workbench: Workbench, path: string): Promise<void> {
  await watched.page.goto(`${workbench.url}${path}`, { waitUntil: 'networkidle' });
}
