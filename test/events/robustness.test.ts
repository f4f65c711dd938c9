import { describe, expect, it } from 'vitest';
import { code, eventsOf, docWithMentions } from './helpers.js';

describe('events stage: bad input', () => {
  it('gives no events for an empty text', () => {
    expect(eventsOf(docWithMentions('', {}))).toEqual([]);
  });

  it('gives no events for text in another language', () => {
    expect(code('Der Bundestag hat heute über das Gesetz abgestimmt. 中国政府表示反对。', {})).toEqual([]);
  });

  it('copes with a huge text and with sentences of junk', () => {
    const sentence = 'Russia accused Ukraine of shelling. ';
    const events = code(sentence.repeat(2000), { Russia: 'RUS', Ukraine: 'UKR' });
    expect(events).toHaveLength(2000);
    expect(code('\u0000\u0001 ### ;;; ,,, '.repeat(500), {})).toEqual([]);
  });
});
