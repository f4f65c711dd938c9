import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runParley, withTempDir } from '../cli/run-parley.js';
import { runInProcess } from '../cli/in-process.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const NEWS = join(FIXTURES, 'news.conll');
const STORY = join(FIXTURES, 'story.txt');

describe('parley ner --conll', () => {
  it('writes every line back with the predicted IOB2 tag; -DOCSTART- and blank lines unchanged, in order', async () => {
    const input = readFileSync(NEWS, 'utf8');
    const run = await runInProcess(['ner', '--conll', NEWS]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const inLines = input.split('\n');
    const outLines = run.stdout.split('\n');
    expect(outLines.length).toBe(inLines.length);
    outLines.forEach((line, i) => {
      const original = inLines[i]!;
      if (original === '' || original.startsWith('-DOCSTART-')) expect(line).toBe(original);
      else expect(line).toMatch(new RegExp(`^${original.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (O|[BI]-(PER|ORG|LOC|MISC))$`));
    });
    const tags = outLines.filter((l) => l && !l.startsWith('-DOCSTART-')).map((l) => [l.split(' ')[0], l.split(' ').at(-1)]);
    expect(tags).toContainEqual(['Kerry', 'I-PER']);
    expect(tags).toContainEqual(['Beijing', 'B-LOC']);
    expect(tags).toContainEqual(['Department', 'I-ORG']);
    expect(tags).toContainEqual(['met', 'O']);
  });

  it('reads standard input and keeps tab-separated columns tab-separated', async () => {
    const run = await runInProcess(['ner', '--conll', '-'], { stdin: readFileSync(join(FIXTURES, 'tabs.conll')) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Kerry\tB-PER\tB-PER\nspoke\tO\tO\n\n$/);
  });

  it('streams a large file with constant memory: one document at a time', async () => {
    await withTempDir(async (dir) => {
      const doc = readFileSync(NEWS, 'utf8');
      const path = join(dir, 'big.conll');
      writeFileSync(path, doc.repeat(2000));
      const run = await runInProcess(['ner', '--conll', path]);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n').length).toBe(doc.repeat(2000).split('\n').length);
    });
  });

  it.each([
    ['a line that starts with whitespace', 'leading-space.conll', /leading-space\.conll:2: not a CoNLL line: the line starts with whitespace/],
    ['token lines with different columns', 'mixed-columns.conll', /mixed-columns\.conll:5: this token line has 2 column\(s\), the first one had 1/],
    ['no token lines at all', 'docstart-only.conll', /has no token lines: nothing to tag/],
  ])('fails with exit 1 on %s, naming the line', async (_name, file, message) => {
    const run = await runInProcess(['ner', '--conll', join(FIXTURES, file)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('passes -DOCSTART- and blank lines through even when it then fails', async () => {
    const run = await runInProcess(['ner', '--conll', join(FIXTURES, 'docstart-only.conll')]);
    expect(run.stdout).toBe(readFileSync(join(FIXTURES, 'docstart-only.conll'), 'utf8'));
  });
});

describe('parley ner on plain text', () => {
  it('gives entities as JSON with offsets into the text exactly as read', async () => {
    const text = readFileSync(STORY, 'utf8');
    const run = await runInProcess(['ner', STORY]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { source: string; entities: { start: number; end: number; type: string; text: string; confidence: number }[] };
    expect(result.source).toBe(STORY);
    for (const entity of result.entities) {
      expect(text.slice(entity.start, entity.end)).toBe(entity.text);
      expect(entity.confidence).toBeGreaterThan(0);
    }
    expect(result.entities).toContainEqual(expect.objectContaining({ text: 'John Kerry', type: 'PER' }));
    expect(result.entities).toContainEqual(expect.objectContaining({ text: 'State Department', type: 'ORG' }));
  });

  it('keeps offsets exact with a byte-order mark, CRLF line ends and characters outside the BMP', async () => {
    await withTempDir(async (dir) => {
      const text = '\uFEFF🙂 Kerry met Wang Yang in Beijing.\r\n\r\n𝒳 The State Department said so.\r\n';
      const path = join(dir, 'odd.txt');
      writeFileSync(path, text);
      const run = await runInProcess(['ner', path]);
      expect(run.code).toBe(0);
      const { entities } = JSON.parse(run.stdout) as { entities: { start: number; end: number; text: string }[] };
      expect(entities.length).toBeGreaterThan(2);
      for (const e of entities) expect(text.slice(e.start, e.end)).toBe(e.text);
    });
  });

  it('prints a readable listing with --format text', async () => {
    const run = await runInProcess(['ner', '--format', 'text', '-'], { stdin: 'Secretary of State John Kerry visited Beijing.\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^-: \d+ entities in 1 sentences/);
    expect(run.stdout).toMatch(/^\s+\d+-\d+\s+PER\s+\d\.\d\d\s+John Kerry$/m);
  });

  it('fails with exit 1 on a missing file and on an empty input', async () => {
    const missing = await runInProcess(['ner', join(FIXTURES, 'no-such-file.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot open .*no-such-file\.txt: no such file or directory/);
    const empty = await runInProcess(['ner', '-'], { stdin: '  \n\n' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/standard input is empty: nothing to tag/);
    const missingConll = await runInProcess(['ner', '--conll', join(FIXTURES, 'no-such-file.conll')]);
    expect(missingConll.code).toBe(1);
    expect(missingConll.stderr).toMatch(/no such file or directory/);
  });

  it('refuses a text over --max-bytes', async () => {
    const run = await runInProcess(['ner', '--max-bytes', '100', STORY]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/larger than the limit of 100B/);
  });
});

describe('parley ner usage errors exit 2', () => {
  it.each([
    ['no input', ['ner'], /missing required argument 'input'/],
    ['an unknown format', ['ner', '--format', 'xml', STORY], /Allowed choices are json, text/],
    ['--format with --conll', ['ner', '--conll', '--format', 'text', NEWS], /--format applies to plain text/],
    ['a bad --max-context-tokens', ['ner', '--max-context-tokens', '0', STORY], /whole number of at least 1/],
  ])('%s', async (_name, args, message) => {
    const run = await runParley(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });

  it('is listed in parley --help, and explains itself', async () => {
    expect((await runInProcess(['--help'])).stdout).toMatch(/^\s+ner \[options\] <input>/m);
    const help = await runInProcess(['ner', '--help']);
    expect(help.code).toBe(0);
    for (const text of ['--conll', '--format', '--max-bytes', 'Examples:', 'Exit status: 0']) expect(help.stdout).toContain(text);
  });
});
