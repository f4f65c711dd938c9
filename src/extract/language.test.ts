import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from './index.js';
import { detectLanguage, normalizeLanguage, resolveLanguage } from './language.js';
import { parseHtml } from './parse.js';

interface Sample {
  readonly id: string;
  readonly language: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const { samples } = JSON.parse(readFileSync(new URL('./testdata/multilingual-samples.json', import.meta.url), 'utf8')) as { samples: Sample[] };
const text = (id: string): string => samples.find((s) => s.id === id)!.paragraphs.join('\n\n');

/** Resolves the language of `body` under the given `<html>` attributes and `<head>` markup. */
function resolve(body: string, { html = '', head = '', headers }: { html?: string; head?: string; headers?: Record<string, string> } = {}) {
  const document = parseHtml(`<!DOCTYPE html><html ${html}><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`, 256).document;
  return resolveLanguage(document, headers, body);
}

describe('detection from the article text', () => {
  // Galician and Indonesian are outside the detector's languages (it reads them as Portuguese and
  // Malay): only markup names them.
  const detectable = samples.filter((s) => s.id !== 'gl' && s.id !== 'id');

  it.each(detectable.map((s) => [s.id, s.language, s] as const))('%s text is detected as %s', (_id, language, sample) => {
    const result = resolve(sample.paragraphs.join('\n\n'));
    expect(result?.value).toBe(language);
    expect(result?.provenance.source).toBe('detected');
    expect(result?.provenance.confidence).toBeGreaterThanOrEqual(0.6);
  });

  it('reads a single CJK sentence', () => {
    expect(detectLanguage('国务院常务会议周三通过了一项关于加快城市公共交通建设的计划。')?.language).toBe('zh');
    expect(detectLanguage('政府は水曜日、地方の公共交通を立て直すための新しい計画を発表した。')?.language).toBe('ja');
    expect(detectLanguage('정부는 수요일 지방 대중교통을 개선하기 위한 새로운 계획을 발표했다.')?.language).toBe('ko');
  });

  it('is less sure of a short sample than of a long one', () => {
    const short = detectLanguage('Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen.')!;
    const long = detectLanguage(text('de'))!;
    expect(short.language).toBe('de');
    expect(short.confidence).toBeLessThan(long.confidence);
  });

  it('reads nothing into empty, numeric or very short text', () => {
    for (const body of ['', '   ', '2024-05-01 12:00 | 3.5 °C', 'Hallo Welt']) expect(detectLanguage(body), body).toBeNull();
    expect(resolve('')).toBeNull();
    expect(resolve('12 345 678')).toBeNull();
  });

  it('reports nothing for placeholder Latin with no markup to fall back on', () => {
    expect(resolve('Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.')).toBeNull();
  });
});

describe('markup hints', () => {
  it.each([
    ['<html lang>', { html: 'lang="pt-BR"' }, 'pt', 'html'],
    ['xml:lang', { html: 'xml:lang="cs"' }, 'cs', 'html'],
    ['<meta http-equiv="content-language">', { head: '<meta http-equiv="Content-Language" content="de-AT">' }, 'de', 'meta'],
    ['<meta name="language"> with a language name', { head: '<meta name="language" content="Deutsch">' }, 'de', 'meta'],
    ['og:locale', { head: '<meta property="og:locale" content="fr_FR">' }, 'fr', 'meta'],
    ['the HTTP Content-Language header, first of a list', { headers: { 'Content-Language': 'es-ES, en' } }, 'es', 'http'],
    ['an ISO 639-2 code', { html: 'lang="ger"' }, 'de', 'html'],
    ['a withdrawn code', { html: 'lang="iw"' }, 'he', 'html'],
  ])('reads %s', (_name, markup, language, source) => {
    const result = resolve('', markup);
    expect(result?.value).toBe(language);
    expect(result?.provenance.source).toBe(source);
  });

  it('ignores values that name no language', () => {
    for (const value of ['x-default', 'und', '{{lang}}', 'zz', '']) expect(normalizeLanguage(value), value).toBeNull();
    expect(resolve('', { html: 'lang="{{ page.lang }}"', head: '<meta property="og:locale" content="en_GB">' })?.value).toBe('en');
  });

  it('follows the most authoritative hint when hints disagree and there is no text', () => {
    const result = resolve('', { html: 'lang="de"', head: '<meta property="og:locale" content="en_US">', headers: { 'content-language': 'fr' } });
    expect(result?.value).toBe('de');
    expect(result?.markup.map((h) => h.language)).toEqual(['de', 'fr', 'en']);
  });

  it('grows surer as more hints agree', () => {
    const one = resolve('', { html: 'lang="it"' })!;
    const three = resolve('', { html: 'lang="it" xml:lang="it"', head: '<meta property="og:locale" content="it_IT">' })!;
    expect(three.provenance.confidence).toBeGreaterThan(one.provenance.confidence);
  });
});

describe('markup and detection together', () => {
  it('is sure when they agree', () => {
    expect(resolve(text('ru'), { html: 'lang="ru-RU"' })?.provenance).toEqual({ source: 'html', confidence: 0.95 });
  });

  it('lets a long, clear text overrule a template default', () => {
    const result = resolve(text('de'), { html: 'lang="en"', head: '<meta property="og:locale" content="en_US">' });
    expect(result?.value).toBe('de');
    expect(result?.provenance.source).toBe('detected');
    expect(result?.markup[0]?.language).toBe('en');
  });

  it('keeps the markup against a short text in the same script, less sure than it would be alone', () => {
    const result = resolve('Der Stadtrat hat am Dienstag beschlossen, das Busnetz auszubauen.', { html: 'lang="en"' });
    expect(result?.value).toBe('en');
    expect(result?.provenance.source).toBe('html');
    expect(result?.provenance.confidence).toBeLessThan(resolve('', { html: 'lang="en"' })!.provenance.confidence);
  });

  it('believes the script over the markup, however short the text', () => {
    expect(resolve('政府は水曜日、新しい計画を発表した。', { html: 'lang="en"' })?.value).toBe('ja');
    expect(resolve('Правительство одобрило план строительства новых школ.', { html: 'lang="de"' })?.value).toBe('ru');
    expect(resolve('أعلنت الحكومة يوم الأربعاء عن خطة جديدة.', { html: 'lang="fr"' })?.value).toBe('ar');
  });

  it('keeps the markup for languages written alike (Bokmål, Indonesian)', () => {
    expect(resolve(text('nb'), { html: 'lang="nb-NO"' })?.value).toBe('nb');
    expect(resolve(text('id'), { html: 'lang="id"' })?.value).toBe('id');
    expect(resolve(text('id'), { html: 'lang="id"' })?.provenance.confidence).toBe(0.95);
  });

  it('lets no script contradict a language written in two (Serbian in Latin letters)', () => {
    const serbianLatin = 'Vlada je u sredu usvojila novi plan za proširenje javnog prevoza u velikim gradovima. Prema rečima ministra, u naredne tri godine biće kupljeni novi električni autobusi, a nove linije povezaće udaljena naselja sa centrom grada.';
    expect(resolve(serbianLatin, { html: 'lang="sr"' })?.value).toBe('sr');
  });

  it('keeps markup naming a language the detector does not know', () => {
    expect(resolve(text('gl'), { html: 'lang="gl"' })?.value).toBe('gl');
  });

  it('separates close languages of one script (Russian, Ukrainian, Bulgarian; Arabic, Persian)', () => {
    for (const id of ['ru', 'uk', 'bg', 'ar', 'fa']) expect(resolve(text(id), { html: 'lang="en"' })?.value, id).toBe(id);
  });
});

describe('extract() sets the language with its provenance', () => {
  it('reports a German article under lang="en" as German, detected', () => {
    const sample = samples.find((s) => s.id === 'de')!;
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${sample.title}</title></head><body><article><h1>${sample.title}</h1>${sample.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    const result = extract(html);
    expect(result.ok && result.article.language).toBe('de');
    expect(result.ok && result.article.provenance.language?.source).toBe('detected');
  });
});
