import { CLOSERS, OPENERS, SENTENCE_STARTERS, TERMINALS } from './rules.js';
import type { Token } from './tokenize.js';

/**
 * Sentence boundaries over the tokens of one block of text. A sentence ends:
 * - after `.`, `!` or `?` unless the next word starts in lower case ("Yahoo! said", '"Why?" he asked');
 * - after an ellipsis when the next word is capitalized;
 * - after an abbreviation that may end a sentence ("Inc.", "U.S.", "p.m.") when the next word is a
 *   usual sentence starter ("The", "He", ...), never after a title or an initial ("Mr.", "J.");
 * - at a blank line, and at a line break unless the next line goes on in lower case (so headlines and
 *   datelines on lines of their own are sentences);
 * - when it reaches the maximum length (lists and tables without punctuation).
 * Closing quotes and brackets written right after the final punctuation stay with the sentence.
 */

export interface SplitOptions {
  readonly maxSentenceTokens: number;
  readonly sentenceStarters: ReadonlySet<string>;
  /** The block is hard-wrapped text: a single line break is just a space. */
  readonly lineBreaksAreSpaces?: boolean;
}

export const DEFAULT_STARTERS: ReadonlySet<string> = new Set(SENTENCE_STARTERS);
const TERMINAL_SET = new Set(TERMINALS);
const CLOSER_SET = new Set(CLOSERS);
const OPENER_SET = new Set(OPENERS);
const ELLIPSES = new Set(['...', '\u2026']);
/** Straight quotes open when whitespace comes before them and close when glued to the word before. */
const AMBIGUOUS_QUOTES = new Set(['"', "'"]);
const QUOTES = new Set(['"', "'", "''", '\u201d', '\u2019', '\u00bb', '\u203a']);

/** Index ranges [start, end) of the sentences over `tokens`. */
export function splitSentences(text: string, tokens: readonly Token[], options: SplitOptions): [number, number][] {
  const sentences: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    let end = i + 1;
    if (endsSentence(text, tokens, i, options)) {
      // Closing quotes and brackets glued to the punctuation belong to this sentence.
      while (end < tokens.length && tokens[end]!.start === tokens[end - 1]!.end && CLOSER_SET.has(text.slice(tokens[end]!.start, tokens[end]!.end))) end++;
    } else if (end - start < options.maxSentenceTokens && end < tokens.length) {
      continue;
    }
    sentences.push([start, end]);
    start = end;
    i = end - 1;
  }
  if (start < tokens.length) sentences.push([start, tokens.length]);
  return sentences;
}

function tokenText(text: string, token: Token): string {
  return text.slice(token.start, token.end);
}

function endsSentence(text: string, tokens: readonly Token[], i: number, options: SplitOptions): boolean {
  const token = tokens[i]!;
  const next = tokens[i + 1];
  if (!next) return true;
  const gap = text.slice(token.end, next.start);
  if (/\n[^\S\n]*\n/.test(gap)) return true;
  const value = tokenText(text, token);
  // The first token after the closing quotes and brackets glued to this one, and the first word after it.
  let k = i + 1;
  while (k < tokens.length && tokens[k]!.start === tokens[k - 1]!.end && CLOSER_SET.has(tokenText(text, tokens[k]!))) k++;
  const following = tokens[k];
  if (!following) return true;
  const followingText = tokenText(text, following);
  const lineBreak = !options.lineBreaksAreSpaces && text.slice(token.end, following.start).includes('\n');
  const opens = OPENER_SET.has(followingText) || (AMBIGUOUS_QUOTES.has(followingText) && following.start > tokens[k - 1]!.end);
  const nextWord = opens ? tokens[k + 1] : following;
  const nextWordText = nextWord ? tokenText(text, nextWord) : '';
  const startsLower = /^\p{Ll}/u.test(nextWordText);

  if (lineBreak) return !(startsLower && !TERMINAL_SET.has(value)); // a line of its own, unless the text just goes on
  // An abbreviation with a closing quote or bracket glued to it ('she said "No."') ends like a period.
  const closedAbbreviation = token.kind === 'abbreviation' && k > i + 1 && QUOTES.has(tokenText(text, next));
  if (TERMINAL_SET.has(value) || /^[!?]+$/.test(value) || closedAbbreviation) {
    if (next.start === token.end && TERMINAL_SET.has(tokenText(text, next))) return false; // "?!": end after the last one
    if (ELLIPSES.has(value)) return /^[\p{Lu}\p{Lt}]/u.test(nextWordText);
    return !startsLower && !/^[,;:%]/.test(followingText);
  }
  if (token.kind === 'abbreviation') {
    if (token.abbreviation === 'title' || token.abbreviation === 'initial') return false;
    return options.sentenceStarters.has(nextWordText);
  }
  return false;
}
