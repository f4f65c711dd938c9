import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresAvailable, startPostgres, type PostgresServer } from '../../../test/helpers/postgres-server.js';
import { describeStoreContract } from '../contract.js';
import { analysis, event } from '../contract/analysis-fixtures.js';
import { storeArticles } from '../contract/fixtures.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';

// One throw-away server for this file; each test gets a fresh, empty schema of one database (quicker
// than a database per test), named in the URL's search_path.
const available = postgresAvailable();
let server: PostgresServer | null = null;
let database = '';
let n = 0;

if (available) {
  beforeAll(async () => {
    server = await startPostgres();
    database = await server.createDatabase('contract');
  }, 120_000);
  afterAll(async () => server?.stop());

  /** A URL of a fresh, empty schema. */
  const freshSchema = async (): Promise<string> => {
    const schema = `contract_${++n}`;
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    return `${database}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  };

  describeStoreContract('PostgresStore', async () => openPostgresStore(await freshSchema(), { mode: 'write' }));

  describe('PostgresStore: event records with several writers', () => {
    it('groups reports of one event saved at the same moment by two processes into one record, whatever the order of their keys', async () => {
      const url = await freshSchema();
      const stores: PostgresStore[] = [await openPostgresStore(url, { mode: 'write' }), await openPostgresStore(url, { mode: 'write' })];
      try {
        const ids = await storeArticles(stores[0]!, Array.from({ length: 8 }, (_, k) => ({ key: `w${k}`, paragraphs: [`Report ${k}.`], published: '2024-05-01' })));
        // Two keys per article, in opposite orders: saves that locked their keys in event order could deadlock.
        const events = (k: number, day: string): ReturnType<typeof event>[] => {
          const both = [event({ date: day }), event({ date: day, target: 'RUS', at: 50 })];
          return k % 2 === 0 ? both : both.reverse();
        };
        // Each round moves the event to a day of its own: every save of the round wants a record that does not exist yet.
        const days = ['2024-05-01', '2024-05-04', '2024-05-07', '2024-05-10', '2024-05-13'];
        for (const day of days) {
          await Promise.all(ids.map((id, k) => stores[k % 2]!.saveAnalysis(id, analysis({ events: events(k, day) }))));
        }
        const groups = [];
        for await (const group of stores[1]!.streamEventGroups()) groups.push(group);
        // Which of the two records was made first is a matter of timing: compared by target.
        expect(groups.map((g) => [g.target?.code, g.date, g.numArticles, g.numMentions]).sort()).toEqual([
          ['CHN', '2024-05-13', 8, 8],
          ['RUS', '2024-05-13', 8, 8],
        ]);
      } finally {
        for (const store of stores) await store.close();
      }
    }, 60_000);
  });

  describe('PostgresStore: decisions of several writers (serializeWrites)', () => {
    /** Two stores on one archive: two worker processes. */
    const twoWriters = async (): Promise<PostgresStore[]> => {
      const url = await freshSchema();
      return [await openPostgresStore(url, { mode: 'write' }), await openPostgresStore(url, { mode: 'write' })];
    };

    it('makes a writer wait while another holds one of its keys', async () => {
      const [a, b] = await twoWriters();
      try {
        const log: string[] = [];
        let aStarted!: () => void;
        const started = new Promise<void>((resolve) => (aStarted = resolve));
        const first = a!.serializeWrites(['url https://news.example/a', 'band 7'], async () => {
          log.push('a start');
          aStarted();
          await new Promise((resolve) => setTimeout(resolve, 300));
          log.push('a end');
        });
        await started;
        await b!.serializeWrites(['text 1234', 'band 7'], async () => void log.push('b start'));
        await first;
        expect(log).toEqual(['a start', 'a end', 'b start']);
      } finally {
        for (const store of [a, b]) await store!.close();
      }
    });

    it('lets writers whose keys do not meet work at the same time', async () => {
      const [a, b] = await twoWriters();
      try {
        let bRan!: () => void;
        const bDone = new Promise<void>((resolve) => (bRan = resolve));
        let aStarted!: () => void;
        const started = new Promise<void>((resolve) => (aStarted = resolve));
        // a holds its keys until b has done its work: b waiting for a would never end (the timeout says so).
        const first = a!.serializeWrites(['url https://news.example/a', 'band 7'], async () => {
          aStarted();
          await Promise.race([bDone, new Promise((_, reject) => setTimeout(() => reject(new Error('b waited for a although their keys differ')), 10_000))]);
          return 'a';
        });
        await started;
        const second = await b!.serializeWrites(['url https://news.example/b', 'band 8'], async () => {
          bRan();
          return 'b';
        });
        expect([await first, second]).toEqual(['a', 'b']);
      } finally {
        for (const store of [a, b]) await store!.close();
      }
    }, 30_000);
  });

  describe('PostgresStore: fetch spacing shared by the workers', () => {
    it('books the requests of two processes to one host a gap apart, on one clock, and other hosts apart from it', async () => {
      const url = await freshSchema();
      const stores = [await openPostgresStore(url, { mode: 'write' }), await openPostgresStore(url, { mode: 'write' })];
      try {
        const gap = 60_000;
        const book = stores.map((store) => store.sharedFetchSpacing());
        const waits = await Promise.all(Array.from({ length: 6 }, (_, i) => book[i % 2]!('news.example', gap)));
        // Each booking is the one before it plus the gap, whichever process made it: 0, 1, 2 ... gaps of
        // waiting, less the moments between the calls (well under the 10 s allowed here).
        const sorted = [...waits].sort((a, b) => a - b);
        sorted.forEach((wait, k) => expect(Math.abs(wait - k * gap)).toBeLessThan(10_000));
        expect(await book[1]!('other.example', gap)).toBeLessThanOrEqual(0);
      } finally {
        for (const store of stores) await store.close();
      }
    });
  });
} else {
  describe.skip('Store contract: PostgresStore (PostgreSQL is not installed)', () => it('needs PostgreSQL', () => undefined));
}
