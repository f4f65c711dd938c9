import { viterbi } from './decode.js';
import type { DocumentContext } from './document-context.js';
import { FeatureExtractor, FEATURE_VERSION, ROLE_OFFSETS, type FeatureGroups, type NerLexicon } from './features.js';
import type { ModelContents, ModelHeader } from './model-file.js';
import { TAG_COUNT } from './tags.js';
import { ROLE_COUNT, type WordInfo } from './word-info.js';
import { EmissionTable, maskedTransitions } from './weights.js';

/**
 * A trained NER model: one or two tagger passes over a document. The first pass tags every sentence
 * with local and document features; the second (when the model has one) sees in addition how the first
 * pass labeled each word's other occurrences in the document, which makes the labels of one name agree
 * across a story.
 */

export interface TaggedSentence {
  /** One BILOU tag index per token (see tags.ts; iob2Tags gives the IOB2 strings). */
  readonly tags: Uint8Array;
  /** Per token: how far ahead the chosen tag is of the best alternative (see decode.ts). */
  readonly margins: Float64Array;
}

/** The weights of one pass, as trained (emission weights already scaled to their real values). */
export interface PassDefinition {
  readonly groups: FeatureGroups;
  readonly keys: Uint32Array;
  readonly emissions: Float32Array;
  readonly transitions: ArrayLike<number>;
}

const L = TAG_COUNT;

/**
 * The passes of a model, ready to tag. Every later pass has the first pass's features plus its own
 * (aggregation, stacking), so a token's shared keys are looked up once for all passes, and the keys that
 * depend on the word alone once per distinct word (their summed weights are kept on the word's WordInfo).
 */
export class Tagger {
  private readonly extractors: readonly FeatureExtractor[];
  private readonly table: EmissionTable;
  private readonly transitions: readonly Float64Array[];

  constructor(passes: readonly PassDefinition[], lexicon: NerLexicon) {
    if (passes.length === 0) throw new Error('a model needs at least one pass');
    this.extractors = passes.map((pass) => new FeatureExtractor(pass.groups, lexicon));
    this.extractors.slice(1).forEach((extractor, p) => {
      if (!extractor.extends(this.extractors[0]!)) throw new Error(`pass ${p + 2} does not extend the first pass's features (only aggregation and stacking may be added)`);
    });
    this.table = new EmissionTable(passes);
    this.transitions = passes.map((pass) => maskedTransitions(pass.transitions));
  }

  get passCount(): number {
    return this.extractors.length;
  }

  /** Tags the sentences of one document (tokens as strings). */
  tag(sentences: readonly (readonly string[])[], withMargins = true): TaggedSentence[] {
    const first = this.extractors[0]!;
    const passes = this.extractors.length;
    const ctx = first.context(sentences);
    // Scores of every pass from the first pass's features: n × passes × L per sentence.
    const shared = sentences.map((_, s) => this.sharedScores(ctx, s));
    let tagged: TaggedSentence[] = [];
    for (let p = 0; p < passes; p++) {
      const last = p === passes - 1;
      if (p > 0) ctx.setFirstPass(tagged.map((s) => s.tags));
      tagged = shared.map((scores, s) => {
        if (p > 0) this.addSecondPass(ctx, s, p, scores);
        return viterbi(scores, scores.length / (passes * L), this.transitions[p]!, withMargins && last, passes * L, p * L);
      });
    }
    return tagged;
  }

  private sharedScores(ctx: DocumentContext, s: number): Float64Array {
    const first = this.extractors[0]!;
    const width = this.table.width;
    const words = ctx.sentences[s]!.words;
    const scores = new Float64Array(words.length * width);
    const { keys, offsets } = first.contextKeys(ctx, s);
    for (let i = 0; i < words.length; i++) {
      const at = i * width;
      for (let role = 0; role < ROLE_COUNT; role++) {
        const own = this.roleScores(first.neighbor(words, i + ROLE_OFFSETS[role]!));
        const from = role * width;
        for (let j = 0; j < width; j++) scores[at + j]! += own[from + j]!;
      }
      this.table.addKeys(keys, offsets[i]!, offsets[i + 1]!, scores, at);
    }
    return scores;
  }

  /** The summed weights of the keys that depend on one word alone, per role, computed once per distinct word. */
  private roleScores(w: WordInfo): Float32Array {
    if (w.roleScores) return w.roleScores;
    const roles = this.extractors[0]!.computeRoleKeys(w);
    const width = this.table.width;
    const scores = new Float32Array(ROLE_COUNT * width);
    roles.forEach((keys, role) => this.table.addKeys(keys, 0, keys.length, scores, role * width));
    w.roleScores = scores;
    return scores;
  }

  /** Adds the weights of pass p's own keys to its columns of the shared scores (n × passes × L). */
  private addSecondPass(ctx: DocumentContext, s: number, p: number, scores: Float64Array): void {
    const { keys, offsets } = this.extractors[p]!.secondPassKeys(ctx, s);
    const w = this.table.weights;
    const width = this.table.width;
    for (let i = 0; i + 1 < offsets.length; i++) {
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const offset = this.table.offset(keys[k]!);
        if (offset < 0) continue;
        for (let t = p * L; t < (p + 1) * L; t++) scores[i * width + t]! += w[offset + t]!;
      }
    }
  }
}

export class NerModel {
  constructor(
    readonly header: ModelHeader,
    private readonly tagger: Tagger,
  ) {}

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
      return { groups: pass.groups, keys: weights.keys, emissions, transitions: weights.transitions };
    });
    return new NerModel(header, new Tagger(passes, lexicon));
  }

  /** The number of features with weights, over all passes. */
  get featureCount(): number {
    return this.header.passes.reduce((sum, pass) => sum + pass.features, 0);
  }

  /** Tags the sentences of one document (tokens as strings). */
  tagDocument(sentences: readonly (readonly string[])[]): TaggedSentence[] {
    return this.tagger.tag(sentences);
  }

  /** 0..1: how sure the model is of an entity whose weakest token has this margin. */
  confidence(margin: number): number {
    const { slope, bias } = this.header.confidence;
    return 1 / (1 + Math.exp(-(slope * margin + bias)));
  }
}
