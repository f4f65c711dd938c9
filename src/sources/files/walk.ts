import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { describeFsError } from './read.js';

/**
 * A lazy, stable walk of a directory tree: inside a directory, its matching files sorted by name (UTF-16
 * code units, the same on every machine), then its subdirectories in name order, depth first. Only one
 * listing per level is held at a time, so memory follows the tree's depth and its largest directory, not
 * the number of files.
 *
 * Hidden entries (".git", ".cache") and symbolic links to directories (which can form cycles) are skipped;
 * links to files are followed, and a dangling link is listed so that reading it reports the broken target.
 */

/** Page files searched for in directories: these extensions, optionally gzip-compressed (`.html.gz`). */
export const PAGE_FILE = /\.(?:html?|xhtml)(?:\.gz)?$/i;

export type WalkEntry =
  /** `source` is the directory argument as given joined with `rel`; `path` is openable; `rel` is relative to the root. */
  | { readonly kind: 'file'; readonly source: string; readonly path: string; readonly rel: string }
  | { readonly kind: 'error'; readonly source: string; readonly message: string };

export interface WalkOptions {
  /** File names to list. */
  readonly match: RegExp;
  /** An absolute directory never entered (an output directory, so that new outputs are not read back). */
  readonly exclude?: string | null;
}

export async function* walkDirectory(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const exclude = options.exclude ?? null;
  const stack: { rel: string; directories: readonly string[]; next: number }[] = [];
  let rel = '';
  for (;;) {
    const dir = rel ? join(root, rel) : root;
    let listing: Listing | null = null;
    try {
      listing = await listDirectory(dir, options.match, exclude);
    } catch (error) {
      yield { kind: 'error', source: dir, message: `Cannot list the directory: ${describeFsError(error)}.` };
    }
    if (listing) {
      for (const name of listing.files) {
        const fileRel = rel ? `${rel}${sep}${name}` : name;
        yield { kind: 'file', source: joinSource(root, fileRel), path: join(root, fileRel), rel: fileRel };
      }
      stack.push({ rel, directories: listing.directories, next: 0 });
    }
    let top = stack.at(-1);
    while (top && top.next >= top.directories.length) {
      stack.pop();
      top = stack.at(-1);
    }
    if (!top) return;
    const name = top.directories[top.next++]!;
    rel = top.rel ? `${top.rel}${sep}${name}` : name;
  }
}

interface Listing {
  readonly files: readonly string[];
  readonly directories: readonly string[];
}

async function listDirectory(dir: string, match: RegExp, exclude: string | null): Promise<Listing> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  const directories: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      if (exclude === null || resolve(dir, entry.name) !== exclude) directories.push(entry.name);
    } else if (match.test(entry.name) && (await isFileEntry(dir, entry))) {
      files.push(entry.name);
    }
  }
  return { files: files.sort(), directories: directories.sort() };
}

async function isFileEntry(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isFile();
  } catch {
    // A dangling link is still listed, so that reading it reports the broken target.
    return true;
  }
}

/** The directory argument as given (not normalized: `./pages/` stays `./pages/`) joined with the path inside it. */
function joinSource(root: string, rel: string): string {
  return root.endsWith(sep) || root.endsWith('/') ? `${root}${rel}` : `${root}${sep}${rel}`;
}
