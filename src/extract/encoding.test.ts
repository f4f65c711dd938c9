import { readFileSync } from 'node:fs';
import { crc32, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeHtml, sniffBinary } from './encoding.js';
import { WHATWG_LABELS, encodingForLabel } from './encoding-labels.js';
import { extract } from './index.js';

interface Sample {
  readonly id: string;
  readonly language: string;
  readonly encodings: readonly string[];
  readonly title: string;
  readonly paragraphs: readonly string[];
}

const { samples } = JSON.parse(readFileSync(new URL('./testdata/multilingual-samples.json', import.meta.url), 'utf8')) as { samples: Sample[] };

/** A page shaped like real ones: ASCII head with a script, navigation, the article, a footer. */
function page(sample: Sample, declaration = ''): string {
  return [
    '<!DOCTYPE html>',
    `<html><head>${declaration}<title>${sample.title}</title>`,
    '<script>window.dataLayer = window.dataLayer || []; if (a < b && c > d) { track("view"); }</script>',
    '<link rel="stylesheet" href="/assets/site.css"></head>',
    '<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>',
    `<main><article><h1>${sample.title}</h1>`,
    ...sample.paragraphs.map((p) => `<p>${p}</p>`),
    '</article></main><footer><a href="/contact">Contact</a></footer></body></html>',
  ].join('\n');
}

/** ISO-2022-JP from EUC-JP: the same JIS X 0208 code points, 7-bit, between escape sequences. */
function iso2022jp(text: string): Buffer {
  const euc = iconv.encode(text, 'euc-jp');
  const out: number[] = [];
  let kanji = false;
  for (let i = 0; i < euc.length; i++) {
    const byte = euc[i]!;
    if (byte >= 0xa1 && !kanji) out.push(0x1b, 0x24, 0x42);
    else if (byte < 0x80 && kanji) out.push(0x1b, 0x28, 0x42);
    kanji = byte >= 0xa1;
    if (kanji) out.push(byte - 0x80, euc[++i]! - 0x80);
    else out.push(byte);
  }
  if (kanji) out.push(0x1b, 0x28, 0x42);
  return Buffer.from(out);
}

function encode(text: string, encoding: string): Buffer {
  return encoding === 'iso-2022-jp' ? iso2022jp(text) : iconv.encode(text, encoding);
}

/** Every legacy encoding a sample can be written in, with the text that goes through it. */
const cases = samples.flatMap((sample) =>
  sample.encodings.map((encoding) => {
    // GB18030 reaches beyond GBK with four-byte sequences; a rare name character needs one.
    const extended = encoding === 'gb18030' ? { ...sample, paragraphs: [...sample.paragraphs, '姓氏“𠮷”只能用四字节编码。'] } : sample;
    return { name: `${sample.id} in ${encoding}`, sample: extended, encoding, whatwg: encodingForLabel(encoding)! };
  }),
);

describe('decodeHtml: legacy encodings round-trip', () => {
  it.each(cases)('$name, declared by <meta charset>', ({ sample, encoding, whatwg }) => {
    const html = page(sample, `<meta charset="${encoding}">`);
    const result = decodeHtml(encode(html, encoding));
    expect(result).toEqual({ text: html, charset: whatwg, source: 'meta', overridden: null });
  });

  it.each(cases)('$name, declared by the HTTP Content-Type', ({ sample, encoding, whatwg }) => {
    const html = page(sample);
    const result = decodeHtml(encode(html, encoding), `text/html; charset="${encoding.toUpperCase()}"`);
    expect(result).toEqual({ text: html, charset: whatwg, source: 'http', overridden: null });
  });

  it.each(cases)('$name, declared nowhere (detection)', ({ sample, encoding }) => {
    const html = page(sample);
    const result = decodeHtml(encode(html, encoding));
    expect(result.source).toBe('detected');
    expect(result.text).toBe(html);
  });
});

describe('decodeHtml: byte order marks and UTF-16', () => {
  const sample = samples.find((s) => s.id === 'ja')!;
  const html = page(sample, '<meta charset="shift_jis">');

  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf], Buffer.from(html, 'utf8')],
    ['utf-16le', [0xff, 0xfe], Buffer.from(html, 'utf16le')],
    ['utf-16be', [0xfe, 0xff], Buffer.from(html, 'utf16le').swap16()],
  ])('a %s byte order mark wins over the header and the meta', (charset, bom, body) => {
    const result = decodeHtml(Buffer.concat([Buffer.from(bom), body]), 'text/html; charset=iso-8859-1');
    expect(result).toEqual({ text: html, charset, source: 'bom', overridden: null });
  });

  it('recognises UTF-16 without a byte order mark by its layout', () => {
    expect(decodeHtml(Buffer.from(html, 'utf16le'))).toMatchObject({ text: html, charset: 'utf-16le', source: 'detected' });
    expect(decodeHtml(Buffer.from(html, 'utf16le').swap16())).toMatchObject({ text: html, charset: 'utf-16be', source: 'detected' });
  });

  it('reads a <meta charset="utf-16"> in ASCII-readable bytes as UTF-8, as the HTML standard says', () => {
    const utf8Page = page(sample, '<meta charset="utf-16">');
    expect(decodeHtml(Buffer.from(utf8Page, 'utf8'))).toMatchObject({ text: utf8Page, charset: 'utf-8', source: 'meta' });
  });
});

describe('decodeHtml: where the declaration comes from', () => {
  const de = samples.find((s) => s.id === 'de')!;
  const ru = samples.find((s) => s.id === 'ru')!;

  it('prefers the HTTP charset to the meta', () => {
    const html = page(ru, '<meta charset="windows-1251">');
    expect(decodeHtml(encode(html, 'koi8-r'), 'text/html;charset=koi8-r')).toMatchObject({ text: html, charset: 'koi8-r', source: 'http' });
  });

  it('reads <meta http-equiv="Content-Type" content="...; charset=...">', () => {
    const html = page(ru, `<META HTTP-EQUIV='Content-Type' CONTENT='text/html; Charset = "KOI8-R"'>`);
    expect(decodeHtml(encode(html, 'koi8-r'))).toMatchObject({ text: html, charset: 'koi8-r', source: 'meta' });
  });

  it('ignores a content charset without http-equiv, and metas inside comments', () => {
    const html = page(ru, '<!-- <meta charset="iso-8859-5"> --><meta name="x" content="text/html; charset=iso-8859-5"><meta charset="koi8-r">');
    expect(decodeHtml(encode(html, 'koi8-r'))).toMatchObject({ text: html, charset: 'koi8-r', source: 'meta' });
  });

  it('finds a meta that follows 70 KB of inline script', () => {
    const script = `<script>${'var pad = "<div class=\\"x\\">" + 1;\n'.repeat(2000)}</script>`;
    const html = page(de, `${script}<meta charset="windows-1252">`);
    expect(decodeHtml(encode(html, 'windows-1252'))).toMatchObject({ text: html, charset: 'windows-1252', source: 'meta' });
  });

  it('stops the prescan at <body>: a meta in pasted body content does not name the page encoding', () => {
    const html = page(de).replace('<main>', '<main><div class="signup"><meta charset="iso-8859-5"></div>');
    expect(decodeHtml(encode(html, 'windows-1252'))).toMatchObject({ text: html, charset: 'windows-1252', source: 'detected' });
  });

  it('uses the XML declaration when there is no meta', () => {
    const html = `<?xml version="1.0" encoding="ISO-8859-5"?>\n${page(ru)}`;
    expect(decodeHtml(encode(html, 'iso-8859-5'))).toMatchObject({ text: html, charset: 'iso-8859-5', source: 'xml' });
  });

  it('treats unknown and replacement labels as no declaration', () => {
    for (const label of ['no-such-charset', 'iso-2022-kr', 'hz-gb-2312']) {
      const html = page(ru, `<meta charset="${label}">`);
      expect(decodeHtml(encode(html, 'koi8-r'), `text/html; charset=${label}`)).toMatchObject({ text: html, source: 'detected' });
    }
  });

  it('falls back to windows-1252 for plain ASCII with no declaration', () => {
    const html = '<html><body><p>Plain ASCII only.</p></body></html>';
    expect(decodeHtml(Buffer.from(html))).toEqual({ text: html, charset: 'windows-1252', source: 'default', overridden: null });
  });
});

describe('decodeHtml: labels map the WHATWG way', () => {
  it.each([
    ['latin1', 'windows-1252', 'caf\u00e9 \u20ac', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80])],
    ['ISO-8859-1', 'windows-1252', '\u201cquoted\u201d', Buffer.from([0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94])],
    ['us-ascii', 'windows-1252', '\u2014', Buffer.from([0x97])],
    ['gb2312', 'gbk', '\u9555', iconv.encode('\u9555', 'gbk')], // 镕: in GBK, not in GB2312
    ['x-gbk', 'gbk', '\ud842\udfb7', iconv.encode('\ud842\udfb7', 'gb18030')], // 𠮷 needs the GB18030 decoder
    ['x-sjis', 'shift_jis', '\u2460\u9ad9', Buffer.from([0x87, 0x40, 0xfb, 0xfc])], // ① and 髙: Windows-31J extensions
    ['euc-kr', 'euc-kr', '\ub620', Buffer.from([0x8c, 0x63])], // 똠: a CP949 extension
    ['big5', 'big5', '\u7881', iconv.encode('\u7881', 'big5hkscs')],
  ])('%s decodes as %s', (label, whatwg, expected, body) => {
    const bytes = Buffer.concat([Buffer.from('<p>'), body, Buffer.from('</p>')]);
    expect(decodeHtml(bytes, `text/html; charset=${label}`)).toMatchObject({ text: `<p>${expected}</p>`, charset: whatwg, source: 'http' });
  });

  it('has a working decoder for every encoding the standard names', () => {
    for (const name of Object.keys(WHATWG_LABELS).filter((n) => n !== 'replacement')) {
      const result = decodeHtml(Buffer.from('<p>abc</p>'), `text/html; charset=${name}`);
      expect(result.charset, name).toBe(name.startsWith('utf-16') ? 'windows-1252' : name);
      expect(result.text, name).toBe('<p>abc</p>');
    }
  });
});

describe('decodeHtml: lying declarations', () => {
  const fr = samples.find((s) => s.id === 'fr')!;
  const de = samples.find((s) => s.id === 'de')!;
  const zh = samples.find((s) => s.id === 'zh')!;
  const ja = samples.find((s) => s.id === 'ja')!;

  it('decodes valid UTF-8 as UTF-8 even under a single-byte declaration', () => {
    const html = page(fr, '<meta charset="iso-8859-1">');
    expect(decodeHtml(Buffer.from(html, 'utf8'))).toEqual({
      text: html, charset: 'utf-8', source: 'detected', overridden: { charset: 'windows-1252', source: 'meta' },
    });
  });

  it('decodes valid UTF-8 as UTF-8 even under a GB2312 declaration', () => {
    const html = page(zh, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">');
    expect(decodeHtml(Buffer.from(html, 'utf8'))).toMatchObject({ text: html, charset: 'utf-8', overridden: { charset: 'gbk' } });
  });

  it('detects the legacy encoding of a page that declares UTF-8 but is not', () => {
    const html = page(de, '<meta charset="utf-8">');
    expect(decodeHtml(encode(html, 'windows-1252'), 'text/html; charset=utf-8')).toEqual({
      text: html, charset: 'windows-1252', source: 'detected', overridden: { charset: 'utf-8', source: 'http' },
    });
  });

  it('keeps UTF-8 when a few stray bytes sit in a UTF-8 page', () => {
    const html = page(de, '<meta charset="utf-8">');
    const bytes = Buffer.concat([Buffer.from(html, 'utf8'), Buffer.from([0x3c, 0x70, 0x3e, 0xe9, 0x3c, 0x2f, 0x70, 0x3e])]);
    expect(decodeHtml(bytes)).toEqual({ text: `${html}<p>\uFFFD</p>`, charset: 'utf-8', source: 'meta', overridden: null });
  });

  it('switches from a declared multi-byte encoding that garbles the page to the detected one', () => {
    const html = page(ja, '<meta charset="shift_jis">');
    expect(decodeHtml(encode(html, 'euc-jp'))).toMatchObject({ text: html, charset: 'euc-jp', source: 'detected', overridden: { charset: 'shift_jis' } });
  });
});

describe('decodeHtml on arbitrary bytes', () => {
  it('always returns text, a WHATWG encoding and a source, whatever the bytes and the header say', () => {
    const labels = fc.constantFrom(...Object.values(WHATWG_LABELS).flat(), 'no-such-charset', '');
    const declaration = fc.tuple(labels, fc.constantFrom('', '<meta charset="%">', '<?xml version="1.0" encoding="%"?>'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), declaration, fc.option(labels), (body, [label, markup], header) => {
        const bytes = Buffer.concat([Buffer.from(markup.replace('%', label)), body]);
        const result = decodeHtml(bytes, header === null ? null : `text/html; charset=${header}`);
        expect(typeof result.text).toBe('string');
        expect(encodingForLabel(result.charset)).toBe(result.charset);
        expect(['bom', 'http', 'meta', 'xml', 'detected', 'default']).toContain(result.source);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sniffBinary', () => {
  function zipWith(fileName: string, content: string): Buffer {
    const name = Buffer.from(fileName);
    const data = Buffer.from(content);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, name, data]);
  }

  function pngChunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  }

  const onePixelPng = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
  const html = page(samples.find((s) => s.id === 'en')!);

  it.each([
    ['a PDF document', Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')],
    ['a PNG image', onePixelPng],
    ['a JPEG image', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])],
    ['a GIF image', Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64')],
    ['a WebP image', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8L'), Buffer.alloc(14)])],
    ['a ZIP archive', zipWith('notes.txt', 'hello')],
    ['an Office document (DOCX, XLSX or PPTX)', zipWith('[Content_Types].xml', '<?xml version="1.0"?><Types/>')],
    ['an EPUB e-book', zipWith('mimetype', 'application/epub+zip')],
    ['gzip-compressed data (decompress it first)', gzipSync(html)],
    ['an MP3 audio file', Buffer.from([0x49, 0x44, 0x33, 0x03, 0x00, 0x00, 0x00, 0x00, 0x0f, 0x76])],
    ['an MP4 video', Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom\x00\x00\x02\x00isomiso2avc1mp41', 'latin1')])],
    ['an Ogg audio/video file', Buffer.concat([Buffer.from('OggS'), Buffer.from([0, 2, 0, 0, 0, 0, 0, 0, 0, 0])])],
    ['a WebM/Matroska video', Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01])],
    ['a WOFF font', Buffer.concat([Buffer.from('wOFF'), Buffer.from([0, 1, 0, 0, 0, 0, 0x10, 0])])],
  ])('names %s by its magic number', (name, bytes) => {
    expect(sniffBinary(bytes)).toBe(name);
  });

  it('puts the format into the rejection reason', () => {
    const result = extract(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
    expect(result).toEqual({ ok: false, rejection: { code: 'BINARY_CONTENT', reason: 'The input is a PDF document, not HTML.' } });
  });

  it('calls unknown binary data binary', () => {
    let state = 0x2545f491;
    const noise = Buffer.alloc(4096, 0).map(() => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state & 0xff;
    });
    expect(sniffBinary(noise)).toBe('binary data');
  });

  it('takes every legacy-encoded page and UTF-16 (with or without a byte order mark) for text', () => {
    for (const { sample, encoding } of cases) expect(sniffBinary(encode(page(sample), encoding)), `${sample.id} ${encoding}`).toBeNull();
    const utf16 = Buffer.from(html, 'utf16le');
    for (const bytes of [utf16, utf16.subarray(0).swap16(), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')])]) {
      expect(sniffBinary(bytes)).toBeNull();
    }
  });

  it('does not mistake text that starts like a magic number, or a stray control byte, for binary', () => {
    for (const text of ['GIF89 results', 'ID3 tags explained', 'BMW unveils', 'MZ and the art of', `${html}\u0001`]) {
      expect(sniffBinary(Buffer.from(text)), text).toBeNull();
    }
  });
});

describe('extract() on legacy-encoded pages given as bytes', () => {
  it.each([
    ['zh', 'gbk'], ['ja', 'shift_jis'], ['zh-hant', 'big5'], ['ru', 'koi8-r'], ['de', 'windows-1252'],
  ])('%s in %s: the article text comes out right, declared or not', (id, encoding) => {
    const sample = samples.find((s) => s.id === id)!;
    for (const declaration of [`<meta http-equiv="Content-Type" content="text/html; charset=${encoding}">`, '']) {
      const result = extract(encode(page(sample, declaration), encoding));
      expect(result.ok && result.article.text).toBe(sample.paragraphs.join('\n\n'));
      expect(result.ok && result.article.title).toBe(sample.title);
    }
    const viaHeader = extract(encode(page(sample), encoding), { headers: { 'Content-Type': `text/html; charset=${encoding}` } });
    expect(viaHeader.ok && viaHeader.article.text).toBe(sample.paragraphs.join('\n\n'));
  });
});
