/**
 * Resume keys: the same input gives the same key on every run, whatever the working directory, so a
 * caller can skip what it has committed. Paths are made absolute; a file's key includes its size and
 * modification time (an edited file is new input), an archive record's key its byte offset, a URL's key
 * the URL without its fragment (the part a server never sees).
 */

export function fileKey(absolutePath: string, size: number, mtimeMs: number): string {
  return `file:${absolutePath}#${size}-${Math.trunc(mtimeMs)}`;
}

/**
 * An archive record: the archive's absolute path and the byte offset of the record (of its gzip member,
 * in a .warc.gz). A member holding several records numbers the later ones: `@1234.2`.
 */
export function warcKey(absolutePath: string, offset: number, indexInMember = 0): string {
  return `warc:${absolutePath}@${offset}${indexInMember > 0 ? `.${indexInMember}` : ''}`;
}

/** A line of a URL list that is not a URL has no URL to key on: the list and the line number stand in. */
export function lineKey(absolutePath: string, line: number): string {
  return `line:${absolutePath}:${line}`;
}

export function urlKey(url: string): string {
  return `url:${withoutFragment(url)}`;
}

/** The URL as a server sees it: WHATWG-normalized (scheme and host lower-cased, default port dropped), no fragment. */
export function withoutFragment(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url;
  }
}
