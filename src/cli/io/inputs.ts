import { stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { PAGE_FILE, walkDirectory } from '../../sources/files/walk.js';
import { describeFsError } from './read.js';
import type { RemoteItem, RemoteReader } from './remote.js';

/**
 * The pages named on a command line, enumerated lazily in a stable order: arguments in the order given;
 * inside a directory, its pages sorted by name (UTF-16 code units, the same on every machine), then its
 * subdirectories in name order, depth first. Only one directory listing per level is held at a time,
 * so memory follows the tree's depth and the largest directory, not the number of files.
 *
 * Directories yield only page files (PAGE_FILE); a file named explicitly is read whatever its name.
 * Hidden entries (".git", ".cache") and symbolic links to directories (which can form cycles) are skipped.
 */

export { PAGE_FILE };

export const STDIN_ARGUMENT = '-';

export type InputItem =
  | { readonly kind: 'stdin'; readonly source: string; readonly outputStem: string }
  | { readonly kind: 'file'; readonly source: string; readonly path: string; readonly outputStem: string }
  | Extract<RemoteItem, { kind: 'fetched' }>
  | { readonly kind: 'error'; readonly source: string; readonly code: string; readonly message: string };

export interface EnumerateOptions {
  /**
   * Where each page's output goes, relative to --output: a lone directory argument is mirrored at the
   * top; with several arguments, each directory's tree goes under its own name and files sit at the top.
   */
  readonly nestDirectories: boolean;
  /** An absolute directory never entered (the --output directory, so new outputs are not read back). */
  readonly exclude?: string | null;
  /** Reads URLs, URL lists and feeds (see remote.ts); without it, every argument is a path. */
  readonly remote?: RemoteReader | null;
  /** One page is asked for: a lone URL is fetched as a page (not expanded as a feed). */
  readonly single?: boolean;
}

export async function* enumerateInputs(args: readonly string[], options: EnumerateOptions): AsyncGenerator<InputItem> {
  for (const arg of args) {
    if (arg === STDIN_ARGUMENT) {
      yield { kind: 'stdin', source: arg, outputStem: 'stdin' };
      continue;
    }
    if (options.remote?.handles(arg)) {
      yield* options.remote.read(arg, options.single ?? false);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(arg)).isDirectory();
    } catch (error) {
      yield { kind: 'error', source: arg, code: 'READ_ERROR', message: `Cannot open the path: ${describeFsError(error)}.` };
      continue;
    }
    if (!isDirectory) {
      yield { kind: 'file', source: arg, path: arg, outputStem: pageStem(basename(arg)) };
      continue;
    }
    yield* pagesInDirectory(arg, options.nestDirectories ? basename(resolve(arg)) : '', options.exclude ?? null);
  }
}

/** The name an output takes from its input: the page extension (or any last extension) removed. */
export function pageStem(fileName: string): string {
  const stem = PAGE_FILE.test(fileName) ? fileName.replace(PAGE_FILE, '') : fileName.replace(/(?<=.)\.[^.]*$/, '');
  return stem || fileName;
}

/** The walk (shared with the ingest sources, sources/files/walk.ts), with each page's output stem. */
async function* pagesInDirectory(root: string, outputPrefix: string, exclude: string | null): AsyncGenerator<InputItem> {
  for await (const entry of walkDirectory(root, { match: PAGE_FILE, exclude })) {
    if (entry.kind === 'error') {
      yield { kind: 'error', source: entry.source, code: 'READ_ERROR', message: entry.message };
      continue;
    }
    const slash = entry.rel.lastIndexOf(sep);
    const stemRel = slash === -1 ? pageStem(entry.rel) : `${entry.rel.slice(0, slash + 1)}${pageStem(entry.rel.slice(slash + 1))}`;
    yield { kind: 'file', source: entry.source, path: entry.path, outputStem: outputPrefix ? `${outputPrefix}${sep}${stemRel}` : stemRel };
  }
}
