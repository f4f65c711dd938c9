import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The CAMEO country codes and their names, read from data/actors/countries.tsv (see data/actors/README.md),
 * once per process: the store uses them to count articles by country (the first three letters of an
 * actor code such as USAGOV) and the API to label those counts.
 */

let cached: ReadonlyMap<string, string> | null = null;

export function countryNames(path = fileURLToPath(new URL('../../data/actors/countries.tsv', import.meta.url))): ReadonlyMap<string, string> {
  if (cached) return cached;
  const names = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [code, name] = line.split('\t');
    if (code && /^[A-Z]{3}$/.test(code) && name) names.set(code, name);
  }
  cached = names;
  return names;
}
