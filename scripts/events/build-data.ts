/**
 * `npm run build:events`: compacts the CAMEO verb patterns (../shared/data/petrarch/CAMEO.2.0.txt), the
 * CAMEO codebook (../shared/data/cameo/cameo_event_codes.tsv) and the CAMEO→PLOVER map
 * (../shared/data/plover/cameo2plover.tsv) into data/events/cameo-verbs.json.gz and
 * data/events/cameo-codes.json. Deterministic (sorted keys, fixed gzip settings, no timestamps).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { CameoCodebookData, CameoCodeData, CameoVerbData } from '../../src/stages/events/verb-data.js';
import { parseCameoDictionary } from './cameo-dictionary.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(REPO, '..', 'shared', 'data');
const OUT = join(REPO, 'data', 'events');

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    console.error(`build:events needs ${path}; it is not there (the ../shared data folder is absent).`);
    process.exit(1);
  }
}

function tsvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.trim());
  const names = head!.split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [names[i]!, v.trim()])));
}

function buildCodebook(): CameoCodebookData {
  const codes: Record<string, CameoCodeData> = {};
  for (const row of tsvRows(read(join(SHARED, 'cameo', 'cameo_event_codes.tsv')))) {
    const quad = Number(row.quad_class);
    if (!row.code || ![1, 2, 3, 4].includes(quad)) continue;
    codes[row.code] = { name: row.name!, goldstein: Number(row.goldstein), quadClass: quad as 1 | 2 | 3 | 4, root: row.root_code! };
  }
  const plover: Record<string, [string, string]> = {};
  for (const row of tsvRows(read(join(SHARED, 'plover', 'cameo2plover.tsv')))) {
    if (row.cameo_code && row.plover_event) plover[row.cameo_code] = [row.plover_event, row.plover_mode ?? ''];
  }
  const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
  return {
    format: 'parley-cameo-codes-1',
    provenance: {
      codes: '../shared/data/cameo/cameo_event_codes.tsv (andybega/icews data-raw/cameo-codes.csv, from the CAMEO manual v1.1b3): code, name, Goldstein, quad class. Code lists, names and Goldstein values only (no manual text).',
      plover: '../shared/data/plover/cameo2plover.tsv (openeventdata/PLOVER CAMEO2PLOVER-2021.txt, draft 0.8): CC BY-SA 4.0, Open Event Data Alliance.',
      command: 'npm run build:events',
    },
    codes: sorted(codes),
    plover: sorted(plover),
  };
}

function buildVerbs(): CameoVerbData {
  const parsed = parseCameoDictionary(read(join(SHARED, 'petrarch', 'CAMEO.2.0.txt')));
  return {
    format: 'parley-cameo-verbs-1',
    provenance: {
      source: '../shared/data/petrarch/CAMEO.2.0.txt (openeventdata/petrarch2 commit 676801cd, dictionary update 30 April 2015 + 2019 WILL/WOULD fix)',
      license: 'MIT, Copyright (c) 2015 Open Event Data Alliance',
      command: 'npm run build:events',
    },
    ...parsed,
  };
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const verbs = buildVerbs();
  const codebook = buildCodebook();
  const verbBytes = gzipSync(JSON.stringify(verbs), { level: 9 });
  writeFileSync(join(OUT, 'cameo-verbs.json.gz'), verbBytes);
  writeFileSync(join(OUT, 'cameo-codes.json'), JSON.stringify(codebook, null, 0) + '\n');
  const patterns = verbs.blocks.reduce((n, b) => n + b.patterns.length, 0);
  console.log(`data/events/cameo-verbs.json.gz: ${verbs.blocks.length} verb blocks, ${verbs.verbs.length} verbs, ${patterns} patterns, ${Object.keys(verbs.synonyms).length} synonym sets (${verbBytes.length} bytes)`);
  console.log(`data/events/cameo-codes.json: ${Object.keys(codebook.codes).length} CAMEO codes, ${Object.keys(codebook.plover).length} PLOVER mappings`);
}

main();
