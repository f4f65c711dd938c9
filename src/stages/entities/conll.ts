import { spansFromTagStrings, tagsFromSpans } from './tags.js';

/**
 * The CoNLL-2003 column format: one token per line with its columns separated by spaces or tabs
 * (token first, the entity tag last when the file is labeled), a blank line between sentences, and a
 * `-DOCSTART-` line before each document.
 */

export const DOCSTART = '-DOCSTART-';

export type ConllLine =
  | { readonly kind: 'docstart' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'token'; readonly columns: readonly string[] };

/** Why a line is not CoNLL, or null when it is fine. */
export function conllLineProblem(line: string): string | null {
  if (line.trim() === '') return null;
  if (/^[ \t]/.test(line)) return 'the line starts with whitespace, so its first column (the token) is empty';
  if (hasControlCharacter(line)) return 'the line holds control characters (is this a binary file?)';
  return null;
}

/** C0 control characters other than tab, line feed, vertical tab, form feed and carriage return. */
function hasControlCharacter(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code < 0x20 && (code < 0x09 || code > 0x0d)) return true;
  }
  return false;
}

export function classifyConllLine(line: string): ConllLine {
  const trimmed = line.replace(/\r$/, '');
  if (trimmed.trim() === '') return { kind: 'blank' };
  const columns = trimmed.split(/[ \t]+/).filter((c) => c !== '');
  if (columns[0] === DOCSTART) return { kind: 'docstart' };
  return { kind: 'token', columns };
}

export interface LabeledSentence {
  readonly tokens: readonly string[];
  /** Tag indices (BILOU, tags.ts), from the file's last column (IOB1 or IOB2). */
  readonly tags: Uint8Array;
}

export interface LabeledDocument {
  readonly sentences: readonly LabeledSentence[];
}

/** Parses a labeled CoNLL file (the last column is the entity tag). Throws an Error with the line number on bad input. */
export function parseLabeledConll(text: string): LabeledDocument[] {
  const documents: LabeledDocument[] = [];
  let sentences: LabeledSentence[] = [];
  let tokens: string[] = [];
  let tagStrings: string[] = [];
  const endSentence = (lineNumber: number): void => {
    if (tokens.length === 0) return;
    const spans = spansFromTagStrings(tagStrings);
    if (!spans) throw new Error(`line ${lineNumber}: a sentence ending here has a tag that is not O, B-TYPE or I-TYPE (TYPE in PER, ORG, LOC, MISC)`);
    sentences.push({ tokens, tags: tagsFromSpans(spans, tokens.length) });
    tokens = [];
    tagStrings = [];
  };
  const endDocument = (lineNumber: number): void => {
    endSentence(lineNumber);
    if (sentences.length > 0) documents.push({ sentences });
    sentences = [];
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const problem = conllLineProblem(lines[i]!);
    if (problem) throw new Error(`line ${i + 1}: ${problem}`);
    const line = classifyConllLine(lines[i]!);
    if (line.kind === 'docstart') endDocument(i + 1);
    else if (line.kind === 'blank') endSentence(i + 1);
    else {
      if (line.columns.length < 2) throw new Error(`line ${i + 1}: expected a token and a tag column`);
      tokens.push(line.columns[0]!);
      tagStrings.push(line.columns.at(-1)!);
    }
  }
  endDocument(lines.length);
  return documents;
}
