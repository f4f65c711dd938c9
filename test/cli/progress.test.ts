import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/ui/progress.js';

/** A terminal-like stream that keeps what was written. */
function terminal(columns = 100): { stream: NodeJS.WriteStream; written: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns });
  return { stream, written: () => chunks.join('') };
}

describe('ProgressBar', () => {
  it('shows pages done of the total, the rate and failures, on one redrawn line', () => {
    const { stream, written } = terminal();
    const bar = new ProgressBar(stream, 'extracting');
    bar.tick(false);
    bar.tick(true);
    bar.setTotal(8);
    const line = written().split('\r\x1b[2K').at(-1)!;
    expect(line).toMatch(/^extracting {2}█{6}░{18} {2}2\/8 pages {2}\d+\.\d pages\/s {2}1 failed$/);
  });

  it('never wraps on a narrow terminal', () => {
    const { stream, written } = terminal(30);
    new ProgressBar(stream, 'extracting').setTotal(8);
    expect(written().split('\r\x1b[2K').at(-1)).toHaveLength(29);
  });

  it('prints messages above the bar, and nothing more once finished', () => {
    const { stream, written } = terminal();
    const bar = new ProgressBar(stream, 'extracting');
    bar.log('parley extract: a.html: The page is empty. [EMPTY_INPUT]');
    expect(written()).toContain('\r\x1b[2Kparley extract: a.html: The page is empty. [EMPTY_INPUT]\n');
    bar.finish();
    const before = written();
    bar.setTotal(3);
    bar.tick(false);
    bar.log('summary');
    expect(written()).toBe(`${before}summary\n`);
  });
});
