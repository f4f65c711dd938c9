import type { InputResult, QuoteRecord } from './analyze.js';

export const QUOTE_FORMATS = {
  table: 'a readable table per input: speaker, kind, confidence and the quote (the default)',
  json: 'one input: a JSON array of {text, start, end, kind, cue, speaker: {name, start, end, code} | null, confidence}',
  jsonl: 'one line per input, in input order: {"source", "quotes": [...]} or {"source", "error": {"code", "message"}}',
} as const;
export type QuoteFormat = keyof typeof QUOTE_FORMATS;

/** The JSON form of one quote; key order as documented. */
function quoteJson(q: QuoteRecord): QuoteRecord {
  return { text: q.text, start: q.start, end: q.end, kind: q.kind, cue: q.cue, speaker: q.speaker, confidence: q.confidence };
}

export function renderJson(result: InputResult & { ok: true }): string {
  return `${JSON.stringify(result.quotes.map(quoteJson), null, 2)}\n`;
}

export function renderJsonLine(result: InputResult): string {
  return result.ok ? `${JSON.stringify({ source: result.source, quotes: result.quotes.map(quoteJson) })}\n` : `${JSON.stringify({ source: result.source, error: result.error })}\n`;
}

const QUOTE_WIDTH = 90;
const SPEAKER_WIDTH = 28;

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

export function renderTable(result: InputResult): string {
  if (!result.ok) return `${result.source}: error ${result.error.code}: ${result.error.message}\n`;
  const lines = [`${result.source}: ${result.quotes.length} quote${result.quotes.length === 1 ? '' : 's'}`];
  for (const q of result.quotes) {
    const who = q.speaker ? `${q.speaker.name}${q.speaker.code ? ` (${q.speaker.code})` : ''}` : '(unknown)';
    lines.push(`  ${clip(who, SPEAKER_WIDTH).padEnd(SPEAKER_WIDTH)}  ${q.kind.padEnd(8)}  ${q.confidence.toFixed(2)}  ${clip(q.kind === 'direct' || q.kind === 'partial' ? `“${q.text}”` : q.text, QUOTE_WIDTH)}`);
  }
  return `${lines.join('\n')}\n`;
}
