import type { Resources } from '../../pipeline/stage.js';
import type { ResourceLoader } from '../../resources/index.js';
import '../../stages/index.js';

/**
 * The resources of the analysis stages, each loaded by the loader the first time a stage reads it
 * (a document whose stages need no dictionary loads none). A stage that adds a resource adds its line
 * here; a resource without a line makes its stage fail with the stage's own E_MODEL_MISSING message.
 */
export interface ResourceSettings {
  /** A user's actor list (else the PARLEY_ACTORS environment variable, else none). */
  readonly actorsFile?: string | null;
  /** A user's theme taxonomy. */
  readonly themesFile?: string | null;
}

type Loaders = { readonly [K in keyof Resources]?: (loader: ResourceLoader, settings: ResourceSettings) => Resources[K] };

const LOADERS: Loaders = {
  ner: (loader) => loader.nerModel(),
  actors: (loader, settings) => loader.actors(settings.actorsFile !== undefined ? { userFile: settings.actorsFile } : {}),
  themes: (loader, settings) => loader.themeTaxonomy(settings.themesFile ?? null),
  tone: (loader) => loader.toneLexicon(),
  events: (loader) => loader.eventResources(),
};

export function lazyResources(loader: ResourceLoader, settings: ResourceSettings = {}): Resources {
  const resources = {};
  for (const [name, load] of Object.entries(LOADERS) as [keyof Resources, (l: ResourceLoader, s: ResourceSettings) => unknown][]) {
    let value: unknown;
    let loaded = false;
    Object.defineProperty(resources, name, {
      enumerable: true,
      get() {
        if (!loaded) {
          value = load(loader, settings);
          loaded = true;
        }
        return value;
      },
    });
  }
  return resources as Resources;
}
