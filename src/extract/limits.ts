import { ParleyError } from '../pipeline/errors.js';

/**
 * Every limit extraction enforces, named and configurable. A page over a limit is rejected with a
 * reason (too large, too complex, timed out) or degraded in a recorded way (nesting deeper than
 * `maxDepth` is flattened), never left to exhaust memory or the stack.
 *
 * The structure limits (`maxElements`, `maxNesting`) bound the work by the document itself, so a
 * hostile page gets the same answer on a busy machine and an idle one, long before `timeoutMs`: the
 * HTML parser's cost grows with the square of the nesting (its stack of open elements is an array it
 * shifts), and the tree costs memory per element (a page of a million elements took ~800 MB).
 */
export interface ExtractLimits {
  /** Largest input accepted, in bytes (or UTF-16 code units for a string input). */
  readonly maxBytes: number;
  /** Element nesting kept by the parser; deeper elements are flattened into their ancestor at this depth. */
  readonly maxDepth: number;
  /** Elements a page may hold (those dropped while parsing, scripts and styles, included); more: TOO_COMPLEX. */
  readonly maxElements: number;
  /** Elements open at once (unclosed ones, and those `maxDepth` flattens, included); deeper: TOO_COMPLEX. */
  readonly maxNesting: number;
  /** Wall time one extraction may take, in milliseconds; checked between and inside the costly steps. */
  readonly timeoutMs: number;
}

export const DEFAULT_LIMITS: ExtractLimits = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 256,
  // The largest of 2,254 real pages in ../shared/bench has about 10,000 elements and nests 56 deep.
  maxElements: 50_000,
  maxNesting: 5_000,
  timeoutMs: 10_000,
});

export function resolveLimits(overrides: Partial<ExtractLimits> = {}): ExtractLimits {
  const limits = { ...DEFAULT_LIMITS, ...definedOnly(overrides) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new ParleyError('E_OPTION', `Limit ${name} must be a positive number, got ${String(value)}.`);
    }
  }
  return Object.freeze(limits);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Thrown while parsing when the page passes maxElements or maxNesting; turned into a TOO_COMPLEX rejection. */
export class StructureLimitExceeded extends Error {
  constructor(
    readonly limit: 'maxElements' | 'maxNesting',
    readonly value: number,
  ) {
    super(`The page passes ${limit} (${value}).`);
  }
}

/** Thrown inside extraction when the deadline passes; turned into a TIMEOUT rejection at the edge. */
export class DeadlineExceeded extends Error {
  constructor(readonly timeoutMs: number) {
    super(`Extraction took longer than ${timeoutMs} ms.`);
  }
}

/** A cheap deadline check for the loops of extraction. */
export class Deadline {
  private readonly end: number;
  constructor(readonly timeoutMs: number) {
    this.end = performance.now() + timeoutMs;
  }
  check(): void {
    if (performance.now() > this.end) throw new DeadlineExceeded(this.timeoutMs);
  }
}
