/**
 * What every extract() result must look like, whatever the input: an article that keeps the model's
 * promises, or a rejection with a known code and a reason a person can act on.
 */
import { expect } from 'vitest';
import type { ExtractResult, RejectionCode } from '../../src/index.js';
import { blocksToText } from '../../src/index.js';

export const REJECTION_CODES = [
  'EMPTY_INPUT', 'BINARY_CONTENT', 'TOO_LARGE', 'TOO_COMPLEX', 'NOT_HTML', 'NO_CONTENT', 'TIMEOUT',
] as const satisfies readonly RejectionCode[];

// Compile-time guard: the list above names every rejection code of the model.
type Unlisted = Exclude<RejectionCode, (typeof REJECTION_CODES)[number]>;
const everyCodeListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyCodeListed;

/** ISO 8601 date or date-time, with an optional offset. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function expectDate(value: string | null, field: string): void {
  if (value === null) return;
  expect(value, `${field} is ISO 8601`).toMatch(ISO_DATE);
  expect(Number.isFinite(Date.parse(value)), `${field} "${value}" is a real date`).toBe(true);
}

export function expectWellFormed(result: ExtractResult): void {
  expect(() => JSON.stringify(result)).not.toThrow();
  if (!result.ok) {
    expect(REJECTION_CODES).toContain(result.rejection.code);
    expect(result.rejection.reason.trim().length, 'a rejection says why').toBeGreaterThan(10);
    return;
  }
  const a = result.article;
  expect(a.text.trim(), 'an article has text').not.toBe('');
  expect(a.text, 'text is the blocks joined by a blank line').toBe(blocksToText(a.blocks));
  // wordCount > 0 (an article has words) is its own test; here only the type, so other properties keep their power.
  expect(Number.isInteger(a.wordCount) && a.wordCount >= 0, `wordCount ${a.wordCount}`).toBe(true);
  for (const author of a.authors) expect(author.trim(), 'authors are clean names').toBe(author);
  for (const author of a.authors) expect(author).not.toBe('');
  for (const tag of a.tags) expect(typeof tag).toBe('string');
  expectDate(a.published, 'published');
  expectDate(a.modified, 'modified');
  if (a.language !== null) expect(a.language).toMatch(/^[a-z]{2}$/);
  for (const caption of a.captions) expect(caption.text.trim()).not.toBe('');
  for (const [field, provenance] of Object.entries(a.provenance)) {
    expect(typeof provenance?.source, `provenance of ${field}`).toBe('string');
    expect(provenance!.confidence).toBeGreaterThanOrEqual(0);
    expect(provenance!.confidence).toBeLessThanOrEqual(1);
  }
}

/** The result is a rejection with that code (and a reason). */
export function expectRejected(result: ExtractResult, ...codes: RejectionCode[]): void {
  expectWellFormed(result);
  const got = result.ok ? `an article: ${JSON.stringify(result.article.text.slice(0, 120))}` : result.rejection.code;
  expect(result.ok ? null : result.rejection.code, `expected ${codes.join(' or ')}, got ${got}`).toBeOneOf(codes);
}

/** The result is a well-formed article whose text contains `text`. */
export function expectArticleWith(result: ExtractResult, text: string): void {
  expectWellFormed(result);
  expect(result.ok ? '' : `${result.rejection.code}: ${result.rejection.reason}`, 'expected an article').toBe('');
  if (result.ok) expect(result.article.text).toContain(text);
}
