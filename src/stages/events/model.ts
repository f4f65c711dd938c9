/**
 * The learned event coder: a multinomial logistic regression over the candidate features of
 * features.ts, whose classes are CAMEO codes and NONE (the candidate is not the trigger of an event).
 * Trained by `npm run train:events` (scripts/events/train.ts) into models/events.json.gz.
 */

export const EVENT_MODEL_FORMAT = 'parley-event-coder-1';
export const NONE = 'NONE';

export interface EventModelData {
  readonly format: typeof EVENT_MODEL_FORMAT;
  readonly featureVersion: number;
  readonly provenance: Readonly<Record<string, string>>;
  /** Class labels; index 0 is NONE. */
  readonly classes: readonly string[];
  /** Per feature: the classes it weighs on and the weights, as parallel arrays. */
  readonly weights: Readonly<Record<string, readonly [readonly number[], readonly number[]]>>;
  /** How the model and the pattern coder are combined (chosen on the dev split; see combine.ts). */
  readonly parameters: CombineParameters;
}

export interface CombineParameters {
  /** Weight of the model's event probability in a candidate's score; the pattern coder's confidence has the rest. */
  readonly modelWeight: number;
  /** Least score of a candidate that yields events. */
  readonly threshold: number;
  /** The pattern's code stands when the model finds its root at least this share as likely as its best root. */
  readonly patternShare: number;
  /**
   * Weight of a pattern's confidence when its code is a statement (01x): statements are typically
   * subordinate events (CAMEO codebook, 010), most often the reporting verb of the sentence's own act.
   */
  readonly statementWeight: number;
}

export interface Prediction {
  /** Probability that the candidate triggers any event (1 - P(NONE)). */
  readonly event: number;
  /** The most probable CAMEO root (by the summed probability of its codes) and that sum. */
  readonly root: string;
  readonly rootProbability: number;
  /** The most probable code within that root, and its probability. */
  readonly code: string;
  readonly codeProbability: number;
  /** Probability of any code. */
  probabilityOf(code: string): number;
  /** Summed probability of the codes of a root. */
  rootProbabilityOf(root: string): number;
}

export class EventModel {
  private readonly classes: readonly string[];
  private readonly weights: Map<string, readonly [readonly number[], readonly number[]]>;
  private readonly index: Map<string, number>;
  readonly parameters: CombineParameters;
  readonly featureVersion: number;

  constructor(data: EventModelData) {
    if (data.format !== EVENT_MODEL_FORMAT || data.classes[0] !== NONE) throw new Error(`unknown event model format ${String(data.format)}`);
    this.classes = data.classes;
    this.weights = new Map(Object.entries(data.weights));
    this.index = new Map(this.classes.map((name, k) => [name, k]));
    this.parameters = data.parameters;
    this.featureVersion = data.featureVersion;
  }

  /** Class probabilities for one candidate's features. */
  probabilities(features: readonly string[]): Float64Array {
    const scores = new Float64Array(this.classes.length);
    for (const name of features) {
      const row = this.weights.get(name);
      if (!row) continue;
      const [indices, values] = row;
      for (let k = 0; k < indices.length; k++) scores[indices[k]!]! += values[k]!;
    }
    return softmax(scores);
  }

  predict(features: readonly string[]): Prediction {
    const p = this.probabilities(features);
    const byRoot = new Map<string, number>();
    for (let c = 1; c < p.length; c++) {
      const root = this.classes[c]!.slice(0, 2);
      byRoot.set(root, (byRoot.get(root) ?? 0) + p[c]!);
    }
    let root = '';
    let rootProbability = -1;
    for (const [r, v] of byRoot) if (v > rootProbability) [root, rootProbability] = [r, v];
    let code = '';
    let codeProbability = -1;
    for (let c = 1; c < p.length; c++) if (this.classes[c]!.startsWith(root) && p[c]! > codeProbability) [code, codeProbability] = [this.classes[c]!, p[c]!];
    return { event: 1 - p[0]!, root, rootProbability, code, codeProbability, probabilityOf: (name) => p[this.index.get(name) ?? -1] ?? 0, rootProbabilityOf: (r) => byRoot.get(r) ?? 0 };
  }
}

export function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp(scores[c]! - max);
    sum += scores[c]!;
  }
  for (let c = 0; c < scores.length; c++) scores[c]! /= sum;
  return scores;
}
