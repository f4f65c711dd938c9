import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { storeArticles, type ArticleSpec } from '../../src/store/contract/fixtures.js';
import type { Store } from '../../src/store/store.js';
import type { ApiErrorBody, ApiErrorCode } from '../../src/server/errors.js';
import { openApiDocument } from '../../src/server/openapi/document.js';
import type { ArticleListJSON } from '../../src/server/routes/articles.js';

/**
 * Shared by the API tests: an archive with enough variety to exercise every filter and pagination
 * (dates with ties, undated articles, several sites and languages), and a check of any response
 * against the OpenAPI document.
 */

export type ArchiveSpec = ArticleSpec & { key: string; site?: string };

const SITES = ['coast.example', 'news.coast.example', 'www.city.example', 'zeitung.example'] as const;
const LANGUAGES = ['en', 'en', 'en', 'de'] as const;

/**
 * `count` articles. Every one mentions "harbour"; every third one "bridge". Published dates repeat
 * (ties broken by id), every seventh has none, a few carry a time and an offset.
 */
export function archiveSpecs(count: number): ArchiveSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const site = SITES[i % SITES.length]!;
    const day = 1 + (Math.floor(i / 3) % 28);
    const published = i % 7 === 6 ? null : i % 5 === 4 ? `2024-05-${String(day).padStart(2, '0')}T10:00:00+02:00` : `2024-${i % 2 === 0 ? '05' : '04'}-${String(day).padStart(2, '0')}`;
    return {
      key: `story-${i}`,
      site,
      title: `Story ${i} from the harbour`,
      published,
      language: LANGUAGES[i % LANGUAGES.length]!,
      siteName: site.replace(/^www\./, ''),
      paragraphs: [`Story ${i}: the harbour ${i % 3 === 0 ? 'bridge ' : ''}report for day ${day}.`, 'A second paragraph with more words in it, so that the opening of the text is longer than one line. '.repeat(3)],
    };
  });
}

export async function fillStore(store: Store, specs: readonly ArchiveSpec[]): Promise<number[]> {
  return storeArticles(store, specs);
}

/** The parsed JSON body. */
export async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Asserts an error response: status, code, and (when given) the parameter it names. */
export async function expectError(response: Response, status: number, code: ApiErrorCode, parameter?: string): Promise<ApiErrorBody['error']> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const parsed = JSON.parse(text) as ApiErrorBody;
  expect(parsed.error.code).toBe(code);
  expect(typeof parsed.error.message).toBe('string');
  if (parameter !== undefined) expect(parsed.error.parameter).toBe(parameter);
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/); // no stack trace or source path
  return parsed.error;
}

type Fetcher = (path: string) => Promise<Response>;

/** Follows `next` from `base` (with `cursor`, if given) to the last page, checking each page against the document. */
export async function walkPages(fetcher: Fetcher, base: string, cursor: string | null = null): Promise<{ pages: ArticleListJSON[]; ids: number[] }> {
  const pages: ArticleListJSON[] = [];
  const withCursor = (next: string | null): string => (next === null ? base : `${base}${base.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(next)}`);
  let url: string | null = withCursor(cursor);
  while (url !== null) {
    const response = await fetcher(url);
    const page = await body<ArticleListJSON>(response.clone());
    expect(response.status, JSON.stringify(page)).toBe(200);
    expectDocumented('/api/articles', 200, page);
    pages.push(page);
    if (pages.length > 1000) throw new Error('pagination does not end');
    url = page.next === null ? null : withCursor(page.next);
  }
  return { pages, ids: pages.flatMap((page) => page.articles.map((a) => a.id)) };
}

// Response bodies against the OpenAPI document.

const DOCUMENT = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components: object };
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();

/** The schema the document gives for `path`'s GET answering `status` (falling back to `default`). */
export function responseSchemaFor(path: string, status: number): object {
  const operation = DOCUMENT.paths[path]?.get;
  if (!operation) throw new Error(`The document has no GET ${path}.`);
  const response = operation.responses[String(status)] ?? operation.responses.default;
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`The document gives no JSON schema for GET ${path} → ${status}.`);
  return schema;
}

/** Asserts that a response body is what the document promises for this path and status. */
export function expectDocumented(path: string, status: number, value: unknown): void {
  const key = `${path} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    // The schema's $refs point at #/components/...: compile it with the document's components beside it.
    validate = ajv.compile({ ...responseSchemaFor(path, status), components: DOCUMENT.components });
    validators.set(key, validate);
  }
  const valid = validate(value);
  expect(valid ? [] : validate.errors, `GET ${path} → ${status} does not match the OpenAPI document`).toEqual([]);
}

/** The order of GET /api/articles without q: newer published instant first, undated last, then higher id first. */
export function compareNewestFirst(a: { publishedMs: number | null; id: number }, b: { publishedMs: number | null; id: number }): number {
  if (a.publishedMs !== b.publishedMs) {
    if (a.publishedMs === null) return 1;
    if (b.publishedMs === null) return -1;
    return b.publishedMs - a.publishedMs;
  }
  return b.id - a.id;
}
