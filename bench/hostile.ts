/**
 * `npm run bench:hostile`: how long Parley takes on pages built to be expensive, and what it answers —
 * nesting 100,000 deep, a million elements, 190,000 inline elements or line breaks in one paragraph, just
 * under the structure limits, and a text of 3,000 quoted paragraphs for the quotes stage. The point is
 * that the work is bounded by the document (a TOO_COMPLEX answer, or time that grows in step with the
 * input), so the answer is the same on a busy machine and an idle one. Needs no data from ../shared.
 * Prints one row per case: input size, result, milliseconds, and the machine's load.
 */
import { loadavg } from 'node:os';
import { extract } from '../src/extract/index.js';
import { DEFAULT_LIMITS } from '../src/extract/limits.js';
import { quotesOf } from '../test/quotes/helpers.js';

const PARAGRAPH = '<p>Word and more words in a paragraph about the harbour and its bridge.</p>';
const page = (inner: string): string => `<!doctype html><html><head><title>Hostile</title></head><body><article>${PARAGRAPH.repeat(20)}${inner}</article></body></html>`;

const CASES: readonly (readonly [string, () => string])[] = [
  ['100,000 nested <div> (closed)', () => page(`${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}`)],
  ['100,000 nested <span><b><i>', () => page(`${'<span><b><i>'.repeat(100_000)}x${'</i></b></span>'.repeat(100_000)}`)],
  ['100,000 nested <table><tr><td> (unclosed)', () => page('<table><tr><td>'.repeat(100_000))],
  ['1,000,000 <b> elements', () => page(`<p>${'<b>x</b> '.repeat(1_000_000)}</p>`)],
  ['4,900 nested <div> (under maxNesting)', () => page(`${'<div>'.repeat(4_900)}x${'</div>'.repeat(4_900)}`)],
  ['45,000 inline elements in one paragraph', () => page(`<p>${'<b>x</b> '.repeat(45_000)}</p>`)],
  ['45,000 line breaks in one paragraph', () => page(`<p>${'x<br>'.repeat(45_000)}</p>`)],
  ['15,000 paragraphs with a link each', () => page('<p>One more line of the <b>live</b> report, <a href="/x">with a link</a>.</p>'.repeat(15_000))],
];

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

console.log(`bench:hostile, ${new Date().toISOString()}, limits maxElements ${DEFAULT_LIMITS.maxElements}, maxNesting ${DEFAULT_LIMITS.maxNesting}, timeoutMs ${DEFAULT_LIMITS.timeoutMs}`);
console.log(row(['case', 'input', 'result', 'ms', 'load (1 min)']));
console.log(row(['---', '---', '---', '---', '---']));
for (const [name, make] of CASES) {
  const html = make();
  const started = performance.now();
  const result = extract(html);
  const ms = performance.now() - started;
  const outcome = result.ok ? `article, ${result.article.wordCount} words` : result.rejection.code;
  console.log(row([name, `${(html.length / 1e6).toFixed(1)} MB`, outcome, ms.toFixed(0), loadavg()[0]!.toFixed(1)]));
}
const quoted = '“We will keep talking,” Kerry said. The talks went on, officials said.\n\n'.repeat(3000);
const started = performance.now();
const quotes = quotesOf(quoted, [{ text: 'Kerry' }]);
console.log(row(['quotes stage: 3,000 quoted paragraphs', `${(quoted.length / 1e6).toFixed(2)} MB`, `${quotes.length} quotes`, (performance.now() - started).toFixed(0), loadavg()[0]!.toFixed(1)]));
