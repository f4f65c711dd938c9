import { canEndSentence, isAllowedTransition, TAG_COUNT } from './tags.js';

/**
 * Viterbi decoding of a linear chain with BILOU constraints: transitions the scheme forbids (`O → I-X`,
 * `B-PER → L-LOC`, `B-X → O`, `L-X` first in a sentence) and an entity left open at the end score
 * -Infinity, so the best path is always well formed.
 * Alongside the path it returns each token's margin: the best total score with the token's chosen tag
 * minus the best total score with any other tag for it (max-marginals from a forward and a backward
 * pass). A small margin means a close call; the stage turns margins into entity confidences.
 */

export interface Decoded {
  readonly tags: Uint8Array;
  readonly margins: Float64Array;
}

const L = TAG_COUNT;
/** 0 for the tags a sentence may end on, -Infinity for the others (an entity left open). */
const END_MASK = Float64Array.from({ length: L }, (_, t) => (canEndSentence(t) ? 0 : -Infinity));

/**
 * The allowed neighbors of each tag, as flat lists: the loops visit only them (a third of all pairs
 * under BILOU). Any other transition scores -Infinity and could never win.
 */
function allowedPairs(forward: boolean): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(L + 1);
  const list: number[] = [];
  for (let t = 0; t < L; t++) {
    start[t] = list.length;
    for (let u = 0; u < L; u++) if (forward ? isAllowedTransition(u, t) : isAllowedTransition(t, u)) list.push(u);
  }
  start[L] = list.length;
  return { start, list: Int32Array.from(list) };
}
const PREDECESSORS = allowedPairs(true);
const SUCCESSORS = allowedPairs(false);

/** Scratch arrays reused from sentence to sentence (grown to the longest sentence seen, at most MAX_SCRATCH_TOKENS). */
const MAX_SCRATCH_TOKENS = 4096;
let scratchAlpha = new Float64Array(64 * L);
let scratchBeta = new Float64Array(64 * L);
let scratchBack = new Uint8Array(64 * L);

function scratch(n: number): { alpha: Float64Array; beta: Float64Array; back: Uint8Array } {
  if (n * L <= scratchAlpha.length) return { alpha: scratchAlpha, beta: scratchBeta, back: scratchBack };
  const fresh = { alpha: new Float64Array(n * L), beta: new Float64Array(n * L), back: new Uint8Array(n * L) };
  if (n <= MAX_SCRATCH_TOKENS) ({ alpha: scratchAlpha, beta: scratchBeta, back: scratchBack } = fresh);
  return fresh;
}

/**
 * `emissions`: token-major scores, token i's score for tag t at i × stride + offset + t (stride L and
 * offset 0 for an n × L array; a wider row holds the scores of several passes); `trans`: (L + 1) × L
 * transition scores with the forbidden transitions at -Infinity (weights.ts: maskedTransitions), row 0 =
 * sentence start.
 */
export function viterbi(emissions: Float64Array, n: number, trans: Float64Array, withMargins = true, stride = L, offset = 0): Decoded {
  const tags = new Uint8Array(n);
  const margins = new Float64Array(n);
  if (n === 0) return { tags, margins };

  const { alpha, beta, back } = scratch(n);
  const emission = (i: number, t: number): number => emissions[i * stride + offset + t]!;
  for (let t = 0; t < L; t++) alpha[t] = trans[t]! + emission(0, t);
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    for (let t = 0; t < L; t++) {
      let best = -Infinity;
      let arg = PREDECESSORS.list[PREDECESSORS.start[t]!] ?? 0;
      for (let k = PREDECESSORS.start[t]!; k < PREDECESSORS.start[t + 1]!; k++) {
        const p = PREDECESSORS.list[k]!;
        const score = alpha[prevBase + p]! + trans[(p + 1) * L + t]!;
        if (score > best) {
          best = score;
          arg = p;
        }
      }
      alpha[base + t] = best + emission(i, t);
      back[base + t] = arg;
    }
  }
  let last = 0;
  for (let t = 1; t < L; t++) if (alpha[(n - 1) * L + t]! + END_MASK[t]! > alpha[(n - 1) * L + last]! + END_MASK[last]!) last = t;
  tags[n - 1] = last;
  for (let i = n - 1; i > 0; i--) tags[i - 1] = back[i * L + tags[i]!]!;
  if (!withMargins) return { tags, margins };

  // beta[i][t]: best score of the tokens after i, given tag t at i.
  beta.set(END_MASK, (n - 1) * L);
  for (let i = n - 2; i >= 0; i--) {
    const base = i * L;
    const nextBase = base + L;
    for (let t = 0; t < L; t++) {
      let best = -Infinity;
      for (let k = SUCCESSORS.start[t]!; k < SUCCESSORS.start[t + 1]!; k++) {
        const q = SUCCESSORS.list[k]!;
        const score = trans[(t + 1) * L + q]! + emission(i + 1, q) + beta[nextBase + q]!;
        if (score > best) best = score;
      }
      beta[base + t] = best;
    }
  }
  for (let i = 0; i < n; i++) {
    const base = i * L;
    const chosen = alpha[base + tags[i]!]! + beta[base + tags[i]!]!;
    let other = -Infinity;
    for (let t = 0; t < L; t++) {
      if (t === tags[i]) continue;
      const score = alpha[base + t]! + beta[base + t]!;
      if (score > other) other = score;
    }
    margins[i] = other === -Infinity ? Number.MAX_VALUE : chosen - other;
  }
  return { tags, margins };
}

/**
 * The margin of an entity over tokens [start, end): the smallest margin of its tokens and of the token
 * right after it (whose margin says whether the entity should have gone on).
 */
export function spanMargin(margins: ArrayLike<number>, start: number, end: number): number {
  let margin = Infinity;
  for (let i = start; i < Math.min(end + 1, margins.length); i++) margin = Math.min(margin, margins[i]!);
  return margin;
}
