import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatBytes, startsWithGzipMagic } from '../bytes.js';
import { describeFsError } from '../files/read.js';
import { warcKey } from '../keys.js';
import { raiseLimit } from '../limit-flags.js';
import type { SourceItem, SourceReader } from '../page.js';
import { sourceFailure } from '../page.js';
import { gzipMembers } from './gzip-members.js';
import { RecordFramer, type FramerEvent, type FramerLabels, type WarcHeaderFields } from './record-framer.js';
import { interpretRecord } from './record.js';

/**
 * A WARC or WARC.gz archive, streamed: memory holds one record, whatever the archive's size. A .warc.gz
 * is recognized by its bytes, not its name. Each record is an item (see record.ts); damaged records and
 * gzip members are failures with their byte offset, and reading goes on with the next record.
 *
 * Items are named `archive.warc.gz#record-N` (N counts records from 1, damaged ones included) and keyed by
 * the archive's absolute path and the record's offset (its gzip member's, in a .warc.gz).
 *
 * An archive from which not one record could be read (empty, random bytes, not a WARC file, damaged
 * throughout) ends with one more failure, NOT_WARC, of scope 'source': the input could not be read at
 * all, which an ingest reports (exit 1), rather than a few damaged records of an otherwise good archive.
 */

export interface WarcOptions {
  /** Largest record read (headers and block, decompressed); larger ones are passed over as TOO_LARGE. */
  readonly maxRecordBytes: number;
  /** Largest WARC header block. */
  readonly maxHeaderBytes: number;
  /** Called with each response record's key before it is decoded: true skips it as already done. */
  readonly isDone?: ((key: string) => boolean | Promise<boolean>) | undefined;
  /**
   * Only the records of a .warc.gz whose gzip member starts in [start, end) (bytes): one worker's share
   * of an archive that several read at once. Reading begins at the first intact member at or after
   * `start` (found as damaged members are passed over) and stops at the first member at or after `end`;
   * records keep the keys and offsets of a whole read, so shares together are exactly the whole archive.
   */
  readonly range?: { readonly start: number; readonly end: number } | undefined;
}

export const DEFAULT_WARC_OPTIONS: WarcOptions = Object.freeze({ maxRecordBytes: 32 * 1024 * 1024, maxHeaderBytes: 64 * 1024 });

/** File reads of this size: large enough for few system calls, small next to a record. */
const READ_CHUNK = 256 * 1024;

export async function* readWarc(path: string, options: Partial<WarcOptions> = {}): SourceReader {
  const settings: WarcOptions = { ...DEFAULT_WARC_OPTIONS, ...definedOnly(options) };
  const absolute = resolve(path);
  let fallbackDate: string;
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    fallbackDate = info.mtime.toISOString();
    size = info.size;
  } catch (error) {
    yield sourceFailure({
      source: path,
      key: warcKey(absolute, 0),
      stage: 'open',
      code: (error as { code?: string }).code === 'ENOENT' ? 'NOT_FOUND' : 'READ_ERROR',
      message: `Cannot open the archive: ${describeFsError(error)}.`,
      scope: 'source',
    });
    return;
  }

  const state = new ArchiveState(path, absolute, fallbackDate, settings);
  const chunks = createReadStream(path, { highWaterMark: READ_CHUNK, start: settings.range?.start ?? 0 });
  try {
    const { first, rest } = await firstChunk(chunks);
    if (first !== null && (settings.range || startsWithGzipMagic(first))) yield* state.readGzip(prepend(first, rest));
    else if (first !== null) yield* state.readPlain(prepend(first, rest));
  } catch (error) {
    yield sourceFailure({
      source: path,
      key: warcKey(absolute, state.position),
      stage: 'read',
      code: 'READ_ERROR',
      message: `Reading the archive failed near offset ${state.position}: ${describeFsError(error)}.`,
      scope: state.records === 0 ? 'source' : 'item',
    });
    return;
  } finally {
    chunks.destroy();
  }
  // A share of a larger archive (one worker's byte range) may hold no record of its own: only a read
  // that covers the whole file can say the file holds none.
  if (state.readable === 0 && coversWholeFile(settings.range, size)) {
    const why = state.records === 0 ? 'it is empty' : `none of its ${state.records === 1 ? 'record' : `${state.records} records`} could be read (see the failures before this one)`;
    yield sourceFailure({
      source: path,
      key: `warc:${absolute}`,
      stage: 'warc',
      code: 'NOT_WARC',
      message: `No WARC record could be read from the archive: ${why}. Is it a WARC file, and whole?`,
      scope: 'source',
    });
  }
}

function coversWholeFile(range: WarcOptions['range'], size: number): boolean {
  return range === undefined || (range.start <= 0 && range.end >= size);
}

/** Counters and naming for one archive being read. */
class ArchiveState {
  records = 0;
  /** Records framed whole (damaged ones excepted), whatever their type. */
  readable = 0;
  position = 0;

  constructor(
    private readonly path: string,
    private readonly absolute: string,
    private readonly fallbackDate: string,
    private readonly options: WarcOptions,
  ) {}

  async *readPlain(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SourceItem> {
    const labels: FramerLabels = { record: (offset) => `the record at offset ${offset}`, stream: 'the archive' };
    const framer = new RecordFramer(this.options, labels);
    for await (const chunk of chunks) {
      framer.push(chunk);
      for (const event of framer.events()) yield await this.item(event, event.offset, 0);
      this.position += chunk.byteLength;
    }
    for (const event of framer.events(true)) yield await this.item(event, event.offset, 0);
  }

  async *readGzip(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<SourceItem> {
    let framer: RecordFramer | null = null;
    let member = 0;
    let index = 0;
    const base = this.options.range?.start ?? 0;
    const end = this.options.range?.end ?? Infinity;
    let first = true;
    for await (const found of gzipMembers(chunks, { maxRetainedBytes: this.options.maxRecordBytes })) {
      const event = 'offset' in found ? { ...found, offset: found.offset + base } : found;
      // A share starting inside a member: the bytes before the next member are the previous share's.
      const resync = first && base > 0 && event.type === 'error' && event.offset === base && event.code === 'CORRUPT_GZIP';
      first = false;
      if (resync) continue;
      if (event.type === 'member' && event.offset >= end) return;
      switch (event.type) {
        case 'member': {
          member = event.offset;
          index = 0;
          this.position = member;
          const at = member;
          const labels: FramerLabels = {
            record: (offset) => (offset === 0 ? `the record in the gzip member at offset ${at}` : `the record ${offset} bytes into the gzip member at offset ${at}`),
            stream: 'its gzip member',
          };
          framer = new RecordFramer(this.options, labels);
          break;
        }
        case 'data':
          framer!.push(event.bytes);
          for (const framed of framer!.events()) yield await this.item(framed, member, index++);
          break;
        case 'end':
          for (const framed of framer!.events(true)) yield await this.item(framed, member, index++);
          framer = null;
          break;
        case 'error':
          // Records the member completed before the damage were yielded; its partial record is dropped.
          framer = null;
          this.records++;
          yield sourceFailure({ source: this.name(), key: warcKey(this.absolute, event.offset), stage: 'warc', code: event.code, message: event.message });
          break;
      }
    }
  }

  private name(): string {
    return `${this.path}#record-${this.records}`;
  }

  private async item(event: FramerEvent, offset: number, indexInMember: number): Promise<SourceItem> {
    this.records++;
    const source = this.name();
    const key = warcKey(this.absolute, offset, indexInMember);
    if (event.type === 'bad') return sourceFailure({ source, key, stage: 'warc', code: event.code, message: event.message });
    this.readable++;
    const type = event.header.fields.get('warc-type') ?? 'unknown';
    if (type !== 'response') return { kind: 'skipped', source, key, via: null, reason: 'warc-record-type', detail: type };
    if (event.type === 'oversized') {
      return sourceFailure({
        source,
        key,
        url: targetUri(event.header),
        stage: 'warc',
        code: 'TOO_LARGE',
        message: `The response record at offset ${event.offset}${targetUri(event.header) ? ` (${targetUri(event.header)})` : ''} holds ${formatBytes(event.header.contentLength)}, over the limit of ${formatBytes(this.options.maxRecordBytes)} (${raiseLimit('maxRecordBytes')} to read it).`,
      });
    }
    if (this.options.isDone && (await this.options.isDone(key))) return { kind: 'skipped', source, key, via: null, reason: 'already-done', detail: 'response' };
    return interpretRecord(event.bytes, { source, key, offset, fallbackDate: this.fallbackDate, maxPayloadBytes: this.options.maxRecordBytes });
  }
}

function targetUri(header: WarcHeaderFields): string | null {
  const uri = header.fields.get('warc-target-uri');
  return uri ? uri.replace(/^<(.*)>$/, '$1') : null;
}

async function firstChunk(stream: AsyncIterable<Uint8Array>): Promise<{ first: Uint8Array | null; rest: AsyncIterator<Uint8Array> }> {
  const rest = stream[Symbol.asyncIterator]();
  const next = await rest.next();
  return { first: next.done ? null : next.value, rest };
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
