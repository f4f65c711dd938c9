/**
 * A span is a half-open range [start, end) of JavaScript string offsets (UTF-16 code units) into a
 * document's one canonical `text`. Spans are views: they never copy the text they point at, so every
 * fact Parley records can be shown highlighted in its sentence.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span with the data a stage attaches to it (an entity's type, a quote's speaker, ...). */
export interface Annotation<D> extends Span {
  readonly data: D;
}

export function spanText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** True when the span lies inside a text of the given length and is not reversed. */
export function isValidSpan(span: Span, textLength: number): boolean {
  return (
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= textLength
  );
}

/** Orders spans by start, then by end (outer spans before the spans they contain). */
export function compareSpans(a: Span, b: Span): number {
  return a.start - b.start || b.end - a.end;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
