import { describe, expect, it } from 'vitest';
import { matchesFilter, normalizeFilter, parseDateBound, publishedInstant, siteFromKey, siteKey, siteKeyRangeEnd, siteOfUrl } from './filters.js';

const utc = (iso: string): number => Date.parse(iso);

describe('date bounds', () => {
  it('reads a year, a month or a day as its first instant (since) or its last millisecond (until), in UTC', () => {
    expect(parseDateBound('2024', 'since')).toBe(utc('2024-01-01T00:00:00Z'));
    expect(parseDateBound('2024', 'until')).toBe(utc('2024-12-31T23:59:59.999Z'));
    expect(parseDateBound('2024-02', 'until')).toBe(utc('2024-02-29T23:59:59.999Z'));
    expect(parseDateBound('2024-12', 'until')).toBe(utc('2024-12-31T23:59:59.999Z'));
    expect(parseDateBound(' 2024-05-03 ', 'since')).toBe(utc('2024-05-03T00:00:00Z'));
    expect(parseDateBound('2024-05-03', 'until')).toBe(utc('2024-05-03T23:59:59.999Z'));
  });

  it('reads a date-time with its offset, and one without as UTC', () => {
    expect(parseDateBound('2024-05-03T10:00:00+02:00', 'since')).toBe(utc('2024-05-03T08:00:00Z'));
    expect(parseDateBound('2024-05-03T10:00', 'until')).toBe(utc('2024-05-03T10:00:00Z'));
    expect(parseDateBound('2024-05-03 10:00:00Z', 'since')).toBe(utc('2024-05-03T10:00:00Z'));
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-00', '2024-13-01', '24-05-03', 'May 3', '2024/05/03', '', 'now']) {
      expect(() => parseDateBound(bad, 'since'), bad).toThrow(expect.objectContaining({ code: 'E_FILTER' }));
    }
  });

  it('gives the instant of a published value, or null when it is not a date', () => {
    expect(publishedInstant('2024-05-03')).toBe(utc('2024-05-03T00:00:00Z'));
    expect(publishedInstant('2024-05-03T23:30:00-02:00')).toBe(utc('2024-05-04T01:30:00Z'));
    expect(publishedInstant('2024-02-30')).toBeNull();
    expect(publishedInstant('yesterday')).toBeNull();
    expect(publishedInstant(null)).toBeNull();
  });
});

describe('sites', () => {
  it('takes the host of a URL without www. and reverses it into an index range that covers subdomains', () => {
    expect(siteOfUrl('https://WWW.Example.COM:8443/a?b')).toBe('example.com');
    expect(siteOfUrl('file:///home/me/page.html')).toBe('');
    expect(siteKey('news.example.com')).toBe('com.example.news.');
    expect(siteFromKey('com.example.news.')).toBe('news.example.com');
    expect(siteFromKey(siteKey(''))).toBe('');
    const key = siteKey('example.com');
    expect(siteKeyRangeEnd(key)).toBe('com.example/');
    const inRange = (k: string): boolean => k >= key && k < siteKeyRangeEnd(key);
    expect(inRange(siteKey('example.com'))).toBe(true);
    expect(inRange(siteKey('a.b.example.com'))).toBe(true);
    expect(inRange(siteKey('badexample.com'))).toBe(false);
    expect(inRange(siteKey('example.com.evil.org'))).toBe(false);
    expect(inRange(siteKey('example-x.com'))).toBe(false);
  });

  it('accepts a host or a URL with only a host as a site filter', () => {
    expect(normalizeFilter({ site: 'WWW.Example.com.' }).siteKey).toBe('com.example.');
    expect(normalizeFilter({ site: 'https://www.example.com/' }).siteKey).toBe('com.example.');
    for (const bad of ['example.com/news', 'exa mple.com', '.example.com', 'a..b', 'example.com:8080']) {
      expect(() => normalizeFilter({ site: bad }), bad).toThrow(expect.objectContaining({ code: 'E_FILTER' }));
    }
  });
});

describe('matchesFilter', () => {
  it('keeps undated articles out of any date filter, and applies every filter given', () => {
    const filter = normalizeFilter({ since: '2024-05-01', site: 'example.com', language: 'EN' });
    const row = { publishedMs: utc('2024-05-02T00:00:00Z'), siteKey: siteKey('news.example.com'), language: 'en' };
    expect(matchesFilter(filter, row)).toBe(true);
    expect(matchesFilter(filter, { ...row, publishedMs: null })).toBe(false);
    expect(matchesFilter(filter, { ...row, language: 'de' })).toBe(false);
    expect(matchesFilter(filter, { ...row, siteKey: siteKey('example.org') })).toBe(false);
    expect(matchesFilter(normalizeFilter({}), { ...row, publishedMs: null, language: null })).toBe(true);
  });
});
