import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runParley } from './cli/run-parley.js';

/**
 * The README's excerpts of real output are checked against the output itself, so they cannot drift
 * (it once said 12 quotes where Parley printed 11). An excerpt is the fenced block after a comment
 * `<!-- excerpt of: parley ARGS -->`: each of its lines must be a line of the output, in order, where
 * `...` inside a line stands for any text and a line of `...` alone for any number of lines.
 */

interface Excerpt {
  readonly args: readonly string[];
  readonly lines: readonly string[];
}

function excerpts(readme: string): Excerpt[] {
  const found: Excerpt[] = [];
  const marker = /<!-- excerpt of: parley (.+?) -->\n```[^\n]*\n([\s\S]*?)\n```/g;
  for (const match of readme.matchAll(marker)) found.push({ args: match[1]!.split(/\s+/), lines: match[2]!.split('\n') });
  return found;
}

/** The first excerpt line not found in order, or null when every line is there. */
function firstMissing(excerpt: readonly string[], output: readonly string[]): string | null {
  let at = 0;
  for (const line of excerpt) {
    if (line.trim() === '...') continue;
    const pattern = new RegExp(`^${line.trimEnd().split('...').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    const index = output.findIndex((candidate, i) => i >= at && pattern.test(candidate.trimEnd()));
    if (index === -1) return line;
    at = index + 1;
  }
  return null;
}

describe('the README', () => {
  const found = excerpts(readFileSync(join(REPO, 'README.md'), 'utf8'));

  it('marks its excerpts of real output', () => {
    expect(found.length).toBeGreaterThanOrEqual(3);
  });

  for (const excerpt of found) {
    it(`shows what "parley ${excerpt.args.join(' ')}" prints`, async () => {
      const run = await runParley(excerpt.args);
      expect(run.code, run.stderr).toBe(0);
      expect(firstMissing(excerpt.lines, run.stdout.split('\n')), 'this README line is not in the output (update the README from the real output)').toBeNull();
    });
  }

  it('finds a drifted line (the check can fail)', () => {
    expect(firstMissing(['Quotes (12)'], ['Quotes (11)'])).toBe('Quotes (12)');
    expect(firstMissing(['A ...', '...', 'B'], ['A x', 'y', 'B'])).toBeNull();
    expect(firstMissing(['B', 'A'], ['A', 'B'])).toBe('A');
  });
});
