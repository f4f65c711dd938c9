/**
 * Language codes and names as data: what markup may say (BCP 47 tags, ISO 639-2 codes, deprecated
 * codes, language names), the languages that are written alike, and the scripts that tell languages
 * apart at a glance.
 */

/** Every ISO 639-1 code: a markup value must name one of them to count. */
export const ISO_639_1: ReadonlySet<string> = new Set(
  ('aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es ' +
    'et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki ' +
    'kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no ' +
    'nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te ' +
    'tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu').split(' '),
);

/**
 * Other ways markup names a language, mapped to ISO 639-1: ISO 639-2 (bibliographic and terminology)
 * and 639-3 codes, withdrawn two-letter codes, and names in English or in the language itself (seen in
 * `<meta name="language" content="German">`).
 */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  // Withdrawn ISO 639-1 codes still found in markup.
  iw: 'he', in: 'id', ji: 'yi', jw: 'jv', mo: 'ro', sh: 'hr',
  // ISO 639-2/T, 639-2/B and common 639-3 codes.
  ara: 'ar', arb: 'ar', ben: 'bn', bul: 'bg', cat: 'ca', ces: 'cs', cze: 'cs', chi: 'zh', zho: 'zh', cmn: 'zh',
  dan: 'da', deu: 'de', ger: 'de', ell: 'el', gre: 'el', eng: 'en', spa: 'es', est: 'et', eus: 'eu', baq: 'eu',
  fas: 'fa', per: 'fa', pes: 'fa', fin: 'fi', fra: 'fr', fre: 'fr', gle: 'ga', glg: 'gl', heb: 'he', hin: 'hi',
  hrv: 'hr', hun: 'hu', hye: 'hy', arm: 'hy', ind: 'id', isl: 'is', ice: 'is', ita: 'it', jpn: 'ja', kat: 'ka',
  geo: 'ka', kor: 'ko', lit: 'lt', lav: 'lv', mkd: 'mk', mac: 'mk', msa: 'ms', may: 'ms', zsm: 'ms', nld: 'nl',
  dut: 'nl', nor: 'no', nob: 'nb', nno: 'nn', pol: 'pl', por: 'pt', ron: 'ro', rum: 'ro', rus: 'ru', slk: 'sk',
  slo: 'sk', slv: 'sl', sqi: 'sq', alb: 'sq', srp: 'sr', swe: 'sv', swa: 'sw', tam: 'ta', tha: 'th', tur: 'tr',
  ukr: 'uk', urd: 'ur', vie: 'vi', cym: 'cy', wel: 'cy', tgl: 'tl', fil: 'tl',
  // Names.
  arabic: 'ar', bulgarian: 'bg', catalan: 'ca', 'català': 'ca', chinese: 'zh', '中文': 'zh', czech: 'cs', 'čeština': 'cs',
  danish: 'da', dansk: 'da', dutch: 'nl', nederlands: 'nl', english: 'en', estonian: 'et', finnish: 'fi', suomi: 'fi',
  french: 'fr', 'français': 'fr', francais: 'fr', german: 'de', deutsch: 'de', greek: 'el', 'ελληνικά': 'el',
  hebrew: 'he', 'עברית': 'he', hindi: 'hi', hungarian: 'hu', magyar: 'hu', indonesian: 'id', 'bahasa indonesia': 'id',
  italian: 'it', italiano: 'it', japanese: 'ja', '日本語': 'ja', korean: 'ko', '한국어': 'ko', norwegian: 'no', norsk: 'no',
  persian: 'fa', farsi: 'fa', polish: 'pl', polski: 'pl', portuguese: 'pt', 'português': 'pt', portugues: 'pt',
  romanian: 'ro', 'română': 'ro', russian: 'ru', 'русский': 'ru', spanish: 'es', 'español': 'es', espanol: 'es',
  swedish: 'sv', svenska: 'sv', thai: 'th', turkish: 'tr', 'türkçe': 'tr', ukrainian: 'uk', 'українська': 'uk',
  vietnamese: 'vi', 'tiếng việt': 'vi',
};

/**
 * Languages written so alike that a detector confuses them while the markup, written by people who
 * know, tells them apart: when markup names one and detection another of the same group, they agree
 * and the markup's code stands.
 */
export const SAME_WRITTEN_LANGUAGE: readonly (readonly string[])[] = [
  ['no', 'nb', 'nn', 'da'],
  ['ms', 'id'],
  ['hr', 'sr', 'bs'],
];

/**
 * The script of languages not written in Latin letters (languages absent here count as Latin).
 * Chinese and Japanese share Han characters, so they share an entry. A page whose markup names a
 * language of one script while its text is written in another is mislabelled, however short the text.
 */
export const SCRIPT_OF_LANGUAGE: Readonly<Record<string, string>> = {
  ru: 'Cyrillic', uk: 'Cyrillic', be: 'Cyrillic', bg: 'Cyrillic', mk: 'Cyrillic', ky: 'Cyrillic',
  mn: 'Cyrillic', tg: 'Cyrillic', tt: 'Cyrillic', ba: 'Cyrillic', cv: 'Cyrillic',
  el: 'Greek', ar: 'Arabic', fa: 'Arabic', ur: 'Arabic', ps: 'Arabic', sd: 'Arabic', ug: 'Arabic',
  he: 'Hebrew', yi: 'Hebrew', hi: 'Devanagari', mr: 'Devanagari', ne: 'Devanagari', sa: 'Devanagari',
  bn: 'Bengali', as: 'Bengali', gu: 'Gujarati', or: 'Oriya', ta: 'Tamil', te: 'Telugu',
  kn: 'Kannada', ml: 'Malayalam', si: 'Sinhala', th: 'Thai', lo: 'Lao', my: 'Myanmar', km: 'Khmer',
  ka: 'Georgian', hy: 'Armenian', am: 'Ethiopic', ti: 'Ethiopic', bo: 'Tibetan', dv: 'Thaana', iu: 'Canadian Aboriginal',
  zh: 'Han', ja: 'Han', ko: 'Hangul',
};

/** Languages written in two scripts (Serbian in Cyrillic and Latin, Kurdish in Arabic and Latin, ...): no script contradicts them. */
export const TWO_SCRIPT_LANGUAGES: ReadonlySet<string> = new Set(['sr', 'ku', 'uz', 'kk', 'pa', 'az']);
