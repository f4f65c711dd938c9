import type { QueryNode } from './parse.js';
import { positivePhrases } from './parse.js';
import { tokenize, type TextToken } from './tokens.js';
import { windowSnippet, type Snippet } from '../snippet.js';

/**
 * Matching a parsed query against one article's tokens, the way the search indexes do (phrases as
 * consecutive tokens, the last one a prefix with `*`), and the snippet of its body with the matches
 * marked. The in-memory adapter matches and ranks with it; the SQLite and PostgreSQL adapters find and
 * rank in the database, then cut the snippets of the page of hits shown with it, so every adapter shows
 * the same passage with the same highlights.
 */

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

export type Phrase = { readonly tokens: readonly string[]; readonly prefix: boolean };

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


/** The snippet of an article's body for a query: what the database adapters show for each hit. */
export function snippetFor(title: string | null, text: string, query: QueryNode): Snippet {
  return new DocumentMatcher(indexText(title, text)).snippet(text, query);
}
