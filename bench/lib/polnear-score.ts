/**
 * Scoring quotes against PolNeAR attributions: relations as merged spans, one-to-one matching by overlap
 * (at least half of the shorter span), and speaker agreement.
 */
import type { Annotation, Span } from '../../src/model/span.js';
import type { QuoteData } from '../../src/stages/quotes/quote.js';
import type { Attribution } from './polnear.js';

export interface Relation {
  readonly span: Span;
  readonly direct: boolean;
  /** Gold: the Source fragments; predicted: the speaker span. */
  readonly sources: readonly Span[];
  /** The speaker as text (gold: the Source text; predicted: the resolved name). */
  readonly speaker: string | null;
}

export interface Tally {
  gold: number;
  predicted: number;
  matched: number;
  speakerTotal: number;
  speakerCorrect: number;
}

export interface Scored {
  readonly tally: Tally;
  readonly missed: Relation[];
  readonly falseAlarms: Relation[];
  readonly wrongSpeakers: { gold: Relation; predicted: Relation }[];
}

const DOUBLE_QUOTE_MARK = /["“”„«»]/u;

export function goldRelations(text: string, attributions: readonly Attribution[]): Relation[] {
  return attributions.map((a) => {
    const span = { start: Math.min(...a.content.map((f) => f.start)), end: Math.max(...a.content.map((f) => f.end)) };
    const sources = a.source ?? [];
    return {
      span,
      direct: DOUBLE_QUOTE_MARK.test(text.slice(span.start, span.end)),
      sources,
      speaker: sources.length ? sources.map((f) => text.slice(f.start, f.end)).join(' ') : null,
    };
  });
}

/** Parley's quotes grouped into relations: the quotes sharing one cue are one attribution. */
export function predictedRelations(text: string, quotes: readonly Annotation<QuoteData>[]): Relation[] {
  const groups = new Map<string, Annotation<QuoteData>[]>();
  quotes.forEach((q, index) => {
    const key = q.data.cue ? `${q.data.cue.start}:${q.data.cue.end}` : `alone:${index}`;
    groups.set(key, [...(groups.get(key) ?? []), q]);
  });
  return [...groups.values()].map((group) => {
    const speaker = group[0]!.data.speaker;
    return {
      span: { start: Math.min(...group.map((q) => q.start)), end: Math.max(...group.map((q) => q.end)) },
      direct: group.some((q) => q.data.kind !== 'reported'),
      sources: speaker ? [{ start: speaker.start, end: speaker.end }] : [],
      speaker: speaker ? speaker.name : null,
    };
  });
}

const overlap = (a: Span, b: Span): number => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

function matches(a: Span, b: Span): boolean {
  const shorter = Math.min(a.end - a.start, b.end - b.start);
  return shorter > 0 && overlap(a, b) * 2 >= shorter;
}

function sameSpeaker(gold: Relation, predicted: Relation): boolean {
  if (predicted.sources.some((p) => gold.sources.some((g) => overlap(p, g) > 0))) return true;
  if (!gold.speaker || !predicted.speaker) return false;
  const goldWords = new Set(gold.speaker.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2));
  return predicted.speaker.toLowerCase().split(/[^\p{L}\p{N}]+/u).some((w) => w.length > 2 && /^\p{L}/u.test(w) && goldWords.has(w) && !['the', 'and'].includes(w));
}

export function score(gold: readonly Relation[], predicted: readonly Relation[]): Scored {
  const pairs: { g: number; p: number; o: number }[] = [];
  gold.forEach((g, gi) => predicted.forEach((p, pi) => {
    if (matches(g.span, p.span)) pairs.push({ g: gi, p: pi, o: overlap(g.span, p.span) });
  }));
  pairs.sort((a, b) => b.o - a.o);
  const goldTaken = new Set<number>();
  const predictedTaken = new Set<number>();
  const tally: Tally = { gold: gold.length, predicted: predicted.length, matched: 0, speakerTotal: 0, speakerCorrect: 0 };
  const wrongSpeakers: Scored['wrongSpeakers'] = [];
  for (const { g, p } of pairs) {
    if (goldTaken.has(g) || predictedTaken.has(p)) continue;
    goldTaken.add(g);
    predictedTaken.add(p);
    tally.matched++;
    if (gold[g]!.sources.length === 0) continue;
    tally.speakerTotal++;
    if (sameSpeaker(gold[g]!, predicted[p]!)) tally.speakerCorrect++;
    else wrongSpeakers.push({ gold: gold[g]!, predicted: predicted[p]! });
  }
  return {
    tally,
    missed: gold.filter((_, i) => !goldTaken.has(i)),
    falseAlarms: predicted.filter((_, i) => !predictedTaken.has(i)),
    wrongSpeakers,
  };
}
