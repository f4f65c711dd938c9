import { getLayer } from '../../model/document.js';
import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import { runPipeline } from '../../pipeline/run.js';
import { entitiesStage } from '../../stages/entities/entities.js';
import type { NerModel } from '../../stages/entities/model.js';
import type { EntityType } from '../../stages/entities/tags.js';
import { documentFromPlainText } from '../../stages/sentences/plain-text.js';
import { sentencesStage } from '../../stages/sentences/sentences.js';

/** `parley ner FILE.txt`: the entities of a plain text, with offsets into the text exactly as read. */

export interface TextEntity {
  /** JavaScript string offsets (UTF-16 code units) into the text: text.slice(start, end) is the entity. */
  readonly start: number;
  readonly end: number;
  readonly type: EntityType;
  readonly text: string;
  readonly confidence: number;
}

export interface TextResult {
  readonly source: string;
  readonly sentences: number;
  readonly tokens: number;
  readonly entities: readonly TextEntity[];
}

let pipeline: Pipeline | null = null;

export function tagText(text: string, source: string, model: NerModel): TextResult {
  pipeline ??= buildPipeline([step(sentencesStage), step(entitiesStage)]);
  const doc = runPipeline(pipeline, documentFromPlainText(text), { ner: model });
  const failure = doc.messages.find((m) => m.severity === 'error');
  if (failure) throw new Error(`${failure.stage}: ${failure.message}`);
  return {
    source,
    sentences: getLayer(doc, 'sentences').length,
    tokens: getLayer(doc, 'tokens').length,
    entities: getLayer(doc, 'entities').map((e) => ({ start: e.start, end: e.end, type: e.data.type, text: text.slice(e.start, e.end), confidence: e.data.confidence })),
  };
}

export const TEXT_FORMATS = {
  json: 'the entities as JSON: {source, sentences, tokens, entities: [{start, end, type, text, confidence}]}',
  text: 'a readable listing: one entity per line with its offsets, type and confidence',
} as const;
export type TextFormat = keyof typeof TEXT_FORMATS;

export function renderTextResult(result: TextResult, format: TextFormat): string {
  if (format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  const lines = [`${result.source}: ${result.entities.length} entities in ${result.sentences} sentences (${result.tokens} tokens)`];
  const width = String(result.entities.at(-1)?.end ?? 0).length;
  for (const e of result.entities) {
    lines.push(`  ${String(e.start).padStart(width)}-${String(e.end).padEnd(width)}  ${e.type.padEnd(4)}  ${e.confidence.toFixed(2)}  ${e.text.replace(/\s+/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
