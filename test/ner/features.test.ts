import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_GROUPS, FeatureExtractor, type FeatureGroups, type NerLexicon } from '../../src/stages/entities/features.js';
import { Gazetteer } from '../../src/stages/entities/gazetteer.js';
import { casing, Casing, foldToken, normalizeWord, wordShapes } from '../../src/stages/entities/lexical.js';
import { tagIndex } from '../../src/stages/entities/tags.js';
import { WordInfoCache } from '../../src/stages/entities/word-info.js';
import { WordTable } from '../../src/stages/entities/words.js';

const gazetteer = Gazetteer.parse(['# test lists', 'country\tchina', 'country\tunited states', 'person\tjohn kerry', 'city\tnew york', 'city\tnew york city'].join('\n'));
const words = WordTable.parse([
  '# granularities: 2,4', 'kerry\t40\t0.990\t1,3', 'lew\t12\t0.950\t1,3', 'the\t900\t0.010\t0,0', 'said\t300\t0.000\t0,1', 'rare\t2\t0.000\t',
  'hold\t50\t0.020\t0,1', 'talks\t80\t0.010\t0,1', 'security\t60\t0.100\t0,1', 'china\t90\t1.000\t1,2',
].join('\n'));
const lexicon: NerLexicon = { gazetteer, words };

function keysOf(groups: FeatureGroups, sentences: string[][], sentence: number, token: number, firstPass?: string[][]): Set<number> {
  const extractor = new FeatureExtractor(groups, lexicon);
  const ctx = extractor.context(sentences);
  if (firstPass) ctx.setFirstPass(firstPass.map((tags) => Uint8Array.from(tags.map((tag) => tagIndex(tag)!))));
  const { keys, offsets } = extractor.extract(ctx, sentence);
  return new Set(keys.subarray(offsets[token]!, offsets[token + 1]!));
}

const none: FeatureGroups = Object.fromEntries(Object.keys(DEFAULT_FEATURE_GROUPS).map((k) => [k, false])) as unknown as FeatureGroups;

describe('word shapes and casing', () => {
  it('shapes words', () => {
    expect(wordShapes('Washington')).toEqual({ short: 'Xx', long: 'Xxxxx' });
    expect(wordShapes('U.S.')).toEqual({ short: 'X.X.', long: 'X.X.' });
    expect(wordShapes('1996-08-22')).toEqual({ short: 'd-d-d', long: 'dddd-dd-dd' });
    expect(wordShapes('McDonald')).toEqual({ short: 'XxXx', long: 'XxXxxxx' });
    expect(wordShapes('Путин').short).toBe('Xx');
  });

  it('classifies capitalization', () => {
    expect(casing('Kerry')).toBe(Casing.Initial);
    expect(casing('JAPAN')).toBe(Casing.AllUpper);
    expect(casing('U.S.')).toBe(Casing.SingleUpper);
    expect(casing('said')).toBe(Casing.Lower);
    expect(casing('iPhone')).toBe(Casing.MixedLower);
    expect(casing('1,000')).toBe(Casing.NoLetters);
  });

  it('folds typography and normalizes words', () => {
    expect(foldToken('\u201cChina\u2019s\u201d \u2014')).toBe('"China\'s" --');
    expect(normalizeWord('Year-2013')).toBe('year-0000');
  });
});

describe('feature extraction', () => {
  const sentence = [['Secretary', 'John', 'Kerry', 'visited', 'China', '.']];

  it('is deterministic and depends on the word and its context', () => {
    const a = keysOf(DEFAULT_FEATURE_GROUPS, sentence, 0, 2);
    expect(keysOf(DEFAULT_FEATURE_GROUPS, sentence, 0, 2)).toEqual(a);
    const otherWord = keysOf(DEFAULT_FEATURE_GROUPS, [['Secretary', 'John', 'Lew', 'visited', 'China', '.']], 0, 2);
    const otherContext = keysOf(DEFAULT_FEATURE_GROUPS, [['Senator', 'John', 'Kerry', 'visited', 'China', '.']], 0, 2);
    expect(otherWord).not.toEqual(a);
    expect(otherContext).not.toEqual(a);
    // "Kerry" and "Lew" share clusters: some keys in common beyond the bias.
    expect([...a].filter((k) => otherWord.has(k)).length).toBeGreaterThan(5);
  });

  it('switches groups on and off', () => {
    const base = keysOf(none, sentence, 0, 2);
    const sizes = Object.keys(DEFAULT_FEATURE_GROUPS).filter((g) => g !== 'aggregation' && g !== 'stacking' && g !== 'document').map((group) => keysOf({ ...none, [group]: true }, sentence, 0, 2).size);
    for (const size of sizes) expect(size).toBeGreaterThan(base.size);
    for (const key of base) expect(keysOf(DEFAULT_FEATURE_GROUPS, sentence, 0, 2).has(key)).toBe(true);
  });

  it('marks name-list matches, longest phrase per category, as begin and inside', () => {
    const marks = gazetteer.match(['in', 'new', 'york', 'city', 'john', 'kerry', 'and', 'china']);
    const city = gazetteer.categories.indexOf('city');
    const person = gazetteer.categories.indexOf('person');
    expect(marks[1]).toEqual([city * 2]);
    expect(marks[2]).toEqual([city * 2 + 1]);
    expect(marks[3]).toEqual([city * 2 + 1]);
    expect(marks[4]).toEqual([person * 2]);
    expect(marks[7]).toEqual([gazetteer.categories.indexOf('country') * 2]);
    expect(marks[0]).toEqual([]);
    const withList = keysOf({ ...none, gazetteer: true }, sentence, 0, 4);
    const notInList = keysOf({ ...none, gazetteer: true }, [['Secretary', 'John', 'Kerry', 'visited', 'Chile', '.']], 0, 4);
    expect(withList.size).toBeGreaterThan(notInList.size);
  });

  it('sees how a headline word is written in the rest of the document', () => {
    const headline = ['JAPAN', 'WIN', '.'];
    const inBody = [headline, ['Then', 'Japan', 'beat', 'Syria', '.']];
    const notInBody = [headline, ['Then', 'they', 'beat', 'Syria', '.']];
    const groups = { ...none, document: true };
    expect(keysOf(groups, inBody, 0, 0)).not.toEqual(keysOf(groups, notInBody, 0, 0));
    // Without document features the headline token looks the same in both documents.
    expect(keysOf(none, inBody, 0, 0)).toEqual(keysOf(none, notInBody, 0, 0));
  });

  it('reads a title-case headline like a headline in capitals, but not a list of names', () => {
    const extractor = new FeatureExtractor(DEFAULT_FEATURE_GROUPS, lexicon);
    const ctx = extractor.context([
      ['US', ',', 'China', 'Hold', 'Talks', 'on', 'Cyber', 'Security'],
      ['Kerry', ',', 'Lew', ',', 'Staunton', ',', 'Irwin', ',', 'McAteer'],
      ['China', 'Hold', 'Talks', 'on', 'Cyber', 'Security', '.'],
    ]);
    const [headline, names, sentence] = ctx.sentences;
    expect(headline!.allCaps).toBe(true);
    expect(headline!.words.map((w) => w.casing)).toContain(Casing.AllUpper);
    expect(names!.allCaps).toBe(false);
    expect(sentence!.allCaps).toBe(false); // a final period: a sentence, not a headline
  });

  it('sees in the second pass how the first pass labeled the other occurrences of a word', () => {
    const doc = [['John', 'Kerry', 'spoke', '.'], ['Kerry', 'left', '.']];
    const groups = { ...none, aggregation: true };
    const asPerson = keysOf(groups, doc, 1, 0, [['B-PER', 'L-PER', 'O', 'O'], ['O', 'O', 'O']]);
    const asOrg = keysOf(groups, doc, 1, 0, [['B-ORG', 'L-ORG', 'O', 'O'], ['O', 'O', 'O']]);
    const withoutFirstPass = keysOf(groups, doc, 1, 0);
    expect(asPerson).not.toEqual(asOrg);
    expect(asPerson.size).toBeGreaterThan(withoutFirstPass.size);
    // Its own first-pass label is left out: a word seen once has no aggregate.
    expect(keysOf(groups, [['Kerry', 'left', '.']], 0, 0, [['U-PER', 'O', 'O']])).toEqual(keysOf(groups, [['Kerry', 'left', '.']], 0, 0));
  });
});

describe('lexicon files', () => {
  it('parses the word table and reports bad lines with their number', () => {
    expect(words.granularities).toEqual([2, 4]);
    expect(words.get('kerry')).toEqual({ count: 40, capitalized: 0.99, clusters: [1, 3] });
    expect(words.get('rare')!.clusters).toEqual([]);
    expect(() => WordTable.parse('# granularities: 2\nkerry\t40\n')).toThrow(/line 2/);
    expect(() => WordTable.parse('kerry\t40\t0.9\t1\n')).toThrow(/granularities/);
  });

  it('parses the name lists and reports bad lines with their number', () => {
    expect(gazetteer.entryCount).toBe(5);
    expect(() => Gazetteer.parse('country\tchina\nno tab here\n')).toThrow(/line 2/);
  });
});

describe('the word cache', () => {
  it('stays within its bound and keeps the words that keep coming back', () => {
    const cache = new WordInfoCache(null, 10);
    const frequent = cache.get('the');
    for (let i = 0; i < 1000; i++) {
      cache.get(`word${i}`);
      if (i % 3 === 0) expect(cache.get('the')).toBe(frequent);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
    expect(cache.get('word0')).not.toBe(undefined);
    expect(cache.get('word0').norm).toBe('word0');
  });
});
