import type { SearchQuery } from '../../src/store/store.js';
import type { LanguageModel } from './search-corpus.js';
import { Random } from './search-corpus.js';
import type { Site } from './search-articles.js';

/**
 * The 100 benchmark queries, the kinds people type into a news archive: single content words (topic
 * words and common ones), two or three words of one topic, quoted collocations, and the same with a
 * date range, a site or a language; a few prefix and OR queries. Deterministic from the seed.
 */

export interface BenchQuery {
  readonly kind: QueryKind;
  readonly query: SearchQuery;
}

export type QueryKind = 'word' | 'words' | 'phrase' | 'word+dates' | 'words+site' | 'word+language' | 'prefix/or';

/** How many queries of each kind: 100 in all. */
export const QUERY_MIX: Readonly<Record<QueryKind, number>> = { word: 30, words: 25, phrase: 15, 'word+dates': 10, 'words+site': 10, 'word+language': 5, 'prefix/or': 5 };

export function benchQueries(model: LanguageModel, sites: readonly Site[], seed: number): BenchQuery[] {
  const r = new Random(seed);
  const topicWord = (topic = r.int(model.topics.length)): string => model.words[model.topics[topic]![r.int(model.topics[topic]!.length)]!]!;
  /** A common content word (ranks 300-3000, four letters or more: "government", "hospital"). */
  const commonWord = (): string => {
    for (;;) {
      const candidate = model.words[300 + r.int(2700)]!;
      if (candidate.length >= 4) return candidate;
    }
  };
  const word = (): string => (r.next() < 0.65 ? topicWord() : commonWord());
  const topicWords = (n: number): string => {
    const topic = r.int(model.topics.length);
    const words = new Set<string>();
    while (words.size < n) words.add(topicWord(topic));
    return [...words].join(' ');
  };
  const dateRange = (): { since: string; until: string } => {
    const year = 2019 + r.int(8);
    if (r.next() < 0.5) return { since: `${year}`, until: `${year}` };
    const month = String(1 + r.int(12)).padStart(2, '0');
    return { since: `${year}-${month}`, until: `${year}-${month}` };
  };
  const makers: Record<QueryKind, () => SearchQuery> = {
    word: () => ({ text: word() }),
    words: () => ({ text: topicWords(2 + r.int(2)) }),
    phrase: () => ({ text: `"${r.pick(model.collocations[r.int(model.collocations.length)]!).join(' ')}"` }),
    'word+dates': () => ({ text: word(), ...dateRange() }),
    // Popular sites get searched more: pick among the 50 largest, whose names are frequency ranks 0-49.
    'words+site': () => ({ text: r.next() < 0.5 ? word() : topicWords(2), site: sites[r.int(50)]!.host.replace(/^(www|news)\./, '') }),
    'word+language': () => ({ text: word(), language: r.pick(['de', 'fr', 'es']) }),
    'prefix/or': () => (r.next() < 0.5 ? { text: `${topicWord().slice(0, 5)}*` } : { text: `${topicWord()} OR ${topicWord()}` }),
  };
  const queries: BenchQuery[] = [];
  for (const [kind, count] of Object.entries(QUERY_MIX) as [QueryKind, number][]) {
    for (let i = 0; i < count; i++) queries.push({ kind, query: makers[kind]() });
  }
  return queries;
}
