import type { Span } from '../model/span.js';
import type { EventRecord, QuoteRecord } from './analysis.js';

/**
 * The words behind a stored fact, as the API, the CLI and the workbench show them: a passage of the
 * article's text (an event's sentence; a quote with its cue and speaker) and the marked parts of it, so
 * that no reader has to slice the article by offsets. Computed when a fact is read, from the one stored
 * text: spans stay views (DESIGN.md), the passage is never stored twice.
 */

export type EvidenceRole = 'verb' | 'source' | 'target' | 'place' | 'quote' | 'cue' | 'speaker';

export interface EvidenceMark extends Span {
  readonly role: EvidenceRole;
}

export interface Evidence {
  /** The passage (at most MAX_EVIDENCE_CHARS; a longer sentence is cut around its marks, with "…"). */
  readonly text: string;
  /** Where the passage starts in the article's text (UTF-16 offset), so a reader can jump there. */
  readonly start: number;
  /** The marked parts, as offsets into `text`, in order. */
  readonly marks: readonly EvidenceMark[];
}

/** Longest passage shown with a fact. */
export const MAX_EVIDENCE_CHARS = 600;
/** A quote's speaker or cue further than this from the quote is not pulled into its passage. */
const MAX_QUOTE_REACH = 300;

function clampSpan(span: Span, length: number): Span {
  const start = Math.max(0, Math.min(span.start, length));
  return { start, end: Math.max(start, Math.min(span.end, length)) };
}

/** The passage `window` of `text` with the marks that fall inside it, shortened to MAX_EVIDENCE_CHARS. */
function passage(text: string, window: Span, marks: readonly { span: Span; role: EvidenceRole }[]): Evidence {
  const bounds = clampSpan(window, text.length);
  let { start, end } = bounds;
  if (end - start > MAX_EVIDENCE_CHARS) {
    const inside = marks.map((m) => clampSpan(m.span, text.length)).filter((m) => m.start >= start && m.end <= end);
    const first = inside.length ? Math.min(...inside.map((m) => m.start)) : start;
    const last = inside.length ? Math.max(...inside.map((m) => m.end)) : start;
    const middle = Math.floor((first + last) / 2);
    start = Math.max(start, Math.min(middle - MAX_EVIDENCE_CHARS / 2, end - MAX_EVIDENCE_CHARS));
    end = Math.min(end, start + MAX_EVIDENCE_CHARS);
  }
  // Never cut a character in half: step off a low surrogate.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start++;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end--;
  const head = start > bounds.start ? '…' : '';
  const body = text.slice(start, end);
  const tail = end < bounds.end ? '…' : '';
  const shift = head.length - start;
  const kept = marks
    .map(({ span, role }) => ({ ...clampSpan(span, text.length), role }))
    .filter((m) => m.start >= start && m.end <= end && m.end > m.start)
    .map((m) => ({ start: m.start + shift, end: m.end + shift, role: m.role }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  return { text: `${head}${body}${tail}`, start, marks: kept };
}

/** An event's sentence with its verb, actors and place marked. */
export function eventEvidence(text: string, event: EventRecord): Evidence {
  const marks: { span: Span; role: EvidenceRole }[] = [{ span: event.verb, role: 'verb' }];
  if (event.source) marks.push({ span: event.source.span, role: 'source' });
  if (event.target) marks.push({ span: event.target.span, role: 'target' });
  if (event.place) marks.push({ span: event.place.span, role: 'place' });
  return passage(text, event, marks);
}

/** A quote with its cue and speaker marked, when they stand near it (else the quote alone). */
export function quoteEvidence(text: string, quote: QuoteRecord): Evidence {
  const near = (span: Span | null): span is Span => span !== null && span.start >= quote.start - MAX_QUOTE_REACH && span.end <= quote.end + MAX_QUOTE_REACH;
  const marks: { span: Span; role: EvidenceRole }[] = [{ span: quote, role: 'quote' }];
  let window: Span = { start: quote.start, end: quote.end };
  for (const [span, role] of [
    [quote.cue, 'cue'],
    [quote.speaker, 'speaker'],
  ] as const) {
    if (!near(span)) continue;
    marks.push({ span, role });
    window = { start: Math.min(window.start, span.start), end: Math.max(window.end, span.end) };
  }
  return passage(text, window, marks);
}
