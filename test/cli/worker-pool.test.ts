import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/cli/pool/worker-pool.js';
import { FIXTURES, MAIN } from './run-parley.js';

const TEST_WORKER = pathToFileURL(join(FIXTURES, 'workers', 'test-worker.mjs'));
const BROKEN_WORKER = pathToFileURL(join(FIXTURES, 'workers', 'broken-worker.mjs'));

type Echo = { echo: string; threadId: number };

describe('WorkerPool', () => {
  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error('The test worker imports dist/cli/pool/protocol.js: run `npm run build` first (npm test does).');
  });
  let pool: WorkerPool<string, Echo> | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('runs tasks across workers and returns every result', async () => {
    pool = new WorkerPool<string, Echo>({ script: TEST_WORKER, size: 2, hardTimeoutMs: 10_000 });
    const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((task) => pool!.run(task)));
    expect(outcomes.map((o) => (o.ok ? o.value.echo : o.code))).toEqual(['a', 'b', 'c', 'd', 'e']);
    const threads = new Set(outcomes.map((o) => (o.ok ? o.value.threadId : -1)));
    expect(threads.size).toBeLessThanOrEqual(2);
  });

  it('terminates a worker stuck past the hard limit, reports TIMEOUT, and carries on with a new worker', async () => {
    pool = new WorkerPool<string, Echo>({ script: TEST_WORKER, size: 1, hardTimeoutMs: 300 });
    const first = await pool.run('before');
    const [stuck, after] = await Promise.all([pool.run('spin'), pool.run('after')]);
    expect(stuck).toEqual({ ok: false, code: 'TIMEOUT', message: expect.stringContaining('300 ms') });
    expect(after).toMatchObject({ ok: true, value: { echo: 'after' } });
    expect(first.ok && after.ok && after.value.threadId !== first.value.threadId).toBe(true);
  });

  it('stops a worker that outgrows its heap limit, reports WORKER_ERROR, and carries on with a new worker', async () => {
    pool = new WorkerPool<string, Echo>({ script: TEST_WORKER, size: 1, hardTimeoutMs: 60_000, maxHeapMb: 32 });
    const [hog, after] = await Promise.all([pool.run('hog'), pool.run('after')]);
    expect(hog).toMatchObject({ ok: false, code: 'WORKER_ERROR', message: expect.stringContaining('heap limit of 32 MB') });
    expect((hog as { message: string }).message).toContain('raise --worker-heap / workerHeapMb');
    expect(after).toMatchObject({ ok: true, value: { echo: 'after' } });
  });

  it('reports a handler that throws as WORKER_ERROR and keeps the worker', async () => {
    pool = new WorkerPool<string, Echo>({ script: TEST_WORKER, size: 1, hardTimeoutMs: 10_000 });
    const first = await pool.run('x');
    const failed = await pool.run('throw');
    const next = await pool.run('y');
    expect(failed).toEqual({ ok: false, code: 'WORKER_ERROR', message: 'the handler failed' });
    expect(first.ok && next.ok && next.value.threadId === first.value.threadId).toBe(true);
  });

  it('replaces a worker that dies mid-task', async () => {
    pool = new WorkerPool<string, Echo>({ script: TEST_WORKER, size: 1, hardTimeoutMs: 10_000 });
    const [crashed, next] = await Promise.all([pool.run('crash'), pool.run('z')]);
    expect(crashed).toMatchObject({ ok: false, code: 'WORKER_ERROR', message: expect.stringContaining('exited with code 3') });
    expect(next).toMatchObject({ ok: true, value: { echo: 'z' } });
  });

  it('rejects with an actionable error when workers cannot start at all', async () => {
    pool = new WorkerPool<string, Echo>({ script: BROKEN_WORKER, size: 2, hardTimeoutMs: 10_000 });
    await expect(pool.run('a')).rejects.toThrow(/could not start: a module could not be loaded.*npm ci/);
  });

  it('resolves tasks still queued when it is closed', async () => {
    pool = new WorkerPool<string, Echo>({ script: TEST_WORKER, size: 1, hardTimeoutMs: 10_000 });
    const queued = [pool.run('spin'), pool.run('never')];
    await pool.close();
    for (const outcome of await Promise.all(queued)) expect(outcome).toMatchObject({ ok: false, code: 'WORKER_ERROR' });
  });
});
