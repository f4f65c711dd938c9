/**
 * Figures of the shipped NER model: `npm run eval:ner` (needs ../shared/data/conll2003).
 *
 * - dev entity F1 (eng.testa), conlleval-style exact span and type match, overall and per type, and the
 *   recall of dev entities whose text never occurs as an entity in eng.train (the held-out test set of
 *   CoNLL-2003 has many more of those than dev: this is the figure that says how the model generalizes);
 * - load time of the model files (first load in this process);
 * - tagging speed on one core (this process is single-threaded), tokens per second, for the tagger
 *   alone (CoNLL tokens in) and for the whole `sentences` + `entities` pipeline over raw text;
 * - the size of the model files.
 *
 * `--json` prints only the accuracy figures, as one JSON object (the quality gate, bench/eval.ts, reads it).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { getLayer } from '../src/model/document.js';
import { buildPipeline, step } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { defaultModelsDirectory, loadNerModel, NER_FILES } from '../src/resources/ner.js';
import { entitiesStage } from '../src/stages/entities/entities.js';
import { spansFromTags, type EntityType, ENTITY_TYPES } from '../src/stages/entities/tags.js';
import { documentFromPlainText, sentencesStage } from '../src/stages/sentences/index.js';
import { EntityScorer, formatScores } from '../scripts/ner/conlleval.js';
import { readConll, tokenCount } from '../scripts/ner/data.js';

const SPEED_ROUNDS = 3;

const loadStarted = performance.now();
const loadCpuStarted = process.cpuUsage();
const model = loadNerModel();
const loadCpu = process.cpuUsage(loadCpuStarted);
const loadMs = performance.now() - loadStarted;
const loadCpuMs = (loadCpu.user + loadCpu.system) / 1000;

const train = readConll('eng.train');
const dev = readConll('eng.testa');
const devTokens = tokenCount(dev);

// Accuracy.
const scorer = new EntityScorer();
const seenInTrain = new Set<string>();
for (const doc of train) for (const s of doc.sentences) for (const span of spansFromTags(s.tags)) seenInTrain.add(s.tokens.slice(span.start, span.end).join(' '));
const unseen = { gold: 0, found: 0 };
const unseenByType = Object.fromEntries(ENTITY_TYPES.map((t) => [t, { gold: 0, found: 0 }])) as Record<EntityType, { gold: number; found: number }>;
for (const doc of dev) {
  const tagged = model.tagDocument(doc.sentences.map((s) => s.tokens));
  doc.sentences.forEach((s, i) => {
    const predicted = tagged[i]!.tags;
    scorer.add(s.tags, predicted);
    const found = new Set(spansFromTags(predicted).map((p) => `${p.start}:${p.end}:${p.type}`));
    for (const span of spansFromTags(s.tags)) {
      if (seenInTrain.has(s.tokens.slice(span.start, span.end).join(' '))) continue;
      const hit = found.has(`${span.start}:${span.end}:${span.type}`) ? 1 : 0;
      unseen.gold++;
      unseen.found += hit;
      unseenByType[span.type].gold++;
      unseenByType[span.type].found += hit;
    }
  });
}
const scores = scorer.scores();
if (process.argv.includes('--json')) {
  // For the quality gate (bench/eval.ts): the accuracy figures only, without the speed rounds.
  console.log(JSON.stringify({ devF1: scores.overall.f1, unseenRecall: unseen.found / unseen.gold }));
  process.exit(0);
}

// Speed: the tagger alone, then the whole pipeline over raw text.
/**
 * The CPU time (user + system, milliseconds) of the fastest of `rounds` runs. This process tags on one
 * thread, so CPU time is the time on one core, whatever else the machine is doing; wall time is
 * reported beside it.
 */
function bestOf(rounds: number, run: () => void): { cpu: number; wall: number } {
  let best = { cpu: Infinity, wall: Infinity };
  for (let r = 0; r < rounds; r++) {
    const wallStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    run();
    const cpu = process.cpuUsage(cpuStarted);
    const measured = { cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - wallStarted };
    if (measured.cpu < best.cpu) best = measured;
  }
  return best;
}
const taggerMs = bestOf(SPEED_ROUNDS, () => {
  for (const doc of dev) model.tagDocument(doc.sentences.map((s) => s.tokens));
});
const texts = dev.map((doc) => doc.sentences.map((s) => s.tokens.join(' ')).join('\n'));
const pipeline = buildPipeline([step(sentencesStage), step(entitiesStage)]);
let pipelineTokens = 0;
const pipelineMs = bestOf(SPEED_ROUNDS, () => {
  pipelineTokens = 0;
  for (const text of texts) pipelineTokens += getLayer(runPipeline(pipeline, documentFromPlainText(text), { ner: model }), 'tokens').length;
});

const sizes = Object.values(NER_FILES).map((file) => [file, statSync(join(defaultModelsDirectory(), file)).size] as const);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const pct = (x: number): string => (100 * x).toFixed(2);

console.log(`NER model: ${model.featureCount} features in ${model.header.passes.length} pass(es); ${String(model.header.provenance['command'] ?? '')}`);
console.log(`\nDev (eng.testa, ${dev.length} documents, ${devTokens} tokens), entity-level exact match:`);
console.log(formatScores(scores));
console.log(`  dev entities unseen in eng.train: recall ${pct(unseen.found / unseen.gold)} of ${unseen.gold} (${ENTITY_TYPES.map((t) => `${t} ${pct(unseenByType[t].found / Math.max(1, unseenByType[t].gold))}`).join(', ')})`);
const perSecond = (tokens: number, ms: number): string => Math.round(tokens / (ms / 1000)).toLocaleString('en-US');
console.log(`\nLoad time: ${loadMs.toFixed(0)} ms wall, ${loadCpuMs.toFixed(0)} ms CPU (goal < 1000 ms)`);
console.log(`Speed on one core (CPU time; best of ${SPEED_ROUNDS}; goal >= 50,000 tokens/s):`);
console.log(`  tagger alone (CoNLL tokens in):         ${perSecond(devTokens, taggerMs.cpu)} tokens/s (wall: ${perSecond(devTokens, taggerMs.wall)})`);
console.log(`  sentences + entities stages, raw text:  ${perSecond(pipelineTokens, pipelineMs.cpu)} tokens/s (wall: ${perSecond(pipelineTokens, pipelineMs.wall)})`);
console.log(`Model files: ${sizes.map(([file, size]) => `${file} ${mb(size)}`).join(', ')}; total ${mb(sizes.reduce((sum, [, size]) => sum + size, 0))}`);
