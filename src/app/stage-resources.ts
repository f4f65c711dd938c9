import type { Resources } from '../pipeline/stage.js';
import { ResourceLoader } from '../resources/index.js';
import type { UserTaxonomyText } from '../resources/themes.js';

/**
 * The resources of the analysis stages, by the name a stage reads them under, and how each is loaded.
 * A stage that needs a new resource adds its line here (and its loader method in src/resources). The
 * object handed to the pipeline loads each resource the first time a stage reads it, so a pipeline of a
 * few stages loads only what those stages use.
 */

export interface ResourceSettings {
  /** A user's actor list (`--actors FILE`); undefined: $PARLEY_ACTORS, else none. */
  readonly actorsFile?: string | null;
  /** A user's theme taxonomy file (`--themes FILE`), extending the built-in one; null for the built-in. */
  readonly themesFile?: string | null;
  /** A user's taxonomy as text (one an archive remembers, see archive-taxonomy.ts); it wins over themesFile. */
  readonly themesText?: UserTaxonomyText | null;
  /** Where the trained models are (default: the project's models/). */
  readonly modelsDirectory?: string;
}

/** Every key of Resources must have a loader: a stage declaring a new resource fails to compile until it is added here. */
type Loaders = { readonly [K in keyof Resources]-?: (loader: ResourceLoader, settings: ResourceSettings) => NonNullable<Resources[K]> };

export const STAGE_RESOURCES: Loaders = {
  ner: (loader) => loader.nerModel(),
  actors: (loader, settings) => loader.actors(settings.actorsFile !== undefined ? { userFile: settings.actorsFile } : {}),
  themes: (loader, settings) => loader.themeTaxonomy(settings.themesText ?? settings.themesFile ?? null),
  tone: (loader) => loader.toneLexicon(),
  events: (loader) => loader.eventResources(),
  gazetteer: (loader) => loader.gazetteer(),
};

export function lazyResources(settings: ResourceSettings = {}, loader = new ResourceLoader(settings.modelsDirectory)): Resources {
  const resources: Record<string, unknown> = {};
  for (const [name, load] of Object.entries(STAGE_RESOURCES) as [string, (l: ResourceLoader, s: ResourceSettings) => unknown][]) {
    let value: unknown;
    Object.defineProperty(resources, name, { enumerable: true, get: () => (value ??= load(loader, settings)) });
  }
  return resources as Resources;
}
