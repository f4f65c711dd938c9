import { describe, expect, it } from 'vitest';
import { formatByteSize, formatDuration, parseByteSize, parseDuration, parseHttpUrl, parsePositiveInteger } from '../../src/cli/values.js';

describe('option values', () => {
  it.each([
    ['1048576', 1048576],
    ['10MB', 10 * 1024 * 1024],
    ['512KB', 512 * 1024],
    ['512kb', 512 * 1024],
    ['1.5 MiB', 1.5 * 1024 * 1024],
    ['2G', 2 * 1024 ** 3],
    ['100B', 100],
  ])('size %s = %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', '0', '-1', '10XB', 'ten', '0.1B', '1e9'])('size %j is refused with the accepted forms', (text) => {
    expect(() => parseByteSize(text)).toThrow(/such as 10MB, 512KB or 1048576/);
  });

  it.each([
    ['1500', 1500],
    ['500ms', 500],
    ['10s', 10_000],
    ['2.5s', 2500],
    ['2m', 120_000],
    ['1min', 60_000],
  ])('duration %s = %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '0', '0s', 'soon', '5h', '-3s'])('duration %j is refused', (text) => {
    expect(() => parseDuration(text)).toThrow(/such as 10s, 500ms/);
  });

  it('counts are whole numbers of at least 1', () => {
    expect(parsePositiveInteger('4')).toBe(4);
    for (const bad of ['0', '-2', '1.5', 'many', '']) expect(() => parsePositiveInteger(bad)).toThrow(/at least 1/);
  });

  it('a page URL is absolute http(s)', () => {
    expect(parseHttpUrl('https://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(() => parseHttpUrl('/news/a.html')).toThrow(/absolute URL/);
    expect(() => parseHttpUrl('file:///etc/passwd')).toThrow(/http/);
  });

  it('formats sizes and durations the way the options accept them', () => {
    expect(formatByteSize(10 * 1024 * 1024)).toBe('10MB');
    expect(formatByteSize(1536)).toBe('1536B');
    expect(parseByteSize(formatByteSize(512 * 1024))).toBe(512 * 1024);
    expect(formatDuration(10_000)).toBe('10s');
    expect(formatDuration(250)).toBe('250ms');
  });
});
