import { getLayer, type Document } from '../../model/document.js';
import type { MentionData } from '../actors/mention.js';
import '../actors/mention.js';
import '../entities/entities.js';
import '../sentences/sentences.js';
import type { PlaceForm } from './place.js';
import { placeKey } from './keys.js';
import { STREET_WORDS, DIRECTION_WORDS, FOUND_CONFIDENCE, HYPHEN_SUFFIXES, INNER_PLACE_WORDS, MAX_NAME_LENGTH, PARTY_PREFIX } from './rules.js';

/**
 * Finding the names of places in an article, before they are resolved (resolve.ts):
 * - the NER model's locations (LOC), a list written as one ("Alexandria, La.") cut at its commas, and
 *   "South Philadelphia" read as Philadelphia when the gazetteer has no South Philadelphia;
 * - places inside other names: "Tarrant County Public Health", "Paris City Hall", "the City of
 *   Edwardsville", "Doctors Hospital of Springfield" (the longest known name at the start, or after
 *   "of"/"at"), and names of organizations that are place names alone ("ROSWELL —");
 * - the countries, capitals and places the actors stage found, demonyms included ("Turkish", "Sino-" of
 *   "Sino-U.S."), each with the country code the actors stage gave it;
 * - hyphenated forms: "Chicago-based", "New York-born", "Gainesville-area", and a legislator's party and
 *   home town ("R-Charleston", "DFL-Minneapolis");
 * - division abbreviations after a place ("Alexandria, La.", "Charleston, W.Va.").
 */

export interface Toponym {
  readonly start: number;
  readonly end: number;
  /** The lookup key of the name (keys.ts). */
  readonly key: string;
  readonly form: PlaceForm;
  /** The gazetteer code the words are known to stand for: a demonym's country (ISO/CAMEO alpha-3), an abbreviation's division (US.LA). */
  readonly fixed: string | null;
  /** How sure the finder is that these words name a place. */
  readonly confidence: number;
  /** Where the finder found it: an NER location, inside another name or as one, the actors stage, a hyphenated form, an abbreviation. */
  readonly found: FoundBy;
  /** Index of the sentence the name is in. */
  readonly sentence: number;
  /** What the actors stage's dictionary knows of the name: a name, the capital or another place of a country (ISO/CAMEO alpha-3). */
  readonly hint?: { readonly country: string; readonly kind: 'name' | 'capital' | 'place' };
}

export type FoundBy = 'location' | 'inner' | 'other' | 'actors' | 'hyphen' | 'abbreviation';

/** What the gazetteer says of a name key. */
export type NameInfo = (key: string) => { readonly known: boolean; readonly common: boolean };

interface Words {
  readonly start: number;
  readonly end: number;
}

const POSSESSIVE = /['’]s$/u;

/** The words of a stretch of text, with their offsets. */
function wordsOf(text: string, start: number, end: number): Words[] {
  const words: Words[] = [];
  for (const match of text.slice(start, end).matchAll(/\S+/g)) words.push({ start: start + match.index, end: start + match.index + match[0].length });
  return words;
}

/** Cuts a name at its commas ("Alexandria, La." → "Alexandria", "La."), trims "the" and a possessive. */
function namePieces(text: string, start: number, end: number): Words[] {
  const pieces: Words[] = [];
  let from = start;
  for (const part of text.slice(start, end).split(',')) {
    let a = from;
    let b = from + part.length;
    from = b + 1;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (/^the\s/i.test(text.slice(a, b))) a += 4;
    const possessive = POSSESSIVE.exec(text.slice(a, b));
    if (possessive) b -= possessive[0].length;
    if (b > a && /\p{L}/u.test(text.slice(a, b))) pieces.push({ start: a, end: b });
  }
  return pieces;
}

function sentenceIndex(sentences: readonly Words[], offset: number): number {
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

function isPlaceMention(data: MentionData): boolean {
  return (data.type === 'country' || data.type === 'location') && data.kind !== 'pronoun' && data.kind !== 'title';
}

class Finder {
  readonly found = new Map<string, Toponym>();
  /** 1 for each character of the text inside a found name: whether a span overlaps one costs its length. */
  private covered: Uint8Array;

  constructor(
    private readonly doc: Document,
    private readonly names: NameInfo,
    private readonly sentences: readonly Words[] = getLayer(doc, 'sentences'),
  ) {
    this.covered = new Uint8Array(doc.text.length);
  }

  key(start: number, end: number): string {
    return placeKey(this.doc.text.slice(start, end));
  }

  /**
   * A capitalized name the gazetteer knows. `strict` (a name found without the NER saying it is a
   * location): not common words, not an acronym of up to four letters, at least three letters (periods
   * do not count: "St." or "Ft." is an abbreviation, not the country code ST).
   */
  known(start: number, end: number, strict = true): boolean {
    const words = this.doc.text.slice(start, end);
    if (end <= start || !/^\p{Lu}/u.test(words)) return false;
    const info = this.names(this.key(start, end));
    if (!info.known) return false;
    return !strict || (!info.common && words.replace(/[^\p{L}]/gu, '').length >= 3 && !/^[\p{Lu}.]{1,5}$/u.test(words));
  }

  isCovered(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.covered[i]) return true;
    return false;
  }

  /** Forgets a found name (an abbreviation found over it). */
  remove(toponym: Toponym): void {
    this.found.delete(`${toponym.start}:${toponym.end}`);
    this.covered.fill(0, toponym.start, toponym.end);
  }

  add(start: number, end: number, found: FoundBy, form: PlaceForm, fixed: string | null, confidence: number): void {
    if (end - start > MAX_NAME_LENGTH) return;
    const key = this.key(start, end);
    if (!key || this.found.has(`${start}:${end}`)) return;
    this.found.set(`${start}:${end}`, { start, end, key, form, fixed, confidence, found, sentence: sentenceIndex(this.sentences, start) });
    this.covered.fill(1, start, end);
  }

  /**
   * The places a name holds: itself when the gazetteer knows it; else itself without leading direction
   * words ("South Philadelphia"); else the longest known name at its start ("Paris City Hall") and the
   * known name after "of" or "at" ("City of Edwardsville"). A location the gazetteer does not know is
   * still kept whole (`keepUnknown`), for the resolver to drop.
   */
  addInner(piece: Words, confidence: number, innerConfidence: number, location: boolean): void {
    const words = wordsOf(this.doc.text, piece.start, piece.end);
    if (words.length === 0) return;
    const whole: FoundBy = location ? 'location' : 'other';
    if (this.known(piece.start, piece.end, !location)) return this.add(piece.start, piece.end, whole, 'name', null, confidence);
    let first = 0;
    while (first < words.length - 1 && DIRECTION_WORDS.has(this.key(words[first]!.start, words[first]!.end))) first++;
    if (first > 0 && this.known(words[first]!.start, piece.end, !location)) return this.add(words[first]!.start, piece.end, whole, 'name', null, confidence);
    let added = false;
    // "Dublin Road", "Orchard St.": a street is not in the place it is named after.
    if (STREET_WORDS.has(this.key(words.at(-1)!.start, words.at(-1)!.end))) return;
    for (let last = words.length - 2; last >= first; last--) {
      if (this.known(words[first]!.start, words[last]!.end)) {
        this.add(words[first]!.start, words[last]!.end, 'inner', 'name', null, innerConfidence);
        added = true;
        break;
      }
    }
    for (let i = first + 1; i < words.length - 1; i++) {
      if (!INNER_PLACE_WORDS.has(this.key(words[i]!.start, words[i]!.end))) continue;
      for (let last = words.length - 1; last > i; last--) {
        const stop = words[last]!.end - (POSSESSIVE.exec(this.doc.text.slice(words[last]!.start, words[last]!.end))?.[0].length ?? 0);
        if (this.known(words[i + 1]!.start, stop)) {
          this.add(words[i + 1]!.start, stop, 'inner', 'name', null, innerConfidence);
          added = true;
          break;
        }
      }
    }
    if (!added && location) this.add(piece.start, piece.end, 'location', 'name', null, confidence);
  }
}

/**
 * The toponyms of a document, sorted by start. `isName` says whether a key is a name the gazetteer knows;
 * `abbreviations` maps division abbreviations as written ("La.") to their division codes.
 */
export function findToponyms(doc: Document, names: NameInfo, abbreviations: ReadonlyMap<string, string> = new Map()): Toponym[] {
  const { text } = doc;
  const finder = new Finder(doc, names);
  for (const entity of getLayer(doc, 'entities')) {
    const { type, confidence } = entity.data;
    if (type === 'PER') continue;
    const location = type === 'LOC';
    for (const piece of namePieces(text, entity.start, entity.end)) {
      finder.addInner(piece, confidence * (location ? 1 : FOUND_CONFIDENCE.otherName), confidence * FOUND_CONFIDENCE.inner, location);
    }
  }
  for (const mention of getLayer(doc, 'mentions')) {
    const { data } = mention;
    if (!isPlaceMention(data) || finder.isCovered(mention.start, mention.end)) continue;
    const demonym = data.kind === 'demonym';
    const country = data.type === 'country' && data.code ? data.code.slice(0, 3) : null;
    if (demonym && !country) continue;
    if (demonym) finder.add(mention.start, mention.end, 'actors', 'demonym', country, data.confidence);
    else for (const piece of namePieces(text, mention.start, mention.end)) finder.add(piece.start, piece.end, 'actors', 'name', null, data.confidence);
  }
  const tokens = getLayer(doc, 'tokens');
  tokens.forEach((token, index) => {
    const word = text.slice(token.start, token.end);
    if (!word.includes('-')) return;
    const party = PARTY_PREFIX.exec(word);
    if (party && finder.known(token.start + party[0].length, token.end) && !finder.isCovered(token.start + party[0].length, token.end)) {
      finder.add(token.start + party[0].length, token.end, 'hyphen', 'name', null, FOUND_CONFIDENCE.hyphen);
      return;
    }
    const hyphen = word.lastIndexOf('-');
    if (!HYPHEN_SUFFIXES.has(word.slice(hyphen + 1).toLowerCase()) || !/^\p{Lu}/u.test(word)) return;
    const end = token.start + hyphen;
    let start = token.start;
    // "New York-based", "Rio de Janeiro-based": the longest name the gazetteer knows, up to three words back.
    for (let back = index - 1; back >= Math.max(0, index - 3); back--) {
      const before = tokens[back]!;
      if (!/^\p{L}/u.test(text.slice(before.start, before.end)) || /\S/.test(text.slice(before.end, tokens[back + 1]!.start))) break;
      if (finder.known(before.start, end)) start = before.start;
    }
    if (!finder.isCovered(start, end) && finder.known(start, end)) finder.add(start, end, 'hyphen', 'based', null, FOUND_CONFIDENCE.hyphen);
  });
  if (abbreviations.size > 0) findAbbreviations(text, abbreviations, finder);
  findRepeats(doc, finder);
  return [...finder.found.values()].sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * One reading per article for finding too: a name found as a place somewhere in the article is a place
 * wherever else it is written the same way, capitalized, outside a longer name ("Sioux Falls" tagged as a
 * person once, "Decatur" missed at the start of a headline).
 */
function findRepeats(doc: Document, finder: Finder): void {
  const { text } = doc;
  const known = new Map<string, number>();
  for (const t of finder.found.values()) if (t.form === 'name' && t.found !== 'inner' && t.found !== 'other' && t.found !== 'abbreviation') known.set(text.slice(t.start, t.end), Math.max(known.get(text.slice(t.start, t.end)) ?? 0, t.confidence));
  if (known.size === 0) return;
  const entities = getLayer(doc, 'entities');
  for (const [name, confidence] of known) {
    if (name.length < 3) continue;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const end = at + name.length;
      if (/[\p{L}\p{N}]/u.test(text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(text[end] ?? '') || finder.isCovered(at, end)) continue;
      // Inside a longer name the NER found ("Sioux Falls Arena"), it is that name's business.
      if (entities.some((e) => e.start <= at && end <= e.end && (e.start < at || end < e.end))) continue;
      finder.add(at, end, 'location', 'name', null, confidence * FOUND_CONFIDENCE.repeat);
    }
  }
}

/** "Alexandria, La.", "(W.Va.)": an abbreviation after a comma or an opening bracket. */
function findAbbreviations(text: string, abbreviations: ReadonlyMap<string, string>, finder: Finder): void {
  for (const match of text.matchAll(/(?<=[,(]\s?)[A-Z][A-Za-z]{0,4}\.(?:\s?[A-Z][a-z]{0,3}\.){0,2}/g)) {
    let form = match[0];
    // The longest form that is an abbreviation ("W. Va." before "W.").
    while (form && !abbreviations.has(form)) {
      const cut = form.lastIndexOf('.', form.length - 2);
      form = cut > 0 ? form.slice(0, cut + 1) : '';
    }
    if (!form) continue;
    const start = match.index;
    const end = start + form.length;
    if (/^\p{L}/u.test(text.slice(end, end + 1))) continue;
    if (finder.isCovered(start, end)) for (const t of [...finder.found.values()]) if (t.start < end && start < t.end) finder.remove(t);
    finder.add(start, end, 'abbreviation', 'name', abbreviations.get(form)!, FOUND_CONFIDENCE.abbreviation);
  }
}
