import { afterAll, beforeAll, describe, it } from 'vitest';
import pg from 'pg';
import { postgresAvailable, startPostgres, type PostgresServer } from '../../../test/helpers/postgres-server.js';
import { describeStoreContract } from '../contract.js';
import { openPostgresStore } from './postgres-store.js';

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

  describeStoreContract('PostgresStore', async () => {
    const schema = `contract_${++n}`;
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.end();
    return openPostgresStore(`${database}?options=${encodeURIComponent(`-c search_path=${schema}`)}`, { mode: 'write' });
  });
} else {
  describe.skip('Store contract: PostgresStore (PostgreSQL is not installed)', () => it('needs PostgreSQL', () => undefined));
}
