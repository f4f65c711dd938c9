import { brotliDecompress, constants, gunzip, inflate, inflateRaw, type InputType, type ZlibOptions } from 'node:zlib';
import { errorCode, errorMessage, formatBytes } from './bytes.js';

/**
 * Undoing an HTTP Content-Encoding (gzip, deflate, br, and stacks of them such as `gzip, br`) with the
 * decompressed size capped, for fetched bodies and for archived responses alike. Runs on libuv's thread
 * pool, off the main thread. A body cut short (archives truncate long records; connections drop) keeps
 * what was decoded before the cut (the flush modes below), since the start of a page is still the page.
 */

export type DecodeOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: 'TOO_LARGE' | 'BAD_CONTENT_ENCODING'; readonly message: string };

type Decoder = (bytes: Uint8Array, maxBytes: number) => Promise<Uint8Array>;

const DECODERS: Readonly<Record<string, Decoder>> = {
  identity: async (bytes) => bytes,
  gzip: (bytes, maxBytes) => run(gunzip, bytes, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH }),
  'x-gzip': (bytes, maxBytes) => run(gunzip, bytes, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH }),
  // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: the header says which.
  deflate: (bytes, maxBytes) => run(hasZlibHeader(bytes) ? inflate : inflateRaw, bytes, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH }),
  br: (bytes, maxBytes) => run(brotliDecompress, bytes, { maxOutputLength: maxBytes, finishFlush: constants.BROTLI_OPERATION_FLUSH }),
};

/** The encodings Parley asks for (`Accept-Encoding`). */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Decodes `bytes` sent with `Content-Encoding: encoding` (null or empty: nothing to undo). Encodings are
 * undone in reverse order of application, and `maxBytes` caps every step's output.
 */
export async function decodeContent(bytes: Uint8Array, encoding: string | null | undefined, maxBytes: number): Promise<DecodeOutcome> {
  const codings = (encoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '');
  let current = bytes;
  for (const coding of codings.reverse()) {
    const decoder = DECODERS[coding];
    if (!decoder) {
      return { ok: false, code: 'BAD_CONTENT_ENCODING', message: `The content is encoded with "${coding}", which Parley cannot decode (it understands ${Object.keys(DECODERS).join(', ')}).` };
    }
    try {
      current = await decoder(current, maxBytes);
    } catch (error) {
      if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') {
        return { ok: false, code: 'TOO_LARGE', message: `The ${coding}-encoded content decompresses to more than the limit of ${formatBytes(maxBytes)} (raise maxDecodedBytes to accept it).` };
      }
      return { ok: false, code: 'BAD_CONTENT_ENCODING', message: `The content says it is ${coding}-encoded but cannot be decoded: ${errorMessage(error)}.` };
    }
  }
  return { ok: true, bytes: current };
}

type ZlibCall = (buffer: InputType, options: ZlibOptions, callback: (error: Error | null, result: Buffer) => void) => void;

function run(call: ZlibCall, bytes: Uint8Array, options: ZlibOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    call(bytes, options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** RFC 1950: compression method 8 in the low nibble, and the two header bytes a multiple of 31. */
function hasZlibHeader(bytes: Uint8Array): boolean {
  const cmf = bytes[0];
  const flg = bytes[1];
  return cmf !== undefined && flg !== undefined && (cmf & 0x0f) === 8 && ((cmf << 8) | flg) % 31 === 0;
}
