/**
 * The word tables of the tone stage (hand-written for Parley; the values follow the rules VADER's
 * authors describe in Hutto & Gilbert, ICWSM 2014: a negation within three words flips a word's
 * polarity and weakens it to about three quarters; an intensifier strengthens the next word, a
 * downtoner weakens it). Words are lower case; "n't" is its own token (the tokenizer splits "don't").
 */

/** Words that negate the sentiment of a word up to NEGATION_WINDOW words after them. */
export const NEGATORS: ReadonlySet<string> = new Set([
  'not', "n't", 'no', 'never', 'nor', 'neither', 'without', 'none', 'nobody', 'nothing', 'nowhere', 'cannot', 'hardly', 'scarcely', 'lack', 'lacks', 'lacked',
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'wont', 'cant', 'couldnt', 'shouldnt', 'wouldnt', 'aint',
]);

export const NEGATION_WINDOW = 3;
/** A negated word counts on the opposite side, at this share of its weight ("not good" is milder than "bad"). */
export const NEGATION_SCALE = 0.75;

/** Intensifiers: how much stronger they make the sentiment word right after them. */
export const BOOSTERS: ReadonlyMap<string, number> = new Map([
  ['very', 0.3], ['extremely', 0.5], ['highly', 0.3], ['deeply', 0.3], ['strongly', 0.3], ['really', 0.2], ['so', 0.2], ['too', 0.2],
  ['absolutely', 0.4], ['completely', 0.4], ['totally', 0.4], ['utterly', 0.5], ['entirely', 0.3], ['incredibly', 0.4], ['exceptionally', 0.4],
  ['particularly', 0.2], ['especially', 0.2], ['most', 0.3], ['more', 0.15], ['hugely', 0.4], ['immensely', 0.4], ['remarkably', 0.3],
  ['seriously', 0.3], ['severely', 0.4], ['gravely', 0.4], ['truly', 0.3], ['increasingly', 0.2], ['major', 0.2],
]);

/** Downtoners: how much weaker they make the sentiment word right after them (a factor below 1). */
export const DOWNTONERS: ReadonlyMap<string, number> = new Map([
  ['slightly', 0.5], ['somewhat', 0.6], ['barely', 0.4], ['marginally', 0.5], ['partly', 0.6], ['partially', 0.6], ['a bit', 0.6],
  ['little', 0.6], ['mildly', 0.5], ['fairly', 0.8], ['rather', 0.8], ['relatively', 0.7], ['moderately', 0.7], ['less', 0.6], ['kind of', 0.6], ['sort of', 0.6],
]);

/** A modifier two words before the sentiment word counts at this share ("very, very good" or "very much welcomed"). */
export const SECOND_WORD_SHARE = 0.5;

/** Words that end the reach of a negation or modifier (a new clause starts). */
export const CLAUSE_BREAKS: ReadonlySet<string> = new Set(['but', 'however', 'yet', 'although', 'though', 'while', 'whereas']);

/**
 * First-person pronouns (self/group reference). "us" counts only when written in lower case: "US" in a
 * headline is the United States.
 */
export const FIRST_PERSON: ReadonlySet<string> = new Set(['i', 'me', 'my', 'mine', 'myself', 'we', 'us', 'our', 'ours', 'ourselves']);
export const CASE_SENSITIVE_FIRST_PERSON: ReadonlySet<string> = new Set(['us']);
