import { describe, expect, it } from 'vitest';
import { diffTexts, diffToText } from './revision-diff.js';

describe('diffTexts', () => {
  const before = 'The storm reached the coast at dawn.\n\nThe ferry company said its crossings to the islands would run as usual this afternoon.\n\nSchools are open.';

  it('finds paragraphs added and removed, and a paragraph rewritten with the words that changed', () => {
    const after = 'The storm reached the coast at dawn.\n\nThe ferry company said its crossings to the islands were cancelled until Thursday.\n\nSchools are open.\n\nThe harbour wall was breached at noon.';
    const diff = diffTexts(before, after);
    expect(diff).toMatchObject({ added: 1, removed: 0, changed: 1 });
    expect(diff.paragraphs.map((p) => p.op)).toEqual(['same', 'changed', 'same', 'added']);
    const changed = diff.paragraphs[1]!;
    expect(changed).toMatchObject({ op: 'changed', text: 'The ferry company said its crossings to the islands were cancelled until Thursday.' });
    expect(changed.op === 'changed' && changed.words.filter((w) => w.op !== 'same').map((w) => [w.op, w.text.trim()])).toEqual([
      ['removed', 'would run as usual this afternoon'],
      ['added', 'were cancelled until Thursday'],
    ]);
    expect(diffToText(diff)).toBe(
      [
        '  (1 paragraph unchanged)',
        '~ The ferry company said its crossings to the islands [-would run as usual this afternoon-]{+were cancelled until Thursday+}.',
        '  (1 paragraph unchanged)',
        '+ The harbour wall was breached at noon.',
      ].join('\n'),
    );
  });

  it('keeps a paragraph that shares few words with the one it replaced as removed and added', () => {
    const diff = diffTexts('Ferries run as usual.', 'The harbour wall was breached at noon.');
    expect(diff.paragraphs.map((p) => p.op)).toEqual(['removed', 'added']);
  });

  it('reports a removed paragraph, and nothing for the same text', () => {
    expect(diffTexts(before, 'The storm reached the coast at dawn.\n\nSchools are open.')).toMatchObject({ added: 0, removed: 1, changed: 0 });
    expect(diffTexts(before, `${before}\n`)).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });
});
