import { getLayer, type Document } from '../../model/document.js';
import type { EntityType } from '../entities/tags.js';
import type { ActorDictionary, PlaceEntry } from './dictionary.js';
import { wordKey } from './keys.js';
import { POSSESSIVE, TITLE_MODIFIERS } from './rules.js';

/**
 * The article as the `actors` stage reads it: its tokens with lookup keys, the sentence each belongs
 * to, the NER entity (if any) covering each, and the dictionary phrases (places, agents) that start at
 * each token. Everything later works on token indexes.
 */

export interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly key: string;
  readonly capitalized: boolean;
  readonly sentence: number;
}

export interface NerSpan {
  readonly first: number;
  /** One past the last token. */
  readonly end: number;
  readonly type: EntityType;
  readonly confidence: number;
}

export interface Match<V> {
  readonly first: number;
  readonly end: number;
  readonly value: V;
}

/** A country, adjective, capital or place named by one piece of a hyphenated word ("Sino" of "Sino-U.S."). */
export interface PiecePlace {
  readonly start: number;
  readonly end: number;
  readonly token: number;
  readonly entry: PlaceEntry;
}

export interface ArticleWords {
  readonly words: readonly Word[];
  readonly keys: readonly string[];
  readonly ner: readonly NerSpan[];
  /** For each token, the index in `ner` of the entity covering it, or -1. */
  readonly nerAt: readonly number[];
  /** Country names and adjectives, capitals and places starting at each token (capitalized, longest). */
  readonly placeAt: readonly (Match<PlaceEntry> | null)[];
  /** Agent nouns ("lawmakers", "Secretary of State") starting at each token (longest). */
  readonly agentAt: readonly (Match<string> | null)[];
  /** Places named inside hyphenated words. */
  readonly piecePlaces: readonly PiecePlace[];
}

export function tokenIndexAt(words: readonly Word[], offset: number): number {
  let low = 0;
  let high = words.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const word = words[middle]!;
    if (word.end <= offset) low = middle + 1;
    else if (word.start > offset) high = middle - 1;
    else return middle;
  }
  return low;
}

export function readWords(doc: Document, dictionary: ActorDictionary): ArticleWords {
  const tokens = getLayer(doc, 'tokens');
  const words: Word[] = [];
  getLayer(doc, 'sentences').forEach((sentence, s) => {
    for (let i = sentence.data.firstToken; i < sentence.data.firstToken + sentence.data.tokenCount; i++) {
      const token = tokens[i];
      if (!token) continue;
      const text = doc.text.slice(token.start, token.end);
      words.push({ start: token.start, end: token.end, text, key: wordKey(text), capitalized: /^\p{Lu}/u.test(text), sentence: s });
    }
  });
  const keys = words.map((word) => word.key);
  const nerAt = new Array<number>(words.length).fill(-1);
  const ner: NerSpan[] = [];
  for (const entity of getLayer(doc, 'entities')) {
    const first = tokenIndexAt(words, entity.start);
    let end = first;
    while (end < words.length && words[end]!.start < entity.end) end++;
    if (end <= first) continue;
    for (let i = first; i < end; i++) nerAt[i] = ner.length;
    ner.push({ first, end, type: entity.data.type, confidence: entity.data.confidence });
  }
  const sentenceEnd = (i: number): number => {
    let end = i;
    while (end < words.length && words[end]!.sentence === words[i]!.sentence) end++;
    return end;
  };
  const placeAt: (Match<PlaceEntry> | null)[] = [];
  const agentAt: (Match<string> | null)[] = [];
  const piecePlaces: PiecePlace[] = [];
  let limit = 0;
  for (let i = 0; i < words.length; i++) {
    if (i >= limit) limit = sentenceEnd(i);
    const word = words[i]!;
    const place = word.capitalized ? dictionary.places.longestAt(keys, i, limit, (entry) => entry.kind !== 'combining') : null;
    placeAt.push(place ? { first: i, end: i + place.length, value: place.value } : null);
    const agent = dictionary.agents.longestAt(keys, i, limit);
    agentAt.push(agent ? { first: i, end: i + agent.length, value: agent.value } : null);
    if (!place && word.text.includes('-')) piecePlaces.push(...hyphenPieces(word, i, dictionary));
  }
  return { words, keys, ner, nerAt, placeAt, agentAt, piecePlaces };
}

/** "Sino-U.S." → Sino (China), U.S. (United States); "Washington-based" → Washington. */
function hyphenPieces(word: Word, token: number, dictionary: ActorDictionary): PiecePlace[] {
  const pieces: PiecePlace[] = [];
  let offset = 0;
  const parts = word.text.split('-');
  parts.forEach((part, index) => {
    const entry = /^\p{Lu}/u.test(part) ? dictionary.places.get(wordKey(part)) : undefined;
    const allowed = entry && (entry.kind !== 'combining' || index < parts.length - 1) && entry.kind !== 'place';
    if (entry && allowed) pieces.push({ start: word.start + offset, end: word.start + offset + part.length, token, entry });
    offset += part.length + 1;
  });
  return pieces;
}

/** The agent phrase that ends right before token `end` (the longest), or null. */
export function agentEndingAt(article: ArticleWords, end: number): Match<string> | null {
  for (let first = Math.max(0, end - 8); first < end; first++) {
    const agent = article.agentAt[first];
    if (agent && agent.end === end && article.words[first]!.sentence === article.words[end - 1]!.sentence) return agent;
  }
  return null;
}

/** The country (name, adjective or capital) ending right before token `end`, with an optional "'s". */
export function countryBefore(article: ArticleWords, end: number): Match<PlaceEntry> | null {
  const stop = article.words[end - 1]?.key === POSSESSIVE ? end - 1 : end;
  for (let first = Math.max(0, stop - 6); first < stop; first++) {
    const place = article.placeAt[first];
    if (place && place.end === stop && place.value.kind !== 'place') return place;
  }
  return null;
}

/** The first token of a title whose agent phrase starts at `first`: title modifiers ("Vice", "Deputy") go with it. */
export function titleStart(article: ArticleWords, first: number): number {
  let start = first;
  while (start > 0 && TITLE_MODIFIERS.has(article.keys[start - 1]!) && article.words[start - 1]!.sentence === article.words[first]!.sentence) start--;
  return start;
}
