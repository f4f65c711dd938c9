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

  /** A shared spacing as the archive's database keeps it: each booking moves the host's next start on. */
  function sharedSpacing(calls: string[]): (host: string, gapMs: number) => Promise<number> {
    const next = new Map<string, number>();
    return async (host, gapMs) => {
      calls.push(`${host} ${gapMs}`);
      const start = Math.max(next.get(host) ?? 0, Date.now());
      next.set(host, start + gapMs);
      return start - Date.now();
    };
  }

  it('starts a request when the spacing shared with other processes says, with the host\'s own delay', async () => {
    vi.setSystemTime(0);
    const calls: string[] = [];
    const shared = sharedSpacing(calls);
    // Another worker process booked a.example twice already: its requests start at 0 and 1000.
    await shared('a.example', 1000);
    await shared('a.example', 1000);
    const scheduler = new HostScheduler(1, 1000, shared);
    scheduler.setDelay('slow.example', 3000);
    const started: string[] = [];
    const runs = [...start(scheduler, 'a.example', 2, started), ...start(scheduler, 'slow.example', 1, started)];
    await vi.advanceTimersByTimeAsync(1999);
    expect(started).toEqual(['slow.example#0@0']);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual(['slow.example#0@0', 'a.example#0@2000']);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(started.at(-1)).toBe('a.example#1@3000');
    expect(calls).toEqual(['a.example 1000', 'a.example 1000', 'a.example 1000', 'slow.example 3000', 'a.example 1000']);
  });

  it('keeps its own spacing and goes on when the shared spacing cannot be asked', async () => {
    vi.setSystemTime(0);
    const scheduler = new HostScheduler(1, 1000, async () => {
      throw new Error('the database is away');
    });
    const started: string[] = [];
    const runs = start(scheduler, 'a.example', 2, started);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(runs);
    expect(started).toEqual(['a.example#0@0', 'a.example#1@1000']);
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
