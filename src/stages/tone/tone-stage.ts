import { getLayer, type Document } from '../../model/document.js';
import type { Annotation } from '../../model/span.js';
import { ParleyError } from '../../pipeline/errors.js';
import { defineStage } from '../../pipeline/stage.js';
import '../sentences/sentences.js';
import { BUILTIN_TONE_LEXICON } from './builtin-lexicon.js';
import { addCounts, countTone, emptyCounts, toneFields, type ToneLexicon, type ToneToken } from './score.js';
import type { ToneData } from './tone.js';

declare module '../../pipeline/stage.js' {
  interface Resources {
    /** The tone lexicon (see src/resources: `new ResourceLoader().toneLexicon()`). */
    readonly tone?: ToneLexicon;
  }
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ToneOptions {}

/** Bumped when the scoring code or rules.ts change; the lexicon's identity is appended. */
export const TONE_CODE_VERSION = '1';
const LEXICON_ID = `${BUILTIN_TONE_LEXICON.name}@${BUILTIN_TONE_LEXICON.version}#${BUILTIN_TONE_LEXICON.fingerprint}`;

const CLITIC = /^['\u2019](?:s|re|ve|ll|d|m)?$|^n['\u2019]t$/i;
/** Punctuation that ends a clause (and the reach of a negation); quotes and brackets do not. */
const CLAUSE_PUNCTUATION = /^[,;:.!?\u2026\u2013\u2014-]+$/;

function toneToken(raw: string, kind: string): ToneToken {
  const word = raw.toLowerCase().replace(/[\u2019\u2018]/g, "'");
  if (kind === 'punctuation' || kind === 'url' || kind === 'email') return { raw, word, counts: false, isBreak: kind === 'punctuation' && CLAUSE_PUNCTUATION.test(raw) };
  return { raw, word, counts: !CLITIC.test(raw), isBreak: false };
}

/** Tone of each sentence and of the whole document, from the `sentences` and `tokens` layers. */
export function findTone(doc: Document, lexicon: ToneLexicon): Annotation<ToneData>[] {
  return toneAnnotations(doc, lexicon);
}

/** The lexicon with no words: for text in another language, whose English look-alikes ("die", "also") would only add noise. */
const NO_WORDS: ToneLexicon = { name: 'none', version: '0', fingerprint: '', valence: new Map(), activity: new Set() };

function toneAnnotations(doc: Document, lexicon: ToneLexicon): Annotation<ToneData>[] {
  const tokens = getLayer(doc, 'tokens');
  const total = emptyCounts();
  const sentences: Annotation<ToneData>[] = [];
  for (const sentence of getLayer(doc, 'sentences')) {
    const { firstToken, tokenCount } = sentence.data;
    const run = tokens.slice(firstToken, firstToken + tokenCount).map((t) => toneToken(doc.text.slice(t.start, t.end), t.data.kind));
    const counts = countTone(run, lexicon);
    addCounts(total, counts);
    sentences.push({ start: sentence.start, end: sentence.end, data: { scope: 'sentence', ...toneFields(counts) } });
  }
  return [{ start: 0, end: doc.text.length, data: { scope: 'document', ...toneFields(total) } }, ...sentences];
}

/**
 * The `tone` stage: GDELT's tone fields for each sentence and one annotation for the whole document.
 * The lexicon is English: for a document whose article language is known and not English, sentiment
 * and activity are left at 0 (words are still counted) and a warning says so. Text of unknown language
 * is scored as English.
 */
export const toneStage = defineStage<ToneOptions>({
  name: 'tone',
  version: `${TONE_CODE_VERSION}/${LEXICON_ID}`,
  requires: ['sentences', 'tokens'],
  provides: ['tone'],
  // English models, lexicons and dictionaries: other languages are not read as English.
  languages: ['en'],
  defaults: {},
  run(doc, _options, resources) {
    const lexicon = resources.tone;
    if (!lexicon) {
      throw new ParleyError('E_MODEL_MISSING', 'The "tone" stage needs the tone lexicon, and resources.tone is not set.', 'Load it with `new ResourceLoader().toneLexicon()` (src/resources) and pass `{ tone }` as resources.');
    }
    if (`${lexicon.name}@${lexicon.version}#${lexicon.fingerprint}` !== LEXICON_ID) {
      throw new ParleyError('E_MODEL_CORRUPT', `The tone lexicon is ${lexicon.name}@${lexicon.version}#${lexicon.fingerprint}, but this version of Parley was built with ${LEXICON_ID}.`, 'Rebuild it with `npm run build:tone`, or reinstall Parley.');
    }
    const language = doc.article.language;
    if (language && !/^en\b/i.test(language)) {
      const message = `The tone lexicon is English and the article's language is "${language}": only words and first-person pronouns are counted, sentiment and activity are left at 0.`;
      return { layers: { tone: toneAnnotations(doc, NO_WORDS) }, messages: [{ code: 'TONE_NOT_ENGLISH', severity: 'warning', message }] };
    }
    return { layers: { tone: toneAnnotations(doc, lexicon) } };
  },
});

/** A compact summary for `parley analyze`: the document tone, and the most negative and positive sentences. */
export function summarizeTone(doc: Document): string[] {
  const layer = getLayer(doc, 'tone');
  const document = layer.find((a) => a.data.scope === 'document');
  if (!document) return [];
  const d = document.data;
  const lines = [`tone ${d.tone.toFixed(2)}  positive ${d.positive.toFixed(2)}%  negative ${d.negative.toFixed(2)}%  polarity ${d.polarity.toFixed(2)}%  activity ${d.activity.toFixed(2)}%  self ${d.selfReference.toFixed(2)}%  words ${d.wordCount}`];
  const sentences = layer.filter((a) => a.data.scope === 'sentence' && a.data.polarity > 0);
  const excerpt = (a: Annotation<ToneData>): string => {
    const text = doc.text.slice(a.start, a.end).replace(/\s+/g, ' ');
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  };
  const byTone = [...sentences].sort((a, b) => a.data.tone - b.data.tone);
  if (byTone[0] && byTone[0].data.tone < 0) lines.push(`most negative (${byTone[0].data.tone.toFixed(1)}): ${excerpt(byTone[0])}`);
  const best = byTone[byTone.length - 1];
  if (best && best.data.tone > 0) lines.push(`most positive (${best.data.tone.toFixed(1)}): ${excerpt(best)}`);
  return lines;
}
