/**
 * Character-encoding names as data: the WHATWG Encoding Standard's labels, the decoder Parley uses for
 * each encoding, and the names the statistical detector (jschardet) reports. Everything is keyed by the
 * WHATWG encoding name in lower case ('windows-1252', 'shift_jis', 'gbk', ...).
 */

/** WHATWG Encoding Standard, "Encodings" table: encoding name → its labels (matched case-insensitively). */
export const WHATWG_LABELS: Readonly<Record<string, readonly string[]>> = {
  'utf-8': ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'],
  ibm866: ['866', 'cp866', 'csibm866', 'ibm866'],
  'iso-8859-2': ['csisolatin2', 'iso-8859-2', 'iso-ir-101', 'iso8859-2', 'iso88592', 'iso_8859-2', 'iso_8859-2:1987', 'l2', 'latin2'],
  'iso-8859-3': ['csisolatin3', 'iso-8859-3', 'iso-ir-109', 'iso8859-3', 'iso88593', 'iso_8859-3', 'iso_8859-3:1988', 'l3', 'latin3'],
  'iso-8859-4': ['csisolatin4', 'iso-8859-4', 'iso-ir-110', 'iso8859-4', 'iso88594', 'iso_8859-4', 'iso_8859-4:1988', 'l4', 'latin4'],
  'iso-8859-5': ['csisolatincyrillic', 'cyrillic', 'iso-8859-5', 'iso-ir-144', 'iso8859-5', 'iso88595', 'iso_8859-5', 'iso_8859-5:1988'],
  'iso-8859-6': ['arabic', 'asmo-708', 'csiso88596e', 'csiso88596i', 'csisolatinarabic', 'ecma-114', 'iso-8859-6', 'iso-8859-6-e', 'iso-8859-6-i', 'iso-ir-127', 'iso8859-6', 'iso88596', 'iso_8859-6', 'iso_8859-6:1987'],
  'iso-8859-7': ['csisolatingreek', 'ecma-118', 'elot_928', 'greek', 'greek8', 'iso-8859-7', 'iso-ir-126', 'iso8859-7', 'iso88597', 'iso_8859-7', 'iso_8859-7:1987', 'sun_eu_greek'],
  'iso-8859-8': ['csiso88598e', 'csisolatinhebrew', 'hebrew', 'iso-8859-8', 'iso-8859-8-e', 'iso-ir-138', 'iso8859-8', 'iso88598', 'iso_8859-8', 'iso_8859-8:1988', 'visual'],
  'iso-8859-8-i': ['csiso88598i', 'iso-8859-8-i', 'logical'],
  'iso-8859-10': ['csisolatin6', 'iso-8859-10', 'iso-ir-157', 'iso8859-10', 'iso885910', 'l6', 'latin6'],
  'iso-8859-13': ['iso-8859-13', 'iso8859-13', 'iso885913'],
  'iso-8859-14': ['iso-8859-14', 'iso8859-14', 'iso885914'],
  'iso-8859-15': ['csisolatin9', 'iso-8859-15', 'iso8859-15', 'iso885915', 'iso_8859-15', 'l9'],
  'iso-8859-16': ['iso-8859-16'],
  'koi8-r': ['cskoi8r', 'koi', 'koi8', 'koi8-r', 'koi8_r'],
  'koi8-u': ['koi8-ru', 'koi8-u'],
  macintosh: ['csmacintosh', 'mac', 'macintosh', 'x-mac-roman'],
  'windows-874': ['dos-874', 'iso-8859-11', 'iso8859-11', 'iso885911', 'tis-620', 'windows-874'],
  'windows-1250': ['cp1250', 'windows-1250', 'x-cp1250'],
  'windows-1251': ['cp1251', 'windows-1251', 'x-cp1251'],
  'windows-1252': ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252'],
  'windows-1253': ['cp1253', 'windows-1253', 'x-cp1253'],
  'windows-1254': ['cp1254', 'csisolatin5', 'iso-8859-9', 'iso-ir-148', 'iso8859-9', 'iso88599', 'iso_8859-9', 'iso_8859-9:1989', 'l5', 'latin5', 'windows-1254', 'x-cp1254'],
  'windows-1255': ['cp1255', 'windows-1255', 'x-cp1255'],
  'windows-1256': ['cp1256', 'windows-1256', 'x-cp1256'],
  'windows-1257': ['cp1257', 'windows-1257', 'x-cp1257'],
  'windows-1258': ['cp1258', 'windows-1258', 'x-cp1258'],
  'x-mac-cyrillic': ['x-mac-cyrillic', 'x-mac-ukrainian'],
  gbk: ['chinese', 'csgb2312', 'csiso58gb231280', 'gb2312', 'gb_2312', 'gb_2312-80', 'gbk', 'iso-ir-58', 'x-gbk'],
  gb18030: ['gb18030'],
  big5: ['big5', 'big5-hkscs', 'cn-big5', 'csbig5', 'x-x-big5'],
  'euc-jp': ['cseucpkdfmtjapanese', 'euc-jp', 'x-euc-jp'],
  'iso-2022-jp': ['csiso2022jp', 'iso-2022-jp'],
  shift_jis: ['csshiftjis', 'ms932', 'ms_kanji', 'shift-jis', 'shift_jis', 'sjis', 'windows-31j', 'x-sjis'],
  'euc-kr': ['cseuckr', 'csksc56011987', 'euc-kr', 'iso-ir-149', 'korean', 'ks_c_5601-1987', 'ks_c_5601-1989', 'ksc5601', 'ksc_5601', 'windows-949'],
  replacement: ['csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr', 'replacement'],
  'utf-16be': ['unicodefffe', 'utf-16be'],
  'utf-16le': ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le'],
  'x-user-defined': ['x-user-defined'],
};

/**
 * Labels outside the standard that pages and servers use anyway (Windows code-page numbers, a database
 * collation name). Browsers ignore them and fall back to detection; naming the intended encoding is
 * strictly better, since detection can only guess it.
 */
export const EXTRA_LABELS: Readonly<Record<string, string>> = {
  cp932: 'shift_jis', 'windows-932': 'shift_jis', 'x-ms-cp932': 'shift_jis',
  cp936: 'gbk', 'windows-936': 'gbk', ms936: 'gbk',
  cp949: 'euc-kr', 'ks_c_5601': 'euc-kr',
  cp950: 'big5', big5hkscs: 'big5', 'windows-950': 'big5',
  euc_jp: 'euc-jp', 'x-euc': 'euc-jp',
  utf8mb4: 'utf-8', 'utf-8n': 'utf-8',
  'iso-8859-9-windows-latin-5': 'windows-1254',
};

/**
 * How Parley decodes each encoding besides UTF-8 (V8's own decoder); an encoding not listed is decoded by
 * iconv-lite under its WHATWG name. iconv-lite covers every legacy encoding except ISO-2022-JP, which
 * Node's TextDecoder (ICU) decodes. Following the standard: GBK is decoded as GB18030 (its superset),
 * Shift_JIS with the Windows-31J table, EUC-KR as CP949, Big5 with the HKSCS extensions.
 */
export const DECODERS: Readonly<Record<string, { readonly via: 'text-decoder' | 'iconv'; readonly codec: string }>> = {
  'utf-16le': { via: 'text-decoder', codec: 'utf-16le' },
  'utf-16be': { via: 'iconv', codec: 'utf-16be' },
  'iso-2022-jp': { via: 'text-decoder', codec: 'iso-2022-jp' },
  ibm866: { via: 'iconv', codec: 'cp866' },
  'iso-8859-8-i': { via: 'iconv', codec: 'iso-8859-8' },
  'x-mac-cyrillic': { via: 'iconv', codec: 'maccyrillic' },
  gbk: { via: 'iconv', codec: 'gb18030' },
  gb18030: { via: 'iconv', codec: 'gb18030' },
  big5: { via: 'iconv', codec: 'big5hkscs' },
  shift_jis: { via: 'iconv', codec: 'shift_jis' },
  'euc-kr': { via: 'iconv', codec: 'cp949' },
  // The HTML standard reads a declared x-user-defined as windows-1252.
  'x-user-defined': { via: 'iconv', codec: 'windows-1252' },
};

/**
 * The encodings the detector (jschardet) may choose from, under its names (Python codec style), mapped
 * to WHATWG names. Each candidate costs detection time, so the list holds the legacy encodings web
 * pages use: the Windows code pages, the ISO-8859 parts in use (Latin-2, Cyrillic, Arabic, Greek,
 * Hebrew, Latin-9), KOI8, the CJK encodings, UTF-8 and UTF-16. An encoding Parley cannot decode
 * (EBCDIC, DOS code pages) is never a guess.
 */
export const DETECTOR_ENCODINGS: Readonly<Record<string, string>> = {
  'utf-8': 'utf-8', ascii: 'windows-1252', 'utf-16-le': 'utf-16le', 'utf-16-be': 'utf-16be',
  cp1250: 'windows-1250', cp1251: 'windows-1251', cp1252: 'windows-1252', cp1253: 'windows-1253',
  cp1254: 'windows-1254', cp1255: 'windows-1255', cp1256: 'windows-1256', cp1257: 'windows-1257', cp874: 'windows-874',
  'iso8859-2': 'iso-8859-2', 'iso8859-5': 'iso-8859-5', 'iso8859-6': 'iso-8859-6', 'iso8859-7': 'iso-8859-7',
  'iso8859-8': 'iso-8859-8', 'iso8859-15': 'iso-8859-15', 'koi8-r': 'koi8-r', 'koi8-u': 'koi8-u',
  gb18030: 'gb18030', big5hkscs: 'big5', cp932: 'shift_jis', euc_jis_2004: 'euc-jp', iso2022_jp_2: 'iso-2022-jp',
  cp949: 'euc-kr', euc_kr: 'euc-kr',
};

/**
 * Corrections applied to a detector guess when the sample's bytes contradict it. ISO-8859-15 differs
 * from windows-1252 in eight positions, and without 0xA4 (€ in ISO-8859-15, ¤ in windows-1252) the
 * remaining ones (´ ½ ¼ ¨ ...) read better as windows-1252, by far the more common encoding.
 */
export const DETECTION_CORRECTIONS: readonly { readonly detected: string; readonly unlessByte: number; readonly use: string }[] = [
  { detected: 'iso-8859-15', unlessByte: 0xa4, use: 'windows-1252' },
];

/** Encodings with multi-byte characters: a wrong one of these garbles text into invalid byte pairs. */
export const MULTI_BYTE_ENCODINGS: ReadonlySet<string> = new Set(['gbk', 'gb18030', 'big5', 'shift_jis', 'euc-jp', 'iso-2022-jp', 'euc-kr']);

let labelIndex: Map<string, string> | null = null;

/**
 * The WHATWG encoding a label names (trimmed, case-insensitive), or null for an unknown label. The
 * 'replacement' encoding comes back as is: the caller decides what to do with a label that names no
 * usable encoding.
 */
export function encodingForLabel(label: string): string | null {
  if (!labelIndex) {
    labelIndex = new Map(Object.entries(EXTRA_LABELS));
    for (const [name, labels] of Object.entries(WHATWG_LABELS)) for (const l of labels) labelIndex.set(l, name);
  }
  return labelIndex.get(label.trim().toLowerCase()) ?? null;
}

/** A label that names a decodable encoding; 'replacement' (ISO-2022-KR, HZ, ...) counts as undeclared. */
export function usableEncoding(label: string): string | null {
  const encoding = encodingForLabel(label);
  return encoding && encoding !== 'replacement' ? encoding : null;
}

/** The HTML standard's rule for in-document declarations: text readable as ASCII is not UTF-16. */
export function inDocumentEncoding(label: string): string | null {
  const encoding = usableEncoding(label);
  return encoding?.startsWith('utf-16') ? 'utf-8' : encoding === 'x-user-defined' ? 'windows-1252' : encoding;
}
