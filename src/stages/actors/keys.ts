/**
 * Lookup keys shared by the dictionary builder (scripts/actors) and the `actors` stage, so that a phrase
 * written in a dictionary and the same phrase in an article meet on the same key: lower case, accents
 * removed, words separated by one space. Periods, hyphens and apostrophes inside words are kept
 * ("u.s.", "ki-moon", "people's").
 */

/** The key of one word (a token of the article, or a word of a dictionary phrase). */
export function wordKey(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
}

/**
 * Splits a dictionary phrase into words the way the sentence tokenizer splits article text: on spaces
 * and underscores, with brackets, commas and quotes as words of their own and a possessive "'s" apart.
 */
export function phraseWords(phrase: string): string[] {
  return phrase
    .replace(/_/g, ' ')
    .replace(/([()[\],;:"])/g, ' $1 ')
    .replace(/(\S)('s)(?=\s|$)/gi, '$1 $2')
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** The key of a whole phrase: its word keys joined by one space. */
export function phraseKey(phrase: string): string {
  return phraseWords(phrase).map(wordKey).join(' ');
}
