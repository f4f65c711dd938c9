import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A deterministic synthetic news archive for the search benchmark. Words follow Zipf's law over a large
 * vocabulary (function words on top, then content words, then a long tail of rare names), each article
 * leans on one or two topics (so words co-occur as in real news and multi-word queries have realistic
 * overlaps), and topic collocations ("harbour bridge") make phrase queries meaningful.
 *
 * The vocabulary's words and collocations come from the gold article texts in
 * ../shared/bench/wcxb-articles when that folder is there (real words in their real frequency order);
 * without it, pronounceable pseudo-words stand in, with the same distribution. Either way, the same
 * seed gives the same archive.
 */

/** The most frequent English words, in frequency order: the head of the distribution when no texts are at hand. */
const FUNCTION_WORDS = (
  'the of and to a in that is for it on was with he as be by at his are this from have but not or had an they ' +
  'which one were her all she there we been has their would when will who more if no out so said what up its ' +
  'about into than them can only other new some could time these two may then do first any my now such like ' +
  'our over man me even most made after also did many before must through back years where much your way well ' +
  'down should because each just those people how too little state good very make world still own see men work ' +
  'long get here between both life being under never day same another know while last might us great old year'
).split(' ');

export const VOCABULARY_SIZE = 200_000;
const ZIPF_EXPONENT = 1.05;
const TOPICS = 2000;
const WORDS_PER_TOPIC = 60;
const COLLOCATIONS_PER_TOPIC = 5;
/** Content words start after the function words and the most common content words. */
const CONTENT_RANKS = [150, 50_000] as const;

/** sfc32: a small, fast, well-distributed PRNG; deterministic from its seed. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 16; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Log-normal around `median` (sigma in log space), clamped. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const u = Math.max(1e-12, this.next());
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
    return Math.round(Math.min(max, Math.max(min, median * Math.exp(sigma * z))));
  }
}

/** Vose's alias method: O(1) draws from a fixed discrete distribution (here, Zipf over the vocabulary). */
export class AliasTable {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    const scaled = Float64Array.from({ length: n }, (_, i) => (weights[i]! * n) / total);
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }
  draw(random: Random): number {
    const i = random.int(this.probability.length);
    return random.next() < this.probability[i]! ? i : this.alias[i]!;
  }
}

export interface LanguageModel {
  /** Words by frequency rank (0 = most frequent). */
  readonly words: readonly string[];
  /** Topic → its content-word ranks. */
  readonly topics: readonly Int32Array[];
  /** Topic → its collocations (two content words). */
  readonly collocations: readonly (readonly [string, string])[][];
  readonly zipf: AliasTable;
  /** Where the words came from, for the report. */
  readonly source: string;
}

const SHARED_TEXTS = ['bench', 'wcxb-articles', 'dev', 'ground-truth'];

/** Real words and collocations from ../shared when present: [words by frequency, frequent word pairs]. */
function sharedVocabulary(sharedDir: string): { words: string[]; pairs: [string, string][] } | null {
  const dir = join(sharedDir, ...SHARED_TEXTS);
  if (!existsSync(dir)) return null;
  const counts = new Map<string, number>();
  const pairs = new Map<string, number>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const gold = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { ground_truth?: { main_content?: string } };
    const words = (gold.ground_truth?.main_content ?? '').toLowerCase().match(/\p{L}+/gu) ?? [];
    for (let i = 0; i < words.length; i++) {
      counts.set(words[i]!, (counts.get(words[i]!) ?? 0) + 1);
      if (i > 0) pairs.set(`${words[i - 1]} ${words[i]}`, (pairs.get(`${words[i - 1]} ${words[i]}`) ?? 0) + 1);
    }
  }
  if (counts.size === 0) return null;
  const words = [...counts].filter(([w]) => w.length > 1 || w === 'a').sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const common = new Set(words.slice(0, CONTENT_RANKS[0]));
  const frequentPairs = [...pairs]
    .filter(([pair, n]) => n >= 3 && pair.split(' ').every((w) => w.length > 2 && !common.has(w)))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([pair]) => pair.split(' ') as [string, string]);
  return { words, pairs: frequentPairs };
}

const SYLLABLES = ['ba', 'ko', 're', 'mi', 'tu', 'sa', 'len', 'dor', 'vi', 'pa', 'nu', 'ster', 'ga', 'lo', 'fen', 'ri', 'ma', 'tor', 'che', 'wal', 'in', 'ka', 'bel', 'son', 'de', 'ar', 'mon', 'ti', 'ver', 'ha'];

/** A unique pronounceable pseudo-word for a rank (more syllables for rarer words, as in real text). */
function pseudoWord(rank: number, random: Random, taken: Set<string>): string {
  for (;;) {
    const syllables = 2 + Math.min(3, Math.floor(Math.log10(rank + 10) - 1)) + random.int(2);
    let word = '';
    for (let i = 0; i < syllables; i++) word += random.pick(SYLLABLES);
    if (!taken.has(word)) {
      taken.add(word);
      return word;
    }
  }
}

export function buildLanguageModel(sharedDir: string, seed: number): LanguageModel {
  const random = new Random(seed);
  const shared = sharedVocabulary(sharedDir);
  const words = shared ? shared.words.slice(0, VOCABULARY_SIZE) : [...FUNCTION_WORDS];
  const taken = new Set(words);
  while (words.length < VOCABULARY_SIZE) words.push(pseudoWord(words.length, random, taken));
  const weights = Float64Array.from({ length: words.length }, (_, rank) => 1 / (rank + 1) ** ZIPF_EXPONENT);
  const [low, high] = CONTENT_RANKS;
  const topics = Array.from({ length: TOPICS }, () => Int32Array.from({ length: WORDS_PER_TOPIC }, () => low + random.int(high - low)));
  const pairs = shared?.pairs ?? [];
  const collocations = topics.map((topic, t) =>
    Array.from({ length: COLLOCATIONS_PER_TOPIC }, (_, i): [string, string] => {
      const real = pairs[(t * COLLOCATIONS_PER_TOPIC + i) % Math.max(1, pairs.length)];
      return real && pairs.length > 0 && i < 2 ? real : [words[topic[i * 2]!]!, words[topic[i * 2 + 1]!]!];
    }),
  );
  return {
    words,
    topics,
    collocations,
    zipf: new AliasTable(weights),
    source: shared ? `words and collocations from ../shared/bench/wcxb-articles (${shared.words.length} distinct words), pseudo-words beyond` : 'pseudo-words (../shared/bench not found)',
  };
}
