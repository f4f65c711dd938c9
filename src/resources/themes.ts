import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ParleyError } from '../pipeline/errors.js';
import { combineTaxonomies, parseTaxonomy, taxonomySyntax, type Taxonomy, type TaxonomyMode, type TaxonomySyntax } from '../stages/themes/taxonomy.js';

/**
 * Loading theme taxonomies: the built-in one (data/themes/taxonomy.json, built by `npm run build:themes`)
 * and a user's file (`--themes FILE`), which replaces or extends it. Failures are coded ParleyErrors:
 * E_MODEL_MISSING / E_MODEL_CORRUPT for the built-in file, E_INPUT for a user's file (with the line,
 * column and field of each problem).
 */

export const THEMES_FILE = 'themes/taxonomy.json';

/** The data/ directory of the Parley installation (two levels up from both src/resources and dist/resources). */
export function defaultDataDirectory(): string {
  return fileURLToPath(new URL('../../data', import.meta.url));
}

export function loadBuiltinTaxonomy(dataDirectory: string = defaultDataDirectory()): Taxonomy {
  const path = join(dataDirectory, THEMES_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ParleyError(code === 'ENOENT' ? 'E_MODEL_MISSING' : 'E_MODEL_CORRUPT', `The built-in theme taxonomy cannot be read: ${path} (${code ?? String(error)}).`, 'Reinstall Parley, or rebuild it with `npm run build:themes`.');
  }
  try {
    return parseTaxonomy(text, path);
  } catch (error) {
    if (error instanceof ParleyError) throw new ParleyError('E_MODEL_CORRUPT', error.message, 'Rebuild it with `npm run build:themes`.');
    throw error;
  }
}

export interface LoadTaxonomyOptions {
  /** `replace`: only the file's themes; `extend`: the built-in themes plus the file's. Default: the file's own top-level "mode", else extend. */
  readonly mode?: TaxonomyMode;
  /** The taxonomy to extend (default: the built-in one). */
  readonly base?: Taxonomy;
  readonly dataDirectory?: string;
}

/** A user's taxonomy as written: where it came from, its syntax and its text (what an archive remembers). */
export interface UserTaxonomyText {
  readonly source: string;
  readonly syntax: TaxonomySyntax;
  readonly text: string;
}

/** Reads a user's taxonomy file (not yet checked: userTaxonomy does that). */
export function readTaxonomyFile(path: string): UserTaxonomyText {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ParleyError('E_INPUT', `The theme taxonomy ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`, 'Check the path given with --themes.');
  }
  if (text.includes('\u0000')) throw new ParleyError('E_INPUT', `The theme taxonomy ${path} is a binary file, not JSON or YAML.`, 'Give a JSON or YAML file (see data/themes/README.md).');
  return { source: path, syntax: taxonomySyntax(path), text };
}

/** A user's taxonomy file, replacing or extending the built-in taxonomy. */
export function loadTaxonomy(path: string, options: LoadTaxonomyOptions = {}): Taxonomy {
  return userTaxonomy(readTaxonomyFile(path), options);
}

/** A user's taxonomy (read from a file, or remembered by an archive), replacing or extending the built-in one. */
export function userTaxonomy(input: UserTaxonomyText, options: LoadTaxonomyOptions = {}): Taxonomy {
  if (options.mode !== undefined && options.mode !== 'replace' && options.mode !== 'extend') throw new ParleyError('E_OPTION', `Unknown taxonomy mode "${String(options.mode)}".`, 'Use "replace" or "extend".');
  const path = input.source;
  const user = parseTaxonomy(input.text, path, input.syntax);
  const mode = options.mode ?? user.mode ?? 'extend';
  if (mode === 'replace') {
    if (user.themes.length === 0) throw new ParleyError('E_INPUT', `The theme taxonomy ${path} has no themes, and would replace every built-in theme.`, 'Add themes, or use extend mode.');
    return user;
  }
  return combineTaxonomies(options.base ?? loadBuiltinTaxonomy(options.dataDirectory), user, 'extend');
}
