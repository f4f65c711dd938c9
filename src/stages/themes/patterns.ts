import { nounForms, verbForms } from './inflect.js';

/**
 * Lexicon patterns, as written in a taxonomy file (see data/themes/README.md):
 *
 *   human rights        two words in a row (case-insensitive, whole words only)
 *   n:hacker            a noun and its plural (hacker, hackers)
 *   v:hack              a verb's forms (hack, hacks, hacked, hacking)
 *   cyber-security      one word or two: "cybersecurity", "cyber-security", "cyber security"
 *   terror*             any word that starts with "terror" (at least 3 letters before the star)
 *   open * markets      `*` alone: any one word ("open its markets", "open their markets")
 *
 * A pattern compiles into alternatives: sequences of word tests, one per word of the text.
 */
export type WordTest = { readonly kind: 'forms'; readonly forms: ReadonlySet<string> } | { readonly kind: 'prefix'; readonly prefix: string } | { readonly kind: 'any' };

export type Alternative = readonly WordTest[];

export class PatternError extends Error {}

/** More alternatives than this (each `-` doubles them) means a pattern written by mistake. */
const MAX_ALTERNATIVES = 64;
const MIN_PREFIX_LENGTH = 3;
const WORD_BODY = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'.&]*$/u;

/**
 * The form a word is compared in, for text and patterns alike: lower case, typographic apostrophes made
 * straight, a possessive ending dropped ("China's" → "china"), a final period dropped except inside an
 * abbreviation ("U.S." stays "u.s.").
 */
const PLAIN_WORD = /^[a-z0-9]+$/;

export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN_WORD.test(lower)) return lower; // the common case, without the rules below
  let w = lower.replace(/[\u2019\u2018\u02bc]/g, "'");
  w = w.replace(/'s$|'$/, '');
  if (w.endsWith('.') && !/\..+\.$/.test(w)) w = w.slice(0, -1);
  return w;
}

interface Part {
  readonly base: string;
  readonly inflection: 'none' | 'noun' | 'verb';
  readonly prefix: boolean;
}

function parsePart(raw: string, pattern: string): Part {
  let text = raw;
  let inflection: Part['inflection'] = 'none';
  if (text.startsWith('n:')) [inflection, text] = ['noun', text.slice(2)];
  else if (text.startsWith('v:')) [inflection, text] = ['verb', text.slice(2)];
  const prefix = text.endsWith('*');
  if (prefix) text = text.slice(0, -1);
  if (prefix && inflection !== 'none') throw new PatternError(`"${raw}" in pattern "${pattern}" combines n:/v: with a final *; use one or the other.`);
  const base = normalizeWord(text);
  if (!WORD_BODY.test(base)) throw new PatternError(`"${raw}" in pattern "${pattern}" is not a word (letters, digits, inner apostrophes or periods).`);
  if (prefix && base.length < MIN_PREFIX_LENGTH) throw new PatternError(`The prefix "${raw}" in pattern "${pattern}" is too short; give at least ${MIN_PREFIX_LENGTH} letters before *.`);
  return { base, inflection, prefix };
}

function testFor(part: Part): WordTest {
  if (part.prefix) return { kind: 'prefix', prefix: part.base };
  const forms = part.inflection === 'noun' ? nounForms(part.base) : part.inflection === 'verb' ? verbForms(part.base) : [part.base];
  return { kind: 'forms', forms: new Set(forms) };
}

/** The alternatives of one space-separated piece of a pattern: one sequence, or two for a hyphenated piece. */
function pieceAlternatives(piece: string, pattern: string): Alternative[] {
  if (piece === '*') return [[{ kind: 'any' }]];
  const rawParts = piece.split('-');
  if (rawParts.some((p) => p === '')) throw new PatternError(`"${piece}" in pattern "${pattern}" has an empty part around a hyphen.`);
  const parts = rawParts.map((p) => parsePart(p, pattern));
  if (parts.length === 1) return [[testFor(parts[0]!)]];
  if (parts.slice(0, -1).some((p) => p.prefix)) throw new PatternError(`In "${piece}" of pattern "${pattern}", only the last part may end with *.`);
  const last = parts[parts.length - 1]!;
  const joined: Part = { base: parts.map((p) => p.base).join(''), inflection: last.inflection, prefix: last.prefix };
  return [[testFor(joined)], parts.map(testFor)];
}

/** Compiles a pattern into its alternatives; throws PatternError saying what is wrong. */
export function compilePattern(pattern: string): Alternative[] {
  if (typeof pattern !== 'string') throw new PatternError('A pattern must be a string.');
  const pieces = pattern.trim().split(/\s+/).filter(Boolean);
  if (pieces.length === 0) throw new PatternError('The pattern is empty.');
  if (pieces[0] === '*' || pieces[pieces.length - 1] === '*') throw new PatternError(`Pattern "${pattern}" starts or ends with a lone *; a wildcard word must sit between two words.`);
  let alternatives: Alternative[] = [[]];
  for (const piece of pieces) {
    const options = pieceAlternatives(piece, pattern);
    alternatives = alternatives.flatMap((head) => options.map((tail) => [...head, ...tail]));
    if (alternatives.length > MAX_ALTERNATIVES) throw new PatternError(`Pattern "${pattern}" has too many hyphenated words (more than ${MAX_ALTERNATIVES} ways to write it).`);
  }
  return alternatives;
}

export function wordPasses(test: WordTest, word: string): boolean {
  if (test.kind === 'any') return true;
  if (test.kind === 'prefix') return word.startsWith(test.prefix);
  return test.forms.has(word);
}
