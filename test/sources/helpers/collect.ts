import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceFailure, SourceItem, SourcePage } from '../../../src/sources/page.js';

export const SOURCE_FIXTURES = fileURLToPath(new URL('../../fixtures/sources/', import.meta.url));

export async function collect(reader: AsyncIterable<SourceItem>): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of reader) items.push(item);
  return items;
}

export function pages(items: readonly SourceItem[]): SourcePage[] {
  return items.filter((item): item is SourcePage => item.kind === 'page');
}

export function failures(items: readonly SourceItem[]): SourceFailure[] {
  return items.filter((item): item is SourceFailure => item.kind === 'failure');
}

export function text(page: SourcePage): string {
  return Buffer.from(page.bytes).toString('utf8');
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-sources-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
