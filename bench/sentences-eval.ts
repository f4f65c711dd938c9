/**
 * How well Parley's tokenizer and sentence splitter find boundaries where they are known:
 * `npx tsx bench/sentences-eval.ts [--sample N]`.
 *
 * - CoNLL-2003 (eng.train + eng.testa): each document's running text is rebuilt from its tokens (spaces
 *   as a news text has them: none before "," or "'s", inside quotes, ...; sentences that end with
 *   terminal punctuation joined by a space, headlines, bylines and datelines on lines of their own).
 *   Gold sentence ends and token boundaries are then known exactly: precision, recall and F1 of the
 *   sentence ends (the end of the document left out), and of the tokens (exact spans).
 * - PolNeAR (train + dev texts): no sentence annotation, but every paragraph ends a sentence. With the
 *   paragraphs joined by a space the splitter must find those ends from the text alone: recall of
 *   paragraph ends. Its attribution annotation marks speakers (Source) and speech verbs (Cue): a
 *   sentence end inside one of them is certainly wrong, which bounds precision from below.
 *   `--sample N` prints N random sentence ends found inside paragraphs, with context, for a hand check.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getLayer } from '../src/model/document.js';
import { buildPipeline, step } from '../src/pipeline/build.js';
import { runPipeline } from '../src/pipeline/run.js';
import { documentFromPlainText, sentencesStage } from '../src/stages/sentences/index.js';
import { seededRandom } from '../scripts/ner/perceptron.js';
import { readConll, SHARED } from '../scripts/ner/data.js';

const { values } = parseArgs({ options: { sample: { type: 'string', default: '0' } } });
const pipeline = buildPipeline([step(sentencesStage)]);

function segment(text: string): { sentenceEnds: number[]; tokens: [number, number][] } {
  const doc = runPipeline(pipeline, documentFromPlainText(text), {});
  return { sentenceEnds: getLayer(doc, 'sentences').map((s) => s.end), tokens: getLayer(doc, 'tokens').map((t) => [t.start, t.end]) };
}

interface Counts {
  gold: number;
  predicted: number;
  correct: number;
}
const prf = ({ gold, predicted, correct }: Counts): string => {
  const p = predicted ? correct / predicted : 0;
  const r = gold ? correct / gold : 0;
  const f = p + r ? (2 * p * r) / (p + r) : 0;
  return `P ${(100 * p).toFixed(2)}  R ${(100 * r).toFixed(2)}  F1 ${(100 * f).toFixed(2)}  (gold ${gold}, found ${predicted})`;
};
/**
 * CoNLL puts the opening quote of a sentence at the end of the sentence before it ('said Rios . "' then
 * 'But I think'); a sentence end is compared with the quotes and spaces before it left out.
 */
function settle(text: string, end: number): number {
  while (end > 0 && /["'\s\u201c\u201d]/.test(text[end - 1]!)) end--;
  return end;
}
function compare(gold: ReadonlySet<string | number>, predicted: ReadonlySet<string | number>, counts: Counts): void {
  counts.gold += gold.size;
  counts.predicted += predicted.size;
  for (const item of predicted) if (gold.has(item)) counts.correct++;
}

// CoNLL: rebuild the running text.
const NO_SPACE_BEFORE = /^(?:[,.;:!?%)\]}]|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m|'|\.\.\.)$/;
const NO_SPACE_AFTER = /^[([{$]$/;
const TERMINAL = /^(?:[.!?]|\.\.\.)$/;

function rebuild(sentences: readonly (readonly string[])[]): { text: string; ends: number[]; tokens: [number, number][] } {
  let text = '';
  const ends: number[] = [];
  const tokens: [number, number][] = [];
  let quoteOpen = false;
  for (const sentence of sentences) {
    if (text !== '') text += endsWithTerminal(sentences[ends.length - 1]!) ? ' ' : '\n';
    let glue = true;
    for (const token of sentence) {
      const closingQuote = token === '"' && quoteOpen;
      if (!glue && !NO_SPACE_BEFORE.test(token) && !closingQuote) text += ' ';
      tokens.push([text.length, text.length + token.length]);
      text += token;
      glue = NO_SPACE_AFTER.test(token) || (token === '"' && !quoteOpen);
      if (token === '"') quoteOpen = !quoteOpen;
    }
    ends.push(text.length);
  }
  return { text, ends, tokens };
}
function endsWithTerminal(sentence: readonly string[]): boolean {
  const last = sentence.at(-1) === '"' ? sentence.at(-2) : sentence.at(-1);
  return last !== undefined && TERMINAL.test(last);
}

const conllSentences: Counts = { gold: 0, predicted: 0, correct: 0 };
const conllTokens: Counts = { gold: 0, predicted: 0, correct: 0 };
let conllDocs = 0;
for (const file of ['eng.train', 'eng.testa'] as const) {
  for (const doc of readConll(file)) {
    const { text, ends, tokens } = rebuild(doc.sentences.map((s) => s.tokens));
    const found = segment(text);
    compare(new Set(ends.slice(0, -1).map((e) => settle(text, e))), new Set(found.sentenceEnds.filter((e) => e < text.length).map((e) => settle(text, e))), conllSentences);
    compare(new Set(tokens.map(([a, b]) => `${a}:${b}`)), new Set(found.tokens.map(([a, b]) => `${a}:${b}`)), conllTokens);
    conllDocs++;
  }
}
console.log(`CoNLL-2003 eng.train + eng.testa, ${conllDocs} documents rebuilt as running text:`);
console.log(`  sentence ends  ${prf(conllSentences)}`);
console.log(`  tokens         ${prf(conllTokens)}`);

// PolNeAR.
const paragraphEnds: Counts = { gold: 0, predicted: 0, correct: 0 };
let insideAnnotation = 0;
let insideParagraph = 0;
let polnearDocs = 0;
const samples: string[] = [];
for (const split of ['train', 'dev']) {
  const dir = join(SHARED, 'data', 'polnear', split);
  const spansByText = new Map<string, [number, number][]>();
  for (const name of readdirSync(join(dir, 'attributions')).sort()) {
    const base = name.replace(/_[^_]+\.ann$/, '');
    const spans = spansByText.get(base) ?? [];
    for (const line of readFileSync(join(dir, 'attributions', name), 'utf8').split('\n')) {
      const match = /^T\d+\t(Source|Cue) (\d+) (\d+)\t/.exec(line);
      if (match) spans.push([Number(match[2]), Number(match[3])]);
    }
    spansByText.set(base, spans);
  }
  for (const name of readdirSync(join(dir, 'text')).sort()) {
    const original = readFileSync(join(dir, 'text', name), 'utf8');
    // Join paragraphs with one space: offsets shift, so map each joined offset back to the original.
    const paragraphs = (documentFromPlainText(original).layers.blocks ?? []).map((b) => ({ index: b.start, text: original.slice(b.start, b.end) }));
    let joined = '';
    const origin: number[] = [];
    const gold = new Set<number>();
    for (const p of paragraphs) {
      if (joined) {
        joined += ' ';
        origin.push(-1);
      }
      for (let i = 0; i < p.text.length; i++) origin.push(p.index + i);
      joined += p.text.replace(/\n/g, ' ');
      gold.add(joined.length);
    }
    origin.push(original.length);
    gold.delete(joined.length);
    const found = segment(joined).sentenceEnds.filter((e) => e < joined.length);
    compare(gold, new Set(found.filter((e) => gold.has(e))), paragraphEnds);
    paragraphEnds.predicted -= found.filter((e) => gold.has(e)).length; // only recall is meaningful here
    const spans = spansByText.get(name.replace(/\.txt$/, '')) ?? [];
    for (const end of found) {
      if (gold.has(end)) continue;
      insideParagraph++;
      const at = origin[end - 1]! + 1;
      if (spans.some(([a, b]) => a < at && at < b)) insideAnnotation++;
      samples.push(`${joined.slice(Math.max(0, end - 60), end)} ‖ ${joined.slice(end, end + 40)}`.replace(/\s+/g, ' '));
    }
    polnearDocs++;
  }
}
console.log(`PolNeAR train + dev, ${polnearDocs} texts, paragraphs joined by a space:`);
console.log(`  paragraph ends found (recall): ${(100 * paragraphEnds.correct / paragraphEnds.gold).toFixed(2)}% of ${paragraphEnds.gold}`);
console.log(`  sentence ends found inside paragraphs: ${insideParagraph}; of them inside a speaker or speech-verb span (certainly wrong): ${insideAnnotation} (${(100 * insideAnnotation / Math.max(1, insideParagraph)).toFixed(2)}%)`);
const sampleSize = Number(values.sample);
if (sampleSize > 0) {
  const random = seededRandom(7);
  console.log(`\n${sampleSize} random sentence ends inside paragraphs (‖ marks the end):`);
  for (let i = 0; i < sampleSize && samples.length > 0; i++) console.log(`  ${samples.splice(Math.floor(random() * samples.length), 1)[0]}`);
}
