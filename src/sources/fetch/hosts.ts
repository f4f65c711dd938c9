import { sleep } from './retry.js';

/**
 * Politeness per host: at most `concurrency` requests in flight to one host, and the starts of two
 * requests to it at least `delayMs` apart (longer when its robots.txt asks for a Crawl-delay). Waiters
 * are served in arrival order. Hosts that have gone quiet are forgotten, so memory follows the hosts in
 * use, not every host ever seen.
 *
 * With a shared spacing (several worker processes on one archive: Store.sharedFetchSpacing), a request
 * that has its turn here also asks it when to start, so that the requests of all of them to one host
 * start `delayMs` apart, not each process's own.
 */

/**
 * How many ms to wait before starting a request to `host` so that the requests of every process sharing
 * it start at least `gapMs` apart; each call books the next start.
 */
export type SharedSpacing = (host: string, gapMs: number) => Promise<number>;

interface HostState {
  active: number;
  nextStart: number;
  delayMs: number;
  readonly waiting: Waiter[];
  timer: NodeJS.Timeout | null;
}

interface Waiter {
  readonly start: () => void;
  readonly cancel: (reason: Error) => void;
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private closed = false;

  constructor(
    private readonly concurrency: number,
    private readonly delayMs: number,
    private readonly shared: SharedSpacing | null = null,
  ) {}

  /** A longer gap for one host (its Crawl-delay); never shorter than the general delay. */
  setDelay(host: string, delayMs: number): void {
    this.state(host).delayMs = Math.max(this.delayMs, delayMs);
  }

  /** Runs `task` when the host has a free slot and its delay has passed. */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(host, signal);
    try {
      await this.sharedTurn(host, signal);
      return await task();
    } finally {
      this.release(host);
    }
  }

  /**
   * Waits for the start the shared spacing books for this request. When it cannot be asked (the archive's
   * database is away), this process's own spacing still holds and the request goes on: the page's
   * commit will meet the same database and say what is wrong.
   */
  private async sharedTurn(host: string, signal?: AbortSignal): Promise<void> {
    const gapMs = this.hosts.get(host)?.delayMs ?? this.delayMs;
    if (this.shared === null || gapMs === 0) return;
    const waitMs = await this.shared(host, gapMs).catch(() => 0);
    if (waitMs > 0) await sleep(waitMs, signal);
  }

  /** Cancels every waiter (they reject) and stops the timers. */
  close(): void {
    this.closed = true;
    for (const state of this.hosts.values()) {
      if (state.timer) clearTimeout(state.timer);
      for (const waiter of state.waiting.splice(0)) waiter.cancel(new Error('The fetcher is closed.'));
    }
    this.hosts.clear();
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStart: 0, delayMs: this.delayMs, waiting: [], timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private acquire(host: string, signal?: AbortSignal): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The fetcher is closed.'));
    if (signal?.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new Error('The fetch was cancelled.'));
    const state = this.state(host);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = state.waiting.indexOf(waiter);
        if (index !== -1) state.waiting.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('The fetch was cancelled.'));
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        cancel: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.waiting.push(waiter);
      this.pump(host, state);
    });
  }

  private release(host: string): void {
    const state = this.hosts.get(host);
    if (!state) return;
    state.active--;
    this.pump(host, state);
  }

  private pump(host: string, state: HostState): void {
    while (state.waiting.length > 0 && state.active < this.concurrency) {
      const wait = state.nextStart - Date.now();
      if (wait > 0) {
        if (!state.timer) {
          state.timer = setTimeout(() => {
            state.timer = null;
            this.pump(host, state);
          }, wait);
        }
        return;
      }
      state.active++;
      state.nextStart = Date.now() + state.delayMs;
      state.waiting.shift()!.start();
    }
    // A quiet host whose delay has passed holds nothing worth keeping.
    if (state.active === 0 && state.waiting.length === 0 && !state.timer && state.delayMs === this.delayMs) {
      const left = state.nextStart - Date.now();
      if (left <= 0) this.hosts.delete(host);
    }
  }
}
