/**
 * Cues: the verbs (and "according to") that attribute words to someone, each with the phrase naming the
 * speaker and the stretches of text it governs. The reading is shallow on purpose (no parser): news text
 * attributes speech in a few fixed shapes, and each shape is one small function here.
 *
 *   X said (that) CONTENT.          X told Y (that) CONTENT.       X said: “CONTENT”
 *   CONTENT, X said.                CONTENT, said X.               “CONTENT,” X said, “CONTENT.”
 *   According to X, CONTENT.        CONTENT, according to X.
 */
import type { Span } from '../../model/span.js';
import { CUE_FORMS, HEARER_VERBS, NOUN_LIKE_FORMS, WEAK_FORMS } from './cue-verbs.js';
import {
  ADJUNCT_PREPOSITIONS, ADJUNCT_WORDS, BETWEEN_SPEAKER_AND_CUE, COMPLEMENTIZERS, DETERMINERS, GROUP_PRONOUNS,
  MAX_APPOSITIVE_TOKENS, MAX_SPEAKER_TOKENS, MIN_REPORTED_WORDS, PERSON_PRONOUNS, PHRASE_BREAKERS, RELATIVE_WORDS,
} from './rules.js';
import { isCapitalized, wordsWithin, type QuoteText, type Word } from './words.js';

/** A range of token indices [first, end). */
export interface TokenRange {
  readonly first: number;
  readonly end: number;
}

export interface Cue extends TokenRange {
  readonly speaker: TokenRange | null;
  /** The stretches the cue governs (reported content, or quotes it introduces or closes), in text order. */
  readonly regions: readonly Span[];
  /** True when the content comes after the cue with "that" or a colon (a clear sign of attribution). */
  readonly marked: boolean;
}

/** Words before an "-ing" cue that make it a participle clause of the sentence's subject: "by saying", "before telling". */
const PARTICIPLE_LEADS: ReadonlySet<string> = new Set(['by', 'before', 'after', 'while', 'when', 'in', 'also', 'then', 'again', 'repeatedly']);

const isPronoun = (w: Word): boolean => PERSON_PRONOUNS.has(w.lower) || GROUP_PRONOUNS.has(w.lower);
const isAdverb = (w: Word): boolean => w.isWord && !isCapitalized(w) && w.lower.length > 4 && w.lower.endsWith('ly');
const isPunct = (w: Word | undefined, chars: string): boolean => w !== undefined && !w.isWord && chars.includes(w.text);

/**
 * Every cue of the text, sentence by sentence. `mentionAt` gives the token range of the actor mention
 * starting at a token (from the `mentions` layer): the subject of a sentence, for cues whose speaker is
 * not next to them ("Trump returned the compliment, telling Reuters ...", "X praised Y and said ...").
 */
export function findCues(qt: QuoteText, mentionAt: ReadonlyMap<number, TokenRange> = new Map()): Cue[] {
  const cues: Cue[] = [];
  for (const sentence of qt.sentences) {
    for (let i = sentence.first; i < sentence.end; i++) {
      const w = qt.words[i]!;
      if (w.run !== -1 || !w.isWord) continue;
      if (w.lower === 'according' && qt.words[i + 1]?.lower === 'to') {
        const cue = accordingTo(qt, i, sentence);
        if (cue) cues.push(cue);
        i++;
        continue;
      }
      if (!isCueVerb(qt, i, sentence.first)) continue;
      const cue = verbCue(qt, i, sentence, mentionAt);
      if (cue) cues.push(cue);
    }
  }
  return cues;
}

function isCueVerb(qt: QuoteText, i: number, sentenceFirst: number): boolean {
  const w = qt.words[i]!;
  if (!CUE_FORMS.has(w.lower)) return false;
  if (isCapitalized(w) && i !== sentenceFirst) return false; // "United States", "The Post"
  const before = qt.words[i - 1];
  if (before && i > sentenceFirst) {
    if (before.lower === 'to') return false; // "declined to comment": no attribution
    if (NOUN_LIKE_FORMS.has(w.lower) && (DETERMINERS.has(before.lower) || before.lower === "'s" || isAdverb(before))) return false;
  }
  // A form that is also a noun is a verb only before what a verb takes: "that", a quote, a name, a determiner.
  const after = qt.words[i + 1];
  if (NOUN_LIKE_FORMS.has(w.lower) && after && after.isWord && !isCapitalized(after) && !COMPLEMENTIZERS.has(after.lower) && !DETERMINERS.has(after.lower) && !isPronoun(after)) return false;
  return true;
}

/** The speaker phrase that ends at token j (reading leftwards), or null. */
function phraseLeft(qt: QuoteText, j: number, floor: number): TokenRange | null {
  const words = qt.words;
  if (j < floor) return null;
  if (isPronoun(words[j]!)) return { first: j, end: j + 1 };
  let k = j;
  while (k >= floor && j - k < MAX_SPEAKER_TOKENS) {
    const w = words[k]!;
    if (w.run !== -1 || (!w.isWord && w.lower !== "'s" && w.text !== '.')) break;
    if (w.text === '.' && !(k > floor && words[k - 1]!.isWord && isCapitalized(words[k - 1]!))) break;
    if (DETERMINERS.has(w.lower)) {
      k--;
      break;
    }
    if (PHRASE_BREAKERS.has(w.lower) || isPronoun(w)) break;
    if (CUE_FORMS.has(w.lower) && !NOUN_LIKE_FORMS.has(w.lower) && !isCapitalized(w)) break;
    k--;
  }
  let first = k + 1;
  while (first <= j && (words[first]!.lower === 'of' || words[first]!.lower === "'s")) first++;
  return first <= j ? { first, end: j + 1 } : null;
}

/** The speaker phrase that starts at token k (reading rightwards), or null. */
function phraseRight(qt: QuoteText, k: number, ceiling: number): TokenRange | null {
  const words = qt.words;
  if (k >= ceiling) return null;
  if (isPronoun(words[k]!)) return { first: k, end: k + 1 };
  let end = k;
  if (DETERMINERS.has(words[end]!.lower)) end++;
  while (end < ceiling && end - k < MAX_SPEAKER_TOKENS) {
    const w = words[end]!;
    if (w.run !== -1 || (!w.isWord && w.lower !== "'s")) break;
    if (PHRASE_BREAKERS.has(w.lower) || isPronoun(w) || DETERMINERS.has(w.lower)) break;
    if (CUE_FORMS.has(w.lower) && !NOUN_LIKE_FORMS.has(w.lower) && !isCapitalized(w)) break;
    end++;
  }
  while (end > k && words[end - 1]!.lower === 'of') end--;
  return end > k && !(end === k + 1 && DETERMINERS.has(words[k]!.lower)) ? { first: k, end } : null;
}

/** The speaker before a cue at token i: "Kerry said", "he also told", "Kerry, who met Wang, said". */
function speakerBefore(qt: QuoteText, i: number, floor: number): TokenRange | null {
  const words = qt.words;
  let j = i - 1;
  while (j >= floor && words[j]!.isWord && (BETWEEN_SPEAKER_AND_CUE.has(words[j]!.lower) || isAdverb(words[j]!))) j--;
  if (j < floor) return null;
  if (isPunct(words[j], ',') && isPunct(words[j - 1], ')')) j--;
  if (isPunct(words[j], ')')) {
    // "Gov. John Kasich (R-OH) said": the parenthesis is left out.
    let k = j - 1;
    while (k > floor && !isPunct(words[k], '(') && j - k < MAX_APPOSITIVE_TOKENS) k--;
    if (isPunct(words[k], '(')) return speakerBefore(qt, k, floor);
  }
  if (RELATIVE_WORDS.has(words[j]!.lower) && j > floor) {
    j--;
    if (isPunct(words[j], ',')) j--;
    return phraseLeft(qt, j, floor);
  }
  if (isPunct(words[j], ',') && j - 1 >= floor && !isPunct(words[j - 1], ',')) {
    // An appositive: "Kerry, the secretary of state, said" — the speaker is before the first comma.
    for (let k = j - 1; k >= Math.max(floor, j - MAX_APPOSITIVE_TOKENS); k--) {
      const w = words[k]!;
      if (w.isMark || (w.run !== -1 && !w.isWord)) break;
      if (isPunct(w, ',')) return phraseLeft(qt, k - 1, floor) ?? phraseLeft(qt, j - 1, k + 1);
    }
    return null;
  }
  const phrase = phraseLeft(qt, j, floor);
  // "Trump at the time said", "Kerry on Tuesday said": the speaker stands before the adjunct.
  if (phrase && phrase.first - 1 > floor && ADJUNCT_PREPOSITIONS.has(words[phrase.first - 1]!.lower)) {
    const earlier = phraseLeft(qt, phrase.first - 2, floor);
    if (earlier && (isCapitalized(words[earlier.first]!) || isPronoun(words[earlier.first]!))) return earlier;
  }
  return phrase;
}

/** The subject of the sentence before token `before`: its first actor mention or pronoun outside quotes. */
function sentenceSubject(qt: QuoteText, sentence: TokenRange, before: number, mentionAt: ReadonlyMap<number, TokenRange>): TokenRange | null {
  for (let k = sentence.first; k < before; k++) {
    const w = qt.words[k]!;
    if (w.run !== -1) continue;
    const mention = mentionAt.get(k);
    if (mention && mention.end <= before) return mention;
    if (isPronoun(w) && w.lower !== 'it' && w.lower !== 'you') return { first: k, end: k + 1 };
  }
  return null;
}

/** Skips what may stand between a cue and its content: the hearer, adjuncts, "that". */
function contentStart(qt: QuoteText, k: number, ceiling: number, cueWord: string): { at: number; marked: boolean } {
  const words = qt.words;
  if (HEARER_VERBS.has(cueWord) && k < ceiling && words[k]!.run === -1) {
    const hearer = phraseRight(qt, k, ceiling);
    if (hearer) k = hearer.end;
  }
  for (let round = 0; round < 4 && k < ceiling; round++) {
    const w = words[k]!;
    if (w.run !== -1) break;
    if (ADJUNCT_WORDS.has(w.lower)) k++;
    else if (ADJUNCT_PREPOSITIONS.has(w.lower)) {
      k++;
      const object = phraseRight(qt, k, ceiling);
      if (object) k = object.end;
      if (words[k]?.lower === 'with' || words[k]?.lower === 'of') {
        const more = phraseRight(qt, k + 1, ceiling);
        if (more) k = more.end;
      }
    } else break;
  }
  let marked = false;
  if (k < ceiling && isPunct(words[k], ',:')) {
    marked = words[k]!.text === ':';
    k++;
  }
  if (k < ceiling && COMPLEMENTIZERS.has(words[k]!.lower)) {
    marked = true;
    k++;
  }
  return { at: k, marked };
}

/** From token `at` to the end of the sentence (without its final stop), or to the end of a quote that starts there. */
function regionFrom(qt: QuoteText, at: number, sentenceEnd: number): Span | null {
  if (at >= sentenceEnd) return null;
  const words = qt.words;
  let last = sentenceEnd - 1;
  while (last > at && !words[last]!.isWord && words[last]!.run === -1) last--;
  let end = words[last]!.end;
  const endRun = words[last]!.run;
  if (endRun !== -1) end = Math.max(end, qt.runs[endRun]!.outer.end);
  return { start: words[at]!.start, end };
}

const wordCount = wordsWithin;

/** A cue verb at token i with its speaker and content. */
function verbCue(qt: QuoteText, i: number, sentence: TokenRange, mentionAt: ReadonlyMap<number, TokenRange>): Cue | null {
  const words = qt.words;
  const cueWord = words[i]!.lower;
  const before = words[i - 1];
  const participle = cueWord.endsWith('ing') && i > sentence.first && before !== undefined && (isPunct(before, ',—–') || PARTICIPLE_LEADS.has(before.lower));
  const coordinated = i > sentence.first && before !== undefined && (before.lower === 'and' || before.lower === 'but');
  let speaker = participle || coordinated ? sentenceSubject(qt, sentence, i, mentionAt) : speakerBefore(qt, i, sentence.first);
  let afterCue = i + 1;
  if (!speaker && !participle && (i === sentence.first || isPunct(before, ',—–') || before!.isMark)) {
    speaker = phraseRight(qt, i + 1, sentence.end); // "“...,” said Kerry."
    if (speaker) afterCue = speaker.end;
  }
  const regions: Span[] = [];
  const start = contentStart(qt, afterCue, sentence.end, cueWord);
  const right = regionFrom(qt, start.at, sentence.end) ?? (start.marked ? quoteAfter(qt, sentence.end) : null);
  const rightOpensQuote = right !== null && (start.at >= sentence.end || words[start.at]!.isMark);
  // Content has a few words, and a weak cue ("called", "added") needs "that", a colon or quoted words in it:
  // Trump called him “a total stiff.”
  const holdsQuote = right !== null && qt.runs.some((run) => run.outer.start >= right.start && run.outer.start < right.end);
  const rightIsContent = right !== null && (rightOpensQuote || holdsQuote || (wordCount(qt, right) >= MIN_REPORTED_WORDS && (start.marked || !WEAK_FORMS.has(cueWord))));
  // CONTENT, X said. — the cue closes its sentence, and a comma or a quote mark stands before the speaker.
  // “CONTENT,” X said ... — after a closing quote mark the words that follow the cue are never its content.
  const leftEdge = speaker && speaker.first < i && !participle && !coordinated ? speaker.first : i;
  const beforeLeft = leftEdge > sentence.first ? words[leftEdge - 1] : undefined;
  const afterQuote = beforeLeft !== undefined && beforeLeft.isMark && beforeLeft.run !== -1 && qt.runs[beforeLeft.run]!.outer.end === beforeLeft.end;
  if (afterQuote || ((!rightIsContent || rightOpensQuote) && beforeLeft !== undefined && isPunct(beforeLeft, ',—–') && !participle && !coordinated)) {
    const left = leftRegion(qt, sentence, afterQuote ? leftEdge : leftEdge - 1);
    if (left) regions.push(left);
  }
  if (right && rightIsContent && (!afterQuote || rightOpensQuote)) regions.push(right);
  if (regions.length === 0 && !speaker) return null;
  return { first: i, end: i + 1, speaker, regions, marked: start.marked };
}

/** "X said:" closing its paragraph: the quote that opens the next sentence. */
function quoteAfter(qt: QuoteText, next: number): Span | null {
  const w = qt.words[next];
  if (!w || !w.isMark || w.run === -1 || qt.runs[w.run]!.outer.start !== w.start) return null;
  return qt.runs[w.run]!.outer;
}

/** The sentence before token `end` (exclusive), reaching back to the start of a quote the sentence is in. */
function leftRegion(qt: QuoteText, sentence: TokenRange, end: number): Span | null {
  const words = qt.words;
  let start = words[sentence.first]!.start;
  const firstRun = words[sentence.first]!.run;
  if (firstRun !== -1) start = Math.min(start, qt.runs[firstRun]!.outer.start);
  let last = end - 1;
  while (last >= sentence.first && isPunct(words[last], ',—–')) last--;
  if (last < sentence.first) return null;
  const span = { start, end: words[last]!.end };
  return words[last]!.isMark || wordCount(qt, span) >= MIN_REPORTED_WORDS ? span : null;
}

/** "According to X, CONTENT." or "CONTENT, according to X." */
function accordingTo(qt: QuoteText, i: number, sentence: TokenRange): Cue | null {
  const words = qt.words;
  const speaker = phraseRight(qt, i + 2, sentence.end);
  if (!speaker) return null;
  const regions: Span[] = [];
  if (i === sentence.first || !isPunct(words[i - 1], ',—–(')) {
    let k = speaker.end;
    if (isPunct(words[k], ',')) k++;
    const right = regionFrom(qt, k, sentence.end);
    if (right && wordCount(qt, right) >= MIN_REPORTED_WORDS) regions.push(right);
  } else {
    const left = leftRegion(qt, sentence, i - 1);
    if (left) regions.push(left);
  }
  if (regions.length === 0) return null;
  return { first: i, end: i + 2, speaker, regions, marked: true };
}
