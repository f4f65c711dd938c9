/**
 * A quick loop for tuning extraction: Parley only, one or more datasets, the benchmark scores and the
 * pages that lose the most. `npm run bench:tune -- [trafilatura|wcxb|readability ...] [--worst N] [--page ID]`
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extract } from '../src/extract/index.js';
import { readabilityPages, requireBenchData, trafilaturaPages, wcxbPages, type BenchPage, type DatasetName } from './lib/datasets.js';
import { htmlToText } from './lib/html-text.js';
import { addCounts, authorMatches, bagOfWordsPRF, dateMatches, meanPRF, microPRF, shinglePRF, snippetCounts, titleMatches, type Counts, type PRF } from './lib/scoring.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { worst: { type: 'string', default: '10' }, page: { type: 'string' }, show: { type: 'boolean', default: false }, detail: { type: 'boolean', default: false }, save: { type: 'string' }, compare: { type: 'string' } } });
requireBenchData();
/** Per-page scores of this run (--save FILE), to compare with an earlier run (--compare FILE). */
const pageScores: Record<string, number> = {};
const earlier: Record<string, number> = values.compare && existsSync(values.compare) ? (JSON.parse(readFileSync(values.compare, 'utf8')) as Record<string, number>) : {};
const datasets = (positionals.length ? positionals : ['trafilatura', 'wcxb', 'readability']) as DatasetName[];

function pages(name: DatasetName): Iterable<BenchPage> {
  if (name === 'trafilatura') return trafilaturaPages();
  if (name === 'wcxb') return wcxbPages();
  return readabilityPages(htmlToText);
}

for (const name of datasets) {
  let counts: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const bow: PRF[] = [];
  const shingle: PRF[] = [];
  const losses: { id: string; loss: number; note: string }[] = [];
  const meta = { title: [0, 0], author: [0, 0], date: [0, 0] };
  let ms = 0;
  let n = 0;
  for (const page of pages(name)) {
    if (values.page && page.id !== values.page) continue;
    const t0 = performance.now();
    const result = extract(page.bytes, { url: page.url });
    ms += performance.now() - t0;
    n++;
    const article = result.ok ? result.article : null;
    const text = article?.text ?? null;
    if (values.show) console.log(`--- ${page.id} ${result.ok ? '' : JSON.stringify(result.rejection)}\n${text}\n---`);
    if (page.with) {
      const c0 = snippetCounts(text, page.with, page.without ?? []);
      if (page.goldText === undefined) pageScores[`${name}/${page.id}`] = c0.tp - c0.fp;
      const c = snippetCounts(text, page.with, page.without ?? []);
      counts = addCounts(counts, c);
      if (name === 'trafilatura' && (c.fn || c.fp)) {
        const flat = (text ?? '').replace(/\s+/g, ' ');
        const has = (x: string): boolean => flat.includes(x.replace(/\s+/g, ' ').trim());
        const detail = values.detail ? `\n     missed: ${JSON.stringify(page.with.filter((x) => !has(x)))}\n     junk: ${JSON.stringify((page.without ?? []).filter(has))}` : '';
        losses.push({ id: page.id, loss: c.fn + c.fp, note: `missed ${c.fn}, junk ${c.fp}${detail}` });
      }
    }
    if (page.goldText !== undefined) {
      const s = bagOfWordsPRF(text, page.goldText);
      pageScores[`${name}/${page.id}`] = s.f1;
      bow.push(s);
      shingle.push(shinglePRF(text, page.goldText));
      if (name !== 'trafilatura') losses.push({ id: page.id, loss: 1 - s.f1, note: `P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)}` });
    }
    const g = page.gold;
    if (g.title) { meta.title[1]!++; if (titleMatches(article?.title, g.title)) meta.title[0]!++; }
    if (g.author) { meta.author[1]!++; if (authorMatches(article?.authors, g.author)) meta.author[0]!++; }
    if (g.date) { meta.date[1]!++; if (dateMatches(article?.published, g.date)) meta.date[0]!++; }
  }
  const f = (x: number): string => x.toFixed(3);
  const parts = [`${name}: ${n} pages, ${f(ms / Math.max(1, n))} ms/page`];
  if (counts.tp + counts.fn > 0) {
    const m = microPRF(counts);
    parts.push(`snippets P ${f(m.precision)} R ${f(m.recall)} F ${f(m.f1)}`);
  }
  if (bow.length) {
    const m = meanPRF(bow);
    const s = meanPRF(shingle);
    parts.push(`bag-of-words P ${f(m.precision)} R ${f(m.recall)} F ${f(m.f1)}; shingles F ${f(s.f1)}`);
  }
  for (const [field, [ok, n]] of Object.entries(meta)) if (n) parts.push(`${field} ${f(ok! / n!)} (${n})`);
  console.log(parts.join(' | '));
  losses.sort((a, b) => b.loss - a.loss);
  for (const l of losses.slice(0, Number(values.worst))) console.log(`  ${l.id}  ${l.note}`);
}

if (values.save) writeFileSync(values.save, JSON.stringify(pageScores));
if (values.compare) {
  const changes = Object.entries(pageScores)
    .filter(([key]) => key in earlier)
    .map(([key, score]) => ({ key, delta: score - earlier[key]! }))
    .filter((c) => Math.abs(c.delta) > 1e-9)
    .sort((a, b) => a.delta - b.delta);
  console.log(`changed pages: ${changes.length}; worse:`);
  for (const c of changes.slice(0, Number(values.worst))) if (c.delta < 0) console.log(`  ${c.key} ${c.delta.toFixed(3)}`);
  console.log('better:');
  for (const c of changes.slice(-Number(values.worst)).reverse()) if (c.delta > 0) console.log(`  ${c.key} +${c.delta.toFixed(3)}`);
}
