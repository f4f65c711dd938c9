import { extract } from '../../extract/index.js';
import { serveTasks } from '../pool/protocol.js';
import type { StructureLimits } from '../structure-limits.js';
import { renderArticle, type RenderSettings } from './formats.js';

/**
 * The extraction worker: one page in (bytes and options), its rendered output or its rejection out.
 * Rendering happens here too, so the main thread only orders and writes results.
 */

export interface ExtractTask {
  readonly bytes: Uint8Array;
  readonly url: string | null;
  /** The HTTP response headers of a fetched page (its Content-Type charset), else null. */
  readonly headers: Readonly<Record<string, string>> | null;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly structure: StructureLimits;
  readonly render: RenderSettings;
}

export type ExtractTaskResult =
  | { readonly ok: true; readonly output: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

serveTasks<ExtractTask, ExtractTaskResult>((task) => {
  const result = extract(task.bytes, {
    url: task.url,
    headers: task.headers ?? undefined,
    captions: task.render.captions,
    limits: { maxBytes: task.maxBytes, timeoutMs: task.timeoutMs, ...task.structure },
  });
  if (!result.ok) return { ok: false, code: result.rejection.code, message: result.rejection.reason };
  return { ok: true, output: renderArticle(result.article, task.render) };
});
