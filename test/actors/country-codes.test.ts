import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ACTOR_CODE, currentCode, dictionaryDate, parseCodeList } from '../../scripts/actors/petrarch-format.js';
import { getLayer } from '../../src/model/document.js';
import { loadActorDictionary } from '../../src/resources/actors.js';
import { ActorDictionary } from '../../src/stages/actors/dictionary.js';
import { phraseKey } from '../../src/stages/actors/keys.js';
import { actorsOf } from './helpers.js';

const DATA = new URL('../../data/actors/', import.meta.url);
const read = (file: string): string => {
  const bytes = readFileSync(new URL(file, DATA));
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};
const rows = (text: string): string[][] => text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.split('\t'));
const datedCodes = (column: string | undefined): string[] => (column ? column.split(';').map((item) => item.split('@')[0]!) : []);

describe('country codes with dates (CountryInfo brackets)', () => {
  const serbia = '[YUGSRB <20920427][FRYSRB 20920427 - 20030204][SCGSRB 20030205 - 20060605][SRB >20030101]';

  it('reads the bracketed codes, repairing the 20YY century slip of the 1990s dates', () => {
    expect(dictionaryDate('20920427')).toBe('1992-04-27');
    expect(dictionaryDate('20030204')).toBe('2003-02-04');
    const { codes, skipped } = parseCodeList(serbia);
    expect(skipped).toBe(0);
    expect(codes).toEqual([
      { code: 'YUGSRB', from: null, to: '1992-04-27' },
      { code: 'FRYSRB', from: '1992-04-27', to: '2003-02-04' },
      { code: 'SCGSRB', from: '2003-02-05', to: '2006-06-05' },
      { code: 'SRB', from: '2003-01-01', to: null },
    ]);
    expect(currentCode(codes)?.code).toBe('SRB');
    expect(parseCodeList('AFG').codes).toEqual([{ code: 'AFG', from: null, to: null }]);
    expect(parseCodeList('')).toEqual({ codes: [], skipped: 0 });
    expect(parseCodeList('[XYZ 20050101 - 20040101]')).toEqual({ codes: [], skipped: 1 });
  });

  it('leaves only actor codes in the shipped data files', () => {
    const codes = [
      ...rows(read('countries.tsv')).flatMap((row) => [row[0]!, ...datedCodes(row[6])]),
      ...rows(read('actors.tsv.gz')).flatMap((row) => datedCodes(row[1])),
      ...rows(read('agents.tsv')).map((row) => row[1]!),
      ...rows(read('codes.tsv')).map((row) => row[0]!),
    ];
    expect(codes.length).toBeGreaterThan(20_000);
    expect(codes.filter((code) => !ACTOR_CODE.test(code))).toEqual([]);
  });

  it('gives every country its own name, and the contested aliases to the country they name', () => {
    const dictionary = loadActorDictionary({ userFile: null });
    const lost = [...dictionary.countries.values()].filter((country) => {
      const entry = dictionary.places.get(phraseKey(country.name));
      return entry !== undefined && entry.code !== country.code;
    });
    expect(lost.map((c) => c.name)).toEqual([]);
    expect(dictionary.places.get('serbia')?.code).toBe('SRB');
    expect(dictionary.places.get('serbian')).toMatchObject({ code: 'SRB', kind: 'adjective' });
    expect(dictionary.places.get('serbia and montenegro')?.code).toBe('SCG');
  });
});

describe('actors stage: countries coded by the article date', () => {
  const text = 'Serbia accused Kosovo of provocations on Tuesday. Serbian President Aleksandar Vucic said the talks failed.';

  it('codes a country by its current code, and its demonym as a mention of it', () => {
    const { doc, find, texts } = actorsOf(text, { fallbackDate: '2020-03-01' });
    expect(find('Serbia')).toMatchObject({ type: 'country', code: 'SRB' });
    expect(find('Kosovo')).toMatchObject({ type: 'country', code: 'KSV' });
    expect(texts(find('Serbia'))).toEqual(['Serbia', 'Serbian']);
    const serbian = getLayer(doc, 'mentions').find((m) => doc.text.slice(m.start, m.end) === 'Serbian');
    expect(serbian?.data).toMatchObject({ kind: 'demonym', type: 'country', code: 'SRB' });
    expect(find('Aleksandar Vucic')?.code).toBe('SRBGOV');
  });

  it('picks the code of the article date (Serbia in 2004 and 1995)', () => {
    expect(actorsOf(text, { fallbackDate: '2004-06-01' }).find('Serbia')?.code).toBe('SCGSRB');
    expect(actorsOf(text, { fallbackDate: '1995-06-01' }).find('Serbia')?.code).toBe('FRYSRB');
  });

  it('finds a former country by its own full name', () => {
    const { find } = actorsOf('Serbia and Montenegro signed the accord in Brussels.', { fallbackDate: '2004-06-01' });
    expect(find('Serbia and Montenegro')).toMatchObject({ type: 'country', code: 'SCG' });
    expect(find('Serbia')).toBeUndefined();
  });
});

describe('actors stage: a surname alone', () => {
  const dictionary = ActorDictionary.fromTexts({
    countries: 'CHN\tChina\tchina\tchinese\tbeijing\t\n',
    actors: 'Wang Qishan|Wang\tCHNGOV@2008-03-17..2013-03-16\n',
    agents: '',
  });

  it('takes the dictionary code when the entry held office at the article date', () => {
    expect(actorsOf('Wang said China would respond.', { fallbackDate: '2010-01-01' }, dictionary).find('Wang')?.code).toBe('CHNGOV');
  });

  it('keeps the code unknown when the entry held office only in other years', () => {
    const { find } = actorsOf('Wang said China would respond.', { fallbackDate: '2020-01-01' }, dictionary);
    expect(find('Wang')).toMatchObject({ type: 'person', code: null });
    expect(find('China')?.code).toBe('CHN');
  });
});
