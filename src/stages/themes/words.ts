import { getLayer, type Document } from '../../model/document.js';
import { normalizeWord } from './patterns.js';

/** A word of the text as the lexicon sees it: normalized, with its offsets. */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Punctuation (other than a hyphen inside a word) stands between this word and the one before. */
  readonly breakBefore: boolean;
  /** False for the second and later parts of a hyphenated token. */
  readonly startsToken: boolean;
}

const CLITIC = /^['\u2019](?:s|re|ve|ll|d|m)?$|^n['\u2019]t$/i;
const PART = /[^-\u2010\u2011]+/g;

/**
 * The words of each sentence, from the `tokens` layer: word, abbreviation and number tokens, with
 * hyphenated tokens cut into their parts ("human-rights" → human, rights) so that a phrase matches
 * however it is joined, and clitics ("'s", "n't") left out. A phrase never runs across punctuation.
 */
export function sentenceWords(doc: Document): Word[][] {
  const tokens = getLayer(doc, 'tokens');
  const result: Word[][] = [];
  for (const sentence of getLayer(doc, 'sentences')) {
    const words: Word[] = [];
    let breakBefore = true;
    const end = sentence.data.firstToken + sentence.data.tokenCount;
    for (let i = sentence.data.firstToken; i < end; i++) {
      const token = tokens[i];
      if (!token) break;
      const raw = doc.text.slice(token.start, token.end);
      if (token.data.kind === 'punctuation' || token.data.kind === 'url' || token.data.kind === 'email') {
        breakBefore = true;
        continue;
      }
      if (CLITIC.test(raw)) continue;
      let startsToken = true;
      for (const part of raw.matchAll(PART)) {
        const text = normalizeWord(part[0]);
        if (text === '') continue;
        words.push({ text, start: token.start + part.index, end: token.start + part.index + part[0].length, breakBefore, startsToken });
        breakBefore = false;
        startsToken = false;
      }
    }
    result.push(words);
  }
  return result;
}

/** How many words the document has (hyphenated words counted once), for length normalization. */
export function countWords(sentences: readonly (readonly Word[])[]): number {
  let count = 0;
  for (const words of sentences) for (const word of words) if (word.startsToken) count++;
  return count;
}
