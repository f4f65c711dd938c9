import { BOOSTERS, CASE_SENSITIVE_FIRST_PERSON, CLAUSE_BREAKS, DOWNTONERS, FIRST_PERSON, NEGATION_SCALE, NEGATION_WINDOW, NEGATORS, SECOND_WORD_SHARE } from './rules.js';

/** A tone lexicon: word → valence (-1 .. +1), and the activity words (every inflected form listed). */
export interface ToneLexicon {
  readonly name: string;
  readonly version: string;
  /** A hash of the valences and activity words (written by `npm run build:tone`). */
  readonly fingerprint: string;
  readonly valence: ReadonlyMap<string, number>;
  readonly activity: ReadonlySet<string>;
}

/** One token as tone scoring sees it. */
export interface ToneToken {
  /** As written (case matters for "US" versus "us"). */
  readonly raw: string;
  /** Lower case, typographic apostrophes straightened. */
  readonly word: string;
  /** Counted as a word of the text (clitics such as "'s" are not). */
  readonly counts: boolean;
  /** Punctuation: ends the reach of negations and modifiers. */
  readonly isBreak: boolean;
}

/** Raw counts over a run of tokens; they add up, so a document's counts are the sum of its sentences'. */
export interface ToneCounts {
  positive: number;
  negative: number;
  activity: number;
  selfReference: number;
  words: number;
}

export function emptyCounts(): ToneCounts {
  return { positive: 0, negative: 0, activity: 0, selfReference: 0, words: 0 };
}

export function addCounts(into: ToneCounts, more: ToneCounts): void {
  into.positive += more.positive;
  into.negative += more.negative;
  into.activity += more.activity;
  into.selfReference += more.selfReference;
  into.words += more.words;
}

function isModifier(word: string): boolean {
  return NEGATORS.has(word) || BOOSTERS.has(word) || DOWNTONERS.has(word);
}

/** The factor the one or two words before position i put on a sentiment word there (intensifiers, downtoners). */
function modifierFactor(tokens: readonly ToneToken[], i: number): number {
  let factor = 1;
  const previous = tokens[i - 1];
  if (!previous || previous.isBreak) return factor;
  const beforePrevious = tokens[i - 2];
  const pair = beforePrevious && !beforePrevious.isBreak ? `${beforePrevious.word} ${previous.word}` : '';
  if (DOWNTONERS.has(pair)) return DOWNTONERS.get(pair)!;
  factor *= 1 + (BOOSTERS.get(previous.word) ?? 0);
  factor *= DOWNTONERS.get(previous.word) ?? 1;
  if (beforePrevious && !beforePrevious.isBreak && BOOSTERS.has(beforePrevious.word)) factor *= 1 + BOOSTERS.get(beforePrevious.word)! * SECOND_WORD_SHARE;
  return factor;
}

/** True when a negator stands within NEGATION_WINDOW words before position i, in the same clause. */
function isNegated(tokens: readonly ToneToken[], i: number): boolean {
  for (let j = i - 1, seen = 0; j >= 0 && seen < NEGATION_WINDOW; j--) {
    const token = tokens[j]!;
    if (token.isBreak || CLAUSE_BREAKS.has(token.word)) return false;
    if (NEGATORS.has(token.word)) return true;
    if (token.counts) seen++;
  }
  return false;
}

/**
 * Counts over a run of tokens (one sentence): each sentiment word adds its modifier factor to the
 * positive or negative side (to the other side, times NEGATION_SCALE, when negated), as GDELT counts
 * emotional words rather than summing their strengths; activity words and first-person pronouns are
 * counted; every counted token is a word.
 */
export function countTone(tokens: readonly ToneToken[], lexicon: ToneLexicon): ToneCounts {
  const counts = emptyCounts();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.counts) continue;
    counts.words++;
    if (FIRST_PERSON.has(token.word) && (!CASE_SENSITIVE_FIRST_PERSON.has(token.word) || token.raw === token.word)) counts.selfReference++;
    if (lexicon.activity.has(token.word)) counts.activity++;
    const valence = lexicon.valence.get(token.word);
    if (valence === undefined || valence === 0 || isModifier(token.word)) continue;
    let weight = modifierFactor(tokens, i);
    let positive = valence > 0;
    if (isNegated(tokens, i)) {
      positive = !positive;
      weight *= NEGATION_SCALE;
    }
    if (positive) counts.positive += weight;
    else counts.negative += weight;
  }
  return counts;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** GDELT's tone fields from counts: shares of the words, in percent. */
export function toneFields(counts: ToneCounts): { positive: number; negative: number; tone: number; polarity: number; activity: number; selfReference: number; wordCount: number } {
  const per = counts.words > 0 ? 100 / counts.words : 0;
  const positive = counts.positive * per;
  const negative = counts.negative * per;
  return {
    positive: round(positive),
    negative: round(negative),
    tone: round(positive - negative),
    polarity: round(positive + negative),
    activity: round(counts.activity * per),
    selfReference: round(counts.selfReference * per),
    wordCount: counts.words,
  };
}
