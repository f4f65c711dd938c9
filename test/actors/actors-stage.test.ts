import { describe, expect, it } from 'vitest';
import { getLayer } from '../../src/model/document.js';
import { actorsOf } from './helpers.js';

describe('actors stage: merging the mentions of one entity', () => {
  it('merges a full name, its title and the surname alone, keeping the title as role', () => {
    const { find, texts } = actorsOf('Secretary of State John Kerry met reporters on Monday. Kerry said the talks went well.');
    const kerry = find('John Kerry');
    expect(kerry).toMatchObject({ type: 'person', role: 'Secretary of State', code: 'USAGOV' });
    expect(texts(kerry)).toEqual(['John Kerry', 'Kerry']);
  });

  it('merges a formal given name with its short form (Jacob Lew, Jack Lew) through the nickname table', () => {
    const { actors, texts } = actorsOf('Treasury Secretary Jacob Lew arrived on Tuesday. Officials said Jack Lew would meet bankers.');
    const lew = actors.filter((a) => a.type === 'person');
    expect(lew).toHaveLength(1);
    expect(lew[0]).toMatchObject({ name: 'Jacob Lew', role: 'Treasury Secretary', code: 'USAGOV' });
    expect(texts(lew[0])).toEqual(['Jacob Lew', 'Jack Lew']);
  });

  it('does not merge two people who only share a family name', () => {
    const { actors } = actorsOf('Peter Wong met Mary Wong in Hong Kong on Friday.');
    expect(actors.filter((a) => a.type === 'person').map((a) => a.name).sort()).toEqual(['Mary Wong', 'Peter Wong']);
  });

  it('links an unambiguous title ("the vice premier") to the one person who holds it', () => {
    const { find, texts } = actorsOf('Chinese Vice Premier Wang Yang arrived in Washington on Monday. The vice premier said trade was growing.');
    const wang = find('Wang Yang');
    expect(wang).toMatchObject({ role: 'Vice Premier', code: 'CHNGOV' });
    expect(texts(wang)).toEqual(['Wang Yang', 'vice premier']);
  });

  it('keeps unknown people with their name and a null code', () => {
    const { find } = actorsOf('Local baker Hildegard Quenneville opened a second shop on Main Street.');
    expect(find('Hildegard Quenneville')).toMatchObject({ type: 'person', code: null });
  });
});

describe('actors stage: countries, demonyms, capitals and bodies', () => {
  it('codes "Chinese state media" as CHNMED and counts "Chinese" as a mention of China', () => {
    const { find, texts } = actorsOf('Chinese state media reported on Wednesday that the talks went well.');
    expect(find('Chinese state media')).toMatchObject({ code: 'CHNMED' });
    expect(texts(find('China'))).toEqual(['Chinese']);
  });

  // Known regression: since the BILOU retrain (bench/RESULTS.md, NER 2026-12-07) the NER model tags
  // "Sino-U.S." as an organization (0.49; the IOB2 model said MISC), and an organization's words are not
  // read as places. Expected to fail until the model reads such compounds as modifiers again.
  it.fails('reads "Sino-U.S." as China and the United States', () => {
    const { doc, find } = actorsOf('The minister praised Sino-U.S. cooperation on climate.');
    expect(find('China')?.code).toBe('CHN');
    expect(find('United States')?.code).toBe('USA');
    const kinds = getLayer(doc, 'mentions').filter((m) => m.data.type === 'country').map((m) => [doc.text.slice(m.start, m.end), m.data.kind]);
    expect(kinds).toEqual([['Sino', 'demonym'], ['U.S.', 'demonym']]);
  });

  it('reads capitals that act as governments, and capitals that are places', () => {
    const acting = actorsOf('Washington and Beijing have traded accusations of hacking.');
    expect(acting.find('Washington')).toMatchObject({ code: 'USAGOV', type: 'country' });
    expect(acting.find('Beijing')).toMatchObject({ code: 'CHNGOV', type: 'country' });
    const place = actorsOf('The delegates met in Beijing on Monday.');
    expect(place.find('Beijing')).toMatchObject({ code: 'CHN', type: 'location' });
  });

  it('codes government bodies, with the country from the words before them when the body has none', () => {
    expect(actorsOf('Speaking at the State Department, the envoy said little.').find('United States Department of State')?.code).toBe('USAGOV');
    const { actors } = actorsOf('The Russian Foreign Ministry denied the report.');
    expect(actors.find((a) => a.type === 'organization')).toMatchObject({ code: 'RUSGOV' });
  });

  it('combines agents with a country ("US lawmakers" → USALEG) and codes them alone without one', () => {
    const { actors } = actorsOf('Top U.S. lawmakers and rights groups urged the administration to act.');
    const codes = actors.map((a) => a.code);
    expect(codes).toContain('USALEG');
    expect(codes).toContain('HRI');
  });
});

describe('actors stage: dated codes', () => {
  const text = 'Senator John Kerry spoke to reporters.';
  it('picks the office the article date falls in', () => {
    expect(actorsOf(text, { fallbackDate: '2010-05-01' }).find('John Kerry')?.code).toBe('USAGOVLEG');
    expect(actorsOf(text, { fallbackDate: '2014-05-01' }).find('John Kerry')?.code).toBe('USAGOV');
  });
});
