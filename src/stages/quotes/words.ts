/**
 * The document as the quote finder reads it: its tokens with their lower-case text, sentence, paragraph
 * and the quoted run (if any) each one stands in.
 */
import { getLayer, type Document } from '../../model/document.js';
import type { Annotation, Span } from '../../model/span.js';
import type { MentionData } from '../actors/mention.js';
import '../sentences/sentences.js';
import { findQuoteRuns, isQuoteMark, type QuoteRun } from './marks.js';

export interface Word extends Span {
  readonly text: string;
  readonly lower: string;
  readonly isWord: boolean;
  readonly sentence: number;
  readonly paragraph: number;
  /** Index of the quoted run this token stands in (content or marks), or -1. */
  readonly run: number;
  readonly isMark: boolean;
}

export interface QuoteText {
  readonly text: string;
  readonly words: readonly Word[];
  readonly runs: readonly QuoteRun[];
  /** Token ranges [first, end) of each sentence. */
  readonly sentences: readonly { readonly first: number; readonly end: number }[];
  readonly paragraphs: readonly Span[];
}

export function readQuoteText(doc: Document): QuoteText {
  const { text } = doc;
  const paragraphs = getLayer(doc, 'blocks').map(({ start, end }) => ({ start, end }));
  const runs = findQuoteRuns(text, paragraphs);
  const tokens = getLayer(doc, 'tokens');
  const sentenceOf = new Int32Array(tokens.length).fill(-1);
  const sentences = getLayer(doc, 'sentences').map((s, index) => {
    for (let t = s.data.firstToken; t < s.data.firstToken + s.data.tokenCount; t++) sentenceOf[t] = index;
    return { first: s.data.firstToken, end: s.data.firstToken + s.data.tokenCount };
  });
  const words: Word[] = [];
  let runIndex = 0;
  let paragraph = 0;
  for (const [t, token] of tokens.entries()) {
    while (runIndex < runs.length && runs[runIndex]!.outer.end <= token.start) runIndex++;
    while (paragraph + 1 < paragraphs.length && paragraphs[paragraph]!.end <= token.start) paragraph++;
    const run = runs[runIndex];
    const tokenText = text.slice(token.start, token.end);
    words.push({
      start: token.start,
      end: token.end,
      text: tokenText,
      lower: tokenText.toLowerCase().replace(/\u2019/g, "'"),
      isWord: token.data.kind === 'word' || token.data.kind === 'abbreviation' || token.data.kind === 'number',
      sentence: sentenceOf[t]!,
      paragraph,
      run: run && token.start >= run.outer.start && token.end <= Math.max(run.outer.end, run.span.end) ? runIndex : -1,
      isMark: tokenText.length === 1 && isQuoteMark(tokenText),
    });
  }
  return { text, words, runs, sentences, paragraphs };
}

/** The token range of each actor mention (people, organizations, countries), by its first token. */
export function mentionStarts(qt: QuoteText, mentions: readonly Annotation<MentionData>[]): Map<number, { first: number; end: number }> {
  const starts = new Map<number, { first: number; end: number }>();
  let t = 0;
  for (const m of mentions) {
    if (m.data.type === 'location' || m.data.kind === 'demonym') continue;
    while (t < qt.words.length && qt.words[t]!.end <= m.start) t++;
    let end = t;
    while (end < qt.words.length && qt.words[end]!.start < m.end) end++;
    if (end > t && !starts.has(t)) starts.set(t, { first: t, end });
  }
  return starts;
}

/** True for a word starting with a capital letter ("Kerry", "U.S."). */
export function isCapitalized(word: Word): boolean {
  return /^\p{Lu}/u.test(word.text);
}

/** The index of the first word starting at or after `offset` (words are in text order): a binary search. */
export function firstWordAtOrAfter(qt: QuoteText, offset: number): number {
  let low = 0;
  let high = qt.words.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (qt.words[mid]!.start < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The words (not punctuation) lying wholly inside `span`. From the first word of the span on, not over
 * the whole text: counted once per quote and cue, a scan of the text made long articles quadratic.
 */
export function wordsWithin(qt: QuoteText, span: Span): number {
  let count = 0;
  for (let i = firstWordAtOrAfter(qt, span.start); i < qt.words.length && qt.words[i]!.start < span.end; i++) {
    const word = qt.words[i]!;
    if (word.isWord && word.end <= span.end) count++;
  }
  return count;
}

/** The paragraph holding `offset`, by binary search (paragraphs are in text order); the count when past the last. */
export function paragraphAt(qt: QuoteText, offset: number): number {
  let low = 0;
  let high = qt.paragraphs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (qt.paragraphs[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}
