/**
 * Bytes → text, decided the way browsers decide (WHATWG Encoding Standard; the HTML standard's
 * "determining the character encoding"): a byte order mark, then the HTTP Content-Type charset, then a
 * `<meta>` declaration found by a prescan of the page's start, then an XML declaration, then detection.
 *
 * Where Parley departs from browsers it is to read pages as their authors meant them, because
 * declarations on the web are often wrong:
 * - Declared anything but UTF-8, yet the bytes are valid UTF-8 with non-ASCII characters: decode as
 *   UTF-8. This is the most common lie (a CMS emits UTF-8 under a template or server that still says
 *   ISO-8859-1 or GB2312), and the reverse accident is practically impossible: legacy text is valid
 *   UTF-8 only if every non-ASCII byte happens to fall into a well-formed multi-byte sequence.
 * - Declared UTF-8, yet the bytes are invalid UTF-8: a few stray bytes in a UTF-8 page (a pasted
 *   Latin-1 snippet, a truncated character) keep UTF-8; when invalid sequences outnumber valid ones the
 *   page is legacy-encoded and its encoding is detected.
 * - Declared a legacy encoding that decodes into replacement characters (Shift_JIS declared, EUC-JP
 *   sent): the detector's guess is used when it decodes the page with fewer errors. A wrong
 *   declaration that decodes without errors (windows-1251 declared, KOI8-R sent) is not caught: that
 *   would take detection on every legacy page, for a lie that is rare.
 * The statistical detector (jschardet) sees a bounded sample gathered around the non-ASCII bytes, and
 * is loaded only when a page needs it.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import type * as JschardetModule from 'jschardet';
import { BINARY_SIGNATURES, type BinarySignature } from './binary-signatures.js';
import { DECODERS, DETECTION_CORRECTIONS, DETECTOR_ENCODINGS, MULTI_BYTE_ENCODINGS } from './encoding-labels.js';
import { charsetOfContentType, prescanMeta, xmlDeclaration } from './encoding-prescan.js';

export type CharsetSource = 'bom' | 'http' | 'meta' | 'xml' | 'detected' | 'default';
export type DeclarationSource = 'http' | 'meta' | 'xml';

export interface Decoded {
  readonly text: string;
  /** WHATWG name of the encoding the text was decoded with ('utf-8', 'windows-1252', 'gbk', ...). */
  readonly charset: string;
  readonly source: CharsetSource;
  /** The declaration that was not followed because the bytes contradicted it, else null. */
  readonly overridden: { readonly charset: string; readonly source: DeclarationSource } | null;
}

export interface DecodeOptions {
  /** Bytes searched for a `<meta>` charset. The standard reads 1024; real pages put it after 70 KB of inline scripts. */
  readonly prescanBytes: number;
  /** Bytes of non-ASCII context handed to the statistical detector. */
  readonly detectionSampleBytes: number;
}

export interface SniffOptions {
  /** Bytes of the input's start the binary sniffer examines. */
  readonly sniffBytes: number;
  /** Share of control bytes (that no text encoding produces) above which those bytes are binary. */
  readonly binaryControlShare: number;
}

export const DEFAULT_SNIFF_OPTIONS: SniffOptions = Object.freeze({ sniffBytes: 4096, binaryControlShare: 0.02 });

export const DEFAULT_DECODE_OPTIONS: DecodeOptions = Object.freeze({ prescanBytes: 128 * 1024, detectionSampleBytes: 8 * 1024 });

/** Bytes that are not all valid UTF-8 are still read as UTF-8 while its valid multi-byte sequences are at least this many times its invalid bytes. */
const UTF8_VALID_PER_INVALID = 1;
/** A declared single-byte decoding with more replacement characters than this is checked against detection. */
const DOUBTFUL_REPLACEMENTS = 16;
/** Bytes of context kept on each side of a non-ASCII byte in the detection sample. */
const SAMPLE_CONTEXT = 32;

interface Declaration {
  readonly charset: string;
  readonly source: DeclarationSource;
}

export function decodeHtml(bytes: Uint8Array, contentType?: string | null, options: Partial<DecodeOptions> = {}): Decoded {
  const opts = { ...DEFAULT_DECODE_OPTIONS, ...options };
  const bom = byteOrderMark(bytes);
  if (bom) return decoded(decodeWith(bom.charset, bytes.subarray(bom.length)) ?? '', bom.charset, 'bom');
  const declaration = declaredCharset(bytes, contentType ?? null, opts);
  return declaration ? decodeDeclared(bytes, declaration, opts) : decodeUndeclared(bytes, opts);
}

function decoded(text: string, charset: string, source: CharsetSource, overridden: Declaration | null = null): Decoded {
  return { text, charset, source, overridden };
}

function decodeDeclared(bytes: Uint8Array, declaration: Declaration, opts: DecodeOptions): Decoded {
  const { charset, source } = declaration;
  if (charset === 'utf-8') {
    if (isUtf8(bytes)) return decoded(decodeUtf8(bytes), 'utf-8', source);
    const { valid, invalid } = utf8Evidence(bytes);
    if (valid >= invalid * UTF8_VALID_PER_INVALID) return decoded(decodeUtf8(bytes), 'utf-8', source);
    const guess = detectCharset(bytes, opts);
    const legacy = guess && guess !== 'utf-8' ? guess : 'windows-1252';
    return decoded(decodeWith(legacy, bytes) ?? latin1(bytes), legacy, 'detected', declaration);
  }
  if (charset.startsWith('utf-16')) return decoded(decodeWith(charset, bytes) ?? '', charset, source);
  if (!isAscii(bytes) && isUtf8(bytes)) return decoded(decodeUtf8(bytes), 'utf-8', 'detected', declaration);
  const text = decodeWith(charset, bytes);
  if (text === null) return decodeUndeclared(bytes, opts);
  // A wrong multi-byte declaration shows as replacement characters (invalid lead/trail pairs); a
  // single-byte decoder rarely produces any, so only many of them put its declaration in doubt. The
  // detector's encoding replaces the declared one only if it decodes the page with fewer errors.
  const errors = countReplacements(text);
  if (errors > (MULTI_BYTE_ENCODINGS.has(charset) ? 0 : DOUBTFUL_REPLACEMENTS)) {
    const guess = detectCharset(bytes, opts);
    const alternative = guess && guess !== charset ? decodeWith(guess, bytes) : null;
    if (guess && alternative !== null && countReplacements(alternative) < errors) {
      return decoded(alternative, guess, 'detected', declaration);
    }
  }
  return decoded(text, charset, source);
}

function decodeUndeclared(bytes: Uint8Array, opts: DecodeOptions): Decoded {
  const utf16 = utf16ByLayout(bytes);
  if (utf16) return decoded(decodeWith(utf16, bytes) ?? '', utf16, 'detected');
  // ESC starts the shifts of ISO-2022-JP, which is 7-bit: such a page is ASCII yet not plain ASCII text.
  if (isAscii(bytes) && !bytes.includes(0x1b)) return decoded(latin1(bytes), 'windows-1252', 'default');
  if (!isAscii(bytes) && isUtf8(bytes)) return decoded(decodeUtf8(bytes), 'utf-8', 'detected');
  // Mostly valid UTF-8 with a few stray bytes is UTF-8 (the detector, seeing the stray bytes, would not say so).
  const { valid, invalid } = utf8Evidence(bytes);
  if (valid > 0 && valid >= invalid * UTF8_VALID_PER_INVALID) return decoded(decodeUtf8(bytes), 'utf-8', 'detected');
  const guess = detectCharset(bytes, opts);
  const text = guess ? decodeWith(guess, bytes) : null;
  if (guess && text !== null) return decoded(text, guess, 'detected');
  return decoded(decodeWith('windows-1252', bytes) ?? latin1(bytes), 'windows-1252', 'default');
}

// ---------------------------------------------------------------------------------------------------
// Decoders

const textDecoders = new Map<string, TextDecoder | null>();

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * V8's UTF-8 decoder replaces malformed sequences exactly as the Encoding Standard says (one U+FFFD
 * per maximal subpart), like TextDecoder, and is a third faster on Node 20.
 */
function decodeUtf8(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('utf8');
}

/** Decodes with a WHATWG encoding; null when this Node.js build cannot (ISO-2022-JP without ICU). */
function decodeWith(charset: string, bytes: Uint8Array): string | null {
  if (charset === 'utf-8') return decodeUtf8(bytes);
  const decoder = DECODERS[charset] ?? { via: 'iconv', codec: charset };
  if (decoder.via === 'iconv') {
    return iconv.encodingExists(decoder.codec) ? iconv.decode(asBuffer(bytes), decoder.codec) : null;
  }
  let textDecoder = textDecoders.get(decoder.codec);
  if (textDecoder === undefined) {
    try {
      textDecoder = new TextDecoder(decoder.codec);
    } catch {
      textDecoder = null;
    }
    textDecoders.set(decoder.codec, textDecoder);
  }
  return textDecoder ? textDecoder.decode(bytes) : null;
}

function latin1(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('latin1');
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

function byteOrderMark(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte order mark, recognised by its layout: markup is ASCII, so one byte of every
 * pair is NUL (the second in little-endian, the first in big-endian).
 */
function utf16ByLayout(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(bytes.length, 512) >> 1;
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

/** Counts well-formed multi-byte UTF-8 sequences and the bytes that are not part of one. */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    if (ok) {
      const second = bytes[i + 1]!;
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      ok = second >= low && second <= high;
      for (let k = 2; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    }
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

// ---------------------------------------------------------------------------------------------------
// Declarations

function declaredCharset(bytes: Uint8Array, contentType: string | null, opts: DecodeOptions): Declaration | null {
  const fromHttp = contentType ? charsetOfContentType(contentType) : null;
  if (fromHttp && (!fromHttp.startsWith('utf-16') || utf16ByLayout(bytes))) return { charset: fromHttp, source: 'http' };
  const fromMeta = prescanMeta(bytes, opts.prescanBytes);
  if (fromMeta) return { charset: fromMeta, source: 'meta' };
  const fromXml = xmlDeclaration(bytes);
  if (fromXml) return { charset: fromXml, source: 'xml' };
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Detection

let detector: typeof JschardetModule.chardet | null = null;
const DETECTOR_CANDIDATES = Object.keys(DETECTOR_ENCODINGS);

/** The detector's guess (a WHATWG name) for the page, from a bounded sample, or null. */
function detectCharset(bytes: Uint8Array, opts: DecodeOptions): string | null {
  // Loaded on first use: most pages declare their encoding, and the detector's model costs ~150 ms to load.
  detector ??= (createRequire(import.meta.url)('jschardet') as typeof JschardetModule).chardet;
  const sample = detectionSample(bytes, opts.detectionSampleBytes);
  const name = detector.detect(sample, { includeEncodings: DETECTOR_CANDIDATES, compatNames: false }).encoding;
  const guess = name ? DETECTOR_ENCODINGS[name.toLowerCase()] ?? null : null;
  if (!guess) return null;
  const correction = DETECTION_CORRECTIONS.find((c) => c.detected === guess && !sample.includes(c.unlessByte));
  return correction ? correction.use : guess;
}

/**
 * About `size` bytes made of the stretches around non-ASCII bytes, joined by spaces. Pages open with
 * kilobytes of ASCII scripts and markup that say nothing about the encoding; the evidence is in the
 * text. A stretch starts and ends among ASCII bytes, so no character is cut, except at the end of the
 * last one when the budget runs out (a cut character costs the detector nothing).
 */
function detectionSample(bytes: Uint8Array, size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let start = -1;
  let end = -1;
  const closeStretch = (): void => {
    const stop = Math.min(end, start + size - total);
    parts.push(bytes.subarray(start, stop));
    total += stop - start + 1;
  };
  for (let i = 0; i < bytes.length && total + Math.max(0, end - start) < size; i++) {
    if (bytes[i]! < 0x80) continue;
    if (start >= 0 && i - SAMPLE_CONTEXT <= end) {
      end = Math.min(bytes.length, i + SAMPLE_CONTEXT);
      continue;
    }
    if (start >= 0) closeStretch();
    start = Math.max(0, i - SAMPLE_CONTEXT);
    end = Math.min(bytes.length, i + SAMPLE_CONTEXT);
  }
  if (start >= 0 && total < size) closeStretch();
  if (parts.length === 0) return bytes.subarray(0, size);
  const sample = new Uint8Array(parts.reduce((n, part) => n + part.length + 1, 0));
  let offset = 0;
  for (const part of parts) {
    sample.set(part, offset);
    sample[offset + part.length] = 0x20;
    offset += part.length + 1;
  }
  return sample;
}

// ---------------------------------------------------------------------------------------------------
// Binary sniffing

/** Control bytes that text in any supported encoding does not contain (TAB, LF, FF, CR, ESC, SO, SI may appear). */
function isBinaryControl(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x10 && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

function matchesSignature(bytes: Uint8Array, signature: BinarySignature): boolean {
  return signature.patterns.every(({ offset, bytes: pattern }) =>
    pattern.every((expected, i) => expected === null ? offset + i < bytes.length : bytes[offset + i] === expected));
}

/**
 * Names the format of an input that is not text ("a PDF document", "a PNG image", "binary data"), or
 * null for text. Known formats are named by their magic numbers; anything else is binary when control
 * bytes that no text encoding produces make up more than a small share of its start. UTF-16 text (with
 * or without a byte order mark) is text, and legacy encodings only use bytes ≥ 0x80, never counted.
 */
export function sniffBinary(bytes: Uint8Array, options: Partial<SniffOptions> = {}): string | null {
  const { sniffBytes, binaryControlShare } = { ...DEFAULT_SNIFF_OPTIONS, ...options };
  for (const signature of BINARY_SIGNATURES) if (matchesSignature(bytes, signature)) return signature.name;
  if (byteOrderMark(bytes) || utf16ByLayout(bytes)) return null;
  const sample = bytes.subarray(0, sniffBytes);
  let controls = 0;
  for (const byte of sample) if (isBinaryControl(byte)) controls++;
  return controls > 0 && controls >= sample.length * binaryControlShare ? 'binary data' : null;
}
