/**
 * Trains Parley's NER model: `npm run train:ner [-- options]`.
 *
 * Reads ../shared/data/conll2003/eng.train (training) and eng.testa (dev: reported, and used only to fit
 * the two numbers of the confidence curve), the lexicon files under models/ (ner-gazetteer.tsv.gz,
 * ner-words.tsv.gz; see models/README.md for how they are built), and writes models/ner.bin.gz.
 * Deterministic: the same data, lexicons and options give the same bytes.
 *
 * Options: --epochs N (default 12) --folds N (jackknife folds for the second pass, default 3) --ensemble N
 * (perceptrons averaged per pass, default 2; 5 and 5 folds gave about 0.2 more dev F1 with IOB2 tags, at
 * two and a half times the training time)
 * --seed N --one-pass --without group,group / --with group (feature ablation: see FeatureGroups)
 * --min-count N (drop features seen fewer times in training) --out FILE
 * --dropout P (probability of hiding a token's word-identity features in a training visit)
 * --drop-lists cat,cat (ablation: leave these categories of the name lists out; implies --no-save)
 * --no-save (train and report only) --curve (first-pass F1 per epoch on a tenth of eng.train held out)
 * --rebuild-lexicons (rebuild ner-gazetteer.tsv.gz and ner-words.tsv.gz from ../shared first)
 * --holdout (train on the first nine tenths of eng.train's documents and report the last tenth beside dev:
 *   the second check that keeps choices from being fitted to dev; implies --no-save)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { NER_FILES } from '../src/resources/ner.js';
import { DEFAULT_FEATURE_GROUPS, FEATURE_VERSION, type FeatureGroups, type NerLexicon } from '../src/stages/entities/features.js';
import { Gazetteer } from '../src/stages/entities/gazetteer.js';
import { encodeModel, MODEL_FORMAT, type LexiconFileRef, type ModelHeader } from '../src/stages/entities/model-file.js';
import { TAGS } from '../src/stages/entities/tags.js';
import { WordTable } from '../src/stages/entities/words.js';
import { entityMargins, fitCalibration } from './ner/calibrate.js';
import { formatScores } from './ner/conlleval.js';
import { MODELS_DIR, readConll, readMaybeGzip, REPO, sha256, tokenCount } from './ner/data.js';
import { holdOutLastTenth, learningCurve, score, tagDocuments, tagger, trainPasses, unseenRecall } from './ner/passes.js';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '12' },
    folds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '20261126' },
    'one-pass': { type: 'boolean', default: false },
    without: { type: 'string', default: '' },
    with: { type: 'string', default: '' },
    'min-count': { type: 'string', default: '1' },
    ensemble: { type: 'string', default: '2' },
    dropout: { type: 'string', default: '0' },
    out: { type: 'string', default: join(MODELS_DIR, NER_FILES.model) },
    'no-save': { type: 'boolean', default: false },
    curve: { type: 'boolean', default: false },
    'rebuild-lexicons': { type: 'boolean', default: false },
    holdout: { type: 'boolean', default: false },
    'drop-lists': { type: 'string', default: '' },
  },
});

const started = performance.now();
const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const without = values.without.split(',').filter(Boolean);
const added = values.with.split(',').filter(Boolean);
for (const name of [...without, ...added]) {
  if (!(name in DEFAULT_FEATURE_GROUPS)) {
    console.error(`${name}: unknown feature group (one of ${Object.keys(DEFAULT_FEATURE_GROUPS).join(', ')})`);
    process.exit(2);
  }
}
const groups: FeatureGroups = { ...DEFAULT_FEATURE_GROUPS, ...Object.fromEntries(added.map((name) => [name, true])), ...Object.fromEntries(without.map((name) => [name, false])) };
const firstGroups: FeatureGroups = { ...groups, aggregation: false, stacking: false };
const twoPass = !values['one-pass'] && (groups.aggregation || groups.stacking);
const epochs = Number(values.epochs);
const seed = Number(values.seed);
const folds = Number(values.folds);
const minCount = Number(values['min-count']);
const ensemble = Number(values.ensemble);
const dropout = Number(values.dropout);

if (values['rebuild-lexicons']) {
  // The two lexicon builders are scripts: importing one runs it.
  await import('./ner/build-gazetteer.js');
  await import('./ner/build-words.js');
}

function lexiconFile<T>(file: string, wanted: boolean, parse: (text: string) => T): { value: T | null; ref: LexiconFileRef | null } {
  const path = join(MODELS_DIR, file);
  if (!wanted) return { value: null, ref: null };
  if (!existsSync(path)) {
    console.error(`${relative(REPO, path)} is missing: build it first (see models/README.md), or train --without the groups that use it.`);
    process.exit(2);
  }
  const { bytes, text } = readMaybeGzip(path);
  return { value: parse(text), ref: { file, sha256: sha256(bytes) } };
}

const droppedLists = new Set(values['drop-lists'].split(',').filter(Boolean));
const gazetteer = lexiconFile(NER_FILES.gazetteer, groups.gazetteer, (text) => Gazetteer.parse(droppedLists.size === 0 ? text : text.split('\n').filter((line) => !droppedLists.has(line.split('\t')[0]!)).join('\n')));
if (droppedLists.size > 0) values['no-save'] = true;
const words = lexiconFile(NER_FILES.words, groups.clusters || groups.capitalization, WordTable.parse);
const lexicon: NerLexicon = { gazetteer: gazetteer.value, words: words.value };

const allTrain = readConll('eng.train');
const { train, heldOut } = values.holdout ? holdOutLastTenth(allTrain) : { train: allTrain, heldOut: [] };
const dev = readConll('eng.testa');
log(`eng.train: ${train.length} documents, ${tokenCount(train)} tokens; eng.testa (dev): ${dev.length} documents, ${tokenCount(dev)} tokens`);
if (droppedLists.size > 0) log(`name lists left out: ${[...droppedLists].join(', ')} (${gazetteer.value?.entryCount ?? 0} phrases kept)`);
if (values.holdout) log(`held out: the last ${heldOut.length} documents of eng.train (${tokenCount(heldOut)} tokens), not trained on`);
log(`feature groups: ${Object.entries(groups).filter(([, on]) => on).map(([name]) => name).join(', ')}${twoPass ? '' : ' (one pass)'}`);

if (values.curve) {
  log('learning curve of the first pass (train on 9/10 of eng.train, score the other 1/10):');
  learningCurve(train, lexicon, { groups: firstGroups, epochs, seed, minCount, ensemble, dropout }, log);
  process.exit(0);
}

const trained = trainPasses(train, lexicon, {
  first: { groups: firstGroups, epochs, seed, minCount, ensemble, dropout },
  second: twoPass ? { groups, epochs, seed: seed + 1, minCount, ensemble, dropout } : null,
  folds,
}, log);
const model = tagger(trained, lexicon);
const trainSeconds = (performance.now() - started) / 1000;

const firstTags = tagDocuments(trained.length > 1 ? tagger(trained.slice(0, 1), lexicon) : model, dev);
const firstOnly = score(dev, firstTags);
const unseenLine = (tags: Uint8Array[][]): string => `\n  recall of dev entities unseen in training: ${(100 * unseenRecall(train, dev, tags).recall).toFixed(2)}`;
log(`dev, first pass only:\n${formatScores(firstOnly)}${unseenLine(firstTags)}`);
const bothTags = trained.length > 1 ? tagDocuments(model, dev) : firstTags;
const devScores = trained.length > 1 ? score(dev, bothTags) : firstOnly;
if (trained.length > 1) log(`dev, both passes:\n${formatScores(devScores)}${unseenLine(bothTags)}`);

if (heldOut.length > 0) {
  const heldTags = tagDocuments(model, heldOut);
  const heldScores = score(heldOut, heldTags);
  log(`held-out tenth of eng.train:\n${formatScores(heldScores)}\n  recall of held-out entities unseen in the nine tenths: ${(100 * unseenRecall(train, heldOut, heldTags).recall).toFixed(2)}`);
  log(`done: dev F1 ${(100 * devScores.overall.f1).toFixed(2)}, held-out F1 ${(100 * heldScores.overall.f1).toFixed(2)}, training ${trainSeconds.toFixed(0)} s`);
  process.exit(0);
}

const calibration = fitCalibration(entityMargins(model, dev));
log(`confidence = logistic(${calibration.slope.toFixed(4)} × margin + ${calibration.bias.toFixed(3)}); dev precision by confidence: ${calibration.reliability.map((r) => `${r.bin}: ${(100 * r.precision).toFixed(0)}% of ${r.entities}`).join(', ')}`);

const header: ModelHeader = {
  format: MODEL_FORMAT,
  featureVersion: FEATURE_VERSION,
  tags: TAGS,
  passes: trained.map((pass) => ({ groups: pass.groups, features: pass.weights.keys.length, scale: pass.scale })),
  lexicon: { gazetteer: gazetteer.ref, words: words.ref },
  confidence: { slope: calibration.slope, bias: calibration.bias },
  provenance: {
    command: `npm run train:ner${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    trainedOn: 'CoNLL-2003 English eng.train (../shared/data/conll2003); confidence fitted on eng.testa',
    learner: 'structured averaged perceptron, first-order linear chain, BILOU tags, constrained Viterbi',
    settings: { epochs, folds: twoPass ? folds : 0, seed, minCount, ensemble, dropout },
    devF1: Number(devScores.overall.f1.toFixed(4)),
    devF1ByType: Object.fromEntries(Object.entries(devScores.byType).map(([type, s]) => [type, Number(s.f1.toFixed(4))])),
  },
};

if (!values['no-save']) {
  const bytes = gzipSync(encodeModel({ header, passes: trained.map((pass) => pass.weights) }), { level: 9 });
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, bytes);
  log(`wrote ${relative(REPO, values.out)} (${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${header.passes.map((p) => p.features).join(' + ')} features)`);
}
log(`done: dev F1 ${(100 * devScores.overall.f1).toFixed(2)}, training ${trainSeconds.toFixed(0)} s`);
