/**
 * Fixture pages whose bytes are in a legacy encoding. Each is written and reviewed as UTF-8
 * (`source.utf8.html` beside it) and encoded into `source.html` by `npx tsx scripts/encode-page-fixtures.ts`;
 * the golden test checks that the two stay in sync.
 */
import iconv from 'iconv-lite';

export const UTF8_SOURCE = 'source.utf8.html';

/** Fixture folder → the encoding of its `source.html`. */
export const ENCODED_FIXTURES: Readonly<Record<string, string>> = {
  'chinese-gbk': 'gbk',
  'chinese-gbk-undeclared': 'gbk',
  japanese: 'shift_jis',
};

/**
 * Encodes the UTF-8 source, refusing characters the target encoding cannot represent (iconv-lite
 * would silently write '?' for them, and the fixture would no longer say what its source says).
 */
export function encodeFixture(utf8: string, encoding: string): Buffer {
  const bytes = iconv.encode(utf8, encoding);
  const roundTrip = iconv.decode(bytes, encoding);
  if (roundTrip !== utf8) {
    const at = [...utf8].findIndex((ch, i) => ch !== [...roundTrip][i]);
    const ch = [...utf8][at] ?? '';
    throw new Error(`Character ${JSON.stringify(ch)} (U+${ch.codePointAt(0)?.toString(16).toUpperCase()}) at code point ${at} has no ${encoding} form; replace it in the UTF-8 source.`);
  }
  return bytes;
}
