import { parentPort } from 'node:worker_threads';

/**
 * The messages between WorkerPool and its workers, and the worker side of them. A worker announces that
 * it is ready once its modules are loaded, then answers each task with its result, or with a failure
 * when the handler throws (a bug: the worker stays up and the pool reports WORKER_ERROR for that task).
 */

export interface TaskMessage<T> {
  readonly type: 'task';
  readonly id: number;
  readonly payload: T;
}

export type PoolMessage<R> =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly value: R }
  | { readonly type: 'failure'; readonly id: number; readonly message: string };

/** Call once from a worker module: handles every task with `handle`, one at a time. */
export function serveTasks<T, R>(handle: (payload: T) => R | Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks() must run inside a worker thread started by WorkerPool.');
  const reply = (message: PoolMessage<R>): void => port.postMessage(message);
  port.on('message', (message: TaskMessage<T>) => {
    void (async () => {
      try {
        reply({ type: 'result', id: message.id, value: await handle(message.payload) });
      } catch (error) {
        reply({ type: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  reply({ type: 'ready' });
}
