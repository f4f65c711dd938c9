import { describe, expect, it } from 'vitest';
import { fit, highlightSnippet, printable, terminalStyle } from '../../src/cli/query/terminal.js';
import { csvField } from '../../src/cli/query/csv.js';

const colour = { colour: true, width: null };
const plain = { colour: false, width: null };

describe('search output on a terminal', () => {
  it('colours the highlighted words on a colour terminal, and only there', () => {
    const snippet = 'The harbour bridge reopened on Friday.';
    const highlights: [number, number][] = [[4, 11], [12, 18]];
    expect(highlightSnippet(snippet, highlights, colour)).toBe('The \x1b[1;33mharbour\x1b[0m \x1b[1;33mbridge\x1b[0m reopened on Friday.');
    expect(highlightSnippet(snippet, highlights, plain)).toBe(snippet);
  });

  it('replaces control characters from the page one for one, so highlights stay on their words', () => {
    const snippet = 'A \x1b[2Jbridge story';
    const start = snippet.indexOf('bridge');
    const out = highlightSnippet(snippet, [[start, start + 6]], colour);
    expect(out).toBe('A [2J\x1b[1;33mbridge\x1b[0m story'); // the ESC is gone: "[2J" is only text now
    expect(printable('Title\x1b]0;pwned\x07\nnext\u202eline')).toBe('Title ]0;pwned next line');
  });

  it('cuts lines to the terminal width without splitting a character', () => {
    expect(fit('Hafenbrücke wieder offen', 10)).toBe('Hafenbrüc…');
    expect(fit('😀😀😀😀', 3)).toBe('😀😀…');
    expect(fit('short', null)).toBe('short');
    const cut = highlightSnippet('one two three four five six', [[8, 13]], { colour: false, width: 12 });
    expect([...cut].length).toBeLessThanOrEqual(12);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('colours only a TTY, and never with NO_COLOR or a dumb terminal', () => {
    const tty = { isTTY: true, columns: 120 } as unknown as NodeJS.WritableStream;
    const pipe = {} as NodeJS.WritableStream;
    expect(terminalStyle(tty, {})).toEqual({ colour: true, width: 120 });
    expect(terminalStyle(tty, { NO_COLOR: '1' })).toEqual({ colour: false, width: 120 });
    expect(terminalStyle(tty, { TERM: 'dumb' }).colour).toBe(false);
    expect(terminalStyle(pipe, {})).toEqual({ colour: false, width: null });
  });
});

describe('CSV fields', () => {
  it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(42)).toBe('42');
    expect(csvField(null)).toBe('');
  });
});
