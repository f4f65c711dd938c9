import { describe, expect, it } from 'vitest';
import { settingsFrom } from '../../src/cli/commands/ingest.js';
import { LIMIT_FLAGS } from '../../src/sources/limit-flags.js';
import { runInProcess } from './in-process.js';

/** Limit messages name the flags a user can pass: each flag they name is one `parley ingest` has. */
describe('limit flags', () => {
  it('names, for every fetch and source limit, a flag that parley ingest --help lists', async () => {
    const help = await runInProcess(['ingest', '--help']);
    expect(help.code).toBe(0);
    for (const [option, flag] of Object.entries(LIMIT_FLAGS)) expect(help.stdout, option).toMatch(new RegExp(`^\\s+(?:-\\w, )?${flag}\\b`, 'm'));
  });

  it('documents the two time limits of a fetch apart: --timeout between bytes, --total-timeout for the whole page', async () => {
    const help = (await runInProcess(['ingest', '--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--timeout <duration> longest silence from a server: connecting, and between two bytes/);
    expect(help).toMatch(/--total-timeout <duration> longest time for the whole fetch of one page.*\(default: 120s\)/);
    expect(help).toContain('fails as TRUNCATED');
  });

  it('sets each limit from its own flag: --timeout no longer moves the whole-page limit, which may be lower than 120 s', () => {
    const flags = { raw: true, concurrency: 8, jobs: 1, workerHeap: 256, maxBytes: 1024, delay: 0, analysis: true, timeout: 5000, totalTimeout: 8000, extractTimeout: 3000, maxFeedBytes: 2048, maxFeedEntries: 10, maxSitemapDepth: 0, maxRedirects: 2 };
    const settings = settingsFrom(flags as Parameters<typeof settingsFrom>[0]);
    expect(settings.fetch).toMatchObject({ connectTimeoutMs: 5000, readTimeoutMs: 5000, totalTimeoutMs: 8000, maxFeedBytes: 2048, maxRedirects: 2 });
    expect(settings).toMatchObject({ extractTimeoutMs: 3000, maxFeedEntries: 10, maxSitemapDepth: 0, maxPageBytes: 1024, refresh: false });
    expect(settingsFrom({ ...flags, refresh: true } as Parameters<typeof settingsFrom>[0]).refresh).toBe(true);
  });
});
