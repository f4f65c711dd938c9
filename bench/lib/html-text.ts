import { Parser } from 'htmlparser2';

/**
 * Elements that end a line of text. Inline elements (a, b, span, ...) join their text to the
 * neighbours' without a space, as a browser renders them, so a snippet that runs across a link or a
 * bold word still matches.
 */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr',
  'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul',
]);

/** Elements whose content is never visible text. */
const INVISIBLE_ELEMENTS = new Set(['script', 'style', 'template', 'noscript', 'title']);

/**
 * The visible text of an HTML document or fragment, as blocks separated by one blank line (the shape of
 * Parley's `text`). Used the same way for every tool that outputs HTML (Readability's and defuddle's
 * `content`) and for the gold of the Readability test pages (`expected.html`), outside any timing.
 * Streams with htmlparser2 rather than building a tree, and is independent of Parley's own parser.
 */
export function htmlToText(html: string): string {
  const blocks: string[] = [];
  let current = '';
  let hidden = 0;
  const endBlock = (): void => {
    const line = current.replace(/\s+/g, ' ').trim();
    if (line) blocks.push(line);
    current = '';
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (INVISIBLE_ELEMENTS.has(name)) hidden++;
        else if (BLOCK_ELEMENTS.has(name)) endBlock();
      },
      onclosetag(name) {
        if (INVISIBLE_ELEMENTS.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK_ELEMENTS.has(name)) endBlock();
      },
      ontext(text) {
        if (hidden === 0) current += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  endBlock();
  return blocks.join('\n\n');
}
