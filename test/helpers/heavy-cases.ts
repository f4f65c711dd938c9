/**
 * The robustness cases too heavy to run inside the test process (100,000-deep nesting):
 * they run in a child process (see child-runner.ts), in parallel with the rest of the suite, under a
 * kill guard, so an extractor that hangs on them fails the suite instead of stalling it.
 */
import type { ExtractOptions } from '../../src/index.js';
import { deeplyNested } from './hostile-pages.js';

export interface HeavyCase {
  readonly input: () => string | Uint8Array;
  readonly options?: ExtractOptions;
}

export const DEEP = 100_000;
export const FULL_DEPTH = 30_000;
/** A time limit small enough that any of these inputs should run past it. */
export const SMALL_TIMEOUT_MS = 200;

const nested = (open: string, close: string | null, options?: ExtractOptions): HeavyCase => ({
  input: () => deeplyNested(DEEP, open, close),
  ...(options ? { options } : {}),
});
const underSmallTimeout: ExtractOptions = { limits: { timeoutMs: SMALL_TIMEOUT_MS } };

export const HEAVY_CASES: Readonly<Record<string, HeavyCase>> = {
  // The default maxDepth flattens the nesting and the paragraph survives (a roomy timeoutMs: this is
  // about depth, and a loaded machine must not turn it into a TIMEOUT).
  'div-closed': nested('<div>', '</div>', { limits: { timeoutMs: 120_000 } }),
  'div-unclosed': nested('<div>', null, { limits: { timeoutMs: 120_000 } }),
  // maxDepth above the nesting: the whole tree is built and walked. 30,000 levels are three times what a
  // recursive walk survives on Node's default stack (about 10,000 frames), at a fraction of the cost
  // of 100,000 (deep trees are superlinear to extract).
  'div-full-depth': {
    input: () => deeplyNested(FULL_DEPTH, '<div>', '</div>'),
    options: { limits: { maxDepth: 2 * FULL_DEPTH, timeoutMs: 120_000 } },
  },
  // Under a small timeoutMs: each must come back (TIMEOUT or a result) soon after the limit.
  'list-small-timeout': nested('<ul><li>', '</li></ul>', underSmallTimeout),
  'table-small-timeout': nested('<table><tr><td>', null, underSmallTimeout),
  'inline-small-timeout': nested('<span><b><i>', '</i></b></span>', underSmallTimeout),
  'div-small-timeout': nested('<div>', '</div>', underSmallTimeout),
};
