import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticles } from '../../src/store/contract/fixtures.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { runInProcess } from '../cli/in-process.js';

/**
 * A custom taxonomy is the archive's: given once with --themes, later runs without it keep using it (and
 * say so), even after the file is gone; --builtin-themes goes back. `parley reanalyze --jobs 1` runs on
 * this thread, so it runs in-process here.
 */

const SPACE_YAML = ['name: newsroom', 'version: "7"', 'themes:', '  - code: SPACE_LAUNCHES', '    terms: [n:satellite, v:launch, n:rocket]', ''].join('\n');

let dir = '';
let db = '';
let taxonomyFile = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-taxonomy-'));
  db = join(dir, 'archive.db');
  taxonomyFile = join(dir, 'my-themes.yaml');
  await writeFile(taxonomyFile, SPACE_YAML);
  const store = await openSqliteStore(db, { mode: 'write' });
  await storeArticles(store, [{ key: 'launch', title: 'Rocket launch', paragraphs: ['The agency will launch a rocket carrying two satellites on Friday, officials said. The satellite will study the climate.'], published: '2024-05-02' }]);
  await store.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function themesOfArticle(): Promise<string[]> {
  const shown = JSON.parse((await runInProcess(['show', '1', '--db', db, '--format', 'json'])).stdout) as { analysis: { themes: { theme: string }[] } | null };
  return (shown.analysis?.themes ?? []).map((t) => t.theme).sort();
}

describe('the theme taxonomy of an archive', () => {
  it('is remembered from --themes, kept by a later plain reanalyze (the file may be gone), and forgotten with --builtin-themes', async () => {
    const first = await runInProcess(['reanalyze', '--db', db, '--jobs', '1', '--themes', taxonomyFile, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/themes: the theme taxonomy "newsroom" \(version 7\) of .*my-themes\.yaml; this archive remembers it/);
    expect(await themesOfArticle()).toContain('SPACE_LAUNCHES');

    await rm(taxonomyFile);
    const plain = await runInProcess(['reanalyze', '--db', db, '--jobs', '1', '--all', '--json']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).toMatch(/themes: the theme taxonomy "newsroom" \(version 7\) this archive remembers from --themes .*my-themes\.yaml; --builtin-themes goes back/);
    expect(JSON.parse(plain.stdout)).toMatchObject({ reanalyzed: 1 });
    expect(await themesOfArticle()).toContain('SPACE_LAUNCHES');

    const builtin = await runInProcess(['reanalyze', '--db', db, '--jobs', '1', '--builtin-themes', '--json']);
    expect(builtin.code, builtin.stderr).toBe(0);
    expect(builtin.stderr).toContain('the built-in theme taxonomy; this archive no longer remembers its own.');
    expect(JSON.parse(builtin.stdout)).toMatchObject({ reanalyzed: 1 }); // its themes were of another taxonomy: stale
    expect(await themesOfArticle()).not.toContain('SPACE_LAUNCHES');
    const quiet = await runInProcess(['reanalyze', '--db', db, '--jobs', '1', '--json']);
    expect(quiet.stderr).not.toContain('themes:');
  }, 120_000);

  it('refuses --themes with --builtin-themes (exit 2), and a malformed file before anything runs (exit 1)', async () => {
    const both = await runInProcess(['reanalyze', '--db', db, '--jobs', '1', '--themes', 'x.yaml', '--builtin-themes']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/two different taxonomies/);
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'themes:\n  - code: lower\n    terms: [a]\n');
    const bad = await runInProcess(['reanalyze', '--db', db, '--jobs', '1', '--themes', broken]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/broken\.yaml:2:\d+: themes\[0\]\.code must be an upper-case code/);
  });
});
