import { describe, expect, it } from 'vitest';
import { computeFlags, HINT, HintReader } from './hints.js';

const has = (value: string, flag: number): boolean => (computeFlags(value) & flag) !== 0;

describe('class and id hints', () => {
  it('reads words inside class names, in any case, camelCase included', () => {
    expect(has('post-byline', HINT.byline)).toBe(true);
    expect(has('itemPostDate', HINT.date)).toBe(true);
    expect(has('entry-title h1', HINT.headline)).toBe(true);
    expect(has('ARTICLE__KICKER', HINT.kicker)).toBe(true);
  });

  it('matches several-word entries only as a run inside one class name', () => {
    expect(has('entry-title', HINT.headline)).toBe(true);
    expect(has('entry title', HINT.headline)).toBe(false);
  });

  it('does not take layout and state classes for chrome', () => {
    expect(has('sidebar', HINT.chrome)).toBe(true);
    expect(has('has-sidebar', HINT.chrome)).toBe(false);
    expect(has('content-sidebar-wrap', HINT.chrome)).toBe(false);
    expect(has('footer-on-bottom', HINT.footer)).toBe(false);
  });

  it('gives nothing for class names that mention no hint', () => {
    expect(computeFlags('text-lg font-bold mx-4')).toBe(0);
    const reader = new HintReader();
    expect(reader.flags(undefined)).toBe(0);
    expect(reader.flags('comments')).toBe(HINT.chrome);
    expect(reader.flags('comments')).toBe(HINT.chrome);
  });
});
