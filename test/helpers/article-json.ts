/**
 * A stable JSON form of extract()'s result for golden snapshots: every field, keys in a fixed order
 * (so a snapshot diff shows changed values, never reshuffled keys), two-space indent, final newline.
 * Keys the order tables do not know yet are kept, sorted, after the known ones: a field added to the
 * Article shows up in the snapshot diff instead of being dropped.
 */
import type { Article, ExtractResult, MetadataField } from '../../src/index.js';

const METADATA_ORDER = [
  'title', 'authors', 'published', 'modified', 'language', 'siteName', 'url', 'canonicalUrl', 'description',
  'image', 'section', 'tags',
] as const satisfies readonly MetadataField[];

const ARTICLE_ORDER = [
  ...METADATA_ORDER, 'captions', 'text', 'markdown', 'wordCount', 'provenance', 'blocks',
] as const satisfies readonly (keyof Article)[];

// Compile-time guard: the order table names every Article field.
type Unordered = Exclude<keyof Article, (typeof ARTICLE_ORDER)[number]>;
const everyFieldOrdered: [Unordered] extends [never] ? true : Unordered = true;
void everyFieldOrdered;

/** Key order per context; a context is the key under which an object (or an array of them) sits. */
const ORDER: Readonly<Record<string, readonly string[]>> = {
  '': ['ok', 'article', 'rejection'],
  article: ARTICLE_ORDER,
  rejection: ['code', 'reason'],
  captions: ['text', 'image', 'credit'],
  provenance: METADATA_ORDER,
  provenanceEntry: ['source', 'confidence'],
  blocks: ['type', 'level', 'ordered', 'language', 'text', 'inlines', 'items', 'rows'],
  inlines: ['text', 'href', 'strong', 'em', 'code'],
  items: ['depth', 'text', 'inlines'],
  rows: ['header', 'cells'],
};

function childContext(context: string, key: string): string {
  return context === 'provenance' ? 'provenanceEntry' : key;
}

function canonical(value: unknown, context: string): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, context));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const order = ORDER[context] ?? [];
  const known = order.filter((key) => key in record);
  const extra = Object.keys(record).filter((key) => !order.includes(key)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...extra]) {
    if (record[key] !== undefined) out[key] = canonical(record[key], childContext(context, key));
  }
  return out;
}

/** The snapshot text of one extraction result. */
export function serializeResult(result: ExtractResult): string {
  return `${JSON.stringify(canonical(result, ''), null, 2)}\n`;
}
