import type { SourceFailure } from '../sources/index.js';
import type { ProblemOutcome } from '../store/store.js';

/**
 * Which problems are rejections and which are failures, as data. The line between them: a page is
 * `rejected` when Parley got it and judged it is not an article (nothing is wrong, there is just no
 * article in it); it `failed` when Parley could not get or judge it (damaged, cut off, over a limit,
 * refused, unreachable). Only failures make `--strict` exit 1; both are stored with their reason and
 * counted, and failed pages are tried again by the next run over the same input.
 */

/** Extraction rejection codes that mean "not an article". Every other extraction code is a failure. */
export const NOT_AN_ARTICLE_EXTRACTION_CODES: ReadonlySet<string> = new Set(['EMPTY_INPUT', 'BINARY_CONTENT', 'NOT_HTML', 'NO_CONTENT']);

/** Source failure codes that mean "not an article" (a PDF or an image at a page's address). */
export const NOT_AN_ARTICLE_SOURCE_CODES: ReadonlySet<string> = new Set(['NOT_HTML']);

export function sourceProblem(failure: SourceFailure): ProblemOutcome {
  return {
    kind: NOT_AN_ARTICLE_SOURCE_CODES.has(failure.code) ? 'rejected' : 'failed',
    stage: failure.stage,
    code: failure.code,
    message: failure.message,
  };
}

export function extractionProblem(code: string, message: string): ProblemOutcome {
  return { kind: NOT_AN_ARTICLE_EXTRACTION_CODES.has(code) ? 'rejected' : 'failed', stage: 'extract', code, message };
}
