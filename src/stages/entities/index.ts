/**
 * The `entities` stage and the NER model behind it: a two-pass averaged-perceptron tagger over rich
 * features (see features.ts), BILOU-constrained Viterbi decoding, and entity confidences.
 */
export { entitiesStage, ENTITIES_DEFAULTS, type EntitiesOptions, type EntityData } from './entities.js';
export { NerModel, type TaggedSentence } from './model.js';
export { ENTITY_TYPES, TAGS, iob2Tags, spansFromTags, type EntityType, type TokenSpan } from './tags.js';
export { spanMargin, viterbi } from './decode.js';
export { Gazetteer, gazetteerKey } from './gazetteer.js';
export { WordTable, type WordEntry } from './words.js';
export { classifyConllLine, conllLineProblem, parseLabeledConll, DOCSTART, type ConllLine, type LabeledDocument } from './conll.js';
