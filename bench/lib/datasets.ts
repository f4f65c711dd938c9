/**
 * Loaders for the extraction benchmarks in ../shared/bench. Each yields pages with their raw bytes
 * (extractors handle the encoding themselves, as every benchmark's own method says) and their gold.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const SHARED = resolve(process.env['PARLEY_SHARED'] ?? join(import.meta.dirname, '..', '..', '..', 'shared'));
export const BENCH_DIR = join(SHARED, 'bench');

export type DatasetName = 'trafilatura' | 'wcxb' | 'readability';

export interface GoldMetadata {
  readonly title?: string | null;
  /** One string; several authors joined with "; ". */
  readonly author?: string | null;
  /** YYYY-MM-DD (or YYYY-MM). */
  readonly date?: string | null;
}

export interface BenchPage {
  readonly dataset: DatasetName;
  readonly id: string;
  readonly url: string | null;
  readonly bytes: Buffer;
  /** Snippets that must appear / must not appear in the body (trafilatura, wcxb). */
  readonly with?: readonly string[];
  readonly without?: readonly string[];
  /** Full gold body text (wcxb: main_content; readability: text of expected.html). */
  readonly goldText?: string;
  readonly gold: GoldMetadata;
}

/** Fails with a clear message when ../shared/bench is not beside the project. */
export function requireBenchData(): void {
  if (!existsSync(BENCH_DIR)) {
    console.error(`Benchmark data not found at ${BENCH_DIR}. Put the shared folder beside the project (or set PARLEY_SHARED).`);
    process.exit(2);
  }
}

interface TrafilaturaItem {
  file: string;
  with: string[];
  without: string[];
  title?: string;
  author?: string | string[];
  date?: string;
}

export function* trafilaturaPages(): Generator<BenchPage> {
  const dir = join(BENCH_DIR, 'trafilatura-eval');
  const items = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, TrafilaturaItem>;
  for (const [key, item] of Object.entries(items)) {
    const url = /^https?:\/\//.test(key) ? key : null;
    const author = Array.isArray(item.author) ? item.author.join('; ') : item.author;
    yield {
      dataset: 'trafilatura',
      id: item.file,
      url,
      bytes: gunzipSync(readFileSync(join(dir, 'html', `${item.file}.gz`))),
      with: item.with,
      without: item.without,
      gold: { title: item.title ?? null, author: author ?? null, date: item.date ?? null },
    };
  }
}

interface WcxbTruth {
  url?: string;
  file_id?: string;
  ground_truth: { title?: string; author?: string | null; publish_date?: string | null; main_content: string; with?: string[]; without?: string[] };
}

export function* wcxbPages(): Generator<BenchPage> {
  const dir = join(BENCH_DIR, 'wcxb-articles', 'dev');
  for (const name of readdirSync(join(dir, 'ground-truth')).sort()) {
    const truth = JSON.parse(readFileSync(join(dir, 'ground-truth', name), 'utf8')) as WcxbTruth;
    const gt = truth.ground_truth;
    const id = truth.file_id ?? name.replace(/\.json$/, ''); // one record lacks file_id and url
    yield {
      dataset: 'wcxb',
      id,
      url: truth.url ?? null,
      bytes: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))),
      with: gt.with ?? [],
      without: gt.without ?? [],
      goldText: gt.main_content,
      gold: { title: gt.title ?? null, author: gt.author ?? null, date: gt.publish_date ?? null },
    };
  }
}

interface ReadabilityMeta {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

/** Mozilla's test pages, with the text of Readability.js's own output as body gold (see its README). */
export function* readabilityPages(htmlToText: (html: string) => string): Generator<BenchPage> {
  const dir = join(BENCH_DIR, 'readability-testpages');
  for (const name of readdirSync(dir).sort()) {
    const caseDir = join(dir, name);
    if (!existsSync(join(caseDir, 'source.html'))) continue;
    const meta = JSON.parse(readFileSync(join(caseDir, 'expected-metadata.json'), 'utf8')) as ReadabilityMeta;
    yield {
      dataset: 'readability',
      id: name,
      url: 'http://fakehost/test/page.html',
      bytes: readFileSync(join(caseDir, 'source.html')),
      goldText: htmlToText(readFileSync(join(caseDir, 'expected.html'), 'utf8')),
      gold: { title: meta.title ?? null, author: meta.byline ?? null, date: meta.publishedTime?.slice(0, 10) ?? null },
    };
  }
}

export const DATASET_NAMES: readonly DatasetName[] = ['trafilatura', 'wcxb', 'readability'];

export function isDatasetName(name: string): name is DatasetName {
  return (DATASET_NAMES as readonly string[]).includes(name);
}

/** A dataset's pages, the first `limit` of them when a limit is given (a quick run). */
export function datasetPages(name: DatasetName, htmlToText: (html: string) => string, limit = Infinity): BenchPage[] {
  const source = name === 'trafilatura' ? trafilaturaPages() : name === 'wcxb' ? wcxbPages() : readabilityPages(htmlToText);
  const pages: BenchPage[] = [];
  for (const page of source) {
    if (pages.length >= limit) break;
    pages.push(page);
  }
  return pages;
}
