import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabeledConll } from '../../src/stages/entities/conll.js';
import { DEFAULT_FEATURE_GROUPS, FEATURE_VERSION } from '../../src/stages/entities/features.js';
import { decodeModel, encodeModel, MODEL_FORMAT } from '../../src/stages/entities/model-file.js';
import { NerModel } from '../../src/stages/entities/model.js';
import { TAGS } from '../../src/stages/entities/tags.js';
import { tagDocuments, tagger, trainPasses } from '../../scripts/ner/passes.js';

const documents = parseLabeledConll(readFileSync(join(import.meta.dirname, 'fixtures', 'news.conll'), 'utf8'));
const lexicon = { gazetteer: null, words: null };
const groups = { ...DEFAULT_FEATURE_GROUPS, clusters: false, capitalization: false, gazetteer: false };

describe('reading labeled CoNLL', () => {
  it('splits documents and sentences and reads IOB1 or IOB2 tags', () => {
    expect(documents.map((d) => d.sentences.length)).toEqual([2, 1]);
    const first = documents[0]!.sentences[0]!;
    expect(first.tokens.slice(0, 5)).toEqual(['Secretary', 'of', 'State', 'John', 'Kerry']);
    expect([...first.tags.slice(0, 5)].map((t) => TAGS[t])).toEqual(['O', 'O', 'B-ORG', 'B-PER', 'I-PER']);
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
