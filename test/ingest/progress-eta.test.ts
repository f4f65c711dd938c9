import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { ProgressBar } from '../../src/cli/ui/progress.js';

/** The ETA that `parley ingest` asks the progress bar for (an option; `parley extract` does not show it). */

function terminal(): { stream: NodeJS.WriteStream; lastLine: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 120 });
  return { stream, lastLine: () => chunks.join('').split('\r\x1b[2K').at(-1)! };
}

describe('ProgressBar with eta', () => {
  it('shows the time left from the rate so far once the total is known, and none before', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const { stream, lastLine } = terminal();
      const bar = new ProgressBar(stream, 'ingesting', { eta: true });
      vi.advanceTimersByTime(10_000);
      for (let i = 0; i < 100; i++) bar.tick(false);
      bar.setTotal(100);
      expect(lastLine()).not.toContain('ETA');
      bar.setTotal(1300);
      // 100 pages in 10 s: 10 pages/s, 1,200 pages to go → 2 minutes.
      expect(lastLine()).toMatch(/100\/1300 pages {2}10\.0 pages\/s {2}ETA 2m 00s$/);
      bar.setTotal(40_100);
      expect(lastLine()).toMatch(/ETA 1h 06m$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows no ETA without the option', () => {
    const { stream, lastLine } = terminal();
    const bar = new ProgressBar(stream, 'extracting');
    bar.tick(false);
    bar.setTotal(10);
    expect(lastLine()).not.toContain('ETA');
  });
});
