import type { ComponentChildren } from 'preact';

export interface Mark {
  readonly start: number;
  readonly end: number;
  readonly role: string;
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  verb: 'verb',
  source: 'source actor',
  target: 'target actor',
  place: 'place',
  quote: 'quote',
  cue: 'cue',
  speaker: 'speaker',
};

/**
 * A passage with its marked words (an event's verb and actors, a quote with its cue and speaker), as
 * text nodes and <mark> elements only: the passage is stored text, shown as text.
 */
export function Marked({ text, marks }: { text: string; marks: readonly Mark[] }) {
  const parts: ComponentChildren[] = [];
  let at = 0;
  const ordered = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const [i, mark] of ordered.entries()) {
    if (mark.start < at) continue; // a mark inside another (a speaker inside a quote) keeps the outer one
    if (mark.start > at) parts.push(text.slice(at, mark.start));
    parts.push(
      <mark key={i} class={`role-${mark.role}`} title={ROLE_LABELS[mark.role] ?? mark.role}>
        {text.slice(mark.start, mark.end)}
      </mark>,
    );
    at = mark.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

/** A search snippet with its matched words highlighted ([start, end) pairs). */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly (readonly [number, number])[] }) {
  return <Marked text={text} marks={highlights.map(([start, end]) => ({ start, end, role: 'match' }))} />;
}
