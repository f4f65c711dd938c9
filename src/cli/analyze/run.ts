import { extractDocument } from '../../extract/index.js';
import type { Document } from '../../model/document.js';
import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import { isParleyError } from '../../pipeline/errors.js';
import { runPipeline } from '../../pipeline/run.js';
import { ResourceLoader } from '../../resources/index.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import { documentFromPlainText } from '../../stages/sentences/plain-text.js';
import { lazyResources } from '../../app/stage-resources.js';

/** `parley analyze`: one page's bytes → extraction (or plain text) → every analysis stage. */

export interface AnalyzeOptions {
  /** How the input names itself in messages. */
  readonly source: string;
  /** true: the bytes are the article text; false: an HTML page; 'sniff': HTML when it has markup. */
  readonly plainText: boolean | 'sniff';
  readonly url?: string | null;
  readonly modelsDirectory?: string;
  /** A user's actor list; undefined: $PARLEY_ACTORS. */
  readonly actorsFile?: string;
}

export type AnalyzeOutcome = { readonly ok: true; readonly document: Document } | { readonly ok: false; readonly message: string };

let pipeline: Pipeline | null = null;

function looksLikeHtml(text: string): boolean {
  return /<[a-zA-Z!]/.test(text.slice(0, 65536));
}

export function analyzeBytes(bytes: Uint8Array, options: AnalyzeOptions): AnalyzeOutcome {
  let doc: Document;
  const text = options.plainText === false ? null : Buffer.from(bytes).toString('utf8');
  if (text !== null && (options.plainText === true || !looksLikeHtml(text))) {
    if (text.includes('\u0000')) return { ok: false, message: `${options.source} is binary, not text.` };
    if (text.trim() === '') return { ok: false, message: `${options.source} is empty: nothing to analyze.` };
    doc = documentFromPlainText(text);
  } else {
    const extracted = extractDocument(bytes, { url: options.url ?? null });
    if (!extracted.ok) return { ok: false, message: `${options.source}: ${extracted.rejection.reason} [${extracted.rejection.code}]` };
    doc = extracted.document;
  }
  pipeline ??= buildPipeline(ANALYSIS_STAGES.map((stage) => step(stage)));
  const loader = new ResourceLoader(options.modelsDirectory);
  try {
    return { ok: true, document: runPipeline(pipeline, doc, lazyResources(options.actorsFile !== undefined ? { actorsFile: options.actorsFile } : {}, loader)) };
  } catch (error) {
    if (isParleyError(error)) return { ok: false, message: `${error.message} [${error.code}]` };
    throw error;
  }
}
