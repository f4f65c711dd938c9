import type { NerModel } from '../stages/entities/model.js';
import { defaultModelsDirectory, loadNerModel } from './ner.js';

/**
 * Resources for the analysis stages (trained models, lexicons), loaded lazily and once: nothing is
 * read when Parley is imported; the first call that needs a resource loads it, later calls get the same
 * object. The composition root (CLI, app) owns a loader and hands what it loads to the pipeline as
 * `Resources`; the stages themselves never touch the disk.
 */
export class ResourceLoader {
  private ner: NerModel | null = null;

  constructor(readonly modelsDirectory: string = defaultModelsDirectory()) {}

  /** The NER model (throws E_MODEL_MISSING / E_MODEL_CORRUPT when its files are absent or broken). */
  nerModel(): NerModel {
    this.ner ??= loadNerModel(this.modelsDirectory);
    return this.ner;
  }
}

export { defaultModelsDirectory, loadNerModel, NER_FILES } from './ner.js';
