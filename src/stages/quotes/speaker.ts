/**
 * From a speaker phrase to the speaker: the mention it is (a name, a title, a pronoun), and the entity
 * that mention resolves to. A pronoun or a bare title the `mentions` layer leaves unresolved goes to the
 * fitting person named most recently before it (the subject of the nearest sentence that names one).
 */
import type { Annotation, Span } from '../../model/span.js';
import type { ActorType, MentionData } from '../actors/mention.js';
import type { TokenRange } from './cues.js';
import type { QuoteSpeaker } from './quote.js';
import { GROUP_PRONOUNS, PERSON_PRONOUNS } from './rules.js';
import { paragraphAt, type QuoteText } from './words.js';

/** How far back (in paragraphs) a pronoun or title looks for the person it stands for. */
const ANTECEDENT_PARAGRAPHS = 3;

export interface Speakers {
  resolve(range: TokenRange): QuoteSpeaker;
}

const overlapsSpan = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/**
 * Lookups by position are binary searches over the mentions in text order, never scans of the whole
 * text: a speaker is resolved for every cue, and scanning every mention each time made a long article
 * (a live blog of thousands of quotes) quadratic.
 */
export function speakerResolver(qt: QuoteText, mentions: readonly Annotation<MentionData>[]): Speakers {
  const ordered = [...mentions].sort((a, b) => a.start - b.start || a.end - b.end);
  const longest = ordered.reduce((max, m) => Math.max(max, m.end - m.start), 0);
  const runs = [...qt.runs].sort((a, b) => a.span.start - b.span.start);
  // The furthest end of the runs starting at or before each one: a mention is inside some run exactly when
  // a run starting at or before it reaches past its end.
  const reach: number[] = [];
  for (const [i, run] of runs.entries()) reach.push(Math.max(run.span.end, reach[i - 1] ?? -1));
  const insideRun = (m: Annotation<MentionData>): boolean => {
    const r = lastAtOrBefore(runs, m.start, (run) => run.span.start);
    return r >= 0 && m.end <= reach[r]!;
  };
  const outsideQuotes = ordered.filter((m) => !insideRun(m));

  /** The paragraph a character offset is in. */
  const paragraphOf = (offset: number): number => Math.min(paragraphAt(qt, offset), qt.paragraphs.length - 1);

  /** The first fitting mention of the nearest sentence before `offset` that has one (its subject, usually). */
  const antecedent = (offset: number, types: readonly ActorType[], role: string | null): Annotation<MentionData> | null => {
    const floor = qt.paragraphs[Math.max(0, paragraphOf(offset) - ANTECEDENT_PARAGRAPHS)]?.start ?? 0;
    const fits = (m: Annotation<MentionData>): boolean =>
      m.end <= offset && m.start >= floor && m.data.kind !== 'pronoun' && types.includes(m.data.type) && (role === null || (m.data.role ?? '').toLowerCase().includes(role));
    let best: Annotation<MentionData> | null = null;
    for (let i = lastAtOrBefore(outsideQuotes, floor - 1, (m) => m.start) + 1; i < outsideQuotes.length; i++) {
      const m = outsideQuotes[i]!;
      if (m.end > offset) break;
      if (!fits(m)) continue;
      if (best === null || sentenceOf(qt, m.start) !== sentenceOf(qt, best.start)) best = m;
    }
    return best;
  };

  const fromMention = (m: Annotation<MentionData>, phrase: Span): QuoteSpeaker => ({
    start: phrase.start,
    end: phrase.end,
    text: qt.text.slice(phrase.start, phrase.end),
    name: m.data.name,
    code: m.data.code,
    entity: m.data.entity,
  });

  const unresolved = (phrase: Span): QuoteSpeaker => {
    const text = qt.text.slice(phrase.start, phrase.end);
    return { start: phrase.start, end: phrase.end, text, name: text, code: null, entity: null };
  };

  return {
    resolve(range) {
      const first = qt.words[range.first]!;
      const phrase = { start: first.start, end: qt.words[range.end - 1]!.end };
      const inside: Annotation<MentionData>[] = [];
      for (let i = lastAtOrBefore(ordered, phrase.start - longest - 1, (m) => m.start) + 1; i < ordered.length && ordered[i]!.start < phrase.end; i++) {
        if (overlapsSpan(ordered[i]!, phrase)) inside.push(ordered[i]!);
      }
      // The head of the phrase is its last mention when that mention ends the phrase ("Secretary of State John Kerry").
      const head = inside.filter((m) => m.end >= phrase.end).sort((a, b) => b.end - a.end || a.start - b.start)[0];
      if (head && !(head.data.kind === 'pronoun' && head.data.name.toLowerCase() === first.lower)) {
        return fromMention(head, { start: Math.min(head.start, phrase.start), end: head.end });
      }
      if (range.end - range.first === 1 && (PERSON_PRONOUNS.has(first.lower) || GROUP_PRONOUNS.has(first.lower))) {
        const types: ActorType[] = PERSON_PRONOUNS.has(first.lower) ? ['person'] : ['organization', 'country', 'person'];
        const found = first.lower === 'i' || first.lower === 'you' ? null : antecedent(phrase.start, types, null);
        return found ? fromMention(found, phrase) : unresolved(phrase);
      }
      if (inside.length === 0 && range.end - range.first <= 3) {
        // A bare title: "the secretary", "the vice premier" — the nearest person holding that role.
        const role = qt.words[range.end - 1]!.lower;
        const found = /^\p{Ll}/u.test(qt.words[range.end - 1]!.text) ? antecedent(phrase.start, ['person'], role) : null;
        if (found) return fromMention(found, phrase);
      }
      return unresolved(phrase);
    },
  };
}

/** The index of the last item whose key is at most `value` (items sorted by key), or -1. */
function lastAtOrBefore<T>(items: readonly T[], value: number, key: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (key(items[mid]!) <= value) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

function sentenceOf(qt: QuoteText, offset: number): number {
  let lo = 0;
  let hi = qt.words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (qt.words[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return qt.words[lo]?.sentence ?? -1;
}
