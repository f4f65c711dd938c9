import type { Article } from '../../model/article.js';
import type { Document } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { documentActors } from '../../stages/actors/document-actors.js';

/**
 * The report `parley analyze` prints: the article's metadata, every layer the stages added (printed
 * generically, so a new stage's layer shows up without changes here) and the entities with their
 * mentions. Layers too fine-grained to read (tokens) and the ones the report shows otherwise (mentions,
 * as entities) are given as counts.
 */

/** Layers printed as a count only. */
const COUNTED_LAYERS: ReadonlySet<string> = new Set(['tokens', 'blocks', 'mentions']);
/** Span texts longer than this are cut in the report (the offsets still give the whole span). */
const MAX_SPAN_TEXT = 300;

export interface AnalyzeReport {
  readonly source: string;
  readonly article: Record<string, unknown>;
  readonly counts: Record<string, number>;
  readonly layers: Record<string, Record<string, unknown>[]>;
  readonly entities: Record<string, unknown>[];
  readonly stages: readonly { readonly name: string; readonly version: string }[];
  readonly messages: readonly Record<string, unknown>[];
}

function articleFields(article: Article): Record<string, unknown> {
  return {
    title: article.title,
    published: article.published,
    modified: article.modified,
    authors: article.authors,
    url: article.url,
    canonicalUrl: article.canonicalUrl,
    siteName: article.siteName,
    language: article.language,
    section: article.section,
    description: article.description,
    tags: article.tags,
    wordCount: article.wordCount,
    captions: article.captions,
    text: article.text,
  };
}

function spanText(text: string, start: number, end: number): string {
  const slice = text.slice(start, end).replace(/\s+/g, ' ');
  return slice.length > MAX_SPAN_TEXT ? `${slice.slice(0, MAX_SPAN_TEXT)}…` : slice;
}

export function buildReport(doc: Document, source: string): AnalyzeReport {
  const counts: Record<string, number> = {};
  const layers: Record<string, Record<string, unknown>[]> = {};
  for (const [name, layer] of Object.entries(doc.layers) as [string, readonly Annotation<unknown>[]][]) {
    counts[name] = layer.length;
    if (COUNTED_LAYERS.has(name)) continue;
    layers[name] = layer.map((a) => ({ start: a.start, end: a.end, text: spanText(doc.text, a.start, a.end), ...(typeof a.data === 'object' && a.data !== null ? (a.data as Record<string, unknown>) : { data: a.data }) }));
  }
  const entities = documentActors(doc).map((actor) => ({ ...actor, mentions: actor.mentions.map((m) => ({ start: m.start, end: m.end, text: spanText(doc.text, m.start, m.end) })) }));
  return { source, article: articleFields(doc.article), counts, layers, entities, stages: doc.stages, messages: doc.messages.map((m) => ({ ...m })) };
}

export const ANALYZE_FORMATS = {
  json: 'one page\'s analysis as JSON: {source, article, counts, layers: {name: [{start, end, text, ...}]}, entities, stages, messages}',
  jsonl: 'one JSON line per page, in input order: the same object, or {source, error: {code, message}} for a page that failed',
  text: 'a readable report per page: the article\'s metadata, the entities with their codes and mentions, then every other layer',
} as const;
export type AnalyzeFormat = keyof typeof ANALYZE_FORMATS;

function describeData(item: Record<string, unknown>): string {
  return Object.entries(item)
    .filter(([key]) => key !== 'start' && key !== 'end' && key !== 'text')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

export function renderReport(report: AnalyzeReport, format: AnalyzeFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'jsonl') return `${JSON.stringify(report)}\n`;
  const a = report.article;
  const lines: string[] = [`${String(a.title ?? '(no title)')}`, `  source:    ${report.source}`];
  for (const key of ['published', 'modified', 'url', 'canonicalUrl', 'siteName', 'language'] as const) if (a[key]) lines.push(`  ${`${key}:`.padEnd(10)} ${String(a[key])}`);
  if (Array.isArray(a.authors) && a.authors.length > 0) lines.push(`  authors:   ${a.authors.join(', ')}`);
  lines.push(`  words:     ${String(a.wordCount)}; ${Object.entries(report.counts).map(([name, n]) => `${n} ${name}`).join(', ')}`);
  lines.push('', `Entities (${report.entities.length})`);
  for (const e of report.entities) {
    const mentions = (e.mentions as { start: number; end: number; text: string }[]).map((m) => `"${m.text}" ${m.start}-${m.end}`).join(', ');
    const role = e.role ? `, ${String(e.role)}` : '';
    lines.push(`  ${String(e.code ?? '-').padEnd(9)} ${String(e.name)} (${String(e.type)}${role}; ${Number(e.confidence).toFixed(2)})`, `            ${mentions}`);
  }
  for (const [name, items] of Object.entries(report.layers)) {
    lines.push('', `${name.charAt(0).toUpperCase()}${name.slice(1)} (${items.length})`);
    for (const item of items) lines.push(`  ${String(item.start)}-${String(item.end)}  "${String(item.text)}"  ${describeData(item)}`.trimEnd());
  }
  if (report.messages.length > 0) {
    lines.push('', 'Messages');
    for (const m of report.messages) lines.push(`  ${String(m.severity)} ${String(m.stage)} ${String(m.code)}: ${String(m.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
