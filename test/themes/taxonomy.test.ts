import { describe, expect, it } from 'vitest';
import { ParleyError } from '../../src/pipeline/errors.js';
import { ResourceLoader } from '../../src/resources/index.js';
import { loadBuiltinTaxonomy, loadTaxonomy } from '../../src/resources/themes.js';
import { BUILTIN_TAXONOMY } from '../../src/stages/themes/builtin-taxonomy.js';
import { taxonomyId } from '../../src/stages/themes/taxonomy.js';
import type { Stage } from '../../src/pipeline/stage.js';
import { themesStage, themesStageFor, themeScores, withTaxonomy } from '../../src/stages/themes/themes.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import { evidence, taxonomyOf, tempFile, themesOf } from './helpers.js';

function errorOf(fn: () => unknown): ParleyError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParleyError) return error;
    throw error;
  }
  throw new Error('expected a ParleyError');
}

describe('the built-in taxonomy', () => {
  const builtin = loadBuiltinTaxonomy();

  it('has the themes Parley promises, each with terms', () => {
    const codes = builtin.themes.map((t) => t.code);
    for (const code of ['CYBER_SECURITY', 'CLIMATE_CHANGE', 'HUMAN_RIGHTS', 'INTELLECTUAL_PROPERTY', 'TRADE', 'DIPLOMACY', 'MILITARY', 'TERRORISM', 'ELECTIONS', 'PROTEST', 'HEALTH', 'ECONOMY', 'ENERGY', 'CRIME', 'IMMIGRATION', 'EDUCATION', 'ENVIRONMENT', 'CORRUPTION', 'NUCLEAR']) {
      expect(codes).toContain(code);
    }
    for (const theme of builtin.themes) expect(theme.terms.length).toBeGreaterThan(5);
  });

  it('is the taxonomy the themes stage version names (rebuild with npm run build:themes after editing it)', () => {
    expect(builtin.fingerprint).toBe(BUILTIN_TAXONOMY.fingerprint);
    expect(themesStage.version).toBe(`1/${taxonomyId(builtin)}`);
  });

  it('is loaded once per ResourceLoader', () => {
    const loader = new ResourceLoader();
    expect(loader.themeTaxonomy()).toBe(loader.themeTaxonomy());
  });
});

const USER = { name: 'newsroom', version: '3', themes: [{ code: 'SPACE', label: 'Space', terms: ['n:satellite', 'space n:station'] }, { code: 'TRADE', terms: ['n:soybean'] }] };

describe('a user taxonomy file', () => {
  it('follows the file\'s own "mode": replace keeps only its themes; a bad mode is reported at its line', () => {
    const replacing = loadTaxonomy(tempFile('own-mode.json', JSON.stringify({ ...USER, mode: 'replace' })));
    expect(replacing.themes.map((t) => t.code).sort()).toEqual(USER.themes.map((t: { code: string }) => t.code).sort());
    const extending = loadTaxonomy(tempFile('own-extend.json', JSON.stringify({ ...USER, mode: 'extend' })));
    expect(extending.themes.length).toBeGreaterThan(USER.themes.length);
    expect(() => loadTaxonomy(tempFile('bad-mode.json', '{\n  "mode": "merge",\n  "themes": []\n}'))).toThrow(/bad-mode\.json:2:\d+: mode must be "replace" or "extend"/);
  });

  it('replaces the built-in taxonomy', () => {
    const taxonomy = loadTaxonomy(tempFile('user.json', JSON.stringify(USER)), { mode: 'replace' });
    expect(taxonomy.themes.map((t) => t.code)).toEqual(['SPACE', 'TRADE']);
    expect(evidence(themesOf('Satellites and soybeans; cyber security too.', taxonomy))).toEqual(['SPACE:Satellites', 'TRADE:soybeans']);
  });

  it('extends the built-in taxonomy, adding terms to an existing theme', () => {
    const taxonomy = loadTaxonomy(tempFile('user.json', JSON.stringify(USER)), { mode: 'extend' });
    expect(taxonomy.themes.length).toBe(loadBuiltinTaxonomy().themes.length + 1);
    expect(taxonomy.name).toBe('parley-builtin+newsroom');
    const found = evidence(themesOf('Satellites and soybeans; cyber security too.', taxonomy));
    expect(found).toEqual(expect.arrayContaining(['SPACE:Satellites', 'TRADE:soybeans', 'CYBER_SECURITY:cyber security']));
    expect(taxonomy.themes.find((t) => t.code === 'TRADE')?.label).toBe('Trade and market access');
  });

  it('accepts comments and trailing commas', () => {
    const taxonomy = loadTaxonomy(tempFile('c.json', '{\n // my themes\n "themes": [{"code": "X", "terms": ["abc",],},],\n}'), { mode: 'replace' });
    expect(taxonomy.themes[0]?.terms).toEqual([{ pattern: 'abc', weight: 1 }]);
  });

  it('changes the stage version, and the stage refuses a taxonomy its version does not name', () => {
    const user = loadTaxonomy(tempFile('user.json', JSON.stringify(USER)), { mode: 'replace' });
    const stage = themesStageFor(user);
    expect(stage.version).not.toBe(themesStage.version);
    expect(stage.version).toContain('newsroom@3#');
    const doc = documentFromPlainText('Satellites.');
    const pipeline = buildPipeline([step(sentencesStage), step(themesStage)]);
    expect(errorOf(() => runPipeline(pipeline, doc, { themes: user })).code).toBe('E_OPTION');
    expect(errorOf(() => runPipeline(pipeline, doc, {})).code).toBe('E_MODEL_MISSING');
    const stages = withTaxonomy([sentencesStage, themesStage] as Stage[], user);
    expect(stages[1]!.version).toBe(stage.version);
    expect(runPipeline(buildPipeline(stages.map((s) => step(s))), doc, { themes: user }).layers.themes?.map((a) => a.data.theme)).toEqual(['SPACE']);
  });

  it('reads a YAML file (.yaml, .yml) like its JSON twin, and reports its problems at the YAML lines', () => {
    const yaml = ['# my newsroom themes', 'name: newsroom', 'version: "3"', 'mode: replace', 'themes:', '  - code: SPACE', '    label: Space', '    terms:', '      - n:satellite', '      - pattern: space n:station', '        weight: 2', '      - pattern: v:launch', '        context: [n:rocket, orbit*]', '    exclude: [launch n:party]', ''].join('\n');
    const json = { name: 'newsroom', version: '3', mode: 'replace', themes: [{ code: 'SPACE', label: 'Space', terms: ['n:satellite', { pattern: 'space n:station', weight: 2 }, { pattern: 'v:launch', context: ['n:rocket', 'orbit*'] }], exclude: ['launch n:party'] }] };
    const fromYaml = loadTaxonomy(tempFile('space.yaml', yaml));
    expect(fromYaml).toEqual(loadTaxonomy(tempFile('space.json', JSON.stringify(json))));
    expect(loadTaxonomy(tempFile('space.yml', yaml)).fingerprint).toBe(fromYaml.fingerprint);
    const bad = ['themes:', '  - code: ok_lower', '    terms: [a]', '  - code: B', '    terms:', '      - pattern: x', '        weight: -1', ''].join('\n');
    const message = errorOf(() => loadTaxonomy(tempFile('bad.yaml', bad), { mode: 'replace' })).message;
    expect(message).toMatch(/bad\.yaml:2:\d+: themes\[0\]\.code must be an upper-case code/);
    expect(message).toMatch(/bad\.yaml:7:\d+: themes\[1\]\.terms\[0\]\.weight must be a number above 0/);
    expect(errorOf(() => loadTaxonomy(tempFile('broken.yml', 'themes:\n  - code: [X\n'))).message).toMatch(/broken\.yml:\d+:\d+: not valid YAML/);
    expect(errorOf(() => loadTaxonomy(tempFile('alias.yaml', 'themes:\n  - &t {code: X, terms: [a]}\n  - *t\n'))).message).toMatch(/aliases .* are not allowed/);
  });

  it('reports invalid JSON with its line and column', () => {
    const error = errorOf(() => loadTaxonomy(tempFile('bad.json', '{\n  "themes": [\n    {"code": "X" "terms": []}\n  ]\n}'), { mode: 'replace' }));
    expect(error.code).toBe('E_INPUT');
    expect(error.message).toMatch(/bad\.json:3:\d+: not valid JSON/);
  });

  it('reports each wrong field with its line and path', () => {
    const text = ['{', '  "themes": [', '    {"code": "ok_lower", "terms": ["a"]},', '    {"code": "B", "terms": [{"pattern": "x", "weight": -1}]},', '    {"code": "C", "terms": [{"patern": "y"}]},', '    {"code": "D", "terms": ["* y"]},', '    {"code": "D", "terms": ["z"]}', '  ]', '}'].join('\n');
    const message = errorOf(() => loadTaxonomy(tempFile('fields.json', text), { mode: 'replace' })).message;
    expect(message).toMatch(/fields\.json:3:\d+: themes\[0\]\.code must be an upper-case code/);
    expect(message).toMatch(/fields\.json:4:\d+: themes\[1\]\.terms\[0\]\.weight must be a number above 0/);
    expect(message).toMatch(/fields\.json:5:\d+: themes\[2\]\.terms\[0\]\.patern is not a known field/);
    expect(message).toMatch(/fields\.json:5:\d+: themes\[2\]\.terms\[0\]\.pattern must be a string/);
    expect(message).toMatch(/fields\.json:6:\d+: themes\[3\]\.terms\[0\] is not a valid pattern/);
    expect(message).toMatch(/fields\.json:7:\d+: themes\[4\]\.code "D" appears twice/);
  });

  it('reports a missing file, a binary file, a file without themes, and a wrong top level', () => {
    expect(errorOf(() => loadTaxonomy('/nonexistent/themes.json')).message).toMatch(/cannot be read \(ENOENT\)/);
    expect(errorOf(() => loadTaxonomy(tempFile('b.json', new Uint8Array([0x7b, 0, 1, 2])))).message).toMatch(/binary file/);
    expect(errorOf(() => loadTaxonomy(tempFile('e.json', '{"themes": []}'), { mode: 'replace' })).message).toMatch(/has no themes/);
    expect(errorOf(() => loadTaxonomy(tempFile('a.json', '[1, 2]'))).message).toMatch(/a\.json:1:1: the file must hold a JSON object/);
    expect(errorOf(() => loadTaxonomy(tempFile('m.json', '{"name": "x"}'))).message).toMatch(/themes is missing/);
  });
});

describe('theme scores', () => {
  const taxonomy = taxonomyOf({ themes: [{ code: 'A', label: 'Alpha', terms: ['alpha', { pattern: 'strong alpha', weight: 3 }] }, { code: 'B', terms: ['beta'] }] });

  it('are sorted, labelled, and count repeated terms less than new ones', () => {
    const doc = themesOf('Alpha alpha alpha. Beta. Strong alpha.', taxonomy);
    const scores = themeScores(doc, taxonomy);
    expect(scores.map((s) => [s.theme, s.label, s.evidence])).toEqual([['A', 'Alpha', 4], ['B', 'B', 1]]);
    // 3 x "alpha" -> 1 + ln 3; "strong alpha" -> 3; per 100 words (the minimum).
    expect(scores[0]!.score).toBeCloseTo(1 + Math.log(3) + 3, 2);
  });

  it('are normalized for article length', () => {
    const short = themeScores(themesOf('Beta. '.repeat(3) + 'word '.repeat(100), taxonomy), taxonomy)[0]!.score;
    const long = themeScores(themesOf('Beta. '.repeat(3) + 'word '.repeat(1000), taxonomy), taxonomy)[0]!.score;
    expect(long).toBeLessThan(short / 5);
  });

  it('leave out themes below minScore', () => {
    const doc = themesOf('Alpha alpha. Beta.', taxonomy);
    expect(themeScores(doc, taxonomy, { minScore: 1.5 }).map((s) => s.theme)).toEqual(['A']);
  });
});
