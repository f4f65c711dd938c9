import { compound, verbActors, type ActorSlot, type CodedEvent, type SentenceInput } from './coder.js';
import { candidateFeatures, sentenceContext } from './features.js';
import type { EventLexicon } from './lexicon.js';
import type { EventModel, Prediction } from './model.js';

/**
 * The learned coder over the pattern coder's evidence. For each candidate trigger of a sentence the model
 * says how likely it is the trigger of an event and of which CAMEO code. A candidate below the model's
 * threshold yields nothing (a reporting verb, an embedded clause's verb, a verb of a page that is not
 * news); above it, its events keep the pattern coder's actors (source, target, compound and two-way
 * events) when the pattern coder coded the same verb, else the verb's subject and object. The code is
 * the model's, except that the pattern's more specific code stands when it has the model's root and is
 * nearly as likely; the confidence is the probability of the root.
 */

/** A pattern code of the model's root stands when at least this share as likely as the model's best code. */
const PATTERN_CODE_SHARE = 0.5;

export function learnedEvents(lexicon: EventLexicon, model: EventModel, input: SentenceInput, coded: readonly CodedEvent[]): CodedEvent[] {
  const context = sentenceContext(input, lexicon, coded);
  const events: CodedEvent[] = [];
  for (const i of context.candidates) {
    const prediction = model.predict(candidateFeatures(context, i));
    if (prediction.event < model.eventThreshold) continue;
    const atVerb = coded.filter((e) => e.verbFirst === i);
    const confidence = Math.round(prediction.rootProbability * 1000) / 1000;
    if (atVerb.length > 0) {
      for (const event of atVerb) {
        const recoded = recode(event, prediction);
        if (recoded) events.push({ ...event, code: recoded, confidence, negated: event.negated && !recoded.startsWith('12') });
      }
      continue;
    }
    const { subject, object } = verbActors(input, i, i);
    const sources: (ActorSlot | null)[] = subject ? compound(input.actors, subject, input.words) : [null];
    const targets: (ActorSlot | null)[] = object ? compound(input.actors, object, input.words).filter((t) => !sources.some((s) => s?.mention.data.entity === t.mention.data.entity)) : [null];
    for (const source of sources) {
      for (const target of targets.length ? targets : [null]) {
        if (!source && !target) continue;
        events.push({ source, target, code: prediction.code, verbFirst: i, verbLast: i, negated: false, confidence });
      }
    }
  }
  return events;
}

/** The code an event of the pattern coder takes under the model's prediction (null: drop the event). */
function recode(event: CodedEvent, prediction: Prediction): string | null {
  const sameRoot = event.code.slice(0, 2) === prediction.root;
  // The host's side of a visit (043 beside 042) stands only while the model agrees on the root.
  if (event.reverse) return sameRoot ? event.code : null;
  if (sameRoot && prediction.probabilityOf(event.code) >= PATTERN_CODE_SHARE * prediction.codeProbability) return event.code;
  return prediction.code;
}
