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
  /** Feature → its row; rows in compressed form (row r: entries rowStart[r] .. rowStart[r + 1]). */
  private readonly rowOf: Map<string, number>;
  private readonly rowStart: Int32Array;
  private readonly entryClass: Uint16Array;
  private readonly entryWeight: Float64Array;
  private readonly index: Map<string, number>;
  /** Each class's root, as an index into `roots` (NONE: -1). */
  private readonly rootOf: Int32Array;
  private readonly roots: readonly string[];
  readonly parameters: CombineParameters;
  readonly featureVersion: number;

  constructor(data: EventModelData) {
    if (data.format !== EVENT_MODEL_FORMAT || data.classes[0] !== NONE) throw new Error(`unknown event model format ${String(data.format)}`);
    this.classes = data.classes;
    const rows = Object.entries(data.weights);
    this.rowOf = new Map(rows.map(([name], r) => [name, r]));
    this.rowStart = new Int32Array(rows.length + 1);
    rows.forEach(([, [indices]], r) => (this.rowStart[r + 1] = this.rowStart[r]! + indices.length));
    this.entryClass = new Uint16Array(this.rowStart[rows.length]!);
    this.entryWeight = new Float64Array(this.rowStart[rows.length]!);
    rows.forEach(([, [indices, values]], r) => {
      this.entryClass.set(indices, this.rowStart[r]!);
      this.entryWeight.set(values, this.rowStart[r]!);
    });
    this.index = new Map(this.classes.map((name, k) => [name, k]));
    this.roots = [...new Set(this.classes.slice(1).map((c) => c.slice(0, 2)))];
    const rootIndex = new Map(this.roots.map((r, k) => [r, k]));
    this.rootOf = Int32Array.from(this.classes, (c, k) => (k === 0 ? -1 : rootIndex.get(c.slice(0, 2))!));
    this.parameters = data.parameters;
    this.featureVersion = data.featureVersion;
  }

  /** Class probabilities for one candidate's features. */
  probabilities(features: readonly string[]): Float64Array {
    const scores = new Float64Array(this.classes.length);
    const { rowStart, entryClass, entryWeight } = this;
    for (const name of features) {
      const r = this.rowOf.get(name);
      if (r === undefined) continue;
      for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) scores[entryClass[k]!]! += entryWeight[k]!;
    }
    return softmax(scores);
  }

  predict(features: readonly string[]): Prediction {
    const p = this.probabilities(features);
    const byRoot = new Float64Array(this.roots.length);
    for (let c = 1; c < p.length; c++) byRoot[this.rootOf[c]!]! += p[c]!;
    let best = 0;
    for (let r = 1; r < byRoot.length; r++) if (byRoot[r]! > byRoot[best]!) best = r;
    let code = 0;
    for (let c = 1; c < p.length; c++) if (this.rootOf[c] === best && (code === 0 || p[c]! > p[code]!)) code = c;
    const roots = this.roots;
    return {
      event: 1 - p[0]!,
      root: roots[best]!,
      rootProbability: byRoot[best]!,
      code: this.classes[code]!,
      codeProbability: p[code]!,
      probabilityOf: (name) => p[this.index.get(name) ?? -1] ?? 0,
      rootProbabilityOf: (r) => byRoot[roots.indexOf(r)] ?? 0,
    };
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
