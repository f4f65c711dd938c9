/**
 * `npx tsx bench/places-tune.ts [NAME=VALUE ...]`: the places stage's figures on LGL's dev half (only:
 * the test half is never tuned on) with weights of src/stages/places/rules.ts changed, for tuning. The
 * stages before `places` run once; then each setting re-runs the places stage alone. A setting is a
 * dotted path into WEIGHTS and a number (`country=3`, `kind.admin1=5`); several settings separated by
 * commas form one trial: `npx tsx bench/places-tune.ts near=0 near=4 country=3,admin1=3`.
 */
import { lazyResources } from '../src/app/stage-resources.js';
import type { Document } from '../src/model/document.js';
import { buildPipeline, step } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { placesStage, PLACES_DEFAULTS } from '../src/stages/places/places.js';
import { WEIGHTS } from '../src/stages/places/rules.js';
import { documentFromPlainText } from '../src/stages/sentences/plain-text.js';
import { placesPipelineStages, readLgl, Score, scoreArticle, type LglArticle } from './lib/lgl.js';

const resources = lazyResources();
const before = buildPipeline(placesPipelineStages().filter((s) => s.name !== placesStage.name).map((s) => step(s)));
const dev: { article: LglArticle; doc: Document }[] = readLgl()
  .filter((a) => a.split === 'dev')
  .map((article) => ({ article, doc: runPipeline(before, documentFromPlainText(article.text), resources) }));

function setWeight(path: string, value: number): number {
  const keys = path.split('.');
  let target = WEIGHTS as unknown as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = keys.at(-1)!;
  if (typeof target?.[last] !== 'number') throw new Error(`WEIGHTS has no number at ${path}`);
  const old = target[last] as number;
  target[last] = value;
  return old;
}

function trial(label: string): void {
  const score = new Score();
  const started = performance.now();
  for (const { article, doc } of dev) {
    const output = placesStage.run(doc, PLACES_DEFAULTS, resources);
    scoreArticle(score, article, doc.text, output.layers.places ?? []);
  }
  const f = score.figures();
  console.log(`${label.padEnd(40)} P ${f.precision.toFixed(3)} R ${f.recall.toFixed(3)} F1 ${f.f1.toFixed(3)} acc ${f.accuracy161.toFixed(3)} (${((performance.now() - started) / dev.length).toFixed(2)} ms/article)`);
}

trial('current');
for (const setting of process.argv.slice(2)) {
  const olds = setting.split(',').map((pair) => {
    const [path, value] = pair.split('=');
    return [path!, setWeight(path!, Number(value))] as const;
  });
  trial(setting);
  for (const [path, old] of olds) setWeight(path, old);
}
