import { DocumentContext, Position } from './document-context.js';
import type { Gazetteer } from './gazetteer.js';
import { featureKey1, featureKey2, featureKey3, hashString } from './hash.js';
import { Casing } from './lexical.js';
import { WordInfoCache, type WordInfo } from './word-info.js';
import type { WordTable } from './words.js';

/**
 * Feature extraction for the tagger. Each token gets a list of 32-bit feature keys (template × values,
 * hashed: see hash.ts); the model holds one weight per (feature, tag). The groups can be switched off
 * one by one, which is how their worth was measured (bench/RESULTS.md, NER section).
 */

export interface FeatureGroups {
  /** Words at ±1 and ±2 and the word bigrams around the token. */
  readonly wordWindow: boolean;
  /** Shapes of the neighbors and shape bigrams and trigram. */
  readonly shapeWindow: boolean;
  /** Prefixes and suffixes of length 1 to 4. */
  readonly affixes: boolean;
  /** Word clusters from unlabeled text (word table). */
  readonly clusters: boolean;
  /** How often the word is capitalized mid-sentence in unlabeled text (word table). */
  readonly capitalization: boolean;
  /** Matches in the name lists (gazetteer). */
  readonly gazetteer: boolean;
  /** How the word is written elsewhere in the document. */
  readonly document: boolean;
  /** Second pass: how the first pass labeled the word's other occurrences in the document. */
  readonly aggregation: boolean;
  /** Second pass: the first pass's tags of the token and its neighbors (stacked learning). */
  readonly stacking: boolean;
}

/** The groups the shipped model uses (stacking was measured and left out: see bench/RESULTS.md). */
export const DEFAULT_FEATURE_GROUPS: FeatureGroups = Object.freeze({
  wordWindow: true,
  shapeWindow: true,
  affixes: true,
  clusters: true,
  capitalization: true,
  gazetteer: true,
  document: true,
  aggregation: true,
  stacking: false,
});

/**
 * Template names; a template's id is the hash of its name, so adding a template leaves the keys of
 * the others unchanged. FEATURE_VERSION names the whole scheme and is stored in the model file.
 */
const TEMPLATE_NAMES = [
  'bias', 'word', 'norm', 'shortShape', 'longShape', 'affix', 'casePosition',
  'normPrev', 'normNext', 'normPrev2', 'normNext2', 'normPrevCur', 'normCurNext', 'wordPrevCasing',
  'shapePrev', 'shapeNext', 'shapePrevCur', 'shapeCurNext', 'shapeTrigram',
  'cluster', 'clusterPrev', 'clusterNext',
  'capitalization',
  'gazetteer', 'gazetteerCasing', 'gazetteerPrev', 'gazetteerNext',
  'documentCase', 'documentShape',
  'aggregateMajority', 'aggregateAny', 'aggregateMultiWord',
  'stackSelf', 'stackPrev', 'stackNext', 'stackPrevSelf', 'stackSelfNext', 'stackPrev2', 'stackNext2',
] as const;
type TemplateName = (typeof TEMPLATE_NAMES)[number];
const T = Object.fromEntries(TEMPLATE_NAMES.map((name) => [name, hashString(`t:${name}`)])) as Record<TemplateName, number>;

export const FEATURE_VERSION = 'ner-features-2';

const BOUNDARY = hashString('<s>');
const END = hashString('</s>');

export interface NerLexicon {
  readonly gazetteer: Gazetteer | null;
  readonly words: WordTable | null;
}

/** Feature keys of one sentence: token i's keys are keys[offsets[i] .. offsets[i + 1]). */
export interface SentenceFeatures {
  readonly keys: Uint32Array;
  readonly offsets: Int32Array;
}

/** A growable buffer of keys, reused across sentences so that tagging allocates little. */
class KeyBuffer {
  keys = new Uint32Array(4096);
  length = 0;

  push(key: number): void {
    if (this.length === this.keys.length) {
      const grown = new Uint32Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.length++] = key;
  }
}

export class FeatureExtractor {
  private readonly cache: WordInfoCache;
  private readonly buffer = new KeyBuffer();

  constructor(
    readonly groups: FeatureGroups,
    private readonly lexicon: NerLexicon,
  ) {
    this.cache = new WordInfoCache(groups.clusters || groups.capitalization ? lexicon.words : null);
  }

  /** The per-document context; built once per document and shared by both passes. */
  context(sentences: readonly (readonly string[])[]): DocumentContext {
    return new DocumentContext(sentences, this.cache, this.groups.gazetteer ? this.lexicon.gazetteer : null);
  }

  /** The feature keys of every token of one sentence of the document. Aggregated features need `ctx.setFirstPass` first. */
  extract(ctx: DocumentContext, sentenceIndex: number): SentenceFeatures {
    return this.extractOver(ctx, sentenceIndex, null);
  }

  /**
   * The keys of a pass whose groups are `base`'s groups plus second-pass groups: `base`'s keys (same
   * templates, same keys) with the second-pass keys added, without computing the shared ones again.
   */
  extend(ctx: DocumentContext, sentenceIndex: number, base: SentenceFeatures): SentenceFeatures {
    return this.extractOver(ctx, sentenceIndex, base);
  }

  /** True when this extractor's groups are `other`'s plus second-pass groups only (see extend). */
  extends(other: FeatureExtractor): boolean {
    const local = (g: FeatureGroups): string => JSON.stringify({ ...g, aggregation: false, stacking: false });
    return local(this.groups) === local(other.groups) && !other.groups.aggregation && !other.groups.stacking;
  }

  private extractOver(ctx: DocumentContext, sentenceIndex: number, base: SentenceFeatures | null): SentenceFeatures {
    const sentence = ctx.sentences[sentenceIndex]!;
    const words = sentence.words;
    const n = words.length;
    const offsets = new Int32Array(n + 1);
    const out = this.buffer;
    out.length = 0;
    const g = this.groups;
    for (let i = 0; i < n; i++) {
      offsets[i] = out.length;
      const w = words[i]!;
      if (base) {
        for (let k = base.offsets[i]!; k < base.offsets[i + 1]!; k++) out.push(base.keys[k]!);
        this.pushSecondPass(ctx, sentenceIndex, i, w);
        continue;
      }
      const prev = i > 0 ? words[i - 1]! : null;
      const next = i + 1 < n ? words[i + 1]! : null;
      const casePosition = w.casing * 6 + sentence.positions[i]! * 2 + (sentence.allCaps ? 1 : 0);

      out.push(featureKey1(T.bias, 0));
      out.push(featureKey1(T.word, w.hashWord));
      out.push(featureKey1(T.norm, w.hashNorm));
      out.push(featureKey1(T.shortShape, w.hashShortShape));
      out.push(featureKey1(T.longShape, w.hashLongShape));
      out.push(featureKey1(T.casePosition, casePosition));

      if (g.wordWindow) {
        const prevNorm = prev ? prev.hashNorm : BOUNDARY;
        const nextNorm = next ? next.hashNorm : END;
        out.push(featureKey1(T.normPrev, prevNorm));
        out.push(featureKey1(T.normNext, nextNorm));
        out.push(featureKey1(T.normPrev2, i > 1 ? words[i - 2]!.hashNorm : BOUNDARY));
        out.push(featureKey1(T.normNext2, i + 2 < n ? words[i + 2]!.hashNorm : END));
        out.push(featureKey2(T.normPrevCur, prevNorm, w.hashNorm));
        out.push(featureKey2(T.normCurNext, w.hashNorm, nextNorm));
        out.push(featureKey2(T.wordPrevCasing, prevNorm, w.casing));
      }
      if (g.shapeWindow) {
        const prevShape = prev ? prev.hashShortShape : BOUNDARY;
        const nextShape = next ? next.hashShortShape : END;
        out.push(featureKey1(T.shapePrev, prevShape));
        out.push(featureKey1(T.shapeNext, nextShape));
        out.push(featureKey2(T.shapePrevCur, prevShape, w.hashShortShape));
        out.push(featureKey2(T.shapeCurNext, w.hashShortShape, nextShape));
        out.push(featureKey3(T.shapeTrigram, prevShape, w.hashShortShape, nextShape));
      }
      if (g.affixes) {
        for (const affix of w.affixes) out.push(featureKey1(T.affix, affix));
      }
      if (g.clusters) this.pushClusters(w, prev, next);
      if (g.capitalization) out.push(featureKey2(T.capitalization, w.capitalizationBin, casePosition));
      if (g.gazetteer) this.pushGazetteer(sentence.gazetteer, i, w);
      if (g.document && w.wordLike && w.casing !== Casing.NoLetters) {
        out.push(featureKey2(T.documentCase, ctx.caseEvidence(w), casePosition));
        if (sentence.allCaps || sentence.positions[i] === Position.First) out.push(featureKey1(T.documentShape, ctx.shapeElsewhere(w)));
      }
      this.pushSecondPass(ctx, sentenceIndex, i, w);
    }
    offsets[n] = out.length;
    return { keys: out.keys.slice(0, out.length), offsets };
  }

  private pushClusters(w: WordInfo, prev: WordInfo | null, next: WordInfo | null): void {
    const out = this.buffer;
    const clusters = w.clusters;
    if (clusters) {
      for (let k = 0; k < clusters.length; k++) out.push(featureKey2(T.cluster, k, clusters[k]!));
    } else {
      out.push(featureKey2(T.cluster, -1, 0));
    }
    // Neighbors: the two finest granularities are enough to say "a title", "a verb of saying", ...
    for (const [template, word] of [[T.clusterPrev, prev], [T.clusterNext, next]] as const) {
      const c = word?.clusters;
      if (!c) continue;
      for (let k = Math.max(0, c.length - 2); k < c.length; k++) out.push(featureKey2(template, k, c[k]!));
    }
  }

  private pushGazetteer(marks: readonly (readonly number[])[], i: number, w: WordInfo): void {
    const out = this.buffer;
    for (const code of marks[i]!) {
      out.push(featureKey1(T.gazetteer, code));
      out.push(featureKey2(T.gazetteerCasing, code, w.casing));
    }
    if (i > 0) for (const code of marks[i - 1]!) out.push(featureKey1(T.gazetteerPrev, code));
    if (i + 1 < marks.length) for (const code of marks[i + 1]!) out.push(featureKey1(T.gazetteerNext, code));
  }

  private pushSecondPass(ctx: DocumentContext, s: number, i: number, w: WordInfo): void {
    if (!ctx.hasFirstPass) return;
    if (this.groups.aggregation && w.wordLike) this.pushAggregates(ctx, s, i, w);
    if (this.groups.stacking) this.pushStacked(ctx.firstPassTags(s), i);
  }

  private pushStacked(tags: Uint8Array, i: number): void {
    const out = this.buffer;
    const at = (k: number): number => (k < 0 || k >= tags.length ? -1 : tags[k]!);
    out.push(featureKey1(T.stackSelf, at(i)));
    out.push(featureKey1(T.stackPrev, at(i - 1)));
    out.push(featureKey1(T.stackNext, at(i + 1)));
    out.push(featureKey2(T.stackPrevSelf, at(i - 1), at(i)));
    out.push(featureKey2(T.stackSelfNext, at(i), at(i + 1)));
    out.push(featureKey1(T.stackPrev2, at(i - 2)));
    out.push(featureKey1(T.stackNext2, at(i + 2)));
  }

  private pushAggregates(ctx: DocumentContext, s: number, i: number, w: WordInfo): void {
    const out = this.buffer;
    const { all, inMultiWord } = ctx.otherLabels(s, i);
    const capitalized = w.casing === Casing.Lower ? 0 : 1;
    if (all) {
      out.push(featureKey2(T.aggregateMajority, majority(all), capitalized));
      for (let label = 1; label < all.length; label++) if (all[label]! > 0) out.push(featureKey2(T.aggregateAny, label, capitalized));
    }
    if (inMultiWord) out.push(featureKey2(T.aggregateMultiWord, majority(inMultiWord), capitalized));
  }
}

function majority(counts: Int32Array): number {
  let best = 0;
  for (let label = 1; label < counts.length; label++) if (counts[label]! > counts[best]!) best = label;
  return best;
}
