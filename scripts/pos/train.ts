/**
 * Trains Parley's part-of-speech tagger: `npm run train:pos`.
 *
 * Reads the token and POS columns of ../shared/data/conll2003/eng.train (training) and eng.testa (dev,
 * reported only) and writes models/pos.json.gz (see src/stages/pos/tagger.ts). Only learned weights and
 * a word→tag dictionary ship; no corpus text. Deterministic: same data and options give the same bytes.
 * Options: --epochs N (default 8) --min-weight X (weights below this are dropped, default 0.2) --no-save
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { normalizeWord, PosTagger, tokenFeatures, type PosModelData } from '../../src/stages/pos/tagger.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CONLL = join(REPO, '..', 'shared', 'data', 'conll2003');
export const POS_MODEL_FILE = join(REPO, 'models', 'pos.json.gz');

type Sentence = { words: string[]; tags: string[] };

function readPosColumns(path: string): Sentence[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    console.error(`train:pos needs ${path} (../shared/data/conll2003). It is not there.`);
    process.exit(1);
  }
  const sentences: Sentence[] = [];
  let current: Sentence = { words: [], tags: [] };
  for (const line of text.split('\n')) {
    const cols = line.trim().split(' ');
    if (cols.length < 2 || cols[0] === '-DOCSTART-') {
      if (current.words.length) sentences.push(current);
      current = { words: [], tags: [] };
      continue;
    }
    current.words.push(cols[0]!);
    current.tags.push(cols[1]!);
  }
  if (current.words.length) sentences.push(current);
  return sentences;
}

/** Deterministic shuffle (xorshift). */
function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed >>> 0 || 1;
  for (let i = items.length - 1; i > 0; i--) {
    s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function buildTagdict(sentences: Sentence[], tagIndex: Map<string, number>): Record<string, number> {
  const counts = new Map<string, Map<string, number>>();
  for (const { words, tags } of sentences) {
    words.forEach((word, i) => {
      const key = normalizeWord(word);
      const byTag = counts.get(key) ?? new Map<string, number>();
      byTag.set(tags[i]!, (byTag.get(tags[i]!) ?? 0) + 1);
      counts.set(key, byTag);
    });
  }
  const dict: Record<string, number> = {};
  for (const key of [...counts.keys()].sort()) {
    const byTag = counts.get(key)!;
    const total = [...byTag.values()].reduce((a, b) => a + b, 0);
    const [tag, n] = [...byTag.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
    if (total >= 20 && n / total >= 0.97) dict[key] = tagIndex.get(tag)!;
  }
  return dict;
}

interface Cell { w: number; total: number; stamp: number }

function train(sentences: Sentence[], tags: string[], tagdict: Record<string, number>, epochs: number): Map<string, Map<number, Cell>> {
  const weights = new Map<string, Map<number, Cell>>();
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  let clock = 0;
  const update = (feature: string, tag: number, delta: number): void => {
    let row = weights.get(feature);
    if (!row) weights.set(feature, (row = new Map()));
    const cell = row.get(tag) ?? { w: 0, total: 0, stamp: clock };
    cell.total += (clock - cell.stamp) * cell.w;
    cell.stamp = clock;
    cell.w += delta;
    row.set(tag, cell);
  };
  const predict = (features: string[]): number => {
    const scores = new Float64Array(tags.length);
    for (const f of features) {
      const row = weights.get(f);
      if (!row) continue;
      for (const [t, cell] of row) scores[t]! += cell.w;
    }
    let best = 0;
    for (let t = 1; t < scores.length; t++) if (scores[t]! > scores[best]!) best = t;
    return best;
  };
  const order = sentences.slice();
  for (let epoch = 0; epoch < epochs; epoch++) {
    let correct = 0;
    let total = 0;
    for (const { words, tags: gold } of shuffle(order, 7 + epoch)) {
      const norm = words.map(normalizeWord);
      let prev = '-START-';
      let prev2 = '-START2-';
      for (let i = 0; i < words.length; i++) {
        let guess = tagdict[norm[i]!];
        if (guess === undefined) {
          const features = tokenFeatures(words, norm, i, prev, prev2);
          guess = predict(features);
          const truth = tagIndex.get(gold[i]!)!;
          clock++;
          if (guess !== truth) for (const f of features) { update(f, truth, 1); update(f, guess, -1); }
        }
        if (tags[guess] === gold[i]) correct++;
        total++;
        prev2 = prev;
        prev = tags[guess]!;
      }
    }
    console.log(`epoch ${epoch + 1}: training accuracy ${(correct / total).toFixed(4)}`);
  }
  for (const row of weights.values()) for (const cell of row.values()) { cell.total += (clock - cell.stamp) * cell.w; cell.stamp = clock; cell.w = cell.total / clock; }
  return weights;
}

function main(): void {
  const { values } = parseArgs({ options: { epochs: { type: 'string', default: '8' }, 'min-weight': { type: 'string', default: '0.2' }, 'no-save': { type: 'boolean', default: false } } });
  const trainSet = readPosColumns(join(CONLL, 'eng.train'));
  const devSet = readPosColumns(join(CONLL, 'eng.testa'));
  const tags = [...new Set(trainSet.flatMap((s) => s.tags))].sort();
  const tagIndex = new Map(tags.map((t, i) => [t, i]));
  const tagdict = buildTagdict(trainSet, tagIndex);
  const learned = train(trainSet, tags, tagdict, Number(values.epochs));
  const minWeight = Number(values['min-weight']);
  const weights: Record<string, number[]> = {};
  for (const feature of [...learned.keys()].sort()) {
    const row: number[] = [];
    for (const [t, cell] of [...learned.get(feature)!.entries()].sort((a, b) => a[0] - b[0])) {
      if (Math.abs(cell.w) >= minWeight) row.push(t, Math.round(cell.w * 100) / 100);
    }
    if (row.length) weights[feature] = row;
  }
  const model: PosModelData = {
    format: 'parley-pos-1', tags, tagdict, weights,
    provenance: { trainedOn: 'CoNLL-2003 eng.train POS column (../shared/data/conll2003; research use: weights only, no text)', command: 'npm run train:pos', epochs: Number(values.epochs), minWeight },
  };
  const tagger = new PosTagger(model);
  let correct = 0;
  let total = 0;
  for (const { words, tags: gold } of devSet) {
    tagger.tag(words).forEach((t, i) => { if (t === gold[i]) correct++; total++; });
  }
  console.log(`eng.testa accuracy: ${(correct / total).toFixed(4)} over ${total} tokens; ${Object.keys(weights).length} features`);
  if (!values['no-save']) {
    const bytes = gzipSync(JSON.stringify(model), { level: 9 });
    writeFileSync(POS_MODEL_FILE, bytes);
    console.log(`wrote ${POS_MODEL_FILE} (${(bytes.length / 1e6).toFixed(2)} MB)`);
  }
}

main();
