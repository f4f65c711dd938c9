import { describe, expect, it } from 'vitest';
import { spanMargin, viterbi } from '../../src/stages/entities/decode.js';
import { iob2Tags, isAllowedTransition, spansFromTags, spansFromTagStrings, TAG_COUNT, TAGS, tagIndex, tagsFromSpans } from '../../src/stages/entities/tags.js';
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

describe('BILOU constraints', () => {
  it('allows I-X and L-X only after B-X or I-X, and nothing else there', () => {
    expect(isAllowedTransition(-1, t('I-PER'))).toBe(false);
    expect(isAllowedTransition(-1, t('L-PER'))).toBe(false);
    expect(isAllowedTransition(t('O'), t('I-PER'))).toBe(false);
    expect(isAllowedTransition(t('U-PER'), t('L-PER'))).toBe(false);
    expect(isAllowedTransition(t('B-LOC'), t('I-PER'))).toBe(false);
    expect(isAllowedTransition(t('B-PER'), t('O'))).toBe(false);
    expect(isAllowedTransition(t('I-PER'), t('B-PER'))).toBe(false);
    expect(isAllowedTransition(t('B-PER'), t('I-PER'))).toBe(true);
    expect(isAllowedTransition(t('B-PER'), t('L-PER'))).toBe(true);
    expect(isAllowedTransition(t('I-PER'), t('I-PER'))).toBe(true);
    expect(isAllowedTransition(t('L-PER'), t('B-PER'))).toBe(true);
    expect(isAllowedTransition(t('U-PER'), t('U-ORG'))).toBe(true);
    expect(isAllowedTransition(-1, t('B-ORG'))).toBe(true);
    expect(isAllowedTransition(-1, t('U-ORG'))).toBe(true);
  });
});

describe('viterbi', () => {
  it('follows the emissions when they form a valid sequence', () => {
    const tags = ['B-PER', 'I-PER', 'L-PER', 'O', 'U-LOC'];
    expect(decode(emissionsPreferring(tags), 5)).toEqual(tags);
  });

  it('never starts a sentence inside a name, nor continues a name after O or another type, nor leaves one open', () => {
    // Emissions alone would give L-PER first, I-LOC after O, L-ORG after U-MISC, B-PER at the end.
    const scores = emissionsPreferring(['L-PER', 'O', 'I-LOC', 'U-MISC', 'L-ORG', 'B-PER'], 5);
    // Weaker second choices that make the sequence valid.
    scores[0 * TAG_COUNT + t('U-PER')] = 4;
    scores[2 * TAG_COUNT + t('U-LOC')] = 4;
    scores[3 * TAG_COUNT + t('B-MISC')] = 4;
    scores[4 * TAG_COUNT + t('L-MISC')] = 4;
    scores[5 * TAG_COUNT + t('U-PER')] = 4;
    expect(decode(scores, 6)).toEqual(['U-PER', 'O', 'U-LOC', 'B-MISC', 'L-MISC', 'U-PER']);
  });

  it('uses the transition weights', () => {
    const scores = new Float64Array(2 * TAG_COUNT);
    scores[0 * TAG_COUNT + t('U-PER')] = 1;
    scores[0 * TAG_COUNT + t('B-PER')] = 0.9;
    scores[1 * TAG_COUNT + t('O')] = 1;
    scores[1 * TAG_COUNT + t('L-PER')] = 1;
    expect(decode(scores, 2)).toEqual(['U-PER', 'O']);
    const transitions = new Float64Array(TRANSITION_ROWS * TAG_COUNT);
    transitions[(t('B-PER') + 1) * TAG_COUNT + t('L-PER')] = 0.5; // names usually go on
    expect(decode(scores, 2, transitions)).toEqual(['B-PER', 'L-PER']);
  });

  it('gives margins: large for clear tokens, small for close calls', () => {
    const scores = emissionsPreferring(['U-ORG', 'O'], 10);
    scores[0 * TAG_COUNT + t('B-ORG')] = 9.5;
    scores[1 * TAG_COUNT + t('L-ORG')] = 10; // nearly part of the organization
    const { tags, margins } = viterbi(scores, 2, noTransitions);
    expect([...tags].map((tag) => TAGS[tag])).toEqual(['U-ORG', 'O']);
    expect(margins[1]).toBeCloseTo(0.5, 6);
    expect(margins[0]).toBeCloseTo(0.5, 6);
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
    expect([...tagsFromSpans(spansFromTagStrings(iob1)!, iob1.length)].map((tag) => TAGS[tag])).toEqual(['U-ORG', 'O', 'B-PER', 'L-PER', 'U-PER', 'O', 'U-LOC']);
    expect(iob2Tags(tagsFromSpans(spansFromTagStrings(iob1)!, iob1.length))).toEqual(iob2);
    expect(spansFromTags(tagsFromSpans(spansFromTagStrings(iob1)!, iob1.length))).toEqual(expected);
  });

  it('reads a malformed BILOU sequence leniently, as conlleval reads IOB', () => {
    const tags = ['I-PER', 'L-PER', 'B-LOC', 'O', 'B-ORG', 'U-ORG', 'L-MISC'].map(t);
    expect(spansFromTags(tags)).toEqual([
      { start: 0, end: 2, type: 'PER' },
      { start: 2, end: 3, type: 'LOC' },
      { start: 4, end: 5, type: 'ORG' },
      { start: 5, end: 6, type: 'ORG' },
      { start: 6, end: 7, type: 'MISC' },
    ]);
    expect(iob2Tags(tags)).toEqual(['B-PER', 'I-PER', 'B-LOC', 'O', 'B-ORG', 'B-ORG', 'B-MISC']);
  });

  it('rejects unknown tags', () => {
    expect(spansFromTagStrings(['B-PERSON'])).toBeNull();
    expect(spansFromTagStrings(['X'])).toBeNull();
  });
});
