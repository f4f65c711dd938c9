import { describe, expect, it } from 'vitest';
import { DEFAULT_DATE_BOUNDS, formatDate } from './date-value.js';
import { dateFromUrl } from './url-dates.js';

const read = (url: string): string | null => {
  const found = dateFromUrl(url, DEFAULT_DATE_BOUNDS);
  return found ? `${formatDate(found.value)}${found.hasDay ? '' : ' (month)'}` : null;
};

describe('dateFromUrl', () => {
  it.each([
    ['https://example.com/2013/07/10/some-story/', '2013-07-10'],
    ['https://example.com/news/20130710/some-story', '2013-07-10'],
    ['https://example.com/2013-07-10-some-story.html', '2013-07-10'],
    ['https://example.com/politics/2013/7/1/story', '2013-07-01'],
    ['https://example.com/10-07-2013/story', '2013-07-10'],
    ['https://example.com/news/2013/07/some-story', '2013-07-01 (month)'],
  ])('%s', (url, expected) => {
    expect(read(url)).toBe(expected);
  });

  it('dates an archived copy by the URL it embeds, not by the capture', () => {
    expect(read('https://web.archive.org/web/20140109030403/http://blog.example.com/2013/12/09/story/')).toBe('2013-12-09');
    expect(read('https://web.archive.org/web/20130307194448/blog.example.com/2008/05/story.html')).toBe('2008-05-01 (month)');
  });

  it('reads a date followed by an encoded space or a plus in the slug', () => {
    expect(read('https://blog.example.com/articles/2025-12-15+Rust+GCC+backend')).toBe('2025-12-15');
    expect(read('https://blog.example.com/articles/2025-12-15%20Rust')).toBe('2025-12-15');
  });

  it('finds nothing where the path has no date or an impossible one', () => {
    expect(read('https://example.com/about/team')).toBeNull();
    expect(read('https://example.com/2013/13/40/story')).toBeNull();
    expect(read('https://example.com/story?date=2013-07-10')).toBeNull();
    expect(read('https://example.com/products/1234567890')).toBeNull();
    expect(dateFromUrl(null, DEFAULT_DATE_BOUNDS)).toBeNull();
    expect(dateFromUrl('not a url', DEFAULT_DATE_BOUNDS)).toBeNull();
  });
});
