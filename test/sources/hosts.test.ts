import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HostScheduler } from '../../src/sources/fetch/hosts.js';

/** The politeness delay, checked on a fake clock: no real waiting, no timing assertions. */
describe('HostScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `count` tasks on `host`; each records when it started and finishes at once. */
  function start(scheduler: HostScheduler, host: string, count: number, started: string[]): Promise<void>[] {
    return Array.from({ length: count }, (_, n) => scheduler.run(host, async () => void started.push(`${host}#${n}@${Date.now()}`)));
  }

  it('spaces the starts of requests to one host by the politeness delay', async () => {
    vi.setSystemTime(0);
    const scheduler = new HostScheduler(1, 1000);
    const started: string[] = [];
    const runs = start(scheduler, 'a.example', 3, started);
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual(['a.example#0@0']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['a.example#0@0', 'a.example#1@1000']);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(started).toEqual(['a.example#0@0', 'a.example#1@1000', 'a.example#2@2000']);
  });

  it('does not make other hosts wait, and honours a longer crawl delay for one host', async () => {
    vi.setSystemTime(0);
    const scheduler = new HostScheduler(1, 100);
    scheduler.setDelay('slow.example', 5000);
    const started: string[] = [];
    const runs = [...start(scheduler, 'slow.example', 2, started), ...start(scheduler, 'fast.example', 2, started)];
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toEqual(['slow.example#0@0', 'fast.example#0@0', 'fast.example#1@100']);
    await vi.advanceTimersByTimeAsync(4900);
    await Promise.all(runs);
    expect(started.at(-1)).toBe('slow.example#1@5000');
  });

  it('cancels a waiting request when its signal aborts, and every waiter when closed', async () => {
    const scheduler = new HostScheduler(1, 10_000);
    await scheduler.run('a.example', async () => undefined);
    const controller = new AbortController();
    const aborted = scheduler.run('a.example', async () => 'ran', controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    const waiting = scheduler.run('a.example', async () => 'ran');
    scheduler.close();
    await expect(waiting).rejects.toThrow('closed');
  });
});
