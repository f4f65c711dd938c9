import { describe, expect, it } from 'vitest';
import { WIRE_STORY } from '../../test/ingest/fixtures/wire-stories.js';
import { bandKeys, containment, decodeSignature, DEFAULT_MINHASH, encodeSignature, minhashSignature, resemblance, shingleHashes } from './minhash.js';
import { textHash, tokenize } from './text.js';

/** The exact Jaccard similarity of two texts' shingle sets, to check the estimate against. */
function jaccard(a: string, b: string): number {
  const setA = shingleHashes(tokenize(a), DEFAULT_MINHASH.shingleSize);
  const setB = shingleHashes(tokenize(b), DEFAULT_MINHASH.shingleSize);
  let shared = 0;
  for (const shingle of setA) if (setB.has(shingle)) shared++;
  return shared / (setA.size + setB.size - shared);
}

function signatureOf(text: string) {
  const signature = minhashSignature(tokenize(text));
  if (!signature) throw new Error('expected a signature');
  return signature;
}

describe('tokenize and textHash', () => {
  it('keeps words only: case, punctuation, quotes, dashes and spacing do not count', () => {
    expect(tokenize('“Walked away” — from a FAIR offer, she said.')).toEqual(['walked', 'away', 'from', 'a', 'fair', 'offer', 'she', 'said']);
    expect(textHash(tokenize('The port, closed.'))).toBe(textHash(tokenize('the  port — closed')));
    expect(textHash(tokenize('The port closed.'))).not.toBe(textHash(tokenize('The port opened.')));
  });

  it('folds compatibility forms and splits scripts written without spaces into characters', () => {
    expect(tokenize('ＡＢＣ ﬁnance')).toEqual(['abc', 'finance']);
    expect(tokenize('上海港口罢工 Carrow')).toEqual(['上', '海', '港', '口', '罢', '工', 'carrow']);
    expect(tokenize('港口ストライキ2026年')).toEqual(['港', '口', 'ス', 'ト', 'ラ', 'イ', 'キ', '2026', '年']);
  });
});

describe('MinHash', () => {
  it('gives the same signature and band keys on every run (fixed seeds)', () => {
    const a = signatureOf(WIRE_STORY);
    const b = signatureOf(WIRE_STORY);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(bandKeys(a)).toEqual(bandKeys(b));
    expect(bandKeys(a)).toHaveLength(DEFAULT_MINHASH.bands);
    // Pinned values: a change here means stored signatures no longer compare with new ones (bump DEDUP_STAMP).
    expect([a.values[0], a.values[127], a.shingles]).toEqual([19836446, 156834, 307]);
    expect([bandKeys(a)[0], bandKeys(a)[31]]).toEqual(['0:15gxktp', 'v:11bzqpr']);
  });

  it('estimates the Jaccard similarity within a few standard errors', () => {
    const paragraphs = WIRE_STORY.split('\n\n');
    const variants = [paragraphs.slice(0, 6), paragraphs.slice(2), [...paragraphs.slice(0, 3), ...paragraphs.slice(5)], paragraphs.slice(0, 4)].map((p) => p.join('\n\n'));
    const base = signatureOf(WIRE_STORY);
    for (const variant of variants) {
      const exact = jaccard(WIRE_STORY, variant);
      const estimate = resemblance(base, signatureOf(variant))!;
      const standardError = Math.sqrt((exact * (1 - exact)) / DEFAULT_MINHASH.hashes);
      expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(4 * standardError + 0.01);
    }
  });

  it('estimates containment: a text fully inside a longer one', () => {
    const half = WIRE_STORY.split('\n\n').slice(0, 4).join('\n\n');
    const long = signatureOf(WIRE_STORY);
    const short = signatureOf(half);
    const similarity = resemblance(long, short)!;
    expect(similarity).toBeLessThan(0.6);
    expect(containment(long, short, similarity)).toBeGreaterThan(0.9);
  });

  it('gives no signature to bodies too short to compare', () => {
    expect(minhashSignature(tokenize('Port closed after strike vote.'))).toBeNull();
  });

  it('round-trips through its byte encoding, and refuses bytes in another format', () => {
    const signature = signatureOf(WIRE_STORY);
    const bytes = encodeSignature(signature);
    expect(bytes.byteLength).toBe(8 + 4 * DEFAULT_MINHASH.hashes);
    const decoded = decodeSignature(bytes)!;
    expect(Array.from(decoded.values)).toEqual(Array.from(signature.values));
    expect(decoded.shingles).toBe(signature.shingles);
    expect(decodeSignature(new Uint8Array([9, 4, 1, 0]))).toBeNull();
    expect(decodeSignature(bytes.subarray(0, 20))).toBeNull();
  });

  it('does not compare signatures made with other parameters', () => {
    const a = signatureOf(WIRE_STORY);
    const b = minhashSignature(tokenize(WIRE_STORY), { ...DEFAULT_MINHASH, shingleSize: 3 })!;
    expect(resemblance(a, b)).toBeNull();
  });

  it('refuses parameters whose bands do not cover the signature', () => {
    expect(() => minhashSignature(tokenize(WIRE_STORY), { ...DEFAULT_MINHASH, bands: 10 })).toThrow(/bands × rows/);
  });
});
