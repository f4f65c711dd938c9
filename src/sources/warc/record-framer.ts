import { formatBytes } from '../bytes.js';
import { ByteQueue } from './byte-queue.js';

/**
 * Finds WARC records in a stream of (already decompressed) bytes and checks that each is what it says:
 * a `WARC/x.y` version line, headers, a blank line, exactly Content-Length bytes of block, then the
 * record's closing CRLF CRLF. A record whose Content-Length lies (the bytes after its block are not the end
 * of a record) or that is malformed is reported with its offset, and reading resumes at the next line that
 * starts `WARC/`. A record larger than `maxRecordBytes` is passed over without being held in memory.
 *
 * Push-based and synchronous: `push` bytes, then drain `events()`; call `events(true)` when the stream
 * (or the gzip member) has ended. Only the record being read is held.
 */

export interface WarcHeaderFields {
  /** Lower-cased header names; the first value of each. */
  readonly fields: ReadonlyMap<string, string>;
  readonly contentLength: number;
}

export type FramerEvent =
  /** `bytes` holds the header block and the record's block (the closing CRLF CRLF removed). */
  | { readonly type: 'record'; readonly offset: number; readonly bytes: Uint8Array; readonly header: WarcHeaderFields }
  /** A record over the size limit: its block is skipped, not read. */
  | { readonly type: 'oversized'; readonly offset: number; readonly header: WarcHeaderFields }
  | { readonly type: 'bad'; readonly offset: number; readonly code: 'BAD_WARC_RECORD' | 'LENGTH_MISMATCH'; readonly message: string };

/** How messages name things: a record by its offset in this stream, and the stream itself. */
export interface FramerLabels {
  /** "the record at offset 1234" */
  readonly record: (offset: number) => string;
  /** "the archive", "its gzip member" */
  readonly stream: string;
}

export interface FramerLimits {
  readonly maxRecordBytes: number;
  readonly maxHeaderBytes: number;
}

type State =
  | { readonly mode: 'header' }
  | { readonly mode: 'block'; readonly offset: number; readonly headerLength: number; readonly header: WarcHeaderFields }
  | { readonly mode: 'skip'; readonly offset: number; remaining: number; readonly header: WarcHeaderFields }
  | { readonly mode: 'trailer'; readonly offset: number; readonly header: WarcHeaderFields }
  | { readonly mode: 'resync' };

const CR = 0x0d;
const LF = 0x0a;
const VERSION_LINE = /^WARC\/\d+\.\d+$/;
const NEXT_RECORD = Buffer.from('\nWARC/');
const WARC_PREFIX = Buffer.from('WARC/');
/** The closing CRLF CRLF, and a little tolerance for writers that emit fewer or LF-only line ends. */
const MAX_TRAILER = 4;
const decoder = new TextDecoder('utf-8');

export class RecordFramer {
  private readonly queue = new ByteQueue();
  private state: State = { mode: 'header' };

  constructor(
    private readonly limits: FramerLimits,
    private readonly labels: FramerLabels,
  ) {}

  /** Bytes passed over without being queued (an oversized block); they still count for offsets. */
  private discarded = 0;

  push(bytes: Uint8Array): void {
    if (this.state.mode === 'skip' && this.queue.length === 0) {
      const used = Math.min(this.state.remaining, bytes.byteLength);
      this.state.remaining -= used;
      this.discarded += used;
      bytes = bytes.subarray(used);
    }
    this.queue.push(bytes);
  }

  private get position(): number {
    return this.discarded + this.queue.offset;
  }

  /** The events that the bytes pushed so far complete; with `final`, the stream has ended and what is left is judged. */
  *events(final = false): Generator<FramerEvent> {
    for (;;) {
      const event = this.step(final);
      if (event === 'wait') return;
      if (event !== 'continue') yield event;
    }
  }

  private step(final: boolean): FramerEvent | 'wait' | 'continue' {
    switch (this.state.mode) {
      case 'header':
        return this.readHeader(final);
      case 'block':
        return this.readBlock(this.state, final);
      case 'skip':
        return this.skipBlock(this.state, final);
      case 'trailer':
        return this.readTrailer(this.state.offset, this.state.header, final, null);
      case 'resync':
        return this.resync(final);
    }
  }

  private readHeader(final: boolean): FramerEvent | 'wait' | 'continue' {
    while (this.queue.length > 0 && isLineEnd(this.queue.at(0)!)) this.queue.skip(1);
    if (this.queue.length === 0) return 'wait';
    const offset = this.position;
    const view = this.queue.peek(this.limits.maxHeaderBytes);
    const end = headerEnd(view);
    if (end === null) {
      if (view.byteLength >= this.limits.maxHeaderBytes) {
        return this.bad(offset, 'BAD_WARC_RECORD', `${this.name(offset)} has no end of headers within ${formatBytes(this.limits.maxHeaderBytes)}.`);
      }
      if (!final) return 'wait';
      const message = startsWith(view, WARC_PREFIX)
        ? `${this.name(offset)} is cut off inside its headers: ${this.labels.stream} ends there.`
        : `The bytes at offset ${offset} are not a WARC record (no WARC/ version line).`;
      this.queue.clear();
      return { type: 'bad', offset, code: startsWith(view, WARC_PREFIX) ? 'LENGTH_MISMATCH' : 'BAD_WARC_RECORD', message };
    }
    const parsed = parseHeader(decoder.decode(view.subarray(0, end.textLength)));
    if (typeof parsed === 'string') return this.bad(offset, 'BAD_WARC_RECORD', `${this.name(offset)} ${parsed}`);
    if (parsed.contentLength + end.length > this.limits.maxRecordBytes) {
      this.queue.skip(end.length);
      this.state = { mode: 'skip', offset, remaining: parsed.contentLength, header: parsed };
      return { type: 'oversized', offset, header: parsed };
    }
    this.state = { mode: 'block', offset, headerLength: end.length, header: parsed };
    return 'continue';
  }

  private readBlock(state: Extract<State, { mode: 'block' }>, final: boolean): FramerEvent | 'wait' | 'continue' {
    const recordLength = state.headerLength + state.header.contentLength;
    if (this.queue.length < recordLength) {
      if (!final) return 'wait';
      const held = this.queue.length - state.headerLength;
      this.queue.clear();
      this.state = { mode: 'header' };
      return {
        type: 'bad',
        offset: state.offset,
        code: 'LENGTH_MISMATCH',
        message: `${this.name(state.offset)} declares Content-Length ${state.header.contentLength}, but ${this.labels.stream} ends ${held} bytes into its block (the Content-Length is wrong or the data is truncated).`,
      };
    }
    return this.readTrailer(state.offset, state.header, final, recordLength);
  }

  private skipBlock(state: Extract<State, { mode: 'skip' }>, final: boolean): FramerEvent | 'wait' | 'continue' {
    state.remaining -= this.queue.skip(state.remaining);
    if (state.remaining > 0) {
      if (!final) return 'wait';
      this.state = { mode: 'header' };
      return { type: 'bad', offset: state.offset, code: 'LENGTH_MISMATCH', message: `${this.name(state.offset)} declares Content-Length ${state.header.contentLength}, but ${this.labels.stream} ends before its block does.` };
    }
    this.state = { mode: 'trailer', offset: state.offset, header: state.header };
    return 'continue';
  }

  /**
   * After the block: the closing CRLF CRLF, or (from lax writers) up to four CR/LF followed by the next
   * record ("WARC/") or the end of the stream. Anything else means the Content-Length does not match the
   * record. `recordLength` is the record still queued (null when its block was skipped). When the closing
   * CRLF CRLF is there, what follows is the next record's business: damage there is reported for it.
   */
  private readTrailer(offset: number, header: WarcHeaderFields, final: boolean, recordLength: number | null): FramerEvent | 'wait' | 'continue' {
    const start = recordLength ?? 0;
    if (this.queue.length < start + MAX_TRAILER + WARC_PREFIX.byteLength && !final) return 'wait';
    let at = start;
    while (at - start < MAX_TRAILER && at < this.queue.length && isLineEnd(this.queue.at(at)!)) at++;
    const closed = at - start === MAX_TRAILER && [CR, LF, CR, LF].every((byte, i) => this.queue.at(start + i) === byte);
    const next = this.queue.peek(at + WARC_PREFIX.byteLength).subarray(at);
    if (!closed && next.byteLength > 0 && !startsWith(next, WARC_PREFIX)) return this.mismatch(offset, header, recordLength);
    this.state = { mode: 'header' };
    if (recordLength === null) {
      this.queue.skip(at);
      return 'continue';
    }
    const bytes = this.queue.take(recordLength);
    this.queue.skip(at - start);
    return { type: 'record', offset, bytes, header };
  }

  private mismatch(offset: number, header: WarcHeaderFields, recordLength: number | null): FramerEvent {
    // The block as declared is not followed by the end of the record; the next record is looked for from
    // just after this record's headers (when they are still held) or from here.
    if (recordLength !== null) this.queue.skip(recordLength - header.contentLength);
    this.state = { mode: 'resync' };
    return {
      type: 'bad',
      offset,
      code: 'LENGTH_MISMATCH',
      message: `${this.name(offset)} declares Content-Length ${header.contentLength}, but its block is not followed by the end of the record: the length is wrong. The record is skipped; reading goes on with the next record.`,
    };
  }

  /** The record's name, capitalized to start a sentence. */
  private name(offset: number): string {
    const name = this.labels.record(offset);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  private bad(offset: number, code: 'BAD_WARC_RECORD' | 'LENGTH_MISMATCH', message: string): FramerEvent {
    this.queue.skip(1);
    this.state = { mode: 'resync' };
    return { type: 'bad', offset, code, message: `${message} The record is skipped; reading goes on with the next record.` };
  }

  /** Drops bytes up to the next line that starts with "WARC/". */
  private resync(final: boolean): 'wait' | 'continue' {
    const view = this.queue.peek(this.queue.length);
    const found = Buffer.from(view.buffer, view.byteOffset, view.byteLength).indexOf(NEXT_RECORD);
    if (found !== -1) {
      this.queue.skip(found + 1);
      this.state = { mode: 'header' };
      return 'continue';
    }
    if (final) {
      this.queue.clear();
      this.state = { mode: 'header' };
      return 'wait';
    }
    this.queue.skip(Math.max(0, view.byteLength - NEXT_RECORD.byteLength));
    return 'wait';
  }
}

function isLineEnd(byte: number): boolean {
  return byte === CR || byte === LF;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.byteLength < prefix.byteLength) return false;
  for (let i = 0; i < prefix.byteLength; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** The end of the header block: the first blank line (CRLF CRLF, or LF LF from lax writers). */
function headerEnd(view: Uint8Array): { textLength: number; length: number } | null {
  const buffer = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { textLength: crlf, length: crlf + 4 };
  if (lf !== -1) return { textLength: lf, length: lf + 2 };
  return null;
}

/** The version line and header fields, or what is wrong with them (a sentence ending in a full stop). */
function parseHeader(text: string): WarcHeaderFields | string {
  const lines = text.split(/\r?\n/);
  if (!VERSION_LINE.test(lines[0]!.trim())) return `does not start with a WARC/x.y version line (found ${JSON.stringify(lines[0]!.slice(0, 40))}).`;
  const fields = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines.slice(1)) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      fields.set(last, `${fields.get(last)!} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return `has a header line that is not "Name: value" (${JSON.stringify(line.slice(0, 40))}).`;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(last)) fields.set(last, line.slice(colon + 1).trim());
  }
  const declared = fields.get('content-length');
  if (declared === undefined || !/^\d{1,15}$/.test(declared)) return `has ${declared === undefined ? 'no' : 'an invalid'} Content-Length header.`;
  return { fields, contentLength: Number(declared) };
}
