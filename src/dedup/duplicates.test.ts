import { describe, expect, it } from 'vitest';
import { REPRINTS, RETYPESET, SAME_TOPIC, WIRE_STORY } from '../../test/ingest/fixtures/wire-stories.js';
import { findNearDuplicate, type Candidate } from './duplicates.js';
import { fingerprintText } from './index.js';

const original = fingerprintText(WIRE_STORY);
const stored: Candidate = { id: 7, signature: original.encodedSignature! };

describe('the duplicate decision on real-looking variants of a wire story', () => {
  it('finds the retypeset story by its text hash (the same words)', () => {
    expect(fingerprintText(RETYPESET).textHash).toBe(original.textHash);
  });

  for (const [name, text] of Object.entries(REPRINTS)) {
    it(`finds a reprint with ${name}`, () => {
      const reprint = fingerprintText(text);
      expect(reprint.textHash).not.toBe(original.textHash);
      // The store only offers candidates that share a band: the reprint must share some.
      expect(reprint.bandKeys.some((key) => original.bandKeys.includes(key))).toBe(true);
      const match = findNearDuplicate(reprint.signature!, [stored]);
      expect(match?.articleId).toBe(7);
      expect(match!.similarity).toBeGreaterThan(0.5);
      expect(match!.rule).toBe(name.includes('(containment)') ? 'containment' : 'resemblance');
    });
  }

  for (const [name, text] of Object.entries(SAME_TOPIC)) {
    it(`keeps ${name} apart`, () => {
      const other = fingerprintText(text);
      expect(findNearDuplicate(other.signature!, [stored])).toBeNull();
      expect(other.bandKeys.filter((key) => original.bandKeys.includes(key)).length).toBeLessThanOrEqual(1);
    });
  }

  it('picks the most similar candidate, the earliest on a tie', () => {
    const edited = fingerprintText(REPRINTS['small edits: a figure updated, a word changed, the last paragraph cut']!);
    const reprint = fingerprintText(REPRINTS['a different byline']!);
    const candidates: Candidate[] = [
      { id: 3, signature: edited.encodedSignature! },
      { id: 9, signature: original.encodedSignature! },
      { id: 5, signature: original.encodedSignature! },
    ];
    expect(findNearDuplicate(reprint.signature!, candidates)?.articleId).toBe(5);
  });

  it('skips candidates whose signature it cannot read', () => {
    const reprint = fingerprintText(REPRINTS['a different byline']!);
    expect(findNearDuplicate(reprint.signature!, [{ id: 1, signature: new Uint8Array([1, 2, 3]) }])).toBeNull();
  });
});
