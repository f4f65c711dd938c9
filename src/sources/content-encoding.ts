import { brotliDecompress, constants, gunzip, inflate, inflateRaw, type InputType, type ZlibOptions } from 'node:zlib';
import { errorCode, errorMessage, formatBytes } from './bytes.js';
import { raiseLimit } from './limit-flags.js';

/**
 * Undoing an HTTP Content-Encoding (gzip, deflate, br, and stacks of them such as `gzip, br`) with the
 * decompressed size capped, for fetched bodies and for archived responses alike. Runs on libuv's thread
 * pool, off the main thread. By default a body cut short (archives truncate long records) keeps what
 * was decoded before the cut (the flush modes below), since the start of an archived page is still
 * what was archived. A fetched body must be whole (`whole: true`): a compressed stream that ends
 * before its end is TRUNCATED, like a body that stops before its Content-Length.
 */

export type DecodeOutcome =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly code: 'TOO_LARGE' | 'BAD_CONTENT_ENCODING' | 'TRUNCATED'; readonly message: string };

export interface DecodeOptions {
  /** The stream must reach its end: one cut short is TRUNCATED instead of decoded as far as it goes. */
  readonly whole?: boolean;
}

type Decoder = (bytes: Uint8Array, maxBytes: number, whole: boolean) => Promise<Uint8Array>;

/** The zlib flush mode at the end of the input: FINISH insists on the stream's end, SYNC decodes what there is. */
const zlibFlush = (whole: boolean): number => (whole ? constants.Z_FINISH : constants.Z_SYNC_FLUSH);

const DECODERS: Readonly<Record<string, Decoder>> = {
  identity: async (bytes) => bytes,
  gzip: (bytes, maxBytes, whole) => run(gunzip, bytes, { maxOutputLength: maxBytes, finishFlush: zlibFlush(whole) }),
  'x-gzip': (bytes, maxBytes, whole) => run(gunzip, bytes, { maxOutputLength: maxBytes, finishFlush: zlibFlush(whole) }),
  // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: the header says which.
  deflate: (bytes, maxBytes, whole) => run(hasZlibHeader(bytes) ? inflate : inflateRaw, bytes, { maxOutputLength: maxBytes, finishFlush: zlibFlush(whole) }),
  br: (bytes, maxBytes, whole) => run(brotliDecompress, bytes, { maxOutputLength: maxBytes, finishFlush: whole ? constants.BROTLI_OPERATION_FINISH : constants.BROTLI_OPERATION_FLUSH }),
};

/** The encodings Parley asks for (`Accept-Encoding`). */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * Decodes `bytes` sent with `Content-Encoding: encoding` (null or empty: nothing to undo). Encodings are
 * undone in reverse order of application, and `maxBytes` caps every step's output.
 */
export async function decodeContent(bytes: Uint8Array, encoding: string | null | undefined, maxBytes: number, options: DecodeOptions = {}): Promise<DecodeOutcome> {
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
      current = await decoder(current, maxBytes, options.whole ?? false);
    } catch (error) {
      if (errorCode(error) === 'ERR_BUFFER_TOO_LARGE') {
        return { ok: false, code: 'TOO_LARGE', message: `The ${coding}-encoded content decompresses to more than the limit of ${formatBytes(maxBytes)} (${raiseLimit('maxDecodedBytes')} to accept it).` };
      }
      if (options.whole && isCutShort(error)) {
        return { ok: false, code: 'TRUNCATED', message: `The ${coding}-compressed content ends before its compressed stream does (${formatBytes(bytes.byteLength)} arrived): the body was cut short.` };
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

/** "unexpected end of file" (Z_BUF_ERROR, from zlib and brotli alike): the input stopped mid-stream. */
function isCutShort(error: unknown): boolean {
  return errorCode(error) === 'Z_BUF_ERROR' || /unexpected end/i.test(errorMessage(error));
}
