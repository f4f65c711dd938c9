import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { lazyResources } from './src/app/stage-resources.js';
import { getLayer } from './src/model/document.js';
import { buildPipeline, step } from './src/pipeline/build.js';
import { runPipeline } from './src/pipeline/run.js';
import { placesStage } from './src/stages/places/places.js';
import { selectStages } from './src/stages/select.js';
import { ANALYSIS_STAGES } from './src/stages/index.js';
import { documentFromPlainText } from './src/stages/sentences/plain-text.js';
import { placeKey } from './src/stages/places/keys.js';
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'article' || n === 'toponym', parseTagValue: false, trimValues: false });
const root = parser.parse(readFileSync('../shared/data/geo/lgl.xml', 'utf8')) as any;
const pipeline = buildPipeline(selectStages(['places'], [...ANALYSIS_STAGES, placesStage]).map((s) => step(s)));
const resources = lazyResources();
const types = new Map<string, number>();
let n = 0;
root.articles.article.forEach((a: any, i: number) => {
  if (i % 2 !== 0 || n > 3000) return;
  const doc = runPipeline(pipeline, documentFromPlainText(String(a.text)), resources);
  const ents = getLayer(doc, 'entities'); const places = getLayer(doc, 'places');
  for (const t of a.toponyms?.toponym ?? []) {
    if (!t.gaztag) continue;
    const s = Number(t.start), e = Number(t.end);
    if (places.some((p) => p.start < e && s < p.end)) continue;
    const ent = ents.find((x) => x.start < e && s < x.end);
    const k = ent ? ent.data.type : 'none';
    const inGaz = resources.gazetteer!.lookup(placeKey(String(t.phrase))).length > 0;
    const key = `${k} ${inGaz ? 'gaz' : 'nogaz'} ${t.gaztag.fcode}`;
    types.set(key, (types.get(key) ?? 0) + 1);
    if (process.argv[2] === key) console.log(t.phrase, '|', ent ? doc.text.slice(ent.start, ent.end) : '', '|', doc.text.slice(Math.max(0, s - 40), e + 20).replace(/\n/g, ' '));
  }
});
console.log([...types].sort((a, b) => b[1] - a[1]).slice(0, 30));
