import { ParleyError } from '../pipeline/errors.js';

/**
 * Every limit extraction enforces, named and configurable. A page over a limit is rejected with a
 * reason (too large, timed out) or degraded in a recorded way (nesting deeper than `maxDepth` is
 * flattened), never left to exhaust memory or the stack.
 */
export interface ExtractLimits {
  /** Largest input accepted, in bytes (or UTF-16 code units for a string input). */
  readonly maxBytes: number;
  /** Element nesting kept by the parser; deeper elements are flattened into their ancestor at this depth. */
  readonly maxDepth: number;
  /** Wall time one extraction may take, in milliseconds; checked between and inside the costly steps. */
  readonly timeoutMs: number;
}

export const DEFAULT_LIMITS: ExtractLimits = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 256,
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
