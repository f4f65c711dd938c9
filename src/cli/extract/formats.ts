import type { Article } from '../../model/article.js';
import { articleToHtml } from '../../render/html.js';
import { articleToJSON } from '../../render/json.js';
import { articleToMarkdown } from '../../render/markdown.js';
import { articleToText } from '../../render/text.js';

/** The output formats of `parley extract`, with the file extension each gets under --output. */
export const FORMATS = {
  json: { extension: '.json', description: 'the article object, pretty-printed (a JSON array of them for several pages)' },
  jsonl: { extension: '.jsonl', description: 'one JSON line per page, with "source"; a failed page is {"source","error"}' },
  markdown: { extension: '.md', description: 'YAML front matter with the metadata, then the article in Markdown' },
  text: { extension: '.txt', description: 'the title, a blank line, then the body as plain text' },
  html: { extension: '.html', description: 'a clean, sanitized HTML document built from the article' },
} as const;

export type Format = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as Format[];

/** Formats that can hold several pages in one stream (the others need one file per page: --output). */
export const STREAMABLE_FORMATS: ReadonlySet<Format> = new Set(['json', 'jsonl']);

export interface RenderSettings {
  readonly format: Format;
  /** Add "source" to JSON output (jsonl always; json when it is an element of an array). */
  readonly source: string | null;
  readonly captions: boolean;
}

/** One page's output, exactly as written (ending with a newline, except a JSON array element). */
export function renderArticle(article: Article, settings: RenderSettings): string {
  switch (settings.format) {
    case 'json':
      return settings.source === null ? `${JSON.stringify(articleToJSON(article), null, 2)}\n` : indent(JSON.stringify(withSource(settings.source, article), null, 2));
    case 'jsonl':
      return `${JSON.stringify(withSource(settings.source ?? '', article))}\n`;
    case 'markdown':
      return articleToMarkdown(article, { captions: settings.captions });
    case 'text':
      return articleToText(article);
    case 'html':
      return articleToHtml(article, { captions: settings.captions });
  }
}

export interface FailureRecord {
  readonly source: string;
  readonly error: { readonly code: string; readonly message: string };
}

/** A failed page in jsonl (one line) or as a JSON array element. */
export function renderFailure(format: 'json' | 'jsonl', record: FailureRecord): string {
  const ordered = { source: record.source, error: { code: record.error.code, message: record.error.message } };
  return format === 'jsonl' ? `${JSON.stringify(ordered)}\n` : indent(JSON.stringify(ordered, null, 2));
}

function withSource(source: string, article: Article): object {
  return { source, ...articleToJSON(article) };
}

/** A JSON value indented as an element of a top-level array. */
function indent(json: string): string {
  return json.replace(/^/gm, '  ');
}
