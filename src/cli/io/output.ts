import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeFsError } from './read.js';

/** Writes to a stream (stdout) and waits when it is full, so a slow reader slows Parley instead of filling memory. */
export class StreamWriter {
  private failure: Error | null = null;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  /** The stream's error (EPIPE when the reader went away), once there is one. */
  get error(): Error | null {
    return this.failure;
  }

  async write(text: string): Promise<boolean> {
    if (this.failure) return false;
    if (!this.stream.write(text)) {
      await new Promise<void>((done) => {
        const settle = (): void => {
          this.stream.off('drain', settle);
          this.stream.off('error', settle);
          done();
        };
        this.stream.on('drain', settle);
        this.stream.on('error', settle);
      });
    }
    return this.failure === null;
  }
}

export type WriteOutcome = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly code: 'OUTPUT_CONFLICT' | 'OUTPUT_ERROR'; readonly message: string };

/**
 * One file per page under the --output directory, named by the page's output stem plus the format's
 * extension. Two pages of one run never overwrite each other: outputs arrive in input order, which keeps
 * each output directory's files together, so remembering the names written in the current directory is
 * enough (memory follows the largest directory, not the run). A page never overwrites its own input.
 */
export class OutputDirectory {
  private readonly root: string;
  private currentDirectory = '';
  private namesInDirectory = new Set<string>();

  constructor(root: string, private readonly extension: string) {
    this.root = resolve(root);
  }

  async write(outputStem: string, content: string, inputPath: string | null): Promise<WriteOutcome> {
    const path = join(this.root, `${outputStem}${this.extension}`);
    const directory = dirname(path);
    if (directory !== this.currentDirectory) {
      this.currentDirectory = directory;
      this.namesInDirectory = new Set();
    }
    if (this.namesInDirectory.has(path)) {
      return { ok: false, code: 'OUTPUT_CONFLICT', message: `Another page of this run was already written to ${path} (two inputs share a name; rename one or extract them separately).` };
    }
    if (inputPath !== null && resolve(inputPath) === path) {
      return { ok: false, code: 'OUTPUT_CONFLICT', message: `Writing ${path} would overwrite the page itself (choose another --output directory).` };
    }
    this.namesInDirectory.add(path);
    try {
      await mkdir(directory, { recursive: true });
      await writeFile(path, content);
      return { ok: true, path };
    } catch (error) {
      return { ok: false, code: 'OUTPUT_ERROR', message: `Cannot write ${path}: ${describeFsError(error)}.` };
    }
  }
}
