import { createReadStream } from 'node:fs';
import { readCapped, type CappedRead } from '../../sources/files/read.js';
import { formatByteSize } from '../values.js';

export { describeFsError } from '../../sources/files/read.js';

/**
 * Reading one page's bytes with a size cap: files, stdin, and gzip (decompressed when the bytes start
 * with the gzip magic number, whatever the file is called). The cap applies to the bytes read and to
 * the decompressed size, so a gzip bomb stops at `maxBytes` instead of filling memory. The reading itself
 * is shared with the ingest sources (sources/files/read.ts); this file words the outcomes for the CLI.
 */

export type ReadOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: 'READ_ERROR' | 'TOO_LARGE'; readonly message: string };

export async function readPageFile(path: string, maxBytes: number): Promise<ReadOutcome> {
  return outcome(await readCapped(createReadStream(path), maxBytes), maxBytes, 'the file');
}

export async function readPageStdin(stdin: NodeJS.ReadableStream, maxBytes: number): Promise<ReadOutcome> {
  return outcome(await readCapped(stdin, maxBytes), maxBytes, 'standard input');
}

function outcome(read: CappedRead, maxBytes: number, name: string): ReadOutcome {
  if (read.ok) return read;
  switch (read.code) {
    case 'READ_ERROR':
      return { ok: false, code: 'READ_ERROR', message: `Cannot read ${name}: ${read.detail}.` };
    case 'BAD_GZIP':
      return { ok: false, code: 'READ_ERROR', message: `${capitalize(name)} starts like gzip but cannot be decompressed: ${read.detail}.` };
    case 'TOO_LARGE': {
      const what = read.decompressed ? 'decompresses to more than' : 'is larger than';
      return { ok: false, code: 'TOO_LARGE', message: `${capitalize(name)} ${what} the limit of ${formatByteSize(maxBytes)} (raise --max-bytes, e.g. --max-bytes 50MB, to accept it).` };
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
