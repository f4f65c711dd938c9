/**
 * Text for a terminal: stored text comes from web pages, so control characters (escape sequences that
 * could move the cursor, retitle the window or hide output) are replaced before anything is printed;
 * matches are highlighted only when the output is a colour terminal.
 */

// Matching control characters is the point here: C0, DEL, C1, and the bidirectional overrides.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HIGHLIGHT_ON = '\x1b[1;33m';
const HIGHLIGHT_OFF = '\x1b[0m';
const DIM_ON = '\x1b[2m';

/** Each control character replaced by one space (offsets into the text stay valid). */
export function withoutControls(text: string): string {
  return text.replace(CONTROL, ' ');
}

/** One line of printable text: controls and line breaks become spaces, runs of spaces collapse. */
export function printable(text: string): string {
  return text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

export interface TerminalStyle {
  readonly colour: boolean;
  /** Columns to fit lines into, or null for no limit (output piped to a file or a program). */
  readonly width: number | null;
}

export function terminalStyle(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): TerminalStyle {
  const tty = stream as { isTTY?: boolean; columns?: number };
  const isTty = tty.isTTY === true;
  return {
    colour: isTty && env.NO_COLOR === undefined && env.TERM !== 'dumb',
    width: isTty ? Math.max(40, tty.columns ?? 80) : null,
  };
}

/** Cuts to `width` characters with an ellipsis (by code points, so no surrogate pair is split). */
export function fit(text: string, width: number | null): string {
  if (width === null) return text;
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/**
 * A snippet with its highlights: marked in colour on a colour terminal, else as they are. Control
 * characters are replaced one for one, so the highlight offsets stay valid; the result is cut to `width`.
 */
export function highlightSnippet(snippet: string, highlights: readonly (readonly [number, number])[], style: TerminalStyle): string {
  const clean = withoutControls(snippet);
  let out = '';
  let visible = 0;
  let at = 0;
  const limit = style.width ?? Infinity;
  const segments: [string, boolean][] = [];
  for (const [start, end] of highlights) {
    if (start < at) continue;
    segments.push([clean.slice(at, start), false], [clean.slice(start, end), true]);
    at = end;
  }
  segments.push([clean.slice(at), false]);
  for (const [text, marked] of segments) {
    const collapsed = text.replace(/\s+/g, ' ');
    const room = limit - visible;
    if (room <= 0) break;
    const chars = [...collapsed];
    const piece = chars.length > room ? `${chars.slice(0, Math.max(0, room - 1)).join('')}…` : collapsed;
    visible += Math.min(chars.length, room);
    out += marked && style.colour ? `${HIGHLIGHT_ON}${piece}${HIGHLIGHT_OFF}` : piece;
  }
  return out.trim();
}

export function dim(text: string, style: TerminalStyle): string {
  return style.colour ? `${DIM_ON}${text}${HIGHLIGHT_OFF}` : text;
}
