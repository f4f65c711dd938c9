/**
 * Builds models/language-ngrams.json.gz, the database of Parley's language detector
 * (src/extract/language-model.ts), from the `extrasmall` database of eld (efficient-language-detector-js
 * by Nito T.M., Apache-2.0, the devDependency `eld`): `npm run build:language`.
 *
 * The file holds eld's data as it is — its 60 languages, its n-grams with their per-language scores, the
 * byte dictionary and the letter class its tokenizer splits on — in a layout Parley loads into a Map and
 * two typed arrays (about 3 MB) instead of eld's one object per n-gram (28 MB of heap in every thread).
 * Deterministic: the same eld version gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LANGUAGE_MODEL_FORMAT, type LanguageModelFile } from '../../src/extract/language-model.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(REPO, 'models', 'language-ngrams.json.gz');

interface EldNgrams {
  readonly type: string;
  readonly languages: Readonly<Record<string, string>>;
  readonly ngrams: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

// eld exports only its detectors, so its data modules are read from beside the extrasmall entry point.
const entry = import.meta.resolve('eld/extrasmall');
const { ngramsData } = (await import(new URL('../ngrams/extrasmall.js', entry).href)) as { ngramsData: EldNgrams };
const { dictionary } = (await import(new URL('../dictionary.js', entry).href)) as { dictionary: readonly string[] };
const { separators } = (await import(new URL('../regexPatterns.js', entry).href)) as { separators: RegExp };
const version = (createRequire(fileURLToPath(entry))('../../package.json') as { version: string }).version;

const languages = Object.keys(ngramsData.languages)
  .map(Number)
  .sort((a, b) => a - b)
  .map((index, order) => {
    if (index !== order) throw new Error(`eld's language indexes are not 0..n-1 (found ${index} at ${order}).`);
    return ngramsData.languages[index]!;
  });
const ngrams: [string, number[]][] = Object.entries(ngramsData.ngrams).map(([ngram, scores]) => [
  ngram,
  Object.entries(scores).flatMap(([language, score]) => {
    if (!Number.isInteger(score) || score < 0 || score > 255) throw new Error(`eld n-gram ${JSON.stringify(ngram)} has a score ${score} outside 0..255.`);
    return [Number(language), score];
  }),
]);

const file: LanguageModelFile = {
  format: LANGUAGE_MODEL_FORMAT,
  source: `eld ${version} (efficient-language-detector-js by Nito T.M., https://github.com/nitotm/efficient-language-detector-js), database ${ngramsData.type} ("extrasmall"); Apache-2.0`,
  builtBy: 'npm run build:language (scripts/language/build-ngrams.ts)',
  languages,
  dictionary: [...dictionary],
  separators: separators.source,
  ngrams: Object.fromEntries(ngrams),
};
writeFileSync(OUT, gzipSync(JSON.stringify(file), { level: 9 }));
console.log(`${OUT}: ${languages.length} languages, ${ngrams.length} n-grams, ${ngrams.reduce((n, [, s]) => n + s.length / 2, 0)} scores`);
