import { describe, expect, it } from 'vitest';
import { apiUrl } from './api.js';
import { toCsv } from './csv.js';
import { allPeriods, nextPeriod, periodEnd, periodFor, periodLabel } from './format.js';
import { actorHref, safeHref, searchHref } from './links.js';
import { filterOf, withFilter } from './query.js';

/** The workbench's pure parts; the views themselves are tested in a browser (test/ui). */

describe('links', () => {
  it('link out only to web addresses', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'file:///etc/passwd', 'vbscript:x', 'not a url', '', null]) expect(safeHref(bad), String(bad)).toBeNull();
  });

  it('encode what they put in a path or a query', () => {
    expect(actorHref('CHN/GOV', 'Wang & Yang')).toBe('/actors/CHN%2FGOV?name=Wang%20%26%20Yang');
    expect(searchHref('a "b" site:x.org')).toBe('/search?q=a%20%22b%22%20site%3Ax.org');
    expect(apiUrl('events', { source: 'USA', target: '', both: false, limit: 20, q: null })).toBe('/api/events?source=USA&limit=20');
  });
});

describe('query filters', () => {
  it('set, replace and remove a filter, leaving the words alone', () => {
    expect(withFilter('cyber', 'site', 'voanews.com')).toBe('cyber site:voanews.com');
    expect(withFilter('cyber site:a.org lang:en', 'site', 'b.org')).toBe('cyber lang:en site:b.org');
    expect(withFilter('cyber site:a.org', 'site', null)).toBe('cyber');
    expect(withFilter('', 'theme', 'TRADE')).toBe('theme:TRADE');
    expect(filterOf('x since:2024-01 y', 'since')).toBe('2024-01');
    expect(filterOf('x', 'since')).toBeNull();
  });
});

describe('periods', () => {
  it('step, end and label days, weeks and months', () => {
    expect(nextPeriod('2024-01-31', 'day')).toBe('2024-02-01');
    expect(nextPeriod('2024-12-30', 'week')).toBe('2025-01-06');
    expect(nextPeriod('2024-12-01', 'month')).toBe('2025-01-01');
    expect(periodEnd('2024-02-01', 'month')).toBe('2024-02-29');
    expect(periodEnd('2024-05-06', 'week')).toBe('2024-05-12');
    expect(periodLabel('2024-05-01', 'month')).toBe('May 2024');
  });

  it('fill the periods the API leaves out, and pick a period for a span', () => {
    expect(allPeriods(['2024-03-01', '2024-01-01'], 'month')).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
    expect(allPeriods([], 'day')).toEqual([]);
    expect(allPeriods(['1990-01-01', '2024-01-01'], 'day')).toEqual(['1990-01-01', '2024-01-01']);
    expect(periodFor(['2024-01-01', '2024-02-01'])).toBe('day');
    expect(periodFor(['2024-01-01', '2024-12-01'])).toBe('week');
    expect(periodFor(['2014-01-01', '2024-12-01'])).toBe('month');
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv({ columns: ['a', 'b'], rows: [['x,y', 'say "hi"'], ['=cmd()', null], [-2, '-2']] })).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=cmd(),\r\n-2,\'-2\r\n');
  });
});
