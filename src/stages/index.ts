import type { Stage } from '../pipeline/stage.js';
import { actorsStage } from './actors/actors.js';
import { entitiesStage } from './entities/entities.js';
import { eventsStage } from './events/events.js';
import { eventPlacesStage } from './places/event-places.js';
import { placesStage } from './places/places.js';
import { quotesStage } from './quotes/quotes.js';
import { sentencesStage } from './sentences/sentences.js';
import { themesStage } from './themes/themes.js';
import { toneStage } from './tone/tone-stage.js';

/**
 * The entities stage's model was trained on English news (CoNLL-2003): on other languages it abstains
 * (see Stage.languages), like every English-only stage. Declared here while the stage's own definition
 * does not say it.
 */
function englishOnly<S extends Stage>(stage: S): S {
  return stage.languages ? stage : (Object.freeze({ ...stage, languages: Object.freeze(['en']) }) as S);
}

/**
 * Every analysis stage, in run order (each one's `requires` are provided by those before it).
 * `parley analyze`, `parley ingest` and `parley reanalyze` run this list.
 */
export const ANALYSIS_STAGES: readonly Stage[] = [sentencesStage, englishOnly(entitiesStage), actorsStage, quotesStage, themesStage, toneStage, eventsStage, placesStage, eventPlacesStage] as readonly Stage[];
