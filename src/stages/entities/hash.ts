/**
 * 32-bit hashes for features. A feature is never built as a string: each word's attributes are hashed
 * once (FNV-1a over UTF-16 code units), and a feature key is those hashes mixed with its template id
 * (the MurmurHash3 mixing steps). This keeps feature extraction allocation-free and fast, and the model
 * stores only the 32-bit keys of the features it kept.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function hashString(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function mixStep(h: number, value: number): number {
  let k = Math.imul(value, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // 0 marks an empty slot in the feature table, so no key is 0.
  return h >>> 0 || 1;
}

export function featureKey1(template: number, a: number): number {
  return finalize(mixStep(mixStep(template, a), 1));
}

export function featureKey2(template: number, a: number, b: number): number {
  return finalize(mixStep(mixStep(mixStep(template, a), b), 2));
}

export function featureKey3(template: number, a: number, b: number, c: number): number {
  return finalize(mixStep(mixStep(mixStep(mixStep(template, a), b), c), 3));
}
