import { bandKeys, DEFAULT_MINHASH, encodeSignature, minhashSignature, type MinHashParams, type Signature } from './minhash.js';
import { textHash, tokenize } from './text.js';

/**
 * De-duplication: one spelling per page address (canonical-url.ts), and fingerprints of the body text
 * that find the same article again, exactly (text hash) or nearly (MinHash, LSH band keys). Pure
 * functions, cheap enough to run in the extraction workers; the decisions that need the store are made
 * by the ingest's single writer (app/decide.ts).
 */

export { canonicalizeUrl, chooseCanonicalUrl, type CanonicalChoice, type CanonicalSource } from './canonical-url.js';
export { sameSite, siteOf, LOCAL_FILES_SITE } from './site.js';
export { contentHash, textHash, tokenize } from './text.js';
export { bandKeys, containment, decodeSignature, DEFAULT_MINHASH, encodeSignature, minhashSignature, resemblance, shingleHashes, type MinHashParams, type Signature } from './minhash.js';
export { DEFAULT_DUPLICATE_RULES, findNearDuplicate, type Candidate, type DuplicateRules, type NearDuplicate } from './duplicates.js';

/** The de-duplication stage's name and version, stored with every run: a change of rules or parameters changes it. */
export const DEDUP_STAMP = Object.freeze({ name: 'dedup', version: '1.0.0' });

export interface TextFingerprint {
  readonly textHash: string;
  readonly tokens: number;
  /** Null for bodies too short for near-duplicate detection (see MinHashParams.minTokens). */
  readonly signature: Signature | null;
  readonly encodedSignature: Uint8Array | null;
  readonly bandKeys: readonly string[];
}

export function fingerprintText(text: string, params: MinHashParams = DEFAULT_MINHASH): TextFingerprint {
  const tokens = tokenize(text);
  const signature = minhashSignature(tokens, params);
  return {
    textHash: textHash(tokens),
    tokens: tokens.length,
    signature,
    encodedSignature: signature === null ? null : encodeSignature(signature),
    bandKeys: signature === null ? [] : bandKeys(signature, params),
  };
}
