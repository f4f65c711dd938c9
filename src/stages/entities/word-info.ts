import { gazetteerKey } from './gazetteer.js';
import { hashString } from './hash.js';
import { Casing, casing, foldToken, normalizeWord, wordShapes } from './lexical.js';
import type { WordTable } from './words.js';

/** Everything the features need to know about one word type, computed once per distinct token string. */
export interface WordInfo {
  /** The normalized form (lower case, digits as 0): the key of the word table and of document features. */
  readonly norm: string;
  readonly gazetteerKey: string;
  readonly hashWord: number;
  readonly hashNorm: number;
  readonly hashShortShape: number;
  readonly hashLongShape: number;
  /** Hashes of the prefixes and suffixes of length 1..MAX_AFFIX of the normalized word. */
  readonly affixes: readonly number[];
  readonly casing: Casing;
  /** Has an upper-case letter and no lower-case one ("JAPAN", "U.S."). */
  readonly noLowerCase: boolean;
  /** Has a letter or a digit (not only punctuation). */
  readonly wordLike: boolean;
  readonly clusters: readonly number[] | null;
  /** How often the word is capitalized mid-sentence in unlabeled text, as a bin (CAPITALIZATION_BINS). */
  readonly capitalizationBin: number;
  /**
   * Filled lazily by the feature extractor that owns the cache (features.ts): per role (the token itself,
   * or its neighbor two before, one before, one after, two after: see Role) the keys of the features
   * that depend on this word alone in that role; and by the tagger (model.ts) their summed weights, role
   * after role. Computed once per distinct token instead of once per occurrence.
   */
  roleKeys: readonly Uint32Array[] | null;
  roleScores: Float32Array | null;
}

/** The places a word's own features are computed for: as the token, and as each neighbor in the window. */
export const Role = { Self: 0, Prev2: 1, Prev: 2, Next: 3, Next2: 4 } as const;
export const ROLE_COUNT = 5;

/** A stand-in word for the start (or the end) of a sentence, as a neighbor: its hashes are `hash`. */
export function boundaryWord(hash: number): WordInfo {
  return {
    norm: '', gazetteerKey: '', hashWord: hash, hashNorm: hash, hashShortShape: hash, hashLongShape: hash, affixes: [],
    casing: Casing.NoLetters, noLowerCase: false, wordLike: false, clusters: null, capitalizationBin: 0, roleKeys: null, roleScores: null,
  };
}

export const MAX_AFFIX = 4;

/** Bins of the mid-sentence capitalized share: 0 = unknown word (or too rare to tell). */
const CAPITALIZATION_BINS: readonly number[] = [0.02, 0.2, 0.5, 0.8, 0.98];
/** Occurrences in the unlabeled text below which a word's capitalized share is not trusted. */
const MIN_COUNT_FOR_CAPITALIZATION = 3;

function capitalizationBin(table: WordTable | null, norm: string): number {
  const entry = table?.get(norm);
  if (!entry || entry.count < MIN_COUNT_FOR_CAPITALIZATION) return 0;
  let bin = 1;
  while (bin <= CAPITALIZATION_BINS.length && entry.capitalized > CAPITALIZATION_BINS[bin - 1]!) bin++;
  return bin;
}

function clustersOf(table: WordTable | null, norm: string): readonly number[] | null {
  const clusters = table?.get(norm)?.clusters;
  return clusters && clusters.length > 0 ? clusters : null;
}

export function computeWordInfo(token: string, table: WordTable | null): WordInfo {
  const folded = foldToken(token);
  const norm = normalizeWord(folded);
  const shapes = wordShapes(folded);
  const affixes: number[] = [];
  const length = Math.min(MAX_AFFIX, norm.length);
  for (let k = 1; k <= length; k++) {
    affixes.push(hashString(`<${norm.slice(0, k)}`), hashString(`${norm.slice(-k)}>`));
  }
  const wordCasing = casing(folded);
  return {
    norm,
    gazetteerKey: gazetteerKey(folded),
    hashWord: hashString(folded),
    hashNorm: hashString(norm),
    hashShortShape: hashString(shapes.short),
    hashLongShape: hashString(shapes.long),
    affixes,
    casing: wordCasing,
    noLowerCase: wordCasing === Casing.AllUpper || wordCasing === Casing.SingleUpper,
    wordLike: /[\p{L}\p{N}]/u.test(folded),
    clusters: clustersOf(table, norm),
    capitalizationBin: capitalizationBin(table, norm),
    roleKeys: null,
    roleScores: null,
  };
}

/**
 * Distinct tokens whose WordInfo each tagger pass keeps at most. Measured with `npx tsx --expose-gc
 * bench/ner-word-cache.ts` (1,782 bench pages, three passes, as bench:ingest analyzes them; 2026-12-07,
 * load 6-8): an entry holds about 0.55 KB of heap with the tagger's summed weights, and the model has two
 * passes, each with its own cache. At 20,000 the caches held 9 MB, lookups missed 7 % and the entities
 * stage took 11.7 ms of CPU a page; at 50,000, 24 MB (up to 55 MB once full), 3.9 % and 10.6 ms; at
 * 100,000, 42 MB, 2.4 % and 10.4 ms. A millisecond a page (under 2 % of the 61 ms of CPU a page takes in
 * bench:pipeline) is not worth 30 MB per worker against an ingest's 500 MB budget, so 20,000: at most
 * about 22 MB per worker.
 */
export const WORD_CACHE_ENTRIES = 20_000;

/**
 * A bounded cache of WordInfo by token string: news repeats its words, and a huge input must not grow
 * it without limit. Two generations of half the bound each: when the newer fills up, the older is
 * dropped and the newer becomes the older; a word found in the older moves to the newer. Frequent words
 * stay (unlike a cache that starts over), rare ones age out. The cache lives as long as the model (a
 * whole ingest, in every worker), hence the bound; two generations rather than clearing when full: a
 * cleared cache misses every common word again at once, while here the words looked up since the last
 * turnover survive it, with no per-entry bookkeeping (as an LRU list would need).
 */
export class WordInfoCache {
  private newer = new Map<string, WordInfo>();
  private older = new Map<string, WordInfo>();

  constructor(
    private readonly table: WordTable | null,
    private readonly maxEntries = WORD_CACHE_ENTRIES,
  ) {}

  /** The number of words kept. */
  get size(): number {
    return this.newer.size + this.older.size;
  }

  get(token: string): WordInfo {
    const info = this.newer.get(token);
    if (info) return info;
    const kept = this.older.get(token) ?? computeWordInfo(token, this.table);
    if (this.newer.size >= Math.max(1, this.maxEntries >> 1)) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.newer.set(token, kept);
    return kept;
  }
}
