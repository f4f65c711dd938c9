import { describe, expect, it } from 'vitest';
import { quotesOf, type HandMention } from './helpers.js';

const KERRY: HandMention = { text: 'John Kerry', code: 'USAGOV', role: 'Secretary of State' };
const KERRY_SHORT: HandMention = { text: 'Kerry', name: 'John Kerry', code: 'USAGOV', role: 'Secretary of State' };
const WANG: HandMention = { text: 'Wang Yang', code: 'CHNGOV', role: 'Vice Premier' };

function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0]!;
}

describe('direct quotes by position', () => {
  it('“...,” X said.', () => {
    const q = only(quotesOf('“The talks went well,” Kerry said.', [KERRY_SHORT]));
    expect(q).toMatchObject({ text: 'The talks went well,', kind: 'direct', cue: 'said', speaker: 'John Kerry', code: 'USAGOV' });
    expect(q.confidence).toBeGreaterThan(0.8);
  });

  it('“...,” said X.', () => {
    const q = only(quotesOf('“We will keep talking,” said Kerry.', [KERRY_SHORT]));
    expect(q).toMatchObject({ text: 'We will keep talking,', kind: 'direct', cue: 'said', speaker: 'John Kerry' });
  });

  it('X said: “...”', () => {
    const q = only(quotesOf('Kerry said: “We will keep talking.”', [KERRY_SHORT]));
    expect(q).toMatchObject({ text: 'We will keep talking.', kind: 'direct', speaker: 'John Kerry' });
  });

  it('“...,” X said, “...”: both parts go to X with one cue', () => {
    const quotes = quotesOf('“We disagree,” Kerry said. “But we talk.”', [KERRY_SHORT]);
    expect(quotes.map((q) => [q.text, q.speaker, q.cue])).toEqual([
      ['We disagree,', 'John Kerry', 'said'],
      ['But we talk.', 'John Kerry', 'said'],
    ]);
    const split = quotesOf('“We disagree,” Kerry said, “but we talk.”', [KERRY_SHORT]);
    expect(split.map((q) => [q.text, q.speaker])).toEqual([
      ['We disagree,', 'John Kerry'],
      ['but we talk.', 'John Kerry'],
    ]);
  });

  it('a quote over several paragraphs is one quote', () => {
    const text = 'Kerry said:\n\n“The first point is trade.\n\n“The second point is climate.”\n\nThe talks end Friday.';
    const q = only(quotesOf(text, [KERRY_SHORT]));
    expect(q.text).toBe('The first point is trade.\n\n“The second point is climate.');
    expect(q.speaker).toBe('John Kerry');
  });

  it('a quote paragraph after an attributed one keeps its speaker', () => {
    const text = '“We disagree on many things,” Kerry said.\n\n“But we will keep talking about all of them.”';
    expect(quotesOf(text, [KERRY_SHORT]).map((q) => q.speaker)).toEqual(['John Kerry', 'John Kerry']);
  });
});

describe('quote-mark styles', () => {
  const styles: [string, string][] = [
    ['straight', '"We will keep talking," Kerry said.'],
    ['curly', '“We will keep talking,” Kerry said.'],
    ['guillemets', '«We will keep talking,» Kerry said.'],
    ['single curly', '‘We will keep talking,’ Kerry said.'],
    ['low-high', '„We will keep talking,“ Kerry said.'],
  ];
  for (const [name, text] of styles) {
    it(name, () => {
      expect(only(quotesOf(text, [KERRY_SHORT]))).toMatchObject({ text: 'We will keep talking,', speaker: 'John Kerry', kind: 'direct' });
    });
  }
});

describe('partial quotes', () => {
  it('a few quoted words in the writer’s sentence', () => {
    const quotes = quotesOf('Vice Premier Wang Yang added Sino-U.S. cooperation goes “beyond bilateral relations” to have a global impact.', [WANG]);
    const partial = quotes.find((q) => q.kind === 'partial');
    expect(partial).toMatchObject({ text: 'beyond bilateral relations', speaker: 'Wang Yang', code: 'CHNGOV', cue: 'added' });
    expect(quotes.find((q) => q.kind === 'mixed')?.text).toBe('Sino-U.S. cooperation goes “beyond bilateral relations” to have a global impact');
  });

  it('scare quotes with no cue are not quotes', () => {
    expect(quotesOf('The so-called “experts” met on Tuesday in the “Crossroads” hall.')).toEqual([]);
  });
});

describe('reported speech', () => {
  it('X said (that) ...', () => {
    expect(only(quotesOf('Kerry said that the two countries will cooperate on climate change.', [KERRY_SHORT]))).toMatchObject({
      kind: 'reported', text: 'the two countries will cooperate on climate change', speaker: 'John Kerry', cue: 'said',
    });
    expect(only(quotesOf('Kerry said Wednesday the two countries will cooperate.', [KERRY_SHORT])).text).toBe('the two countries will cooperate');
  });

  it('X told Y (that) ...', () => {
    expect(only(quotesOf('Kerry told reporters the talks were candid and useful.', [KERRY_SHORT]))).toMatchObject({ text: 'the talks were candid and useful', cue: 'told', speaker: 'John Kerry' });
  });

  it('..., X said.', () => {
    expect(only(quotesOf('The talks were candid and useful, Kerry said.', [KERRY_SHORT]))).toMatchObject({ text: 'The talks were candid and useful', speaker: 'John Kerry' });
  });

  it('X added ...', () => {
    expect(only(quotesOf('Wang Yang added China will never accept such views.', [WANG]))).toMatchObject({ text: 'China will never accept such views', cue: 'added', speaker: 'Wang Yang' });
  });

  it('according to X', () => {
    const before = only(quotesOf('According to Chinese state media, the working group went well.', [{ text: 'Chinese state media', type: 'organization', code: 'CHNMED' }]));
    expect(before).toMatchObject({ text: 'the working group went well', cue: 'According to', speaker: 'Chinese state media', code: 'CHNMED' });
    const after = only(quotesOf('The working group went well, according to Chinese state media.', [{ text: 'Chinese state media', type: 'organization', code: 'CHNMED' }]));
    expect(after).toMatchObject({ text: 'The working group went well', cue: 'according to', speaker: 'Chinese state media' });
  });

  it('can be turned off', () => {
    expect(quotesOf('Kerry said that the two countries will cooperate.', [KERRY_SHORT], { reported: false })).toEqual([]);
  });
});

describe('speakers', () => {
  it('a pronoun resolves to the person named before it', () => {
    const quotes = quotesOf('John Kerry met Chinese officials on Tuesday.\n\n“We made progress,” he said.', [KERRY]);
    expect(only(quotes)).toMatchObject({ speakerText: 'he', speaker: 'John Kerry', code: 'USAGOV' });
  });

  it('a title resolves to the person holding it', () => {
    const quotes = quotesOf('John Kerry opened the talks.\n\n“We made progress,” the secretary said.', [KERRY]);
    expect(only(quotes)).toMatchObject({ speakerText: 'the secretary', speaker: 'John Kerry' });
  });

  it('an appositive between the speaker and the cue is skipped', () => {
    expect(only(quotesOf('“We made progress,” Wang Yang, the vice premier, told reporters.', [WANG])).speaker).toBe('Wang Yang');
    expect(only(quotesOf('Wang Yang, who led the delegation, said: “We made progress.”', [WANG])).speaker).toBe('Wang Yang');
  });

  it('an organization speaks, and an unnamed speaker keeps its words', () => {
    expect(only(quotesOf('“The meeting was useful,” the ministry said in a statement.')).speaker).toBe('the ministry');
    expect(only(quotesOf('“The meeting was useful,” a spokeswoman said.'))).toMatchObject({ speaker: 'a spokeswoman', code: null });
  });

  it('a participle clause takes the sentence’s subject', () => {
    const q = only(quotesOf('Hours later, Kerry praised the hosts, telling reporters, “They were generous.”', [KERRY_SHORT]));
    expect(q).toMatchObject({ speaker: 'John Kerry', cue: 'telling', text: 'They were generous.' });
  });
});
