/**
 * A lock within one process: `run` calls wait for each other in call order. The single-writer adapters
 * (memory, SQLite) implement Store.serializeWrites with it.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
