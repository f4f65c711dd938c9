/**
 * The page's language, as an ISO 639-1 code, from two kinds of evidence checked against each other:
 * what the markup says (`<html lang>`, `xml:lang`, `<meta http-equiv="content-language">`, the HTTP
 * Content-Language header, `og:locale`, `<meta name="language">`) and what the article text is
 * written in (eld's n-gram detector for 60 languages, language-model.ts, on a bounded sample of the text).
 *
 * Markup is often a template's default (`lang="en"` on German pages is common), and detection is
 * unsure on short text, so: agreement gives high confidence; on disagreement detection wins when the
 * text is long enough and the detector is sure, or at once when the text is in another script than the
 * markup's language; otherwise the markup stands. Without markup detection decides; without text the
 * markup does.
 */
import type { AnyNode, Document } from 'domhandler';
import type { FieldProvenance } from '../model/article.js';
import { attr, isElement, walk } from './dom.js';
import { headerValue, type HttpHeaders } from './headers.js';
import { languageModel } from './language-model.js';
import { ISO_639_1, LANGUAGE_ALIASES, SAME_WRITTEN_LANGUAGE, SCRIPT_OF_LANGUAGE, TWO_SCRIPT_LANGUAGES } from './language-codes.js';

export interface LanguageHint {
  readonly language: string;
  readonly source: 'html' | 'meta' | 'http';
  /** Which markup said it, e.g. 'html lang' or 'og:locale'. */
  readonly via: string;
  readonly confidence: number;
}

export interface DetectedLanguage {
  readonly language: string;
  readonly confidence: number;
  /** Letters in the sample the detector read (a CJK character counts three). */
  readonly letters: number;
}

export interface LanguageResult {
  readonly value: string;
  readonly provenance: FieldProvenance;
  /** Every language the markup named, in order of authority. */
  readonly markup: readonly LanguageHint[];
  readonly detected: DetectedLanguage | null;
}

export interface LanguageOptions {
  /** Characters of the article text handed to the detector (its cost grows with the sample). */
  readonly sampleChars: number;
  /** Fewer letters than this and the text is not read at all. */
  readonly minLetters: number;
  /** Detection overrules markup in the same script only on at least this many letters ... */
  readonly overrideMinLetters: number;
  /** ... and with at least this confidence. */
  readonly overrideMinConfidence: number;
  /** A detection less sure than this is not reported when there is no markup either. */
  readonly minReportConfidence: number;
}

export const DEFAULT_LANGUAGE_OPTIONS: LanguageOptions = Object.freeze({
  sampleChars: 1000,
  minLetters: 20,
  overrideMinLetters: 200,
  overrideMinConfidence: 0.6,
  minReportConfidence: 0.45,
});

/** Where markup names a language, most authoritative first, with the confidence each earns alone. */
const MARKUP_SOURCES: readonly { via: string; source: LanguageHint['source']; confidence: number }[] = [
  { via: 'html lang', source: 'html', confidence: 0.7 },
  { via: 'html xml:lang', source: 'html', confidence: 0.7 },
  { via: 'meta http-equiv content-language', source: 'meta', confidence: 0.6 },
  { via: 'http content-language', source: 'http', confidence: 0.6 },
  { via: 'og:locale', source: 'meta', confidence: 0.55 },
  { via: 'meta name language', source: 'meta', confidence: 0.5 },
];

/** Meta elements that name the language: attribute, its (lower-cased) value, the markup source above. */
const LANGUAGE_METAS: readonly { attribute: string; value: string; via: string }[] = [
  { attribute: 'http-equiv', value: 'content-language', via: 'meta http-equiv content-language' },
  { attribute: 'property', value: 'og:locale', via: 'og:locale' },
  { attribute: 'name', value: 'og:locale', via: 'og:locale' },
  { attribute: 'name', value: 'language', via: 'meta name language' },
  { attribute: 'name', value: 'content-language', via: 'meta name language' },
  { attribute: 'name', value: 'dc.language', via: 'meta name language' },
];

/** Confidence when markup and detection agree, and the discount each side takes when they disagree. */
const AGREEMENT_CONFIDENCE = 0.95;
const OVERRULED_DISCOUNT = 0.8;
const CONTESTED_DISCOUNT = 0.9;


export function resolveLanguage(document: Document, headers: HttpHeaders | undefined, text: string, options: Partial<LanguageOptions> = {}): LanguageResult | null {
  const opts = { ...DEFAULT_LANGUAGE_OPTIONS, ...options };
  const markup = markupLanguages(document, headers);
  const detected = detectLanguage(text, opts);
  const result = (value: string, source: FieldProvenance['source'], confidence: number): LanguageResult => ({
    value, provenance: { source, confidence: round(confidence) }, markup, detected,
  });

  const primary = markup[0];
  if (!primary) {
    return detected && detected.confidence >= opts.minReportConfidence ? result(detected.language, 'detected', detected.confidence) : null;
  }
  if (!detected) return result(primary.language, primary.source, markupConfidence(markup, primary.language));
  const agreeing = markup.find((hint) => sameLanguage(hint.language, detected.language));
  if (agreeing) return result(agreeing.language, agreeing.source, AGREEMENT_CONFIDENCE);

  const otherScript = writtenApart(primary.language, detected.language) && detected.confidence >= opts.minReportConfidence;
  const sureEnough = detected.letters >= opts.overrideMinLetters && detected.confidence >= opts.overrideMinConfidence;
  // The detector can only contradict a language it knows: Galician markup on a page it reads as
  // Spanish or Portuguese is no evidence against the markup.
  if (otherScript || (sureEnough && languageModel().languages.includes(primary.language))) {
    return result(detected.language, 'detected', detected.confidence * CONTESTED_DISCOUNT);
  }
  return result(primary.language, primary.source, markupConfidence(markup, primary.language) * OVERRULED_DISCOUNT);
}

/** The markup's confidence in a language: the best hint's, raised a little by each further hint that agrees. */
function markupConfidence(markup: readonly LanguageHint[], language: string): number {
  const agreeing = markup.filter((hint) => hint.language === language);
  return Math.min(0.85, Math.max(...agreeing.map((hint) => hint.confidence)) + 0.05 * (agreeing.length - 1));
}

/** Every language hint in the markup and the headers, most authoritative first (the first of each kind). */
export function markupLanguages(document: Document, headers: HttpHeaders | undefined): LanguageHint[] {
  const found = new Map<string, string>();
  const note = (via: string, value: string | null | undefined): void => {
    if (value && !found.has(via)) found.set(via, value);
  };
  walk(document, (node: AnyNode) => {
    if (!isElement(node)) return true;
    if (node.name === 'body') return false;
    if (node.name === 'html') {
      note('html lang', attr(node, 'lang'));
      note('html xml:lang', attr(node, 'xml:lang'));
    } else if (node.name === 'meta') {
      const content = attr(node, 'content');
      for (const meta of LANGUAGE_METAS) if (attr(node, meta.attribute)?.trim().toLowerCase() === meta.value) note(meta.via, content);
    }
    return true;
  });
  note('http content-language', headerValue(headers, 'content-language'));

  const hints: LanguageHint[] = [];
  for (const { via, source, confidence } of MARKUP_SOURCES) {
    const language = normalizeLanguage(found.get(via));
    if (language) hints.push({ language, source, via, confidence });
  }
  return hints;
}

/**
 * An ISO 639-1 code from a markup value: a BCP 47 tag ('pt-BR'), a locale ('de_DE'), an ISO 639-2
 * code ('ger'), a withdrawn code ('iw') or a language name ('Deutsch'); the first of a list. Null for
 * anything else ('x-default', 'und', template placeholders).
 */
export function normalizeLanguage(value: string | null | undefined): string | null {
  const first = value?.split(/[,;]/)[0]?.trim().toLowerCase();
  if (!first) return null;
  const named = LANGUAGE_ALIASES[first];
  if (named) return named;
  const primary = first.split(/[-_]/)[0]!;
  const code = LANGUAGE_ALIASES[primary] ?? primary;
  return ISO_639_1.has(code) ? code : null;
}

function sameLanguage(a: string, b: string): boolean {
  return a === b || SAME_WRITTEN_LANGUAGE.some((group) => group.includes(a) && group.includes(b));
}

/** True when the two languages are written in different scripts (never for a language of two scripts). */
function writtenApart(a: string, b: string): boolean {
  if (TWO_SCRIPT_LANGUAGES.has(a) || TWO_SCRIPT_LANGUAGES.has(b)) return false;
  return (SCRIPT_OF_LANGUAGE[a] ?? 'Latin') !== (SCRIPT_OF_LANGUAGE[b] ?? 'Latin');
}

const NON_LETTERS = /\P{L}+/gu;
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/gu;
/** A CJK character carries about as much as a short word; it counts as this many letters. */
const CJK_LETTER_WEIGHT = 3;

/**
 * The detector's reading of the first `sampleChars` characters of the text, or null when the text is
 * too short or the detector finds nothing.
 *
 * Confidence rests mostly on how well the text fits the best language's model (eld's top score: pages
 * in a language it knows score 0.7-0.9, placeholder Latin, code and base64 below 0.65) and on the
 * margin over the runner-up (large between languages of different families, small between Russian and
 * Bulgarian, which is why it counts less); it falls on short samples.
 */
export function detectLanguage(text: string, options: Partial<LanguageOptions> = {}): DetectedLanguage | null {
  const opts = { ...DEFAULT_LANGUAGE_OPTIONS, ...options };
  const sample = text.slice(0, opts.sampleChars * 2).replace(/\s+/g, ' ').trim().slice(0, opts.sampleChars);
  const letters = sample.replace(NON_LETTERS, '').length + (CJK_LETTER_WEIGHT - 1) * (sample.match(CJK)?.length ?? 0);
  if (letters < opts.minLetters) return null;
  const detection = languageModel().detect(sample);
  if (!detection.language) return null;
  const scores = detection.scores;
  const top = scores[0] ?? 0;
  const margin = top - (scores[1] ?? 0);
  const fit = Math.min(0.95, Math.max(0, (top - 0.45) * 2.5 + margin));
  const lengthFactor = Math.min(1, 0.5 + letters / (2 * opts.overrideMinLetters));
  return { language: detection.language, confidence: round(lengthFactor * fit), letters };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
