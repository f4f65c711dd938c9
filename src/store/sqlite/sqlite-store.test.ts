import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreContract } from '../contract.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real file per test (WAL, migrations, the FTS5 triggers), not an in-memory database.
describeStoreContract('SqliteStore', async () => openSqliteStore(join(dir, `contract-${++n}.db`), { mode: 'write' }));
