import { getLayer } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import { DEFAULT_STARTERS, splitSentences, type SplitOptions } from './split.js';
import { AbbreviationTable, tokenize, type TokenKind } from './tokenize.js';

/** Data of a token span: what kind of token it is. */
export interface TokenData {
  readonly kind: TokenKind;
}

/** Data of a sentence span: its tokens are tokens[firstToken .. firstToken + tokenCount) of the `tokens` layer. */
export interface SentenceData {
  readonly firstToken: number;
  readonly tokenCount: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    sentences: SentenceData;
    tokens: TokenData;
  }
}

export interface SentencesOptions {
  /** A sentence longer than this many tokens is cut (lists and tables without punctuation). */
  readonly maxSentenceTokens: number;
  /** Abbreviations to add to the built-in lists (without the final period), by class; see rules.ts. */
  readonly abbreviations: { readonly title?: readonly string[]; readonly month?: readonly string[]; readonly other?: readonly string[] };
  /** Words to add to the usual sentence starters (see rules.ts). */
  readonly sentenceStarters: readonly string[];
}

export const SENTENCES_DEFAULTS: SentencesOptions = {
  maxSentenceTokens: 250,
  abbreviations: {},
  sentenceStarters: [],
};

/**
 * A block is hard-wrapped text (a plain-text file wrapped at a fixed width) when its lines are long and
 * many of them go on in lower case on the next line. Tables, lists and headline lines start their lines
 * in capitals, so they keep their line breaks as sentence ends.
 */
const WRAPPED_MEAN_LINE_LENGTH = 40;
const WRAPPED_LOWER_CASE_SHARE = 0.25;

function isHardWrapped(text: string, start: number, end: number): boolean {
  const lines = text.slice(start, end).split('\n');
  if (lines.length < 3) return false;
  const meanLength = lines.reduce((sum, line) => sum + line.trim().length, 0) / lines.length;
  const goesOnInLowerCase = lines.slice(1).filter((line) => /^\s*\p{Ll}/u.test(line)).length;
  return meanLength >= WRAPPED_MEAN_LINE_LENGTH && goesOnInLowerCase >= WRAPPED_LOWER_CASE_SHARE * (lines.length - 1);
}

interface Prepared {
  readonly abbreviations: AbbreviationTable;
  readonly split: SplitOptions;
}

const prepared = new WeakMap<SentencesOptions, Prepared>();

function prepare(options: SentencesOptions): Prepared {
  let ready = prepared.get(options);
  if (!ready) {
    ready = {
      abbreviations: new AbbreviationTable(options.abbreviations),
      split: {
        maxSentenceTokens: options.maxSentenceTokens,
        sentenceStarters: options.sentenceStarters.length ? new Set([...DEFAULT_STARTERS, ...options.sentenceStarters]) : DEFAULT_STARTERS,
      },
    };
    prepared.set(options, ready);
  }
  return ready;
}

/** Tokens and sentences of text[start, end) (one block), appended to the two layers. */
export function segmentBlock(text: string, start: number, end: number, options: SentencesOptions, tokens: Annotation<TokenData>[], sentences: Annotation<SentenceData>[]): void {
  const ready = prepare(options);
  const blockTokens = tokenize(text, start, end, ready.abbreviations);
  const split = isHardWrapped(text, start, end) ? { ...ready.split, lineBreaksAreSpaces: true } : ready.split;
  const offset = tokens.length;
  for (const token of blockTokens) tokens.push({ start: token.start, end: token.end, data: { kind: token.kind } });
  for (const [first, last] of splitSentences(text, blockTokens, split)) {
    sentences.push({
      start: blockTokens[first]!.start,
      end: blockTokens[last - 1]!.end,
      data: { firstToken: offset + first, tokenCount: last - first },
    });
  }
}

/**
 * The `sentences` stage: tokens and sentences of every block of the document (a sentence never crosses
 * a block), as spans of JavaScript string offsets into doc.text.
 */
export const sentencesStage = defineStage<SentencesOptions>({
  name: 'sentences',
  version: '1',
  requires: ['blocks'],
  provides: ['sentences', 'tokens'],
  defaults: SENTENCES_DEFAULTS,
  run(doc, options) {
    if (!Number.isInteger(options.maxSentenceTokens) || options.maxSentenceTokens < 1) {
      throw new ParleyError('E_OPTION', `Option maxSentenceTokens of stage "sentences" is ${String(options.maxSentenceTokens)}.`, 'Give a whole number of at least 1.');
    }
    const tokens: Annotation<TokenData>[] = [];
    const sentences: Annotation<SentenceData>[] = [];
    const blocks = getLayer(doc, 'blocks');
    const ranges = blocks.length > 0 ? blocks : [{ start: 0, end: doc.text.length }];
    let covered = 0;
    for (const block of ranges) {
      // Blocks do not overlap in extracted documents; a nested block would repeat tokens, so skip into it.
      const start = Math.max(block.start, covered);
      if (start >= block.end) continue;
      segmentBlock(doc.text, start, block.end, options, tokens, sentences);
      covered = block.end;
    }
    return { layers: { tokens, sentences } };
  },
});
