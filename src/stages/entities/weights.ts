import type { SentenceFeatures } from './features.js';
import { isAllowedTransition, TAG_COUNT } from './tags.js';

/**
 * The learned weights of one linear-chain tagger: a row of TAG_COUNT weights per kept feature, found
 * through an open-addressing table of the 32-bit feature keys, and the tag-to-tag transition weights
 * (row 0 is the start of a sentence, row 1 + t follows tag t).
 */

export class FeatureTable {
  private readonly slots: Uint32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  /** `keys`: the distinct, non-zero feature keys; key i gets row i. */
  constructor(keys: Uint32Array) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.slots = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let row = 0; row < keys.length; row++) {
      const key = keys[row]!;
      let slot = spread(key) & this.mask;
      while (this.slots[slot] !== 0) {
        if (this.slots[slot] === key) throw new Error(`feature key ${key} appears twice`);
        slot = (slot + 1) & this.mask;
      }
      this.slots[slot] = key;
      this.rows[slot] = row;
    }
  }

  /** The row of a feature key, or -1 when the model has no weight for it. */
  row(key: number): number {
    let slot = spread(key) & this.mask;
    for (;;) {
      const found = this.slots[slot]!;
      if (found === key) return this.rows[slot]!;
      if (found === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Keys are hashes already; one more multiply spreads their low bits over the table. */
function spread(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7;
}

export const TRANSITION_ROWS = TAG_COUNT + 1;

export interface TaggerWeights {
  readonly table: FeatureTable;
  /** rows × TAG_COUNT emission weights. */
  readonly emissions: Float32Array;
  /** TRANSITION_ROWS × TAG_COUNT transition weights. */
  readonly transitions: Float32Array;
}

/** Emission scores of a sentence: n × TAG_COUNT, token-major. */
export function emissionScores(weights: TaggerWeights, features: SentenceFeatures): Float64Array {
  const n = features.offsets.length - 1;
  const scores = new Float64Array(n * TAG_COUNT);
  const { keys, offsets } = features;
  const w = weights.emissions;
  for (let i = 0; i < n; i++) {
    const base = i * TAG_COUNT;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const row = weights.table.row(keys[k]!);
      if (row < 0) continue;
      const r = row * TAG_COUNT;
      for (let t = 0; t < TAG_COUNT; t++) scores[base + t]! += w[r + t]!;
    }
  }
  return scores;
}

/** The transitions the IOB2 scheme forbids, as -Infinity; added to the learned transitions when decoding. */
export const TRANSITION_MASK: Float64Array = (() => {
  const mask = new Float64Array(TRANSITION_ROWS * TAG_COUNT);
  for (let previous = -1; previous < TAG_COUNT; previous++) {
    for (let next = 0; next < TAG_COUNT; next++) {
      if (!isAllowedTransition(previous, next)) mask[(previous + 1) * TAG_COUNT + next] = -Infinity;
    }
  }
  return mask;
})();
