import { describe, expect, it } from 'vitest';
import { authorMatches } from '../bench/lib/scoring.js';

describe('authorMatches (benchmark scoring of author names)', () => {
  it('compares the gold without the credentials and job titles the issue keeps out of author lists', () => {
    expect(authorMatches(['Dylan Bailey'], 'Dylan Bailey, MS, RD, FAND')).toBe(true);
    expect(authorMatches(['Genevieve Carlton'], 'Genevieve Carlton, Ph.D.')).toBe(true);
    expect(authorMatches(['Holly Wilgus'], 'Holly Wilgus, E-RYT 200')).toBe(true);
    expect(authorMatches(['Jeffrey A. Slotnick'], 'Jeffrey A. Slotnick CPP, PSP')).toBe(true);
    expect(authorMatches(['Mike Marshall'], 'Mike Marshall, Shipping Expert')).toBe(true);
    expect(authorMatches(['Lance Ryan'], 'Lance Ryan (Content Manager)')).toBe(true);
    expect(authorMatches(['Andrew Huberman'], 'Dr. Andrew Huberman')).toBe(true);
    expect(authorMatches(['Michael L. Anderson', 'Carlos Dobkin'], 'Michael L. Anderson, PhD; Carlos Dobkin, PhD')).toBe(true);
  });

  it('still requires every name of the gold', () => {
    expect(authorMatches(['Jane Doe'], 'Jane Doe, John Roe')).toBe(false);
    expect(authorMatches(['Markus Haefliger', 'Beat Bumbacher'], 'Markus Haefliger, London, Beat Bumbacher')).toBe(false);
    expect(authorMatches(['Paycom Blog'], 'Paycom Blog Contributor')).toBe(false);
    expect(authorMatches([], 'Jane Doe, MD')).toBe(false);
  });
});
