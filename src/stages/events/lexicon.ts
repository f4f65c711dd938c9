import { FALLBACK_VERB_CODES } from './rules.js';
import type { CameoCodebookData, CameoVerbData, PatternData, VerbBlockData } from './verb-data.js';

/**
 * The CAMEO verb dictionary ready for lookups: every inflected verb form → the verb entries it can be,
 * and pattern matching against the words around a verb (PETRARCH's conventions: a pattern word without a
 * final `_` matches any word it begins, with `_` only itself; `A_B` is two adjacent words; `&SET` is any
 * member of a synonym set).
 */

/** Regular inflections of an upper-case verb (as PETRARCH-2 generates them), plus doubled-consonant variants. */
export function regularForms(verb: string): string[] {
  const forms = new Set<string>([verb]);
  const consonantY = /[^AEIOU]Y$/.test(verb);
  if (/(S|X|Z|CH|SH|O)$/.test(verb)) forms.add(verb + 'ES');
  else if (consonantY) forms.add(verb.slice(0, -1) + 'IES');
  else forms.add(verb + 'S');
  if (verb.endsWith('E')) forms.add(verb + 'D');
  else if (consonantY) forms.add(verb.slice(0, -1) + 'IED');
  else forms.add(verb + 'ED');
  if (verb.endsWith('E') && !verb.endsWith('EE')) forms.add(verb.slice(0, -1) + 'ING');
  else forms.add(verb + 'ING');
  // A final consonant-vowel-consonant often doubles (BAN → BANNED); the spurious variant is harmless.
  if (/[^AEIOU][AEIOU][BDGKLMNPRT]$/.test(verb)) {
    forms.add(verb + verb.slice(-1) + 'ED');
    forms.add(verb + verb.slice(-1) + 'ING');
  }
  return [...forms];
}

export interface VerbSense {
  readonly lemma: string;
  readonly block: VerbBlockData;
  readonly particles: readonly string[];
  /** The code the verb gives without a pattern, and how it was found. */
  readonly code: string | null;
  readonly source: 'verb' | 'block' | 'fallback' | 'none';
}

export interface CodeInfo {
  readonly name: string;
  readonly goldstein: number;
  readonly quadClass: 1 | 2 | 3 | 4;
  readonly root: string;
}

/** A pattern element: literal words (adjacent), an actor slot, or a wildcard. */
type Element = { kind: 'words'; alternatives: readonly (readonly Matcher[])[] } | { kind: 'source' } | { kind: 'target' } | { kind: 'skip' };
type Matcher = { word: string; exact: boolean };

export interface CompiledPattern {
  readonly pre: readonly Element[];
  readonly post: readonly Element[];
  readonly code: string | null;
  readonly reverse: string | null;
  /** Literal words in the pattern: more words = more specific. */
  readonly weight: number;
}

export class EventLexicon {
  private readonly senses = new Map<string, VerbSense[]>();
  private readonly patterns = new Map<VerbBlockData, CompiledPattern[]>();
  private readonly codes: Map<string, CodeInfo>;
  private readonly plover: Map<string, readonly [string, string]>;

  constructor(verbs: CameoVerbData, codebook: CameoCodebookData) {
    if (verbs.format !== 'parley-cameo-verbs-1' || codebook.format !== 'parley-cameo-codes-1') throw new Error('unknown event data format');
    this.codes = new Map(Object.entries(codebook.codes));
    this.plover = new Map(Object.entries(codebook.plover));
    const synonyms = new Map(Object.entries(verbs.synonyms));
    for (const block of verbs.blocks) this.patterns.set(block, block.patterns.map((p) => compilePattern(p, synonyms)));
    for (const verb of verbs.verbs) {
      const block = verbs.blocks[verb.block];
      if (!block) continue;
      let code = verb.code === undefined ? block.code : verb.code;
      let source: VerbSense['source'] = verb.code === undefined ? (block.code ? 'block' : 'none') : verb.code ? 'verb' : 'none';
      if (!code && verb.code === undefined && FALLBACK_VERB_CODES[verb.lemma]) {
        code = FALLBACK_VERB_CODES[verb.lemma]!;
        source = 'fallback';
      }
      const sense: VerbSense = { lemma: verb.lemma, block, particles: verb.particles ?? [], code, source };
      for (const form of verb.forms) this.addSense(form, sense);
    }
    const empty: VerbBlockData = { name: 'FALLBACK', code: null, patterns: [] };
    this.patterns.set(empty, []);
    for (const [lemma, code] of Object.entries(FALLBACK_VERB_CODES)) {
      if (this.senses.has(lemma)) continue;
      for (const form of regularForms(lemma)) this.addSense(form, { lemma, block: empty, particles: [], code, source: 'fallback' });
    }
  }

  private addSense(form: string, sense: VerbSense): void {
    const list = this.senses.get(form) ?? [];
    list.push(sense);
    this.senses.set(form, list);
  }

  /** The dictionary senses of an upper-case word form (empty when it is no CAMEO verb). */
  sensesOf(form: string): readonly VerbSense[] {
    return this.senses.get(form) ?? [];
  }

  patternsOf(block: VerbBlockData): readonly CompiledPattern[] {
    return this.patterns.get(block) ?? [];
  }

  codeInfo(code: string): CodeInfo | null {
    return this.codes.get(code) ?? null;
  }

  /** PLOVER type and mode of a CAMEO code: its own row, else its parent's, else the fallback table. */
  ploverOf(code: string, fallback: Readonly<Record<string, readonly [string, string]>>): { type: string; mode: string } | null {
    for (let c = code; c.length >= 2; c = c.length === 4 ? c.slice(0, 3) : c.slice(0, 2)) {
      const row = this.plover.get(c) ?? fallback[c];
      if (row) return { type: row[0], mode: row[1] };
      if (c.length === 2) break;
    }
    return null;
  }
}

function compileWord(token: string, synonyms: ReadonlyMap<string, readonly string[]>): (readonly Matcher[])[] {
  const members = token.startsWith('&') ? (synonyms.get(token) ?? synonyms.get(token + '_') ?? []) : [token];
  return members.map((member) => {
    const exactEnd = member.endsWith('_');
    const words = member.split('_').filter(Boolean);
    return words.map((word, i) => ({ word, exact: exactEnd || i < words.length - 1 }));
  });
}

function compileElements(tokens: readonly string[], synonyms: ReadonlyMap<string, readonly string[]>): Element[] {
  const elements: Element[] = [];
  for (const token of tokens) {
    if (token === '$') elements.push({ kind: 'source' });
    else if (token === '+') elements.push({ kind: 'target' });
    else if (token === '^') elements.push({ kind: 'skip' });
    else if (token === '%' || token === '*') continue;
    else elements.push({ kind: 'words', alternatives: compileWord(token, synonyms) });
  }
  return elements;
}

export function compilePattern(pattern: PatternData, synonyms: ReadonlyMap<string, readonly string[]>): CompiledPattern {
  const pre = compileElements(pattern.pre, synonyms);
  const post = compileElements(pattern.post, synonyms);
  const weight = [...pre, ...post].filter((e) => e.kind === 'words').length;
  return { pre, post, code: pattern.code, reverse: pattern.reverse ?? null, weight };
}

function wordMatches(matcher: Matcher, word: string): boolean {
  return matcher.exact ? word === matcher.word : word.startsWith(matcher.word);
}

/**
 * Matches a pattern's elements in order against `words` (upper case) from index `from` onward, allowing
 * up to `maxGap` unmatched words before each element (TABARI/PETRARCH skip words between pattern words).
 * `isActor(i)` says whether an actor starts at word i. Returns the slots found, or null.
 */
export function matchElements(elements: readonly Element[], words: readonly string[], from: number, maxGap: number, isActor: (i: number) => boolean): { source: number | null; target: number | null; end: number } | null {
  let at = from;
  let source: number | null = null;
  let target: number | null = null;
  for (const element of elements) {
    if (element.kind === 'skip') continue;
    let found = -1;
    let length = 1;
    for (let i = at; i < Math.min(words.length, at + maxGap + 1) && found < 0; i++) {
      if (element.kind === 'source' || element.kind === 'target') {
        if (isActor(i)) found = i;
        continue;
      }
      for (const alternative of element.alternatives) {
        if (alternative.every((m, k) => i + k < words.length && wordMatches(m, words[i + k]!))) {
          found = i;
          length = alternative.length;
          break;
        }
      }
    }
    if (found < 0) return null;
    if (element.kind === 'source') source = found;
    if (element.kind === 'target') target = found;
    at = found + length;
  }
  return { source, target, end: at };
}

export type { Element };
