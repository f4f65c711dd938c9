import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from '../../src/extract/index.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';
import { SENTENCES_DEFAULTS, segmentBlock, type SentenceData, type TokenData } from '../../src/stages/sentences/sentences.js';
import type { Annotation } from '../../src/model/span.js';
import { readConll, SHARED } from './data.js';

/**
 * The unlabeled English news text the word table is computed from, as sentences of tokens:
 * - the CoNLL-2003 training text (its sentences and tokens as given; never the dev text);
 * - the PolNeAR article texts, train and dev (../shared/data/polnear/{train,dev}/text);
 * - the gold main text of the WCXB article pages (../shared/bench/wcxb-articles);
 * - the article text Parley extracts from the English pages of the trafilatura and Readability test sets.
 * Non-English texts are left out by a function-word test. Texts are tokenized and split with Parley's own
 * sentences stage, so the words are cut as they are at run time.
 */

const FUNCTION_WORDS = new Set('the of and to in a is that for on with as was by it at from he said are be this have has an his not but they which or were will their its who been'.split(' '));
/** Share of function words above which a text is taken for English (news English is near 0.3). */
const ENGLISH_THRESHOLD = 0.15;

export function isEnglish(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 50) return false;
  return words.filter((w) => FUNCTION_WORDS.has(w)).length / words.length > ENGLISH_THRESHOLD;
}

export function sentencesOf(text: string): string[][] {
  const doc = documentFromPlainText(text);
  const tokens: Annotation<TokenData>[] = [];
  const sentences: Annotation<SentenceData>[] = [];
  for (const block of doc.layers.blocks ?? []) segmentBlock(text, block.start, block.end, SENTENCES_DEFAULTS, tokens, sentences);
  return sentences.map((s) => tokens.slice(s.data.firstToken, s.data.firstToken + s.data.tokenCount).map((t) => text.slice(t.start, t.end)));
}

export interface CorpusPart {
  readonly name: string;
  readonly sentences: string[][];
  readonly documents: number;
}

function files(dir: string): string[] {
  return readdirSync(dir).sort().map((name) => join(dir, name));
}

export function* unlabeledCorpus(log: (line: string) => void): Generator<CorpusPart> {
  const conll = readConll('eng.train');
  yield { name: 'CoNLL-2003 eng.train text', sentences: conll.flatMap((d) => d.sentences.map((s) => [...s.tokens])), documents: conll.length };

  const polnear: string[][] = [];
  let polnearDocs = 0;
  for (const split of ['train', 'dev']) {
    for (const path of files(join(SHARED, 'data', 'polnear', split, 'text'))) {
      polnear.push(...sentencesOf(readFileSync(path, 'utf8')));
      polnearDocs++;
    }
  }
  yield { name: 'PolNeAR texts', sentences: polnear, documents: polnearDocs };

  const wcxb: string[][] = [];
  let wcxbDocs = 0;
  for (const path of files(join(SHARED, 'bench', 'wcxb-articles', 'dev', 'ground-truth'))) {
    const text = (JSON.parse(readFileSync(path, 'utf8')) as { ground_truth: { main_content?: string | null } }).ground_truth.main_content ?? '';
    if (!isEnglish(text)) continue;
    wcxb.push(...sentencesOf(text));
    wcxbDocs++;
  }
  yield { name: 'WCXB article main text', sentences: wcxb, documents: wcxbDocs };

  const pages: string[][] = [];
  let pageDocs = 0;
  const htmlFiles = [
    ...files(join(SHARED, 'bench', 'trafilatura-eval', 'html')),
    ...readdirSync(join(SHARED, 'bench', 'readability-testpages')).sort().map((name) => join(SHARED, 'bench', 'readability-testpages', name, 'source.html')),
  ];
  for (const path of htmlFiles) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // a README or a case without a source page
    }
    const result = extract(path.endsWith('.gz') ? gunzipSync(bytes) : bytes);
    if (!result.ok || !isEnglish(result.article.text)) continue;
    pages.push(...sentencesOf(result.article.text));
    pageDocs++;
  }
  log(`  extracted ${pageDocs} English pages of ${htmlFiles.length}`);
  yield { name: 'English pages of the trafilatura and Readability test sets (extracted by Parley)', sentences: pages, documents: pageDocs };
}
