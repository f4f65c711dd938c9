/**
 * Regenerates the legacy-encoded golden pages: for each folder in ENCODED_FIXTURES, encodes
 * `source.utf8.html` (the reviewed text) into the bytes extraction reads (the case's `source.html`, or the
 * example page its meta.json names).
 * Usage: npx tsx scripts/encode-page-fixtures.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENCODED_FIXTURES, UTF8_SOURCE, encodeFixture } from '../test/helpers/encoded-fixtures.js';
import { loadPageCase } from '../test/helpers/fixtures.js';

for (const [name, encoding] of Object.entries(ENCODED_FIXTURES)) {
  const page = loadPageCase(name);
  const bytes = encodeFixture(readFileSync(join(page.dir, UTF8_SOURCE), 'utf8'), encoding);
  writeFileSync(page.sourcePath, bytes);
  console.log(`${name}: ${UTF8_SOURCE} → ${page.sourcePath} (${encoding}, ${bytes.length} bytes)`);
}
