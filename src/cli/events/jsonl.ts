import { createInterface } from 'node:readline';
import type { Document } from '../../model/document.js';
import { getLayer } from '../../model/document.js';
import type { Pipeline } from '../../pipeline/build.js';
import { runPipeline } from '../../pipeline/run.js';
import type { Resources } from '../../pipeline/stage.js';
import { articleDay } from '../../stages/events/dates.js';
import type { EventData } from '../../stages/events/event.js';
import { documentFromPlainText } from '../../stages/sentences/plain-text.js';

/**
 * `parley events --jsonl`: one JSON object per input line ({"id", "text", "date"?}), one result line
 * per input line in the same order. A line that cannot be coded gets {"id"?, "error": {code, message}}
 * and the rest goes on.
 */

export interface JsonlEvent {
  readonly source: string | null;
  readonly target: string | null;
  readonly code: string;
  readonly root: string;
  readonly quadClass: number;
  readonly goldstein: number;
  readonly plover: { readonly type: string; readonly mode: string } | null;
  readonly evidence: { readonly start: number; readonly end: number };
  readonly confidence: number;
  readonly negated?: true;
  readonly date?: string;
}

export type JsonlResult = { id: unknown; events: JsonlEvent[] } | { id?: unknown; error: { code: string; message: string } };

/** Longest text accepted on one line (characters); longer texts get an error line, not a hang. */
export const MAX_LINE_TEXT = 1_000_000;

function toJsonl(event: EventData, sentence: { start: number; end: number }): JsonlEvent {
  return {
    source: event.source?.code ?? null,
    target: event.target?.code ?? null,
    code: event.code,
    root: event.root,
    quadClass: event.quadClass,
    goldstein: event.goldstein,
    plover: event.plover,
    evidence: { start: sentence.start, end: sentence.end },
    confidence: event.confidence,
    ...(event.negated ? { negated: true as const } : {}),
    ...(event.date ? { date: event.date } : {}),
  };
}

const fail = (code: string, message: string, id?: unknown): JsonlResult => ({ ...(id !== undefined ? { id } : {}), error: { code, message } });

/** Codes one input line. Never throws for bad input. */
export function codeLine(line: string, pipeline: Pipeline, resources: Resources): JsonlResult {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return fail('E_JSON', `The line is not JSON: ${error instanceof Error ? error.message : String(error)}.`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail('E_INPUT', 'Each line must be a JSON object {"id", "text", "date"?}.');
  const { id, text, date } = input as { id?: unknown; text?: unknown; date?: unknown };
  if (typeof text !== 'string') return fail('E_INPUT', 'The object has no "text" string.', id);
  if (text.length > MAX_LINE_TEXT) return fail('E_TOO_LARGE', `The text has ${text.length} characters, over the limit of ${MAX_LINE_TEXT}.`, id);
  if (date !== undefined && date !== null && (typeof date !== 'string' || !articleDay(date))) return fail('E_INPUT', `"date" must be an ISO date (YYYY-MM-DD), not ${JSON.stringify(date)}.`, id);
  const plain = documentFromPlainText(text);
  const doc: Document = typeof date === 'string' ? { ...plain, article: { ...plain.article, published: date } } : plain;
  const analyzed = runPipeline(pipeline, doc, resources);
  const failed = analyzed.messages.find((m) => m.severity === 'error');
  if (failed) return fail('E_STAGE', `Stage "${failed.stage}" failed: ${failed.message}`, id);
  return { id: id ?? null, events: getLayer(analyzed, 'events').map((e) => toJsonl(e.data, e)) };
}

/** Reads JSON lines from `input`, writes one result line each; resolves to the number of failed lines. */
export async function codeJsonLines(input: NodeJS.ReadableStream, write: (line: string) => void, code: (line: string) => JsonlResult): Promise<number> {
  let failures = 0;
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const result = code(line);
    if ('error' in result) failures++;
    write(JSON.stringify(result) + '\n');
  }
  return failures;
}
