/**
 * Golden pages: each fixture folder is extracted and compared two ways.
 * - The snapshot (`expected.json`): the full result, exactly. Refresh with
 *   `UPDATE=1 npx vitest run test/golden.test.ts` and review the diff before committing it.
 * - The hand-written spec (`checks.json`): what must hold whatever the snapshot says. A check the
 *   extractor does not pass yet is listed in `knownFailures` with its reason and runs as an expected
 *   failure: the suite stays green, and the day the extractor gets it right the test fails, asking for
 *   the entry to be removed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, type ExtractResult } from '../src/index.js';
import { serializeResult } from './helpers/article-json.js';
import { buildChecks } from './helpers/checks.js';
import { ENCODED_FIXTURES, UTF8_SOURCE, encodeFixture } from './helpers/encoded-fixtures.js';
import { extractOptions, listPageCases, loadPageCase } from './helpers/fixtures.js';

const UPDATE = process.env['UPDATE'] === '1';

const cases = listPageCases();

it('has the page cases the extractor issue asks for', () => {
  for (const name of ['voa-worked-example', 'chinese-gbk', 'jsonld-only-metadata', 'live-blog', 'comments-section', 'url-date-only', 'german', 'japanese']) {
    expect(cases).toContain(name);
  }
});

for (const name of cases) {
  describe(name, () => {
    const page = loadPageCase(name);
    let cached: ExtractResult | undefined;
    const result = (): ExtractResult => (cached ??= extract(page.source, extractOptions(page)));

    it('matches expected.json', () => {
      const actual = serializeResult(result());
      if (UPDATE) {
        writeFileSync(page.expectedPath, actual);
        return;
      }
      if (!existsSync(page.expectedPath)) {
        throw new Error(`${page.expectedPath} is missing: run UPDATE=1 npx vitest run test/golden.test.ts and review it.`);
      }
      expect(actual, 'snapshot differs: if the change is an improvement, refresh with UPDATE=1 and review the diff').toBe(readFileSync(page.expectedPath, 'utf8'));
    });

    const encoding = ENCODED_FIXTURES[name];
    if (encoding) {
      it(`source.html is ${UTF8_SOURCE} encoded as ${encoding}`, () => {
        const utf8 = readFileSync(join(page.dir, UTF8_SOURCE), 'utf8');
        expect(Buffer.from(page.source).equals(encodeFixture(utf8, encoding)), 'run npx tsx scripts/encode-page-fixtures.ts').toBe(true);
      });
    }

    const checks = buildChecks(page.checks);
    const known = new Map((page.checks.knownFailures ?? []).map((k) => [k.check, k.reason]));

    it('names only existing checks in knownFailures', () => {
      const names = new Set(checks.map((c) => c.name));
      expect([...known.keys()].filter((k) => !names.has(k))).toEqual([]);
    });

    for (const check of checks) {
      const reason = known.get(check.name);
      if (reason === undefined) it(check.name, () => check.run(result()));
      else it.fails(`${check.name} [known failure: ${reason}]`, () => check.run(result()));
    }
  });
}
