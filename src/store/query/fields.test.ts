import { describe, expect, it } from 'vitest';
import { splitQueryFilters } from './fields.js';

describe('splitQueryFilters', () => {
  it('takes the filters out of a query and keeps the words as typed', () => {
    expect(splitQueryFilters('cyber theme:CYBER_SECURITY actor:chn site:voanews.com lang:en since:2013-01 until:2013-12')).toEqual({
      text: 'cyber',
      filter: { theme: 'CYBER_SECURITY', actor: 'chn', site: 'voanews.com', language: 'en', since: '2013-01', until: '2013-12' },
    });
    expect(splitQueryFilters('"climate change" (coal OR gas) site:example.com')).toEqual({ text: '"climate change" (coal OR gas)', filter: { site: 'example.com' } });
    expect(splitQueryFilters('a AND site:x.org AND b')).toEqual({ text: 'a AND b', filter: { site: 'x.org' } });
    expect(splitQueryFilters('site:x.org AND b')).toEqual({ text: 'b', filter: { site: 'x.org' } });
    expect(splitQueryFilters('ceasefire country:syr')).toEqual({ text: 'ceasefire', filter: { country: 'syr' } });
  });

  it('gives null words for a query of filters only, and leaves other colons alone', () => {
    expect(splitQueryFilters('ACTOR:USA theme:TRADE')).toEqual({ text: null, filter: { actor: 'USA', theme: 'TRADE' } });
    expect(splitQueryFilters('time:10 "site:x" https://example.com')).toEqual({ text: 'time:10 "site:x" https://example.com', filter: {} });
    expect(splitQueryFilters('   ')).toEqual({ text: null, filter: {} });
  });

  it('refuses a filter that cannot apply to the whole query, saying where', () => {
    expect(() => splitQueryFilters('(a site:x.org)')).toThrow(/inside parentheses/);
    expect(() => splitQueryFilters('a OR site:x.org')).toThrow(/joined with OR/);
    expect(() => splitQueryFilters('site:x.org OR a')).toThrow(/joined with OR/);
    expect(() => splitQueryFilters('a -site:x.org')).toThrow(/cannot be negated/);
    expect(() => splitQueryFilters('a NOT lang:en')).toThrow(/cannot be negated/);
    expect(() => splitQueryFilters('site:a.org site:b.org')).toThrow(/given twice/);
    expect(() => splitQueryFilters('a OR site:x.org')).toThrow(expect.objectContaining({ code: 'E_QUERY', position: 5 }));
  });
});
