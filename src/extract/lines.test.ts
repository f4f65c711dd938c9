import { describe, expect, it } from 'vitest';
import type { Element } from 'domhandler';
import { chromeHeading, isBoilerplateLine, isMetadataLine } from './lines.js';
import type { Unit } from './units.js';

function unit(text: string, kind: Unit['kind'] = 'paragraph', linkChars = 0): Unit {
  return { owner: {} as Element, kind, level: 0, list: null, listDepth: 0, inlines: [{ text }], rows: null, text, chars: text.length, linkChars };
}

describe('line rules', () => {
  it('knows boilerplate lines in several languages', () => {
    for (const line of ['Advertisement', 'Anzeige', 'Share this article', 'Jetzt teilen!', 'Weiterlesen', '© 2024 Example Media', 'Artikel bewerten', 'Síguenos en Telegram, Instagram y Twitter']) {
      expect(isBoilerplateLine(unit(line)), line).toBe(true);
    }
    expect(isBoilerplateLine(unit('Share prices fell sharply on Tuesday after the announcement.'))).toBe(false);
  });

  it('knows dates, bylines, reading times and credits, and leaves sentences alone', () => {
    for (const line of ['Updated October 23, 2025', '8 min read', 'Letzte Änderung 14.02.2019', 'Publiziert: 03.04.2020, 12:35', 'By Amelie Marie Nishizawa Feb 8, 2020 5 min read', 'Quelle: dpa', 'AFP / MARCO BERTORELLO', '责任编辑：王明']) {
      expect(isMetadataLine(unit(line)), line).toBe(true);
    }
    for (const line of ['On May 3, 2020, the council met again to vote on the plan.', 'By the end of 2020 the lanes were finished.']) {
      expect(isMetadataLine(unit(line)), line).toBe(false);
    }
  });

  it('tells headings that end the article from those that only point to another story', () => {
    expect(chromeHeading(unit('Related stories', 'heading'))).toBe('end');
    expect(chromeHeading(unit('Das Thema könnte dich auch interessieren:'))).toBe('end');
    expect(chromeHeading(unit('Temas relacionados', 'heading'))).toBe('end');
    expect(chromeHeading(unit('Kommentare (2)', 'heading'))).toBe('end');
    expect(chromeHeading(unit('Read more: Council backs bike lanes'))).toBe('inline');
    expect(chromeHeading(unit('Comments are welcome at the public hearing on Monday, the council said.'))).toBeNull();
    expect(chromeHeading(unit('Related', 'item'))).toBeNull();
  });
});
