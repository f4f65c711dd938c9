import { ZStream, Z_BUF_ERROR, Z_NO_FLUSH, Z_OK, Z_STREAM_END, zlibInflate, zlibInflateInit2 } from 'pako';
import { concatBytes } from '../bytes.js';
import { ByteQueue } from './byte-queue.js';

/**
 * A .warc.gz split into its gzip members, each inflated as a stream. Archives in the Common Crawl style
 * hold one record per member, so a member is the unit of recovery: when one is truncated or corrupt,
 * reading resumes at the next member that inflates to a WARC record, and the damaged one is reported with
 * its byte offset. (Node's zlib joins members silently and hides where each starts; pako's low-level
 * inflate stops at the end of each member and says how much input is left.)
 *
 * Memory: one output chunk at a time, plus the compressed bytes of the current member kept (up to
 * `maxRetainedBytes`) so that, if it turns out to be damaged, the next member can be looked for inside it.
 */

export type MemberEvent =
  | { readonly type: 'member'; readonly offset: number }
  | { readonly type: 'data'; readonly bytes: Uint8Array }
  | { readonly type: 'end'; readonly offset: number; readonly compressedLength: number }
  | { readonly type: 'error'; readonly offset: number; readonly code: 'TRUNCATED_GZIP' | 'CORRUPT_GZIP'; readonly message: string };

export interface MemberOptions {
  /** Compressed bytes of one member kept for recovery; a longer member is not searched for a new member start. */
  readonly maxRetainedBytes: number;
}

/** gzip's magic number and its only compression method (deflate). */
const MEMBER_MAGIC = [0x1f, 0x8b, 0x08] as const;
/** A gzip header with any of the reserved flag bits set is not a member start. */
const RESERVED_FLAGS = 0xe0;
/** gzip wrapper, 32 KiB window (zlib's windowBits convention). */
const GZIP_WINDOW_BITS = 16 + 15;
const OUTPUT_CHUNK = 64 * 1024;
/** Compressed bytes inflated to decide whether a candidate member start is real. */
const PROBE_BYTES = 16 * 1024;
/** Trailing bytes after the last member that are ignored when they are all newlines, spaces or zeros. */
const MAX_PADDING = 512;
const WARC_PREFIX = new TextEncoder().encode('WARC/');

export async function* gzipMembers(chunks: AsyncIterable<Uint8Array>, options: MemberOptions): AsyncGenerator<MemberEvent> {
  const source = chunks[Symbol.asyncIterator]();
  const queue = new ByteQueue();
  let ended = false;
  const fill = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await source.next();
    if (next.done) {
      ended = true;
      return false;
    }
    queue.push(next.value);
    return true;
  };
  const output = new Uint8Array(OUTPUT_CHUNK);

  for (;;) {
    while (queue.length < MEMBER_MAGIC.length && (await fill()));
    if (queue.length === 0) return;
    const offset = queue.offset;
    if (!isMemberStart(queue.peek(4))) {
      if (await onlyPaddingLeft(queue, fill)) return;
      const resumeAt = await scanForward(queue, fill, () => ended, 1);
      yield { type: 'error', offset, code: 'CORRUPT_GZIP', message: `The bytes at offset ${offset} are not a gzip member${resumption(resumeAt)}` };
      if (resumeAt === null) return;
      continue;
    }

    yield { type: 'member', offset };
    const stream = new ZStream();
    zlibInflateInit2(stream, GZIP_WINDOW_BITS);
    let retained: Uint8Array[] | null = [];
    let retainedSize = 0;
    let failure: string | null = null;
    let unconsumed: Uint8Array = new Uint8Array(0);
    let complete = false;
    while (!complete && failure === null) {
      if (queue.length === 0 && !(await fill())) break;
      const chunk = queue.shiftChunk()!;
      if (retained) {
        retainedSize += chunk.byteLength;
        if (retainedSize <= options.maxRetainedBytes) retained.push(chunk);
        else retained = null;
      }
      stream.input = chunk;
      stream.next_in = 0;
      stream.avail_in = chunk.byteLength;
      for (;;) {
        stream.output = output;
        stream.next_out = 0;
        stream.avail_out = output.byteLength;
        const status = zlibInflate(stream, Z_NO_FLUSH);
        if (stream.next_out > 0) yield { type: 'data', bytes: output.slice(0, stream.next_out) };
        if (status === Z_STREAM_END) {
          queue.unshift(chunk.subarray(stream.next_in));
          complete = true;
          break;
        }
        if (status !== Z_OK && !(status === Z_BUF_ERROR && stream.avail_in === 0)) {
          failure = stream.msg || `inflate status ${status}`;
          unconsumed = chunk.subarray(stream.next_in);
          break;
        }
        if (stream.avail_in === 0 && stream.avail_out > 0) break;
      }
    }
    if (complete) {
      yield { type: 'end', offset, compressedLength: queue.offset - offset };
      continue;
    }

    // The member is damaged (failure) or the archive ends inside it. A member starting inside it (within
    // the bytes kept) is where reading resumes; the member was cut short there if its bytes up to that
    // point are a valid beginning, and is corrupt otherwise.
    const inside = retained ? findMemberInside(retained, retainedSize) : null;
    if (inside !== null) {
      queue.unshift(inside.rest);
      const resumeAt = offset + inside.at;
      yield inside.truncated
        ? { type: 'error', offset, code: 'TRUNCATED_GZIP', message: `The gzip member at offset ${offset} is cut short: a new member starts inside it, at offset ${resumeAt}. Reading goes on from there.` }
        : { type: 'error', offset, code: 'CORRUPT_GZIP', message: `The gzip member at offset ${offset} is corrupt (${failure ?? 'unexpected end of data'})${resumption(resumeAt)}` };
      continue;
    }
    if (failure === null) {
      yield {
        type: 'error',
        offset,
        code: 'TRUNCATED_GZIP',
        message: `The archive ends inside the gzip member at offset ${offset}: the file is truncated (an interrupted download or copy). Fetch it again to read the last record.`,
      };
      return;
    }
    // The kept bytes (the whole failing chunk included) had no member start; if none were kept, what the
    // failing chunk did not consume is searched too.
    if (retained === null) queue.unshift(unconsumed);
    const resumeAt = await scanForward(queue, fill, () => ended, 0);
    yield { type: 'error', offset, code: 'CORRUPT_GZIP', message: `The gzip member at offset ${offset} is corrupt (${failure})${resumption(resumeAt)}` };
    if (resumeAt === null) return;
  }
}

/** Some writers end an archive with a newline or zero padding: nothing to report. */
async function onlyPaddingLeft(queue: ByteQueue, fill: () => Promise<boolean>): Promise<boolean> {
  const isPadding = (byte: number): boolean => byte === 0 || byte === 0x0a || byte === 0x0d || byte === 0x20;
  while (queue.length <= MAX_PADDING && (await fill()));
  return queue.length <= MAX_PADDING && queue.peek(queue.length).every(isPadding);
}

function resumption(resumeAt: number | null): string {
  return resumeAt === null ? ', and no intact member follows it.' : `; reading goes on with the next member, at offset ${resumeAt}.`;
}

function isMemberStart(bytes: Uint8Array): boolean {
  return bytes[0] === MEMBER_MAGIC[0] && bytes[1] === MEMBER_MAGIC[1] && bytes[2] === MEMBER_MAGIC[2] && ((bytes[3] ?? 0) & RESERVED_FLAGS) === 0;
}

/** A member start inside the damaged member's bytes (never at its own start), and whether the damaged one was cut short there. */
function findMemberInside(retained: readonly Uint8Array[], size: number): { at: number; rest: Uint8Array; truncated: boolean } | null {
  const bytes = concatBytes(retained, size);
  for (let at = nextMagic(bytes, 1); at !== -1; at = nextMagic(bytes, at + 1)) {
    if (probeMember(bytes.subarray(at)) !== 'bad') return { at, rest: bytes.subarray(at), truncated: isValidBeginning(bytes.subarray(0, at)) };
  }
  return null;
}

/** Whether these bytes inflate without error and without reaching the member's end: the start of a member cut short. */
function isValidBeginning(bytes: Uint8Array): boolean {
  const stream = new ZStream();
  zlibInflateInit2(stream, GZIP_WINDOW_BITS);
  stream.input = bytes;
  stream.next_in = 0;
  stream.avail_in = bytes.byteLength;
  const output = new Uint8Array(OUTPUT_CHUNK);
  for (;;) {
    stream.output = output;
    stream.next_out = 0;
    stream.avail_out = output.byteLength;
    const status = zlibInflate(stream, Z_NO_FLUSH);
    if (status === Z_STREAM_END) return false;
    if (status !== Z_OK && status !== Z_BUF_ERROR) return false;
    if (stream.avail_in === 0) return true;
  }
}

/**
 * Drops bytes up to the next intact member start at or after `from` (reading on as needed) and returns
 * its offset, or null when the archive ends first.
 */
async function scanForward(queue: ByteQueue, fill: () => Promise<boolean>, ended: () => boolean, from: number): Promise<number | null> {
  for (;;) {
    while (queue.length < from + PROBE_BYTES && (await fill()));
    const view = queue.peek(queue.length);
    let at = nextMagic(view, from);
    while (at !== -1) {
      if (view.byteLength - at < PROBE_BYTES && !ended()) break;
      if (probeMember(view.subarray(at)) !== 'bad') {
        queue.skip(at);
        return queue.offset;
      }
      at = nextMagic(view, at + 1);
    }
    if (at !== -1) {
      // A candidate too close to the end of what is read: keep it and read more before deciding.
      queue.skip(at);
      from = 0;
      if (!(await fill())) return ended() && queue.length > 0 ? scanTail(queue) : null;
      continue;
    }
    if (ended()) {
      queue.clear();
      return null;
    }
    const keep = MEMBER_MAGIC.length;
    queue.skip(Math.max(0, view.byteLength - keep));
    from = 0;
  }
}

/** The archive has ended: the last candidates are judged on the bytes there are. */
function scanTail(queue: ByteQueue): number | null {
  const view = queue.peek(queue.length);
  for (let at = nextMagic(view, 0); at !== -1; at = nextMagic(view, at + 1)) {
    if (probeMember(view.subarray(at)) !== 'bad') {
      queue.skip(at);
      return queue.offset;
    }
  }
  queue.clear();
  return null;
}

function nextMagic(bytes: Uint8Array, from: number): number {
  for (let at = bytes.indexOf(MEMBER_MAGIC[0], from); at !== -1; at = bytes.indexOf(MEMBER_MAGIC[0], at + 1)) {
    if (isMemberStart(bytes.subarray(at, at + 4))) return at;
  }
  return -1;
}

/**
 * Whether a member really starts here: its first bytes inflate without error to the start of a WARC
 * record. 'unsure' when the bytes given end before enough output (the candidate is kept).
 */
function probeMember(bytes: Uint8Array): 'ok' | 'bad' | 'unsure' {
  const stream = new ZStream();
  zlibInflateInit2(stream, GZIP_WINDOW_BITS);
  stream.input = bytes.subarray(0, PROBE_BYTES);
  stream.next_in = 0;
  stream.avail_in = stream.input.byteLength;
  stream.output = new Uint8Array(WARC_PREFIX.byteLength);
  stream.next_out = 0;
  stream.avail_out = WARC_PREFIX.byteLength;
  const status = zlibInflate(stream, Z_NO_FLUSH);
  if (status !== Z_OK && status !== Z_STREAM_END && status !== Z_BUF_ERROR) return 'bad';
  const produced = stream.output.subarray(0, stream.next_out);
  if (!WARC_PREFIX.subarray(0, produced.byteLength).every((byte, i) => produced[i] === byte)) return 'bad';
  return produced.byteLength === WARC_PREFIX.byteLength ? 'ok' : 'unsure';
}
