import { containment, decodeSignature, resemblance, type Signature } from './minhash.js';

/**
 * The near-duplicate decision: which stored article, if any, a new body copies. Two rules, as in
 * Broder's "resemblance and containment" (1997):
 *
 * - resemblance: the two shingle sets are at least `resemblance` alike (0.8: a reprint with its own
 *   intro line, byline or closing notice, or with a few words edited, stays above it; two stories on
 *   the same event written apart share names and quotes but few 4-word runs, and stay far below);
 * - containment: one text holds nearly all of the other (`containment`, 0.9) and they are still at
 *   least `minResemblanceForContainment` alike (0.5): a wire story reprinted in full with a long
 *   local intro and a closing paragraph added, or a short version cut from the long one, which the
 *   resemblance of the whole sets understates. The floor keeps a one-paragraph brief from being
 *   called a copy of every long story that quotes it.
 *
 * The similarity recorded is the resemblance (the estimated Jaccard similarity), whichever rule matched.
 */

export interface DuplicateRules {
  readonly resemblance: number;
  readonly containment: number;
  readonly minResemblanceForContainment: number;
}

export const DEFAULT_DUPLICATE_RULES: DuplicateRules = Object.freeze({ resemblance: 0.8, containment: 0.9, minResemblanceForContainment: 0.5 });

export interface Candidate {
  readonly id: number;
  /** The stored signature bytes (encodeSignature). */
  readonly signature: Uint8Array;
}

export interface NearDuplicate {
  readonly articleId: number;
  readonly similarity: number;
  readonly rule: 'resemblance' | 'containment';
}

/** The candidate the body copies (the most similar; the earliest stored on a tie), or null. */
export function findNearDuplicate(signature: Signature, candidates: Iterable<Candidate>, rules: DuplicateRules = DEFAULT_DUPLICATE_RULES): NearDuplicate | null {
  let best: NearDuplicate | null = null;
  for (const candidate of candidates) {
    const stored = decodeSignature(candidate.signature);
    if (stored === null) continue;
    const similarity = resemblance(signature, stored);
    if (similarity === null) continue;
    const rule = judge(signature, stored, similarity, rules);
    if (rule === null) continue;
    if (best === null || similarity > best.similarity || (similarity === best.similarity && candidate.id < best.articleId)) {
      best = { articleId: candidate.id, similarity, rule };
    }
  }
  return best;
}

function judge(a: Signature, b: Signature, similarity: number, rules: DuplicateRules): NearDuplicate['rule'] | null {
  if (similarity >= rules.resemblance) return 'resemblance';
  if (similarity >= rules.minResemblanceForContainment && containment(a, b, similarity) >= rules.containment) return 'containment';
  return null;
}
