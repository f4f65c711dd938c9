import { getLayer, type Document } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import '../sentences/sentences.js';
import { spanMargin } from './decode.js';
import type { NerModel } from './model.js';
import { spansFromTags, type EntityType } from './tags.js';

/** Data of an entity span: its CoNLL type and how sure the model is (0..1). */
export interface EntityData {
  readonly type: EntityType;
  readonly confidence: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    entities: EntityData;
  }
}

declare module '../../pipeline/stage.js' {
  interface Resources {
    /** The NER model (see src/resources: `new ResourceLoader().nerModel()`). */
    readonly ner?: NerModel;
  }
}

export interface EntitiesOptions {
  /** Entities below this confidence are left out (0 keeps every entity the model finds). */
  readonly minConfidence: number;
  /**
   * The document features (how a word is written and labeled elsewhere in the document) look at this
   * many tokens at most; a longer document is tagged in consecutive parts of whole sentences.
   */
  readonly maxContextTokens: number;
}

export const ENTITIES_DEFAULTS: EntitiesOptions = { minConfidence: 0, maxContextTokens: 100_000 };

/** The sentences of a document as token strings, grouped in parts of at most `maxTokens` tokens. */
function sentenceParts(doc: Document, maxTokens: number): { tokens: Annotation<unknown>[][]; strings: string[][] }[] {
  const tokens = getLayer(doc, 'tokens');
  const parts: { tokens: Annotation<unknown>[][]; strings: string[][] }[] = [];
  let current: { tokens: Annotation<unknown>[][]; strings: string[][] } = { tokens: [], strings: [] };
  let size = 0;
  for (const sentence of getLayer(doc, 'sentences')) {
    const { firstToken, tokenCount } = sentence.data;
    if (tokenCount === 0) continue;
    if (size > 0 && size + tokenCount > maxTokens) {
      parts.push(current);
      current = { tokens: [], strings: [] };
      size = 0;
    }
    const sentenceTokens = tokens.slice(firstToken, firstToken + tokenCount);
    current.tokens.push(sentenceTokens);
    current.strings.push(sentenceTokens.map((t) => doc.text.slice(t.start, t.end)));
    size += tokenCount;
  }
  if (size > 0) parts.push(current);
  return parts;
}

/**
 * The `entities` stage: people, organizations, places and other names (CoNLL's PER, ORG, LOC, MISC)
 * found by the NER model over the document's tokens, as spans from the first token's start to the last
 * token's end, each with a confidence.
 */
export const entitiesStage = defineStage<EntitiesOptions>({
  name: 'entities',
  // 2: the BILOU model with towns in its name lists (other entities), so reanalyze recomputes them.
  version: '2',
  requires: ['sentences', 'tokens'],
  provides: ['entities'],
  defaults: ENTITIES_DEFAULTS,
  run(doc, options, resources) {
    const model = resources.ner;
    if (!model) {
      throw new ParleyError('E_MODEL_MISSING', 'The "entities" stage needs the NER model, and resources.ner is not set.', 'Load it with `new ResourceLoader().nerModel()` (src/resources) and pass `{ ner }` as the resources of runPipeline.');
    }
    if (!(options.minConfidence >= 0 && options.minConfidence <= 1)) {
      throw new ParleyError('E_OPTION', `Option minConfidence of stage "entities" is ${String(options.minConfidence)}.`, 'Give a number from 0 to 1.');
    }
    if (!Number.isInteger(options.maxContextTokens) || options.maxContextTokens < 1) {
      throw new ParleyError('E_OPTION', `Option maxContextTokens of stage "entities" is ${String(options.maxContextTokens)}.`, 'Give a whole number of at least 1.');
    }
    const entities: Annotation<EntityData>[] = [];
    for (const part of sentenceParts(doc, options.maxContextTokens)) {
      const tagged = model.tagDocument(part.strings);
      tagged.forEach(({ tags, margins }, s) => {
        const tokens = part.tokens[s]!;
        for (const span of spansFromTags(tags)) {
          const confidence = model.confidence(spanMargin(margins, span.start, span.end));
          if (confidence < options.minConfidence) continue;
          entities.push({ start: tokens[span.start]!.start, end: tokens[span.end - 1]!.end, data: { type: span.type, confidence: Math.round(confidence * 1000) / 1000 } });
        }
      });
    }
    return { layers: { entities } };
  },
});
