import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ParleyError } from '../pipeline/errors.js';
import { FEATURE_VERSION } from '../stages/events/features.js';
import { EventLexicon } from '../stages/events/lexicon.js';
import { EventModel, type EventModelData } from '../stages/events/model.js';
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
  /** The learned event coder (models/events.json.gz); null codes with the CAMEO patterns alone. */
  readonly model: EventModel | null;
}

export const EVENT_FILES = { verbs: 'cameo-verbs.json.gz', codes: 'cameo-codes.json', pos: 'pos.json.gz', model: 'events.json.gz' } as const;

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

/** The events stage's resources; `withModel: false` leaves out the learned coder (its training needs the rest). */
export function loadEventResources(modelsDirectory: string, dataDirectory: string = defaultEventDataDirectory(), withModel = true): EventResources {
  const hint = 'Reinstall Parley, or rebuild the event data with `npm run build:events`.';
  const verbs = readJson<CameoVerbData>(join(dataDirectory, EVENT_FILES.verbs), 'CAMEO verb data', hint);
  const codes = readJson<CameoCodebookData>(join(dataDirectory, EVENT_FILES.codes), 'CAMEO codebook data', hint);
  let lexicon: EventLexicon;
  try {
    lexicon = new EventLexicon(verbs, codes);
  } catch (error) {
    throw new ParleyError('E_MODEL_CORRUPT', `The event data under ${dataDirectory} cannot be used: ${error instanceof Error ? error.message : String(error)}.`, hint);
  }
  return { lexicon, tagger: loadPosTagger(modelsDirectory), model: withModel ? loadEventModel(modelsDirectory) : null };
}

/** The learned event coder of models/events.json.gz (`npm run train:events`). */
export function loadEventModel(modelsDirectory: string): EventModel {
  const path = join(modelsDirectory, EVENT_FILES.model);
  const hint = 'Reinstall Parley, or retrain the event coder with `npm run train:events`.';
  const data = readJson<EventModelData>(path, 'event coder model', hint);
  try {
    const model = new EventModel(data);
    if (model.featureVersion !== FEATURE_VERSION) throw new Error(`it was trained on features of version ${model.featureVersion}, this Parley computes version ${FEATURE_VERSION}`);
    return model;
  } catch (error) {
    throw new ParleyError('E_MODEL_CORRUPT', `The event coder model at ${path} cannot be used: ${error instanceof Error ? error.message : String(error)}.`, hint);
  }
}
