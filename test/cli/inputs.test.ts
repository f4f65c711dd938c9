import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enumerateInputs, pageStem, type InputItem } from '../../src/cli/io/inputs.js';
import { withTempDir } from './run-parley.js';

async function collect(args: string[], options: Parameters<typeof enumerateInputs>[1] = { nestDirectories: false }): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of enumerateInputs(args, options)) items.push(item);
  return items;
}

async function tree(root: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await mkdir(join(root, file, '..'), { recursive: true });
    await writeFile(join(root, file), '<p>x</p>');
  }
}

describe('enumerateInputs', () => {
  it('lists a directory page files first (by name, code-unit order), then each subdirectory, depth first', async () => {
    await withTempDir(async (root) => {
      await tree(root, ['b.html', 'B.htm', 'a/z.html', 'a/b/c.xhtml', 'a/a.html.gz', 'c/d.HTML', 'a.html', 'notes.txt', '.hidden/x.html', 'c/.x.html']);
      const items = await collect([root]);
      expect(items.map((item) => item.source)).toEqual(
        ['B.htm', 'a.html', 'b.html', 'a/a.html.gz', 'a/z.html', 'a/b/c.xhtml', 'c/d.HTML'].map((p) => `${root}${sep}${p.replaceAll('/', sep)}`),
      );
      expect(items.map((item) => (item.kind === 'file' ? item.outputStem : ''))).toEqual(['B', 'a', 'b', 'a/a', 'a/z', 'a/b/c', 'c/d'].map((p) => p.replaceAll('/', sep)));
    });
  });

  it('keeps arguments in order, - as stdin, a missing path as an error item, and a trailing slash as given', async () => {
    await withTempDir(async (root) => {
      await tree(root, ['d/one.html']);
      const items = await collect([`${root}/d/`, '-', join(root, 'nope.html')], { nestDirectories: true });
      expect(items.map((item) => [item.kind, item.source])).toEqual([
        ['file', `${root}/d/one.html`],
        ['stdin', '-'],
        ['error', join(root, 'nope.html')],
      ]);
      expect(items[0]).toMatchObject({ outputStem: `d${sep}one` });
      expect(items[2]).toMatchObject({ code: 'READ_ERROR', message: expect.stringContaining('no such file or directory') });
    });
  });

  it('follows links to files but not to directories, and never enters the excluded (output) directory', async () => {
    await withTempDir(async (root) => {
      await tree(root, ['pages/a.html', 'out/old.html', 'elsewhere/b.html']);
      await symlink(join(root, 'elsewhere', 'b.html'), join(root, 'pages', 'linked.html'));
      await symlink(join(root, 'pages'), join(root, 'pages', 'loop'));
      await symlink(join(root, 'missing.html'), join(root, 'pages', 'dangling.html'));
      const items = await collect([root], { nestDirectories: false, exclude: join(root, 'out') });
      expect(items.map((item) => item.source.slice(root.length + 1))).toEqual(['elsewhere/b.html', 'pages/a.html', 'pages/dangling.html', 'pages/linked.html'].map((p) => p.replaceAll('/', sep)));
    });
  });

  it('names outputs after the page without its extension', () => {
    expect(['a.html', 'a.HTM', 'a.xhtml', 'a.html.gz', 'a.txt', 'a', '.html', 'a.b.html'].map(pageStem)).toEqual(['a', 'a', 'a', 'a', 'a', 'a', '.html', 'a.b']);
  });
});
