import type { Document, DocumentMessage } from '../model/document.js';
import { freezeDocument } from '../model/document.js';
import type { Layer, LayerName, Layers } from '../model/layers.js';
import { compareSpans, isValidSpan } from '../model/span.js';
import type { Pipeline } from './build.js';
import { ParleyError } from './errors.js';
import type { Resources, Stage, StageOutput } from './stage.js';

export interface RunHooks {
  /** Called after each stage with its wall time, for per-stage time shares in benchmarks. */
  onStage?(name: string, milliseconds: number): void;
}

/**
 * Runs every stage over one document and returns a new document. A stage that throws on this document
 * is recorded as an error message on it, and the stages that need its layers are skipped: the batch goes
 * on. A stage that breaks the contract (undeclared or malformed layers), or throws a coded ParleyError
 * (misuse), stops the run at once.
 */
export function runPipeline(pipeline: Pipeline, doc: Document, resources: Resources, hooks: RunHooks = {}): Document {
  let layers: Layers = doc.layers;
  const messages: DocumentMessage[] = [...doc.messages];
  const stamps = [...doc.stages];
  const failed = new Set<LayerName>();
  for (const { stage, options } of pipeline.steps) {
    const blockedBy = stage.requires.filter((layer) => failed.has(layer));
    if (blockedBy.length > 0) {
      for (const layer of stage.provides) failed.add(layer);
      messages.push({ stage: stage.name, code: 'STAGE_SKIPPED', severity: 'warning', message: `Skipped: layer(s) ${blockedBy.join(', ')} failed earlier.` });
      continue;
    }
    const abstain = abstention(stage, doc.article.language);
    if (abstain) {
      // The stage's models do not apply: its layers are empty (never another language read as English),
      // later stages still run on what they can use, and the reason is recorded on the article.
      messages.push({ stage: stage.name, code: 'STAGE_ABSTAINED', severity: 'warning', message: abstain });
      layers = { ...layers, ...Object.fromEntries(stage.provides.map((layer) => [layer, []])) };
      stamps.push({ name: stage.name, version: stage.version });
      continue;
    }
    const input: Document = { ...doc, layers, messages, stages: stamps };
    const started = performance.now();
    let output: StageOutput;
    try {
      output = stage.run(input, options, resources);
    } catch (error) {
      if (error instanceof ParleyError) throw error; // misuse: stop at once, with the code
      for (const layer of stage.provides) failed.add(layer);
      messages.push({ stage: stage.name, code: 'STAGE_FAILED', severity: 'error', message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    hooks.onStage?.(stage.name, performance.now() - started);
    checkOutput(stage, output, doc.text.length);
    layers = { ...layers, ...output.layers };
    for (const message of output.messages ?? []) messages.push({ ...message, stage: stage.name });
    stamps.push({ name: stage.name, version: stage.version });
  }
  return freezeDocument({ ...doc, layers, messages, stages: stamps });
}

/** The reason a stage does not run on an article in `language`, or null when it applies (or the language is unknown). */
export function abstention(stage: Stage<object>, language: string | null): string | null {
  if (!stage.languages || !language) return null;
  const primary = language.toLowerCase().split(/[-_]/)[0]!;
  if (stage.languages.includes(primary)) return null;
  return `Abstained: the article is in "${language}", and the ${stage.name} stage was built for ${stage.languages.join(', ')} only.`;
}

function checkOutput(stage: Stage<object>, output: StageOutput, textLength: number): void {
  for (const [name, layer] of Object.entries(output.layers) as [LayerName, Layer][]) {
    if (!stage.provides.includes(name)) {
      throw new ParleyError('E_STAGE_OUTPUT', `Stage "${stage.name}" returned layer "${name}", which it does not declare in \`provides\`.`, 'Declare it or stop returning it.');
    }
    for (let i = 0; i < layer.length; i++) {
      const span = layer[i]!;
      if (!isValidSpan(span, textLength)) {
        throw new ParleyError('E_STAGE_OUTPUT', `Stage "${stage.name}" returned span [${span.start}, ${span.end}) in layer "${name}", outside a text of length ${textLength}.`, 'Spans are offsets into doc.text.');
      }
      if (i > 0 && compareSpans(layer[i - 1]!, span) > 0) {
        throw new ParleyError('E_STAGE_OUTPUT', `Stage "${stage.name}" returned layer "${name}" out of order at index ${i}.`, 'Sort spans by start offset.');
      }
    }
  }
}
