import { describe, expect, it } from 'vitest';
import { findDatesInText, type TextDateOptions } from './date-patterns.js';
import { DEFAULT_DATE_BOUNDS, formatDate } from './date-value.js';
import { parseDateValue } from './dates.js';

const iso = (raw: string): string | null => {
  const value = parseDateValue(raw);
  return value ? formatDate(value) : null;
};

describe('parseDateValue (machine-readable dates)', () => {
  it('keeps the offset as written, never shifting to UTC', () => {
    expect(iso('2015-07-24T05:36:09+01:00')).toBe('2015-07-24T05:36:09+01:00');
    expect(iso('2015-07-24T05:36:09+0100')).toBe('2015-07-24T05:36:09+01:00');
    expect(iso('2016-03-01T23:30:00-05:00')).toBe('2016-03-01T23:30:00-05:00');
    expect(iso('2015-03-27T13:07:55.096Z')).toBe('2015-03-27T13:07:55Z');
  });

  it('keeps a local time local and a bare day a day', () => {
    expect(iso('2017-11-03 03:01:00.000000')).toBe('2017-11-03T03:01:00');
    expect(iso('2024-06-25')).toBe('2024-06-25');
    expect(iso('2013/07/10')).toBe('2013-07-10');
    expect(iso('20130710')).toBe('2013-07-10');
  });

  it('reads RFC 2822 and epoch seconds', () => {
    expect(iso('Wed, 10 Jul 2013 14:00:00 GMT')).toBe('2013-07-10T14:00:00Z');
    expect(iso('Wed, 10 Jul 2013 14:00:00 +0200')).toBe('2013-07-10T14:00:00+02:00');
    expect(iso('1373464800')).toBe('2013-07-10T14:00:00Z');
    expect(iso('1373464800000')).toBe('2013-07-10T14:00:00Z');
  });

  it('rejects impossible days, years out of bounds and text that is no date', () => {
    expect(iso('2013-02-30')).toBeNull();
    expect(iso('2013-13-01')).toBeNull();
    expect(iso('1970-01-01')).toBeNull();
    expect(iso('not a date')).toBeNull();
    expect(iso('')).toBeNull();
  });
});

const options: TextDateOptions = { bounds: DEFAULT_DATE_BOUNDS, language: null, anchor: null, limit: 5 };
const first = (text: string, extra: Partial<TextDateOptions> = {}): string | null => {
  const found = findDatesInText(text, { ...options, ...extra })[0];
  return found ? formatDate(found.value) : null;
};

describe('findDatesInText (visible datelines)', () => {
  it.each([
    ['Published July 10, 2013', '2013-07-10'],
    ['Sept. 3rd, 2013', '2013-09-03'],
    ['10 July 2013', '2013-07-10'],
    ['Aktualisiert am 31. Mai 2012', '2012-05-31'],
    ['Publié le 10 juillet 2013', '2013-07-10'],
    ['1er août 2014', '2014-08-01'],
    ['10 de julio de 2013', '2013-07-10'],
    ['10 de julho de 2013', '2013-07-10'],
    ['10 luglio 2013', '2013-07-10'],
    ['10 juli 2013', '2013-07-10'],
    ['10 lipca 2013', '2013-07-10'],
    ['10 июля 2013 г.', '2013-07-10'],
    ['2013. július 10.', '2013-07-10'],
    ['10.07.2013', '2013-07-10'],
    ['2013-07-10', '2013-07-10'],
    ['2013年7月10日', '2013-07-10'],
    ['2013년 7월 10일', '2013-07-10'],
  ])('%s', (text, expected) => {
    expect(first(text)).toBe(expected);
  });

  it('reads the time and zone written after a date', () => {
    expect(first('July 10, 2013 at 3:46 PM EDT')).toBe('2013-07-10T15:46:00-04:00');
    expect(first('31.05.2012, 14:35 Uhr')).toBe('2012-05-31T14:35:00');
    expect(first('10 July 2013 14:00 (CEST)')).toBe('2013-07-10T14:00:00+02:00');
    expect(first('Jan 5 2020 11:00 GMT+2')).toBe('2020-01-05T11:00:00+02:00');
  });

  it('takes neither a German word for a zone nor a time range for an offset', () => {
    expect(first('10.07.2013 um 10:00 ist')).toBe('2013-07-10T10:00:00');
    expect(first('am 20.12.2022 10:00-11:30')).toBe('2022-12-20T10:00:00');
  });

  it('orders numeric day and month by value, then by language', () => {
    expect(first('13/07/2013', { language: 'en-us' })).toBe('2013-07-13');
    expect(first('07/10/2013', { language: 'en-us' })).toBe('2013-07-10');
    expect(first('07/10/2013', { language: 'de' })).toBe('2013-10-07');
    expect(first('07.10.2013', { language: 'en-us' })).toBe('2013-10-07');
  });

  it('reads two-digit years only in dotted day-first dates', () => {
    expect(first('Erstellt: 28.01.22')).toBe('2022-01-28');
    expect(first('score 3:1 in 2 sets')).toBeNull();
  });

  it('reads relative dates only when an anchor says what now is', () => {
    const anchor = parseDateValue('2020-03-15');
    expect(first('vor 3 Tagen')).toBeNull();
    expect(first('vor 3 Tagen', { anchor })).toBe('2020-03-12');
    expect(first('3 days ago', { anchor })).toBe('2020-03-12');
    expect(first('il y a 2 jours', { anchor })).toBe('2020-03-13');
    expect(first('yesterday', { anchor })).toBe('2020-03-14');
    // A day-only anchor counts from noon: five hours earlier is the same day, twenty is the day before.
    expect(first('5 hours ago', { anchor })).toBe('2020-03-15');
    expect(first('20 hours ago', { anchor })).toBe('2020-03-14');
  });

  it('lists several dates in reading order', () => {
    const dates = findDatesInText('Published 10 July 2013, updated 12 July 2013', options).map((d) => formatDate(d.value));
    expect(dates).toEqual(['2013-07-10', '2013-07-12']);
  });
});
