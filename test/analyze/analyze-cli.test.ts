import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.js';
import { REPO, runParley, withTempDir } from '../cli/run-parley.js';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';

/** `parley analyze`: once as a real process from the built dist/ (npm test builds it first), then in this process. */
const PAGE = join(REPO, 'examples', 'voa-us-china-talks.html');

interface Report {
  article: { title: string; published: string };
  counts: Record<string, number>;
  layers: Record<string, { start: number; end: number; text: string }[]>;
  entities: { name: string; code: string | null; type: string; role: string | null; confidence: number; mentions: { start: number; end: number; text: string }[] }[];
}

describe('parley analyze', () => {
  it('prints the worked example as JSON: the article, its layers and its entities with codes and mentions', async () => {
    const run = await runParley(['analyze', PAGE]); // the installed command, as a process; the rest run in this process
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.article).toMatchObject({ title: 'US, China Discuss Cyber Security, Climate Change' });
    expect(report.article.published.startsWith('2013-07-10')).toBe(true);
    expect(report.counts.tokens).toBeGreaterThan(100);
    expect(report.layers.sentences!.length).toBeGreaterThan(5);
    expect(report.layers.entities!.some((e) => e.text === 'John Kerry')).toBe(true);
    const kerry = report.entities.find((e) => e.name === 'John Kerry');
    expect(kerry).toMatchObject({ code: 'USAGOV', type: 'person', role: 'Secretary of State' });
    expect(kerry!.mentions.map((m) => m.text)).toEqual(['John Kerry', 'Kerry']);
    expect(report.entities.find((e) => e.name === 'Chinese state media')?.code).toBe('CHNMED');
  });

  it('prints a readable report with --format text, and reads a .txt file as the article text', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'note.txt');
      await writeFile(file, 'Chinese Vice Premier Wang Yang met U.S. lawmakers in Washington on Monday. Wang said trade would grow.\n');
      const run = await runInProcess(['analyze', '--format', 'text', file]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Entities \(\d+\)$/m);
      expect(run.stdout).toMatch(/CHNGOV\s+Wang Yang \(person, Vice Premier; \d\.\d\d\)/);
      expect(run.stdout).toContain('"Wang"');
      expect(run.stdout).toContain('USALEG');
    });
  });

  it('reads standard input', async () => {
    const run = await runInProcess(['analyze', '-'], { stdin: 'Secretary of State John Kerry arrived on Monday.' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).entities.find((e) => e.name === 'John Kerry')).toBeDefined();
  });

  it('exits 1 on a page that cannot be read or is empty, 2 on a usage error', async () => {
    const missing = await runInProcess(['analyze', join(REPO, 'no-such-page.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^parley analyze: .*no-such-page\.html: Cannot open the path: no such file or directory.*\[READ_ERROR\]/);
    const empty = await runInProcess(['analyze', '-'], { stdin: '' });
    expect(empty.code).toBe(1);
    const usage = await runInProcess(['analyze', '--format', 'xml', PAGE]);
    expect(usage.code).toBe(2);
  });

  it('takes many pages and directories: one JSON line per page in input order, failures as error lines, exit 1 when any failed', async () => {
    await withTempDir(async (dir) => {
      const note = join(dir, 'note.txt');
      await writeFile(note, 'Chinese Vice Premier Wang Yang met U.S. lawmakers in Washington on Monday.\n');
      await mkdir(join(dir, 'pages'));
      await copyFile(PAGE, join(dir, 'pages', 'voa.html'));
      await writeFile(join(dir, 'pages', 'empty.html'), '');
      const run = await runInProcess(['analyze', note, join(dir, 'pages')]);
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Report & { source: string; error?: { code: string } });
      expect(lines.map((line) => [line.source, line.error?.code ?? 'ok'])).toEqual([
        [note, 'ok'],
        [join(dir, 'pages', 'empty.html'), 'EMPTY_INPUT'],
        [join(dir, 'pages', 'voa.html'), 'ok'],
      ]);
      expect(lines[2]!.entities.some((e) => e.name === 'John Kerry')).toBe(true);
      expect(run.stderr).toMatch(/empty\.html: .*\[EMPTY_INPUT\]/);
      const text = await runInProcess(['analyze', '--format', 'text', note, join(dir, 'pages', 'voa.html')]);
      expect(text.code).toBe(0);
      expect(text.stdout.match(/^ {2}source: {4}/gm)).toHaveLength(2);
    });
  });

  it('refuses --format json for a directory or several pages (it holds one page) as a usage error, exit 2', async () => {
    for (const args of [['--format', 'json', join(REPO, 'examples')], ['--format', 'json', PAGE, PAGE], ['--url', 'https://example.com/a', join(REPO, 'examples')]]) {
      const run = await runInProcess(['analyze', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/--format jsonl|--url is the address of one page/);
    }
  });

  it('explains itself in --help, with examples and exit statuses', async () => {
    const run = await runInProcess(['analyze', '--help']);
    expect(run.code).toBe(0);
    for (const text of ['--format', '--actors', '--url', '--max-elements', 'Examples:', '$ parley analyze', 'Exit status: 0']) expect(run.stdout).toContain(text);
  });
});
