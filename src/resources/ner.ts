import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ParleyError } from '../pipeline/errors.js';
import { Gazetteer } from '../stages/entities/gazetteer.js';
import { decodeModel, type LexiconFileRef } from '../stages/entities/model-file.js';
import { NerModel } from '../stages/entities/model.js';
import { WordTable } from '../stages/entities/words.js';

/**
 * Loading the NER model: the weights file and the two lexicon files it was trained with (name lists
 * and word table), all under one models directory. Every failure is a coded ParleyError that names
 * the file and says how to fix it: E_MODEL_MISSING (not there) or E_MODEL_CORRUPT (unreadable,
 * truncated, or not the files the weights were trained with).
 */

export const NER_FILES = {
  model: 'ner.bin.gz',
  gazetteer: 'ner-gazetteer.tsv.gz',
  words: 'ner-words.tsv.gz',
} as const;

/** The models/ directory of the Parley installation (two levels up from both src/resources and dist/resources). */
export function defaultModelsDirectory(): string {
  return fileURLToPath(new URL('../../models', import.meta.url));
}

const REBUILD_HINT = 'Reinstall Parley, or rebuild the model with `npm run train:ner` (see models/README.md).';

function readModelFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ParleyError('E_MODEL_MISSING', `The ${what} is missing: ${path} does not exist.`, REBUILD_HINT);
    throw new ParleyError('E_MODEL_CORRUPT', `The ${what} at ${path} cannot be read (${code ?? String(error)}).`, REBUILD_HINT);
  }
}

function gunzipIfNeeded(bytes: Buffer, path: string, what: string): Buffer {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new ParleyError('E_MODEL_CORRUPT', `The ${what} at ${path} is not valid gzip (${error instanceof Error ? error.message : String(error)}).`, REBUILD_HINT);
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a lexicon file the model names, checking that it is byte for byte the one the model was trained with. */
function readLexicon<T>(directory: string, ref: LexiconFileRef | null, what: string, parse: (text: string) => T): T | null {
  if (!ref) return null;
  const path = join(directory, ref.file);
  const bytes = readModelFile(path, what);
  if (sha256Hex(bytes) !== ref.sha256) {
    throw new ParleyError('E_MODEL_CORRUPT', `The ${what} at ${path} is not the one the NER model was trained with (its SHA-256 differs).`, 'Retrain with `npm run train:ner` after rebuilding a lexicon, or restore the shipped files.');
  }
  try {
    return parse(gunzipIfNeeded(bytes, path, what).toString('utf8'));
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    throw new ParleyError('E_MODEL_CORRUPT', `The ${what} at ${path} is malformed: ${error instanceof Error ? error.message : String(error)}.`, REBUILD_HINT);
  }
}

/** Loads the NER model and its lexicons from `directory` (synchronously; about half a second for the shipped model). */
export function loadNerModel(directory: string = defaultModelsDirectory()): NerModel {
  const path = join(directory, NER_FILES.model);
  const bytes = gunzipIfNeeded(readModelFile(path, 'NER model'), path, 'NER model');
  let model: NerModel;
  try {
    const contents = decodeModel(bytes);
    const gazetteer = readLexicon(directory, contents.header.lexicon.gazetteer, 'NER name list', Gazetteer.parse);
    const words = readLexicon(directory, contents.header.lexicon.words, 'NER word table', WordTable.parse);
    model = NerModel.fromContents(contents, { gazetteer, words });
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    throw new ParleyError('E_MODEL_CORRUPT', `The NER model at ${path} cannot be used: ${error instanceof Error ? error.message : String(error)}.`, REBUILD_HINT);
  }
  return model;
}
