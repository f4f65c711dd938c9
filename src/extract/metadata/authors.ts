/**
 * Bylines into clean author names: "By JANE DOE and John Roe, Staff Writers | Updated 3 p.m." becomes
 * ["Jane Doe", "John Roe"]. The words that are not names (prefixes, roles, credentials, update notes,
 * follow buttons) are tables in author-lexicon.ts; the code only splits, strips and checks.
 */
import { BYLINE_LABELS, BYLINE_PREFIXES, CATEGORY_INSIDE, CREDENTIALS, LEGAL_FORMS, ORGANIZATION_WORDS, TEAM_NAME, NAME_SEPARATORS, NON_NAME_WORDS, NOTE_INSIDE, NOTE_STARTS, PHRASE_STARTS, ROLE_NOUNS, ROLE_QUALIFIERS, SENTENCE_WORDS } from './author-lexicon.js';
import { findDatesInText } from './date-patterns.js';
import { DEFAULT_DATE_BOUNDS } from './date-value.js';

/**
 * Marks where two elements of a byline touch without a space ("Luke Kim</a><span>December 17"): text
 * after it that does not start with a separator is a note or a role, not another name.
 */
export const ELEMENT_BOUNDARY = '\u0002';

const escape = (p: string): string => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PREFIX = new RegExp(
  `^(?:(?:${BYLINE_PREFIXES.map(escape).join('|')})(?![\\p{L}])\\s*[:：]?|(?:${BYLINE_LABELS.map(escape).join('|')})\\s*[:：])\\s*`,
  'iu',
);
const EMAIL = /\[email(?:&#160;|\s)protected\]|[\w.+-]+(?:@|\s*[[({]at[\])}]\s*)[\w-]+(?:\.|\s*[[({]dot[\])}]\s*)[\w.-]+/gi;
const URL_TEXT = /\bhttps?:\/\/[^\s()]+/gi;
const HANDLE = /(?<![\p{L}\p{N}])@\w+/gu;
/** A parenthetical that says "with ..." names co-authors: "Martin Untersinger (avec Damien Leloup)". */
const WITH_PARENTHETICAL = /\(\s*(?:with|avec|mit|con|com|z)\s+([^()]*)\)/giu;
const EMPTY_PARENTHETICAL = /\(\s*\)/g;
const STARTS_WITH_SEPARATOR = /^\s*(?:[,;&|/·•、，]|(?:and|und|et|y|e|i|en|og|och|a)\s)/iu;

/** Longest byline read: a dozen names with their roles fit; the cap bounds the patterns' work. */
const MAX_BYLINE_LENGTH = 600;

/** Limits of a plausible name. */
const MAX_NAME_LENGTH = 60;
const MAX_NAME_WORDS = 6;
const MAX_NAMES = 12;
/** Trailing role words are cut only when a name of at least this many words stays ("Everfit Team" stays). */
const MIN_WORDS_LEFT = 2;

const collapse = (s: string): string => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

/** "MD", "PhD, RD", "E-RYT 200": credentials only (numbers allowed after them). */
function isCredential(part: string): boolean {
  const tokens = part.split(/[\s,]+/).map((t) => t.replace(/\./g, '').toLowerCase()).filter((t) => t && !/^\d+$/.test(t));
  return tokens.length > 0 && tokens.every((t) => CREDENTIALS.has(t));
}

/** Credentials at the end of a part: "Grant Tinsley, PhD" → "Grant Tinsley", "Jeffrey A. Slotnick CPP, PSP" → "Jeffrey A. Slotnick". */
function stripCredentials(part: string): string {
  const words = part.split(' ');
  let end = words.length;
  while (end > 1 && isCredential(words[end - 1]!.replace(/,$/, ''))) end--;
  return words.slice(0, end).join(' ').replace(/,\s*$/, '');
}
const wordsOf = (s: string): string[] => s.toLowerCase().split(/[\s-]+/).map((w) => w.replace(/[.,:()]/g, '')).filter(Boolean);

/** Whether `text` is only a byline prefix ("Written by", "Von:", "Autor"), its names elsewhere. */
export function isBylinePrefix(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return false;
  return stripPrefix(trimmed).replace(/[\s:：]+/g, '') === '' || LABELS.has(trimmed.replace(/[\s:：]+$/, '').toLowerCase());
}

const LABELS: ReadonlySet<string> = new Set(BYLINE_LABELS);

/** The first words of every byline prefix and label ("written", "by", "von", "autor", "作者"). */
const FIRST_WORDS: ReadonlySet<string> = new Set([...BYLINE_PREFIXES, ...BYLINE_LABELS].map((p) => p.split(' ')[0]!));
/** Where the scripts written without spaces between words begin (CJK radicals). */
const CJK_START = 0x2e80;
/** Longest first word looked up (the longest prefix word is shorter). */
const MAX_FIRST_WORD = 14;

/**
 * Letters as far as the first-word test needs: ASCII letters and characters outside ASCII, except the
 * Latin-1 signs (no-break space, «, », ·), general punctuation (dashes, bullets, narrow spaces) and
 * ideographic spaces.
 */
const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c > 0xbf && c !== 0xd7 && c !== 0xf7 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c !== 0xfeff);

/**
 * The first word of `text`, lowercased, after leading spaces and separators (a character loop: this
 * runs on every text node of a page).
 */
export function firstWord(text: string): string {
  let i = 0;
  while (i < text.length && !isWordCode(text.charCodeAt(i))) i++;
  let j = i;
  while (j < text.length && j - i <= MAX_FIRST_WORD && isWordCode(text.charCodeAt(j))) j++;
  return text.slice(i, j).toLowerCase();
}

/**
 * Whether `text` may start with a byline prefix or label: its first word begins one. A cheap test
 * that rules out nearly every text node before the prefix patterns run.
 */
export function mayStartByline(text: string): boolean {
  const word = firstWord(text);
  if (FIRST_WORDS.has(word)) return true;
  // Scripts written without spaces ("作者：肖春芳") start with the prefix itself.
  return word.charCodeAt(0) >= CJK_START && (FIRST_WORDS.has(word.slice(0, 2)) || FIRST_WORDS.has(word.slice(0, 1)));
}

function stripPrefix(text: string): string {
  let out = text.replace(/^[\s\-–—:·•|,]+/, '');
  for (let i = 0; i < 3; i++) {
    const next = out.replace(PREFIX, '');
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Everything from the first date on is a timestamp, not a name; a date that opens the byline
 * ("11.12.2019 - Amelie Loevenich"), alone or after a note ("Posted on May 3, 2020 by Jane Doe"), is
 * removed and the names after it are kept.
 */
function cutAtDate(text: string): string {
  const date = findDatesInText(text, { bounds: DEFAULT_DATE_BOUNDS, language: null, anchor: null, limit: 1 })[0];
  if (!date) return text;
  const before = text.slice(0, date.index);
  if (/^[\s\-–—:·•|,]*$/.test(before) || NOTE_STARTS.test(before.trim())) return stripPrefix(text.slice(date.index + date.length).replace(/^[\s\-–—:·•|,]+/, ''));
  return before;
}

/**
 * "Posted in Politics by Jane Doe", "Filed under News — by Jane Doe": a note about the posting, then
 * the byline. ("Updated by" and "Reviewed by" name someone else than the author, and are not read.)
 */
const POSTING_NOTE_THEN_BY = /^\s*(?:posted|published|filed|veröffentlicht|eingestellt|publié|publicado|pubblicato)(?![\p{L}]).{0,80}?\s(?:by|von|par|por|door|da)\s+(?=\S)/iu;

function afterNote(text: string): string {
  const by = POSTING_NOTE_THEN_BY.exec(text);
  return by ? text.slice(by[0].length) : text;
}

/**
 * A part made of role words only ("Staff Writer", "Senior Autos Reporter"), or of two or more role
 * qualifiers left when a role noun was cut off ("Senior Review").
 */
function isRole(part: string): boolean {
  const words = wordsOf(part);
  if (words.length === 0 || !words.every((w) => ROLE_NOUNS.has(w) || ROLE_QUALIFIERS.has(w))) return false;
  // ("News Desk" is a team that signs articles, not a fragment.)
  return words.some((w) => ROLE_NOUNS.has(w)) || (words.filter((w) => !FUNCTION_WORDS.has(w)).length >= 2 && !TEAM_NAME.test(part));
}
/** The qualifiers that are function words ("of", "the"): they do not make a role fragment by themselves. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set(['to', 'the', 'for', 'of', 'and', 'a', 'an', 'in', 'at', 'on']);

/** A part that holds a role noun anywhere ("CEO of CaseBasix", "Shipping Expert"). */
const hasRoleNoun = (part: string): boolean => wordsOf(part).some((w) => ROLE_NOUNS.has(w));

/** "Rachel MacDonald Tech Reporter" → "Rachel MacDonald"; "FOCUS-Online-Experte Robin Tschöpe" → "Robin Tschöpe". */
function cutRoleWords(name: string): string {
  const words = name.split(' ');
  const hasNoun = (w: string): boolean => wordsOf(w).some((p) => ROLE_NOUNS.has(p));
  const isQualifier = (w: string): boolean => wordsOf(w).every((p) => ROLE_QUALIFIERS.has(p));
  let end = words.length;
  // Cut at the first role word after the name when a role noun follows ("Liz Kenny Former McKinsey Consultant").
  const lastNoun = words.findLastIndex(hasNoun);
  // "The Currency editors", "Our Editors": a publication's or team's name, not a person with a title.
  if (lastNoun >= MIN_WORDS_LEFT && !/^(?:the|our|das|die|der|le|la|les|el|los|il)$/i.test(words[0]!)) {
    let cutAt = lastNoun;
    for (let j = MIN_WORDS_LEFT; j < lastNoun; j++) {
      if (isQualifier(words[j]!) || hasNoun(words[j]!)) {
        cutAt = j;
        break;
      }
    }
    end = cutAt;
  }
  // Leading role words only before a capitalized name ("Senior Reporter Jane Doe", not "Contributors to ...").
  let start = 0;
  while (end - start > MIN_WORDS_LEFT && (hasNoun(words[start]!) || (isQualifier(words[start]!) && hasNoun(words[start + 1] ?? ''))) && /^\p{Lu}/u.test(words[start + 1] ?? '')) start++;
  return words.slice(start, end).join(' ');
}

function titleCaseShouting(name: string): string {
  const words = name.split(' ');
  const letters = name.replace(/[^\p{L}]/gu, '');
  if (words.length < 2 || letters.length < 4 || letters !== letters.toUpperCase() || letters === letters.toLowerCase()) return name;
  return words.map((w) => (w.length > 1 ? w.charAt(0) + w.slice(1).toLowerCase() : w)).join(' ');
}

/** A cleaned candidate is a name when it is short, has letters, and is not a note or a role. */
function looksLikeName(name: string): boolean {
  if (!name || name.length > MAX_NAME_LENGTH || !/\p{L}/u.test(name) || /^\p{L}$/u.test(name)) return false;
  if (name.split(' ').length > MAX_NAME_WORDS) return false;
  if (/\d{3,}|\d[:.]\d\d|[<>{}=!?©„“”"«»#[\]]|:\/\/|\d\+/.test(name) || DAY_AND_WORD.test(name)) return false;
  const words = wordsOf(name);
  if (words.some((w) => NON_NAME_WORDS.has(w))) return false;
  // "Co. KG", "GmbH", "Inc.": the legal form of a company, split off its name.
  if (words.every((w) => LEGAL_FORMS.has(w))) return false;
  return !NOTE_STARTS.test(name) && !LABELS.has(name.toLowerCase()) && !isRole(name) && !hasSentenceWords(name);
}

/** A word and a day number, nothing else: a date fragment ("Jun 2", "2 Mai"), not a name. */
const DAY_AND_WORD = /^(?:\p{L}+\.?\s+\d{1,2}|\d{1,2}\.?\s+\p{L}+)$/u;

/** Most lowercase words a user name has ("crazy lennys"); more is a phrase. */
const MAX_LOWERCASE_WORDS = 2;

/**
 * Prose, not a name: a sentence word ("is", "we"), a phrase tail ("of Intellectual Ventures"), or a
 * run of lowercase words longer than a user name.
 */
function hasSentenceWords(name: string): boolean {
  const words = name.split(' ');
  if (words.some((w) => SENTENCE_WORDS.has(w))) return true;
  if (words.length > 1 && PHRASE_STARTS.has(words[0]!)) return true;
  return words.length > MAX_LOWERCASE_WORDS && words.every((w) => !/\p{Lu}/u.test(w)) && /\p{Ll}/u.test(name);
}

/**
 * A one-word label before a name ("Redaktion: Jane Doe", "Reporter: Jane Doe"); credits of images are
 * not labels of the author ("Foto: Jane Doe" names the photographer).
 */
const WORD_LABEL = /^([\p{L}]+)\s*[:：]\s+(?=\S+\s+\S)/u;
const CREDIT_LABELS: ReadonlySet<string> = new Set(['foto', 'fotos', 'photo', 'photos', 'bild', 'bilder', 'image', 'images', 'quelle', 'source', 'grafik', 'illustration', 'video', 'credit', 'credits']);

function withoutWordLabel(text: string): string {
  const m = WORD_LABEL.exec(text);
  return m && !CREDIT_LABELS.has(m[1]!.toLowerCase()) ? text.slice(m[0].length) : text;
}

/** A word left at the end when the date or category after it sat in another element ("David at", "Jane Doe on"). */
const TRAILING_LINK_WORD = /\s+(?:at|on|in|am|um|le|el|il)$/i;

function cleanPart(part: string): string {
  let name = withoutWordLabel(collapse(stripPrefix(collapse(part))));
  name = name.replace(NOTE_INSIDE, '').replace(CATEGORY_INSIDE, '');
  name = stripCredentials(name.replace(/\(\s*$/, '').replace(/^[\s\-–—:·•|,.»›]+|[\s\-–—:·•|,»›(]+$/g, ''));
  return titleCaseShouting(cutRoleWords(name).replace(TRAILING_LINK_WORD, '').replace(/[\s,;:]+$/, ''));
}

/** "Doe, Jane" (a surname, then given names) is one name written the citation way, not two. */
function isCitationName(parts: readonly string[]): boolean {
  if (parts.length !== 2) return false;
  const [last, first] = parts.map((p) => p.trim().split(/\s+/)) as [string[], string[]];
  return last.length === 1 && first.length >= 1 && first.length <= 3 && !isCredential(parts[1]!.trim()) && !isRole(parts[1]!);
}

/** A spaced dash between a name and its role or publication ("Jane Doe - Staff Editor", "Site – Jane Doe"). */
const SPACED_DASH = /\s+[-–—]\s+/;

/**
 * What follows a single name's comma when it is the name's affiliation, not a second name: "Jane Doe,
 * The Daily Example", "Jane Doe, Example Media".
 */
function withoutAffiliation(parts: readonly string[]): readonly string[] {
  if (parts.length < 2 || parts[0]!.trim().split(/\s+/).length < 2) return parts;
  const rest = parts.slice(1);
  const affiliation = rest.every((p) => ARTICLE_START.test(p.trim()) || wordsOf(p).some((w) => ORGANIZATION_WORDS.has(w)) || hasRoleNoun(p) || TEAM_NAME.test(p));
  return affiliation ? parts.slice(0, 1) : parts;
}
const ARTICLE_START = /^(?:the|der|die|das|le|la|les|el|los|il)\s/i;

/** "Jane Doe/dpa", "Jane Doe/SP-X": a name, then the agency it wrote for. */
const NAME_SLASH_AGENCY = /^([^/]*\S\s+\S[^/]*)\/\S+$/u;

function namesInPiece(piece: string, splitCommas: boolean, out: string[]): void {
  const agency = piece.includes('/') ? NAME_SLASH_AGENCY.exec(piece.trim()) : null;
  if (agency) piece = agency[1]!;
  const dashParts = piece.split(SPACED_DASH);
  const commaParts = dashParts.length > 1 ? dashParts : withoutAffiliation(piece.split(/\s*,\s*/).filter((p) => p.trim() !== ''));
  const split = dashParts.length > 1 || splitCommas;
  const parts = !split || (dashParts.length === 1 && isCitationName(commaParts)) ? [commaParts.join(', ')] : commaParts;
  parts.forEach((part, i) => {
    const trimmed = part.trim();
    // A lone first part is a name even if it reads like a credential ("LD" may be initials).
    if ((i > 0 && isCredential(trimmed)) || NOTE_STARTS.test(trimmed)) return;
    // After a comma or dash, a role ("CEO of CaseBasix"), a team or a lone word (a place, an agency) is not a second author.
    if (i > 0 && split && (hasRoleNoun(trimmed) || TEAM_NAME.test(trimmed))) return;
    const name = cleanPart(trimmed);
    if (i > 0 && split && name.split(' ').length < 2) return;
    if (looksLikeName(name)) out.push(name);
  });
}

/**
 * The author names in one byline or metadata value, cleaned and split; [] when nothing in it is a
 * name. `splitCommas` is false for values that hold exactly one name (a JSON-LD Person's name).
 */
export function cleanAuthors(raw: string | null | undefined, splitCommas = true): string[] {
  if (!raw) return [];
  let text = raw.slice(0, MAX_BYLINE_LENGTH).replace(EMAIL, ' ').replace(URL_TEXT, ' ').replace(HANDLE, ' ');
  const coAuthors: string[] = [];
  text = text.replace(WITH_PARENTHETICAL, (_, inner: string) => {
    coAuthors.push(inner);
    return ' ';
  });
  text = text.replace(EMPTY_PARENTHETICAL, ' ');
  const names: string[] = [];
  const segments = text.split(ELEMENT_BOUNDARY);
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    if (names.length > 0 && !STARTS_WITH_SEPARATOR.test(segment)) break;
    if (LABELS.has(segment.trim().replace(/[\s:：]+$/, '').toLowerCase())) continue;
    const clean = cutAtDate(stripPrefix(afterNote(collapse(segment))));
    const before = names.length;
    for (const piece of clean.split(NAME_SEPARATORS)) namesInPiece(piece, splitCommas, names);
    // A date ends the byline: what follows it is not more names.
    if (clean.length < collapse(segment).length && names.length > before) break;
  }
  for (const chunk of coAuthors) for (const piece of collapse(chunk).split(NAME_SEPARATORS)) namesInPiece(piece, splitCommas, names);
  return dedupe(names).slice(0, MAX_NAMES);
}

export function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of names) {
    const key = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
