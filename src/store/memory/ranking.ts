import type { QueryNode } from '../query/parse.js';
import type { DocumentMatcher, Phrase } from '../query/match.js';

export { DocumentMatcher, indexText, type IndexedText, type PhraseHits } from '../query/match.js';

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
