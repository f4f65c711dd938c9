import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/app/ingest.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import type { Store } from '../../src/store/store.js';
import { pageHtml } from '../ingest/helpers/pages.js';
import { REPRINTS, SAME_TOPIC, WIRE_STORY } from '../ingest/fixtures/wire-stories.js';
import { postgresAvailable, startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { htmlResponse, plainArchive, warcRecord } from '../sources/helpers/warc-builder.js';

/**
 * Two writers (two worker processes' stores) deciding at the same moment whether their pages copy a
 * stored article: a page's decision and its commit hold locks on what the decision reads (its canonical
 * URL, text and LSH bands), so a near-duplicate committed by the other writer is always seen, and pages
 * that cannot be copies of each other do not wait for each other. Every commit is held back here so the
 * two decisions overlap: without the locks both near-duplicates would be decided before either is stored.
 */

const available = postgresAvailable();
let server: PostgresServer | null = null;
let dir = '';

/** The store with every commit delayed: the decisions of two writers then overlap. */
function slowCommits(store: Store, ms: number): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'commitPage') {
        return async (...args: Parameters<Store['commitPage']>) => {
          await new Promise((resolve) => setTimeout(resolve, ms));
          return target.commitPage(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const story = (paragraphs: string, published: string): string =>
  pageHtml({ title: 'Dock workers strike at Carrow as pay talks fail', paragraphs: paragraphs.split('\n\n'), published });

async function archiveOf(name: string, url: string, html: string): Promise<string> {
  const path = join(dir, `${name}.warc`);
  await writeFile(path, plainArchive([warcRecord(htmlResponse(url, html))]).bytes);
  return path;
}

const INLINE = { inline: true, jobs: 1, analysis: null } as const;

if (available) {
  beforeAll(async () => {
    server = await startPostgres();
    dir = await mkdtemp(join(tmpdir(), 'parley-decisions-'));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  describe('two writers deciding at the same moment', () => {
    /** The wire story on its own site: the first writer's page in each test. */
    const ORIGINAL: [string, string] = ['https://www.northern-press.example/2026/03/carrow-strike', story(WIRE_STORY, '2026-03-02T09:30:00Z')];

    /** Ingests ORIGINAL and `other` at the same moment, by two writers, then checks the archive with `check`. */
    const both = async (database: string, other: [string, string], check: (store: Store) => Promise<void>): Promise<void> => {
      const url = await server!.createDatabase(database);
      const stores = [await openPostgresStore(url, { mode: 'write' }), await openPostgresStore(url, { mode: 'write' })];
      try {
        const sources = await Promise.all([ORIGINAL, other].map(([address, html], i) => archiveOf(`${database}-${i}`, address, html)));
        await Promise.all(stores.map((store, i) => ingest({ sources: [sources[i]!], store: slowCommits(store, 400), settings: INLINE })));
        await check(stores[0]!);
      } finally {
        for (const store of stores) await store.close();
      }
    };

    it('stores two near-duplicate reports (a reprint) as an article and its copy, never as two unrelated articles', async () => {
      await both('reprints', ['https://coastal-herald.example/world/carrow-dockers', story(REPRINTS['a different byline']!, '2026-03-02T15:00:00Z')], async (store) => {
        expect(await store.stats()).toMatchObject({ articles: 2, duplicates: 1, duplicateGroups: 1 });
        const copy = (await store.getArticle('https://coastal-herald.example/world/carrow-dockers'))!;
        expect(copy.duplicate?.similarity).toBeGreaterThan(0.8);
      });
    }, 60_000);

    it('keeps two reports of one event by different outlets apart (they share no band)', async () => {
      await both('apart', ['https://bay-observer.example/business/carrow', story(SAME_TOPIC['another outlet’s own report of the strike']!, '2026-03-02T12:00:00Z')], async (store) => {
        expect(await store.stats()).toMatchObject({ articles: 2, duplicates: 0, duplicateGroups: 0 });
      });
    }, 60_000);
  });
} else {
  describe.skip('two writers deciding at the same moment (PostgreSQL is not installed)', () => it('needs PostgreSQL', () => undefined));
}
