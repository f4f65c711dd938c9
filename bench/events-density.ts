/**
 * `npm run bench:events-density`: how many events Parley codes per 1,000 words on news pages and on
 * pages that are not news, and on pages in other languages (which the English-only stages must leave
 * alone). A coder that emits what sentences carry codes far fewer events from guides, shops and docs
 * than from news.
 *
 * Pages: ../shared/bench/trafilatura-eval (news and blog pages of many sites, mostly German) split by the
 * language Parley extracts (English pages are the news set; the rest the other-language set), and
 * ../shared/bench/wcxb-articles dev (2025 web pages: guides, marketing and how-to articles) as the
 * non-news set, less the few tagged news. Each page is extracted and analyzed as `parley ingest` does
 * (the stages of `parley events`: sentences, entities, actors, events).
 *
 * Also prints the events stage's wall time per page and its share of the stages' time in each set (one
 * process, one thread: compare shares within a run; other work on the machine moves the milliseconds).
 *
 * Options: --pages N (at most N pages of each dataset) --json
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { eventsPipeline, eventsResources } from '../src/cli/events/pipeline.js';
import { extractDocument } from '../src/extract/index.js';
import { getLayer } from '../src/model/document.js';
import { runPipeline } from '../src/pipeline/run.js';
import { ResourceLoader } from '../src/resources/index.js';
import { BENCH_DIR, requireBenchData, trafilaturaPages, wcxbPages, type BenchPage } from './lib/datasets.js';

interface Tally {
  pages: number;
  words: number;
  events: number;
  pagesWithEvents: number;
  /** Wall time of the events stage, and of all the stages, over these pages (ms). */
  eventsMs: number;
  stagesMs: number;
}

const empty = (): Tally => ({ pages: 0, words: 0, events: 0, pagesWithEvents: 0, eventsMs: 0, stagesMs: 0 });

/** WCXB pages its ground truth tags as news (they belong to neither set). */
function wcxbNewsIds(): Set<string> {
  const ids = new Set<string>();
  for (const page of wcxbPages()) {
    const truth = JSON.parse(readFileSync(join(BENCH_DIR, 'wcxb-articles', 'dev', 'ground-truth', `${page.id}.json`), 'utf8')) as { _internal?: { page_type?: { tags?: string[] } } };
    if (truth._internal?.page_type?.tags?.includes('news')) ids.add(page.id);
  }
  return ids;
}

function main(): void {
  requireBenchData();
  const { values } = parseArgs({ options: { pages: { type: 'string' }, json: { type: 'boolean', default: false } } });
  const limit = values.pages ? Number(values.pages) : Infinity;
  const pipeline = eventsPipeline();
  const resources = eventsResources(pipeline, new ResourceLoader());
  const sets = { news: empty(), nonNews: empty(), otherLanguages: empty() };
  const newsIds = wcxbNewsIds();
  const started = performance.now();
  const run = (page: BenchPage, set: keyof typeof sets | ((language: string | null) => keyof typeof sets)): void => {
    const extracted = extractDocument(page.bytes, page.url ? { url: page.url } : {});
    if (!extracted.ok) return;
    let eventsMs = 0;
    let stagesMs = 0;
    const doc = runPipeline(pipeline, extracted.document, resources, {
      onStage(stage, ms) {
        stagesMs += ms;
        if (stage === 'events') eventsMs += ms;
      },
    });
    const name = typeof set === 'function' ? set(doc.article.language) : set;
    const tally = sets[name];
    const events = getLayer(doc, 'events').length;
    tally.pages++;
    tally.words += doc.article.wordCount;
    tally.events += events;
    if (events > 0) tally.pagesWithEvents++;
    tally.eventsMs += eventsMs;
    tally.stagesMs += stagesMs;
  };
  let n = 0;
  for (const page of trafilaturaPages()) {
    if (n++ >= limit) break;
    run(page, (language) => (language?.startsWith('en') ? 'news' : 'otherLanguages'));
  }
  n = 0;
  for (const page of wcxbPages()) {
    if (newsIds.has(page.id)) continue;
    if (n++ >= limit) break;
    run(page, (language) => (language === null || language.startsWith('en') ? 'nonNews' : 'otherLanguages'));
  }
  const perThousand = (t: Tally): number => (t.words ? Math.round((t.events / t.words) * 100000) / 100 : 0);
  const seconds = (performance.now() - started) / 1000;
  if (values.json) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(sets).map(([k, t]) => [k, { ...t, perThousandWords: perThousand(t) }]))));
    return;
  }
  console.log(`events per 1,000 words (load average ${loadavg()[0]!.toFixed(1)}, ${seconds.toFixed(0)} s)`);
  for (const [name, t] of Object.entries(sets)) {
    const share = t.stagesMs ? (100 * t.eventsMs) / t.stagesMs : 0;
    console.log(`  ${name.padEnd(15)} ${String(t.pages).padStart(4)} pages  ${String(t.words).padStart(8)} words  ${String(t.events).padStart(6)} events  ${perThousand(t).toFixed(2).padStart(6)} per 1,000 words  (${t.pagesWithEvents} pages with events)  events stage ${(t.eventsMs / Math.max(1, t.pages)).toFixed(1)} ms/page, ${share.toFixed(1)} % of the stages' time`);
  }
  const ratio = perThousand(sets.news) ? perThousand(sets.nonNews) / perThousand(sets.news) : 0;
  console.log(`  non-news / news density: ${ratio.toFixed(2)}`);
}

main();
