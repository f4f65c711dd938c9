import { describe, expect, it } from 'vitest';
import { best, code } from './helpers.js';

const COUNTRIES = { 'the United States': 'USA', 'China': 'CHN', 'Russia': 'RUS', 'Ukraine': 'UKR', 'Germany': 'DEU', 'Japan': 'JPN', 'India': 'IND', 'Pakistan': 'PAK' };

describe('events stage: verbs and patterns', () => {
  it('codes a plain verb with source and target from the subject and the object', () => {
    const e = best(code('Russia accused Ukraine of shelling border towns.', COUNTRIES))!;
    expect(e).toMatchObject({ code: '112', root: '11', quadClass: 3, negated: false });
    expect(e.source?.code).toBe('RUS');
    expect(e.target?.code).toBe('UKR');
    expect(e.goldstein).toBeLessThan(0);
  });

  it('prefers a matching pattern over the verb default (exchange + accusations is reciprocal 112)', () => {
    const events = code('Russia and Ukraine exchanged accusations on Monday.', COUNTRIES);
    expect(events.map((e) => e.code)).toContain('112');
  });

  it('points the verb span at the verb and the annotation at the sentence', () => {
    const text = 'Germany condemned Russia for the attack.';
    const e = best(code(text, COUNTRIES))!;
    expect(text.slice(e.verb.start, e.verb.end)).toBe('condemned');
    expect(e.source?.span).toEqual({ start: 0, end: 7 });
  });

  it('uses a fallback code for a verb the dictionary leaves uncoded (reject → 120)', () => {
    expect(best(code('China rejected the proposal from Japan.', COUNTRIES))?.root).toBe('12');
  });
});

describe('events stage: negation, passive, compound, reciprocal', () => {
  it('marks a negated verb and lowers its confidence', () => {
    const plain = best(code('India accused Pakistan of the attack.', COUNTRIES))!;
    const negated = best(code('India did not accuse Pakistan of the attack.', COUNTRIES))!;
    expect(negated.code).toBe(plain.code);
    expect(negated.negated).toBe(true);
    expect(negated.confidence).toBeLessThan(plain.confidence);
  });

  it('swaps roles in the passive voice ("was accused by X")', () => {
    const e = best(code('Russia was accused by Germany of meddling in the vote.', COUNTRIES))!;
    expect(e.root).toBe('11');
    expect(e.source?.code).toBe('DEU');
    expect(e.target?.code).toBe('RUS');
  });

  it('gives one event per member of a compound actor', () => {
    const events = code('The United States and Japan criticized China over the test.', { 'The United States': 'USA', Japan: 'JPN', China: 'CHN' });
    const pairs = events.filter((e) => e.root === '11').map((e) => `${e.source?.code}>${e.target?.code}`);
    expect(pairs).toEqual(expect.arrayContaining(['USA>CHN', 'JPN>CHN']));
  });

  it('codes a reciprocal event in both directions ("accused each other")', () => {
    const events = code('Russia and Ukraine accused each other of violating the truce.', COUNTRIES);
    const pairs = events.filter((e) => e.code === '112').map((e) => `${e.source?.code}>${e.target?.code}`);
    expect(pairs).toEqual(expect.arrayContaining(['RUS>UKR', 'UKR>RUS']));
  });

  it('codes "traded accusations" between a compound subject in both directions, without target-less events', () => {
    const events = code('Washington and Beijing traded accusations of hacking.', { Washington: 'USA', Beijing: 'CHN' });
    const pairs = events.filter((e) => e.code === '112').map((e) => `${e.source?.code}>${e.target?.code}`);
    expect(pairs).toEqual(expect.arrayContaining(['USA>CHN', 'CHN>USA']));
    expect(events.filter((e) => e.code === '112' && !e.target)).toEqual([]);
  });
});

describe('events stage: statements, PLOVER, dates, places', () => {
  it('codes "X said ..." as a 01x statement by X when nothing more specific applies', () => {
    const e = best(code('Japan said the economy would grow next year.', COUNTRIES))!;
    expect(e.root).toBe('01');
    expect(e.source?.code).toBe('JPN');
  });

  it('lets a specific event outrank the statement that reports it', () => {
    const e = best(code('Japan said India had threatened Pakistan.', COUNTRIES))!;
    expect(e.root).toBe('13');
    expect(e.source?.code).toBe('IND');
  });

  it('maps CAMEO codes to PLOVER types and modes', () => {
    expect(best(code('Germany accused Russia of lying.', COUNTRIES))?.plover).toEqual({ type: 'ACCUSE', mode: 'disapprove' });
    expect(best(code('India appealed to Japan for help.', COUNTRIES))?.plover?.type).toBe('REQUEST');
  });

  it('dates an event by the date its sentence names, else the article day', () => {
    expect(best(code('Germany accused Russia of spying on July 9.', COUNTRIES, '2013-07-11'))?.date).toBe('2013-07-09');
    expect(best(code('Germany accused Russia of spying.', COUNTRIES, '2013-07-11T10:00:00Z'))?.date).toBe('2013-07-11');
    expect(best(code('Germany accused Russia of spying.', COUNTRIES))?.date).toBeNull();
  });

  it('names the place of the event when the sentence gives one', () => {
    const e = best(code('Russia attacked Ukraine in Donetsk.', { ...COUNTRIES, Donetsk: null }))!;
    expect(e.place?.name).toBe('Donetsk');
  });
});
