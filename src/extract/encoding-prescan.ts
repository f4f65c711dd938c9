/**
 * Where a page declares its encoding: the charset parameter of an HTTP Content-Type, a `<meta>` found by
 * the HTML standard's prescan of the first bytes, an XML declaration. Each returns a WHATWG encoding
 * name, or null when there is no usable declaration.
 */
import { inDocumentEncoding, usableEncoding } from './encoding-labels.js';

export function charsetOfContentType(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(contentType);
  const label = match?.[1] ?? match?.[2];
  return label ? usableEncoding(label) : null;
}

export function xmlDeclaration(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1');
  const label = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/.exec(head)?.[2];
  return label ? inDocumentEncoding(label) : null;
}

const LT = 0x3c;
const GT = 0x3e;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d || byte === 0x0c;
}

function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

function startsWithAt(bytes: Uint8Array, pos: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (lower(bytes[pos + i] ?? -1) !== text.charCodeAt(i)) return false;
  return true;
}

function isLetter(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a));
}

/**
 * The HTML standard's "prescan a byte stream to determine its encoding", over `limit` bytes instead of
 * 1024, and stopping at `<body>`: a declaration inside the body belongs to pasted content (a sign-up
 * widget), not to the page.
 */
export function prescanMeta(bytes: Uint8Array, limit: number): string | null {
  const end = Math.min(bytes.length, limit);
  let pos = 0;
  while (pos < end) {
    pos = bytes.indexOf(LT, pos);
    if (pos < 0 || pos >= end) return null;
    if (startsWithAt(bytes, pos, '<!--')) {
      const close = indexOfText(bytes, '-->', pos + 2, end);
      if (close < 0) return null;
      pos = close + 3;
    } else if (startsWithAt(bytes, pos, '<meta') && (isSpace(bytes[pos + 5]!) || bytes[pos + 5] === 0x2f)) {
      const meta = readMeta(bytes, pos + 6, end);
      if (meta.charset) return meta.charset;
      pos = meta.next;
    } else if (isLetter(bytes[pos + 1]) || (bytes[pos + 1] === 0x2f && isLetter(bytes[pos + 2]))) {
      if (startsWithAt(bytes, pos, '<body') && (isSpace(bytes[pos + 5]!) || bytes[pos + 5] === GT || bytes[pos + 5] === 0x2f)) return null;
      pos++;
      while (pos < end && !isSpace(bytes[pos]!) && bytes[pos] !== GT) pos++;
      for (let attr = readAttribute(bytes, pos, end); attr; attr = readAttribute(bytes, pos, end)) pos = attr.next;
    } else if (bytes[pos + 1] === 0x21 || bytes[pos + 1] === 0x2f || bytes[pos + 1] === 0x3f) {
      const close = bytes.indexOf(GT, pos);
      if (close < 0 || close >= end) return null;
      pos = close + 1;
    } else {
      pos++;
    }
  }
  return null;
}

function indexOfText(bytes: Uint8Array, text: string, from: number, end: number): number {
  const first = text.charCodeAt(0);
  for (let i = bytes.indexOf(first, from); i >= 0 && i < end; i = bytes.indexOf(first, i + 1)) {
    if (startsWithAt(bytes, i, text)) return i;
  }
  return -1;
}

/** The attribute processing of the prescan for one `<meta>`: charset, or http-equiv + content. */
function readMeta(bytes: Uint8Array, start: number, end: number): { charset: string | null; next: number } {
  const seen = new Set<string>();
  let gotPragma = false;
  let needPragma: boolean | null = null;
  let charset: string | null = null;
  let pos = start;
  for (let attr = readAttribute(bytes, pos, end); attr; attr = readAttribute(bytes, pos, end)) {
    pos = attr.next;
    const name = lowerText(bytes, attr.nameStart, attr.nameEnd);
    if (seen.has(name)) continue;
    seen.add(name);
    const value = lowerText(bytes, attr.valueStart, attr.valueEnd);
    if (name === 'http-equiv' && value === 'content-type') gotPragma = true;
    else if (name === 'content' && charset === null) {
      const label = charsetInContent(value);
      if (label !== null) {
        charset = inDocumentEncoding(label);
        needPragma = true;
      }
    } else if (name === 'charset') {
      charset = inDocumentEncoding(value);
      needPragma = false;
    }
  }
  const declares = needPragma !== null && (!needPragma || gotPragma);
  return { charset: declares ? charset : null, next: pos };
}

/** The HTML standard's "extracting a character encoding from a meta element" (content="text/html; charset=..."). */
function charsetInContent(content: string): string | null {
  for (let i = content.indexOf('charset'); i >= 0; i = content.indexOf('charset', i + 7)) {
    let k = i + 7;
    while (k < content.length && ' \t\n\f\r'.includes(content[k]!)) k++;
    if (content[k] !== '=') continue;
    k++;
    while (k < content.length && ' \t\n\f\r'.includes(content[k]!)) k++;
    const quote = content[k];
    if (quote === '"' || quote === "'") {
      const close = content.indexOf(quote, k + 1);
      return close < 0 ? null : content.slice(k + 1, close);
    }
    const value = /^[^\s;]*/.exec(content.slice(k))![0];
    return value === '' ? null : value;
  }
  return null;
}

interface Attribute {
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Where reading goes on after the attribute. */
  readonly next: number;
}

/** The bytes of an attribute name or value as lower-cased text. */
function lowerText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(lower(bytes[i]!));
  return text;
}

/**
 * The prescan's "get an attribute", as byte ranges (most tags only need to be skipped), or null at `>`
 * or the end.
 */
function readAttribute(bytes: Uint8Array, start: number, end: number): Attribute | null {
  let pos = start;
  while (pos < end && (isSpace(bytes[pos]!) || bytes[pos] === 0x2f)) pos++;
  if (pos >= end || bytes[pos] === GT) return null;
  const nameStart = pos;
  let nameEnd = pos;
  const bare = (): Attribute => ({ nameStart, nameEnd, valueStart: pos, valueEnd: pos, next: pos });
  for (;;) {
    if (pos >= end) {
      nameEnd = pos;
      return bare();
    }
    const byte = bytes[pos]!;
    if (byte === 0x3d && pos > nameStart) {
      nameEnd = pos++;
      break;
    }
    if (isSpace(byte)) {
      nameEnd = pos;
      while (pos < end && isSpace(bytes[pos]!)) pos++;
      if (bytes[pos] !== 0x3d) return bare();
      pos++;
      break;
    }
    if (byte === 0x2f || byte === GT) {
      nameEnd = pos;
      return bare();
    }
    pos++;
  }
  while (pos < end && isSpace(bytes[pos]!)) pos++;
  const quote = bytes[pos];
  if (quote === 0x22 || quote === 0x27) {
    const valueStart = pos + 1;
    for (pos++; pos < end && bytes[pos] !== quote; pos++);
    return { nameStart, nameEnd, valueStart, valueEnd: pos, next: pos + 1 };
  }
  const valueStart = pos;
  while (pos < end && !isSpace(bytes[pos]!) && bytes[pos] !== GT) pos++;
  return { nameStart, nameEnd, valueStart, valueEnd: pos, next: pos };
}
