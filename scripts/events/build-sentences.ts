/**
 * `npm run build:event-sentences`: writes the synthetic event sentences (scripts/events/training/) to
 * bench/data/events/synthetic-{train,dev,test}.jsonl. Deterministic: the same code gives the same bytes.
 * See bench/data/events/README.md for how they are made and why the splits are disjoint.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, type Split } from './training/generate.js';

const OUT = fileURLToPath(new URL('../../bench/data/events', import.meta.url));

for (const split of ['train', 'dev', 'test'] as Split[]) {
  const items = generate(split);
  writeFileSync(join(OUT, `synthetic-${split}.jsonl`), items.map((item) => JSON.stringify(item)).join('\n') + '\n');
  const codes = new Set(items.map((i) => i.gold.code));
  const roots = new Set([...codes].filter((c) => c !== 'none').map((c) => c.slice(0, 2)));
  console.log(`synthetic-${split}.jsonl: ${items.length} sentences, ${codes.size - 1} CAMEO codes in ${roots.size} roots, ${items.filter((i) => i.gold.code === 'none').length} without an event`);
}
