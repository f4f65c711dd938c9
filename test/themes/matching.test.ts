import { describe, expect, it } from 'vitest';
import { compilePattern, PatternError } from '../../src/stages/themes/patterns.js';
import { evidence, taxonomyOf, themesOf } from './helpers.js';

const taxonomy = taxonomyOf({
  name: 'test',
  version: '1',
  themes: [
    { code: 'CYBER', terms: ['cyber-security', 'n:hacker', { pattern: 'v:hack', context: ['computer*', 'n:network'] }], exclude: ['hacked to death'] },
    { code: 'TRADE', terms: ['trade', { pattern: 'v:open * n:market', weight: 2 }, 'market n:access'], exclude: ['trade n:union'] },
    { code: 'CLIMATE', terms: ['climate change', 'greenhouse n:gas', 'emission*'] },
    { code: 'RIGHTS', terms: ['human n:right'] },
  ],
});

describe('pattern syntax', () => {
  it('rejects malformed patterns with a reason', () => {
    expect(() => compilePattern('')).toThrow(PatternError);
    expect(() => compilePattern('* markets')).toThrow(/lone \*/);
    expect(() => compilePattern('ab*')).toThrow(/too short/);
    expect(() => compilePattern('n:hack*')).toThrow(/n:\/v:/);
    expect(() => compilePattern('cyber--security')).toThrow(/empty part/);
    expect(() => compilePattern('"quoted"')).toThrow(/not a word/);
  });

  it('expands hyphenated words into joined and separate forms', () => {
    expect(compilePattern('cyber-security')).toHaveLength(2);
  });
});

describe('matching', () => {
  it('matches whole words only, case-insensitively', () => {
    expect(evidence(themesOf('Traders and a tirade. TRADE rose.', taxonomy))).toEqual(['TRADE:TRADE']);
  });

  it('matches a hyphenated phrase joined, hyphenated or spaced', () => {
    const doc = themesOf('Cybersecurity matters. So does cyber-security. And Cyber Security too.', taxonomy);
    expect(evidence(doc)).toEqual(['CYBER:Cybersecurity', 'CYBER:cyber-security', 'CYBER:Cyber Security']);
  });

  it('matches inflections of n: and v: terms, and prefixes', () => {
    const doc = themesOf('Hackers hacked the computer network. Greenhouse gases and emissions rose. Human rights, a human right.', taxonomy);
    expect(evidence(doc)).toEqual(['CYBER:Hackers', 'CYBER:hacked', 'CLIMATE:Greenhouse gases', 'CLIMATE:emissions', 'RIGHTS:Human rights', 'RIGHTS:human right']);
  });

  it('does not run a phrase across punctuation', () => {
    expect(evidence(themesOf('The climate, change and all.', taxonomy))).toEqual([]);
  });

  it('matches a wildcard word inside a phrase', () => {
    expect(evidence(themesOf('China opens its markets to foreign firms and will open their markets.', taxonomy))).toEqual(['TRADE:opens its markets', 'TRADE:open their markets']);
  });

  it('counts a term with a context only when the context is in the same sentence', () => {
    expect(evidence(themesOf('He hacked away at the hedge.', taxonomy))).toEqual([]);
    expect(evidence(themesOf('They hacked into computers.', taxonomy))).toEqual(['CYBER:hacked']);
    expect(evidence(themesOf('They hacked the hedge. Computers were fine.', taxonomy))).toEqual([]);
  });

  it('drops matches that an exclusion of the same theme covers', () => {
    expect(evidence(themesOf('The victim was hacked to death near the computer shop.', taxonomy))).toEqual([]);
    expect(evidence(themesOf('The trade union met. Trade grew.', taxonomy))).toEqual(['TRADE:Trade']);
  });

  it('keeps the longest of overlapping matches of one theme', () => {
    const doc = themesOf('They asked for market access.', taxonomyOf({ themes: [{ code: 'T', terms: ['market', 'market n:access'] }] }));
    expect(evidence(doc)).toEqual(['T:market access']);
  });

  it('records the weight and the pattern as evidence data', () => {
    const doc = themesOf('Beijing will open its markets.', taxonomy);
    expect(doc.layers.themes?.[0]?.data).toEqual({ theme: 'TRADE', weight: 2, term: 'v:open * n:market' });
  });

  it('gives no evidence for empty, non-English or binary-looking text', () => {
    expect(evidence(themesOf('', taxonomy))).toEqual([]);
    expect(evidence(themesOf('Die Stadtwerke bauen einen Solarpark am Stadtrand.', taxonomy))).toEqual([]);
    expect(evidence(themesOf('\u0000\u0001\u0002 \ufffd\ufffd', taxonomy))).toEqual([]);
  });

  it('keeps a huge text to maxEvidencePerTheme spans per theme', () => {
    const doc = themesOf('Trade grew and cyber security improved. '.repeat(5000), taxonomy);
    const counts = new Map<string, number>();
    for (const a of doc.layers.themes ?? []) counts.set(a.data.theme, (counts.get(a.data.theme) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ TRADE: 200, CYBER: 200 });
  });
});
