/**
 * A greedy averaged-perceptron part-of-speech tagger (Penn Treebank tags), after the well-known design
 * of Matthew Honnibal's "A good part-of-speech tagger in about 200 lines of Python": each token's tag is
 * chosen left to right from word, affix, shape and neighbouring-word features plus the two previous
 * tags; frequent unambiguous words come from a tag dictionary. Written here because the entities
 * tagger's perceptron is bound to its IOB2 tag set, and no well-kept npm tagger gives both tags and the
 * offsets of Parley's own tokens. The model is trained by `npm run train:pos` (scripts/pos/train.ts).
 */

export interface PosModelData {
  readonly format: 'parley-pos-1';
  readonly tags: readonly string[];
  /** Words (lower case) that always carry one tag in training, with that tag's index. */
  readonly tagdict: Readonly<Record<string, number>>;
  /** feature → flat list of [tag index, weight, tag index, weight, ...]. */
  readonly weights: Readonly<Record<string, readonly number[]>>;
  readonly provenance?: Readonly<Record<string, unknown>>;
}

/** Shape of a word: capitals, digits, hyphens ("Xx", "d", "x-x"), run-length collapsed. */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  for (const ch of word) {
    const code = ch.charCodeAt(0);
    // ASCII letters and digits without a regular expression (the tagger asks for every token's shape);
    // other characters through the Unicode classes.
    const c =
      code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : code < 128 ? ch : /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : ch;
    if (c !== last) {
      shape += c;
      last = c;
    }
  }
  return shape.slice(0, 6);
}

/** Normalized form used in features: lower case, digits collapsed. */
export function normalizeWord(word: string): string {
  if (/^\d{4}$/.test(word)) return '!YEAR';
  if (/^[\d.,]+$/.test(word) && /\d/.test(word)) return '!DIGITS';
  if (word.includes('-') && word.length > 1 && !word.startsWith('-')) return '!HYPHEN' + word.slice(word.lastIndexOf('-')).toLowerCase();
  return word.toLowerCase();
}

/** The features of token i given the two previous tags. `words` are raw tokens, `norm` their normalized forms. */
export function tokenFeatures(words: readonly string[], norm: readonly string[], i: number, prev: string, prev2: string): string[] {
  const w = norm[i]!;
  const raw = words[i]!;
  const at = (k: number): string => (k < 0 ? '-START-' : k >= norm.length ? '-END-' : norm[k]!);
  const shape = wordShape(raw);
  return [
    'b',
    'w ' + w,
    's3 ' + w.slice(-3),
    's2 ' + w.slice(-2),
    'p1 ' + w.slice(0, 1),
    'sh ' + shape,
    'first ' + String(i === 0) + ' ' + shape.slice(0, 1),
    't ' + prev,
    't2 ' + prev + ' ' + prev2,
    'tw ' + prev + ' ' + w,
    'w-1 ' + at(i - 1),
    's-1 ' + at(i - 1).slice(-3),
    'w-2 ' + at(i - 2),
    'w+1 ' + at(i + 1),
    's+1 ' + at(i + 1).slice(-3),
    'w+2 ' + at(i + 2),
  ];
}

export class PosTagger {
  private readonly tagdict: Map<string, number>;
  private readonly weights: Map<string, readonly number[]>;

  constructor(readonly data: PosModelData) {
    if (data.format !== 'parley-pos-1' || !Array.isArray(data.tags) || data.tags.length === 0) throw new Error('not a Parley POS model (format parley-pos-1)');
    this.tagdict = new Map(Object.entries(data.tagdict));
    this.weights = new Map(Object.entries(data.weights));
  }

  get tags(): readonly string[] {
    return this.data.tags;
  }

  /** Scores of every tag for one feature list (used by training too). */
  scores(features: readonly string[]): Float64Array {
    const scores = new Float64Array(this.data.tags.length);
    for (const feature of features) {
      const row = this.weights.get(feature);
      if (!row) continue;
      for (let k = 0; k < row.length; k += 2) scores[row[k]!]! += row[k + 1]!;
    }
    return scores;
  }

  /** One tag per token (tokens as strings); an empty sentence gives an empty list. */
  tag(words: readonly string[]): string[] {
    const norm = words.map(normalizeWord);
    const tags: string[] = [];
    let prev = '-START-';
    let prev2 = '-START2-';
    for (let i = 0; i < words.length; i++) {
      const known = this.tagdict.get(norm[i]!);
      let tag: string;
      if (known !== undefined) tag = this.data.tags[known]!;
      else {
        const scores = this.scores(tokenFeatures(words, norm, i, prev, prev2));
        let best = 0;
        for (let t = 1; t < scores.length; t++) if (scores[t]! > scores[best]!) best = t;
        tag = this.data.tags[best]!;
      }
      tags.push(tag);
      prev2 = prev;
      prev = tag;
    }
    return tags;
  }
}
