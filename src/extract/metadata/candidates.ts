/**
 * A candidate value for a metadata field: where it was found and how much that kind of source is
 * trusted (consensus.ts picks one value per field from them), and the text form candidates are compared in.
 */
import type { FieldProvenance, ProvenanceSource } from '../../model/article.js';

export interface Candidate<T = string> {
  readonly value: T;
  readonly source: ProvenanceSource;
  /** 0..1: how reliable this kind of source is for this field. */
  readonly weight: number;
}

export interface Resolved<T> {
  readonly value: T;
  readonly provenance: FieldProvenance;
}

const MAX_CONFIDENCE = 0.99;
const MIN_CONFIDENCE = 0.05;

/** A confidence kept in (0, 1) and rounded to two decimals. */
export function clampConfidence(x: number): number {
  return Math.round(Math.min(MAX_CONFIDENCE, Math.max(MIN_CONFIDENCE, x)) * 100) / 100;
}

/** Lowercased letters and digits only, for comparing free text from different sources. */
export function comparable(text: string): string {
  // NFKC only matters outside ASCII (full-width forms, ligatures); most titles and names skip it.
  const normalized = ASCII.test(text) ? text : text.normalize('NFKC');
  return normalized
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Printable ASCII and whitespace only: no character NFKC would change. */
const ASCII = /^[ -~\s]*$/;
