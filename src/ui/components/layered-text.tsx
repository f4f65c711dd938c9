import type { ComponentChildren } from 'preact';
import type { ArticleAnalysis } from '../../store/analysis.js';

/**
 * The article's text with the analysis layers drawn over it on demand. Every fact is a span of the one
 * stored text (DESIGN.md): the text is cut at every boundary of the shown spans, and each piece says
 * which facts cover it (as classes for the colours, and a position a click reports). Nothing but text
 * nodes and spans is rendered: the article's words are never read as markup.
 */

export type Layer = 'entities' | 'quotes' | 'events' | 'themes';

export interface Fact {
  /** Stable within the article: `entity:3`, `quote:0`, `event:2`, `theme:CYBER_SECURITY`. */
  readonly id: string;
  readonly layer: Layer;
  readonly start: number;
  readonly end: number;
  /** Extra classes for the covered text (e.g. the entity's type). */
  readonly classes: readonly string[];
}

const FACT_LAYERS: Readonly<Record<string, Layer>> = { entity: 'entities', quote: 'quotes', event: 'events', theme: 'themes' };

/** The layer of a fact id (`event:2` → events), or null for an id of no layer. */
export function layerOfFact(id: string): Layer | null {
  return FACT_LAYERS[id.split(':')[0]!] ?? null;
}

/** The spans of the shown layers: one per mention, quote, event sentence and theme evidence. */
export function factsOf(analysis: ArticleAnalysis, layers: ReadonlySet<Layer>): Fact[] {
  const facts: Fact[] = [];
  if (layers.has('entities')) {
    const types = new Map(analysis.entities.map((e) => [e.entity, e.type]));
    for (const m of analysis.mentions) facts.push({ id: `entity:${m.entity}`, layer: 'entities', start: m.start, end: m.end, classes: [`ent-${types.get(m.entity) ?? 'other'}`] });
  }
  if (layers.has('quotes')) analysis.quotes.forEach((q, i) => facts.push({ id: `quote:${i}`, layer: 'quotes', start: q.start, end: q.end, classes: [] }));
  if (layers.has('events')) analysis.events.forEach((e, i) => facts.push({ id: `event:${i}`, layer: 'events', start: e.start, end: e.end, classes: [] }));
  if (layers.has('themes')) {
    for (const t of analysis.themes) for (const span of t.evidence) facts.push({ id: `theme:${t.theme}`, layer: 'themes', start: span.start, end: span.end, classes: [] });
  }
  return facts;
}

interface Piece {
  readonly start: number;
  readonly end: number;
  readonly facts: readonly Fact[];
}

/** The text cut at every fact boundary, each piece with the facts that cover it. */
export function pieces(length: number, facts: readonly Fact[], from = 0, to = length): Piece[] {
  const cuts = new Set<number>([from, to]);
  for (const f of facts) {
    if (f.start > from && f.start < to) cuts.add(f.start);
    if (f.end > from && f.end < to) cuts.add(f.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    out.push({ start, end, facts: facts.filter((f) => f.start <= start && f.end >= end && f.end > f.start) });
  }
  return out;
}

/** Paragraphs of the text (blocks are separated by a blank line), with their offsets. */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const separator = /\n\s*\n/g;
  let at = 0;
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    out.push({ start: at, end: match.index });
    at = match.index + match[0].length;
  }
  out.push({ start: at, end: text.length });
  return out.filter((p) => p.end > p.start);
}

export function LayeredText({ text, facts, selected, onPick }: { text: string; facts: readonly Fact[]; selected: string | null; onPick: (offset: number) => void }) {
  return (
    <div
      class="article-text"
      onClick={(event) => {
        const piece = (event.target as HTMLElement).closest<HTMLElement>('[data-at]');
        if (piece) onPick(Number(piece.dataset.at));
      }}
    >
      {paragraphs(text).map((p) => (
        <p key={p.start} data-start={p.start}>
          {pieces(text.length, facts, p.start, p.end).map((piece): ComponentChildren => {
            const content = text.slice(piece.start, piece.end);
            if (piece.facts.length === 0) return content;
            const layers = new Set(piece.facts.map((f) => f.layer));
            const classes = [...[...layers].map((l) => `layer-${l}`), ...piece.facts.flatMap((f) => f.classes), piece.facts.some((f) => f.id === selected) ? 'selected' : ''];
            return (
              <span key={piece.start} class={classes.join(' ').trim()} data-at={piece.start}>
                {content}
              </span>
            );
          })}
        </p>
      ))}
    </div>
  );
}
