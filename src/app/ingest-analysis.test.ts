import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pageHtml, storyParagraphs } from '../../test/ingest/helpers/pages.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import { createPageAnalyzer, type PageAnalyzer } from './analyzers.js';
import { ingest } from './ingest.js';

/**
 * Decide first, analyze after: the analysis stages (the costly part) run on the pages that become
 * articles, not on duplicates, and the decision at the commit is the one that counts. The real
 * extraction and stages run inline; the analyzer is wrapped to count (or fail) the analysis tasks.
 */

let dir = '';
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'parley-ingest-analysis-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

const INLINE = { inline: true, jobs: 1, inFlightPerJob: 1 } as const;
const CANONICAL = 'https://www.harbour-news.example/2026/04/ferry-vote';
const story = (seed: number, canonical?: string): string =>
  pageHtml({ title: 'Council approves the new ferry timetable after a long vote', paragraphs: storyParagraphs(seed), published: '2026-04-02T09:00:00Z', ...(canonical ? { canonical } : {}) });

/**
 * The inline analyzer, recording the titles of the articles it analyzes. `fail`: each analysis comes
 * back as that failure. `together`: the first extractions are held until that many were asked for, so
 * those pages are all extracted before the first is committed (as on busy workers).
 */
function countingAnalyzer(options: { fail?: 'TIMEOUT'; together?: number } = {}): PageAnalyzer & { analyzed: string[] } {
  const inner = createPageAnalyzer({ inline: true, jobs: 1, hardTimeoutMs: 60_000 });
  const analyzed: string[] = [];
  const held: (() => void)[] = [];
  return {
    analyzed,
    extract: async (task) => {
      if (held.length < (options.together ?? 0)) {
        await new Promise<void>((release) => {
          held.push(release);
          if (held.length === options.together) for (const go of held) go();
        });
      }
      return inner.extract(task);
    },
    analyzeArticle: async (article, settings) => {
      analyzed.push(article.text.slice(0, 40));
      const fail = options.fail;
      if (fail) return { ok: false, code: fail, message: 'The page was still being processed after 1 ms; its worker was stopped.' };
      return inner.analyzeArticle(article, settings);
    },
    close: () => inner.close(),
  };
}

async function articles(store: MemoryStore): Promise<{ id: number }[]> {
  const all: { id: number }[] = [];
  for await (const article of store.exportArticles()) all.push(article);
  return all;
}

async function pages(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder);
  for (const [file, html] of Object.entries(files)) await writeFile(join(folder, file), html);
  return folder;
}

describe('ingest: decide first, analyze after', () => {
  it('does not analyze a page whose article is already stored', async () => {
    const store = new MemoryStore();
    const first = countingAnalyzer();
    await ingest({ sources: [await pages('first', { 'story.html': story(1, CANONICAL) })], store, settings: INLINE, analyzer: first });
    expect(first.analyzed).toHaveLength(1);

    // The same story again under its canonical link, and one new story: only the new one is analyzed.
    const second = countingAnalyzer();
    const result = await ingest({ sources: [await pages('second', { 'a-again.html': story(1, CANONICAL), 'b-new.html': story(2) })], store, settings: INLINE, analyzer: second });
    expect(result.counts).toMatchObject({ seen: 2, stored: 1, duplicate: 1 });
    expect(second.analyzed).toEqual([storyParagraphs(2)[0]!.slice(0, 40)]);
    for (const stored of await articles(store)) expect((await store.getAnalysis(stored.id))!.stages.length).toBeGreaterThan(0);
  });

  it('analyzes every article it stores, with its layers in the same commit', async () => {
    const store = new MemoryStore();
    const analyzer = countingAnalyzer();
    const result = await ingest({ sources: [await pages('stories', { 'a.html': story(3), 'b.html': story(4), 'c.html': story(5) })], store, settings: INLINE, analyzer });
    expect(result.counts).toMatchObject({ seen: 3, stored: 3 });
    expect(analyzer.analyzed).toHaveLength(3);
    const stored = await articles(store);
    expect(stored).toHaveLength(3);
    for (const article of stored) expect((await store.getAnalysis(article.id))!.stages.map((s) => s.name)).toContain('entities');
  });

  it('drops the analysis of a page that turns out to be a duplicate at its commit', async () => {
    // Both pages are extracted (and look new) before the first is committed: the second is analyzed
    // early, then found to be a duplicate of the first when its turn comes.
    const store = new MemoryStore();
    const analyzer = countingAnalyzer({ together: 2 });
    const result = await ingest({ sources: [await pages('pair', { 'a.html': story(7, CANONICAL), 'b.html': story(7, CANONICAL) })], store, settings: { ...INLINE, inFlightPerJob: 4 }, analyzer });
    expect(result.counts).toMatchObject({ seen: 2, stored: 1, duplicate: 1 });
    expect(analyzer.analyzed).toHaveLength(2);
    expect((await store.stats()).articles).toBe(1);
  });

  it('analyzes a page before its commit when it was a duplicate at first sight but is new when its turn comes', async () => {
    // A store whose article under CANONICAL is seen by the first look only, as when a stored article
    // changes between the two decisions.
    const store = new (class extends MemoryStore {
      private looks = 0;
      override async findArticleByCanonicalUrl(url: string) {
        if (url === CANONICAL && this.looks++ === 0) return { id: 1, canonicalUrl: CANONICAL, textHash: 'x' } as Awaited<ReturnType<MemoryStore['findArticleByCanonicalUrl']>>;
        return super.findArticleByCanonicalUrl(url);
      }
    })();
    const analyzer = countingAnalyzer();
    const result = await ingest({ sources: [await pages('changed', { 'a.html': story(8, CANONICAL) })], store, settings: INLINE, analyzer });
    expect(result.counts).toMatchObject({ seen: 1, stored: 1 });
    expect(analyzer.analyzed).toHaveLength(1);
    const stored = (await store.getArticle(CANONICAL))!;
    expect((await store.getAnalysis(stored.id))!.stages.length).toBeGreaterThan(0);
  });

  it('stores the article without its layers when its analysis is stopped, and records why', async () => {
    const store = new MemoryStore();
    const result = await ingest({ sources: [await pages('slow', { 'a.html': story(6) })], store, settings: INLINE, analyzer: countingAnalyzer({ fail: 'TIMEOUT' }) });
    expect(result.counts).toMatchObject({ seen: 1, stored: 1, failed: 0 });
    expect(result.analysisFailures).toEqual({ analysis: 1 });
    const [stored] = await articles(store);
    const analysis = (await store.getAnalysis(stored!.id))!;
    expect(analysis.stages).toEqual([]);
    expect(analysis.failures).toEqual([{ stage: 'analysis', code: 'TIMEOUT', message: expect.stringMatching(/did not finish within \d+ ms.*parley reanalyze/) }]);
  });
});
