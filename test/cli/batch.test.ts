import { readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PAGES, SITE, jsonLines, runParley, withTempDir } from './run-parley.js';

const STORY = join(PAGES, 'harbor-bridge.html');
const BUDGET = join(PAGES, 'council-budget.htm');
const EMPTY = join(PAGES, 'empty.html');
const SITE_PAGES = ['front.html', join('2024', '05', 'ferry-strike.html'), join('2024', '06', 'library-opens.xhtml')];

/** A PNG header and random-looking bytes under an .html name: the kind of file a crawl leaves behind. */
const BINARY_PAGE = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(2048, 0xa7)]);

describe('parley extract --format jsonl', () => {
  it('writes one line per page in input order, with error lines for missing, empty and binary pages; exit 1', async () => {
    await withTempDir(async (dir) => {
      const binary = join(dir, 'scan.html');
      const gz = join(dir, 'budget.html.gz');
      await writeFile(binary, BINARY_PAGE);
      await writeFile(gz, gzipSync(await readFile(BUDGET)));
      const missing = join(dir, 'missing.html');
      const inputs = [STORY, missing, EMPTY, binary, gz, BUDGET];
      const run = await runParley(['extract', '--format', 'jsonl', '--jobs', '2', ...inputs]);
      expect(run.code).toBe(1);
      const lines = jsonLines(run.stdout);
      expect(run.stdout.endsWith('\n')).toBe(true);
      expect(lines.map((line) => line.source)).toEqual(inputs);
      expect(lines.map((line) => (line.error as { code?: string } | undefined)?.code ?? 'ok')).toEqual(['ok', 'READ_ERROR', 'EMPTY_INPUT', 'BINARY_CONTENT', 'ok', 'ok']);
      expect(Object.keys(lines[1]!)).toEqual(['source', 'error']);
      expect(Object.keys(lines[1]!.error as object)).toEqual(['code', 'message']);
      expect(Object.keys(lines[0]!)).toEqual(['source', 'title', 'authors', 'published', 'modified', 'language', 'siteName', 'url', 'canonicalUrl', 'description', 'image', 'section', 'tags', 'captions', 'text', 'markdown', 'wordCount', 'provenance']);
      expect(lines[4]!.text).toBe(lines[5]!.text);
      expect(run.stderr).toContain(`${missing}: Cannot open the path: no such file or directory`);
      expect(run.stderr).toContain('6 pages: 3 extracted, 3 failed (READ_ERROR 1, EMPTY_INPUT 1, BINARY_CONTENT 1).');
    });
  });

  it('exits 0 when every page is extracted; --quiet leaves stderr empty', async () => {
    const run = await runParley(['extract', '--quiet', STORY, BUDGET]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(jsonLines(run.stdout)).toHaveLength(2);
  });

  it('walks a directory recursively: pages in name order, then subfolders; skips hidden folders and other files', async () => {
    const run = await runParley(['extract', 'test/fixtures/cli/site/']);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((line) => line.source)).toEqual(SITE_PAGES.map((page) => `test/fixtures/cli/site/${page}`));
  });

  it('reads stdin for -, in its place among the other inputs', async () => {
    const run = await runParley(['extract', STORY, '-', BUDGET], { stdin: await readFile(join(SITE, 'front.html')) });
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((line) => line.source)).toEqual([STORY, '-', BUDGET]);
    expect(lines[1]!.text).toMatch(/^Twelve new tide gauges went into service/);
  });

  it('gives the same output whatever the number of workers', async () => {
    const args = ['extract', '--format', 'jsonl', PAGES, SITE, STORY];
    const [one, three] = await Promise.all([runParley([...args, '--jobs', '1']), runParley([...args, '--jobs', '3'])]);
    expect(one.code).toBe(1); // pages/empty.html
    expect(three.stdout).toBe(one.stdout);
    expect(jsonLines(one.stdout)).toHaveLength(4 + 3 + 1);
  });
});

describe('parley extract --format json with several pages', () => {
  it('prints one JSON array in input order, failures as {source, error}', async () => {
    const run = await runParley(['extract', '--format', 'json', STORY, EMPTY]);
    expect(run.code).toBe(1);
    const pages = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(pages.map((page) => page.source)).toEqual([STORY, EMPTY]);
    expect(pages[1]).toEqual({ source: EMPTY, error: { code: 'EMPTY_INPUT', message: expect.any(String) } });
  });
});

describe('parley extract --output DIR', () => {
  it('writes one file per page, mirroring a directory input, with the format extension', async () => {
    await withTempDir(async (out) => {
      const run = await runParley(['extract', '--format', 'markdown', '--output', out, SITE]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect((await listFiles(out)).sort()).toEqual(SITE_PAGES.map((page) => page.replace(/\.x?html$/, '.md')).sort());
      expect(await readFile(join(out, '2024', '05', 'ferry-strike.md'), 'utf8')).toMatch(/^---\ntitle: "Ferry Crews Call Off Strike/);
    });
  });

  it('puts each directory under its own name when there are several inputs; failures go to stderr only', async () => {
    await withTempDir(async (out) => {
      const run = await runParley(['extract', '--output', out, SITE, STORY, EMPTY]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${EMPTY}: The page is empty. [EMPTY_INPUT]`);
      expect((await listFiles(out)).sort()).toEqual(['harbor-bridge.json', ...SITE_PAGES.map((page) => join('site', page.replace(/\.x?html$/, '.json')))].sort());
      const article = JSON.parse(await readFile(join(out, 'harbor-bridge.json'), 'utf8')) as Record<string, unknown>;
      expect(article.source).toBeUndefined();
      expect(article.text).toMatch(/^The Harbor Bridge will reopen/);
    });
  });

  it('refuses to let two pages of one folder overwrite each other', async () => {
    await withTempDir(async (dir) => {
      const pages = join(dir, 'pages');
      await mkdir(pages);
      await writeFile(join(pages, 'story.htm'), await readFile(STORY));
      await writeFile(join(pages, 'story.html'), await readFile(BUDGET));
      const run = await runParley(['extract', '--format', 'text', '--output', join(dir, 'out'), pages]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/story\.html: Another page of this run was already written to .*story\.txt.*\[OUTPUT_CONFLICT\]/);
      expect(await readFile(join(dir, 'out', 'story.txt'), 'utf8')).toMatch(/^Harbor Bridge/);
    });
  });
});

describe('limits', () => {
  it('--max-bytes rejects a page over the limit and a gzip bomb, accepting 512KB-style sizes', async () => {
    await withTempDir(async (dir) => {
      const big = join(dir, 'big.html');
      const bomb = join(dir, 'bomb.html.gz');
      const story = await readFile(STORY, 'utf8');
      await writeFile(big, story.replace('</article>', `<p>${'Filler. '.repeat(80 * 1024)}</p></article>`));
      await writeFile(bomb, gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
      const run = await runParley(['extract', '--format', 'jsonl', '--max-bytes', '512KB', big, bomb, STORY]);
      expect(run.code).toBe(1);
      const lines = jsonLines(run.stdout);
      expect(lines.map((line) => (line.error as { code?: string } | undefined)?.code ?? 'ok')).toEqual(['TOO_LARGE', 'TOO_LARGE', 'ok']);
      expect((lines[0]!.error as { message: string }).message).toMatch(/larger than the limit of 512KB .*--max-bytes/);
      expect((lines[1]!.error as { message: string }).message).toMatch(/decompresses to more than the limit of 512KB .*--max-bytes/);
    });
  });

  it('--timeout stops a page that takes too long, and the batch goes on', async () => {
    await withTempDir(async (dir) => {
      const slow = join(dir, 'slow.html');
      const paragraph = `<p>${'The harbour board met again to discuss the repair of the sea wall and the winter ferry timetable. '.repeat(20)}</p>\n`;
      await writeFile(slow, `<!DOCTYPE html><html><head><title>Long minutes</title></head><body><article>${paragraph.repeat(1500)}</article></body></html>`);
      // The empty page after it is rejected before any deadline check, whatever the timeout: it shows the worker carried on.
      const run = await runParley(['extract', '--format', 'jsonl', '--timeout', '1ms', '--jobs', '1', slow, EMPTY]);
      expect(run.code).toBe(1);
      expect(jsonLines(run.stdout)).toEqual([
        { source: slow, error: { code: 'TIMEOUT', message: expect.stringMatching(/--timeout/) } },
        { source: EMPTY, error: { code: 'EMPTY_INPUT', message: 'The page is empty.' } },
      ]);
    });
  });

  it('--max-nesting and --max-elements refuse a page past them as TOO_COMPLEX, and the batch goes on', async () => {
    await withTempDir(async (dir) => {
      const page = (inner: string): string => `<!DOCTYPE html><html><head><title>Harbour</title></head><body><article><p>${'The harbour board met again to discuss the sea wall. '.repeat(8)}</p>${inner}</article></body></html>`;
      const deep = join(dir, 'deep.html');
      const wide = join(dir, 'wide.html');
      await writeFile(deep, page(`${'<div>'.repeat(40)}x${'</div>'.repeat(40)}`));
      await writeFile(wide, page('<b>x</b> '.repeat(200)));
      const run = await runParley(['extract', '--format', 'jsonl', '--max-nesting', '30', '--max-elements', '150', '--jobs', '1', deep, wide, EMPTY]);
      expect(run.code).toBe(1);
      expect(jsonLines(run.stdout)).toEqual([
        { source: deep, error: { code: 'TOO_COMPLEX', message: expect.stringMatching(/nests more than 30 elements.*--max-nesting/) } },
        { source: wide, error: { code: 'TOO_COMPLEX', message: expect.stringMatching(/more than 150 elements.*--max-elements/) } },
        { source: EMPTY, error: { code: 'EMPTY_INPUT', message: 'The page is empty.' } },
      ]);
    });
  });

  it('a directory without pages is reported, exit 1', async () => {
    await withTempDir(async (dir) => {
      const run = await runParley(['extract', dir]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain('no pages found');
    });
  });
});

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(root, join(e.parentPath, e.name)));
}

