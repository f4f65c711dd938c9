/**
 * MinHash signatures and LSH band keys over word shingles, written out here because they are small: a
 * 32-bit hash of each shingle, `hashes` seeded mixes of it, the minimum of each over the shingle set.
 * Two signatures agree in a position with probability equal to the Jaccard similarity of the two
 * shingle sets, so the share of equal positions estimates it; cutting the signature into `bands` of
 * `rows` and hashing each band gives keys two similar texts very likely share (the store finds the
 * candidates by key; the signatures then decide).
 *
 * The parameters (see DEFAULT_MINHASH) are chosen for a similarity threshold of 0.8:
 * - Shingles of 4 words: long enough that two different stories on the same topic share few of them
 *   (names and stock phrases make 1-3 word runs common; 4-word runs of the same text rarely are), short
 *   enough that an edit of m words disturbs only m + 3 shingles, so a reprint with a new intro line, a
 *   different byline or a trailing notice keeps most of them.
 * - 128 hashes: the estimate's standard error is √(J(1−J)/128) ≈ 0.035 at J = 0.8, and a signature is
 *   512 bytes.
 * - 32 bands of 4 rows: a pair becomes a candidate with probability 1 − (1 − J⁴)³², which is 0.9996 at
 *   J = 0.8, 0.99 at J = 0.6 and 0.87 at J = 0.5 (so the containment rule of duplicates.ts, which
 *   accepts resemblance down to 0.5 when one text holds the other, finds its pairs), and 0.05 at
 *   J = 0.2, so unrelated stories on the same topic rarely cost a comparison.
 * Seeds are fixed (derived from one constant), so the same text gives the same signature on every run
 * and every machine, and signatures stored by one run compare with those of the next.
 */

export interface MinHashParams {
  /** Words per shingle. */
  readonly shingleSize: number;
  /** Hash functions (signature length); must equal bands × rows. */
  readonly hashes: number;
  readonly bands: number;
  readonly rows: number;
  /** Bodies with fewer tokens get no signature: a few words match too much by chance (exact hashes still apply). */
  readonly minTokens: number;
}

export const DEFAULT_MINHASH: MinHashParams = Object.freeze({ shingleSize: 4, hashes: 128, bands: 32, rows: 4, minTokens: 20 });

/** A signature with the size of the shingle set it was made from (for containment estimates). */
export interface Signature {
  readonly shingleSize: number;
  readonly shingles: number;
  readonly values: Uint32Array;
}

const FORMAT_VERSION = 1;
const HEADER_BYTES = 8;
const SEED_ROOT = 0x9e3779b9;

export function minhashSignature(tokens: readonly string[], params: MinHashParams = DEFAULT_MINHASH): Signature | null {
  if (params.hashes !== params.bands * params.rows) throw new RangeError(`MinHash: hashes (${params.hashes}) must equal bands × rows (${params.bands} × ${params.rows}).`);
  if (tokens.length < params.minTokens) return null;
  const shingles = shingleHashes(tokens, params.shingleSize);
  const seeds = seedsFor(params.hashes);
  const values = new Uint32Array(params.hashes).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < values.length; i++) {
      const h = fmix32(shingle ^ seeds[i]!);
      if (h < values[i]!) values[i] = h;
    }
  }
  return { shingleSize: params.shingleSize, shingles: shingles.size, values };
}

/** The set of shingle hashes: each run of `size` consecutive tokens (the whole text when it is shorter). */
export function shingleHashes(tokens: readonly string[], size: number): Set<number> {
  const tokenHashes = tokens.map(fnv1a);
  const set = new Set<number>();
  const last = Math.max(0, tokenHashes.length - size);
  for (let start = 0; start <= last; start++) {
    let h = size;
    for (let j = start; j < Math.min(start + size, tokenHashes.length); j++) h = fmix32(Math.imul(h, 0x01000193) ^ tokenHashes[j]!);
    set.add(h >>> 0);
  }
  return set;
}

/** One key per band: `${band}:${hash of its rows}` in base 36 (short: they are stored once per article and band). */
export function bandKeys(signature: Signature, params: MinHashParams = DEFAULT_MINHASH): string[] {
  const keys: string[] = [];
  for (let band = 0; band < params.bands; band++) {
    let h = fmix32(SEED_ROOT ^ band);
    for (let row = 0; row < params.rows; row++) h = fmix32(Math.imul(h, 0x01000193) ^ signature.values[band * params.rows + row]!);
    keys.push(`${band.toString(36)}:${(h >>> 0).toString(36)}`);
  }
  return keys;
}

/** The estimated Jaccard similarity of the two shingle sets, or null when the signatures were made differently. */
export function resemblance(a: Signature, b: Signature): number | null {
  if (a.values.length !== b.values.length || a.shingleSize !== b.shingleSize) return null;
  let equal = 0;
  for (let i = 0; i < a.values.length; i++) if (a.values[i] === b.values[i]) equal++;
  return equal / a.values.length;
}

/** How much of the smaller set lies in the larger, from the resemblance and the set sizes: |A∩B| = J(|A|+|B|)/(1+J). */
export function containment(a: Signature, b: Signature, jaccard: number): number {
  const smaller = Math.min(a.shingles, b.shingles);
  if (smaller === 0) return 0;
  return Math.min(1, (jaccard * (a.shingles + b.shingles)) / (1 + jaccard) / smaller);
}

/** Bytes for the store: version, shingle size, hash count, shingle count, then the values, little-endian. */
export function encodeSignature(signature: Signature): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + signature.values.length * 4);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, FORMAT_VERSION);
  view.setUint8(1, signature.shingleSize);
  view.setUint16(2, signature.values.length, true);
  view.setUint32(4, signature.shingles, true);
  signature.values.forEach((value, i) => view.setUint32(HEADER_BYTES + i * 4, value, true));
  return bytes;
}

/** The signature stored by encodeSignature, or null for bytes in another format (they are then not compared). */
export function decodeSignature(bytes: Uint8Array): Signature | null {
  if (bytes.byteLength < HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(2, true);
  if (view.getUint8(0) !== FORMAT_VERSION || bytes.byteLength !== HEADER_BYTES + count * 4) return null;
  const values = new Uint32Array(count);
  for (let i = 0; i < count; i++) values[i] = view.getUint32(HEADER_BYTES + i * 4, true);
  return { shingleSize: view.getUint8(1), shingles: view.getUint32(4, true), values };
}

/** FNV-1a over UTF-16 code units: a fast 32-bit hash of one token. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finalizer: every input bit moves every output bit (a good seeded permutation of 32-bit values). */
function fmix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const seedCache = new Map<number, Uint32Array>();

/** `count` seeds from SplitMix32 started at a fixed constant: the same on every run. */
function seedsFor(count: number): Uint32Array {
  let seeds = seedCache.get(count);
  if (!seeds) {
    seeds = new Uint32Array(count);
    let state = SEED_ROOT;
    for (let i = 0; i < count; i++) {
      state = (state + 0x9e3779b9) >>> 0;
      seeds[i] = fmix32(state);
    }
    seedCache.set(count, seeds);
  }
  return seeds;
}
