/** The `sentences` stage: tokens and sentences as spans of the document text. */
export { sentencesStage, segmentBlock, SENTENCES_DEFAULTS, type SentencesOptions, type SentenceData, type TokenData } from './sentences.js';
export { tokenize, AbbreviationTable, type Token, type TokenKind, type AbbreviationClass } from './tokenize.js';
export { splitSentences, type SplitOptions } from './split.js';
export { documentFromPlainText, PLAIN_TEXT } from './plain-text.js';
export { ABBREVIATIONS, SENTENCE_STARTERS } from './rules.js';
