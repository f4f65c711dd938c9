import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseLabeledConll, type LabeledDocument } from '../../src/stages/entities/conll.js';

/** Where the training scripts find the shared data and the project's model directory. */

export const REPO = new URL('../..', import.meta.url).pathname;
export const SHARED = join(REPO, '..', 'shared');
export const CONLL_DIR = join(SHARED, 'data', 'conll2003');
export const MODELS_DIR = join(REPO, 'models');

export function requireShared(path: string, what: string): string {
  if (!existsSync(path)) {
    console.error(`${what} is not at ${path}: these scripts need ../shared beside the repository.`);
    process.exit(2);
  }
  return path;
}

export function readConll(name: 'eng.train' | 'eng.testa'): LabeledDocument[] {
  return parseLabeledConll(readFileSync(requireShared(join(CONLL_DIR, name), `CoNLL-2003 ${name}`), 'utf8'));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A (possibly gzip-compressed) text file's content. */
export function readMaybeGzip(path: string): { bytes: Buffer; text: string } {
  const bytes = readFileSync(path);
  const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  return { bytes, text };
}

export function tokenCount(documents: readonly LabeledDocument[]): number {
  let n = 0;
  for (const doc of documents) for (const s of doc.sentences) n += s.tokens.length;
  return n;
}
