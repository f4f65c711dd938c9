import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/**
 * The n-gram language detector of eld (efficient-language-detector-js by Nito T.M., Apache-2.0),
 * reimplemented over the same database: models/language-ngrams.json.gz, eld's `extrasmall` data
 * (`npm run build:language`). Why not eld itself: eld holds its 49,553 n-grams as one object each, which
 * costs 28 MB of heap (57 MB of RSS) in every thread that imports it — every ingest worker — while the
 * same data fits in a Map and two typed arrays of about 3 MB. The steps below are eld's, in its order,
 * and give its scores (src/extract/language-model.test.ts compares both on many texts).
 */

export const LANGUAGE_MODEL_FORMAT = 'parley-language-ngrams/1';

/** The file's JSON. */
export interface LanguageModelFile {
  readonly format: string;
  readonly source: string;
  readonly builtBy: string;
  /** ISO 639-1 codes; an n-gram's scores name a language by its index here. */
  readonly languages: readonly string[];
  /** A character for each byte value: the UTF-8 bytes of a word are spelled with these. */
  readonly dictionary: readonly string[];
  /** The RegExp source (flags `gu`) of what separates words. */
  readonly separators: string;
  /** Each n-gram's scores: language index, score, language index, score, ... */
  readonly ngrams: Readonly<Record<string, readonly number[]>>;
}

export interface NgramDetection {
  /** The best language, or '' when no n-gram of the text is known. */
  readonly language: string;
  /** The languages' scores, 0..1, best first (eld's `getScores()`). */
  readonly scores: readonly number[];
}

/** eld's constants: its database stores each score minus 53; scores are scaled by n / (n + 25). */
const BASE_SCORE = 53;
const SCALE = 25;
/** eld reads the first 1000 characters, and the words of their first ~350-380 UTF-8 bytes. */
const MAX_CHARS = 1000;
const CUT_AFTER_BYTES = 350;
const FORCE_CUT_AFTER_BYTES = 380;
const MAX_WORD_LENGTH = 70;

export class LanguageModel {
  readonly languages: readonly string[];
  private readonly index = new Map<string, number>();
  /** Scores of n-gram i: pairs [offsets[i], offsets[i + 1]) of languageOf and scoreOf. */
  private readonly offsets: Uint32Array;
  private readonly languageOf: Uint8Array;
  private readonly scoreOf: Uint8Array;
  private readonly dictionary: readonly string[];
  private readonly separators: RegExp;

  constructor(file: LanguageModelFile) {
    if (file.format !== LANGUAGE_MODEL_FORMAT) throw new Error(`The language model's format is ${JSON.stringify(file.format)}, not ${LANGUAGE_MODEL_FORMAT}.`);
    if (file.dictionary.length !== 256) throw new Error(`The language model's byte dictionary has ${file.dictionary.length} entries, not 256.`);
    this.languages = file.languages;
    this.dictionary = file.dictionary;
    this.separators = new RegExp(file.separators, 'gu');
    const entries = Object.entries(file.ngrams);
    this.offsets = new Uint32Array(entries.length + 1);
    const pairs = entries.reduce((n, [, scores]) => n + scores.length / 2, 0);
    this.languageOf = new Uint8Array(pairs);
    this.scoreOf = new Uint8Array(pairs);
    let at = 0;
    for (const [i, [ngram, scores]] of entries.entries()) {
      this.index.set(ngram, i);
      this.offsets[i] = at;
      for (let k = 0; k < scores.length; k += 2) {
        this.languageOf[at] = scores[k]!;
        this.scoreOf[at++] = scores[k + 1]!;
      }
    }
    this.offsets[entries.length] = at;
  }

  detect(text: string): NgramDetection {
    const words = this.utf8Words(text.substring(0, MAX_CHARS).replace(this.separators, ' ').trim().toLowerCase());
    const ngrams = byteNgrams(words);
    const totals = new Float64Array(this.languages.length);
    for (const ngram of ngrams) {
      const i = this.index.get(ngram);
      if (i === undefined) continue;
      for (let at = this.offsets[i]!; at < this.offsets[i + 1]!; at++) totals[this.languageOf[at]!]! += this.scoreOf[at]! + BASE_SCORE;
    }
    let best = -1;
    for (let lang = 0; lang < totals.length; lang++) if (totals[lang]! > 0 && (best === -1 || totals[lang]! > totals[best]!)) best = lang;
    if (best === -1) return { language: '', scores: [] };
    const scores: number[] = [];
    for (const total of totals) {
      if (total <= 0) continue;
      const perNgram = total / ngrams.size;
      scores.push(perNgram / (perNgram + SCALE));
    }
    return { language: this.languages[best]!, scores: scores.sort((a, b) => b - a) };
  }

  /** The words of the text with their UTF-8 bytes spelled by the dictionary, up to eld's byte limits. */
  private utf8Words(text: string): string[] {
    const d = this.dictionary;
    const words: string[] = [];
    let word = '';
    let bytes = 0;
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (code < 0x80) {
        if (code === 32) {
          if (word !== '') words.push(word);
          word = '';
          if (bytes > CUT_AFTER_BYTES) break;
        } else {
          word += text[i];
        }
        bytes++;
      } else if (code < 0x800) {
        word += d[0xc0 | (code >> 6)]! + d[0x80 | (code & 0x3f)]!;
        bytes += 2;
      } else if (code < 0xd800 || code >= 0xe000) {
        word += d[0xe0 | (code >> 12)]! + d[0x80 | ((code >> 6) & 0x3f)]! + d[0x80 | (code & 0x3f)]!;
        bytes += 3;
      } else {
        i++;
        code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(i) & 0x3ff));
        word += d[0xf0 | (code >> 18)]! + d[0x80 | ((code >> 12) & 0x3f)]! + d[0x80 | ((code >> 6) & 0x3f)]! + d[0x80 | (code & 0x3f)]!;
        bytes += 4;
      }
      if (bytes > FORCE_CUT_AFTER_BYTES) break;
    }
    if (word !== '') words.push(word);
    return words;
  }
}

/** The distinct n-grams of the words: 4 bytes every 3, the first with a leading space, the last with a trailing one. */
function byteNgrams(words: readonly string[]): Set<string> {
  const ngrams = new Set<string>();
  for (const word of words) {
    const length = Math.min(word.length, MAX_WORD_LENGTH);
    let j = 0;
    for (; j + 4 < length; j += 3) ngrams.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    ngrams.add((j === 0 ? ' ' : '') + word.substring(length !== 3 ? length - 4 : 0) + ' ');
  }
  return ngrams;
}

export const LANGUAGE_MODEL_PATH = fileURLToPath(new URL('../../models/language-ngrams.json.gz', import.meta.url));

let loaded: LanguageModel | null = null;

/** The model, read from models/ on first use (once per thread). */
export function languageModel(): LanguageModel {
  if (loaded) return loaded;
  let file: LanguageModelFile;
  try {
    file = JSON.parse(gunzipSync(readFileSync(LANGUAGE_MODEL_PATH)).toString('utf8')) as LanguageModelFile;
  } catch (error) {
    throw new Error(`Parley's language model ${LANGUAGE_MODEL_PATH} could not be read (${error instanceof Error ? error.message : String(error)}). Reinstall Parley, or rebuild it with \`npm run build:language\` (see models/README.md).`, { cause: error });
  }
  return (loaded = new LanguageModel(file));
}
