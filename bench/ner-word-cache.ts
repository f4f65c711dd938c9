/**
 * `npx tsx --expose-gc bench/ner-word-cache.ts [--bounds 10000,20000,50000] [--passes 3]`: what the NER
 * word cache's bound (src/stages/entities/word-info.ts, WORD_CACHE_ENTRIES) costs and saves. The
 * benchmark pages of ../shared/bench are extracted once; then, for each bound, the sentences and entities
 * stages run over all of them `--passes` times (bench:ingest's 10,000-page archive analyzes each page
 * about three times), in one process. Reported per bound: CPU time per page over the passes, the
 * share of cache lookups that miss, the words kept, and the heap the caches hold (heap after a full GC
 * with the caches filled minus the same with them emptied). The bound is set on the model's tagger
 * passes here; the stage itself takes the constant.
 */
import { extract } from '../src/extract/index.js';
import { EXTRACTOR } from '../src/extract/stamp.js';
import type { Article } from '../src/model/article.js';
import { documentFromArticle } from '../src/model/document.js';
import { buildPipeline } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { ResourceLoader } from '../src/resources/index.js';
import { lazyResources } from '../src/app/stage-resources.js';
import { selectStages } from '../src/stages/select.js';
import { WORD_CACHE_ENTRIES, WordInfoCache } from '../src/stages/entities/word-info.js';
import { requireBenchData, trafilaturaPages, wcxbPages } from './lib/datasets.js';
import { loadAverage } from './lib/cpu.js';

const argument = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const bounds = (argument('--bounds') ?? `10000,20000,${WORD_CACHE_ENTRIES}`).split(',').map(Number);
const passes = Number(argument('--passes') ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc (npx tsx --expose-gc bench/ner-word-cache.ts).');
  process.exit(2);
}
requireBenchData();

interface CacheInternals {
  table: unknown;
  newer: Map<string, unknown>;
  older: Map<string, unknown>;
}
interface Extractors {
  extractors: { cache: WordInfoCache }[];
}

const articles: Article[] = [];
for (const source of [trafilaturaPages(), wcxbPages()]) {
  for (const page of source) {
    const result = extract(page.bytes, { url: page.url ?? undefined });
    if (result.ok) articles.push(result.article);
  }
}
const loader = new ResourceLoader();
const resources = lazyResources({}, loader);
const pipeline = buildPipeline(selectStages(['entities']).map((stage) => ({ stage })));
const { extractors } = (loader.nerModel() as unknown as { tagger: Extractors }).tagger;
const caches = (): CacheInternals[] => extractors.map((e) => e.cache as unknown as CacheInternals);
const setBound = (bound: number): void => {
  for (const extractor of extractors) extractor.cache = new WordInfoCache((extractor.cache as unknown as CacheInternals).table as never, bound);
};
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const runAll = (): void => {
  for (const article of articles) runPipeline(pipeline, documentFromArticle(article, EXTRACTOR), resources);
};

console.log(`${articles.length} articles extracted; warming up (one pass at the default bound) ...`);
runAll();
console.log('| bound | CPU ms/page | lookups missed | words kept (both passes) | heap held by the caches | load |');
console.log('|---|---|---|---|---|---|');
for (const bound of bounds) {
  setBound(bound);
  const before = process.cpuUsage();
  for (let p = 0; p < passes; p++) runAll();
  const cpu = process.cpuUsage(before);
  const cpuMs = (cpu.user + cpu.system) / 1000 / (passes * articles.length);
  const filled = heapMb();
  const kept = caches().reduce((sum, c) => sum + c.newer.size + c.older.size, 0);
  // Misses in one more pass: a lookup misses when the word is in neither generation.
  let lookups = 0;
  let missed = 0;
  const originals = extractors.map((e) => e.cache.get.bind(e.cache));
  extractors.forEach((e, i) => {
    const internals = e.cache as unknown as CacheInternals;
    e.cache.get = (token: string) => {
      lookups++;
      if (!internals.newer.has(token) && !internals.older.has(token)) missed++;
      return originals[i]!(token);
    };
  });
  runAll();
  for (const c of caches()) {
    c.newer.clear();
    c.older.clear();
  }
  const emptied = heapMb();
  console.log(`| ${bound.toLocaleString('en')} | ${cpuMs.toFixed(1)} | ${((100 * missed) / lookups).toFixed(1)} % | ${kept.toLocaleString('en')} | ${(filled - emptied).toFixed(1)} MB | ${loadAverage()} |`);
}
