import { describe, expect, it } from 'vitest';
import { rejectionOf } from '../../src/stages/events/coder.js';
import { wordsForTagging } from '../../src/stages/events/events.js';
import { best, code } from './helpers.js';

const COUNTRIES = { 'the United States': 'USA', 'China': 'CHN', 'Russia': 'RUS', 'Ukraine': 'UKR', 'Japan': 'JPN', 'India': 'IND', 'Brazil': 'BRA' };
const pairs = (events: ReturnType<typeof code>, root: string): string[] => events.filter((e) => e.root === root).map((e) => `${e.source?.code ?? '-'}>${e.target?.code ?? '-'}`);

describe('negated cooperation is rejection', () => {
  it('codes "will never accept" as a 12x rejection by the subject, not as a negated acceptance', () => {
    const e = best(code('Japan will never accept demands that hurt its farmers.', COUNTRIES))!;
    expect(e.root).toBe('12');
    expect(e.plover?.type).toBe('REJECT');
    expect(e.source?.code).toBe('JPN');
    expect(e.negated).toBe(false);
  });

  it('codes "did not agree" and "would not allow" as rejections too', () => {
    expect(best(code('India did not agree to the plan from Brazil.', COUNTRIES))?.root).toBe('12');
    expect(best(code('Russia would not allow inspectors from Japan.', COUNTRIES))?.root).toBe('12');
  });

  it('keeps a negated conflict verb as it was, marked negated', () => {
    const e = best(code('India did not accuse Brazil of the leak.', COUNTRIES))!;
    expect(e.root).toBe('11');
    expect(e.negated).toBe(true);
  });

  it('maps codes by their most specific prefix and leaves non-cooperation codes alone', () => {
    expect(rejectionOf('030')).toBe('120');
    expect(rejectionOf('0311')).toBe('1211');
    expect(rejectionOf('036')).toBe('125');
    expect(rejectionOf('0841')).toBe('1243');
    expect(rejectionOf('112')).toBeNull();
    expect(rejectionOf('040')).toBeNull();
  });
});

describe('plural references ("the two sides")', () => {
  it('resolves "the two sides" to the two countries of the sentences before, one event per side', () => {
    const text = 'Officials from Russia arrived on Monday. They met envoys from Ukraine. The two sides discussed the gas dispute.';
    const at = text.indexOf('The two sides');
    const events = code(text, COUNTRIES).filter((e) => e.verb.start > at);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.root === '04')).toBe(true);
    expect(events.map((e) => `${e.source?.code}>${e.target?.code}`).sort()).toEqual(['RUS>UKR', 'UKR>RUS']);
    expect(events[0]!.source?.span).toEqual({ start: at, end: at + 'The two sides'.length });
  });

  it('prefers a compound just before the phrase in the same sentence ("U.S.-China ... both sides")', () => {
    const text = 'India praised the talks. The U.S.-China working group went well, with both sides discussing trade.';
    const events = code(text, { ...COUNTRIES, 'U.S.': 'USA' });
    expect(pairs(events, '04')).toEqual(expect.arrayContaining(['USA>CHN', 'CHN>USA']));
    expect(pairs(events, '04').some((p) => p.includes('IND'))).toBe(false);
  });

  it('leaves the phrase alone when three countries came before (ambiguous) or none did', () => {
    const three = code('Russia, Japan and India met in Geneva. The two sides discussed trade.', COUNTRIES).filter((e) => e.verb.start > 40);
    expect(three.filter((e) => e.source)).toEqual([]);
    expect(code('The two sides discussed trade.', COUNTRIES)).toEqual([]);
  });
});

describe('joint acts and headlines', () => {
  it('codes a joint act of a compound subject without a target in both directions', () => {
    const events = code('Russia and Ukraine discussed a new gas contract.', COUNTRIES);
    expect(events.filter((e) => !e.target)).toEqual([]);
    expect(events.map((e) => `${e.source?.code}>${e.target?.code}`)).toEqual(expect.arrayContaining(['RUS>UKR', 'UKR>RUS']));
  });

  it('reads the verb of a headline-case sentence ("US, China Discuss Cyber Security")', () => {
    const events = code('US, China Discuss Cyber Security', { US: 'USA', China: 'CHN' });
    expect(pairs(events, '04')).toEqual(expect.arrayContaining(['USA>CHN', 'CHN>USA']));
  });

  it('lower-cases only headline-case sentences, and never the words of actor names', () => {
    const slots = [{ first: 0, last: 0, mention: { start: 0, end: 2, data: { entity: 0, kind: 'name' as const, type: 'country' as const, name: 'US', code: 'USA', confidence: 1 } } }];
    expect(wordsForTagging(['US', 'Leaders', 'Discuss', 'Trade', 'Rules'], slots)).toEqual(['US', 'leaders', 'discuss', 'trade', 'rules']);
    expect(wordsForTagging(['US', 'leaders', 'discuss', 'Trade', 'rules'], slots)).toEqual(['US', 'leaders', 'discuss', 'Trade', 'rules']);
  });
});

describe('phrasal patterns', () => {
  it('does not read "press China on" as "press on" (an offensive)', () => {
    const e = best(code('Japan pressed China on a range of trade issues.', COUNTRIES))!;
    expect(e.quadClass).not.toBe(4);
    expect(e.source?.code).toBe('JPN');
    expect(e.target?.code).toBe('CHN');
  });
});
