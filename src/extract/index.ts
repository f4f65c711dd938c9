import type { Article, ExtractResult, Rejection } from '../model/article.js';
import { blocksToText } from '../model/article.js';
import { documentFromArticle, type Document } from '../model/document.js';
import { blocksToMarkdown } from '../render/markdown.js';
import { extractBody } from './body.js';
import { decodeHtml, sniffBinary } from './encoding.js';
import { headerValue, type HttpHeaders } from './headers.js';
import { resolveLanguage } from './language.js';
import { Deadline, DeadlineExceeded, resolveLimits, StructureLimitExceeded, type ExtractLimits } from './limits.js';
import { extractMetadata } from './metadata/index.js';
import { parseHtml } from './parse.js';
import { EXTRACTOR } from './stamp.js';
import { countWords } from './text.js';
import { ParleyError } from '../pipeline/errors.js';

export interface ExtractOptions {
  /** The page's URL: resolves relative links and images, and is a source of dates. */
  readonly url?: string | null;
  /** HTTP response headers (Content-Type charset, Content-Language, Last-Modified). */
  readonly headers?: HttpHeaders;
  /** Collect figure and photo captions into `captions` (default true); they never enter the body. */
  readonly captions?: boolean;
  readonly limits?: Partial<ExtractLimits>;
}

export { EXTRACTOR } from './stamp.js';

/**
 * Turns one raw page (bytes or an already decoded string) into a clean article, or a rejection that
 * says why there is none. Never throws for bad input: empty, binary, oversized, slow or article-less
 * pages come back as typed rejections.
 */
export function extract(input: string | Uint8Array, options: ExtractOptions = {}): ExtractResult {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new ParleyError('E_INPUT', `extract() takes the page as a string or bytes (Uint8Array, Buffer), not ${describe(input)}.`, 'Read the file first, e.g. with fs.readFileSync(path).');
  }
  const limits = resolveLimits(options.limits);
  const deadline = new Deadline(limits.timeoutMs);
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > limits.maxBytes) {
    return reject('TOO_LARGE', `The page is ${size} bytes, over the limit of ${limits.maxBytes} (raise --max-bytes / maxBytes to accept it).`);
  }
  let html: string;
  if (typeof input === 'string') {
    html = input;
  } else {
    const binary = sniffBinary(input);
    if (binary) return reject('BINARY_CONTENT', `The input is ${binary}, not HTML.`);
    html = decodeHtml(input, headerValue(options.headers, 'content-type')).text;
  }
  if (html.trim() === '') return reject('EMPTY_INPUT', 'The page is empty.');
  if (!/<[a-zA-Z!]/.test(html.slice(0, 65536))) return reject('NOT_HTML', 'The input has no HTML markup.');
  try {
    return { ok: true, article: buildArticle(html, options, limits, deadline) } satisfies ExtractResult;
  } catch (error) {
    if (error instanceof DeadlineExceeded) {
      return reject('TIMEOUT', `Extraction took longer than ${limits.timeoutMs} ms (raise the limit to allow more: --timeout of parley extract and analyze, --extract-timeout of parley ingest, timeoutMs in the library).`);
    }
    if (error instanceof NoContent) return reject('NO_CONTENT', error.message);
    if (error instanceof StructureLimitExceeded) return reject('TOO_COMPLEX', STRUCTURE_MESSAGES[error.limit](error.value));
    throw error;
  }
}

/** Extraction and the conversion to the pipeline's document in one call. */
export function extractDocument(input: string | Uint8Array, options: ExtractOptions = {}): { ok: true; document: Document } | { ok: false; rejection: Rejection } {
  const result = extract(input, options);
  return result.ok ? { ok: true, document: documentFromArticle(result.article, EXTRACTOR) } : result;
}

class NoContent extends Error {}

const STRUCTURE_MESSAGES: Readonly<Record<StructureLimitExceeded['limit'], (limit: number) => string>> = {
  maxElements: (limit) => `The page has more than ${limit} elements, the limit of one page (raise --max-elements / maxElements to accept it); no news page needs as many.`,
  maxNesting: (limit) => `The page nests more than ${limit} elements inside one another (raise --max-nesting / maxNesting to accept it); no news page nests as deep.`,
};

function buildArticle(html: string, options: ExtractOptions, limits: ExtractLimits, deadline: Deadline): Article {
  const url = options.url ?? null;
  const page = parseHtml(html, limits, deadline);
  deadline.check();
  const metadata = extractMetadata({ page, url, headers: options.headers });
  deadline.check();
  const body = extractBody(page.document, {
    title: metadata.fields.title,
    baseUrl: metadata.fields.canonicalUrl ?? url,
    captions: options.captions ?? true,
    deadline,
  });
  const text = blocksToText(body.blocks);
  const wordCount = countWords(text);
  if (wordCount === 0) throw new NoContent('No article text was found on the page (it may be an index, a form or an empty shell filled by scripts).');
  const language = resolveLanguage(page.document, options.headers, text);
  return {
    ...metadata.fields,
    language: language?.value ?? null,
    captions: body.captions,
    blocks: body.blocks,
    text,
    markdown: blocksToMarkdown(body.blocks),
    wordCount,
    provenance: language ? { ...metadata.provenance, language: language.provenance } : metadata.provenance,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function reject(code: Rejection['code'], reason: string): ExtractResult {
  return { ok: false, rejection: { code, reason } };
}
