/**
 * The compact event data Parley ships under data/events/ (built by `npm run build:events` from
 * ../shared/data/petrarch, ../shared/data/cameo and ../shared/data/plover; see data/events/README.md).
 */

/** A verb pattern: words before and after the verb, with markers `$` (source), `+` (target), `^`, `%`. */
export interface PatternData {
  readonly pre: readonly string[];
  readonly post: readonly string[];
  /** Code for source → target; null = the pattern says "no event". */
  readonly code: string | null;
  /** Code for target → source when the pattern codes both directions ([042:043], [112:112]). */
  readonly reverse?: string;
}

export interface VerbBlockData {
  readonly name: string;
  /** The block's default code, or null when it has none. */
  readonly code: string | null;
  readonly patterns: readonly PatternData[];
}

export interface VerbEntryData {
  readonly lemma: string;
  readonly block: number;
  /** Upper-case inflected forms (the lemma included). */
  readonly forms: readonly string[];
  /** Words that must follow the verb (multi-word verbs such as ASK FOR). */
  readonly particles?: readonly string[];
  /** The verb's own code; absent = the block's code; null = no event unless a pattern matches. */
  readonly code?: string | null;
}

export interface CameoVerbData {
  readonly format: 'parley-cameo-verbs-1';
  readonly provenance: Readonly<Record<string, string>>;
  readonly synonyms: Readonly<Record<string, readonly string[]>>;
  readonly blocks: readonly VerbBlockData[];
  readonly verbs: readonly VerbEntryData[];
}

export interface CameoCodeData {
  readonly name: string;
  readonly goldstein: number;
  readonly quadClass: 1 | 2 | 3 | 4;
  readonly root: string;
}

export interface CameoCodebookData {
  readonly format: 'parley-cameo-codes-1';
  readonly provenance: Readonly<Record<string, string>>;
  readonly codes: Readonly<Record<string, CameoCodeData>>;
  /** CAMEO code → PLOVER [type, mode] from the official CAMEO→PLOVER table. */
  readonly plover: Readonly<Record<string, readonly [string, string]>>;
}
