import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dictionaryDate, parseActorFile, parseAgentFile, parseCodeBracket } from '../../scripts/actors/petrarch-format.js';
import { boundDay, pickCode } from '../../src/stages/actors/dates.js';
import { loadActorDictionary } from '../../src/resources/actors.js';
import { parseUserActors } from '../../src/stages/actors/user-actors.js';
import { actorsOf } from './helpers.js';

describe('PETRARCH dictionary formats (build:actors)', () => {
  it('reads dictionary dates and code brackets', () => {
    expect(dictionaryDate('130201')).toBe('2013-02-01');
    expect(dictionaryDate('650101')).toBe('1965-01-01');
    expect(dictionaryDate('20070101')).toBe('2007-01-01');
    expect(dictionaryDate('2004017')).toBeNull();
    expect(parseCodeBracket('USAGOV >130201')).toEqual({ code: 'USAGOV', from: '2013-02-01', to: null });
    expect(parseCodeBracket('RUSGOV 20000507-20080507')).toEqual({ code: 'RUSGOV', from: '2000-05-07', to: '2008-05-07' });
    expect(parseCodeBracket('IGOUNO  <070201')).toEqual({ code: 'IGOUNO', from: null, to: '2007-02-01' });
    expect(parseCodeBracket('---')).toBeNull();
  });

  it('reads actor entries with synonyms, codes below them, and code-less entries as names of the one before', () => {
    const file = ['# comment', 'UN_ [IGOUNO]', 'U.N._', '', 'JANE_ROE_ # note', '+GOVERNOR_ROE_', '\t[USAGOV 190101-230115]', '\t[USAELI]'].join('\n');
    expect(parseActorFile(file).entries).toEqual([
      { names: ['UN_', 'U.N._'], codes: [{ code: 'IGOUNO', from: null, to: null }] },
      { names: ['JANE_ROE_', '+GOVERNOR_ROE_'.slice(1)], codes: [{ code: 'USAGOV', from: '2019-01-01', to: '2023-01-15' }, { code: 'USAELI', from: null, to: null }] },
    ]);
  });

  it('expands agent macros and plurals', () => {
    const agents = parseAgentFile(['!PERSON! = MAN, WOMAN', 'LAWMAKER [~LEG]', 'SPOKES!PERSON! [~GOV]', 'ARMED_POLICE {} [~COP]', 'CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]', 'POLICE_ [~COP]'].join('\n'));
    const phrases = agents.map((a) => `${a.words.join(' ')}=${a.role}`);
    expect(phrases).toEqual(expect.arrayContaining(['LAWMAKER=LEG', 'LAWMAKERS=LEG', 'SPOKESMAN=GOV', 'SPOKESMEN=GOV', 'SPOKESWOMAN=GOV', 'ARMED POLICE=COP', 'CHAMBERS OF COMMERCE=BUS', 'POLICE=COP']));
    expect(phrases).not.toContain('ARMED POLICES=COP');
    expect(phrases).not.toContain('POLICES=COP');
  });
});

describe('dated codes', () => {
  const codes = [
    { code: 'USAGOVLEG', from: '1985-01-03', to: '2013-02-01' },
    { code: 'USAGOV', from: '2013-02-01', to: null },
  ];
  it('picks the period that covers the day, the latest start when periods touch', () => {
    expect(pickCode(codes, '2010-06-01')).toMatchObject({ code: 'USAGOVLEG', dated: true });
    expect(pickCode(codes, '2013-02-01')).toMatchObject({ code: 'USAGOV', dated: true });
    expect(pickCode(codes, '2020-01-01')).toMatchObject({ code: 'USAGOV' });
  });
  it('falls back to an undated code, then to the nearest period', () => {
    expect(pickCode([...codes.slice(0, 1), { code: 'USAELI', from: null, to: null }], '2020-01-01')).toMatchObject({ code: 'USAELI', dated: false, nearest: false });
    expect(pickCode(codes.slice(0, 1), '1980-01-01')).toMatchObject({ code: 'USAGOVLEG', nearest: true });
    expect(pickCode([], '2020-01-01')).toBeNull();
  });
  it('reads user date bounds', () => {
    expect(boundDay('2019', false)).toBe('2019-01-01');
    expect(boundDay('2019-02', true)).toBe('2019-02-28');
    expect(boundDay('2019-13', true)).toBeNull();
  });
});

describe('a user actor list', () => {
  const list = ['# my actors', 'Jane Roe|Governor Roe\tUSAGOV\t2019-01..2023-01-15\tperson', 'Jane Roe  USAELI  2023-01-16..', 'Harbor Watch  NGOENV'].join('\n');

  it('parses names, aliases, codes, date ranges and types', () => {
    expect(parseUserActors(list, 'my.tsv')).toEqual([
      { name: 'Jane Roe', names: ['Jane Roe', 'Governor Roe'], codes: [{ code: 'USAGOV', from: '2019-01-01', to: '2023-01-15' }, { code: 'USAELI', from: '2023-01-16', to: null }], source: 'user', type: 'person' },
      { name: 'Harbor Watch', names: ['Harbor Watch'], codes: [{ code: 'NGOENV', from: null, to: null }], source: 'user' },
    ]);
  });

  it('says which line is wrong', () => {
    expect(() => parseUserActors('Jane Roe\tusagov', 'my.tsv')).toThrow(/Line 1 of the actor list my\.tsv/);
    expect(() => parseUserActors('\n\nJane Roe\tUSAGOV\t2019-99..', 'my.tsv')).toThrow(/Line 3/);
    expect(() => parseUserActors('Jane Roe', 'my.tsv')).toThrow(/a name and a code are needed/);
  });

  it('takes precedence over the dictionaries, and finds names the NER misses (loaded from a file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-actors-'));
    try {
      const file = join(dir, 'mine.tsv');
      writeFileSync(file, 'John Kerry\tUSAXXX\nHarbor Watch\tNGOENV\torganization\n');
      const withList = actorsOf('John Kerry met members of Harbor Watch in Boston.', {}, loadActorDictionary({ userFile: file }));
      expect(withList.find('John Kerry')?.code).toBe('USAXXX');
      expect(withList.find('Harbor Watch')).toMatchObject({ code: 'NGOENV', type: 'organization' });
      expect(() => loadActorDictionary({ userFile: join(dir, 'absent.tsv') })).toThrow(/actor list cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
