import type { ActorDictionary } from '../stages/actors/dictionary.js';
import type { NerModel } from '../stages/entities/model.js';
import { loadActorDictionary, USER_ACTORS_ENV, type ActorLoadOptions } from './actors.js';
import { loadEventResources, type EventResources } from './events.js';
import { defaultModelsDirectory, loadNerModel } from './ner.js';
import type { Taxonomy } from '../stages/themes/taxonomy.js';
import type { ToneLexicon } from '../stages/tone/score.js';
import { loadBuiltinTaxonomy, loadTaxonomy, userTaxonomy, type LoadTaxonomyOptions, type UserTaxonomyText } from './themes.js';
import { loadToneLexicon } from './tone.js';
import { loadGazetteer } from './places.js';
import type { Gazetteer } from '../stages/places/gazetteer.js';

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

  private actorDictionary: ActorDictionary | null = null;

  /**
   * The actor dictionaries of data/actors/ and the user's actor list: `options.userFile`, else the file
   * named by the PARLEY_ACTORS environment variable, else none. Loaded on the first call; later calls
   * get the same dictionary whatever their options.
   */
  actors(options: ActorLoadOptions = {}): ActorDictionary {
    this.actorDictionary ??= loadActorDictionary({ ...options, userFile: options.userFile !== undefined ? options.userFile : process.env[USER_ACTORS_ENV] || null });
    return this.actorDictionary;
  }

  private taxonomy: Taxonomy | null = null;

  /**
   * The theme taxonomy: the built-in one, or a user's file (`--themes FILE`) replacing or extending it
   * (`options.mode`, default extend). Loaded on the first call; later calls get the same taxonomy. Build
   * the `themes` stage with `themesStageFor(taxonomy)` so stored results name the taxonomy they used.
   */
  themeTaxonomy(user: string | UserTaxonomyText | null = null, options: LoadTaxonomyOptions = {}): Taxonomy {
    this.taxonomy ??= user === null ? loadBuiltinTaxonomy(options.dataDirectory) : typeof user === 'string' ? loadTaxonomy(user, options) : userTaxonomy(user, options);
    return this.taxonomy;
  }

  private toneWords: ToneLexicon | null = null;

  /** The tone lexicon of data/tone/ (throws E_MODEL_MISSING / E_MODEL_CORRUPT when absent or broken). */
  toneLexicon(dataDirectory?: string): ToneLexicon {
    this.toneWords ??= loadToneLexicon(dataDirectory);
    return this.toneWords;
  }

  private eventData: EventResources | null = null;

  /** The CAMEO verb data of data/events/ and the part-of-speech model (E_MODEL_MISSING / E_MODEL_CORRUPT when absent or broken). */
  eventResources(dataDirectory?: string): EventResources {
    this.eventData ??= loadEventResources(this.modelsDirectory, dataDirectory);
    return this.eventData;
  }

  private places: Gazetteer | null = null;

  /** The places gazetteer of data/places/ (E_MODEL_MISSING / E_MODEL_CORRUPT when absent or broken). */
  gazetteer(dataDirectory?: string): Gazetteer {
    this.places ??= loadGazetteer(dataDirectory);
    return this.places;
  }
}

export { defaultModelsDirectory, loadNerModel, NER_FILES } from './ner.js';
export { ACTOR_FILES, defaultActorsDirectory, loadActorDictionary, USER_ACTORS_ENV, type ActorLoadOptions } from './actors.js';
export { defaultDataDirectory, loadBuiltinTaxonomy, loadTaxonomy, THEMES_FILE, type LoadTaxonomyOptions } from './themes.js';
export { loadToneLexicon, TONE_FILE } from './tone.js';
export { defaultEventDataDirectory, EVENT_FILES, loadEventResources, loadPosTagger, type EventResources } from './events.js';
export { GAZETTEER_FILE, loadGazetteer } from './places.js';
