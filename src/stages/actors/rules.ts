/**
 * The small word lists and numbers the `actors` stage decides with. The large tables (countries, agents,
 * named actors, bodies, nicknames) are data files under data/actors/.
 */

/** Words that may stand before a title and belong to it ("Vice Premier", "Deputy Foreign Minister"). */
export const TITLE_MODIFIERS: ReadonlySet<string> = new Set(['vice', 'deputy', 'acting', 'former', 'first', 'assistant', 'chief', 'senior', 'executive', 'under', 'associate', 'interim', 'principal', 'lieutenant', 'outgoing', 'incoming']);

/**
 * Words after which a capital city is a place, not its government: "talks in Beijing" (a place) but
 * "Washington and Beijing have traded accusations" (two governments).
 */
export const LOCATIVE_WORDS: ReadonlySet<string> = new Set(['in', 'at', 'near', 'inside', 'outside', 'around', 'across', 'throughout', 'via', 'into', 'visit', 'visits', 'visited', 'visiting', 'arrived', 'arrive', 'arrives', 'arriving', 'landed', 'downtown', 'central', 'flew', 'travelled', 'traveled', 'based']);

/** Words after a capital that make it a place ("Beijing-based", "the Washington area"). */
export const LOCATIVE_FOLLOWERS: ReadonlySet<string> = new Set(['based', 'area', 'region', 'suburbs', 'streets', 'residents', 'airport', 'district', 'city', 'state', 'metropolitan']);

/** Agent head words that name a group even in the singular ("the government", "state media"). */
export const COLLECTIVE_AGENT_HEADS: ReadonlySet<string> = new Set(['media', 'government', 'administration', 'police', 'army', 'military', 'parliament', 'congress', 'opposition', 'press', 'cabinet', 'regime', 'junta', 'authorities', 'leadership', 'legislature', 'senate', 'navy', 'coalition', 'public', 'people']);

/** Determiners dropped from the front of names and titles. */
export const DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an']);

/** The possessive token the tokenizer splits off ("China" "'s"). */
export const POSSESSIVE = "'s";

/**
 * How much a mention's confidence keeps of the NER confidence (or of MATCH_CONFIDENCE for phrases found
 * without NER), by where its code comes from.
 */
export const CODE_CONFIDENCE = {
  /** A dated dictionary code whose period covers the article's date, or the user's own list. */
  dictionary: 1,
  /** An undated dictionary code. */
  undated: 0.95,
  /** A country (or its adjective, or a government body) named in so many words. */
  country: 0.95,
  /** Country + role from a title or an agent noun ("Chinese Vice Premier" → CHNGOV). */
  composed: 0.85,
  /** A capital standing for its government. */
  capital: 0.8,
  /** No period covers the article's date: the nearest was taken. */
  nearest: 0.6,
  /** No code: only the name is known. */
  none: 0.5,
} as const;

/** Confidence of a phrase found in the dictionaries without an NER entity behind it. */
export const MATCH_CONFIDENCE = 0.9;
