import { gunzip } from 'node:zlib';
import { errorCode, errorMessage, startsWithGzipMagic } from '../bytes.js';

/**
 * Reading one page's bytes with a size cap, from a file or any byte stream, gunzipped when the bytes
 * start with the gzip magic number (whatever the file is called). The cap applies to the bytes read and
 * to the decompressed size, so a gzip bomb stops at `maxBytes` instead of filling memory. Outcomes are
 * structured; each caller words the message for its users.
 */

export type CappedRead =
  | { readonly ok: true; readonly bytes: Buffer }
  /** `detail` describes the file-system error, without a stack. */
  | { readonly ok: false; readonly code: 'READ_ERROR'; readonly detail: string; readonly fsCode: string | undefined }
  /** `decompressed`: the compressed bytes fit, their decompressed size does not. */
  | { readonly ok: false; readonly code: 'TOO_LARGE'; readonly decompressed: boolean }
  | { readonly ok: false; readonly code: 'BAD_GZIP'; readonly detail: string };

export async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number): Promise<CappedRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.byteLength;
      if (size > maxBytes) {
        destroy(stream);
        return { ok: false, code: 'TOO_LARGE', decompressed: false };
      }
      chunks.push(buffer);
    }
  } catch (error) {
    return { ok: false, code: 'READ_ERROR', detail: describeFsError(error), fsCode: errorCode(error) };
  }
  const bytes = Buffer.concat(chunks, size);
  if (!startsWithGzipMagic(bytes)) return { ok: true, bytes };
  try {
    const inflated = await new Promise<Buffer>((resolve, reject) => {
      gunzip(bytes, { maxOutputLength: maxBytes }, (error, result) => (error ? reject(error) : resolve(result)));
    });
    return { ok: true, bytes: inflated };
  } catch (error) {
    if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') return { ok: false, code: 'TOO_LARGE', decompressed: true };
    return { ok: false, code: 'BAD_GZIP', detail: errorMessage(error) };
  }
}

function destroy(stream: NodeJS.ReadableStream): void {
  if ('destroy' in stream && typeof stream.destroy === 'function') (stream.destroy as () => void)();
}

/** What people need to know from a file-system error, without the stack. */
const FS_ERROR_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory (check the path)',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files (lower --jobs)',
  EIO: 'input/output error',
};

export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  return (code && FS_ERROR_TEXT[code]) ?? errorMessage(error);
}
