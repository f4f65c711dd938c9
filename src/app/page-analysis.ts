import { extract } from '../extract/index.js';
import type { Article } from '../model/article.js';
import type { ArticleAnalysis } from '../store/analysis.js';
import { analyzerFor, type AnalysisSettings } from './article-analysis.js';
import { chooseCanonicalUrl, contentHash, fingerprintText, type CanonicalSource, type MinHashParams } from '../dedup/index.js';

/**
 * Everything the ingest does to one page that needs no store: extraction, the canonical URL, the hashes,
 * the MinHash fingerprint and the analysis stages (article-analysis.ts; models loaded once per thread). Pure and self-contained, so it runs in a worker thread (page-worker.ts)
 * or inline; the decisions that need what is already stored are the writer's (decide.ts).
 */

export interface PageTask {
  readonly bytes: Uint8Array;
  /** The page's URL when known (a fetch, a WARC record); null for a local file. */
  readonly url: string | null;
  readonly headers: Readonly<Record<string, string>> | null;
  /** The local file's absolute path when the page has no URL: its `file:` URL is the fallback identity. */
  readonly filePath: string | null;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  /** Extraction's structure limits; extraction's defaults when absent. */
  readonly maxElements?: number;
  readonly maxNesting?: number;
  readonly minhash: MinHashParams;
  /** Run the analysis stages on the article (null: extraction only). */
  readonly analysis: AnalysisSettings | null;
}

export type PageAnalysis =
  | {
      readonly ok: true;
      readonly contentHash: string;
      readonly article: Article;
      readonly canonicalUrl: string;
      readonly canonicalFrom: CanonicalSource;
      readonly textHash: string;
      /** MinHash signature bytes (dedup/minhash.ts encodeSignature) and band keys; null for very short bodies. */
      readonly signature: Uint8Array | null;
      readonly bandKeys: readonly string[];
      /** The article's analysis layers, or null when the task asked for extraction only. */
      readonly analysis: ArticleAnalysis | null;
      /** Time spent: `extract` and each analysis stage, in ms (benchmarks read it). */
      readonly timings: Readonly<Record<string, number>>;
    }
  | {
      readonly ok: false;
      readonly contentHash: string;
      /** An extraction rejection code (NO_CONTENT, BINARY_CONTENT, TIMEOUT, ...) or NO_URL. */
      readonly code: string;
      readonly message: string;
    };

export function analyzePage(task: PageTask): PageAnalysis {
  const started = performance.now();
  const hash = contentHash(task.bytes);
  const result = extract(task.bytes, {
    url: task.url,
    headers: task.headers ?? undefined,
    limits: { maxBytes: task.maxBytes, timeoutMs: task.timeoutMs, maxElements: task.maxElements, maxNesting: task.maxNesting },
  });
  if (!result.ok) return { ok: false, contentHash: hash, code: result.rejection.code, message: result.rejection.reason };
  const article = result.article;
  const canonical = chooseCanonicalUrl(task.url, article.canonicalUrl, task.filePath);
  if (canonical === null) {
    return { ok: false, contentHash: hash, code: 'NO_URL', message: 'The page has no usable URL and no canonical link, so it cannot be filed under an address.' };
  }
  const fingerprint = fingerprintText(article.text, task.minhash);
  const extracted = performance.now() - started;
  const analyzed = task.analysis === null ? null : analyzerFor(task.analysis).analyze(article);
  return {
    ok: true,
    contentHash: hash,
    article,
    canonicalUrl: canonical.url,
    canonicalFrom: canonical.from,
    textHash: fingerprint.textHash,
    signature: fingerprint.encodedSignature,
    bandKeys: fingerprint.bandKeys,
    analysis: analyzed?.analysis ?? null,
    timings: { extract: extracted, ...analyzed?.timings },
  };
}
