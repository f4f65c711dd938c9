import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuerySyntaxError } from '../errors.js';
import { toFts5 } from './fts5.js';
import { parseQuery, positivePhrases } from './parse.js';
import { tokenStrings } from './tokens.js';

const fts = (query: string): string => toFts5(parseQuery(query));

describe('tokens', () => {
  it('splits on anything but letters and digits, lower-cases and drops diacritics', () => {
    expect(tokenStrings('Café SOCIETY, U.S.-led ÉTÉ 2024 naïve Ærø straße')).toEqual(['cafe', 'society', 'u', 's', 'led', 'ete', '2024', 'naive', 'ærø', 'straße']);
    expect(tokenStrings('北京 cyber-security')).toEqual(['北京', 'cyber', 'security']);
    expect(tokenStrings(' -- & ; ')).toEqual([]);
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
