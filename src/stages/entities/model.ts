import { viterbi } from './decode.js';
import { FeatureExtractor, FEATURE_VERSION, type NerLexicon, type SentenceFeatures } from './features.js';
import type { ModelContents, ModelHeader } from './model-file.js';
import { emissionScores, FeatureTable, type TaggerWeights } from './weights.js';

/**
 * A trained NER model: one or two tagger passes over a document. The first pass tags every sentence
 * with local and document features; the second (when the model has one) sees in addition how the first
 * pass labeled each word's other occurrences in the document, which makes the labels of one name agree
 * across a story.
 */

export interface TaggedSentence {
  /** One IOB2 tag index per token (see tags.ts). */
  readonly tags: Uint8Array;
  /** Per token: how far ahead the chosen tag is of the best alternative (see decode.ts). */
  readonly margins: Float64Array;
}

export interface TaggerPass {
  readonly extractor: FeatureExtractor;
  readonly weights: TaggerWeights;
}

export class NerModel {
  constructor(
    readonly header: ModelHeader,
    private readonly passes: readonly TaggerPass[],
  ) {
    if (passes.length === 0) throw new Error('a model needs at least one pass');
  }

  /** Builds a model from a decoded model file and the lexicon files it names. */
  static fromContents(contents: ModelContents, lexicon: NerLexicon): NerModel {
    const { header } = contents;
    if (header.featureVersion !== FEATURE_VERSION) {
      throw new Error(`the model uses features "${header.featureVersion}", this Parley computes "${FEATURE_VERSION}"`);
    }
    const passes = contents.passes.map((weights, index) => {
      const pass = header.passes[index]!;
      const emissions = new Float32Array(weights.emissions.length);
      for (let k = 0; k < emissions.length; k++) emissions[k] = weights.emissions[k]! * pass.scale;
      return {
        extractor: new FeatureExtractor(pass.groups, lexicon),
        weights: { table: new FeatureTable(weights.keys), emissions, transitions: weights.transitions },
      };
    });
    return new NerModel(header, passes);
  }

  /** The number of features with weights, over all passes. */
  get featureCount(): number {
    return this.header.passes.reduce((sum, pass) => sum + pass.features, 0);
  }

  /** Tags the sentences of one document (tokens as strings). */
  tagDocument(sentences: readonly (readonly string[])[]): TaggedSentence[] {
    return tagWithPasses(this.passes, sentences);
  }

  /** 0..1: how sure the model is of an entity whose weakest token has this margin. */
  confidence(margin: number): number {
    const { slope, bias } = this.header.confidence;
    return 1 / (1 + Math.exp(-(slope * margin + bias)));
  }
}

/** Runs the passes: each after the first sees the previous pass's tags through the document context. */
export function tagWithPasses(passes: readonly TaggerPass[], sentences: readonly (readonly string[])[], withMargins = true): TaggedSentence[] {
  const ctx = passes[0]!.extractor.context(sentences);
  let tagged: TaggedSentence[] = [];
  let features: SentenceFeatures[] = [];
  for (const [index, pass] of passes.entries()) {
    const last = index === passes.length - 1;
    const previous = index > 0 ? passes[index - 1]! : null;
    if (index > 0) ctx.setFirstPass(tagged.map((s) => s.tags));
    // A second pass shares the first pass's feature keys and only adds its own.
    const reuse = previous !== null && pass.extractor.extends(previous.extractor);
    features = sentences.map((_, s) => (reuse ? pass.extractor.extend(ctx, s, features[s]!) : pass.extractor.extract(ctx, s)));
    tagged = features.map((f) => viterbi(emissionScores(pass.weights, f), f.offsets.length - 1, pass.weights.transitions, withMargins && last));
  }
  return tagged;
}
