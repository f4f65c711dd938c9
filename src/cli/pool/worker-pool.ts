import { Worker } from 'node:worker_threads';
import type { Transferable } from 'node:worker_threads';
import type { PoolMessage, TaskMessage } from './protocol.js';

/**
 * A small pool of worker threads that runs one task per worker at a time and enforces a hard time limit
 * per task. The work itself is expected to keep its own cooperative deadline (extraction does); the hard
 * limit is the backstop for a task that never yields: its worker is terminated, the task resolves as a
 * TIMEOUT, and a fresh worker takes its place while the rest of the batch goes on.
 *
 * Workers start lazily (never more than there are queued tasks, never more than `size`), and the clock
 * of a task starts when a ready worker receives it, so worker start-up never counts against a page.
 */

export interface WorkerPoolOptions {
  /** The worker module; it must call `serveTasks` (see protocol.ts). */
  readonly script: URL;
  /** Most workers alive at once. */
  readonly size: number;
  /** A task still running after this many milliseconds is stopped by terminating its worker. */
  readonly hardTimeoutMs: number;
  /**
   * The old-generation heap limit of each worker (MB), or undefined for V8's default. A worker left to
   * V8's default grows its heap long before it collects, so a pool of them holds far more memory than
   * the pages need; a worker that reaches the limit is replaced and its page fails as WORKER_ERROR.
   */
  readonly maxHeapMb?: number;
  /** The young-generation limit of each worker (MB), or undefined for V8's default (about 48 MB on 64-bit). */
  readonly maxYoungGenerationMb?: number;
}

export type TaskOutcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly code: 'TIMEOUT' | 'WORKER_ERROR'; readonly message: string };

/** Per-task settings of `run`. */
export interface RunOptions {
  /** This task's hard limit instead of the pool's `hardTimeoutMs`. */
  readonly hardTimeoutMs?: number;
  /**
   * Run before every queued task that is not urgent (urgent tasks keep their order among themselves):
   * work that finishes an item already started, so items complete in the order they began.
   */
  readonly urgent?: boolean;
}

interface PendingTask<T, R> {
  readonly id: number;
  readonly payload: T;
  readonly transfer: readonly Transferable[];
  readonly hardTimeoutMs: number;
  readonly urgent: boolean;
  readonly resolve: (outcome: TaskOutcome<R>) => void;
  readonly reject: (error: Error) => void;
}

interface Slot<T, R> {
  readonly worker: Worker;
  ready: boolean;
  gone: boolean;
  task: PendingTask<T, R> | null;
  timer: NodeJS.Timeout | null;
}

export class WorkerPool<T, R> {
  private readonly slots: Slot<T, R>[] = [];
  private readonly queue: PendingTask<T, R>[] = [];
  private nextId = 0;
  private closed = false;
  private startupError: Error | null = null;

  constructor(private readonly options: WorkerPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new RangeError(`Pool size must be a positive integer, got ${options.size}.`);
  }

  /** Runs one task. Resolves with the value or a TIMEOUT/WORKER_ERROR outcome; rejects only if workers cannot start at all. */
  run(payload: T, transfer: readonly Transferable[] = [], options: RunOptions = {}): Promise<TaskOutcome<R>> {
    if (this.closed) return Promise.reject(new Error('The worker pool is closed.'));
    if (this.startupError) return Promise.reject(this.startupError);
    return new Promise((resolve, reject) => {
      const urgent = options.urgent ?? false;
      const task = { id: this.nextId++, payload, transfer, hardTimeoutMs: options.hardTimeoutMs ?? this.options.hardTimeoutMs, urgent, resolve, reject };
      const after = urgent ? this.queue.findIndex((queued) => !queued.urgent) : -1;
      if (after === -1) this.queue.push(task);
      else this.queue.splice(after, 0, task);
      this.pump();
    });
  }

  /** Stops every worker. Tasks still queued or running resolve as WORKER_ERROR (nothing is left hanging). */
  async close(): Promise<void> {
    this.closed = true;
    const stopped = { ok: false, code: 'WORKER_ERROR', message: 'The batch stopped before this page was processed.' } as const;
    for (const task of this.queue.splice(0)) task.resolve(stopped);
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      this.finish(slot)?.resolve(stopped);
      this.retire(slot);
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.find((slot) => slot.ready && !slot.task);
      if (!idle) break;
      this.dispatch(idle, this.queue.shift()!);
    }
    const starting = this.slots.filter((slot) => !slot.ready).length;
    for (let i = starting; i < this.queue.length && this.slots.length < this.options.size; i++) this.spawn();
  }

  private spawn(): void {
    const { maxHeapMb, maxYoungGenerationMb } = this.options;
    const worker = new Worker(this.options.script, { resourceLimits: { ...(maxHeapMb ? { maxOldGenerationSizeMb: maxHeapMb } : {}), ...(maxYoungGenerationMb ? { maxYoungGenerationSizeMb: maxYoungGenerationMb } : {}) } });
    const slot: Slot<T, R> = { worker, ready: false, gone: false, task: null, timer: null };
    this.slots.push(slot);
    worker.on('message', (message: PoolMessage<R>) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onExit(slot, error));
    worker.on('exit', (code) => this.onExit(slot, new Error(`The worker exited with code ${code}.`)));
  }

  private dispatch(slot: Slot<T, R>, task: PendingTask<T, R>): void {
    slot.task = task;
    slot.timer = setTimeout(() => this.expire(slot, task.hardTimeoutMs), task.hardTimeoutMs);
    const message: TaskMessage<T> = { type: 'task', id: task.id, payload: task.payload };
    slot.worker.postMessage(message, task.transfer as Transferable[]);
  }

  private onMessage(slot: Slot<T, R>, message: PoolMessage<R>): void {
    if (slot.gone) return;
    if (message.type === 'ready') {
      slot.ready = true;
    } else {
      const task = this.finish(slot);
      if (task && task.id === message.id) {
        task.resolve(message.type === 'result' ? { ok: true, value: message.value } : { ok: false, code: 'WORKER_ERROR', message: message.message });
      }
    }
    this.pump();
  }

  /** The hard limit: the worker is stuck past every cooperative check, so it is terminated and replaced. */
  private expire(slot: Slot<T, R>, limitMs: number): void {
    const task = this.finish(slot);
    this.remove(slot);
    void slot.worker.terminate();
    task?.resolve({ ok: false, code: 'TIMEOUT', message: `The page was still being processed after ${limitMs} ms; its worker was stopped.` });
    this.pump();
  }

  private onExit(slot: Slot<T, R>, error: Error): void {
    if (slot.gone) return;
    const wasReady = slot.ready;
    const task = this.finish(slot);
    this.remove(slot);
    task?.resolve({ ok: false, code: 'WORKER_ERROR', message: this.failureMessage(error) });
    if (!wasReady) {
      // A worker that dies before it is ready will not do better on a second try: the install is broken.
      this.startupError = new Error(`Parley's worker (${this.options.script.pathname}) could not start: ${error.message} Reinstall with \`npm ci\` (which rebuilds dist/).`);
      for (const queued of this.queue.splice(0)) queued.reject(this.startupError);
      return;
    }
    if (!this.closed) this.pump();
  }

  /** Out of memory names the limit and the flag that raises it (`--worker-heap`, `workerHeapMb` in the library). */
  private failureMessage(error: Error): string {
    if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = this.options.maxHeapMb === undefined ? "V8's default heap limit" : `its heap limit of ${this.options.maxHeapMb} MB`;
      return `The page needed more memory than ${limit}, so its worker was stopped and replaced (raise --worker-heap / workerHeapMb to allow more).`;
    }
    return `The worker failed while processing the page: ${error.message}`;
  }

  private finish(slot: Slot<T, R>): PendingTask<T, R> | null {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const task = slot.task;
    slot.task = null;
    return task;
  }

  private remove(slot: Slot<T, R>): void {
    this.retire(slot);
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
  }

  private retire(slot: Slot<T, R>): void {
    slot.gone = true;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }
}
