import type { Document, DocumentMessage } from '../model/document.js';
import type { LayerName, Layers } from '../model/layers.js';
import { ParleyError } from './errors.js';

/**
 * Resources a stage may need (trained models, lexicons, dictionaries). They are loaded once, outside
 * the stages, and handed in; later stages extend this interface by declaration merging.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Resources {}

export interface StageOutput {
  /** The layers this stage adds, each sorted by start offset. Only names listed in `provides`. */
  readonly layers: Layers;
  /** Problems with this document that did not stop the stage. */
  readonly messages?: readonly Omit<DocumentMessage, 'stage'>[];
}

/**
 * A named step of the analysis pipeline. `run` is pure: no network, disk or database I/O, and it does
 * not mutate the document it is given.
 */
export interface Stage<O extends object = object> {
  readonly name: string;
  /** Bumped whenever the stage's output can change; stored with results so they can be recomputed. */
  readonly version: string;
  readonly requires: readonly LayerName[];
  readonly provides: readonly LayerName[];
  readonly defaults: Readonly<O>;
  /**
   * The languages (ISO 639-1) the stage's models, lexicons and rules were built for; absent: any
   * language. On an article in another language the pipeline does not run the stage: it records a
   * STAGE_ABSTAINED message and gives the stage's layers empty (runner in run.ts). An article whose
   * language is unknown is analyzed.
   */
  readonly languages?: readonly string[];
  run(doc: Document, options: Readonly<O>, resources: Resources): StageOutput;
}

const STAGE_NAME = /^[a-z][a-z0-9-]*$/;

/** Checks a stage definition and freezes it. Throws E_STAGE_DEFINITION on a malformed stage. */
export function defineStage<O extends object>(stage: Stage<O>): Stage<O> {
  if (!STAGE_NAME.test(stage.name)) {
    throw new ParleyError('E_STAGE_DEFINITION', `Stage name "${stage.name}" is invalid.`, 'Use lower-case letters, digits and dashes.');
  }
  if (!stage.version) {
    throw new ParleyError('E_STAGE_DEFINITION', `Stage "${stage.name}" has no version.`, 'Give it a version string such as "1".');
  }
  if (stage.provides.length === 0) {
    throw new ParleyError('E_STAGE_DEFINITION', `Stage "${stage.name}" provides no layer.`, 'List the layers it adds in `provides`.');
  }
  if (stage.languages && (stage.languages.length === 0 || stage.languages.some((l) => !/^[a-z]{2,3}$/.test(l)))) {
    throw new ParleyError('E_STAGE_DEFINITION', `Stage "${stage.name}" lists languages ${JSON.stringify(stage.languages)}.`, 'List ISO 639-1 codes such as "en", or leave `languages` out for a stage that applies to any language.');
  }
  return Object.freeze({ ...stage, ...(stage.languages ? { languages: Object.freeze([...stage.languages]) } : {}), requires: Object.freeze([...stage.requires]), provides: Object.freeze([...stage.provides]), defaults: Object.freeze({ ...stage.defaults }) });
}
