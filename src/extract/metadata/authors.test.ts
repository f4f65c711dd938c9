import { describe, expect, it } from 'vitest';
import { cleanAuthors, ELEMENT_BOUNDARY } from './authors.js';

describe('cleanAuthors', () => {
  it.each([
    ['By JANE DOE, Staff Writer | Updated 3 p.m.', ['Jane Doe']],
    ['By Jane Doe and John Roe', ['Jane Doe', 'John Roe']],
    ['Von Anna Müller und Peter Schmidt', ['Anna Müller', 'Peter Schmidt']],
    ['Par Jean Dupont et Marie Curie', ['Jean Dupont', 'Marie Curie']],
    ['Por María García y José López', ['María García', 'José López']],
    ['Stella Kim, Jennifer Jett', ['Stella Kim', 'Jennifer Jett']],
    ['Jane Doe; John Roe & Ann Poe', ['Jane Doe', 'John Roe', 'Ann Poe']],
    ['Written by Jane Doe\n        March 25, 2015', ['Jane Doe']],
    ['By Nathan Willis March 25, 2015', ['Nathan Willis']],
    ['11.12.2019 - Amelie Loevenich', ['Amelie Loevenich']],
    ['Zeige alle Beiträge von Cem Basman', ['Cem Basman']],
    ['Post author By Helge Fahrnberger', ['Helge Fahrnberger']],
    ['Jane Doe (jane@example.com)', ['Jane Doe']],
    ['Bradley M. Kuhn (http://ebb.org/bkuhn/)', ['Bradley M. Kuhn']],
    ['Jane Doe @janedoe', ['Jane Doe']],
    ['Grant Tinsley, PhD', ['Grant Tinsley']],
    ['Doris Munoz-Mantilla, MD, FOMA', ['Doris Munoz-Mantilla']],
    ['Rachel MacDonald Senior Tech Reporter', ['Rachel MacDonald']],
    ['Mike Marshall, Shipping Expert', ['Mike Marshall']],
    ['Jane Doe, Reuters', ['Jane Doe']],
    ['Cazzy Magennis Last Updated', ['Cazzy Magennis']],
    ['Brian Becker 7 min read', ['Brian Becker']],
    ['Martin Untersinger (avec Damien Leloup et Morgane Tual)', ['Martin Untersinger', 'Damien Leloup', 'Morgane Tual']],
  ])('%j', (raw, expected) => {
    expect(cleanAuthors(raw)).toEqual(expected);
  });

  it('keeps a surname-first name whole and a team name as written', () => {
    expect(cleanAuthors('Doe, Jane')).toEqual(['Doe, Jane']);
    expect(cleanAuthors('The Currency editors')).toEqual(['The Currency editors']);
    expect(cleanAuthors('Everfit Team')).toEqual(['Everfit Team']);
  });

  it('stops at text printed right after the name in another element', () => {
    expect(cleanAuthors(`Luke Kim${ELEMENT_BOUNDARY}December 17`)).toEqual(['Luke Kim']);
    expect(cleanAuthors(`Inga Hoeltmann${ELEMENT_BOUNDARY}Follow`)).toEqual(['Inga Hoeltmann']);
    expect(cleanAuthors(`By${ELEMENT_BOUNDARY}Scott Cunningham`)).toEqual(['Scott Cunningham']);
  });

  it('finds no name in roles, notes, page furniture and prose', () => {
    expect(cleanAuthors('Staff Writer')).toEqual([]);
    expect(cleanAuthors('Updated 3 p.m.')).toEqual([]);
    expect(cleanAuthors('Hinterlasse einen Kommentar')).toEqual([]);
    expect(cleanAuthors('Dr. Nathan Myhrvold is the founder of a firm that invents things')).toEqual([]);
    expect(cleanAuthors('')).toEqual([]);
    expect(cleanAuthors(null)).toEqual([]);
  });

  it.each([
    ['Posted on September 21, 2020 by Adi Tzlil', ['Adi Tzlil']],
    ['Posted in Datenschutz by damianduchamps on August 3, 2019', ['damianduchamps']],
    ['Posted by Nesselsetzer under Just For Fun', ['Nesselsetzer']],
    ['Posted by David at 5:12 PM', ['David']],
    ['Dec 26, 2025 • Mahua Das in Project Management', ['Mahua Das']],
    ['05.02.2020 - Redaktion: Eberhard Fuhr', ['Eberhard Fuhr']],
    ['Text von Christian Seiler Illustration von Markus Roost', ['Christian Seiler']],
    ['About Peter Bell', ['Peter Bell']],
    ['Escribe Camila Méndez', ['Camila Méndez']],
    ['Peter Maahn/SP-X', ['Peter Maahn']],
    ['David Jackson - FullStack Editorial Team', ['David Jackson']],
    ['Matthew Richardson, Review Editor', ['Matthew Richardson']],
    ['Meghan Neville Content Marketing Coordinator', ['Meghan Neville']],
    ['Matt Check Head Winemaker', ['Matt Check']],
    ['Posted by David at', ['David']],
  ])('reads the name in a posting note, dateline or credit: %j', (raw, expected) => {
    expect(cleanAuthors(raw)).toEqual(expected);
  });

  it('reads an affiliation after a single name as no second author', () => {
    expect(cleanAuthors('Jagpreet Chhatwal, The Commercial Appeal', false)).toEqual(['Jagpreet Chhatwal']);
    expect(cleanAuthors('Benjamin Johnson, Sr. Director of Operations, Atlas Van Lines', false)).toEqual(['Benjamin Johnson']);
  });

  it('finds no name in an updater, a legal form, a label or template junk', () => {
    expect(cleanAuthors('Updated by Jon Linkov')).toEqual([]);
    expect(cleanAuthors('GmbH & Co. KG')).toEqual([]);
    expect(cleanAuthors('Text')).toEqual([]);
    expect(cleanAuthors('##loginname##')).toEqual([]);
    expect(cleanAuthors('Foto: Jane Doe')).toEqual([]);
    expect(cleanAuthors('Eingetragen bei: politics')).toEqual([]);
    expect(cleanAuthors('Jun 2')).toEqual([]);
    expect(cleanAuthors('Senior Review')).toEqual([]);
    expect(cleanAuthors('News Desk')).toEqual(['News Desk']);
  });

  it('keeps names in scripts without letter case', () => {
    expect(cleanAuthors('作者：肖春芳')).toEqual(['肖春芳']);
  });
});
