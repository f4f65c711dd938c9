import { isAllowedTransition, TAG_COUNT } from './tags.js';

/**
 * The learned weights of a tagger's passes, in one table: a feature key is looked up once and gives
 * the weights of every pass for every tag side by side (a row of passes × TAG_COUNT numbers), because
 * the later passes share most of their features with the first. Lookups are the tagger's main cost,
 * so the open-addressing table keeps each key beside its row number (one memory access per probe).
 */

export const TRANSITION_ROWS = TAG_COUNT + 1;

export interface PassEmissions {
  /** The distinct, non-zero feature keys of the pass; key i has the weights emissions[i × TAG_COUNT ..]. */
  readonly keys: Uint32Array;
  readonly emissions: Float32Array;
}

export class EmissionTable {
  /** Interleaved (key, row) pairs; key 0 marks an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** rows × width weights: for row r, pass p, tag t at r × width + p × TAG_COUNT + t. */
  readonly weights: Float32Array;
  /** passes × TAG_COUNT. */
  readonly width: number;
  readonly rows: number;

  constructor(passes: readonly PassEmissions[]) {
    this.width = passes.length * TAG_COUNT;
    const rowOf = new Map<number, number>();
    for (const pass of passes) for (const key of pass.keys) if (!rowOf.has(key)) rowOf.set(key, rowOf.size);
    this.rows = rowOf.size;
    let capacity = 16;
    while (capacity < this.rows * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.weights = new Float32Array(this.rows * this.width);
    for (const [key, row] of rowOf) {
      if (key === 0) throw new Error('feature key 0 is reserved');
      let slot = spread(key) & this.mask;
      while (this.slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = key | 0;
      this.slots[2 * slot + 1] = row;
    }
    passes.forEach((pass, p) => {
      if (pass.emissions.length !== pass.keys.length * TAG_COUNT) throw new Error(`pass ${p + 1}: ${pass.keys.length} keys but ${pass.emissions.length} weights`);
      const seen = new Set<number>();
      pass.keys.forEach((key, k) => {
        if (seen.has(key)) throw new Error(`feature key ${key} appears twice in pass ${p + 1}`);
        seen.add(key);
        const base = rowOf.get(key)! * this.width + p * TAG_COUNT;
        for (let t = 0; t < TAG_COUNT; t++) this.weights[base + t] = pass.emissions[k * TAG_COUNT + t]!;
      });
    });
  }

  /** The offset of a feature key's weights in `weights`, or -1 when the model has no weight for it. */
  offset(key: number): number {
    const k = key | 0;
    let slot = spread(key) & this.mask;
    for (;;) {
      const found = this.slots[2 * slot]!;
      if (found === k) return this.slots[2 * slot + 1]! * this.width;
      if (found === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Adds the weights of `keys[from .. to)` for passes [firstPass, width / TAG_COUNT) to `into` at `at` (same layout as a row). */
  addKeys(keys: Uint32Array, from: number, to: number, into: Float32Array | Float64Array, at: number, firstPass = 0): void {
    const w = this.weights;
    const width = this.width;
    const start = firstPass * TAG_COUNT;
    for (let k = from; k < to; k++) {
      const offset = this.offset(keys[k]!);
      if (offset < 0) continue;
      for (let j = start; j < width; j++) into[at + j]! += w[offset + j]!;
    }
  }
}

/** Keys are hashes already; one more multiply spreads their low bits over the table. */
function spread(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7;
}

/** The transitions the BILOU scheme forbids (tags.ts), as -Infinity; added to the learned transitions when decoding. */
export const TRANSITION_MASK: Float64Array = (() => {
  const mask = new Float64Array(TRANSITION_ROWS * TAG_COUNT);
  for (let previous = -1; previous < TAG_COUNT; previous++) {
    for (let next = 0; next < TAG_COUNT; next++) {
      if (!isAllowedTransition(previous, next)) mask[(previous + 1) * TAG_COUNT + next] = -Infinity;
    }
  }
  return mask;
})();

/** Learned transitions with the forbidden ones at -Infinity, as the decoder takes them. */
export function maskedTransitions(transitions: ArrayLike<number>): Float64Array {
  const masked = new Float64Array(TRANSITION_ROWS * TAG_COUNT);
  for (let k = 0; k < masked.length; k++) masked[k] = transitions[k]! + TRANSITION_MASK[k]!;
  return masked;
}
