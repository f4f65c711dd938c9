import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runParley, withTempDir } from '../cli/run-parley.js';
import { writeFile } from 'node:fs/promises';

/** `parley analyze`, run as a real process from the built dist/ (npm test builds it first). */
const PAGE = join(REPO, 'examples', 'voa-us-china-talks.html');

interface Report {
  article: { title: string; published: string };
  counts: Record<string, number>;
  layers: Record<string, { start: number; end: number; text: string }[]>;
  entities: { name: string; code: string | null; type: string; role: string | null; confidence: number; mentions: { start: number; end: number; text: string }[] }[];
}

describe('parley analyze', () => {
  it('prints the worked example as JSON: the article, its layers and its entities with codes and mentions', async () => {
    const run = await runParley(['analyze', PAGE]);
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
      const run = await runParley(['analyze', '--format', 'text', file]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Entities \(\d+\)$/m);
      expect(run.stdout).toMatch(/CHNGOV\s+Wang Yang \(person, Vice Premier; \d\.\d\d\)/);
      expect(run.stdout).toContain('"Wang"');
      expect(run.stdout).toContain('USALEG');
    });
  });

  it('reads standard input', async () => {
    const run = await runParley(['analyze', '-'], { stdin: 'Secretary of State John Kerry arrived on Monday.' });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).entities.find((e) => e.name === 'John Kerry')).toBeDefined();
  });

  it('exits 1 on a page that cannot be read or is empty, 2 on a usage error', async () => {
    const missing = await runParley(['analyze', join(REPO, 'no-such-page.html')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^parley analyze: cannot open/);
    const empty = await runParley(['analyze', '-'], { stdin: '' });
    expect(empty.code).toBe(1);
    const usage = await runParley(['analyze', '--format', 'xml', PAGE]);
    expect(usage.code).toBe(2);
  });

  it('explains itself in --help, with examples and exit statuses', async () => {
    const run = await runParley(['analyze', '--help']);
    expect(run.code).toBe(0);
    for (const text of ['--format', '--actors', '--url', 'Examples:', '$ parley analyze', 'Exit status: 0']) expect(run.stdout).toContain(text);
  });
});
