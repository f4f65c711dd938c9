import type { Evidence, EvidenceRole } from '../../store/evidence.js';

/**
 * An evidence passage for a terminal or a CSV cell, its marks written into the text: actors and speakers
 * in [brackets], the verb or cue in *stars*, a quote in “curly quotes” — plain characters, so they survive
 * pipes, spreadsheets and `grep`.
 */
const WRAP: Readonly<Record<EvidenceRole, readonly [string, string]>> = {
  source: ['[', ']'],
  target: ['[', ']'],
  speaker: ['[', ']'],
  place: ['[', ']'],
  verb: ['*', '*'],
  cue: ['*', '*'],
  quote: ['“', '”'],
};

export function markedText(evidence: Evidence): string {
  let out = '';
  let at = 0;
  for (const mark of evidence.marks) {
    if (mark.start < at) continue; // a mark inside another keeps the outer one
    const [open, close] = WRAP[mark.role];
    out += `${evidence.text.slice(at, mark.start)}${open}${evidence.text.slice(mark.start, mark.end)}${close}`;
    at = mark.end;
  }
  return out + evidence.text.slice(at);
}
