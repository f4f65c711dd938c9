import { describe, expect, it } from 'vitest';
import { getLayer } from '../../src/model/document.js';
import { analyzeText } from './helpers.js';

describe('actors stage: bad input gives an empty or partial result, never a crash', () => {
  it('empty and blank text', () => {
    expect(getLayer(analyzeText(''), 'mentions')).toEqual([]);
    expect(getLayer(analyzeText(' \n\n \t'), 'mentions')).toEqual([]);
  });

  it('non-English text', () => {
    const doc = analyzeText('Der Bundestag hat am Donnerstag über den Haushalt beraten. 北京市政府周一宣布了新的交通计划。 Москва заявила о переговорах.');
    expect(doc.messages.filter((m) => m.severity === 'error')).toEqual([]);
    for (const m of getLayer(doc, 'mentions')) expect(m.end).toBeLessThanOrEqual(doc.text.length);
  });

  it('huge text: every mention in bounds and sorted', () => {
    const paragraph = 'Secretary of State John Kerry met Chinese Vice Premier Wang Yang in Beijing. Kerry said U.S. lawmakers and rights groups were watching. ';
    const doc = analyzeText(paragraph.repeat(2000));
    const mentions = getLayer(doc, 'mentions');
    expect(doc.messages.filter((m) => m.severity === 'error')).toEqual([]);
    expect(mentions.length).toBeGreaterThan(10_000);
    expect(new Set(mentions.filter((m) => m.data.name === 'John Kerry').map((m) => m.data.entity)).size).toBe(1);
    for (let i = 1; i < mentions.length; i++) expect(mentions[i]!.start).toBeGreaterThanOrEqual(mentions[i - 1]!.start);
  });

  it('binary-looking and punctuation-only text', () => {
    expect(getLayer(analyzeText('\u0001\u0002 ---- !!! ... ((( ))) 12345 ---'), 'mentions')).toEqual([]);
  });
});
