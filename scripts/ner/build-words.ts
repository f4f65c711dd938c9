/**
 * Builds models/ner-words.tsv.gz, the word table of the NER model (see src/stages/entities/words.ts):
 * `npx tsx scripts/ner/build-words.ts` (part of `npm run train:ner -- --rebuild-lexicons`).
 *
 * From the unlabeled text of corpus.ts it counts, per normalized word (lower case, digits as 0), how
 * often it occurs and how often it is capitalized mid-sentence; for the words seen at least
 * MIN_VECTOR_COUNT times it computes a vector (positive PMI over the words two to the left and right,
 * reduced by randomized SVD) and clusters the vectors top-down (32, then 8 per cluster, then 4: 32, 256
 * and 1024 clusters). Seeded and deterministic. The table holds counts and cluster ids only, no text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NER_FILES } from '../../src/resources/ner.js';
import { Casing, casing, foldToken, normalizeWord } from '../../src/stages/entities/lexical.js';
import { unlabeledCorpus } from './corpus.js';
import { MODELS_DIR } from './data.js';
import { hierarchicalClusters, normalizeRows, randomizedSvd, type SparseRows } from './embed.js';

const MIN_VECTOR_COUNT = 5;
const MIN_TABLE_COUNT = 3;
const CONTEXT_WORDS = 5000;
const WINDOW = [-2, -1, 1, 2] as const;
const DIMENSIONS = 100;
const BRANCHING = [32, 8, 4] as const;
const SMOOTHING = 0.75;
const SEED = 20261126;

const started = performance.now();
const log = (line: string): void => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

const lowerCounts = new Map<string, number>();
const capitalCounts = new Map<string, number>();

function countCapitalization(part: readonly string[][]): void {
  for (const sentence of part) {
    const shapes = sentence.map((t) => casing(foldToken(t)));
    const lettered = shapes.filter((c) => c !== Casing.NoLetters);
    if (lettered.length > 0 && lettered.every((c) => c === Casing.AllUpper || c === Casing.SingleUpper)) continue;
    let seenWord = false;
    sentence.forEach((token, i) => {
      const isFirst = !seenWord;
      if (/[\p{L}\p{N}]/u.test(token)) seenWord = true;
      if (isFirst || (i > 0 && /^["'`([:]|^--?$/.test(sentence[i - 1]!))) return;
      const c = shapes[i]!;
      if (c === Casing.Lower) bump(lowerCounts, token);
      else if (c === Casing.Initial || c === Casing.MixedLower || c === Casing.SingleUpper) bump(capitalCounts, token);
    });
  }
}
function bump(map: Map<string, number>, token: string): void {
  const key = normalizeWord(foldToken(token));
  map.set(key, (map.get(key) ?? 0) + 1);
}

const sentences: string[][] = [];
const sources: string[] = [];
for (const part of unlabeledCorpus(log)) {
  const tokens = part.sentences.reduce((n, s) => n + s.length, 0);
  log(`${part.name}: ${part.documents} documents, ${part.sentences.length} sentences, ${tokens} tokens`);
  sources.push(`${part.name} (${part.documents} documents, ${tokens} tokens)`);
  for (const sentence of part.sentences) sentences.push(sentence.map((t) => normalizeWord(foldToken(t))));
  // Capitalization needs the original tokens: count it now.
  countCapitalization(part.sentences);
}

const counts = new Map<string, number>();
for (const sentence of sentences) for (const word of sentence) counts.set(word, (counts.get(word) ?? 0) + 1);
log(`${counts.size} distinct words over ${sentences.length} sentences`);

// Vocabularies: rows (words with vectors) and context words, by frequency then spelling.
const byFrequency = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const rowWords = byFrequency.filter(([w, n]) => n >= MIN_VECTOR_COUNT && /[\p{L}\p{N}]/u.test(w)).map(([w]) => w);
const rowIndex = new Map(rowWords.map((w, i) => [w, i]));
const contextWords = ['<s>', '</s>', ...byFrequency.slice(0, CONTEXT_WORDS).map(([w]) => w)];
const contextIndex = new Map(contextWords.map((w, i) => [w, i]));
const columns = contextWords.length * WINDOW.length;
log(`${rowWords.length} words get vectors; ${contextWords.length} context words × ${WINDOW.length} positions`);

// Co-occurrence pairs as row * columns + column, sorted and run-length counted into compressed rows.
let pairs = new Int32Array(1 << 22);
let pairCount = 0;
for (const sentence of sentences) {
  for (let i = 0; i < sentence.length; i++) {
    const row = rowIndex.get(sentence[i]!);
    if (row === undefined) continue;
    WINDOW.forEach((offset, position) => {
      const j = i + offset;
      const context = j < 0 ? 0 : j >= sentence.length ? 1 : contextIndex.get(sentence[j]!);
      if (context === undefined) return;
      if (pairCount === pairs.length) {
        const grown = new Int32Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[pairCount++] = row * columns + position * contextWords.length + context;
    });
  }
}
const sorted = pairs.subarray(0, pairCount).sort();
const rowStart = new Int32Array(rowWords.length + 1);
const column: number[] = [];
const value: number[] = [];
for (let k = 0; k < sorted.length; ) {
  let end = k;
  while (end < sorted.length && sorted[end] === sorted[k]) end++;
  const row = Math.floor(sorted[k]! / columns);
  rowStart[row + 1]!++;
  column.push(sorted[k]! % columns);
  value.push(end - k);
  k = end;
}
for (let r = 0; r < rowWords.length; r++) rowStart[r + 1]! += rowStart[r]!;
log(`${pairCount} co-occurrences, ${value.length} distinct pairs`);

// Positive PMI with context-distribution smoothing (Levy, Goldberg & Dagan 2015).
const rowSum = new Float64Array(rowWords.length);
const columnSum = new Float64Array(columns);
let total = 0;
for (let r = 0; r < rowWords.length; r++) {
  for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
    rowSum[r]! += value[e]!;
    columnSum[column[e]!]! += value[e]!;
    total += value[e]!;
  }
}
let smoothedTotal = 0;
for (let c = 0; c < columns; c++) smoothedTotal += columnSum[c]! ** SMOOTHING;
const matrix: SparseRows = { rows: rowWords.length, columns, rowStart, column: Int32Array.from(column), value: new Float32Array(value.length) };
for (let r = 0; r < rowWords.length; r++) {
  for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
    const pmi = Math.log((value[e]! / total) / ((rowSum[r]! / total) * (columnSum[column[e]!]! ** SMOOTHING / smoothedTotal)));
    matrix.value[e] = Math.max(0, pmi);
  }
}

const vectors = randomizedSvd(matrix, DIMENSIONS, { oversample: 10, powerIterations: 2, seed: SEED, weightExponent: 0.5 });
normalizeRows(vectors, rowWords.length, DIMENSIONS);
log(`vectors: ${rowWords.length} × ${DIMENSIONS}`);
const levels = hierarchicalClusters(vectors, rowWords.length, DIMENSIONS, BRANCHING, SEED);
const granularities = BRANCHING.reduce<number[]>((acc, k) => [...acc, (acc.at(-1) ?? 1) * k], []);
log(`clusters at ${granularities.join(', ')}`);

const lines: string[] = [];
for (const [word, n] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
  if (n < MIN_TABLE_COUNT || word.includes('\t') || word.includes('\n')) continue;
  const lower = lowerCounts.get(word) ?? 0;
  const capital = capitalCounts.get(word) ?? 0;
  const share = lower + capital > 0 ? capital / (lower + capital) : 0;
  const row = rowIndex.get(word);
  const clusters = row === undefined ? '' : levels.map((ids) => ids[row]!).join(',');
  lines.push(`${word}\t${n}\t${share.toFixed(3)}\t${clusters}`);
}
const header = [
  '# Parley NER word table: word<TAB>count<TAB>share capitalized mid-sentence<TAB>cluster ids (coarse to fine).',
  `# granularities: ${granularities.join(',')}`,
  '# Built by scripts/ner/build-words.ts (seeded, deterministic) from unlabeled news text:',
  ...sources.map((s) => `#   ${s}`),
  `# Vectors: positive PMI over ±2 positioned context words (${CONTEXT_WORDS} most frequent), randomized SVD to ${DIMENSIONS} dimensions;`,
  `# clusters: top-down k-means (${BRANCHING.join(' × ')}). Counts and cluster ids only: no text of the sources.`,
];
const out = join(MODELS_DIR, NER_FILES.words);
writeFileSync(out, gzipSync(`${[...header, ...lines].join('\n')}\n`, { level: 9 }));
log(`${out}: ${lines.length} words`);
