import { viterbi } from '../../src/stages/entities/decode.js';
import type { SentenceFeatures } from '../../src/stages/entities/features.js';
import type { PassWeights } from '../../src/stages/entities/model-file.js';
import { TAG_COUNT } from '../../src/stages/entities/tags.js';
import { maskedTransitions, TRANSITION_ROWS } from '../../src/stages/entities/weights.js';

/**
 * Training of one tagger pass: a structured averaged perceptron (Collins 2002) over a first-order
 * linear chain, decoded with the same constrained Viterbi as at run time. Deterministic: sentences are
 * visited in an order shuffled by a seeded generator.
 */

const L = TAG_COUNT;

/** Maps 32-bit feature keys to dense ids (open addressing; grows as keys arrive). */
export class KeyInterner {
  private slots = new Uint32Array(1 << 20);
  private ids = new Int32Array(1 << 20);
  private keysById = new Uint32Array(1 << 20);
  size = 0;

  intern(key: number): number {
    if (this.size * 2 >= this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    let slot = Math.imul(key, 0x9e3779b1) >>> 7 & mask;
    for (;;) {
      const found = this.slots[slot]!;
      if (found === key) return this.ids[slot]!;
      if (found === 0) break;
      slot = (slot + 1) & mask;
    }
    const id = this.size++;
    this.slots[slot] = key;
    this.ids[slot] = id;
    if (id >= this.keysById.length) {
      const grown = new Uint32Array(this.keysById.length * 2);
      grown.set(this.keysById);
      this.keysById = grown;
    }
    this.keysById[id] = key;
    return id;
  }

  key(id: number): number {
    return this.keysById[id]!;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldIds = this.ids;
    this.slots = new Uint32Array(oldSlots.length * 2);
    this.ids = new Int32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let s = 0; s < oldSlots.length; s++) {
      const key = oldSlots[s]!;
      if (key === 0) continue;
      let slot = Math.imul(key, 0x9e3779b1) >>> 7 & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = key;
      this.ids[slot] = oldIds[s]!;
    }
  }
}

export interface TrainingSentence {
  readonly ids: Int32Array;
  /** 1 for the ids of identity keys (see SentenceFeatures.identity), which dropout may hide. */
  readonly identity: Uint8Array;
  readonly offsets: Int32Array;
  readonly gold: Uint8Array;
}

export function toTrainingSentence(features: SentenceFeatures, gold: Uint8Array, interner: KeyInterner): TrainingSentence {
  const ids = new Int32Array(features.keys.length);
  for (let k = 0; k < ids.length; k++) ids[k] = interner.intern(features.keys[k]!);
  return { ids, identity: features.identity ?? new Uint8Array(ids.length), offsets: features.offsets, gold };
}

/** A small seeded generator (mulberry32) for the visiting order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PerceptronOptions {
  readonly epochs: number;
  readonly seed: number;
  /**
   * Probability that a token's identity keys (its word, affixes, word bigrams) are hidden for one visit
   * of its sentence, in scoring and in the update alike: the other features then have to recognize the
   * name, as they must for names never seen in training (feature bagging, word dropout). 0: none.
   */
  readonly dropout?: number;
  /** Called after each epoch with the averaged weights so far (for learning curves). */
  readonly afterEpoch?: (epoch: number, averaged: () => DenseWeights, mistakes: number) => void;
}

export interface DenseWeights {
  /** featureCount × L */
  readonly emissions: Float64Array;
  readonly transitions: Float64Array;
}

export function trainPerceptron(sentences: readonly TrainingSentence[], featureCount: number, options: PerceptronOptions): DenseWeights {
  const w = new Float64Array(featureCount * L);
  const u = new Float64Array(featureCount * L);
  const tw = new Float64Array(TRANSITION_ROWS * L);
  const tu = new Float64Array(TRANSITION_ROWS * L);
  let c = 1;
  const random = seededRandom(options.seed);
  const dropRandom = seededRandom(options.seed ^ 0x5bd1e995);
  const dropout = options.dropout ?? 0;
  const order = sentences.map((_, i) => i);
  const averaged = (): DenseWeights => {
    const emissions = new Float64Array(w.length);
    for (let k = 0; k < w.length; k++) emissions[k] = w[k]! - u[k]! / c;
    const transitions = new Float64Array(tw.length);
    for (let k = 0; k < tw.length; k++) transitions[k] = tw[k]! - tu[k]! / c;
    return { emissions, transitions };
  };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const index of order) {
      const sentence = sentences[index]!;
      const n = sentence.gold.length;
      const scores = new Float64Array(n * L);
      const hidden = new Uint8Array(n);
      if (dropout > 0) for (let i = 0; i < n; i++) hidden[i] = dropRandom() < dropout ? 1 : 0;
      for (let i = 0; i < n; i++) {
        for (let k = sentence.offsets[i]!; k < sentence.offsets[i + 1]!; k++) {
          if (hidden[i] && sentence.identity[k]) continue;
          const r = sentence.ids[k]! * L;
          for (let t = 0; t < L; t++) scores[i * L + t]! += w[r + t]!;
        }
      }
      const predicted = viterbi(scores, n, maskedTransitions(tw), false).tags;
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const gold = sentence.gold[i]!;
        const guess = predicted[i]!;
        const goldPrev = i > 0 ? sentence.gold[i - 1]! + 1 : 0;
        const guessPrev = i > 0 ? predicted[i - 1]! + 1 : 0;
        if (gold !== guess) {
          wrong = true;
          for (let k = sentence.offsets[i]!; k < sentence.offsets[i + 1]!; k++) {
            if (hidden[i] && sentence.identity[k]) continue;
            const r = sentence.ids[k]! * L;
            w[r + gold]! += 1;
            u[r + gold]! += c;
            w[r + guess]! -= 1;
            u[r + guess]! -= c;
          }
        }
        if (gold !== guess || goldPrev !== guessPrev) {
          tw[goldPrev * L + gold]! += 1;
          tu[goldPrev * L + gold]! += c;
          tw[guessPrev * L + guess]! -= 1;
          tu[guessPrev * L + guess]! -= c;
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    options.afterEpoch?.(epoch, averaged, mistakes);
  }
  return averaged();
}

/**
 * Drops the features whose averaged weights are all (near) zero, sorts the rest by key and quantizes
 * the weights to Int16 (one scale for the pass).
 */
export function compactWeights(dense: DenseWeights, interner: KeyInterner, featureCount: number, minMagnitude = 1e-3): { weights: PassWeights; scale: number } {
  const kept: number[] = [];
  let maxAbs = 0;
  for (let id = 0; id < featureCount; id++) {
    let rowMax = 0;
    for (let t = 0; t < L; t++) rowMax = Math.max(rowMax, Math.abs(dense.emissions[id * L + t]!));
    if (rowMax >= minMagnitude) {
      kept.push(id);
      maxAbs = Math.max(maxAbs, rowMax);
    }
  }
  kept.sort((a, b) => interner.key(a) - interner.key(b));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const keys = new Uint32Array(kept.length);
  const emissions = new Int16Array(kept.length * L);
  kept.forEach((id, row) => {
    keys[row] = interner.key(id);
    for (let t = 0; t < L; t++) emissions[row * L + t] = Math.round(dense.emissions[id * L + t]! / scale);
  });
  return { weights: { keys, emissions, transitions: Float32Array.from(dense.transitions) }, scale };
}
