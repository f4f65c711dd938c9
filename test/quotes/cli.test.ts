import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, REPO } from '../cli/run-parley.js';
import { runInProcess } from '../cli/in-process.js';

const STORY = join('test', 'fixtures', 'quotes', 'story.txt');
const BINARY = join('test', 'fixtures', 'quotes', 'binary.txt');
const EXAMPLE = join('examples', 'voa-us-china-talks.html');

interface QuoteJson {
  text: string;
  start: number;
  end: number;
  kind: string;
  cue: string | null;
  speaker: { name: string; start: number; end: number; code: string | null } | null;
  confidence: number;
}

describe('parley quotes', () => {
  it('json: the quotes of a text file, with offsets into the text exactly as read', async () => {
    const run = await runInProcess(['quotes', '--format', 'json', STORY]);
    expect(run.code).toBe(0);
    const text = readFileSync(join(REPO, STORY), 'utf8');
    const quotes = JSON.parse(run.stdout) as QuoteJson[];
    expect(quotes.map((q) => q.text)).toContain('We will keep talking,');
    for (const q of quotes) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      if (q.speaker) expect(text.slice(q.speaker.start, q.speaker.end).length).toBeGreaterThan(0);
    }
    const first = quotes.find((q) => q.text === 'We will keep talking,')!;
    expect(first).toMatchObject({ cue: 'said', kind: 'direct', speaker: { name: 'Maria Lopez', code: null } });
    expect(quotes.filter((q) => q.speaker?.name === 'Maria Lopez').length).toBeGreaterThanOrEqual(3);
  });

  it('jsonl: one line per input in order, failures as error lines, exit 1', async () => {
    const run = await runInProcess(['quotes', '--format', 'jsonl', STORY, 'missing.txt', BINARY, EXAMPLE]);
    expect(run.code).toBe(1);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l['source'])).toEqual([STORY, 'missing.txt', BINARY, EXAMPLE]);
    expect(lines[1]!['error']).toMatchObject({ code: 'READ_ERROR' });
    expect(lines[2]!['error']).toMatchObject({ code: 'BINARY_CONTENT' });
    const page = lines[3]!['quotes'] as QuoteJson[];
    expect(page.find((q) => q.text === 'beyond bilateral relations')?.speaker?.name).toBe('Wang Yang');
  });

  it('table by default', async () => {
    const run = await runInProcess(['quotes', STORY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/story\.txt: \d+ quotes/);
    expect(run.stdout).toContain('Maria Lopez');
  });

  it('usage errors exit 2', async () => {
    const several = await runInProcess(['quotes', '--format', 'json', STORY, STORY]);
    expect(several.code).toBe(2);
    expect(several.stderr).toContain('--format jsonl');
    const badFormat = await runInProcess(['quotes', '--format', 'xml', STORY]);
    expect(badFormat.code).toBe(2);
  });
});
