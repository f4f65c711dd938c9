import { BLOCK_SEPARATOR, type Article } from './article.js';
import type { Layer, LayerName, Layers, LayerTypes } from './layers.js';
import type { Annotation } from './span.js';

/** A problem with one document, recorded on it so that a batch can go on. */
export interface DocumentMessage {
  readonly stage: string;
  readonly code: string;
  readonly message: string;
  readonly severity: 'warning' | 'error';
}

export interface StageStamp {
  readonly name: string;
  readonly version: string;
}

/**
 * The one model every stage reads and writes: one canonical text, the article it came from, and named
 * layers of spans over that text. Documents are immutable; a stage's result yields a new document.
 */
export interface Document {
  readonly text: string;
  readonly article: Article;
  readonly layers: Layers;
  readonly messages: readonly DocumentMessage[];
  /** The stages (and their versions) that produced the layers, in run order. */
  readonly stages: readonly StageStamp[];
}

export function getLayer<N extends LayerName>(doc: Document, name: N): Layer<N> {
  return (doc.layers[name] ?? []) as Layer<N>;
}

/** Builds a document from an article: its text, and a `blocks` layer with one span per body block. */
export function documentFromArticle(article: Article, extractor: StageStamp): Document {
  const blocks: Annotation<LayerTypes['blocks']>[] = [];
  let offset = 0;
  for (const block of article.blocks) {
    const data = block.type === 'heading' ? { type: block.type, level: block.level } : { type: block.type };
    blocks.push({ start: offset, end: offset + block.text.length, data });
    offset += block.text.length + BLOCK_SEPARATOR.length;
  }
  return freezeDocument({
    text: article.text,
    article,
    layers: { blocks },
    messages: [],
    stages: [extractor],
  });
}

export function freezeDocument(doc: Document): Document {
  for (const layer of Object.values(doc.layers)) Object.freeze(layer);
  Object.freeze(doc.layers);
  Object.freeze(doc.messages);
  Object.freeze(doc.stages);
  return Object.freeze(doc);
}
