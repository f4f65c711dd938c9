import type { Article, Block, Caption, Inline, ListItem } from '../model/article.js';
import { WEB_SCHEMES, LINK_SCHEMES, safeUrl } from './urls.js';
import { yamlFrontMatter, type FrontMatterValue } from './yaml.js';

/**
 * Markdown renderers. `blocksToMarkdown` is the article's `markdown` field (the body only, CommonMark
 * with GFM tables); `articleToMarkdown` is the `--format markdown` document: YAML front matter with the
 * metadata, the title as a level-1 heading, the body, then the captions as image lines.
 *
 * Text from the page is always escaped, so nothing in it can become markup (a heading, a list, a link,
 * raw HTML); links keep only http(s) and mailto targets.
 */

export interface MarkdownOptions {
  /** Append the captions after the body (default true; `--no-captions` also empties them upstream). */
  readonly captions?: boolean;
}

export function articleToMarkdown(article: Article, options: MarkdownOptions = {}): string {
  const parts = [yamlFrontMatter(frontMatterFields(article))];
  const body = article.markdown || blocksToMarkdown(article.blocks);
  if (article.title && !startsWithHeading(article.blocks, article.title)) parts.push(`# ${headingText(article.title)}`);
  if (body) parts.push(body);
  if ((options.captions ?? true) && article.captions.length > 0) parts.push(captionsToMarkdown(article.captions));
  return `${parts.join('\n\n')}\n`;
}

/** The article body as CommonMark: headings, lists (nested by depth), block quotes, tables, code. */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  return blocks
    .map(blockToMarkdown)
    .filter((md) => md !== '')
    .join('\n\n');
}

function frontMatterFields(article: Article): [string, FrontMatterValue][] {
  return [
    ['title', article.title],
    ['authors', article.authors],
    ['published', article.published],
    ['modified', article.modified],
    ['language', article.language],
    ['siteName', article.siteName],
    ['url', article.url],
    ['canonicalUrl', article.canonicalUrl],
    ['description', article.description],
    ['image', article.image],
    ['section', article.section],
    ['tags', article.tags],
    ['wordCount', article.wordCount],
  ];
}

function startsWithHeading(blocks: readonly Block[], title: string): boolean {
  const first = blocks[0];
  return first?.type === 'heading' && first.text.trim() === title.trim();
}

function captionsToMarkdown(captions: readonly Caption[]): string {
  const lines = captions.map((caption) => {
    const text = escapeLineStart(escapeInline(oneLine(caption.text)));
    const credit = caption.credit ? ` (${escapeInline(oneLine(caption.credit))})` : '';
    const image = safeUrl(caption.image, WEB_SCHEMES);
    const imageLine = image ? `![${text}](${linkDestination(image)})\\\n` : '';
    return `${imageLine}*${text}*${credit}`;
  });
  return ['## Captions', ...lines].join('\n\n');
}

function blockToMarkdown(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(Math.max(block.level, 1), 6))} ${headingText(inlinesToMarkdown(block.inlines), true)}`;
    case 'paragraph':
      return escapeLineStart(inlinesToMarkdown(block.inlines));
    case 'quote':
      return escapeLineStart(inlinesToMarkdown(block.inlines))
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    case 'list':
      return listToMarkdown(block.items, block.ordered);
    case 'table':
      return tableToMarkdown(block.rows.map((r) => r.cells));
    case 'code':
      return codeBlockToMarkdown(block.text, block.language);
  }
}

/** Heading text on one line, with a trailing run of `#` escaped so it is not read as a closing sequence. */
function headingText(text: string, escaped = false): string {
  const line = escaped ? oneLine(text) : escapeInline(oneLine(text));
  return line.replace(/(^|\s)(#+)$/, '$1\\$2');
}

/**
 * Nested lists: each item's marker sits at its parent item's content column, and ordered items are
 * numbered per level (a nested list starts again at 1). A depth that jumps by more than one level is
 * clamped, since Markdown cannot express a list item without a parent.
 */
function listToMarkdown(items: readonly ListItem[], ordered: boolean): string {
  const counters: number[] = [];
  const contentColumns: number[] = [];
  const lines: string[] = [];
  let previousDepth = -1;
  for (const item of items) {
    const depth = Math.max(0, Math.min(item.depth, previousDepth + 1));
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    const marker = ordered ? `${counters[depth]}.` : '-';
    const indent = depth === 0 ? 0 : contentColumns[depth - 1]!;
    contentColumns[depth] = indent + marker.length + 1;
    const content = escapeLineStart(oneLine(inlinesToMarkdown(item.inlines)));
    lines.push(`${' '.repeat(indent)}${marker}${content ? ` ${content}` : ''}`);
    previousDepth = depth;
  }
  return lines.join('\n');
}

function codeBlockToMarkdown(text: string, language: string | undefined): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const info = language && /^[\w+#.-]+$/.test(language) ? language : '';
  return `${fence}${info}\n${text}\n${fence}`;
}

function inlinesToMarkdown(inlines: readonly Inline[]): string {
  let out = '';
  for (const inline of inlines) {
    const lead = /^\s*/.exec(inline.text)![0];
    const trail = inline.text.length > lead.length ? /\s*$/.exec(inline.text)![0] : '';
    let core = inline.text.trim();
    if (!core) {
      out += inline.text;
      continue;
    }
    core = inline.code ? codeSpan(core) : escapeInline(core);
    if (inline.em) core = `*${core}*`;
    if (inline.strong) core = `**${core}**`;
    const href = safeUrl(inline.href, LINK_SCHEMES);
    if (href) core = `[${core}](${linkDestination(href)})`;
    out += lead + core + trail;
  }
  // A line break inside a block becomes a hard break; the next line's start is escaped by the caller.
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\\\n');
}

/** A code span fenced by more backticks than any run inside it, padded when it starts or ends with one. */
function codeSpan(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine(text)}${pad}${fence}`;
}

/** A link destination with the characters that would end or break it percent-encoded. */
function linkDestination(safeHref: string): string {
  return safeHref.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Backslash-escapes the characters that start emphasis, code, links, raw HTML and strikethrough. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>~])/g, '\\$1').replace(/&(?=#?\w+;)/g, '\\&');
}

/**
 * Escapes what would make a line's first characters read as a heading, list item, block quote, setext
 * underline, thematic break or table delimiter row, line by line. `>`, `*`, `_` and backticks are
 * already escaped inline.
 */
function escapeLineStart(text: string): string {
  return text
    .replace(/^([ \t]*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$))/gm, (_m, space: string, marker: string) =>
      /^\d/.test(marker) ? `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}` : `${space}\\${marker}`,
    )
    .replace(/^([ \t]*)([=-]+[ \t]*|[|: \t-]*-[|: \t-]*)$/gm, (_m, space: string, rule: string) => `${space}\\${rule}`);
}

function oneLine(text: string): string {
  return text.replace(/\s*\\?\n\s*/g, ' ');
}

/** A GFM table; the first row is its header (GFM requires one), cells escaped and kept on one line. */
function tableToMarkdown(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const width = Math.max(1, ...rows.map((r) => r.length));
  const cell = (text: string | undefined): string => escapeInline(oneLine(text ?? '').trim()).replace(/\|/g, '\\|');
  const line = (r: readonly string[]): string => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head!), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}
