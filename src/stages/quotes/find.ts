/**
 * Putting quotes together: each quoted run goes to the cue that governs it (the cue whose content
 * stretch holds it), reported content without quote marks becomes a reported quote, and a quote standing
 * alone as its own sentence or paragraph goes on with the speaker of the quote just before it (news text
 * gives a speaker once and then runs on with more of their words).
 */
import type { Annotation, Span } from '../../model/span.js';
import type { MentionData } from '../actors/mention.js';
import { findCues, type Cue } from './cues.js';
import type { QuoteRun } from './marks.js';
import type { QuoteData, QuoteKind, QuoteSpeaker } from './quote.js';
import { speakerResolver } from './speaker.js';
import { firstWordAtOrAfter, mentionStarts, paragraphAt, wordsWithin, type QuoteText } from './words.js';

export interface FindOptions {
  /** A quote standing alone inherits the last speaker when that speaker's quote is at most this many paragraphs back. */
  readonly inheritParagraphs: number;
  /** A standalone quote needs at least this many words to inherit a speaker. */
  readonly minStandaloneWords: number;
  /** Emit reported speech (content without quote marks). */
  readonly reported: boolean;
}

/** A run takes this share of its region's words or more: the quote is the content (direct), not a part of it (partial). */
const DIRECT_SHARE = 0.6;

const overlap = (a: Span, b: Span): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** A quote found by its marks alone (no cue read, no speaker): its confidence when closed. */
const MARKS_ONLY_CONFIDENCE = 0.5;

/**
 * The quotes of a text in a language whose cue words Parley does not know: every closed quote of at least
 * `minStandaloneWords` words, by its marks alone, without cue or speaker. Quote marks are read in every
 * style („…“, «…», 「…」, see marks.ts); the words that name the speaker are English-only.
 */
export function findMarkedQuotes(qt: QuoteText, options: Pick<FindOptions, 'minStandaloneWords'>): Annotation<QuoteData>[] {
  return qt.runs
    .filter((run) => run.closed && (words(qt, run.span) >= options.minStandaloneWords || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]{4}/u.test(qt.text.slice(run.span.start, run.span.end))))
    .map((run) => ({ start: run.span.start, end: run.span.end, data: { kind: 'direct' as const, cue: null, speaker: null, confidence: MARKS_ONLY_CONFIDENCE } }));
}

export function findQuotes(qt: QuoteText, mentions: readonly Annotation<MentionData>[], options: FindOptions): Annotation<QuoteData>[] {
  const cues = findCues(qt, mentionStarts(qt, mentions));
  const speakers = speakerResolver(qt, mentions);
  const resolved = new Map<Cue, QuoteSpeaker | null>();
  const speakerOf = (cue: Cue): QuoteSpeaker | null => {
    if (!resolved.has(cue)) resolved.set(cue, cue.speaker ? speakers.resolve(cue.speaker) : null);
    return resolved.get(cue)!;
  };

  // Each run goes to the cue whose regions overlap it most; among equals, one with a speaker, then the
  // nearest (the first in cue order). Only the regions near the run are looked at (regionsNear): looking
  // at every cue for every run made an article of thousands of quotes quadratic.
  const near = regionsNear(cues);
  const owner: (Cue | null)[] = qt.runs.map((run) => {
    let best: Cue | null = null;
    let bestScore: readonly number[] = [0, 0, 0];
    for (const { cue, region } of near(run.outer)) {
      const o = overlap(region, run.outer);
      const at = qt.words[cue.first]!.start;
      const distance = at >= run.outer.end ? at - run.outer.end : run.outer.start >= at ? run.outer.start - at : 0;
      const score = [o, cue.speaker ? 1 : 0, -distance];
      if (compareScores(score, bestScore) > 0) [best, bestScore] = [cue, score];
    }
    return best;
  });

  const quotes: Annotation<QuoteData>[] = [];
  const cueSpan = (cue: Cue): Span & { text: string } => {
    const start = qt.words[cue.first]!.start;
    const end = qt.words[cue.end - 1]!.end;
    return { start, end, text: qt.text.slice(start, end) };
  };
  const push = (span: Span, kind: QuoteKind, cue: Cue | null, speaker: QuoteSpeaker | null, confidence: number): void => {
    if (span.end <= span.start) return;
    quotes.push({ start: span.start, end: span.end, data: { kind, cue: cue ? cueSpan(cue) : null, speaker, confidence: Math.round(confidence * 100) / 100 } });
  };

  const owned = new Map<Cue, QuoteRun[]>();
  for (const [r, cue] of owner.entries()) if (cue) owned.set(cue, [...(owned.get(cue) ?? []), qt.runs[r]!]);
  for (const cue of cues) {
    for (const region of cue.regions) {
      const runs = (owned.get(cue) ?? []).filter((run) => overlap(region, run.outer) > 0);
      if (!options.reported || !cue.speaker) continue;
      // Runs are emitted below, in text order; reported content holding only partial quotes is also a mixed quote.
      if (runs.some((run) => runKind(qt, run, region) === 'direct')) continue;
      push(trimRegion(qt.text, region), runs.length > 0 ? 'mixed' : 'reported', cue, speakerOf(cue), reportedConfidence(cue, speakerOf(cue)));
    }
  }

  let last: { cue: Cue; speaker: QuoteSpeaker | null; paragraph: number } | null = null;
  for (const [r, run] of qt.runs.entries()) {
    const paragraph = paragraphIndex(qt, run.outer.start);
    const cue = owner[r];
    if (cue) {
      const region = cue.regions.find((g) => overlap(g, run.outer) > 0)!;
      const kind = runKind(qt, run, region);
      const speaker = speakerOf(cue);
      push(run.span, kind, cue, speaker, directConfidence(kind, speaker, run.closed));
      if (kind === 'direct') last = { cue, speaker, paragraph: paragraphIndex(qt, run.outer.end - 1) };
      continue;
    }
    if (!standsAlone(qt, run.outer)) continue;
    // Right after the speaker's quote in the same paragraph any length goes on; across paragraphs a few words at least.
    if (paragraph !== last?.paragraph && words(qt, run.span) < options.minStandaloneWords) continue;
    if (last && last.speaker && paragraph - last.paragraph <= options.inheritParagraphs) {
      push(run.span, 'direct', last.cue, last.speaker, 0.6 * (run.closed ? 1 : 0.8));
      last = { ...last, paragraph: paragraphIndex(qt, run.outer.end - 1) };
    }
  }
  return quotes.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The cue regions that may overlap a span, in cue order then region order (the order ties are broken
 * in): regions sorted by start, searched from the longest region's length before the span.
 */
function regionsNear(cues: readonly Cue[]): (span: Span) => { cue: Cue; region: Span }[] {
  const all = cues.flatMap((cue, c) => cue.regions.map((region, g) => ({ cue, region, order: c * 1_000_000 + g })));
  all.sort((a, b) => a.region.start - b.region.start);
  const longest = all.reduce((max, entry) => Math.max(max, entry.region.end - entry.region.start), 0);
  return (span) => {
    let low = 0;
    let high = all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (all[mid]!.region.start < span.start - longest) low = mid + 1;
      else high = mid;
    }
    const found: (typeof all)[number][] = [];
    for (let i = low; i < all.length && all[i]!.region.start < span.end; i++) if (overlap(all[i]!.region, span) > 0) found.push(all[i]!);
    return found.sort((a, b) => a.order - b.order);
  };
}

/** Direct when the run is (most of) the content or stands as its own sentence; partial when it is a few words in it. */
function runKind(qt: QuoteText, run: QuoteRun, region: Span): QuoteKind {
  const share = words(qt, run.span) / Math.max(1, words(qt, region));
  return share >= DIRECT_SHARE || standsAlone(qt, run.outer) ? 'direct' : 'partial';
}

function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

const words = wordsWithin;
const paragraphIndex = paragraphAt;

/** True when the quote starts its sentence or paragraph (not a few quoted words inside a sentence). */
function standsAlone(qt: QuoteText, outer: Span): boolean {
  const found = firstWordAtOrAfter(qt, outer.start);
  const i = found < qt.words.length ? found : -1;
  if (i <= 0) return i === 0;
  const first = qt.words[i]!;
  const before = qt.words[i - 1]!;
  return before.sentence !== first.sentence || before.paragraph !== first.paragraph;
}

/** A region without its final stop and surrounding spaces. */
function trimRegion(text: string, region: Span): Span {
  let { start, end } = region;
  while (end > start && /[\s.,;:!?—–-]/u.test(text[end - 1]!)) end--;
  while (start < end && /\s/u.test(text[start]!)) start++;
  return { start, end };
}

function speakerWeight(speaker: QuoteSpeaker | null): number {
  if (!speaker) return 0.55;
  if (speaker.entity !== null) return 1;
  return /^\p{Lu}/u.test(speaker.text) ? 0.9 : 0.8;
}

function directConfidence(kind: QuoteKind, speaker: QuoteSpeaker | null, closed: boolean): number {
  return 0.92 * speakerWeight(speaker) * (kind === 'partial' ? 0.9 : 1) * (closed ? 1 : 0.8);
}

function reportedConfidence(cue: Cue, speaker: QuoteSpeaker | null): number {
  return 0.75 * speakerWeight(speaker) * (cue.marked ? 1 : 0.9);
}
