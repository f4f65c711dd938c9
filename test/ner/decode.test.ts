import { describe, expect, it } from 'vitest';
import { spanMargin, viterbi } from '../../src/stages/entities/decode.js';
import { isAllowedTransition, spansFromTags, spansFromTagStrings, TAG_COUNT, TAGS, tagIndex, tagsFromSpans } from '../../src/stages/entities/tags.js';
import { maskedTransitions, TRANSITION_ROWS } from '../../src/stages/entities/weights.js';

const t = (tag: string): number => tagIndex(tag)!;

/** Emission scores that prefer the given tag at each token by `strength`. */
function emissionsPreferring(tags: string[], strength = 1): Float64Array {
  const scores = new Float64Array(tags.length * TAG_COUNT);
  tags.forEach((tag, i) => (scores[i * TAG_COUNT + t(tag)] = strength));
  return scores;
}

const noTransitions = maskedTransitions(new Float64Array(TRANSITION_ROWS * TAG_COUNT));

function decode(scores: Float64Array, n: number, transitions: ArrayLike<number> = noTransitions): string[] {
  return [...viterbi(scores, n, maskedTransitions(transitions)).tags].map((tag) => TAGS[tag]!);
}

describe('IOB2 constraints', () => {
  it('allows I-X only after B-X or I-X', () => {
    expect(isAllowedTransition(-1, t('I-PER'))).toBe(false);
    expect(isAllowedTransition(t('O'), t('I-PER'))).toBe(false);
    expect(isAllowedTransition(t('B-LOC'), t('I-PER'))).toBe(false);
    expect(isAllowedTransition(t('B-PER'), t('I-PER'))).toBe(true);
    expect(isAllowedTransition(t('I-PER'), t('I-PER'))).toBe(true);
    expect(isAllowedTransition(t('I-PER'), t('B-PER'))).toBe(true);
    expect(isAllowedTransition(-1, t('B-ORG'))).toBe(true);
  });
});

describe('viterbi', () => {
  it('follows the emissions when they form a valid sequence', () => {
    const tags = ['B-PER', 'I-PER', 'O', 'B-LOC'];
    expect(decode(emissionsPreferring(tags), 4)).toEqual(tags);
  });

  it('never starts a sentence with I-X, nor puts I-X after O or after another type', () => {
    // Emissions alone would give I-PER first, I-LOC after O, I-ORG after B-MISC.
    const scores = emissionsPreferring(['I-PER', 'O', 'I-LOC', 'B-MISC', 'I-ORG'], 5);
    // A weaker second choice that makes the sequence valid.
    scores[0 * TAG_COUNT + t('B-PER')] = 4;
    scores[2 * TAG_COUNT + t('B-LOC')] = 4;
    scores[4 * TAG_COUNT + t('I-MISC')] = 4;
    expect(decode(scores, 5)).toEqual(['B-PER', 'O', 'B-LOC', 'B-MISC', 'I-MISC']);
  });

  it('uses the transition weights', () => {
    const scores = new Float64Array(2 * TAG_COUNT);
    scores[0 * TAG_COUNT + t('B-PER')] = 1;
    scores[1 * TAG_COUNT + t('O')] = 1;
    scores[1 * TAG_COUNT + t('I-PER')] = 0.9;
    expect(decode(scores, 2)).toEqual(['B-PER', 'O']);
    const transitions = new Float64Array(TRANSITION_ROWS * TAG_COUNT);
    transitions[(t('B-PER') + 1) * TAG_COUNT + t('I-PER')] = 0.5; // names usually go on
    expect(decode(scores, 2, transitions)).toEqual(['B-PER', 'I-PER']);
  });

  it('gives margins: large for clear tokens, small for close calls', () => {
    const scores = emissionsPreferring(['B-ORG', 'O'], 10);
    scores[1 * TAG_COUNT + t('I-ORG')] = 9.5; // nearly part of the organization
    const { tags, margins } = viterbi(scores, 2, noTransitions);
    expect([...tags].map((tag) => TAGS[tag])).toEqual(['B-ORG', 'O']);
    expect(margins[1]).toBeCloseTo(0.5, 6);
    expect(margins[0]).toBeGreaterThan(5);
    expect(spanMargin(margins, 0, 1)).toBeCloseTo(0.5, 6); // the entity's right edge is the close call
  });

  it('handles an empty sentence', () => {
    expect(viterbi(new Float64Array(0), 0, noTransitions).tags.length).toBe(0);
  });
});

describe('tags and spans', () => {
  it('reads IOB1 (CoNLL-2003) and IOB2 into the same spans', () => {
    const iob1 = ['I-ORG', 'O', 'I-PER', 'I-PER', 'B-PER', 'O', 'I-LOC'];
    const iob2 = ['B-ORG', 'O', 'B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC'];
    const expected = [
      { start: 0, end: 1, type: 'ORG' },
      { start: 2, end: 4, type: 'PER' },
      { start: 4, end: 5, type: 'PER' },
      { start: 6, end: 7, type: 'LOC' },
    ];
    expect(spansFromTagStrings(iob1)).toEqual(expected);
    expect(spansFromTagStrings(iob2)).toEqual(expected);
    expect([...tagsFromSpans(spansFromTagStrings(iob1)!, iob1.length)].map((tag) => TAGS[tag])).toEqual(iob2);
    expect(spansFromTags(tagsFromSpans(spansFromTagStrings(iob1)!, iob1.length))).toEqual(expected);
  });

  it('rejects unknown tags', () => {
    expect(spansFromTagStrings(['B-PERSON'])).toBeNull();
    expect(spansFromTagStrings(['X'])).toBeNull();
  });
});
