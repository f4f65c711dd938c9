import type { LabeledDocument } from '../../src/stages/entities/conll.js';
import type { DocumentContext } from '../../src/stages/entities/document-context.js';
import { FeatureExtractor, type FeatureGroups, type NerLexicon } from '../../src/stages/entities/features.js';
import type { PassWeights } from '../../src/stages/entities/model-file.js';
import { Tagger } from '../../src/stages/entities/model.js';
import { spansFromTags } from '../../src/stages/entities/tags.js';
import { EntityScorer, type EntityScores } from './conlleval.js';
import { compactWeights, KeyInterner, toTrainingSentence, trainPerceptron, type TrainingSentence } from './perceptron.js';

/**
 * Training the two tagger passes. The second pass learns from the first pass's labels of each word's
 * other occurrences; on the training documents those labels come from jackknifing (each fold tagged by a
 * first pass trained on the other folds), so that the second pass learns from labels as noisy as the
 * ones it will see on new text.
 */

export interface PassSettings {
  readonly groups: FeatureGroups;
  readonly epochs: number;
  readonly seed: number;
  /** Features seen fewer times than this in the training documents are dropped. */
  readonly minCount: number;
  /** Perceptrons trained (with different visiting orders) and averaged. */
  readonly ensemble: number;
  /** Probability that a token's identity keys are hidden in one training visit (see SentenceFeatures). */
  readonly dropout: number;
}

export interface TrainedPass {
  readonly weights: PassWeights;
  readonly scale: number;
  readonly groups: FeatureGroups;
  readonly featuresSeen: number;
}

interface FeaturizedDocuments {
  readonly sentences: TrainingSentence[][];
  readonly interner: KeyInterner;
}

function featurize(documents: readonly LabeledDocument[], extractor: FeatureExtractor, firstPass: readonly (readonly Uint8Array[])[] | null, minCount = 1): FeaturizedDocuments {
  const interner = new KeyInterner();
  const sentences = documents.map((doc, d) => {
    const ctx: DocumentContext = extractor.context(doc.sentences.map((s) => s.tokens));
    if (firstPass) ctx.setFirstPass(firstPass[d]!);
    return doc.sentences.map((s, i) => toTrainingSentence(extractor.extract(ctx, i), s.tags, interner));
  });
  if (minCount <= 1) return { sentences, interner };
  const counts = new Int32Array(interner.size);
  for (const doc of sentences) for (const s of doc) for (const id of s.ids) counts[id]!++;
  const kept = sentences.map((doc) => doc.map((s) => dropRare(s, counts, minCount)));
  return { sentences: kept, interner };
}

function dropRare(sentence: TrainingSentence, counts: Int32Array, minCount: number): TrainingSentence {
  const ids: number[] = [];
  const identity: number[] = [];
  const offsets = new Int32Array(sentence.offsets.length);
  for (let i = 0; i + 1 < sentence.offsets.length; i++) {
    offsets[i] = ids.length;
    for (let k = sentence.offsets[i]!; k < sentence.offsets[i + 1]!; k++) {
      if (counts[sentence.ids[k]!]! < minCount) continue;
      ids.push(sentence.ids[k]!);
      identity.push(sentence.identity[k]!);
    }
  }
  offsets[sentence.offsets.length - 1] = ids.length;
  return { ids: Int32Array.from(ids), identity: Uint8Array.from(identity), offsets, gold: sentence.gold };
}

function trainOn(featurized: FeaturizedDocuments, documentIndexes: readonly number[], settings: PassSettings, log: (line: string) => void, label: string): TrainedPass {
  const sentences = documentIndexes.flatMap((d) => featurized.sentences[d]!);
  const started = performance.now();
  // An ensemble: perceptrons that differ only in the order they visit the sentences, weights averaged.
  let emissions: Float64Array | null = null;
  let transitions: Float64Array | null = null;
  for (let member = 0; member < settings.ensemble; member++) {
    const dense = trainPerceptron(sentences, featurized.interner.size, {
      epochs: settings.epochs,
      seed: settings.seed + 1000 * member,
      dropout: settings.dropout,
      afterEpoch: (epoch, _averaged, mistakes) => {
        if (epoch === 1 || epoch === settings.epochs) log(`  ${label}${settings.ensemble > 1 ? ` (${member + 1}/${settings.ensemble})` : ''}: epoch ${epoch}, ${mistakes} of ${sentences.length} sentences wrong`);
      },
    });
    if (!emissions || !transitions) {
      emissions = dense.emissions;
      transitions = dense.transitions;
    } else {
      for (let k = 0; k < emissions.length; k++) emissions[k]! += dense.emissions[k]!;
      for (let k = 0; k < transitions.length; k++) transitions[k]! += dense.transitions[k]!;
    }
  }
  for (let k = 0; k < emissions!.length; k++) emissions![k]! /= settings.ensemble;
  for (let k = 0; k < transitions!.length; k++) transitions![k]! /= settings.ensemble;
  const { weights, scale } = compactWeights({ emissions: emissions!, transitions: transitions! }, featurized.interner, featurized.interner.size);
  log(`  ${label}: ${weights.keys.length} features kept of ${featurized.interner.size} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return { weights, scale, groups: settings.groups, featuresSeen: featurized.interner.size };
}

/** A tagger over trained passes, as the model file would give it. */
export function tagger(trained: readonly TrainedPass[], lexicon: NerLexicon): Tagger {
  return new Tagger(trained.map((pass) => {
    const emissions = new Float32Array(pass.weights.emissions.length);
    for (let k = 0; k < emissions.length; k++) emissions[k] = pass.weights.emissions[k]! * pass.scale;
    return { groups: pass.groups, keys: pass.weights.keys, emissions, transitions: pass.weights.transitions };
  }), lexicon);
}

export function tagDocuments(model: Tagger, documents: readonly LabeledDocument[]): Uint8Array[][] {
  return documents.map((doc) => model.tag(doc.sentences.map((s) => s.tokens), false).map((s) => s.tags));
}

export function score(documents: readonly LabeledDocument[], predicted: readonly (readonly Uint8Array[])[]): EntityScores {
  const scorer = new EntityScorer();
  documents.forEach((doc, d) => doc.sentences.forEach((s, i) => scorer.add(s.tags, predicted[d]![i]!)));
  return scorer.scores();
}

export interface TwoPassSettings {
  readonly first: PassSettings;
  /** Null: a one-pass model. */
  readonly second: PassSettings | null;
  readonly folds: number;
}

export function trainPasses(train: readonly LabeledDocument[], lexicon: NerLexicon, settings: TwoPassSettings, log: (line: string) => void): TrainedPass[] {
  const firstExtractor = new FeatureExtractor(settings.first.groups, lexicon);
  const firstFeatures = featurize(train, firstExtractor, null, settings.first.minCount);
  const all = train.map((_, d) => d);
  log(`pass 1: ${firstFeatures.interner.size} distinct features over ${train.length} documents`);
  const first = trainOn(firstFeatures, all, settings.first, log, 'pass 1');
  if (!settings.second) return [first];

  // Jackknife: the first-pass labels of each training document come from a model that did not see it.
  const firstPassTags: Uint8Array[][] = new Array(train.length);
  for (let fold = 0; fold < settings.folds; fold++) {
    const held = all.filter((d) => d % settings.folds === fold);
    const rest = all.filter((d) => d % settings.folds !== fold);
    const foldPass = tagger([trainOn(firstFeatures, rest, settings.first, () => undefined, `fold ${fold + 1}`)], lexicon);
    const tagged = tagDocuments(foldPass, held.map((d) => train[d]!));
    held.forEach((d, k) => (firstPassTags[d] = tagged[k]!));
    log(`  fold ${fold + 1}/${settings.folds}: first-pass F1 on its held-out documents ${(100 * score(held.map((d) => train[d]!), tagged).overall.f1).toFixed(2)}`);
  }
  const secondExtractor = new FeatureExtractor(settings.second.groups, lexicon);
  const secondFeatures = featurize(train, secondExtractor, firstPassTags, settings.second.minCount);
  log(`pass 2: ${secondFeatures.interner.size} distinct features`);
  const second = trainOn(secondFeatures, all, settings.second, log, 'pass 2');
  return [first, second];
}

/**
 * The first pass's F1 after each epoch on every tenth training document, trained on the other nine
 * tenths: how the number of epochs was chosen without looking at dev.
 */
export function learningCurve(train: readonly LabeledDocument[], lexicon: NerLexicon, settings: PassSettings, log: (line: string) => void): void {
  const extractor = new FeatureExtractor(settings.groups, lexicon);
  const featurized = featurize(train, extractor, null, settings.minCount);
  const held = train.map((_, d) => d).filter((d) => d % 10 === 0);
  const rest = train.map((_, d) => d).filter((d) => d % 10 !== 0);
  const heldDocs = held.map((d) => train[d]!);
  trainPerceptron(rest.flatMap((d) => featurized.sentences[d]!), featurized.interner.size, {
    epochs: settings.epochs,
    seed: settings.seed,
    dropout: settings.dropout,
    afterEpoch: (epoch, averaged) => {
      const { weights, scale } = compactWeights(averaged(), featurized.interner, featurized.interner.size);
      const pass = tagger([{ weights, scale, groups: settings.groups, featuresSeen: featurized.interner.size }], lexicon);
      log(`  epoch ${epoch}: held-out F1 ${(100 * score(heldDocs, tagDocuments(pass, heldDocs)).overall.f1).toFixed(2)}`);
    },
  });
}

/** Recall of the gold entities whose words never occur as an entity in the training documents. */
export function unseenRecall(train: readonly LabeledDocument[], documents: readonly LabeledDocument[], predicted: readonly (readonly Uint8Array[])[]): { recall: number; gold: number } {
  const seen = new Set<string>();
  for (const doc of train) for (const s of doc.sentences) for (const span of spansFromTags(s.tags)) seen.add(s.tokens.slice(span.start, span.end).join(' '));
  let gold = 0;
  let found = 0;
  documents.forEach((doc, d) => doc.sentences.forEach((s, i) => {
    const hits = new Set(spansFromTags(predicted[d]![i]!).map((p) => `${p.start}:${p.end}:${p.type}`));
    for (const span of spansFromTags(s.tags)) {
      if (seen.has(s.tokens.slice(span.start, span.end).join(' '))) continue;
      gold++;
      if (hits.has(`${span.start}:${span.end}:${span.type}`)) found++;
    }
  }));
  return { recall: gold ? found / gold : 0, gold };
}

/**
 * The second check beside dev: the last tenth of eng.train's documents (the corpus is in date order, so
 * these come latest, as the CoNLL-2003 test set comes after the training text) held out from training.
 */
export function holdOutLastTenth(documents: readonly LabeledDocument[]): { train: LabeledDocument[]; heldOut: LabeledDocument[] } {
  const cut = documents.length - Math.round(documents.length / 10);
  return { train: documents.slice(0, cut), heldOut: documents.slice(cut) };
}
