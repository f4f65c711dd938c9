/**
 * Golden page fixtures: one folder per case under test/fixtures/pages, holding
 * - `source.html`: the page's exact bytes (in the page's own encoding), unless `meta.json` names the page
 *   elsewhere in the repository (`"source": "examples/..."`: the bundled example pages are golden cases too);
 * - `meta.json` (optional): what extract() receives besides the bytes: `{ "url": ..., "headers": {...} }`;
 * - `expected.json`: the snapshot of extract()'s full result (refreshed with UPDATE=1, reviewed in the diff);
 * - `checks.json`: the hand-written spec of the page (see checks.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractOptions } from '../../src/index.js';
import { parseChecks, type PageChecks } from './checks.js';

export const PAGES_DIR = fileURLToPath(new URL('../fixtures/pages/', import.meta.url));
const REPO_DIR = fileURLToPath(new URL('../../', import.meta.url));

export interface PageMeta {
  /** The page's path from the repository's root, when it is not the case's own source.html. */
  readonly source?: string;
  readonly url?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface PageCase {
  readonly name: string;
  readonly dir: string;
  readonly source: Uint8Array;
  /** Where the page's bytes are: the case's source.html, or the file meta.json names. */
  readonly sourcePath: string;
  readonly meta: PageMeta;
  readonly checks: PageChecks;
  readonly expectedPath: string;
}

/** The case folders, sorted by name. */
export function listPageCases(): string[] {
  return readdirSync(PAGES_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function loadPageCase(name: string): PageCase {
  const dir = join(PAGES_DIR, name);
  const metaPath = join(dir, 'meta.json');
  const meta = existsSync(metaPath) ? parseMeta(readFileSync(metaPath, 'utf8'), metaPath) : {};
  const checksPath = join(dir, 'checks.json');
  const sourcePath = meta.source ? join(REPO_DIR, meta.source) : join(dir, 'source.html');
  return {
    name,
    dir,
    // A plain Uint8Array view, as a caller holding fetched bytes would pass them.
    source: new Uint8Array(readFileSync(sourcePath)),
    sourcePath,
    meta,
    checks: parseChecks(JSON.parse(readFileSync(checksPath, 'utf8')) as unknown, checksPath),
    expectedPath: join(dir, 'expected.json'),
  };
}

/** The options a case passes to extract(). */
export function extractOptions(page: PageCase): ExtractOptions {
  return { url: page.meta.url ?? null, ...(page.meta.headers ? { headers: page.meta.headers } : {}) };
}

function parseMeta(text: string, path: string): PageMeta {
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: expected an object.`);
  const unknownKeys = Object.keys(value).filter((key) => key !== 'source' && key !== 'url' && key !== 'headers');
  if (unknownKeys.length > 0) throw new Error(`${path}: unknown keys ${unknownKeys.join(', ')} (allowed: source, url, headers).`);
  return value as PageMeta;
}
