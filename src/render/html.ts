import type { Article, Block, Caption, Inline, ListItem, TableRow } from '../model/article.js';
import { WEB_SCHEMES, LINK_SCHEMES, safeUrl } from './urls.js';

/**
 * The article as a clean, standalone HTML document, serialized by Parley from the blocks (never from
 * the page's own markup): only the tags written here exist in the output, every text and attribute is
 * escaped, links keep only http(s)/mailto targets with rel="noopener nofollow", images only http(s),
 * and a Content-Security-Policy forbids scripts even if a browser found one.
 */

export interface HtmlOptions {
  /** Render the captions as figures after the body (default true). */
  readonly captions?: boolean;
}

const CONTENT_SECURITY_POLICY = "default-src 'none'; img-src http: https:; style-src 'unsafe-inline'";

const STYLE = [
  'body{margin:0;font:18px/1.6 Georgia,serif;color:#222;background:#fff}',
  'article{max-width:40em;margin:2em auto;padding:0 1em}',
  'h1{font-size:2em;line-height:1.2}',
  '.byline,.dateline,figcaption,footer{color:#555;font:15px/1.5 system-ui,sans-serif}',
  'figure{margin:1.5em 0}img{max-width:100%;height:auto}',
  'blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #ccc}',
  'table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25em .5em}',
  'pre{overflow:auto;background:#f6f6f6;padding:.5em}',
].join('');

export function articleToHtml(article: Article, options: HtmlOptions = {}): string {
  const lang = safeLanguage(article.language);
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CONTENT_SECURITY_POLICY)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(article.title ?? 'Untitled article')}</title>`,
    ...article.authors.map((author) => `<meta name="author" content="${escapeHtml(author)}">`),
    article.description ? `<meta name="description" content="${escapeHtml(article.description)}">` : '',
    linkTag('canonical', article.canonicalUrl ?? article.url),
    `<style>${STYLE}</style>`,
  ].filter(Boolean);
  const body = [
    '<article>',
    articleHeader(article),
    ...article.blocks.map(blockToHtml),
    (options.captions ?? true) ? captionsToHtml(article.captions) : '',
    articleFooter(article),
    '</article>',
  ].filter(Boolean);
  return [
    '<!DOCTYPE html>',
    lang ? `<html lang="${escapeHtml(lang)}">` : '<html>',
    '<head>',
    ...head,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The body blocks alone as an HTML fragment (no document, no metadata). */
export function blocksToHtml(blocks: readonly Block[]): string {
  return blocks.map(blockToHtml).join('\n');
}

function articleHeader(article: Article): string {
  const lines = ['<header>'];
  if (article.title) lines.push(`<h1>${escapeHtml(article.title)}</h1>`);
  if (article.authors.length > 0) {
    lines.push(`<p class="byline">${article.authors.map((a) => `<span class="author">${escapeHtml(a)}</span>`).join(', ')}</p>`);
  }
  const dateline = [
    article.published ? `<time datetime="${escapeHtml(article.published)}">${escapeHtml(article.published)}</time>` : '',
    article.modified && article.modified !== article.published
      ? `updated <time datetime="${escapeHtml(article.modified)}">${escapeHtml(article.modified)}</time>`
      : '',
    article.siteName ? `<span class="site">${escapeHtml(article.siteName)}</span>` : '',
    article.section ? `<span class="section">${escapeHtml(article.section)}</span>` : '',
  ].filter(Boolean);
  if (dateline.length > 0) lines.push(`<p class="dateline">${dateline.join(' · ')}</p>`);
  lines.push('</header>');
  return lines.length > 2 ? lines.join('\n') : '';
}

function articleFooter(article: Article): string {
  const source = safeUrl(article.canonicalUrl ?? article.url, LINK_SCHEMES);
  const parts: string[] = [];
  if (source) parts.push(`<p class="source">Source: ${anchor(source, escapeHtml(source))}</p>`);
  if (article.tags.length > 0) parts.push(`<p class="tags">${article.tags.map(escapeHtml).join(', ')}</p>`);
  return parts.length > 0 ? `<footer>\n${parts.join('\n')}\n</footer>` : '';
}

function captionsToHtml(captions: readonly Caption[]): string {
  return captions
    .map((caption) => {
      const image = safeUrl(caption.image, WEB_SCHEMES);
      const img = image ? `<img src="${escapeHtml(image)}" alt="${escapeHtml(caption.text)}" loading="lazy">` : '';
      const credit = caption.credit ? ` <small class="credit">${escapeHtml(caption.credit)}</small>` : '';
      return `<figure>${img}<figcaption>${escapeHtml(caption.text)}${credit}</figcaption></figure>`;
    })
    .join('\n');
}

function blockToHtml(block: Block): string {
  switch (block.type) {
    case 'heading': {
      // The document's <h1> is the title; body headings start one level below it.
      const level = Math.min(Math.max(block.level, 2), 6);
      return `<h${level}>${inlinesToHtml(block.inlines)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inlinesToHtml(block.inlines)}</p>`;
    case 'quote':
      return `<blockquote><p>${inlinesToHtml(block.inlines)}</p></blockquote>`;
    case 'list':
      return listToHtml(block.items, block.ordered ? 'ol' : 'ul');
    case 'table':
      return tableToHtml(block.rows);
    case 'code': {
      const language = block.language && /^[\w+#.-]+$/.test(block.language) ? ` class="language-${escapeHtml(block.language)}"` : '';
      return `<pre><code${language}>${escapeHtml(block.text)}</code></pre>`;
    }
  }
}

/** Nested lists from item depths; a depth that jumps more than one level is clamped to the next level. */
function listToHtml(items: readonly ListItem[], tag: 'ul' | 'ol'): string {
  let html = '';
  let depth = -1;
  for (const item of items) {
    const target = Math.max(0, Math.min(item.depth, depth + 1));
    if (target > depth) {
      html += `<${tag}>`;
      depth = target;
    } else {
      html += '</li>';
      for (; depth > target; depth--) html += `</${tag}></li>`;
    }
    html += `<li>${inlinesToHtml(item.inlines)}`;
  }
  if (depth < 0) return '';
  html += '</li>';
  for (; depth > 0; depth--) html += `</${tag}></li>`;
  return `${html}</${tag}>`;
}

function tableToHtml(rows: readonly TableRow[]): string {
  const headerCount = rows.findIndex((row) => !row.header);
  const head = rows.slice(0, headerCount === -1 ? rows.length : headerCount);
  const body = rows.slice(head.length);
  const row = (r: TableRow, cell: 'th' | 'td'): string => `<tr>${r.cells.map((c) => `<${cell}>${escapeHtml(c)}</${cell}>`).join('')}</tr>`;
  const parts = ['<table>'];
  if (head.length > 0) parts.push(`<thead>${head.map((r) => row(r, 'th')).join('')}</thead>`);
  if (body.length > 0) parts.push(`<tbody>${body.map((r) => row(r, r.header ? 'th' : 'td')).join('')}</tbody>`);
  parts.push('</table>');
  return parts.join('');
}

function inlinesToHtml(inlines: readonly Inline[]): string {
  return inlines.map(inlineToHtml).join('').trim();
}

function inlineToHtml(inline: Inline): string {
  let html = escapeHtml(inline.text).replace(/\n/g, '<br>\n');
  if (!inline.text.trim()) return html;
  if (inline.code) html = `<code>${html}</code>`;
  if (inline.em) html = `<em>${html}</em>`;
  if (inline.strong) html = `<strong>${html}</strong>`;
  const href = safeUrl(inline.href, LINK_SCHEMES);
  if (href) html = anchor(href, html);
  return html;
}

function anchor(href: string, innerHtml: string): string {
  return `<a href="${escapeHtml(href)}" rel="noopener nofollow">${innerHtml}</a>`;
}

function linkTag(rel: string, href: string | null): string {
  const url = safeUrl(href, WEB_SCHEMES);
  return url ? `<link rel="${rel}" href="${escapeHtml(url)}">` : '';
}

/** A BCP 47-shaped language tag, or null (the value lands in an attribute; only the expected shape passes). */
function safeLanguage(language: string | null): string | null {
  return language && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : null;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Control characters HTML does not allow (everything below U+0020 but tab, LF, FF and CR; DEL; C1). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for both element content and quoted attribute values; drops characters HTML forbids. */
export function escapeHtml(text: string): string {
  return text
    .replace(FORBIDDEN_CONTROLS, '')
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
