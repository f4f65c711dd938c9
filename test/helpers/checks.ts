/**
 * The hand-written spec of a golden page (`checks.json`): what must be true of the extracted article
 * whatever the snapshot says. Each entry becomes one named check, so a failure names the exact rule, and
 * `knownFailures` can mark single checks the extractor does not pass yet (with the reason) without
 * weakening them.
 *
 * checks.json keys:
 * - description (required): what the page is and what it exercises.
 * - title, authors (exact list, in page order), language (ISO 639-1): exact values (null: must be null).
 * - published, modified: "YYYY-MM-DD" checks the day as written in the ISO value; a full date-time checks
 *   the same instant and the same UTC offset.
 * - fields: other metadata fields compared exactly (siteName, canonicalUrl, description, image, section, tags).
 * - provenance: { field: source }: where a metadata field must have come from (json-ld, url, microdata, ...).
 * - captions: [{ text | contains, credit?, image? }]: a caption with that text (exact, or containing it),
 *   a credit containing `credit`, that image URL; the caption text and credit must not be in `text`.
 * - textContains / textLacks: strings `text` must / must not contain (textLacks: every piece of chrome).
 * - textOrder: strings that must appear in `text` in this order.
 * - blocks: [{ type, contains }] in reading order: a block of that type containing the string.
 * - wordCount: { min?, max? }.
 * - knownFailures: [{ check, reason }]: checks (by name) the extractor is known to fail, one-line reason each.
 */
import { expect } from 'vitest';
import type { Article, BlockType, ExtractResult, MetadataField, ProvenanceSource } from '../../src/index.js';

export interface CaptionSpec {
  readonly text?: string;
  readonly contains?: string;
  readonly credit?: string;
  readonly image?: string;
}

export interface BlockSpec {
  readonly type: BlockType;
  readonly contains: string;
}

export interface KnownFailure {
  readonly check: string;
  readonly reason: string;
}

const EXACT_FIELDS = ['siteName', 'canonicalUrl', 'description', 'image', 'section', 'tags'] as const;
type ExactField = (typeof EXACT_FIELDS)[number];

export interface PageChecks {
  readonly description: string;
  readonly title?: string | null;
  readonly authors?: readonly string[];
  readonly published?: string | null;
  readonly modified?: string | null;
  readonly language?: string | null;
  readonly fields?: Partial<Record<ExactField, unknown>>;
  readonly provenance?: Partial<Record<MetadataField, ProvenanceSource>>;
  readonly captions?: readonly CaptionSpec[];
  readonly textContains?: readonly string[];
  readonly textLacks?: readonly string[];
  readonly textOrder?: readonly string[];
  readonly blocks?: readonly BlockSpec[];
  readonly wordCount?: { readonly min?: number; readonly max?: number };
  readonly knownFailures?: readonly KnownFailure[];
}

const KEYS = new Set([
  'description', 'title', 'authors', 'published', 'modified', 'language', 'fields', 'provenance', 'captions', 'textContains',
  'textLacks', 'textOrder', 'blocks', 'wordCount', 'knownFailures',
]);

/** Validates checks.json, so a misspelt key fails loudly instead of silently checking nothing. */
export function parseChecks(value: unknown, path: string): PageChecks {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: expected an object.`);
  const record = value as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => !KEYS.has(key));
  if (unknownKeys.length > 0) throw new Error(`${path}: unknown keys ${unknownKeys.join(', ')}.`);
  if (typeof record['description'] !== 'string') throw new Error(`${path}: "description" is required.`);
  const fields = record['fields'];
  if (fields !== undefined) {
    const bad = Object.keys(fields as object).filter((key) => !(EXACT_FIELDS as readonly string[]).includes(key));
    if (bad.length > 0) throw new Error(`${path}: unknown fields ${bad.join(', ')} (allowed: ${EXACT_FIELDS.join(', ')}).`);
  }
  for (const known of (record['knownFailures'] ?? []) as KnownFailure[]) {
    if (typeof known.check !== 'string' || typeof known.reason !== 'string' || known.reason.trim() === '') {
      throw new Error(`${path}: every known failure needs a "check" name and a one-line "reason".`);
    }
  }
  return record as unknown as PageChecks;
}

export interface Check {
  readonly name: string;
  readonly run: (result: ExtractResult) => void;
}

/** Check names stay readable: long strings are cut (the name still identifies the check). */
function label(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine;
}

function articleOf(result: ExtractResult): Article {
  if (!result.ok) throw new Error(`No article: ${result.rejection.code}: ${result.rejection.reason}`);
  return result.article;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

function normalizedOffset(iso: string): string | null {
  const match = OFFSET.exec(iso);
  if (!match) return null;
  const offset = match[1]!.replace(':', '');
  return offset === 'Z' || offset === '+0000' || offset === '-0000' ? '+0000' : offset;
}

function checkDate(actual: string | null, expected: string | null, field: string): void {
  if (expected === null) {
    expect(actual, field).toBeNull();
    return;
  }
  expect(actual, `${field} is missing`).not.toBeNull();
  if (DAY.test(expected)) {
    expect(actual!.slice(0, 10), `${field} day`).toBe(expected);
    return;
  }
  expect(Date.parse(actual!), `${field} instant (${actual} vs ${expected})`).toBe(Date.parse(expected));
  expect(normalizedOffset(actual!), `${field} offset`).toBe(normalizedOffset(expected));
}

/** Turns a page's spec into named checks, in the order of checks.json. */
export function buildChecks(spec: PageChecks): Check[] {
  const checks: Check[] = [{ name: 'is an article', run: (result) => void articleOf(result) }];
  const add = (name: string, run: (article: Article) => void): void => {
    checks.push({ name, run: (result) => run(articleOf(result)) });
  };
  if (spec.title !== undefined) add('title', (a) => expect(a.title).toBe(spec.title));
  if (spec.authors !== undefined) add('authors', (a) => expect(a.authors).toEqual(spec.authors));
  if (spec.published !== undefined) add('published', (a) => checkDate(a.published, spec.published!, 'published'));
  if (spec.modified !== undefined) add('modified', (a) => checkDate(a.modified, spec.modified!, 'modified'));
  if (spec.language !== undefined) add('language', (a) => expect(a.language).toBe(spec.language));
  for (const [field, value] of Object.entries(spec.fields ?? {})) {
    add(field, (a) => expect(a[field as ExactField]).toEqual(value));
  }
  for (const [field, source] of Object.entries(spec.provenance ?? {})) {
    add(`provenance of ${field}`, (a) => expect(a.provenance[field as MetadataField]?.source).toBe(source));
  }
  for (const caption of spec.captions ?? []) addCaptionChecks(caption, add);
  for (const s of spec.textContains ?? []) add(`text contains: ${label(s)}`, (a) => expect(a.text).toContain(s));
  for (const s of spec.textLacks ?? []) add(`text lacks: ${label(s)}`, (a) => expect(a.text).not.toContain(s));
  if (spec.textOrder) {
    const order = spec.textOrder;
    add('text order', (a) => {
      let from = 0;
      for (const s of order) {
        const at = a.text.indexOf(s, from);
        expect(at, `"${label(s)}" after offset ${from}`).toBeGreaterThanOrEqual(0);
        from = at + s.length;
      }
    });
  }
  if (spec.blocks) addBlockChecks(spec.blocks, add);
  if (spec.wordCount) {
    const { min = 0, max = Infinity } = spec.wordCount;
    add('wordCount', (a) => {
      expect(a.wordCount).toBeGreaterThanOrEqual(min);
      expect(a.wordCount).toBeLessThanOrEqual(max);
    });
  }
  return uniqueNames(checks);
}

function addCaptionChecks(spec: CaptionSpec, add: (name: string, run: (article: Article) => void) => void): void {
  const wanted = spec.text ?? spec.contains;
  if (wanted === undefined) throw new Error('A caption check needs "text" or "contains".');
  add(`caption: ${label(wanted)}`, (a) => {
    const found = a.captions.find((c) => (spec.text !== undefined ? c.text === spec.text : c.text.includes(wanted)));
    expect(found, `no caption ${spec.text !== undefined ? 'equal to' : 'containing'} "${wanted}" in ${JSON.stringify(a.captions.map((c) => c.text))}`).toBeDefined();
    if (spec.credit !== undefined) expect(found!.credit ?? '').toContain(spec.credit);
    if (spec.image !== undefined) expect(found!.image).toBe(spec.image);
  });
  add(`caption kept out of text: ${label(wanted)}`, (a) => expect(a.text).not.toContain(wanted));
  if (spec.credit !== undefined) {
    const credit = spec.credit;
    add(`photo credit kept out of text: ${label(credit)}`, (a) => expect(a.text).not.toContain(credit));
  }
}

function addBlockChecks(specs: readonly BlockSpec[], add: (name: string, run: (article: Article) => void) => void): void {
  const find = (a: Article, spec: BlockSpec, from: number): number =>
    a.blocks.findIndex((b, i) => i >= from && b.type === spec.type && b.text.includes(spec.contains));
  for (const spec of specs) {
    add(`block ${spec.type}: ${label(spec.contains)}`, (a) => {
      const types = a.blocks.filter((b) => b.text.includes(spec.contains)).map((b) => b.type);
      expect(find(a, spec, 0), `blocks containing the string have types ${JSON.stringify(types)}`).toBeGreaterThanOrEqual(0);
    });
  }
  add('block order', (a) => {
    let from = 0;
    for (const spec of specs) {
      const at = find(a, spec, from);
      expect(at, `${spec.type} "${label(spec.contains)}" after block ${from}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });
}

function uniqueNames(checks: Check[]): Check[] {
  const seen = new Map<string, number>();
  return checks.map((check) => {
    const n = (seen.get(check.name) ?? 0) + 1;
    seen.set(check.name, n);
    return n === 1 ? check : { ...check, name: `${check.name} #${n}` };
  });
}
