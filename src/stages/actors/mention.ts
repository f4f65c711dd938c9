/**
 * The `mentions` layer: every place the article names, titles or refers to an actor, and the entity each
 * mention resolves to. Later stages (quotes, events) read actors only through this layer.
 */

/** How the mention names its entity. */
export type MentionKind =
  | 'name' // "John Kerry", "Kerry", "the State Department"
  | 'title' // "the secretary", "the vice premier" (a role standing for its holder)
  | 'pronoun' // "he", "she", "they"
  | 'demonym' // "Chinese" in "Chinese state media", "Sino-" in "Sino-U.S."
  | 'capital' // "Washington", "Beijing" used for a government
  | 'body'; // "the State Department", "the Pentagon": a government body

/** What the entity is. */
export type ActorType = 'person' | 'organization' | 'country' | 'location' | 'other';
/** Every actor type, in the order lists and choices show them. */
export const ACTOR_TYPES: readonly ActorType[] = ['person', 'organization', 'country', 'location', 'other'];

export interface MentionData {
  /** Index of the entity in the document: every mention of one entity carries the same number. */
  readonly entity: number;
  readonly kind: MentionKind;
  readonly type: ActorType;
  /** The entity's canonical name ("John Kerry" for every mention of him, "China" for "Chinese"). */
  readonly name: string;
  /** CAMEO-style actor code (USAGOV, CHN, CHNMED, UNO, ...) or null when unknown. */
  readonly code: string | null;
  /** Title or role held by the entity ("Secretary of State", "Vice Premier"), when the article gives one. */
  readonly role?: string;
  readonly confidence: number;
}

declare module '../../model/layers.js' {
  interface LayerTypes {
    mentions: MentionData;
  }
}
