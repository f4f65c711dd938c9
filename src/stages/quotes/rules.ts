/**
 * Word classes the quote finder uses to read the words around a cue verb without a parser: what may
 * stand between a speaker and the cue ("has also said"), where a speaker phrase starts ("the", "his"),
 * what ends it ("and", "that"), and the phrases between a cue and its content ("on Tuesday", "in a
 * statement"). All lower-case.
 */

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/** Words that may stand between the speaker and the cue: "Kerry has also said", "she later told". */
export const BETWEEN_SPEAKER_AND_CUE = words(`
  also later then once again still even never often previously already just since recently repeatedly
  has have had was were is are be been being would will could can may might must should shall did does do not n't
  'd 've 'll first further earlier quickly flatly publicly privately simply frankly bluntly openly finally last`);

/** Relative words after a speaker: "Kerry, who met Wang, said". */
export const RELATIVE_WORDS = words('who which that');

/** Words that begin a speaker phrase and belong to it. */
export const DETERMINERS = words(`
  the a an this these those his her its their our my your some many several other another each every both
  no any few all most one two three four five six seven eight nine ten`);

/** Words that end a speaker phrase when reading outwards (they belong to the clause, not to the name). */
export const PHRASE_BREAKERS = words(`
  and or but nor so yet if because although though while when whenever where as than that which who whom whose
  what why how to in on at by for with from into onto about after before during under over against between
  through without within upon since until also not n't is are was were be been being has have had do does did
  will would can could may might must should shall it there here said says say told tells`);

/** Pronouns that can be speakers, by the kind of antecedent they take. */
export const PERSON_PRONOUNS = words('he she him her');
export const GROUP_PRONOUNS = words('they it we i you');

/** Prepositions that start an adjunct between a cue and its content: "said on Tuesday", "told CNN in an interview". */
export const ADJUNCT_PREPOSITIONS = words('on in at during after before while from via through over under last this earlier late early');

/** Words that alone make an adjunct: "said Tuesday", "said yesterday". */
export const ADJUNCT_WORDS = words(`
  monday tuesday wednesday thursday friday saturday sunday yesterday today tonight recently later earlier
  again also previously afterward afterwards repeatedly publicly privately flatly bluntly simply
  morning evening night afternoon week month year`);

/** The word that opens indirect content after a cue: "said that ...". */
export const COMPLEMENTIZERS = words('that');

/** Heads of speaker phrases that are not people but speak in news text: "the statement said". */
export const SPEAKING_THINGS = words(`
  statement report reports release letter memo email e-mail tweet post filing survey poll study document
  documents complaint lawsuit suit indictment ruling order announcement website site ad advertisement
  spokesman spokeswoman spokesperson official officials aide aides source sources adviser advisers advisor
  campaign media newspaper paper agency government ministry department office committee council court
  analysts experts critics supporters voters residents people witnesses police authorities`);

/** A speaker phrase is at most this many tokens. */
export const MAX_SPEAKER_TOKENS = 8;
/** An appositive between commas ("Kerry, who met Wang on Tuesday, said") is at most this many tokens. */
export const MAX_APPOSITIVE_TOKENS = 25;
/** Reported content shorter than this many words is not taken ("he said so"). */
export const MIN_REPORTED_WORDS = 3;
