/**
 * Child-process entry for the concurrent-open test: for each database path read from standard input, a
 * line at a time, opens it for writing (creating and migrating it), closes it, and answers `ok` or the
 * error. Prints `ready` first, so the parent can release every child at once. Started by
 * sqlite-concurrent.test.ts with `node --import tsx`.
 */
import { createInterface } from 'node:readline';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

process.stdout.write('ready\n');
for await (const path of createInterface({ input: process.stdin })) {
  try {
    const store = await openSqliteStore(path, { mode: 'write' });
    await store.close();
    process.stdout.write('ok\n');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    process.stdout.write(`${JSON.stringify(`${String(code)}: ${error instanceof Error ? error.message : String(error)}`)}\n`);
  }
}
