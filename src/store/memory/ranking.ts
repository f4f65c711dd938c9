import type { QueryNode } from '../query/parse.js';
import { positivePhrases } from '../query/parse.js';
import { tokenize, type TextToken } from '../query/tokens.js';
import { windowSnippet, type Snippet } from '../snippet.js';

/**
 * Full-text matching and ranking for the in-memory adapter, the same as the SQLite adapter's FTS5
 * setup: the same tokens (query/tokens.ts), phrases as consecutive tokens (the last one a prefix with
 * `*`), and FTS5's BM25 (k1 = 1.2, b = 0.75, title weighted 3, text 1, document length over both
 * columns, IDF floored at 1e-6), so results come in the same order in both adapters.
 */

export const COLUMN_WEIGHTS = { title: 3, text: 1 } as const;
const K1 = 1.2;
const B = 0.75;
const MIN_IDF = 1e-6;

export interface IndexedText {
  readonly title: readonly string[];
  readonly text: readonly TextToken[];
  readonly length: number;
}

export function indexText(title: string | null, text: string): IndexedText {
  const titleTokens = tokenize(title ?? '').map((t) => t.token);
  const textTokens = tokenize(text);
  return { title: titleTokens, text: textTokens, length: titleTokens.length + textTokens.length };
}

type Phrase = { readonly tokens: readonly string[]; readonly prefix: boolean };

/** Where a phrase occurs in a token list: the index of each occurrence's first token. */
function occurrences(tokens: readonly string[], phrase: Phrase): number[] {
  const found: number[] = [];
  const n = phrase.tokens.length;
  for (let i = 0; i + n <= tokens.length; i++) {
    let ok = true;
    for (let j = 0; j < n && ok; j++) {
      const want = phrase.tokens[j]!;
      const have = tokens[i + j]!;
      ok = phrase.prefix && j === n - 1 ? have.startsWith(want) : have === want;
    }
    if (ok) found.push(i);
  }
  return found;
}

export interface PhraseHits {
  readonly title: number;
  readonly text: readonly number[];
}

export class DocumentMatcher {
  private readonly textTokens: string[];
  private readonly cache = new WeakMap<Phrase, PhraseHits>();

  constructor(readonly doc: IndexedText) {
    this.textTokens = doc.text.map((t) => t.token);
  }

  hits(phrase: Phrase): PhraseHits {
    let hits = this.cache.get(phrase);
    if (!hits) {
      hits = { title: occurrences(this.doc.title, phrase).length, text: occurrences(this.textTokens, phrase) };
      this.cache.set(phrase, hits);
    }
    return hits;
  }

  contains(phrase: Phrase): boolean {
    const hits = this.hits(phrase);
    return hits.title > 0 || hits.text.length > 0;
  }

  matches(node: QueryNode): boolean {
    switch (node.type) {
      case 'phrase':
        return this.contains(node);
      case 'and':
        return node.children.every((child) => this.matches(child));
      case 'or':
        return node.children.some((child) => this.matches(child));
      case 'not':
        return this.matches(node.include) && !this.matches(node.exclude);
    }
  }

  /** The snippet of the body, with every token of every occurrence of a positive phrase marked. */
  snippet(text: string, query: QueryNode): Snippet {
    const matched = new Array<boolean>(this.doc.text.length).fill(false);
    for (const phrase of positivePhrases(query)) {
      for (const start of this.hits(phrase).text) matched.fill(true, start, start + phrase.tokens.length);
    }
    return windowSnippet(text, this.doc.text, matched);
  }
}

/** Every phrase of the query, in order, including those under NOT (FTS5's bm25 iterates them all). */
export function allPhrases(node: QueryNode): Phrase[] {
  switch (node.type) {
    case 'phrase':
      return [node];
    case 'and':
    case 'or':
      return node.children.flatMap(allPhrases);
    case 'not':
      return [...allPhrases(node.include), ...allPhrases(node.exclude)];
  }
}

export interface CorpusStatistics {
  readonly documents: number;
  readonly averageLength: number;
  /** Documents containing each phrase. */
  readonly documentFrequency: ReadonlyMap<Phrase, number>;
}

export function bm25(matcher: DocumentMatcher, phrases: readonly Phrase[], corpus: CorpusStatistics): number {
  let score = 0;
  const lengthNorm = 1 - B + (B * matcher.doc.length) / (corpus.averageLength || 1);
  for (const phrase of phrases) {
    const n = corpus.documentFrequency.get(phrase) ?? 0;
    let idf = Math.log((corpus.documents - n + 0.5) / (n + 0.5));
    if (idf <= 0) idf = MIN_IDF;
    const hits = matcher.hits(phrase);
    const frequency = COLUMN_WEIGHTS.title * hits.title + COLUMN_WEIGHTS.text * hits.text.length;
    score += (idf * (frequency * (K1 + 1))) / (frequency + K1 * lengthNorm);
  }
  return score;
}
