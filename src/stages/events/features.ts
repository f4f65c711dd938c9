import type { EventLexicon } from './lexicon.js';
import { verbActors, voiceAndNegation, type CodedEvent, type SentenceInput } from './coder.js';
import { AUXILIARIES, CLAUSE_BREAKS, HEADLINE_CASE_SHARE, HEADLINE_SMALL_WORDS, NEGATORS, REPORTING_LEMMAS, SUBORDINATORS } from './rules.js';

/**
 * What the learned event coder sees of one candidate trigger (a verb, or a noun the CAMEO dictionary
 * knows as a verb form, such as "talks" or "strike"): its words and lemma, the pattern coder's code for
 * it, the modality, negation and voice of its auxiliary chain, the verb that governs it ("threatened to
 * [impose]") or that it governs ("[pledged] to provide"), its clause (main, reporting, subordinate),
 * whether it has a subject and an object actor, and the sentence's other words. Actor names are never
 * features (an actor's tokens read as ACTOR): the coder learns acts, not who did them.
 */

export const FEATURE_VERSION = 2;

const lower = (w: string): string => w.toLowerCase();
const isVerb = (tag: string): boolean => tag.startsWith('VB');

/**
 * Whether a sentence is written in headline case ("US, China Discuss Cyber Security", "Kenya to Free
 * Jailed Reporters"): most of its words outside actor names start upper case, short function words
 * (which headline styles leave lower case) not counted.
 */
export function isHeadlineCase(words: readonly string[], inActor: (k: number) => boolean): boolean {
  let free = 0;
  let capitalized = 0;
  words.forEach((w, k) => {
    if (!/^\p{L}/u.test(w) || inActor(k) || HEADLINE_SMALL_WORDS.has(w.toLowerCase())) return;
    free++;
    if (/^\p{Lu}/u.test(w)) capitalized++;
  });
  return free >= 3 && capitalized >= free * HEADLINE_CASE_SHARE;
}

/** The candidate triggers of a sentence: token indices, in order. */
export function candidates(input: SentenceInput, lexicon: EventLexicon, upper: readonly string[]): number[] {
  const inActor = actorMask(input);
  const out: number[] = [];
  for (let i = 0; i < input.words.length; i++) {
    if (inActor[i]) continue;
    const tag = input.tags[i]!;
    const word = lower(input.words[i]!);
    if (isVerb(tag) && !AUXILIARIES.has(word)) out.push(i);
    else if (tag.startsWith('NN') && lexicon.sensesOf(upper[i]!).length > 0) out.push(i);
  }
  return out;
}

function actorMask(input: SentenceInput): Uint8Array {
  const mask = new Uint8Array(input.words.length);
  for (const a of input.actors) for (let k = a.first; k <= a.last; k++) mask[k] = 1;
  return mask;
}

/** A rough lemma: the CAMEO dictionary's lemma of the form, else the word without its inflection. */
export function lemmaOf(lexicon: EventLexicon, word: string): string {
  const sense = lexicon.sensesOf(word.toUpperCase())[0];
  if (sense) return sense.lemma.toLowerCase();
  const w = lower(word);
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ied')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

export interface SentenceContext {
  readonly input: SentenceInput;
  readonly upper: readonly string[];
  readonly lemmas: readonly string[];
  readonly mask: Uint8Array;
  /** The pattern coder's best event at each token (by confidence), if any. */
  readonly coded: ReadonlyMap<number, CodedEvent>;
  /** Sentence-wide features, shared by every candidate. */
  readonly shared: readonly string[];
  readonly candidates: readonly number[];
}

export function sentenceContext(input: SentenceInput, lexicon: EventLexicon, coded: readonly CodedEvent[]): SentenceContext {
  const upper = input.words.map((w) => w.toUpperCase());
  const mask = actorMask(input);
  const lemmas = input.words.map((w, k) => (mask[k] ? 'ACTOR' : lemmaOf(lexicon, w)));
  const best = new Map<number, CodedEvent>();
  for (const e of coded) if (!e.reverse && (!best.has(e.verbFirst) || best.get(e.verbFirst)!.confidence < e.confidence)) best.set(e.verbFirst, e);
  const shared = new Set<string>();
  if (isHeadlineCase(input.words, (k) => mask[k] === 1)) shared.add('headline');
  if (input.actors.length === 1) shared.add('oneActor');
  return { input, upper, lemmas, mask, coded: best, shared: [...shared], candidates: candidates(input, lexicon, upper) };
}

/** The governing verb of an infinitive at i ("urged Iran to [release]": urge), or null. */
function governor(context: SentenceContext, chainStart: number): number | null {
  const { words, tags } = context.input;
  if (chainStart === 0 || lower(words[chainStart - 1]!) !== 'to') return null;
  for (let k = chainStart - 2; k >= Math.max(0, chainStart - 8); k--) {
    if (isVerb(tags[k]!) && !AUXILIARIES.has(lower(words[k]!))) return k;
    if (CLAUSE_BREAKS.has(lower(words[k]!))) return null;
  }
  return null;
}

/**
 * The verb this one governs through "to" or "that" ("[pledged] to provide", "[demanded] that Iran
 * withdraw"), or for a reporting verb the first verb of what it reports ("[said] India had threatened"),
 * or null.
 */
function complement(context: SentenceContext, i: number): { at: number; via: string } | null {
  const { words, tags } = context.input;
  if (REPORTING_LEMMAS.has(context.lemmas[i]!)) {
    for (let k = i + 1; k < Math.min(words.length, i + 13); k++) {
      const w = lower(words[k]!);
      if (w === ';' || w === '.' || w === '"' || w === '”') return null;
      if (isVerb(tags[k]!) && !AUXILIARIES.has(w)) return { at: k, via: w === 'to' ? 'to' : 'report' };
    }
    return null;
  }
  for (let k = i + 1; k < Math.min(words.length, i + 9); k++) {
    const w = lower(words[k]!);
    if (w === 'to' && isVerb(tags[k + 1] ?? '')) return { at: k + 1, via: 'to' };
    if (w === 'that') {
      for (let j = k + 1; j < Math.min(words.length, k + 10); j++) if (isVerb(tags[j]!) && !AUXILIARIES.has(lower(words[j]!))) return { at: j, via: 'that' };
      return null;
    }
    if (isVerb(tags[k]!) && !AUXILIARIES.has(w) && tags[k] !== 'VBN' && tags[k] !== 'VBG') return null;
    if (w === ',' || w === ';' || w === '.') return null;
  }
  return null;
}

/** The features of candidate i. */
export function candidateFeatures(context: SentenceContext, i: number): string[] {
  const { input, lemmas, mask, coded } = context;
  const { words, tags } = input;
  const word = (k: number): string => (k < 0 ? '<s>' : k >= words.length ? '</s>' : mask[k] ? 'ACTOR' : lower(words[k]!));
  const lemma = lemmas[i]!;
  const f: string[] = ['bias', 'w=' + lower(words[i]!), 'l=' + lemma, 't=' + tags[i]!, 'p1=' + word(i - 1), 'n1=' + word(i + 1), 'n2=' + word(i + 2), 'p2=' + word(i - 2), 'n12=' + word(i + 1) + '_' + word(i + 2)];
  const own = coded.get(i);
  if (own) f.push('pc=' + own.code, 'pcr=' + own.code.slice(0, 2), 'pcl=' + lemma + '_' + own.code.slice(0, 2));
  else f.push('pc=none');
  const voice = voiceAndNegation(words, tags, i);
  let modal = 'none';
  for (let k = voice.chainStart; k < i; k++) {
    const w = lower(words[k]!);
    if (tags[k] === 'MD' || w === 'will' || w === 'would') modal = w;
  }
  f.push('md=' + modal, 'md_l=' + modal + '_' + lemma);
  // The word just before the auxiliary chain: the subject's head when it is no actor ("the economy would grow").
  const head = voice.chainStart > 0 ? voice.chainStart - 1 : -1;
  if (head >= 0 && modal !== 'none') f.push('subjw=' + (mask[head] ? 'ACTOR' : lower(words[head]!)));
  if (voice.negated) f.push('neg', 'neg_l=' + lemma);
  if (voice.passive) f.push('passive');
  const gov = governor(context, voice.chainStart);
  if (gov !== null) {
    f.push('inf', 'gov=' + lemmas[gov]!, 'gov_l=' + lemmas[gov]! + '_' + lemma);
    const govCoded = coded.get(gov);
    if (govCoded) f.push('govpc=' + govCoded.code.slice(0, 2));
    for (let k = gov + 1; k < voice.chainStart; k++) if (NEGATORS.has(lower(words[k]!))) f.push('govneg');
  }
  const comp = complement(context, i);
  if (comp) {
    f.push('comp=' + comp.via + '_' + lemmas[comp.at]!, 'compvia=' + comp.via);
    // An actor between the two verbs is the complement's own subject: the act is someone else's.
    for (let k = i + 1; k < comp.at; k++) if (mask[k]) { f.push('compsubj'); break; }
    const compCoded = coded.get(comp.at);
    if (compCoded) f.push('comppc=' + compCoded.code.slice(0, 2), 'comppc_l=' + lemma + '_' + compCoded.code.slice(0, 2));
  }
  if (REPORTING_LEMMAS.has(lemma)) f.push('report');
  // The clause: the nearest subordinator or reporting verb before the candidate.
  let clause = 'main';
  for (let k = i - 1; k >= 0; k--) {
    const w = lower(words[k]!);
    if (SUBORDINATORS.has(w)) { clause = 'sub=' + w; break; }
    if (isVerb(tags[k]!) && REPORTING_LEMMAS.has(lemmas[k]!)) { clause = 'afterReport'; break; }
  }
  f.push('clause=' + clause);
  const earlierCandidates = context.candidates.filter((k) => k < i).length;
  f.push('rank=' + Math.min(earlierCandidates, 3));
  const { subject, object } = verbActors(input, i, i);
  f.push(subject ? 'subj' : 'nosubj', object ? 'obj' : 'noobj');
  if (subject && object) f.push('subjobj');
  // The words that follow (the object and its frame: "aid", "sanctions", "talks"), up to the clause end.
  for (let k = i + 1; k < Math.min(words.length, i + 7); k++) {
    if (mask[k]) continue;
    const w = lower(words[k]!);
    if (w === '.' || w === ';') break;
    if (/^\p{L}{3,}$/u.test(w)) f.push('a=' + lemmas[k]!);
  }
  for (let k = i + 1; k < Math.min(words.length, i + 6); k++) {
    if (!mask[k] && tags[k]!.startsWith('NN')) { f.push('o=' + lemmas[k]!, 'l_o=' + lemma + '_' + lemmas[k]!); break; }
  }
  for (const s of context.shared) f.push(s);
  return f;
}
