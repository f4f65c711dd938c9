import { getLayer, type Document } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import type { EventResources } from '../../resources/events.js';
import type { MentionData } from '../actors/mention.js';
import '../actors/mention.js';
import '../sentences/sentences.js';
import { codeSentence, type ActorSlot, type CodedEvent, type SentenceInput } from './coder.js';
import { learnedEvents } from './combine.js';
import type { SentenceData } from '../sentences/sentences.js';
import { eventDate } from './dates.js';
import type { EventActor, EventData } from './event.js';
import './event.js';
import { documentCountryKeys, pluralReferenceSlots } from './plural-reference.js';
import { isHeadlineCase } from './features.js';
import { PLOVER_FALLBACK, PLURAL_REFERENCE_LOOKBACK } from './rules.js';

declare module '../../pipeline/stage.js' {
  interface Resources {
    /** CAMEO verb data and the part-of-speech tagger (see src/resources: `new ResourceLoader().eventResources()`). */
    readonly events?: EventResources;
  }
}

export interface EventsOptions {
  /** Events below this confidence are left out. */
  readonly minConfidence: number;
  /** Keep negated events ("did not accuse"), marked `negated: true`; false drops them as PETRARCH does. */
  readonly keepNegated: boolean;
  /** Sentences longer than this many tokens are not coded (lists, tables, run-on text). */
  readonly maxSentenceTokens: number;
}

export const EVENTS_DEFAULTS: EventsOptions = { minConfidence: 0, keepNegated: true, maxSentenceTokens: 120 };

/** Actor slots of a sentence: mentions mapped to token ranges; overlapping mentions keep the longest. */
function actorSlots(mentions: readonly Annotation<MentionData>[], tokens: readonly { start: number; end: number }[]): ActorSlot[] {
  const slots: ActorSlot[] = [];
  for (const mention of [...mentions].sort((a, b) => b.end - b.start - (a.end - a.start))) {
    const first = tokens.findIndex((t) => t.end > mention.start);
    let last = -1;
    for (let k = tokens.length - 1; k >= 0; k--) if (tokens[k]!.start < mention.end) { last = k; break; }
    if (first < 0 || last < first) continue;
    if (slots.some((s) => s.first <= last && first <= s.last)) continue;
    slots.push({ first, last, mention });
  }
  return slots.sort((a, b) => a.first - b.first);
}

/**
 * Words as the tagger should see them. A headline-case sentence ("US, China Discuss Cyber Security")
 * capitalizes every word, which a tagger trained on running text reads as proper nouns; its words outside
 * actor names are lower-cased so that "Discuss" is tagged as the verb it is.
 */
export function wordsForTagging(words: readonly string[], slots: readonly ActorSlot[]): readonly string[] {
  const inSlot = (k: number): boolean => slots.some((s) => s.first <= k && k <= s.last);
  if (!isHeadlineCase(words, inSlot)) return words;
  return words.map((w, k) => (inSlot(k) || /^\p{Lu}+$/u.test(w) ? w : w.toLowerCase()));
}

function eventActor(slot: ActorSlot | null): EventActor | null {
  if (!slot) return null;
  const { mention } = slot;
  return { code: mention.data.code, name: mention.data.name, span: { start: mention.start, end: mention.end } };
}

function placeOf(doc: Document, words: readonly string[], slots: readonly ActorSlot[], used: ReadonlySet<ActorSlot>): EventData['place'] {
  for (const slot of slots) {
    if (used.has(slot) || slot.mention.data.type !== 'location') continue;
    const before = (words[slot.first - 1] ?? '').toLowerCase();
    if (before === 'in' || before === 'at' || before === 'near') {
      const { mention } = slot;
      return { name: mention.data.name, code: mention.data.code, span: { start: mention.start, end: mention.end } };
    }
  }
  void doc;
  return null;
}

/**
 * The `events` stage: CAMEO/PLOVER events of every sentence (see coder.ts), each annotation spanning its
 * sentence (the evidence), with the verb's span, actors from the `mentions` layer, date, place and
 * confidence.
 */
export const eventsStage = defineStage<EventsOptions>({
  name: 'events',
  // 2: negated cooperation coded as rejection, plural references ("the two sides"), joint acts, headline case.
  version: '2',
  requires: ['sentences', 'tokens', 'mentions'],
  provides: ['events'],
  // English models, lexicons and dictionaries: other languages are not read as English.
  languages: ['en'],
  defaults: EVENTS_DEFAULTS,
  run(doc, options, resources) {
    const data = resources.events;
    if (!data) {
      throw new ParleyError('E_MODEL_MISSING', 'The "events" stage needs its CAMEO data and part-of-speech model, and resources.events is not set.', 'Load them with `new ResourceLoader().eventResources()` (src/resources) and pass `{ events }` as the resources of runPipeline.');
    }
    if (!(options.minConfidence >= 0 && options.minConfidence <= 1)) {
      throw new ParleyError('E_OPTION', `Option minConfidence of stage "events" is ${String(options.minConfidence)}.`, 'Give a number from 0 to 1.');
    }
    const published = doc.article.published;
    const events: Annotation<EventData>[] = [];
    for (const prepared of prepareSentences(doc, data, options.maxSentenceTokens)) {
      const { sentence, input, sentenceTokens } = prepared;
      const patternEvents = codeSentence(data.lexicon, input);
      const coded = data.model ? learnedEvents(data.lexicon, data.model, input, patternEvents) : patternEvents;
      if (coded.length === 0) continue;
      const date = eventDate(doc.text.slice(sentence.start, sentence.end), published);
      const seen = new Set<string>();
      for (const event of distinctEvents(coded)) {
        let made = toEventData(data, event, sentenceTokens, date, placeOf(doc, input.words, input.actors, new Set([event.source, event.target].filter((s): s is ActorSlot => s !== null))));
        if (!made || made.confidence < options.minConfidence || (made.negated && !options.keepNegated)) continue;
        // An actor acting on itself is one actor read twice (or a place of its own country read as the target): no target.
        if (selfDirected(made)) made = { ...made, target: null };
        const key = `${made.source?.code ?? made.source?.name ?? '-'}|${made.target?.code ?? made.target?.name ?? '-'}|${made.code}|${made.negated}`;
        if (seen.has(key)) continue; // the same event twice in one sentence (two verbs, one act)
        seen.add(key);
        events.push({ start: sentence.start, end: sentence.end, data: made });
      }
    }
    return { layers: { events } };
  },
});

export interface PreparedSentence {
  readonly sentence: Annotation<SentenceData>;
  readonly sentenceTokens: readonly { start: number; end: number }[];
  readonly input: SentenceInput;
}

/**
 * The sentences of a document that can carry an event, ready for the coders: words, part-of-speech tags
 * and actor slots (named actors and plural references such as "the two sides"). Sentences that name no
 * actor, are empty or longer than `maxTokens` are left out.
 */
export function* prepareSentences(doc: Document, data: EventResources, maxTokens: number): Generator<PreparedSentence> {
  const tokens = getLayer(doc, 'tokens');
  const mentions = getLayer(doc, 'mentions');
  const countryKeys = documentCountryKeys(mentions);
  const earlier: Annotation<MentionData>[][] = [];
  let m = 0;
  for (const sentence of getLayer(doc, 'sentences')) {
    const { firstToken, tokenCount } = sentence.data;
    while (m < mentions.length && mentions[m]!.end <= sentence.start) m++;
    const inSentence: Annotation<MentionData>[] = [];
    for (let k = m; k < mentions.length && mentions[k]!.start < sentence.end; k++) if (mentions[k]!.end <= sentence.end) inSentence.push(mentions[k]!);
    const before = earlier.slice(-PLURAL_REFERENCE_LOOKBACK);
    earlier.push(inSentence);
    if (tokenCount === 0 || tokenCount > maxTokens) continue;
    const sentenceTokens = tokens.slice(firstToken, firstToken + tokenCount);
    const words = sentenceTokens.map((t) => doc.text.slice(t.start, t.end));
    const named = actorSlots(inSentence, sentenceTokens);
    const plural = pluralReferenceSlots({ words, tokens: sentenceTokens, mentions: inSentence, earlier: before, countryKeys, text: doc.text }, named);
    const slots = [...named, ...plural].sort((a, b) => a.first - b.first);
    // An event needs an actor (coder.ts), so a sentence naming none is not tagged at all: in long
    // articles most sentences are such, and part-of-speech tagging is most of this stage's time.
    if (slots.length === 0) continue;
    yield { sentence, sentenceTokens, input: { words, tags: data.tagger.tag(wordsForTagging(words, slots)), actors: slots } };
  }
}

/** Events of one sentence without exact repeats (the same actors, code and verb from two coding paths). */
function distinctEvents(events: readonly CodedEvent[]): CodedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = `${e.source?.mention.data.entity ?? -1}|${e.target?.mention.data.entity ?? -1}|${e.code}|${e.verbFirst}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * An actor acting on itself, or a country's government on its country and back (USAGOV → USA): the
 * coder read one actor twice. Two different bodies of one country (USALEG → USA, KENOPP → KENGOV) are
 * two actors, and the text names both: they stay.
 */
export function selfDirected(event: EventData): boolean {
  const { source, target } = event;
  if (!source || !target) return false;
  const a = source.code;
  const b = target.code;
  if (!a || !b) return !a && !b && source.name === target.name;
  if (a === b) return true;
  const stateOrBare = (code: string): boolean => code.length === 3 || code.slice(3) === 'GOV';
  return a.slice(0, 3) === b.slice(0, 3) && stateOrBare(a) && stateOrBare(b);
}

function toEventData(data: EventResources, event: CodedEvent, tokens: readonly { start: number; end: number }[], date: string | null, place: EventData['place']): EventData | null {
  const info = data.lexicon.codeInfo(event.code);
  if (!info) return null;
  return {
    source: eventActor(event.source),
    target: eventActor(event.target),
    code: event.code,
    root: info.root,
    quadClass: info.quadClass,
    goldstein: info.goldstein,
    plover: data.lexicon.ploverOf(event.code, PLOVER_FALLBACK),
    verb: { start: tokens[event.verbFirst]!.start, end: tokens[event.verbLast]!.end },
    date,
    place,
    negated: event.negated,
    confidence: event.confidence,
  };
}
