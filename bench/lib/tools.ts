/**
 * The extractors the benchmark compares, as seen from inside their own child process. Each tool is
 * loaded with a dynamic import, so a child holds only its own tool's code and its memory is the tool's.
 *
 * The timed region is `run`: for Parley, `extract()` on the raw bytes (decoding included, it is part of
 * Parley's job); for the peers, building the DOM from the decoded string plus Readability's `parse()` or
 * defuddle. `prepare` (the peers' decoding) and `release` (closing a jsdom window) are not timed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOL_NAMES = ['parley', 'readability-linkedom', 'readability-jsdom', 'defuddle'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

/** What a tool returned: plain text (Parley) or HTML (the peers, turned into text by the parent). */
export interface RawOutput {
  readonly text: string | null;
  readonly html: string | null;
  readonly title: string | null;
  readonly authors: readonly string[] | string | null;
  readonly published: string | null;
}

export interface Extractor<Input> {
  /** Untimed: turn the page's bytes into the tool's input. */
  prepare(bytes: Uint8Array): Input;
  /** Timed: build the DOM and extract. null when the tool finds no article. */
  run(input: Input, url: string | null): RawOutput | null | Promise<RawOutput | null>;
  /** Untimed: free what the last run holds (only jsdom needs it). */
  release(): void;
}

export interface LoadedTool {
  readonly extractor: Extractor<unknown>;
  /** The library versions under test, e.g. { "@mozilla/readability": "0.6.0", linkedom: "0.18.15" }. */
  readonly versions: Record<string, string>;
}

const require = createRequire(import.meta.url);

function versionOf(pkg: string): string {
  // Several of these packages do not export ./package.json, so read it from beside the entry point.
  const entry = require.resolve(pkg);
  const root = entry.slice(0, entry.lastIndexOf(`/node_modules/${pkg}/`) + `/node_modules/${pkg}/`.length);
  return (require(`${root}package.json`) as { version: string }).version;
}

/** Parley's version from its package.json, found upward from here (this file also runs compiled elsewhere). */
function parleyVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'parley') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

const optional = (value: string | null | undefined): string | null => (value ? value : null);

export async function loadTool(name: ToolName): Promise<LoadedTool> {
  switch (name) {
    case 'parley':
      return loadParley();
    case 'readability-linkedom':
      return loadReadabilityLinkedom();
    case 'readability-jsdom':
      return loadReadabilityJsdom();
    case 'defuddle':
      return loadDefuddle();
  }
}

async function loadParley(): Promise<LoadedTool> {
  const { extract } = await import('../../src/extract/index.js');
  return {
    versions: { parley: parleyVersion() },
    extractor: {
      prepare: (bytes) => bytes,
      run(input, url) {
        const result = extract(input as Uint8Array, { url });
        if (!result.ok) return null;
        const a = result.article;
        return { text: a.text, html: null, title: a.title, authors: a.authors, published: a.published };
      },
      release() {},
    },
  };
}

interface ReadabilityResult {
  title?: string | null;
  content?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
}

function readabilityOutput(result: ReadabilityResult | null): RawOutput | null {
  if (!result) return null;
  return {
    text: null,
    html: optional(result.content),
    title: optional(result.title),
    authors: optional(result.byline),
    published: optional(result.publishedTime),
  };
}

async function loadReadabilityLinkedom(): Promise<LoadedTool> {
  const { Readability } = await import('@mozilla/readability');
  const { parseHTML } = await import('linkedom');
  const { decodeLikeJsdom } = await import('./decode.js');
  return {
    versions: { '@mozilla/readability': versionOf('@mozilla/readability'), linkedom: versionOf('linkedom') },
    extractor: {
      prepare: (bytes) => decodeLikeJsdom(bytes).html,
      run(input) {
        const { document } = parseHTML(input as string);
        return readabilityOutput(new Readability(document).parse());
      },
      release() {},
    },
  };
}

async function loadReadabilityJsdom(): Promise<LoadedTool> {
  const { Readability } = await import('@mozilla/readability');
  const { JSDOM, VirtualConsole } = await import('jsdom');
  const { decodeLikeJsdom } = await import('./decode.js');
  // A virtual console that forwards nowhere: jsdom reports every CSS it cannot parse, which is noise here.
  const virtualConsole = new VirtualConsole();
  let open: InstanceType<typeof JSDOM> | null = null;
  return {
    versions: { '@mozilla/readability': versionOf('@mozilla/readability'), jsdom: versionOf('jsdom') },
    extractor: {
      prepare: (bytes) => decodeLikeJsdom(bytes).html,
      run(input, url) {
        open = new JSDOM(input as string, { virtualConsole, ...(url ? { url } : {}) });
        return readabilityOutput(new Readability(open.window.document).parse());
      },
      release() {
        open?.window.close();
        open = null;
      },
    },
  };
}

async function loadDefuddle(): Promise<LoadedTool> {
  const { Defuddle } = await import('defuddle/node');
  const { parseHTML } = await import('linkedom');
  const { decodeLikeJsdom } = await import('./decode.js');
  return {
    versions: { defuddle: versionOf('defuddle'), linkedom: versionOf('linkedom') },
    extractor: {
      prepare: (bytes) => decodeLikeJsdom(bytes).html,
      async run(input, url) {
        // defuddle's Node entry on linkedom, with the two polyfills defuddle applies itself when it parses
        // a string with linkedom (its utils/linkedom-compat).
        const { document } = parseHTML(input as string);
        const doc = document as { styleSheets?: unknown; defaultView?: { getComputedStyle?: unknown }; URL?: string };
        if (!doc.styleSheets) doc.styleSheets = [];
        if (doc.defaultView && !doc.defaultView.getComputedStyle) doc.defaultView.getComputedStyle = () => ({ display: '' });
        if (url) doc.URL = url;
        // useAsync false: no third-party API calls from inside a benchmark.
        const result = await Defuddle(document, url ?? undefined, { useAsync: false });
        if (!result.content) return null;
        return {
          text: null,
          html: result.content,
          title: optional(result.title),
          authors: optional(result.author),
          published: optional(result.published),
        };
      },
      release() {},
    },
  };
}
