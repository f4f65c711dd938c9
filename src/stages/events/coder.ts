import type { MentionData } from '../actors/mention.js';
import type { Annotation } from '../../model/span.js';
import { matchElements, type CompiledPattern, type EventLexicon, type VerbSense } from './lexicon.js';
import { AUXILIARIES, BE_FORMS, CLAUSE_BREAKS, CONFIDENCE, JOINT_ACT_CODES, NEGATED_COOPERATION_REJECTS, NEGATORS, PREPOSITIONS, RECIPROCAL_PHRASES, STATEMENT_CODES, VERB_MODIFIERS } from './rules.js';

/**
 * Sentence-level event coding in the spirit of TABARI/PETRARCH, over part-of-speech tags instead of a
 * full parse: find the verbs, code each with the most specific CAMEO pattern that matches the words
 * around it (else the verb's or its block's code), take the subject actor before the verb as source and
 * the first actor after it (or the pattern's `+` slot) as target, then apply passive voice, negation,
 * compound and reciprocal actors.
 */

/** An actor named in the sentence: tokens [first, last] (inclusive) and the mention(s) naming it. */
export interface ActorSlot {
  readonly first: number;
  readonly last: number;
  readonly mention: Annotation<MentionData>;
  /** For a plural reference ("the two sides"): the actors it stands for, each acting on its own. */
  readonly members?: readonly Annotation<MentionData>[];
}

export interface SentenceInput {
  /** Tokens as written. */
  readonly words: readonly string[];
  readonly tags: readonly string[];
  readonly actors: readonly ActorSlot[];
}

export interface CodedEvent {
  readonly source: ActorSlot | null;
  readonly target: ActorSlot | null;
  readonly code: string;
  /** Verb tokens [first, last] (inclusive). */
  readonly verbFirst: number;
  readonly verbLast: number;
  readonly negated: boolean;
  readonly confidence: number;
  /** True for the target → source event of a two-way pattern ("visited" gives 042 and the host's 043). */
  readonly reverse?: boolean;
}

const MAX_PATTERN_GAP = 3;
const TARGET_WINDOW = 12;

interface VerbMatch {
  readonly code: string | null;
  readonly reverse: string | null;
  readonly weight: number;
  readonly how: 'pattern' | VerbSense['source'];
  readonly targetAt: number | null;
  readonly sourceAt: number | null;
  readonly last: number;
}

const isVerbTag = (tag: string): boolean => tag.startsWith('VB');
const lower = (w: string): string => w.toLowerCase();

/** The best code for the verb at index i: the pattern with most words, else the verb's own code. */
function matchVerb(lexicon: EventLexicon, input: SentenceInput, upper: readonly string[], i: number, actorStarts: ReadonlySet<number>): VerbMatch | null {
  let best: VerbMatch | null = null;
  const isActor = (k: number): boolean => actorStarts.has(k);
  for (const sense of lexicon.sensesOf(upper[i]!)) {
    let last = i;
    if (sense.particles.length) {
      if (!sense.particles.every((p, k) => upper[i + 1 + k] === p)) continue;
      last = i + sense.particles.length;
    }
    for (const pattern of lexicon.patternsOf(sense.block)) {
      const post = matchElements(pattern.post, upper, last + 1, MAX_PATTERN_GAP, isActor);
      if (!post) continue;
      // A pattern that is one bare preposition ("PRESS ON") is a phrasal verb: an actor between the verb
      // and the preposition is the verb's object and the preposition its frame ("press China on trade").
      if (isBarePreposition(pattern.post) && objectBetween(upper, actorStarts, last + 1, post.end - 1)) continue;
      let preSource: number | null = null;
      if (pattern.pre.length) {
        const from = Math.max(0, i - 4 - pattern.pre.length);
        const pre = matchElements(pattern.pre, upper.slice(0, i), from, 4, isActor);
        if (!pre) continue;
        preSource = pre.source;
      }
      if (!best || pattern.weight > best.weight || (best.how !== 'pattern' && pattern.weight >= 1)) {
        if (pattern.weight === 0 && best) continue;
        best = { code: pattern.code, reverse: pattern.reverse, weight: pattern.weight, how: 'pattern', targetAt: post.target, sourceAt: post.source ?? preSource, last };
      }
    }
    if (!best && sense.code) best = { code: sense.code, reverse: null, weight: 0, how: sense.source, targetAt: null, sourceAt: null, last };
    else if (best && best.how !== 'pattern' && sense.code && rank(sense.source) > rank(best.how)) best = { ...best, code: sense.code, how: sense.source, last };
  }
  return best;
}

function isBarePreposition(post: CompiledPattern['post']): boolean {
  const only = post.length === 1 ? post[0]! : null;
  return Boolean(only && only.kind === 'words' && only.alternatives.every((words) => words.length === 1 && PREPOSITIONS.has(words[0]!.word.toLowerCase())));
}

/** The reject code a negated cooperation code stands for ("will never accept" → 120), or null. */
export function rejectionOf(code: string): string | null {
  for (let prefix = code; prefix.length >= 2; prefix = prefix.slice(0, -1)) {
    const reject = NEGATED_COOPERATION_REJECTS[prefix];
    if (reject) return reject;
  }
  return null;
}

/** Whether a direct-object actor (one not after a preposition: "press China", not "travel to Russia") starts in [from, to). */
function objectBetween(upper: readonly string[], actorStarts: ReadonlySet<number>, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (actorStarts.has(k) && !PREPOSITIONS.has(lower(upper[k - 1] ?? ''))) return true;
  return false;
}

const isJointAct = (code: string): boolean => JOINT_ACT_CODES.some((prefix) => code.startsWith(prefix));

const rank = (how: VerbMatch['how']): number => ({ pattern: 4, verb: 3, block: 2, fallback: 1, none: 0 })[how];

/** Auxiliary chain before the verb: passive (a be-form before a past participle) and negation. */
export function voiceAndNegation(words: readonly string[], tags: readonly string[], i: number): { passive: boolean; negated: boolean; chainStart: number } {
  let passive = false;
  let negated = false;
  let k = i - 1;
  for (; k >= 0; k--) {
    const w = lower(words[k]!);
    if (NEGATORS.has(w)) negated = true;
    else if (AUXILIARIES.has(w) || tags[k] === 'MD') {
      if (BE_FORMS.has(w) && tags[i] === 'VBN') passive = true;
    } else if (!VERB_MODIFIERS.has(w) && tags[k] !== 'RB') break;
  }
  return { passive, negated, chainStart: k + 1 };
}

/** The actor slot that starts at or contains token k. */
function slotAt(actors: readonly ActorSlot[], k: number): ActorSlot | null {
  return actors.find((a) => a.first <= k && k <= a.last) ?? null;
}

/** Members of the compound actor around `slot` ("the United States and China"). */
export function compound(actors: readonly ActorSlot[], slot: ActorSlot, words: readonly string[]): ActorSlot[] {
  if (slot.members?.length) return slot.members.map((mention) => ({ first: slot.first, last: slot.last, mention }));
  const sorted = [...actors].sort((a, b) => a.first - b.first);
  const at = sorted.indexOf(slot);
  const joined = (a: ActorSlot, b: ActorSlot): boolean => {
    const between = words.slice(a.last + 1, b.first).map(lower);
    return between.length > 0 && between.length <= 4 && between.includes('and') || (between.length > 0 && between.every((w) => w === ',' || w === 'and' || w === 'the' || w === '&'));
  };
  const group = [slot];
  for (let k = at - 1; k >= 0 && joined(sorted[k]!, sorted[k + 1]!); k--) group.unshift(sorted[k]!);
  for (let k = at + 1; k < sorted.length && joined(sorted[k - 1]!, sorted[k]!); k++) group.push(sorted[k]!);
  const byEntity = new Map<number, ActorSlot>();
  for (const member of group) if (!byEntity.has(member.mention.data.entity)) byEntity.set(member.mention.data.entity, member);
  return [...byEntity.values()];
}

/** The subject: the nearest actor before the verb in its clause that is not the object of a preposition. */
function findSubject(input: SentenceInput, chainStart: number, infinitive: boolean, gerund: boolean): ActorSlot | null {
  const { words, actors } = input;
  for (let k = chainStart - 1; k >= 0; k--) {
    const w = lower(words[k]!);
    const slot = slotAt(actors, k);
    if (slot) {
      const before = slot.first > 0 ? lower(words[slot.first - 1]!) : '';
      // "with both sides discussing the matter": the actor after "with" is the subject of the gerund.
      if (!PREPOSITIONS.has(before) || infinitive || (gerund && before === 'with')) return slot;
      k = slot.first;
      continue;
    }
    if (CLAUSE_BREAKS.has(w)) return null;
  }
  return null;
}

/** The object: the first actor after the verb within the clause (skipping `by`-agents when passive). */
function findObject(input: SentenceInput, from: number, skipBy: boolean): ActorSlot | null {
  const { words, tags, actors } = input;
  for (let k = from; k < Math.min(words.length, from + TARGET_WINDOW); k++) {
    const w = lower(words[k]!);
    const slot = slotAt(actors, k);
    if (slot) {
      if (!(skipBy && k > 0 && lower(words[slot.first - 1]!) === 'by')) return slot;
      k = slot.last;
      continue;
    }
    // "demanded that Russia withdraw": a complement clause right after the verb still names its target.
    if (CLAUSE_BREAKS.has(w) && w !== 'after' && w !== 'before' && !(k === from && w === 'that')) return null;
    if (k > from && /^VB[DZP]$/.test(tags[k]!) && !AUXILIARIES.has(w)) return null;
  }
  return null;
}

function byAgent(input: SentenceInput, from: number): ActorSlot | null {
  for (let k = from; k < Math.min(input.words.length, from + TARGET_WINDOW); k++) {
    if (lower(input.words[k]!) === 'by') return slotAt(input.actors, k + 1) ?? slotAt(input.actors, k + 2);
  }
  return null;
}

function hasReciprocal(words: readonly string[], from: number): boolean {
  const rest = words.slice(from, from + 8).map(lower);
  return RECIPROCAL_PHRASES.some((phrase) => rest.some((_, k) => phrase.every((p, j) => rest[k + j] === p)));
}

/**
 * The subject and object of the verb at token i (its phrase ends at `last`): a pattern's `$`/`+` slots
 * when it has them, else the nearest actor before the verb in its clause and the first after it; in the
 * passive, the `by`-agent is the subject and the grammatical subject the object.
 */
export function verbActors(input: SentenceInput, i: number, last: number, slots: { sourceAt: number | null; targetAt: number | null } = { sourceAt: null, targetAt: null }): { subject: ActorSlot | null; object: ActorSlot | null } {
  const { words, tags, actors } = input;
  const { passive, chainStart } = voiceAndNegation(words, tags, i);
  const infinitive = chainStart > 0 && lower(words[chainStart - 1]!) === 'to';
  let subject = slots.sourceAt !== null ? slotAt(actors, slots.sourceAt) : findSubject(input, infinitive ? chainStart - 1 : chainStart, infinitive, tags[i] === 'VBG');
  let object = slots.targetAt !== null ? slotAt(actors, slots.targetAt) : findObject(input, last + 1, passive);
  if (passive) [subject, object] = [byAgent(input, last + 1), subject];
  return { subject, object };
}

/** Codes every event of one sentence. */
export function codeSentence(lexicon: EventLexicon, input: SentenceInput): CodedEvent[] {
  const { words, tags, actors } = input;
  const upper = words.map((w) => w.toUpperCase());
  const actorStarts = new Set(actors.map((a) => a.first));
  const events: CodedEvent[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!isVerbTag(tags[i]!) || AUXILIARIES.has(lower(words[i]!))) continue;
    if (slotAt(actors, i)) continue;
    // A gerund after a preposition ("accused X of interfering") is part of the main verb's phrase.
    if (tags[i] === 'VBG' && i > 0 && PREPOSITIONS.has(lower(words[i - 1]!))) continue;
    const match = matchVerb(lexicon, input, upper, i, actorStarts);
    if (!match || (!match.code && !match.reverse)) continue;
    const voice = voiceAndNegation(words, tags, i);
    const { chainStart } = voice;
    // "will never accept" is a rejection (12x), coded as such rather than as a negated acceptance.
    const rejection = voice.negated && match.code ? rejectionOf(match.code) : null;
    const negated = voice.negated && !rejection;
    const code = rejection ?? match.code;
    const reverse = rejection ? null : match.reverse;
    const infinitive = chainStart > 0 && lower(words[chainStart - 1]!) === 'to';
    const { subject, object } = verbActors(input, i, match.last, { sourceAt: match.sourceAt, targetAt: match.targetAt });
    const sources = subject ? compound(actors, subject, words) : [null];
    let targets: (ActorSlot | null)[] = object ? compound(actors, object, words) : [null];
    targets = targets.filter((t) => !t || !sources.some((s) => s && s.mention.data.entity === t.mention.data.entity));
    if (targets.length === 0) targets = [null];
    const joint = Boolean(code && !object && sources.length > 1 && isJointAct(code));
    const mutual = Boolean(reverse && reverse === code) || hasReciprocal(words, match.last + 1) || joint;
    let confidence = match.how === 'pattern' ? CONFIDENCE.pattern + CONFIDENCE.patternPerWord * Math.min(match.weight, 4) : match.how === 'verb' ? CONFIDENCE.verb : match.how === 'block' ? CONFIDENCE.block : CONFIDENCE.fallback;
    if (rejection) confidence = Math.max(confidence, CONFIDENCE.negationRecoded);
    if (!subject) confidence *= CONFIDENCE.noSource;
    if (!object && !joint) confidence *= CONFIDENCE.noTarget;
    if (negated) confidence *= CONFIDENCE.negated;
    // An infinitive complement ("threatened to cut", "urged X to press") gives way to its main verb.
    if (infinitive && events.length > 0) confidence *= CONFIDENCE.complement;
    const add = (source: ActorSlot | null, target: ActorSlot | null, eventCode: string, backward = false): void => {
      if (!source && !target) return; // an event needs at least one actor
      events.push({ source, target, code: eventCode, verbFirst: i, verbLast: match.last, negated, confidence: Math.round(confidence * 1000) / 1000, ...(backward ? { reverse: true } : {}) });
    };
    for (const source of sources) {
      for (const target of targets) {
        if (code && !(mutual && !target && sources.length > 1)) add(source, target, code);
        if (reverse && target && source && !mutual) add(target, source, reverse, true);
        else if (reverse && !code) add(target, source, reverse, true);
      }
    }
    if (mutual && code) {
      // Both directions: between source and target, or among the members of a compound subject.
      const members = targets[0] ? [...sources, ...targets] : sources;
      for (const a of members) for (const b of members) if (a && b && a !== b && !events.some((e) => e.source === a && e.target === b && e.verbFirst === i)) add(a, b, code);
    }
  }
  return demoteStatements(events);
}

/** A statement (01x) gives way to a more specific event in the same sentence. */
function demoteStatements(events: CodedEvent[]): CodedEvent[] {
  const hasSpecific = events.some((e) => !STATEMENT_CODES.has(e.code));
  if (!hasSpecific) return events;
  return events.map((e) => (STATEMENT_CODES.has(e.code) ? { ...e, confidence: Math.round(e.confidence * CONFIDENCE.statementBesideOther * 1000) / 1000 } : e));
}
