/** Parley's public library API. */
export { extract, extractDocument, EXTRACTOR, type ExtractOptions } from './extract/index.js';
export { DEFAULT_LIMITS, type ExtractLimits } from './extract/limits.js';
export type { HttpHeaders } from './extract/headers.js';
export type * from './model/article.js';
export { blocksToText } from './model/article.js';
export type { Document, DocumentMessage, StageStamp } from './model/document.js';
export { documentFromArticle, getLayer } from './model/document.js';
export type { Annotation, Span } from './model/span.js';
export { spanText } from './model/span.js';
export type { Layer, LayerName, LayerTypes, Layers, BlockData } from './model/layers.js';
export { defineStage, type Stage, type StageOutput, type Resources } from './pipeline/stage.js';
export { buildPipeline, step, type Pipeline, type StageConfig } from './pipeline/build.js';
export { runPipeline } from './pipeline/run.js';
export { ParleyError, ERROR_CODES, type ErrorCode } from './pipeline/errors.js';
export { blocksToMarkdown } from './render/markdown.js';
