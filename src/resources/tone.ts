import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ParleyError } from '../pipeline/errors.js';
import type { ToneLexicon } from '../stages/tone/score.js';
import { defaultDataDirectory } from './themes.js';

/**
 * Loading the tone lexicon (data/tone/lexicon.json, built by `npm run build:tone` from AFINN-165 and
 * VADER; see data/tone/README.md). A missing file is E_MODEL_MISSING; a file that is not what the build
 * wrote (bad JSON, wrong fields, a fingerprint that does not match its content) is E_MODEL_CORRUPT.
 */

export const TONE_FILE = 'tone/lexicon.json';
const HINT = 'Reinstall Parley, or rebuild it with `npm run build:tone`.';

interface LexiconFile {
  readonly format: string;
  readonly name: string;
  readonly version: string;
  readonly fingerprint: string;
  readonly valence: Record<string, number>;
  readonly activity: string[];
}

function isLexiconFile(value: unknown): value is LexiconFile {
  const v = value as Partial<LexiconFile> | null;
  return (
    !!v &&
    v.format === 'parley-tone-lexicon' &&
    typeof v.name === 'string' &&
    typeof v.version === 'string' &&
    typeof v.fingerprint === 'string' &&
    !!v.valence &&
    typeof v.valence === 'object' &&
    Object.values(v.valence).every((n) => typeof n === 'number' && n >= -1 && n <= 1) &&
    Array.isArray(v.activity) &&
    v.activity.every((w) => typeof w === 'string')
  );
}

export function loadToneLexicon(dataDirectory: string = defaultDataDirectory()): ToneLexicon {
  const path = join(dataDirectory, TONE_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ParleyError('E_MODEL_MISSING', `The tone lexicon is missing: ${path} does not exist.`, HINT);
    throw new ParleyError('E_MODEL_CORRUPT', `The tone lexicon at ${path} cannot be read (${code ?? (error instanceof Error ? error.message : String(error))}).`, HINT);
  }
  if (!isLexiconFile(parsed)) throw new ParleyError('E_MODEL_CORRUPT', `The tone lexicon at ${path} is not a Parley tone lexicon (fields missing or out of range).`, HINT);
  const actual = createHash('sha256').update(JSON.stringify({ valence: parsed.valence, activity: parsed.activity })).digest('hex').slice(0, 12);
  if (actual !== parsed.fingerprint) throw new ParleyError('E_MODEL_CORRUPT', `The tone lexicon at ${path} was changed after it was built (fingerprint ${actual}, expected ${parsed.fingerprint}).`, HINT);
  return { name: parsed.name, version: parsed.version, fingerprint: parsed.fingerprint, valence: new Map(Object.entries(parsed.valence)), activity: new Set(parsed.activity) };
}
