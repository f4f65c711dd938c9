import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabeledConll } from '../../src/stages/entities/conll.js';
import { viterbi } from '../../src/stages/entities/decode.js';
import { DEFAULT_FEATURE_GROUPS, FEATURE_VERSION, FeatureExtractor } from '../../src/stages/entities/features.js';
import { decodeModel, encodeModel, MODEL_FORMAT } from '../../src/stages/entities/model-file.js';
import { NerModel } from '../../src/stages/entities/model.js';
import { TAG_COUNT, TAGS } from '../../src/stages/entities/tags.js';
import { maskedTransitions } from '../../src/stages/entities/weights.js';
import { tagDocuments, tagger, trainPasses } from '../../scripts/ner/passes.js';

const documents = parseLabeledConll(readFileSync(join(import.meta.dirname, 'fixtures', 'news.conll'), 'utf8'));
const lexicon = { gazetteer: null, words: null };
const groups = { ...DEFAULT_FEATURE_GROUPS, clusters: false, capitalization: false, gazetteer: false };

describe('reading labeled CoNLL', () => {
  it('splits documents and sentences and reads IOB1 or IOB2 tags', () => {
    expect(documents.map((d) => d.sentences.length)).toEqual([2, 1]);
    const first = documents[0]!.sentences[0]!;
    expect(first.tokens.slice(0, 5)).toEqual(['Secretary', 'of', 'State', 'John', 'Kerry']);
    expect([...first.tags.slice(0, 5)].map((t) => TAGS[t])).toEqual(['O', 'O', 'U-ORG', 'B-PER', 'L-PER']);
  });

  it('reports a bad tag or a line without a tag with its line number', () => {
    expect(() => parseLabeledConll('Kerry B-PERSON\n\n')).toThrow(/line 2/);
    expect(() => parseLabeledConll('Kerry B-PER\nsaid\n')).toThrow(/line 2: expected a token and a tag column/);
  });
});

describe('training', () => {
  const trained = trainPasses(documents, lexicon, {
    first: { groups: { ...groups, aggregation: false, stacking: false }, epochs: 8, seed: 1, minCount: 1, ensemble: 2, dropout: 0 },
    second: { groups, epochs: 8, seed: 2, minCount: 1, ensemble: 1, dropout: 0 },
    folds: 3,
  }, () => undefined);

  it('learns the training sentences, in two passes', () => {
    expect(trained).toHaveLength(2);
    const tagged = tagDocuments(tagger(trained, lexicon), documents);
    documents.forEach((doc, d) => doc.sentences.forEach((s, i) => expect([...tagged[d]![i]!].map((t) => TAGS[t])).toEqual([...s.tags].map((t) => TAGS[t]))));
  });

  it('is deterministic', () => {
    const again = trainPasses(documents, lexicon, {
      first: { groups: { ...groups, aggregation: false, stacking: false }, epochs: 8, seed: 1, minCount: 1, ensemble: 2, dropout: 0 },
      second: { groups, epochs: 8, seed: 2, minCount: 1, ensemble: 1, dropout: 0 },
      folds: 3,
    }, () => undefined);
    expect(again.map((p) => [...p.weights.keys])).toEqual(trained.map((p) => [...p.weights.keys]));
    expect(again.map((p) => [...p.weights.emissions])).toEqual(trained.map((p) => [...p.weights.emissions]));
  });

  it('writes a model file that reads back into the same tagger', () => {
    const header = {
      format: MODEL_FORMAT,
      featureVersion: FEATURE_VERSION,
      tags: TAGS,
      passes: trained.map((pass) => ({ groups: pass.groups, features: pass.weights.keys.length, scale: pass.scale })),
      lexicon: { gazetteer: null, words: null },
      confidence: { slope: 0.1, bias: 0 },
      provenance: { test: true },
    };
    const bytes = encodeModel({ header, passes: trained.map((pass) => pass.weights) });
    const model = NerModel.fromContents(decodeModel(bytes), lexicon);
    const direct = tagDocuments(tagger(trained, lexicon), documents);
    documents.forEach((doc, d) => {
      const tagged = model.tagDocument(doc.sentences.map((s) => s.tokens));
      tagged.forEach((s, i) => expect([...s.tags]).toEqual([...direct[d]![i]!]));
    });
    expect(model.confidence(0)).toBeCloseTo(0.5);
    expect(model.confidence(50)).toBeGreaterThan(0.99);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 8))).toThrow(/truncated/);
  });
});

describe('the tagger scores as the features say', () => {
  const trained = trainPasses(documents, lexicon, {
    first: { groups: { ...groups, aggregation: false, stacking: false }, epochs: 4, seed: 3, minCount: 1, ensemble: 1, dropout: 0.2 },
    second: { groups, epochs: 4, seed: 4, minCount: 1, ensemble: 1, dropout: 0.2 },
    folds: 3,
  }, () => undefined);

  /** Emission scores of a sentence summed key by key from every feature the extractor gives (no caching). */
  function bruteForce(pass: (typeof trained)[number], features: { keys: Uint32Array; offsets: Int32Array }): Float64Array {
    const rows = new Map([...pass.weights.keys].map((key, row) => [key, row]));
    const n = features.offsets.length - 1;
    const scores = new Float64Array(n * TAG_COUNT);
    for (let i = 0; i < n; i++) {
      for (let k = features.offsets[i]!; k < features.offsets[i + 1]!; k++) {
        const row = rows.get(features.keys[k]!);
        if (row === undefined) continue;
        for (let t = 0; t < TAG_COUNT; t++) scores[i * TAG_COUNT + t]! += pass.weights.emissions[row * TAG_COUNT + t]! * pass.scale;
      }
    }
    return scores;
  }

  it('gives the tags and margins of plain Viterbi over every feature of both passes (its per-word caches change nothing)', () => {
    const model = tagger(trained, lexicon);
    const extractors = trained.map((pass) => new FeatureExtractor(pass.groups, lexicon));
    for (const doc of documents) {
      const sentences = doc.sentences.map((s) => s.tokens);
      const ctx = extractors[0]!.context(sentences);
      const first = sentences.map((_, s) => viterbi(bruteForce(trained[0]!, extractors[0]!.extract(ctx, s)), sentences[s]!.length, maskedTransitions(trained[0]!.weights.transitions)));
      ctx.setFirstPass(first.map((d) => d.tags));
      const expected = sentences.map((_, s) => viterbi(bruteForce(trained[1]!, extractors[1]!.extract(ctx, s)), sentences[s]!.length, maskedTransitions(trained[1]!.weights.transitions)));
      // Twice: the second time every word's scores come from the cache.
      for (let round = 0; round < 2; round++) {
        model.tag(sentences).forEach((got, s) => {
          expect([...got.tags]).toEqual([...expected[s]!.tags]);
          got.margins.forEach((margin, i) => expect(margin).toBeCloseTo(expected[s]!.margins[i]!, 3));
        });
      }
    }
  });
});
