import { compound, verbActors, type ActorSlot, type CodedEvent, type SentenceInput } from './coder.js';
import { candidateFeatures, sentenceContext } from './features.js';
import type { EventLexicon } from './lexicon.js';
import type { CombineParameters, EventModel, Prediction } from './model.js';

/**
 * The learned coder over the pattern coder's evidence. For each candidate trigger of a sentence, the
 * model says how likely it is the trigger of an event and of which CAMEO code; the pattern coder says
 * whether a CAMEO pattern codes it, and how surely. The candidate's score mixes the two (the model's
 * weight is learned on the dev split, see scripts/events/train.ts); a candidate below the threshold
 * yields nothing (a reporting verb, an embedded clause's verb, a verb of a page that is not news).
 * Above it, its events keep the pattern coder's actors (source, target, compound and two-way events)
 * when the pattern coder coded the same verb, else the verb's subject and object. The code is the
 * pattern's when the model finds its root nearly as likely as its own best root, else the model's.
 */

export interface Decision {
  readonly score: number;
  readonly code: string;
  /** True when the pattern's code stands. */
  readonly pattern: boolean;
}

/** How one candidate is coded, from the model's prediction and the pattern coder's best event at it. */
export function decide(prediction: Prediction, pattern: { code: string; confidence: number } | undefined, parameters: CombineParameters): Decision | null {
  const patternScore = pattern ? pattern.confidence * (pattern.code.startsWith('01') ? parameters.statementWeight : 1) : 0;
  const score = parameters.modelWeight * prediction.event + (1 - parameters.modelWeight) * patternScore;
  if (score < parameters.threshold) return null;
  if (pattern && prediction.rootProbabilityOf(pattern.code.slice(0, 2)) >= parameters.patternShare * prediction.rootProbability) return { score, code: pattern.code, pattern: true };
  return { score, code: prediction.code, pattern: false };
}

export function learnedEvents(lexicon: EventLexicon, model: EventModel, input: SentenceInput, coded: readonly CodedEvent[]): CodedEvent[] {
  // The learned coder re-ranks and re-codes the sentences a CAMEO pattern codes; a sentence no pattern
  // codes keeps no event. Scoring every sentence with an actor found verbs in a third more sentences of
  // guides and shop pages, and took 40 % more time, for two points of root accuracy on the dev sets.
  if (coded.length === 0) return [];
  const context = sentenceContext(input, lexicon, coded);
  const events: CodedEvent[] = [];
  for (const i of context.candidates) {
    const prediction = model.predict(candidateFeatures(context, i));
    const best = context.coded.get(i);
    const decision = decide(prediction, best, model.parameters);
    if (!decision) continue;
    const confidence = Math.round(decision.score * 1000) / 1000;
    const atVerb = coded.filter((e) => e.verbFirst === i);
    if (atVerb.length > 0) {
      const root = decision.code.slice(0, 2);
      for (const event of atVerb) {
        // The other side of a two-way pattern (the host's 043 beside the visitor's 042) stands while the root does.
        if (event.reverse) {
          if (event.code.slice(0, 2) === root || decision.pattern) events.push({ ...event, confidence });
          continue;
        }
        const code = decision.pattern ? event.code : decision.code;
        events.push({ ...event, code, confidence, negated: event.negated && !code.startsWith('12') });
      }
      continue;
    }
    const { subject, object } = verbActors(input, i, i);
    const sources: (ActorSlot | null)[] = subject ? compound(input.actors, subject, input.words) : [null];
    const targets: (ActorSlot | null)[] = object ? compound(input.actors, object, input.words).filter((t) => !sources.some((s) => s?.mention.data.entity === t.mention.data.entity)) : [];
    for (const source of sources) {
      for (const target of targets.length ? targets : [null]) {
        if (!source && !target) continue;
        events.push({ source, target, code: decision.code, verbFirst: i, verbLast: i, negated: false, confidence });
      }
    }
  }
  return events;
}
