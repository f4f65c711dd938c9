import type { Annotation } from '../../model/span.js';
import type { MentionData } from '../actors/mention.js';
import type { ActorSlot } from './coder.js';
import { PAIR_JOINERS, PLURAL_REFERENCES } from './rules.js';

/**
 * Plural references to two parties: "the two sides discussed ...", "both countries agreed ...". Such a
 * phrase stands for the two actors of a compound just before it in its sentence ("talks on U.S.-China
 * cyber security went well, with both sides ..."), else for the two distinct countries named in the
 * sentences before it ("U.S. officials ... Chinese state media ... the two sides"). When the sentences
 * before it name more than two countries the reference is ambiguous and is left alone.
 */

export interface ReferenceContext {
  /** The sentence's words as written, and the character offsets of its tokens. */
  readonly words: readonly string[];
  readonly tokens: readonly { readonly start: number; readonly end: number }[];
  /** Mentions inside the sentence, in text order. */
  readonly mentions: readonly Annotation<MentionData>[];
  /** Mentions of the sentences before (nearest last), one array per sentence, in text order within each. */
  readonly earlier: readonly (readonly Annotation<MentionData>[])[];
  /** Country parts of actor codes (USA, CHN) that name countries in this document. */
  readonly countryKeys: ReadonlySet<string>;
  /** The document text (to read what joins two mentions). */
  readonly text: string;
}

/** The country part of a mention's code when it names a country or one of its bodies (USAGOV → USA), else null. */
export function countryKey(mention: Annotation<MentionData>, countryKeys: ReadonlySet<string>): string | null {
  const code = mention.data.code;
  if (!code || code.length < 3) return null;
  const key = code.slice(0, 3);
  return countryKeys.has(key) ? key : null;
}

/** Country keys of a document: the code's country part of every mention of a country. */
export function documentCountryKeys(mentions: readonly Annotation<MentionData>[]): Set<string> {
  const keys = new Set<string>();
  for (const m of mentions) if (m.data.type === 'country' && m.data.code && m.data.code.length >= 3) keys.add(m.data.code.slice(0, 3));
  return keys;
}

/** Token ranges [first, last] of the plural-reference phrases of a sentence. */
function findPhrases(words: readonly string[]): { first: number; last: number }[] {
  const lower = words.map((w) => w.toLowerCase());
  const found: { first: number; last: number }[] = [];
  for (let i = 0; i < lower.length; i++) {
    const phrase = PLURAL_REFERENCES.find((p) => p.every((w, k) => lower[i + k] === w));
    if (phrase) {
      found.push({ first: i, last: i + phrase.length - 1 });
      i += phrase.length - 1;
    }
  }
  return found;
}

/** The last two country mentions before `before` in the sentence, when a joiner links them ("U.S.-China"). */
function compoundBefore(context: ReferenceContext, before: number): Annotation<MentionData>[] | null {
  const countries = context.mentions.filter((m) => m.end <= before && countryKey(m, context.countryKeys));
  const [a, b] = countries.slice(-2);
  if (!a || !b || countryKey(a, context.countryKeys) === countryKey(b, context.countryKeys)) return null;
  const between = context.text.slice(a.end, b.start).toLowerCase().split(/\s+|(?=[,\-–/&])|(?<=[,\-–/&])/).filter(Boolean);
  return between.every((w) => PAIR_JOINERS.has(w)) ? [a, b] : null;
}

/** The two distinct countries of the mentions before the phrase (its sentence first, then earlier ones), nearest first. */
function countriesBefore(context: ReferenceContext, before: number): Annotation<MentionData>[] | null {
  const nearest = new Map<string, Annotation<MentionData>>();
  const scopes = [context.mentions.filter((m) => m.end <= before), ...[...context.earlier].reverse()];
  for (const scope of scopes) {
    for (const mention of [...scope].reverse()) {
      const key = countryKey(mention, context.countryKeys);
      if (key && !nearest.has(key)) nearest.set(key, mention);
    }
    if (nearest.size >= 2) break;
  }
  return nearest.size === 2 ? [...nearest.values()] : null;
}

/**
 * Actor slots for the plural references of a sentence: each slot spans the phrase and lists, as its
 * members, the two actors it stands for (as mentions spanning the phrase, with the antecedents' data).
 * Phrases overlapping an existing slot, or whose antecedents cannot be told, give no slot.
 */
export function pluralReferenceSlots(context: ReferenceContext, existing: readonly ActorSlot[]): ActorSlot[] {
  const slots: ActorSlot[] = [];
  for (const { first, last } of findPhrases(context.words)) {
    if (existing.some((s) => s.first <= last && first <= s.last)) continue;
    const start = context.tokens[first]!.start;
    const end = context.tokens[last]!.end;
    const antecedents = compoundBefore(context, start) ?? countriesBefore(context, start);
    if (!antecedents) continue;
    const members = antecedents.map((a) => ({ start, end, data: a.data }));
    slots.push({ first, last, mention: members[0]!, members });
  }
  return slots;
}
