import { describe, expect, it } from 'vitest';
import { AbbreviationTable, tokenize } from '../../src/stages/sentences/tokenize.js';

function words(text: string, table?: AbbreviationTable): string[] {
  return tokenize(text, 0, text.length, table).map((t) => text.slice(t.start, t.end));
}

describe('tokenize: news English cut as in the CoNLL-2003 text', () => {
  const cases: [string, string, string[]][] = [
    ['abbreviations keep their period', 'U.S. Gov. Brown met Mr. Li and Dr. Ng on Jan. 5 at No. 10 St. James, Apple Inc. and Acme Corp.', ['U.S.', 'Gov.', 'Brown', 'met', 'Mr.', 'Li', 'and', 'Dr.', 'Ng', 'on', 'Jan.', '5', 'at', 'No.', '10', 'St.', 'James', ',', 'Apple', 'Inc.', 'and', 'Acme', 'Corp.']],
    ['initials', 'J. R. R. Tolkien', ['J.', 'R.', 'R.', 'Tolkien']],
    ['a sentence-final period is its own token', 'He left Washington.', ['He', 'left', 'Washington', '.']],
    ['quotes and the closing quote after the period', 'He said "no." Then \u201cyes.\u201d', ['He', 'said', '"', 'no', '.', '"', 'Then', '\u201c', 'yes', '.', '\u201d']],
    ['dashes', 'talks -- and more\u2014later \u2013 fine', ['talks', '--', 'and', 'more', '\u2014', 'later', '\u2013', 'fine']],
    ['parentheses', '(Reuters) said (in 1996).', ['(', 'Reuters', ')', 'said', '(', 'in', '1996', ')', '.']],
    ['numbers', 'It rose 1,000.5 points, 3.5% to $1.2bn on 1996-08-22 at 10:30, 6-4 and 1/2.', ['It', 'rose', '1,000.5', 'points', ',', '3.5', '%', 'to', '$', '1.2bn', 'on', '1996-08-22', 'at', '10:30', ',', '6-4', 'and', '1/2', '.']],
    ['currency prefixes', 'C$ 5 and US$1.2bn', ['C$', '5', 'and', 'US$', '1.2bn']],
    ['URLs without their trailing punctuation', 'See https://example.com/a_(b)/c?d=1. Or www.voanews.com, now.', ['See', 'https://example.com/a_(b)/c?d=1', '.', 'Or', 'www.voanews.com', ',', 'now', '.']],
    ['e-mail addresses', 'Write to john.smith@example.co.uk.', ['Write', 'to', 'john.smith@example.co.uk', '.']],
    ['hyphenated words', 'a state-of-the-art e-mail from Sino-U.S. talks', ['a', 'state-of-the-art', 'e-mail', 'from', 'Sino-U.S.', 'talks']],
    ['possessives and contractions', "Kerry's and the countries' O'Neill's don't can't I'm we've BUSH'S", ['Kerry', "'s", 'and', 'the', 'countries', "'", "O'Neill", "'s", 'do', "n't", 'ca', "n't", 'I', "'m", 'we', "'ve", 'BUSH', "'S"]],
    ['curly apostrophes', 'China\u2019s views', ['China', '\u2019s', 'views']],
    ['ellipses', 'Well... maybe\u2026 yes', ['Well', '...', 'maybe', '\u2026', 'yes']],
    ['all capitals headline', 'SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .', ['SOCCER', '-', 'JAPAN', 'GET', 'LUCKY', 'WIN', ',', 'CHINA', 'IN', 'SURPRISE', 'DEFEAT', '.']],
    ['non-Latin scripts and emoji', 'Путин сказал 北京 🙂!', ['Путин', 'сказал', '北京', '🙂', '!']],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('gives offsets into the text exactly, with kinds', () => {
    const text = '  Mr. Kerry\u2019s 3.5%  e-mail: a@b.org\n';
    const tokens = tokenize(text);
    for (const token of tokens) expect(token.end).toBeGreaterThan(token.start);
    expect(tokens.map((t) => [text.slice(t.start, t.end), t.kind])).toEqual([
      ['Mr.', 'abbreviation'], ['Kerry', 'word'], ['\u2019s', 'word'], ['3.5', 'number'], ['%', 'punctuation'], ['e-mail', 'word'], [':', 'punctuation'], ['a@b.org', 'email'],
    ]);
    expect(tokens[0]!.abbreviation).toBe('title');
  });

  it('tokenizes only the range asked for', () => {
    const text = 'One two. Three four.';
    expect(tokenize(text, 9, text.length).map((t) => text.slice(t.start, t.end))).toEqual(['Three', 'four', '.']);
  });

  it('takes user abbreviations', () => {
    expect(words('He met Gen. Smith of Acme Bhd. yesterday')).toContain('Bhd');
    expect(words('He met Gen. Smith of Acme Bhd. yesterday', new AbbreviationTable({ other: ['Bhd'] }))).toContain('Bhd.');
  });
});
