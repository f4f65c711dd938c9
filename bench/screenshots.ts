/**
 * `npm run screenshots`: pictures of every workbench view, as a user sees them, for the README and
 * bench/screenshots/. The archive is real: the example pages and a few thousand benchmark pages from
 * ../shared/bench (WCXB and the trafilatura evaluation set), ingested with every analysis stage by the
 * built `parley`; the views are opened in Debian's Chromium at 1280×800.
 *
 *   npm run screenshots -- [--db PATH]   where the archive is built (default bench/out/screenshots.db)
 *                          [--reuse]     keep an archive from an earlier run
 *
 * Needs ../shared/bench (it says so and exits 1 without it) and /usr/bin/chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { openArchiveForReading } from '../src/cli/database.js';
import { createApp } from '../src/server/app.js';
import { startServer } from '../src/server/listen.js';
import { loadUiAssets } from '../src/server/ui.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const SHARED = resolve(REPO, '..', 'shared', 'bench');
const OUT = join(REPO, 'bench', 'screenshots');
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';

const { values } = parseArgs({ options: { db: { type: 'string' }, reuse: { type: 'boolean', default: false } } });
const db = resolve(values.db ?? join(REPO, 'bench', 'out', 'screenshots.db'));

const sources = [join(REPO, 'examples'), join(SHARED, 'wcxb-articles', 'dev', 'html'), join(SHARED, 'trafilatura-eval', 'html')];
for (const source of sources.slice(1)) {
  if (!existsSync(source)) {
    console.error(`${source} is missing: the screenshots are taken on an archive of ../shared/bench pages. Put ../shared beside the repository.`);
    process.exit(1);
  }
}
if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (or set PARLEY_CHROMIUM).`);
  process.exit(1);
}
const ui = loadUiAssets();
if (!ui) {
  console.error('The workbench is not built: run npm run build first.');
  process.exit(1);
}

if (!(values.reuse && existsSync(db))) {
  mkdirSync(dirname(db), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  console.error(`Ingesting ${sources.join(', ')} into ${db} (every analysis stage) …`);
  const run = spawnSync(process.execPath, [join(REPO, 'dist', 'cli', 'main.js'), 'ingest', ...sources, '--db', db], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 1); // 1: some pages failed, which the coverage view shows
}

const opened = await openArchiveForReading(db);
if (!opened.ok) throw new Error(opened.message);
const store = opened.store;
const server = await startServer(createApp({ store, ui }), { host: '127.0.0.1', port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });

try {
  // What to show: the archive's own most mentioned actor (with a role: USAGOV rather than USA), and the worked example.
  const [topActor] = (await store.listActors({ limit: 5 })).filter((a) => a.code !== null && a.code.length > 3);
  const voa = (await store.search({ text: 'kerry wang' })).hits[0]?.id;
  const views: [string, string][] = [
    ['search', `/search?q=${encodeURIComponent('climate OR election since:2023-01')}&compare=${encodeURIComponent('economy since:2023-01')}&by=month`],
    ['article', `/articles/${voa}?layers=entities,quotes,events&fact=quote%3A4`],
    ['events', '/events?source=USA&target=CHN&both=true&by=month'],
    ['actors', '/actors'],
    ['actor', '/actors/CHNGOV?name=Wang%20Yang'],
    ['actor-top', `/actors/${topActor?.code ?? 'USA'}`],
    ['quotes', '/quotes?speaker=wang'],
    ['themes', '/themes?by=month&from=2019-01'],
    ['map', '/map'],
    ['coverage', '/coverage'],
  ];
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const [name, path] of views) {
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.error(`  ${name}: ${path}`);
  }
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${server.url}/articles/${voa}?layers=entities,quotes`, { waitUntil: 'networkidle' });
  await phone.screenshot({ path: join(OUT, 'article-phone.png') });
  console.log(`Screenshots of ${views.length + 1} views in ${OUT}.`);
} finally {
  await browser.close();
  await server.close();
  await store.close();
}
