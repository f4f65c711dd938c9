import { concatBytes } from '../bytes.js';

/**
 * A FIFO of byte chunks: bytes are appended as they are read and taken from the front, without copying
 * the whole buffer at every append (records arrive in many small chunks; a record is copied once, when
 * it is taken). `offset` counts every byte ever removed, so the front's position in the stream is known.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0;
  private size = 0;
  private removed = 0;

  get length(): number {
    return this.size;
  }

  /** Stream position of the first queued byte. */
  get offset(): number {
    return this.removed;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
  }

  /** Removes and returns the first chunk as it was pushed (or what is left of it). */
  shiftChunk(): Uint8Array | undefined {
    const first = this.chunks.shift();
    if (!first) return undefined;
    const rest = first.subarray(this.head);
    this.head = 0;
    this.size -= rest.byteLength;
    this.removed += rest.byteLength;
    return rest;
  }

  /** Puts bytes just removed back at the front (the offset moves back by their length). */
  unshift(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    if (this.head > 0) {
      this.chunks[0] = this.chunks[0]!.subarray(this.head);
      this.head = 0;
    }
    this.chunks.unshift(chunk);
    this.size += chunk.byteLength;
    this.removed -= chunk.byteLength;
  }

  /** The first `n` bytes (fewer if fewer are queued) as one contiguous view; merges chunks only as needed. */
  peek(n: number): Uint8Array {
    const want = Math.min(n, this.size);
    const first = this.chunks[0];
    if (!first) return new Uint8Array(0);
    if (first.byteLength - this.head >= want) return first.subarray(this.head, this.head + want);
    let gathered = first.byteLength - this.head;
    let count = 1;
    while (gathered < want) gathered += this.chunks[count++]!.byteLength;
    const merged = concatBytes([first.subarray(this.head), ...this.chunks.slice(1, count)], gathered);
    this.chunks.splice(0, count, merged);
    this.head = 0;
    return merged.subarray(0, want);
  }

  /** The byte at `index` from the front, or undefined past the end. */
  at(index: number): number | undefined {
    if (index >= this.size) return undefined;
    let at = index + this.head;
    for (const chunk of this.chunks) {
      if (at < chunk.byteLength) return chunk[at];
      at -= chunk.byteLength;
    }
    return undefined;
  }

  /** Removes and returns the first `n` bytes, copied into a buffer of their own. */
  take(n: number): Uint8Array {
    const view = this.peek(n);
    const copy = view.slice();
    this.skip(view.byteLength);
    return copy;
  }

  /** Removes the first `n` bytes (all of them if fewer are queued); returns how many were removed. */
  skip(n: number): number {
    let left = Math.min(n, this.size);
    const skipped = left;
    while (left > 0) {
      const first = this.chunks[0]!;
      const available = first.byteLength - this.head;
      if (available > left) {
        this.head += left;
        left = 0;
      } else {
        left -= available;
        this.chunks.shift();
        this.head = 0;
      }
    }
    this.size -= skipped;
    this.removed += skipped;
    return skipped;
  }

  /** Removes everything. */
  clear(): void {
    this.removed += this.size;
    this.chunks = [];
    this.head = 0;
    this.size = 0;
  }
}
