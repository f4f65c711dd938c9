import type { Article } from '../model/article.js';

/**
 * The article as plain text: the title on the first line (when there is one), a blank line, then the
 * body exactly as the `text` field has it (blocks separated by one blank line). Captions and the other
 * metadata are left out: this format is for reading and for text tools (word counts, grep, NLP), and
 * JSON, Markdown and HTML carry the rest. A body that already begins with the title does not repeat it.
 */
export function articleToText(article: Article): string {
  const title = article.title?.replace(/\s+/g, ' ').trim() ?? '';
  const body = article.text;
  const firstLine = body.slice(0, body.indexOf('\n') === -1 ? body.length : body.indexOf('\n')).trim();
  if (!title || firstLine === title) return `${body}\n`;
  return `${title}\n\n${body}\n`;
}
