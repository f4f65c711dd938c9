/**
 * Choosing among candidates that may disagree: each candidate scores its own source's weight plus a
 * share of the weight of every other source that agrees with it, so two independent sources that say
 * the same day beat one slightly more trusted source that says another. The confidence says how the
 * sources stood: raised by agreement, lowered by disagreement.
 */
import type { Candidate, Resolved } from './candidates.js';
import { clampConfidence } from './candidates.js';

/** The share of an agreeing source's weight added to a candidate's score. */
const CONSENSUS_SHARE = 0.25;
const AGREEMENT_BONUS = 0.05;
const DISAGREEMENT_PENALTY = 0.1;

export interface Consensus<T> extends Resolved<T> {
  /** Every candidate that agrees with the chosen one (the chosen one included). */
  readonly agreeing: readonly Candidate<T>[];
}

export function chooseByConsensus<T>(candidates: readonly Candidate<T>[], same: (a: T, b: T) => boolean): Consensus<T> | null {
  let best: Candidate<T> | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const support = new Map<string, number>();
    for (const other of candidates) {
      if (other === c || other.source === c.source || !same(other.value, c.value)) continue;
      support.set(other.source, Math.max(support.get(other.source) ?? 0, other.weight));
    }
    let score = c.weight;
    for (const w of support.values()) score += CONSENSUS_SHARE * w;
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (!best) return null;
  const chosen = best;
  const agreeing = candidates.filter((c) => c === chosen || same(c.value, chosen.value));
  const agreeingSources = new Set(agreeing.filter((c) => c.source !== chosen.source).map((c) => c.source));
  const disagreeingSources = new Set(candidates.filter((c) => !same(c.value, chosen.value) && c.source !== chosen.source).map((c) => c.source));
  // A source that both agrees and disagrees (two meta tags with different days) counts as disagreeing only.
  for (const s of disagreeingSources) agreeingSources.delete(s);
  const confidence = chosen.weight + AGREEMENT_BONUS * agreeingSources.size - DISAGREEMENT_PENALTY * Math.min(3, disagreeingSources.size);
  return { value: chosen.value, provenance: { source: chosen.source, confidence: clampConfidence(confidence) }, agreeing };
}
