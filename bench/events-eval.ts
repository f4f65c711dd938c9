/**
 * `npm run eval:events`: scores the events stage on hand-coded sentences (bench/data/events/dev.jsonl and
 * test.jsonl, written from the CAMEO code descriptions before any tuning; tune on dev only) and on the
 * worked example page (examples/voa-us-china-talks.html, gold in bench/data/events/worked-example.json).
 * The real pipeline runs: sentences → entities → actors → events. Each sentence counts its
 * highest-confidence event. Prints CAMEO root, full code, PLOVER type, source and target accuracy.
 * Options: --verbose (list every miss) --split dev|test|all (default: all, printed per split)
 * --json (only the dev+test and worked-example accuracies, as one JSON object, for bench/eval.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { eventsPipeline, eventsResources } from '../src/cli/events/pipeline.js';
import { extract } from '../src/extract/index.js';
import { getLayer, type Document } from '../src/model/document.js';
import { runPipeline } from '../src/pipeline/run.js';
import { loadEventResources, ResourceLoader } from '../src/resources/index.js';
import { PLOVER_FALLBACK } from '../src/stages/events/rules.js';
import type { EventData } from '../src/stages/events/event.js';
import { documentFromPlainText } from '../src/stages/sentences/plain-text.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(REPO, 'bench', 'data', 'events');
/** synthetic-test is the held-back split: never tuned on (train:events reads train and dev only). */
const SPLITS = ['synthetic-dev', 'synthetic-test', 'dev', 'test'];

/** A gold event; code "none" for a sentence that carries no event (right when the coder finds none). */
interface Gold { source: string[] | null; target: string[] | null; code: string; plover: string | null }
interface Item { id: string; text: string; date?: string; gold: Gold; split: string }

/** Actor codes agree on their country or organization part (USAGOV ~ USA; IGOUNO ≠ IGOEU). */
export function sameActor(predicted: string | null | undefined, gold: readonly string[]): boolean {
  if (!predicted) return false;
  const key = (code: string): string => (/^(IGO|NGO|IMG|MNC)/.test(code) ? code.slice(0, 6) : code.slice(0, 3));
  return gold.some((g) => key(g) === key(predicted) || (g.length === 3 && predicted.startsWith(g)));
}

function withDate(doc: Document, date: string | undefined): Document {
  return date ? { ...doc, article: { ...doc.article, published: date } } : doc;
}

function top(events: readonly EventData[]): EventData | null {
  return events.reduce<EventData | null>((best, e) => (!best || e.confidence > best.confidence ? e : best), null);
}

class Tally {
  n = 0; noEventN = 0; noEventRight = 0; root = 0; code = 0; plover = 0; sourceN = 0; source = 0; targetN = 0; target = 0; none = 0;
  add(event: EventData | null, gold: Gold): boolean {
    this.n++;
    if (!event) this.none++;
    if (gold.code === 'none') {
      this.noEventN++;
      if (!event) {
        this.noEventRight++;
        this.root++; this.code++; this.plover++;
      }
      return !event;
    }
    const rootOk = event?.root === gold.code.slice(0, 2);
    if (rootOk) this.root++;
    if (event?.code === gold.code) this.code++;
    if ((event?.plover?.type ?? null) === gold.plover && event) this.plover++;
    if (gold.source) { this.sourceN++; if (sameActor(event?.source?.code, gold.source)) this.source++; }
    if (gold.target) { this.targetN++; if (sameActor(event?.target?.code, gold.target)) this.target++; }
    return rootOk;
  }
  rates(): { root: number; plover: number; source: number } {
    return { root: this.n ? this.root / this.n : 0, plover: this.n ? this.plover / this.n : 0, source: this.sourceN ? this.source / this.sourceN : 0 };
  }
  line(name: string): string {
    const f = (a: number, b: number): string => (b ? (a / b).toFixed(3) : '  -  ');
    return `${name.padEnd(16)} n=${String(this.n).padStart(3)}  root ${f(this.root, this.n)}  code ${f(this.code, this.n)}  PLOVER ${f(this.plover, this.n)}  source ${f(this.source, this.sourceN)} (n=${this.sourceN})  target ${f(this.target, this.targetN)} (n=${this.targetN})  no event ${this.none}${this.noEventN ? ` (right on ${this.noEventRight} of ${this.noEventN} sentences without one)` : ''}`;
  }
}

/** The authors' sentences (dev, test) or a synthetic split (synthetic-dev, synthetic-test), whose PLOVER gold follows the CAMEO code. */
function readItems(split: string, ploverOf: (code: string) => string | null): Item[] {
  const path = join(DATA, `${split}.jsonl`);
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const item = JSON.parse(l) as Omit<Item, 'split'> & { gold: Omit<Gold, 'plover'> & { plover?: string | null } };
    const plover = item.gold.plover !== undefined ? item.gold.plover : item.gold.code === 'none' ? null : ploverOf(item.gold.code);
    return { ...item, gold: { ...item.gold, plover }, split };
  });
}

function main(): void {
  const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false }, split: { type: 'string', default: 'all' }, json: { type: 'boolean', default: false }, 'patterns-only': { type: 'boolean', default: false } } });
  const print = (line: string): void => {
    if (!values.json) console.log(line);
  };
  const needed = [...SPLITS.map((split) => join(DATA, `${split}.jsonl`)), join(DATA, 'worked-example.json'), join(REPO, 'data', 'events', 'cameo-verbs.json.gz'), join(REPO, 'models', 'pos.json.gz')];
  const absent = needed.filter((p) => !existsSync(p));
  if (absent.length) {
    console.error(`eval:events: data absent: ${absent.join(', ')} (run npm run build:events / npm run train:pos / npm run build:event-sentences; the bench data ships in bench/data/events).`);
    process.exit(1);
  }
  const pipeline = eventsPipeline();
  const loader = new ResourceLoader();
  const lazy = eventsResources(pipeline, loader);
  // --patterns-only: the CAMEO pattern coder alone, as Parley coded before the learned coder (the "before" figures).
  const resources = values['patterns-only'] ? (Object.defineProperty(Object.create(lazy) as object, 'events', { value: loadEventResources(loader.modelsDirectory, undefined, false) }) as typeof lazy) : lazy;
  const splits = values.split === 'all' ? SPLITS : [values.split!];
  const lexicon = loadEventResources(loader.modelsDirectory, undefined, false).lexicon;
  const ploverOf = (code: string): string | null => lexicon.ploverOf(code, PLOVER_FALLBACK)?.type ?? null;
  const tallies = new Map<string, Tally>();
  const authors = new Tally();
  for (const split of splits) {
    const tally = new Tally();
    tallies.set(split, tally);
    for (const item of readItems(split, ploverOf)) {
      const doc = runPipeline(pipeline, withDate(documentFromPlainText(item.text), item.date), resources);
      const event = top(getLayer(doc, 'events').map((a) => a.data));
      if (!split.startsWith('synthetic')) authors.add(event, item.gold);
      const ok = tally.add(event, item.gold);
      if (values.verbose && (!ok || event?.code !== item.gold.code)) {
        console.log(`  ${item.id} gold ${item.gold.code} ${item.gold.source?.join('|') ?? '-'}→${item.gold.target?.join('|') ?? '-'}  got ${event ? `${event.code} ${event.source?.code ?? '-'}→${event.target?.code ?? '-'} "${item.text.slice(event.verb.start, event.verb.end)}"` : 'none'}  | ${item.text}`);
      }
    }
    print(tally.line(split));
  }
  if (splits.includes('dev') && splits.includes('test')) print(authors.line('authors dev+test'));
  const worked = workedExample(pipeline, resources, values.verbose!);
  print(worked.line('worked example'));
  if (values.json) {
    const test = tallies.get('synthetic-test')?.rates();
    console.log(JSON.stringify({ ...authors.rates(), workedExampleRoot: worked.rates().root, ...(test ? { syntheticTestRoot: test.root, syntheticTestPlover: test.plover, syntheticTestSource: test.source } : {}) }));
  }
}

function workedExample(pipeline: ReturnType<typeof eventsPipeline>, resources: ReturnType<typeof eventsResources>, verbose: boolean): Tally {
  const spec = JSON.parse(readFileSync(join(DATA, 'worked-example.json'), 'utf8')) as { page: string; date: string; events: { phrase: string; gold: Gold }[] };
  const pagePath = join(REPO, spec.page);
  if (!existsSync(pagePath)) {
    console.error(`eval:events: the worked example page ${pagePath} is absent.`);
    process.exit(1);
  }
  const result = extract(readFileSync(pagePath));
  if (!result.ok) {
    console.error(`eval:events: the worked example page was rejected: ${result.rejection.reason}`);
    process.exit(1);
  }
  const article = result.article;
  const bodyDoc = runPipeline(pipeline, withDate(documentFromPlainText(article.text), spec.date), resources);
  const titleDoc = article.title ? runPipeline(pipeline, withDate(documentFromPlainText(article.title), spec.date), resources) : null;
  const tally = new Tally();
  for (const { phrase, gold } of spec.events) {
    const doc = bodyDoc.text.includes(phrase) ? bodyDoc : titleDoc?.text.includes(phrase) ? titleDoc : null;
    const at = doc ? doc.text.indexOf(phrase) : -1;
    const sentence = doc ? getLayer(doc, 'sentences').find((s) => s.start <= at && at < s.end) : undefined;
    const events = doc && sentence ? getLayer(doc, 'events').filter((e) => e.start === sentence.start).map((e) => e.data) : [];
    const event = top(events);
    const ok = tally.add(event, gold);
    if (verbose && !ok) console.log(`  worked example "${phrase}": gold ${gold.code}, got ${event ? `${event.code} ${event.source?.code ?? '-'}→${event.target?.code ?? '-'}` : 'none'}`);
  }
  return tally;
}

main();
