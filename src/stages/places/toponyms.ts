import { getLayer, type Document } from '../../model/document.js';
import type { MentionData } from '../actors/mention.js';
import '../actors/mention.js';
import '../entities/entities.js';
import '../sentences/sentences.js';
import type { PlaceForm } from './place.js';
import { placeKey } from './keys.js';
import { MAX_NAME_LENGTH } from './rules.js';

/**
 * Finding the names of places in an article, before they are resolved (resolve.ts):
 * - the NER model's locations (LOC), a list written as one ("Alexandria, La.") cut at its commas;
 * - the countries, capitals and places the actors stage found, demonyms included ("Turkish",
 *   "Sino-" of "Sino-U.S."), each with the country code the actors stage gave it;
 * - "-based" forms ("Chicago-based", "New York-based"): the place before "-based".
 */

export interface Toponym {
  readonly start: number;
  readonly end: number;
  /** The lookup key of the name (keys.ts). */
  readonly key: string;
  readonly form: PlaceForm;
  /** A country the name is known to stand for (a demonym's, from the actors stage), as a CAMEO/ISO alpha-3 code. */
  readonly country: string | null;
  /** How sure the finder is that these words name a place (the NER confidence, or the actors stage's). */
  readonly confidence: number;
  /** Index of the sentence the name is in. */
  readonly sentence: number;
}

const BASED = /^(.*\p{L})[-‐‑](?:based|born|bred|headquartered)$/iu;
const POSSESSIVE = /['’]s$/u;
/** How sure a "-based" form names a place when the gazetteer knows the words before "-based". */
const BASED_CONFIDENCE = 0.9;

/** Cuts a name at its commas ("Alexandria, La." → "Alexandria", "La."), trims "the" and a possessive. */
function namePieces(text: string, start: number): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    let from = offset;
    let to = offset + part.length;
    offset = to + 1;
    while (from < to && /\s/.test(text[from]!)) from++;
    while (to > from && /\s/.test(text[to - 1]!)) to--;
    if (/^the\s/i.test(text.slice(from, to))) from += 4;
    const possessive = POSSESSIVE.exec(text.slice(from, to));
    if (possessive) to -= possessive[0].length;
    if (to > from && /\p{L}/u.test(text.slice(from, to))) pieces.push({ start: start + from, end: start + to });
  }
  return pieces;
}

function sentenceIndex(sentences: readonly { start: number; end: number }[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const s = sentences[middle]!;
    if (s.end <= offset) low = middle + 1;
    else if (s.start > offset) high = middle - 1;
    else return middle;
  }
  return Math.max(0, Math.min(sentences.length - 1, low));
}

function isCountryMention(data: MentionData): boolean {
  return (data.type === 'country' || data.type === 'location') && data.kind !== 'pronoun' && data.kind !== 'title';
}

/**
 * The toponyms of a document, sorted by start. `isName` says whether a key is a name the gazetteer
 * knows: it lets "New York-based" take the word before "York-based".
 */
export function findToponyms(doc: Document, isName: (key: string) => boolean): Toponym[] {
  const { text } = doc;
  const sentences = getLayer(doc, 'sentences');
  const found = new Map<string, Toponym>();
  const covered: { start: number; end: number }[] = [];
  const add = (start: number, end: number, form: PlaceForm, country: string | null, confidence: number): void => {
    const name = text.slice(start, end);
    if (name.length > MAX_NAME_LENGTH) return;
    const key = placeKey(name);
    if (!key || found.has(`${start}:${end}`)) return;
    found.set(`${start}:${end}`, { start, end, key, form, country, confidence, sentence: sentenceIndex(sentences, start) });
    covered.push({ start, end });
  };
  const isCovered = (start: number, end: number): boolean => covered.some((c) => c.start < end && start < c.end);

  for (const entity of getLayer(doc, 'entities')) {
    if (entity.data.type !== 'LOC') continue;
    for (const piece of namePieces(text.slice(entity.start, entity.end), entity.start)) add(piece.start, piece.end, 'name', null, entity.data.confidence);
  }
  for (const mention of getLayer(doc, 'mentions')) {
    const { data } = mention;
    if (!isCountryMention(data) || isCovered(mention.start, mention.end)) continue;
    const demonym = data.kind === 'demonym';
    const country = data.type === 'country' && data.code ? data.code.slice(0, 3) : null;
    if (demonym && !country) continue;
    for (const piece of demonym ? [mention] : namePieces(text.slice(mention.start, mention.end), mention.start)) add(piece.start, piece.end, demonym ? 'demonym' : 'name', demonym ? country : null, data.confidence);
  }
  const tokens = getLayer(doc, 'tokens');
  tokens.forEach((token, index) => {
    const match = BASED.exec(text.slice(token.start, token.end));
    if (!match || !/^\p{Lu}/u.test(match[1]!)) return;
    const end = token.start + match[1]!.length;
    let start = token.start;
    // "New York-based", "Rio de Janeiro-based": the longest name the gazetteer knows, up to three words back.
    for (let back = index - 1; back >= Math.max(0, index - 3); back--) {
      const before = tokens[back]!;
      if (!/^\p{L}/u.test(text.slice(before.start, before.end)) || /\S/.test(text.slice(before.end, tokens[back + 1]!.start))) break;
      if (isName(placeKey(text.slice(before.start, end)))) start = before.start;
    }
    if (!isCovered(start, end)) add(start, end, 'based', null, BASED_CONFIDENCE);
  });
  return [...found.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}
