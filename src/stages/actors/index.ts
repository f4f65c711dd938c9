/**
 * The `actors` stage: who each name is (merged mentions, roles, countries, CAMEO-style actor codes).
 */
export { actorsStage, ACTORS_DEFAULTS, articleDay, type ActorsOptions } from './actors.js';
export { ActorDictionary, type ActorDictionaryTexts, type ActorRecord, type BodyEntry, type Country, type PlaceEntry, type PlaceKind } from './dictionary.js';
export { documentActors, type DocumentActor } from './document-actors.js';
export { pickCode, type DatedCode } from './dates.js';
export { parseUserActors, type UserActor } from './user-actors.js';
export type { ActorType, MentionData, MentionKind } from './mention.js';
export { ACTOR_TYPES } from './mention.js';
