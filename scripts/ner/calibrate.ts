import type { LabeledDocument } from '../../src/stages/entities/conll.js';
import { spanMargin } from '../../src/stages/entities/decode.js';
import type { Tagger } from '../../src/stages/entities/model.js';
import { spansFromTags } from '../../src/stages/entities/tags.js';

/**
 * Entity confidence: a logistic curve over an entity's decoding margin (decode.ts), fitted by Newton's
 * method so that, on the dev documents, "confidence 0.8" means about 80% of such entities are right.
 * Fitting two numbers on dev does not change which entities are found, only the confidence reported.
 */

export interface Calibration {
  readonly slope: number;
  readonly bias: number;
  /** Observed precision per confidence bin on the fitting data, for the report. */
  readonly reliability: readonly { readonly bin: string; readonly entities: number; readonly precision: number }[];
}

export function entityMargins(model: Tagger, documents: readonly LabeledDocument[]): { margin: number; correct: boolean }[] {
  const samples: { margin: number; correct: boolean }[] = [];
  for (const doc of documents) {
    const tagged = model.tag(doc.sentences.map((s) => s.tokens));
    doc.sentences.forEach((sentence, i) => {
      const gold = new Set(spansFromTags(sentence.tags).map((s) => `${s.start}:${s.end}:${s.type}`));
      const { tags, margins } = tagged[i]!;
      for (const span of spansFromTags(tags)) {
        samples.push({ margin: spanMargin(margins, span.start, span.end), correct: gold.has(`${span.start}:${span.end}:${span.type}`) });
      }
    });
  }
  return samples;
}

export function fitCalibration(samples: readonly { margin: number; correct: boolean }[]): Calibration {
  // Margins can be huge for sure entities; clip so that a few do not dominate the fit.
  const xs = samples.map((s) => Math.min(s.margin, 1e3));
  const ys = samples.map((s) => (s.correct ? 1 : 0));
  let slope = 0.01;
  let bias = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let k = 0; k < xs.length; k++) {
      const p = 1 / (1 + Math.exp(-(slope * xs[k]! + bias)));
      const r = p - ys[k]!;
      const v = Math.max(p * (1 - p), 1e-9);
      g0 += r; g1 += r * xs[k]!;
      h00 += v; h01 += v * xs[k]!; h11 += v * xs[k]! * xs[k]!;
    }
    // Small ridge term keeps the Newton step defined when the data separate.
    h00 += 1e-6; h11 += 1e-6;
    const det = h00 * h11 - h01 * h01;
    const dBias = (h11 * g0 - h01 * g1) / det;
    const dSlope = (h00 * g1 - h01 * g0) / det;
    bias -= dBias;
    slope -= dSlope;
    if (Math.abs(dBias) + Math.abs(dSlope) < 1e-9) break;
  }
  const bins = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];
  const reliability = bins.slice(0, -1).map((low, b) => {
    const high = bins[b + 1]!;
    let n = 0;
    let right = 0;
    xs.forEach((x, k) => {
      const p = 1 / (1 + Math.exp(-(slope * x + bias)));
      if (p >= low && p < high) {
        n++;
        right += ys[k]!;
      }
    });
    return { bin: `${low.toFixed(2)}-${Math.min(high, 1).toFixed(2)}`, entities: n, precision: n ? right / n : 0 };
  });
  return { slope, bias, reliability };
}
