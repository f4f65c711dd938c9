import { extractDocument } from '../../extract/index.js';
import type { ExtractLimits } from '../../extract/limits.js';
import type { Document } from '../../model/document.js';
import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import { isParleyError } from '../../pipeline/errors.js';
import { runPipeline } from '../../pipeline/run.js';
import { ResourceLoader } from '../../resources/index.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import { documentFromPlainText } from '../../stages/sentences/plain-text.js';
import { lazyResources } from '../../app/stage-resources.js';

/** `parley analyze`: a page's bytes → extraction (or plain text) → every analysis stage. */

export interface AnalyzeOptions {
  /** How the input names itself in messages. */
  readonly source: string;
  /** true: the bytes are the article text; false: an HTML page; 'sniff': HTML when it has markup. */
  readonly plainText: boolean | 'sniff';
  readonly url?: string | null;
  /** The HTTP response headers of a fetched page (its charset). */
  readonly headers?: Readonly<Record<string, string>> | null;
  readonly modelsDirectory?: string;
  /** A user's actor list; undefined: $PARLEY_ACTORS. */
  readonly actorsFile?: string;
  /** Extraction's limits (size and structure); extraction's defaults when absent. */
  readonly limits?: Partial<ExtractLimits>;
}

export type AnalyzeOutcome = { readonly ok: true; readonly document: Document } | { readonly ok: false; readonly code: string; readonly message: string };

let pipeline: Pipeline | null = null;

function looksLikeHtml(text: string): boolean {
  return /<[a-zA-Z!]/.test(text.slice(0, 65536));
}

export function analyzeBytes(bytes: Uint8Array, options: AnalyzeOptions): AnalyzeOutcome {
  let doc: Document;
  const text = options.plainText === false ? null : Buffer.from(bytes).toString('utf8');
  if (text !== null && (options.plainText === true || !looksLikeHtml(text))) {
    if (text.includes('\u0000')) return { ok: false, code: 'BINARY_CONTENT', message: `${options.source} is binary, not text.` };
    if (text.trim() === '') return { ok: false, code: 'EMPTY_INPUT', message: `${options.source} is empty: nothing to analyze.` };
    doc = documentFromPlainText(text);
  } else {
    const extracted = extractDocument(bytes, { url: options.url ?? null, ...(options.headers ? { headers: options.headers } : {}), ...(options.limits ? { limits: options.limits } : {}) });
    if (!extracted.ok) return { ok: false, code: extracted.rejection.code, message: `${options.source}: ${extracted.rejection.reason}` };
    doc = extracted.document;
  }
  pipeline ??= buildPipeline(ANALYSIS_STAGES.map((stage) => step(stage)));
  const loader = new ResourceLoader(options.modelsDirectory);
  try {
    return { ok: true, document: runPipeline(pipeline, doc, lazyResources(options.actorsFile !== undefined ? { actorsFile: options.actorsFile } : {}, loader)) };
  } catch (error) {
    if (isParleyError(error)) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}
