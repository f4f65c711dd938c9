/**
 * The per-input work of `parley quotes`: read one input (a plain text file, an HTML page, or standard
 * input), make its document, run the quotes pipeline, and return its quotes as plain records (or a coded
 * error). Offsets are JavaScript string offsets: into the text exactly as read for plain text, into the
 * extracted article text for pages.
 */
import { getLayer, type Document } from '../../model/document.js';
import type { Pipeline } from '../../pipeline/build.js';
import { runPipeline } from '../../pipeline/run.js';
import type { Resources } from '../../pipeline/stage.js';
import { extractDocument } from '../../extract/index.js';
import { documentFromPlainText } from '../../stages/sentences/plain-text.js';
import type { QuoteKind } from '../../stages/quotes/quote.js';
import { STDIN_ARGUMENT } from '../io/inputs.js';
import { readPageFile, readPageStdin } from '../io/read.js';

export interface QuoteRecord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: QuoteKind;
  /** The cue verb or phrase as written ("said", "according to"), or null. */
  readonly cue: string | null;
  readonly speaker: { readonly name: string; readonly start: number; readonly end: number; readonly code: string | null } | null;
  readonly confidence: number;
}

export type InputResult =
  | { readonly source: string; readonly ok: true; readonly quotes: readonly QuoteRecord[] }
  | { readonly source: string; readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

const PAGE_NAME = /\.(?:x?html?|html?\.gz)$/i;

export interface AnalyzeContext {
  readonly pipeline: Pipeline;
  readonly resources: Resources;
  readonly stdin: NodeJS.ReadableStream;
  readonly maxBytes: number;
}

export async function analyzeInput(source: string, context: AnalyzeContext): Promise<InputResult> {
  const fail = (code: string, message: string): InputResult => ({ source, ok: false, error: { code, message } });
  const read = source === STDIN_ARGUMENT ? await readPageStdin(context.stdin, context.maxBytes) : await readPageFile(source, context.maxBytes);
  if (!read.ok) return fail(read.code, read.message);
  const bytes = read.bytes;
  const text = Buffer.from(bytes).toString('utf8');
  const isPage = PAGE_NAME.test(source) || (source === STDIN_ARGUMENT && /^\s*</.test(text));
  let doc: Document;
  if (isPage) {
    const extracted = extractDocument(bytes);
    if (!extracted.ok) return fail(extracted.rejection.code, extracted.rejection.reason);
    doc = extracted.document;
  } else {
    if (bytes.includes(0)) return fail('BINARY_CONTENT', 'The input holds NUL bytes: it is binary, not text (give a UTF-8 text file or an .html page).');
    doc = documentFromPlainText(text);
  }
  const analyzed = runPipeline(context.pipeline, doc, context.resources);
  const failure = analyzed.messages.find((m) => m.severity === 'error');
  if (failure) return fail('ANALYSIS_FAILED', `${failure.stage}: ${failure.message}`);
  return { source, ok: true, quotes: quoteRecords(analyzed) };
}

export function quoteRecords(doc: Document): QuoteRecord[] {
  return getLayer(doc, 'quotes').map((q) => ({
    text: doc.text.slice(q.start, q.end),
    start: q.start,
    end: q.end,
    kind: q.data.kind,
    cue: q.data.cue?.text ?? null,
    speaker: q.data.speaker ? { name: q.data.speaker.name, start: q.data.speaker.start, end: q.data.speaker.end, code: q.data.speaker.code } : null,
    confidence: q.data.confidence,
  }));
}
