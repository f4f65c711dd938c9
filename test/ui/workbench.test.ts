import { readFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, openPage, REQUIRE_SERVICES, startWorkbench, visit, type Watched, type Workbench } from './workbench-harness.js';

/**
 * The workbench in a real browser, on a real archive of the repo's pages: every view opens without a
 * console error or a failed request; the analyst's path search → article → highlighted quote →
 * speaker's page → events timeline works and its state lives in the URL; a page with hostile markup in
 * every field shows it as text and runs nothing; states, keyboard, narrow screens and downloads work.
 */

describe.skipIf(!HAVE_CHROMIUM && !REQUIRE_SERVICES)('the workbench in Chromium', { timeout: 60_000 }, () => {
  let workbench: Workbench;
  let voa: number;
  let hostile: number;
  let watched: Watched | null = null;

  beforeAll(async () => {
    workbench = await startWorkbench();
    const find = async (q: string): Promise<number> => (await workbench.store.search({ text: q })).hits[0]!.id;
    voa = await find('kerry');
    hostile = await find('"harbour council"');
  }, 180_000);

  afterAll(async () => {
    await workbench?.close();
  });

  afterEach(async () => {
    if (!watched) return;
    const { problems, page } = watched;
    watched = null;
    await page.close();
    expect(problems).toEqual([]);
  });

  async function open(path: string, viewport?: { width: number; height: number }): Promise<Watched> {
    watched = await openPage(workbench, viewport);
    await visit(watched, workbench, path);
    return watched;
  }

  it('opens every view, each with its content and no error', async () => {
    const { page } = await open('/');
    const views: [string, string, string][] = [
      ['/search?q=cyber', 'Search', '.results li'],
      [`/articles/${voa}`, 'US, China Discuss Cyber Security', '.article-text .layer-entities'],
      ['/events?source=USA&target=CHN&both=true', 'Events: USA ↔ CHN', 'table.events tbody tr'],
      ['/actors', 'Actors', 'svg.network a.node'],
      ['/actors/CHNGOV', 'CHNGOV', 'table tbody tr'],
      ['/quotes?speaker=wang', 'Quotes', '.quotes li'],
      ['/themes', 'Themes', 'table.grid tbody tr'],
      ['/map', 'Map', 'svg.map path.map-1, svg.map path.map-2, svg.map path.map-3, svg.map path.map-4, svg.map path.map-5'],
      ['/coverage', 'Coverage', '.figures div'],
    ];
    for (const [path, heading, content] of views) {
      await page.goto(`${workbench.url}${path}`, { waitUntil: 'networkidle' });
      await expect.poll(() => page.locator('h1').first().textContent(), { message: path }).toContain(heading);
      expect(await page.locator(content).count(), `${path}: ${content}`).toBeGreaterThan(0);
    }
    await page.goto(`${workbench.url}/no/such/view`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').textContent()).toBe('Page not found');
  });

  it('follows search → article → highlighted quote → speaker → events timeline, with back and forward', async () => {
    const { page } = await open('/search');
    await page.getByLabel('Search the archive').fill('"cyber security"');
    await page.getByLabel('Search the archive').press('Enter');
    await page.waitForURL(/\/search\?.*q=%22cyber(\+|%20)security%22/);
    await page.getByRole('link', { name: 'US, China Discuss Cyber Security, Climate Change' }).click();
    await page.waitForURL(new RegExp(`/articles/${voa}$`));
    await page.locator('.article-text .layer-quotes', { hasText: 'beyond bilateral relations' }).first().click();
    const panel = page.locator('.fact-panel');
    await expect.poll(() => panel.textContent()).toContain('beyond bilateral relations');
    expect(page.url()).toMatch(/fact=quote%3A\d+/);
    await panel.getByRole('link', { name: 'Wang Yang' }).click();
    await page.waitForURL(/\/actors\/CHNGOV\?name=Wang(%20|\+)Yang/);
    await expect.poll(() => page.locator('h1').textContent()).toContain('Wang Yang');
    await expect.poll(() => page.locator('.quotes').textContent()).toContain('beyond bilateral relations');
    await page.getByRole('link', { name: 'its events over time' }).click();
    await page.waitForURL(/\/events\?source=CHNGOV&both=true/);
    await expect.poll(() => page.locator('table.events tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    await page.goBack();
    await page.waitForURL(/\/actors\/CHNGOV/);
    await page.goBack();
    await page.waitForURL(/\/articles\/\d+\?fact=quote/);
    await expect.poll(() => page.locator('.article-text .selected').count()).toBeGreaterThan(0);
    await page.goForward();
    await page.waitForURL(/\/actors\/CHNGOV/);
  });

  it('shows a page with hostile markup in its title, body, site name and caption as text, and runs none of it', async () => {
    const { page } = await open('/search?q=%22harbour+council%22');
    const title = page.locator('.results .result-title').first();
    await expect.poll(() => title.textContent()).toContain('<script>window.__pwned = "title"</script>');
    await page.goto(`${workbench.url}/articles/${hostile}?layers=entities,quotes,events,themes`, { waitUntil: 'networkidle' });
    expect(await page.locator('h1').textContent()).toContain('<script>window.__pwned');
    expect(await page.locator('.article-text').textContent()).toContain("<script>window.__pwned='body'</script>");
    expect(await page.locator('.captions').textContent()).toContain('<svg onload=');
    expect(await page.locator('.article-view header .meta').first().textContent()).toContain('<b onmouseover=');
    expect(await page.title()).toContain('<script>');
    const seen = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      scripts: [...document.scripts].map((s) => s.src.replace(location.origin, '')),
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}[${a.name}]`)),
      badLinks: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '').filter((href) => /^\s*(javascript|data|vbscript):/i.test(href)),
      foreign: [...document.querySelectorAll('img, iframe, object, embed, svg image')].length,
    }));
    expect(seen).toEqual({ pwned: null, scripts: [expect.stringMatching(/^\/assets\/main-\w+\.js$/)], handlers: [], badLinks: [], foreign: 0 });
  });

  it('keeps the state of a view in its URL: facets narrow the query, periods switch, compared queries stay', async () => {
    const { page } = await open('/search?q=china');
    await page.locator('.facet', { hasText: 'Sites' }).getByRole('button', { name: /voanews\.com/ }).click();
    await page.waitForURL(/q=china(\+|%20)site%3Avoanews\.com/);
    await page.getByRole('radio', { name: 'month' }).check();
    await page.waitForURL(/by=month/);
    await page.getByLabel('Compare with another query').fill('solarpark');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForURL(/compare=solarpark/);
    await expect.poll(() => page.locator('.chips').textContent()).toContain('solarpark');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.getByLabel('Search the archive').inputValue()).toBe('china site:voanews.com');
    expect(await page.getByRole('radio', { name: 'month' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Remove solarpark from the chart' }).click();
    await page.waitForURL((url) => !url.search.includes('compare='));
  });

  it('says when nothing matches, shows the API error for a malformed query, and shows loading', async () => {
    const w = await open('/search?q=zzzyxnothingmatches');
    await expect.poll(() => w.page.locator('.empty', { hasText: 'No articles match' }).count()).toBe(1);
    w.allow(/\/api\/articles/);
    w.allow(/400/);
    await w.page.goto(`${workbench.url}/search?q=%22unclosed`, { waitUntil: 'networkidle' });
    await expect.poll(() => w.page.getByRole('alert').first().textContent()).toMatch(/never closed/);
    await w.page.route('**/api/articles/facets**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await w.page.goto(`${workbench.url}/search?q=harbour`);
    await expect.poll(() => w.page.getByRole('status').first().textContent()).toContain('Loading');
    await w.page.waitForLoadState('networkidle');
  });

  it('maps articles and events by country, and a country opens its articles and its events', async () => {
    const { page } = await open('/map');
    await page.locator('details', { hasText: 'The map as a table' }).locator('summary').click();
    const china = page.locator('tr', { hasText: 'CHN' });
    expect(await china.count()).toBeGreaterThan(0);
    await china.getByRole('link').first().click();
    await page.waitForURL(/\/search\?q=country%3ACHN/);
    await expect.poll(() => page.locator('.results li').count()).toBeGreaterThan(0);
    await page.goBack();
    await page.locator('svg.map path.map-5, svg.map path.map-4, svg.map path.map-3').first().click();
    await expect.poll(() => page.locator('.map-choice').textContent()).toMatch(/articles about it/);
  });

  it('works from the keyboard, and every control has a label', async () => {
    const { page } = await open(`/events?source=USA&target=CHN`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    for (const path of ['/search?q=cyber', '/events', '/quotes', `/articles/${voa}`, '/themes']) {
      await page.goto(`${workbench.url}${path}`, { waitUntil: 'networkidle' });
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, button')].filter((el) => {
          const control = el as HTMLInputElement;
          const named = (control.labels?.length ?? 0) > 0 || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent?.trim());
          return !named;
        }).map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unlabelled, path).toEqual([]);
    }
    await page.goto(`${workbench.url}/actors`, { waitUntil: 'networkidle' });
    const node = page.locator('svg.network a.node').first();
    await node.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/actors\/[A-Z0-9]+$/);
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const { page } = await open('/search?q=cyber', { width: 390, height: 844 });
    for (const path of ['/search?q=cyber', `/articles/${voa}`, '/events?source=USA', '/actors', '/coverage']) {
      await page.goto(`${workbench.url}${path}`, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(1);
    }
  });

  it('downloads the data of a table as CSV and JSON, the same rows the API returns', async () => {
    const { page } = await open('/events?source=USA&target=CHN&both=true');
    const list = page.locator('section[aria-labelledby="event-list-title"]');
    const [download] = await Promise.all([page.waitForEvent('download'), list.getByRole('button', { name: 'CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,date,sourceCode,sourceName,targetCode,targetName,code,label,quadClass,goldstein,plover,negated,confidence,sentence,articleId,url');
    const json = await list.getByRole('link', { name: 'JSON' }).getAttribute('href');
    const api = (await (await fetch(`${workbench.url}${json}`)).json()) as { events: unknown[] };
    expect(lines.length - 1).toBe(api.events.length);
  });
});
