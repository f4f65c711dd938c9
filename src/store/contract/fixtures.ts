import { createHash } from 'node:crypto';
import { extract } from '../../extract/index.js';
import { blocksToText, type Article, type Block } from '../../model/article.js';
import { blocksToMarkdown } from '../../render/markdown.js';
import type { PageOutcome, PageRecord, RunStart, Store } from '../store.js';

/** Records for the contract tests: articles shaped exactly like extract()'s, and pages around them. */

export interface ArticleSpec {
  readonly title?: string | null;
  readonly paragraphs: readonly string[];
  readonly published?: string | null;
  readonly language?: string | null;
  readonly siteName?: string | null;
  readonly url?: string | null;
  readonly authors?: readonly string[];
}

export function makeArticle(spec: ArticleSpec): Article {
  const blocks: Block[] = spec.paragraphs.map((text) => ({ type: 'paragraph', text, inlines: [{ text }] }));
  const text = blocksToText(blocks);
  return {
    title: spec.title ?? null,
    authors: [...(spec.authors ?? [])],
    published: spec.published ?? null,
    modified: null,
    language: spec.language ?? null,
    siteName: spec.siteName ?? null,
    url: spec.url ?? null,
    canonicalUrl: spec.url ?? null,
    description: null,
    image: null,
    section: null,
    tags: [],
    captions: [],
    blocks,
    text,
    markdown: blocksToMarkdown(blocks),
    wordCount: text.split(/\s+/).filter(Boolean).length,
    provenance: spec.published ? { published: { source: 'json-ld', confidence: 0.9 } } : {},
  };
}

/** A real page: extraction gives every field a stored article must give back unchanged. */
export const RICH_PAGE = `<!doctype html>
<html lang="en"><head>
<title>Harbour bridge reopens after repairs | The Coast Courier</title>
<link rel="canonical" href="https://www.coast-courier.example/news/2024/05/harbour-bridge">
<meta property="og:site_name" content="The Coast Courier">
<meta name="description" content="The harbour bridge carries traffic again after eight months.">
<meta property="og:image" content="https://www.coast-courier.example/img/bridge.jpg">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Harbour bridge reopens after repairs",
"datePublished":"2024-05-03T08:30:00+02:00","author":{"@type":"Person","name":"Mara Lind"},"articleSection":"Local","keywords":"bridge, transport"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p class="byline">By Mara Lind</p>
<p>The harbour bridge reopened to traffic on Friday morning after eight months of repairs, the city's transport office said.</p>
<figure><img src="/img/bridge.jpg" alt=""><figcaption>Cars cross the bridge on Friday. Photo: Jon Berg</figcaption></figure>
<p>Engineers replaced the <strong>steel cables</strong> and resurfaced the deck. "It is safer than it has ever been," said <a href="/people/ana-ruiz">Ana Ruiz</a>, who led the works.</p>
<h2>What changes for commuters</h2>
<ul><li>Buses return to the bridge route.</li><li>Cyclists get a separate lane.</li></ul>
<p>Tolls stay at the level of last year until the council reviews them in the autumn.</p>
</article>
<footer>© The Coast Courier</footer>
</body></html>`;

export const RICH_URL = 'https://www.coast-courier.example/news/2024/05/harbour-bridge?utm_source=feed';

export function richArticle(): Article {
  const result = extract(RICH_PAGE, { url: RICH_URL });
  if (!result.ok) throw new Error(`The contract's sample page was rejected: ${result.rejection.reason}`);
  return result.article;
}

export function textHash(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex');
}

export const RUN: RunStart = {
  sources: ['pages/'],
  configHash: 'cfg-1',
  stageVersions: [{ name: 'extract', version: '0.1.0' }],
  startedAt: '2024-06-01T10:00:00.000Z',
  keepRaw: true,
};

export function articleOutcome(article: Article, extra: Partial<Extract<PageOutcome, { kind: 'article' }>> = {}): PageOutcome {
  return { kind: 'article', article, textHash: textHash(article.text), minhash: null, copyOf: null, ...extra };
}

let clock = Date.UTC(2024, 5, 1, 12);

/** A page record; each call gets a later fetch time unless one is given. */
export function pageRecord(runId: number, sourceKey: string, outcome: PageOutcome, overrides: Partial<PageRecord> = {}): PageRecord {
  clock += 1000;
  const url = overrides.url !== undefined ? overrides.url : `https://news.example/${sourceKey}`;
  return {
    runId,
    source: `pages/${sourceKey}.html`,
    sourceKey,
    url,
    canonicalUrl: url,
    fetchedAt: new Date(clock).toISOString(),
    httpStatus: 200,
    contentHash: textHash(sourceKey),
    raw: new TextEncoder().encode(`<html><body><p>${sourceKey}</p></body></html>`),
    outcome,
    ...overrides,
  };
}

/** Stores one article per spec (canonical URL `https://<site>/<key>`), returning their ids in order. */
export async function storeArticles(store: Store, specs: readonly (ArticleSpec & { key: string; site?: string })[]): Promise<number[]> {
  const runId = await store.startRun(RUN);
  const ids: number[] = [];
  for (const spec of specs) {
    const url = `https://${spec.site ?? 'news.example'}/${spec.key}`;
    const result = await store.commitPage(pageRecord(runId, spec.key, articleOutcome(makeArticle({ url, ...spec })), { url }));
    ids.push(result.page.articleId!);
  }
  return ids;
}
