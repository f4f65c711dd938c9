import type { Annotation } from './span.js';
import type { BlockType } from './article.js';

/** One block of the article body (paragraph, heading, list, ...), as a span of the document text. */
export interface BlockData {
  readonly type: BlockType;
  /** Heading level (1-6) for headings. */
  readonly level?: number;
}

/**
 * The data type of each named layer. Stages that add a layer extend this interface with declaration
 * merging in their own module, so the layer names and their data stay typed without a runtime registry:
 *
 *   declare module '../../model/layers.js' { interface LayerTypes { sentences: SentenceData } }
 */
export interface LayerTypes {
  blocks: BlockData;
}

export type LayerName = keyof LayerTypes;

/** A layer: annotations of one kind, sorted by start offset. */
export type Layer<N extends LayerName = LayerName> = readonly Annotation<LayerTypes[N]>[];

export type Layers = { readonly [N in LayerName]?: Layer<N> };
