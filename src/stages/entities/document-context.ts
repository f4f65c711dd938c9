import type { Gazetteer } from './gazetteer.js';
import { Casing } from './lexical.js';
import { ENTITY_TYPES, isInMultiTokenEntity, OUTSIDE, spansFromTags, tagType } from './tags.js';
import type { WordInfo, WordInfoCache } from './word-info.js';

/**
 * What one document says about its own words, for features that look beyond the sentence: how a word
 * is written elsewhere in the document (a headline's "JAPAN" is "Japan" in the body; a sentence-initial
 * "Chinese" is capitalized mid-sentence too), and, in the second pass, how the first pass labeled the
 * word's other occurrences ("Kerry" alone is PER when "John Kerry" was PER).
 */

/** Where a token sits in its sentence, as the casing features see it. */
export const Position = {
  /** First word of the sentence (only punctuation before it): its capital letter says little. */
  First: 0,
  /** First word after an opening quote, colon, parenthesis or dash. */
  AfterOpener: 1,
  Inside: 2,
} as const;

const OPENERS = new Set(['"', "'", '`', '``', ':', '(', '[', '-', '--', '---']);

export interface SentenceInfo {
  readonly words: readonly WordInfo[];
  readonly positions: Uint8Array;
  /** Every word of the sentence lacks lower-case letters (a headline or a results table in capitals). */
  readonly allCaps: boolean;
  /** Gazetteer match codes per token (empty lists without a gazetteer). */
  readonly gazetteer: readonly (readonly number[])[];
}

/** Counts of first-pass labels: index 0 = outside, 1 + i = ENTITY_TYPES[i]. */
type LabelCounts = Int32Array;
const LABELS = 1 + ENTITY_TYPES.length;

export class DocumentContext {
  readonly sentences: readonly SentenceInfo[];
  /** Normalized words written in lower case somewhere mid-sentence (not in an all-capitals sentence). */
  private readonly lowerSeen = new Set<string>();
  /** Normalized words written capitalized somewhere mid-sentence (not in an all-capitals sentence). */
  private readonly capitalizedSeen = new Set<string>();
  /** The long shape of a word's first mid-sentence, mixed-case-sentence occurrence. */
  private readonly shapeSeen = new Map<string, number>();
  private firstPass: readonly Uint8Array[] | null = null;
  private labelCounts = new Map<string, LabelCounts>();
  private multiTokenCounts = new Map<string, LabelCounts>();

  constructor(tokens: readonly (readonly string[])[], cache: WordInfoCache, gazetteer: Gazetteer | null) {
    this.sentences = tokens.map((sentence) => describeSentence(sentence, cache, gazetteer));

    for (const sentence of this.sentences) {
      if (sentence.allCaps) continue;
      sentence.words.forEach((word, i) => {
        if (sentence.positions[i] === Position.First || !word.wordLike) return;
        if (word.casing === Casing.Lower) this.lowerSeen.add(word.norm);
        else if (word.casing === Casing.Initial || word.casing === Casing.MixedLower) this.capitalizedSeen.add(word.norm);
        if (!this.shapeSeen.has(word.norm)) this.shapeSeen.set(word.norm, word.hashLongShape);
      });
    }
  }

  /** 0..3: bit 1 = seen in lower case elsewhere in the document, bit 2 = seen capitalized mid-sentence. */
  caseEvidence(word: WordInfo): number {
    return (this.lowerSeen.has(word.norm) ? 1 : 0) | (this.capitalizedSeen.has(word.norm) ? 2 : 0);
  }

  /** The shape the word takes mid-sentence elsewhere in the document, or 0. */
  shapeElsewhere(word: WordInfo): number {
    return this.shapeSeen.get(word.norm) ?? 0;
  }

  /** The first pass's tags of one sentence (after setFirstPass). */
  firstPassTags(sentence: number): Uint8Array {
    return this.firstPass![sentence]!;
  }

  get hasFirstPass(): boolean {
    return this.firstPass !== null;
  }

  /** Records the first pass's tags (one array per sentence) for the second pass's aggregated features. */
  setFirstPass(tags: readonly Uint8Array[]): void {
    this.firstPass = tags;
    this.labelCounts = new Map();
    this.multiTokenCounts = new Map();
    tags.forEach((sentenceTags, s) => {
      const words = this.sentences[s]!.words;
      for (let i = 0; i < words.length; i++) {
        if (!words[i]!.wordLike) continue;
        countLabel(this.labelCounts, words[i]!.norm, labelOf(sentenceTags[i]!));
      }
      for (const span of spansFromTags(sentenceTags)) {
        if (span.end - span.start < 2) continue;
        for (let i = span.start; i < span.end; i++) {
          if (words[i]!.wordLike && words[i]!.casing !== Casing.Lower) countLabel(this.multiTokenCounts, words[i]!.norm, labelOf(sentenceTags[i]!));
        }
      }
    });
  }

  /**
   * The first-pass labels of the word's other occurrences in the document (this one left out):
   * `all` over every occurrence, `inMultiWord` over occurrences inside multi-word entities.
   */
  otherLabels(sentence: number, token: number): { all: LabelCounts | null; inMultiWord: LabelCounts | null } {
    if (!this.firstPass) return { all: null, inMultiWord: null };
    const word = this.sentences[sentence]!.words[token]!;
    const own = labelOf(this.firstPass[sentence]![token]!);
    const all = withoutOwn(this.labelCounts.get(word.norm), own);
    const multi = this.multiTokenCounts.get(word.norm);
    const inMultiWord = multi ? withoutOwn(multi, this.isInMultiWordEntity(sentence, token) ? own : -1) : null;
    return { all, inMultiWord };
  }

  private isInMultiWordEntity(sentence: number, token: number): boolean {
    const tags = this.firstPass![sentence]!;
    return isInMultiTokenEntity(tags[token]!);
  }
}

function labelOf(tag: number): number {
  const type = tagType(tag);
  return tag === OUTSIDE || type === null ? 0 : 1 + ENTITY_TYPES.indexOf(type);
}

function countLabel(map: Map<string, LabelCounts>, key: string, label: number): void {
  let counts = map.get(key);
  if (!counts) {
    counts = new Int32Array(LABELS);
    map.set(key, counts);
  }
  counts[label]!++;
}

function withoutOwn(counts: LabelCounts | undefined, own: number): LabelCounts | null {
  if (!counts) return null;
  const others = counts.slice();
  if (own >= 0) others[own]!--;
  let total = 0;
  for (const c of others) total += c;
  return total > 0 ? others : null;
}

/** Short words a title-case headline leaves in lower case ("Talks on Cyber Security"). */
const HEADLINE_LOWER_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'but', 'nor', 'with', 'by', 'from', 'as', 'vs', 'vs.', 'via', 'into', 'over', 'up', 'is', 'are', 'be']);
/** Capitalized words a line needs before it is read as a title-case headline... */
const HEADLINE_MIN_WORDS = 4;
/** ...of which at least this share must be common words (mostly lower case mid-sentence in news text). */
const HEADLINE_MIN_COMMON_SHARE = 0.5;
/** Word-table capitalization bins of common words (see word-info.ts): capitalized in at most 20% of uses. */
const COMMON_WORD_BINS = new Set([1, 2]);

/**
 * A title-case headline ("US, China Hold Talks on Cyber Security"): every word capitalized except
 * short function words, common words among them ("Hold", "Talks"), and no final period. A list of names
 * or a results table is capitalized too, but its words are names, not common words. A headline's
 * capitals say as little as those of a headline in capitals, so its words are read as upper case, the
 * form such headlines have in the training text.
 */
function isTitleCaseHeadline(tokens: readonly string[], cache: WordInfoCache): boolean {
  let capitalized = 0;
  let common = 0;
  for (const token of tokens) {
    if (!/\p{L}/u.test(token)) continue;
    if (/^\p{Lu}/u.test(token)) {
      capitalized++;
      if (COMMON_WORD_BINS.has(cache.get(token).capitalizationBin)) common++;
    } else if (!HEADLINE_LOWER_WORDS.has(token.toLowerCase())) {
      return false;
    }
  }
  const last = tokens.at(-1) ?? '';
  return capitalized >= HEADLINE_MIN_WORDS && common >= HEADLINE_MIN_COMMON_SHARE * capitalized && !/^[.!?]$/.test(last);
}

function describeSentence(tokens: readonly string[], cache: WordInfoCache, gazetteer: Gazetteer | null): SentenceInfo {
  const headline = isTitleCaseHeadline(tokens, cache);
  const words = tokens.map((token) => cache.get(headline ? token.toUpperCase() : token));
  const positions = new Uint8Array(words.length);
  let seenWord = false;
  let lettered = 0;
  let capitals = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    positions[i] = !seenWord ? Position.First : i > 0 && OPENERS.has(tokens[i - 1]!) ? Position.AfterOpener : Position.Inside;
    if (word.wordLike) seenWord = true;
    if (word.casing !== Casing.NoLetters) {
      lettered++;
      if (word.noLowerCase) capitals++;
    }
  }
  return {
    words,
    positions,
    allCaps: lettered > 0 && capitals === lettered,
    gazetteer: gazetteer ? gazetteer.match(words.map((w) => w.gazetteerKey)) : words.map(() => []),
  };
}
