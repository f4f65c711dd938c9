import { ENTITY_TYPES, spansFromTags, type EntityType } from '../../src/stages/entities/tags.js';

/**
 * Entity-level scoring as the CoNLL shared task's conlleval computes it: an entity counts as found only
 * when its span and its type both match exactly; precision, recall and F1 overall and per type.
 */

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
}

export interface EntityScores {
  readonly overall: Prf;
  readonly byType: Readonly<Record<EntityType, Prf>>;
  /** Share of tokens whose tag is right (conlleval's "accuracy"). */
  readonly tokenAccuracy: number;
}

export class EntityScorer {
  private readonly counts = new Map<EntityType | 'ALL', { gold: number; predicted: number; correct: number }>();
  private tokens = 0;
  private tokensRight = 0;

  constructor() {
    for (const key of [...ENTITY_TYPES, 'ALL'] as const) this.counts.set(key, { gold: 0, predicted: 0, correct: 0 });
  }

  /** Adds one sentence: gold and predicted IOB2 tag indices. */
  add(gold: ArrayLike<number>, predicted: ArrayLike<number>): void {
    for (let i = 0; i < gold.length; i++) {
      this.tokens++;
      if (gold[i] === predicted[i]) this.tokensRight++;
    }
    const goldSpans = spansFromTags(gold);
    const predictedSpans = spansFromTags(predicted);
    const goldKeys = new Set(goldSpans.map((s) => `${s.start}:${s.end}:${s.type}`));
    for (const span of goldSpans) this.bump(span.type, 'gold');
    for (const span of predictedSpans) {
      this.bump(span.type, 'predicted');
      if (goldKeys.has(`${span.start}:${span.end}:${span.type}`)) this.bump(span.type, 'correct');
    }
  }

  private bump(type: EntityType, field: 'gold' | 'predicted' | 'correct'): void {
    this.counts.get(type)![field]++;
    this.counts.get('ALL')![field]++;
  }

  scores(): EntityScores {
    const prf = (key: EntityType | 'ALL'): Prf => {
      const { gold, predicted, correct } = this.counts.get(key)!;
      const precision = predicted ? correct / predicted : 0;
      const recall = gold ? correct / gold : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { precision, recall, f1, gold, predicted, correct };
    };
    return {
      overall: prf('ALL'),
      byType: Object.fromEntries(ENTITY_TYPES.map((type) => [type, prf(type)])) as Record<EntityType, Prf>,
      tokenAccuracy: this.tokens ? this.tokensRight / this.tokens : 0,
    };
  }
}

export function formatScores(scores: EntityScores): string {
  const pct = (x: number): string => (100 * x).toFixed(2).padStart(6);
  const line = (name: string, s: Prf): string => `  ${name.padEnd(5)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  (gold ${s.gold}, predicted ${s.predicted})`;
  return [line('all', scores.overall), ...ENTITY_TYPES.map((type) => line(type, scores.byType[type]))].join('\n');
}
