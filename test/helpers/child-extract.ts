/**
 * Child-process entry: runs the named HEAVY_CASES one after the other and writes one JSON line per
 * case to stdout: {"name": ..., "result": <extract() result>} or {"name": ..., "thrown": "..."}.
 * Started by child-runner.ts with `node --import tsx`.
 */
import { extract } from '../../src/index.js';
import { HEAVY_CASES } from './heavy-cases.js';

for (const name of process.argv.slice(2)) {
  const heavy = HEAVY_CASES[name];
  if (!heavy) throw new Error(`Unknown heavy case ${name}.`);
  let line: string;
  try {
    line = JSON.stringify({ name, result: extract(heavy.input(), heavy.options) });
  } catch (error) {
    line = JSON.stringify({ name, thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
  process.stdout.write(`${line}\n`);
}
