import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuerySyntaxError } from '../errors.js';
import { toFts5 } from './fts5.js';
import { parseQuery, positivePhrases } from './parse.js';
import { queryTokens, tokenize, tokenStrings } from './tokens.js';

const fts = (query: string): string => toFts5(parseQuery(query));

describe('tokens', () => {
  it('splits on anything but letters and digits, lower-cases and drops diacritics', () => {
    expect(tokenStrings('Café SOCIETY, U.S.-led ÉTÉ 2024 naïve Ærø straße')).toEqual(['cafe', 'society', 'u', 's', 'led', 'ete', '2024', 'naive', 'ærø', 'straße']);
    expect(tokenStrings('北京 cyber-security')).toEqual(['北京', '京', 'cyber', 'security']);
    expect(tokenStrings(' -- & ; ')).toEqual([]);
  });

  it('cuts Chinese, Japanese and Korean runs into character pairs and the last character, with offsets', () => {
    expect(tokenStrings('東京都でスマートフォン')).toEqual(['東京', '京都', '都で', 'でス', 'スマ', 'マー', 'ート', 'トフ', 'フォ', 'ォン', 'ン']);
    expect(tokenStrings('대통령은 말했다')).toEqual(['대통', '통령', '령은', '은', '말했', '했다', '다']);
    expect(tokenStrings('iPhone15を買った')).toEqual(['iphone15', 'を買', '買っ', 'った', 'た']);
    expect(tokenStrings('ｶﾞｽ ガス カス')).toEqual(['ガス', 'ス', 'ガス', 'ス', 'カス', 'ス']); // half-width → full-width; voicing kept
    const text = '北京市で';
    expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(['北京', '京市', '市で', 'で']);
  });

  it('gives a query word its pairs only, and one final character as a prefix', () => {
    expect(queryTokens('スマート')).toEqual({ tokens: ['スマ', 'マー', 'ート'], prefix: false });
    expect(queryTokens('京')).toEqual({ tokens: ['京'], prefix: true });
    expect(queryTokens('東京 tower')).toEqual({ tokens: ['東京', '京', 'tower'], prefix: false });
    expect(queryTokens('climate')).toEqual({ tokens: ['climate'], prefix: false });
  });
});

describe('parseQuery → FTS5', () => {
  const cases: [string, string][] = [
    ['climate', '"climate"'],
    ['Climate Change', '"climate" AND "change"'],
    ['"climate change"', '"climate change"'],
    ['climat*', '"climat"*'],
    ['"climate ch"*', '"climate ch"*'],
    ['coal OR gas', '"coal" OR "gas"'],
    ['a b OR c', '("a" AND "b") OR "c"'],
    ['climate NOT coal', '"climate" NOT "coal"'],
    ['climate change NOT coal NOT gas', '("climate" AND "change") NOT ("coal" OR "gas")'],
    ['NOT coal climate', '"climate" NOT "coal"'],
    ['climate -coal', '"climate" NOT "coal"'],
    ['climate -"coal plant"', '"climate" NOT "coal plant"'],
    ['climate -(coal OR gas)', '"climate" NOT ("coal" OR "gas")'],
    ['(coal OR gas) price', '("coal" OR "gas") AND "price"'],
    ['coal AND NOT gas', '"coal" NOT "gas"'],
    ['U.S. policy', '"u s" AND "policy"'],
    ['well-known', '"well known"'],
    ['and or not', '"and" AND "or" AND "not"'],
    ['climate & energy', '"climate" AND "energy"'],
    ['title:coal', '"title coal"'],
    ['NEAR(a b)', '"near" AND ("a" AND "b")'],
    ['a" OR "b', '"a" AND "or" AND "b"'],
  ];
  for (const [query, expected] of cases) {
    it(`${query} → ${expected}`, () => expect(fts(query)).toBe(expected));
  }

  it('keeps the phrases a match can be shown for, not the excluded ones', () => {
    expect(positivePhrases(parseQuery('climate "coal plant" NOT gas')).map((p) => p.tokens.join(' '))).toEqual(['climate', 'coal plant']);
  });

  it('says where a malformed query goes wrong', () => {
    const where = (query: string): number => {
      try {
        parseQuery(query);
      } catch (error) {
        if (error instanceof QuerySyntaxError) return error.position;
        throw error;
      }
      throw new Error(`${query} parsed`);
    };
    expect(where('climate "change')).toBe(8);
    expect(where('a AND')).toBe(2);
    expect(where('a OR OR b')).toBe(2);
    expect(where('a (b')).toBe(2);
    expect(where('a b)')).toBe(3);
    expect(where('-cl*mate')).toBe(3);
    expect(where('a NOT NOT b')).toBe(2);
    expect(where('a NOT -b')).toBe(2);
    expect(where('((((((((((((((((((a))))))))))))))))))')).toBe(16);
  });

  it('calls a lone ")" what it is, wherever it stands', () => {
    for (const [query, at] of [[')', 1], [') climate', 1], ['climate )', 9]] as const) {
      expect(() => parseQuery(query), query).toThrow(`The ")" at position ${at} has no matching "(".`);
    }
    expect(() => parseQuery('(climate AND )')).toThrow('AND at position 10 needs a word or phrase on both sides');
  });

  it('accepts any text as either a valid FTS5 expression of quoted phrases or a QuerySyntaxError', () => {
    const alphabet = fc.constantFrom(...'ab "()*-:^+{}\'.;AND OR NOT é\\'.split(''), ' AND ', ' OR ', ' NOT ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')), (query) => {
        let out: string;
        try {
          out = fts(query);
        } catch (error) {
          expect(error).toBeInstanceOf(QuerySyntaxError);
          return;
        }
        // Only quoted phrases, operators and parentheses: strip the phrases and nothing else may remain.
        const rest = out.replace(/"(?:[^"]|"")*"\*?/g, 'P').replace(/\b(AND|OR|NOT)\b/g, '').replace(/[P() ]/g, '');
        expect(rest, out).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
