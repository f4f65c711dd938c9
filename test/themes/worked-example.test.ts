/**
 * The worked example (examples/voa-us-china-talks.html): the themes the design names (cyber security,
 * climate change, human rights, intellectual property, market access) are found, with evidence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { loadBuiltinTaxonomy } from '../../src/resources/themes.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import { summarizeThemes, themesStage, themeScores } from '../../src/stages/themes/themes.js';

const taxonomy = loadBuiltinTaxonomy();
const extracted = extractDocument(readFileSync(new URL('../../examples/voa-us-china-talks.html', import.meta.url)));
if (!extracted.ok) throw new Error('the worked example was rejected by extraction');
const doc = runPipeline(buildPipeline([step(sentencesStage), step(themesStage)]), extracted.document, { themes: taxonomy });
const evidenceOf = (theme: string): string[] => (doc.layers.themes ?? []).filter((a) => a.data.theme === theme).map((a) => doc.text.slice(a.start, a.end).toLowerCase());

describe('themes of the worked example', () => {
  it('finds the five themes of the design, each with its evidence', () => {
    expect(evidenceOf('CYBER_SECURITY')).toEqual(expect.arrayContaining(['cyber security', 'hacking']));
    expect(evidenceOf('CLIMATE_CHANGE')).toContain('climate change');
    expect(evidenceOf('HUMAN_RIGHTS')).toEqual(expect.arrayContaining(['human-rights', 'rights groups']));
    expect(evidenceOf('INTELLECTUAL_PROPERTY')).toContain('intellectual property');
    expect(evidenceOf('TRADE')).toContain('opens its markets');
  });

  it('does not take "traded accusations" for trade', () => {
    expect(evidenceOf('TRADE')).not.toContain('traded');
  });

  it('scores cyber security above climate change, and finds no war, terrorism or health', () => {
    const scores = themeScores(doc, taxonomy);
    const rank = (code: string): number => scores.findIndex((s) => s.theme === code);
    expect(rank('CYBER_SECURITY')).toBeGreaterThanOrEqual(0);
    expect(rank('CYBER_SECURITY')).toBeLessThan(rank('CLIMATE_CHANGE'));
    for (const absent of ['MILITARY', 'TERRORISM', 'HEALTH', 'CRIME']) expect(rank(absent)).toBe(-1);
    for (const s of scores) expect(s.score).toBeGreaterThan(0);
  });

  it('summarizes the top themes in one line each', () => {
    const lines = summarizeThemes(doc, taxonomy, 5);
    expect(lines).toHaveLength(5);
    expect(lines.join('\n')).toMatch(/CYBER_SECURITY\s+\d+\.\d\d\s+Cyber security \(\d+: cyber security/);
  });
});
