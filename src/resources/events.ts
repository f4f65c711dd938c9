import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ParleyError } from '../pipeline/errors.js';
import { EventLexicon } from '../stages/events/lexicon.js';
import type { CameoCodebookData, CameoVerbData } from '../stages/events/verb-data.js';
import { PosTagger, type PosModelData } from '../stages/pos/tagger.js';

/**
 * Loading what the `events` stage needs: the compact CAMEO data under data/events/ (built by
 * `npm run build:events`) and the part-of-speech model models/pos.json.gz (`npm run train:pos`).
 * Failures are coded: E_MODEL_MISSING (a file is absent) or E_MODEL_CORRUPT (unreadable or malformed).
 */

export interface EventResources {
  readonly lexicon: EventLexicon;
  readonly tagger: PosTagger;
}

export const EVENT_FILES = { verbs: 'cameo-verbs.json.gz', codes: 'cameo-codes.json', pos: 'pos.json.gz' } as const;

/** The data/events directory of the Parley installation (two levels up from src/resources and dist/resources). */
export function defaultEventDataDirectory(): string {
  return fileURLToPath(new URL('../../data/events', import.meta.url));
}

function readJson<T>(path: string, what: string, hint: string): T {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ParleyError('E_MODEL_MISSING', `The ${what} is missing: ${path} does not exist.`, hint);
    throw new ParleyError('E_MODEL_CORRUPT', `The ${what} at ${path} cannot be read (${code ?? String(error)}).`, hint);
  }
  try {
    const text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ParleyError('E_MODEL_CORRUPT', `The ${what} at ${path} is malformed: ${error instanceof Error ? error.message : String(error)}.`, hint);
  }
}

export function loadPosTagger(modelsDirectory: string): PosTagger {
  const path = join(modelsDirectory, EVENT_FILES.pos);
  const hint = 'Reinstall Parley, or retrain the tagger with `npm run train:pos`.';
  try {
    return new PosTagger(readJson<PosModelData>(path, 'part-of-speech model', hint));
  } catch (error) {
    if (error instanceof ParleyError) throw error;
    throw new ParleyError('E_MODEL_CORRUPT', `The part-of-speech model at ${path} cannot be used: ${error instanceof Error ? error.message : String(error)}.`, hint);
  }
}

export function loadEventResources(modelsDirectory: string, dataDirectory: string = defaultEventDataDirectory()): EventResources {
  const hint = 'Reinstall Parley, or rebuild the event data with `npm run build:events`.';
  const verbs = readJson<CameoVerbData>(join(dataDirectory, EVENT_FILES.verbs), 'CAMEO verb data', hint);
  const codes = readJson<CameoCodebookData>(join(dataDirectory, EVENT_FILES.codes), 'CAMEO codebook data', hint);
  let lexicon: EventLexicon;
  try {
    lexicon = new EventLexicon(verbs, codes);
  } catch (error) {
    throw new ParleyError('E_MODEL_CORRUPT', `The event data under ${dataDirectory} cannot be used: ${error instanceof Error ? error.message : String(error)}.`, hint);
  }
  return { lexicon, tagger: loadPosTagger(modelsDirectory) };
}
