import { describe, expect, it } from 'vitest';
import { EventLexicon, matchElements, compilePattern, regularForms } from '../../src/stages/events/lexicon.js';
import { codeSentence } from '../../src/stages/events/coder.js';
import type { CameoCodebookData, CameoVerbData } from '../../src/stages/events/verb-data.js';

const VERBS: CameoVerbData = {
  format: 'parley-cameo-verbs-1',
  provenance: {},
  synonyms: { '&WEAPON': ['MISSILE', 'ROCKET_LAUNCHER'] },
  blocks: [{ name: 'SEND', code: null, patterns: [{ pre: [], post: ['&WEAPON'], code: '072' }, { pre: [], post: ['TROOP', 'TO', 'BORDER'], code: '154' }, { pre: [], post: ['AID'], code: '070' }] }],
  verbs: [{ lemma: 'SHIP', block: 0, forms: ['SHIP', 'SHIPS', 'SHIPPED', 'SHIPPING'] }],
};
const CODES: CameoCodebookData = {
  format: 'parley-cameo-codes-1',
  provenance: {},
  codes: { '070': { name: 'Provide aid', goldstein: 7, quadClass: 2, root: '07' }, '072': { name: 'Provide military aid', goldstein: 8.3, quadClass: 2, root: '07' }, '154': { name: 'Mobilize', goldstein: -7.2, quadClass: 4, root: '15' } },
  plover: { '072': ['AID', ''] },
};

describe('CAMEO verb lexicon', () => {
  const lexicon = new EventLexicon(VERBS, CODES);

  it('generates regular verb forms the PETRARCH way', () => {
    expect(regularForms('ACCUSE')).toEqual(expect.arrayContaining(['ACCUSES', 'ACCUSED', 'ACCUSING']));
    expect(regularForms('DENY')).toEqual(expect.arrayContaining(['DENIES', 'DENIED', 'DENYING']));
    expect(regularForms('BAN')).toEqual(expect.arrayContaining(['BANNED', 'BANNING']));
  });

  it('matches prefixes, exact words, synonym sets and multi-word members, with gaps', () => {
    const pattern = compilePattern({ pre: [], post: ['&WEAPON'], code: '072' }, new Map(Object.entries(VERBS.synonyms)));
    const none = (): boolean => false;
    expect(matchElements(pattern.post, ['MORE', 'MISSILES'], 0, 3, none)).not.toBeNull();
    expect(matchElements(pattern.post, ['A', 'ROCKET', 'LAUNCHER'], 0, 3, none)).not.toBeNull();
    expect(matchElements(pattern.post, ['ROCKET', 'FUEL'], 0, 3, none)).toBeNull();
    expect(matchElements(pattern.post, ['A', 'B', 'C', 'D', 'MISSILE'], 0, 3, none)).toBeNull();
  });

  it('picks the most specific matching pattern for the verb', () => {
    const slots = [{ first: 0, last: 0, mention: { start: 0, end: 6, data: { entity: 0, kind: 'name' as const, type: 'country' as const, name: 'Turkey', code: 'TUR', confidence: 1 } } }];
    const coded = codeSentence(lexicon, { words: ['Turkey', 'shipped', 'troops', 'to', 'the', 'border'], tags: ['NNP', 'VBD', 'NNS', 'TO', 'DT', 'NN'], actors: slots });
    expect(coded.map((e) => e.code)).toEqual(['154']);
    expect(coded[0]!.source?.mention.data.code).toBe('TUR');
    const aid = codeSentence(lexicon, { words: ['Turkey', 'shipped', 'missiles'], tags: ['NNP', 'VBD', 'NNS'], actors: slots });
    expect(aid.map((e) => e.code)).toEqual(['072']);
  });

  it('codes nothing for a verb without a code and no matching pattern', () => {
    expect(codeSentence(lexicon, { words: ['Turkey', 'shipped', 'letters'], tags: ['NNP', 'VBD', 'NNS'], actors: [] })).toEqual([]);
  });

  it('finds PLOVER through the parent code and the fallback table', () => {
    expect(lexicon.ploverOf('0721', {})).toEqual({ type: 'AID', mode: '' });
    expect(lexicon.ploverOf('020', { '020': ['REQUEST', ''] })).toEqual({ type: 'REQUEST', mode: '' });
    expect(lexicon.ploverOf('010', {})).toBeNull();
  });
});
