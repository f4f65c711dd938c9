/**
 * The `events` stage: CAMEO and PLOVER events coded per sentence from the CAMEO verb patterns, a
 * part-of-speech tagger and the actors of the `mentions` layer.
 */
export { eventsStage, EVENTS_DEFAULTS, type EventsOptions } from './events.js';
export { codeSentence, compound, type ActorSlot, type CodedEvent, type SentenceInput } from './coder.js';
export { EventLexicon, regularForms } from './lexicon.js';
export { eventDate, articleDay } from './dates.js';
export type { EventActor, EventData, QuadClass } from './event.js';
