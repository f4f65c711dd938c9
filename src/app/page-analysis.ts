import { gzipSync } from 'node:zlib';
import { extract } from '../extract/index.js';
import type { Article } from '../model/article.js';
import { chooseCanonicalUrl, contentHash, fingerprintText, type CanonicalSource, type MinHashParams } from '../dedup/index.js';

/**
 * What the ingest does to one page before it knows whether the page is new: extraction, the canonical
 * URL, the hashes and the MinHash fingerprint. Pure and self-contained, so it runs in a worker thread
 * (page-worker.ts) or inline; the decisions that need what is already stored are the writer's
 * (decide.ts), and the analysis stages run afterwards, only on the pages that become articles
 * (article-analysis.ts, in the same workers).
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
  /** Also return the bytes gzip-compressed (raw HTML is kept): compressing here keeps it off the single writer. */
  readonly compressRaw: boolean;
}

/** Raw HTML is kept at gzip level 1: a quarter of the size, four times faster than the default level. */
const RAW_GZIP = { level: 1 } as const;

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
      /** Time spent on extraction and fingerprints (`extract`), in ms (benchmarks read it). */
      readonly timings: Readonly<Record<string, number>>;
      readonly rawGzip: Uint8Array | null;
    }
  | {
      readonly ok: false;
      readonly contentHash: string;
      /** An extraction rejection code (NO_CONTENT, BINARY_CONTENT, TIMEOUT, ...) or NO_URL. */
      readonly code: string;
      readonly message: string;
      /** The page's bytes gzip-compressed, when the task asked (PageRecord.rawGzip). */
      readonly rawGzip: Uint8Array | null;
    };

export function analyzePage(task: PageTask): PageAnalysis {
  const rawGzip = task.compressRaw ? gzipSync(task.bytes, RAW_GZIP) : null;
  const started = performance.now();
  const hash = contentHash(task.bytes);
  const result = extract(task.bytes, {
    url: task.url,
    headers: task.headers ?? undefined,
    limits: { maxBytes: task.maxBytes, timeoutMs: task.timeoutMs, maxElements: task.maxElements, maxNesting: task.maxNesting },
  });
  if (!result.ok) return { ok: false, contentHash: hash, code: result.rejection.code, message: result.rejection.reason, rawGzip };
  const article = result.article;
  const canonical = chooseCanonicalUrl(task.url, article.canonicalUrl, task.filePath);
  if (canonical === null) {
    return { ok: false, contentHash: hash, code: 'NO_URL', message: 'The page has no usable URL and no canonical link, so it cannot be filed under an address.', rawGzip };
  }
  const fingerprint = fingerprintText(article.text, task.minhash);
  return {
    ok: true,
    contentHash: hash,
    article,
    canonicalUrl: canonical.url,
    canonicalFrom: canonical.from,
    textHash: fingerprint.textHash,
    signature: fingerprint.encodedSignature,
    bandKeys: fingerprint.bandKeys,
    timings: { extract: performance.now() - started },
    rawGzip,
  };
}
