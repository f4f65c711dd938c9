import type { Document } from '../../model/document.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import '../entities/entities.js';
import type { ActorDictionary } from './dictionary.js';
import { findMentions } from './find.js';
import './mention.js';
import { mergeMentions } from './merge.js';
import { placeUnnamedActors } from './unnamed.js';
import { readWords } from './words.js';

declare module '../../pipeline/stage.js' {
  interface Resources {
    /** The actor dictionaries (see src/resources: `new ResourceLoader().actors()`). */
    readonly actors?: ActorDictionary;
  }
}

export interface ActorsOptions {
  /**
   * The day (YYYY-MM-DD) that picks among dated actor codes when the article has no date of its own;
   * null: the day the stage runs.
   */
  readonly fallbackDate: string | null;
}

export const ACTORS_DEFAULTS: ActorsOptions = { fallbackDate: null };

const DAY = /^\d{4}-\d{2}-\d{2}/;

/** The article's publication day, else the fallback, else today (UTC). */
export function articleDay(doc: Document, fallback: string | null): string {
  const published = doc.article.published;
  if (published && DAY.test(published)) return published.slice(0, 10);
  if (fallback) return fallback;
  return new Date().toISOString().slice(0, 10);
}

/**
 * The `actors` stage: who each name is. Finds the people, organizations, groups, bodies and countries an
 * article names, merges the mentions of each into one entity, and codes each entity with a CAMEO-style
 * actor code (USAGOV, CHNMED, IGOUNO, ...) from the actor dictionaries, the article's date picking among
 * dated codes. Adds the `mentions` layer (see mention.ts).
 */
export const actorsStage = defineStage<ActorsOptions>({
  name: 'actors',
  // 2: actors named without their country take it from their sentence, the dateline or the article's focus.
  version: '2',
  requires: ['sentences', 'tokens', 'entities'],
  provides: ['mentions'],
  // English models, lexicons and dictionaries: other languages are not read as English.
  languages: ['en'],
  defaults: ACTORS_DEFAULTS,
  run(doc, options, resources) {
    const dictionary = resources.actors;
    if (!dictionary) {
      throw new ParleyError('E_MODEL_MISSING', 'The "actors" stage needs the actor dictionaries, and resources.actors is not set.', 'Load them with `new ResourceLoader().actors()` (src/resources) and pass `{ actors }` with the other resources of runPipeline.');
    }
    if (options.fallbackDate !== null && !DAY.test(options.fallbackDate)) {
      throw new ParleyError('E_OPTION', `Option fallbackDate of stage "actors" is ${String(options.fallbackDate)}.`, 'Give a day as YYYY-MM-DD, or null for today.');
    }
    const article = readWords(doc, dictionary);
    const found = findMentions({ article, dictionary, text: doc.text, day: articleDay(doc, options.fallbackDate) });
    placeUnnamedActors(found, article, doc.text);
    return { layers: { mentions: mergeMentions(found, dictionary) } };
  },
});
