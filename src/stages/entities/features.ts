import { DocumentContext, Position } from './document-context.js';
import type { Gazetteer } from './gazetteer.js';
import { featureKey1, featureKey2, featureKey3, hashString } from './hash.js';
import { Casing } from './lexical.js';
import { boundaryWord, Role, ROLE_COUNT, WordInfoCache, type WordInfo } from './word-info.js';
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
/** Where the word in each role sits, relative to the token. */
export const ROLE_OFFSETS: readonly number[] = [0, -2, -1, 1, 2];

export interface NerLexicon {
  readonly gazetteer: Gazetteer | null;
  readonly words: WordTable | null;
}

/**
 * Feature keys of one sentence: token i's keys are keys[offsets[i] .. offsets[i + 1]). For training,
 * `identity` marks (1) the keys that name the word itself (the word, its lower-case form, affixes and
 * the word bigrams), which training may hide now and then so that the model learns to recognize names
 * from their context and shape too, as it must for names it never saw.
 */
export interface SentenceFeatures {
  readonly keys: Uint32Array;
  readonly offsets: Int32Array;
  readonly identity?: Uint8Array;
}

/** A growable buffer of keys, reused across sentences so that tagging allocates little. */
class KeyBuffer {
  keys = new Uint32Array(4096);
  identity = new Uint8Array(4096);
  length = 0;

  push(key: number): void {
    if (this.length === this.keys.length) this.grow();
    this.keys[this.length++] = key;
  }

  pushIdentity(key: number): void {
    if (this.length === this.keys.length) this.grow();
    this.identity[this.length] = 1;
    this.keys[this.length++] = key;
  }

  clear(): void {
    this.identity.fill(0, 0, this.length);
    this.length = 0;
  }

  private grow(): void {
    const keys = new Uint32Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const identity = new Uint8Array(this.identity.length * 2);
    identity.set(this.identity);
    this.identity = identity;
  }
}

/** Which keys of a sentence to compute (see FeatureExtractor). */
const Keys = {
  /** Every key: the word's own, its context, and the second pass's (training). */
  All: 0,
  /** The context keys of the first pass, without the keys of single words (tagging: those come from roleKeys). */
  Context: 1,
  /** The second pass's keys only (tagging). */
  SecondPass: 2,
} as const;
type Keys = (typeof Keys)[keyof typeof Keys];

export class FeatureExtractor {
  private readonly cache: WordInfoCache;
  private readonly buffer = new KeyBuffer();
  private offsets = new Int32Array(256);
  /** Stand-ins for the neighbors of the first and last tokens. */
  private readonly start = boundaryWord(BOUNDARY);
  private readonly end = boundaryWord(END);

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

  /**
   * Every feature key of every token of one sentence of the document, with the identity marks (training).
   * Aggregated features need `ctx.setFirstPass` first.
   */
  extract(ctx: DocumentContext, sentenceIndex: number): SentenceFeatures {
    const { keys, offsets, identity } = this.extractOver(ctx, sentenceIndex, Keys.All);
    return { keys: keys.slice(), offsets: offsets.slice(), identity: identity!.slice() };
  }

  /**
   * The first pass's keys of one sentence without the keys that depend on one word alone (see
   * roleKeys). The arrays are views of a buffer that the next call overwrites.
   */
  contextKeys(ctx: DocumentContext, sentenceIndex: number): SentenceFeatures {
    return this.extractOver(ctx, sentenceIndex, Keys.Context);
  }

  /** The second pass's own keys of one sentence (after `ctx.setFirstPass`); views, as contextKeys. */
  secondPassKeys(ctx: DocumentContext, sentenceIndex: number): SentenceFeatures {
    return this.extractOver(ctx, sentenceIndex, Keys.SecondPass);
  }

  /** True when this extractor's groups are `other`'s plus second-pass groups only. */
  extends(other: FeatureExtractor): boolean {
    const local = (g: FeatureGroups): string => JSON.stringify({ ...g, aggregation: false, stacking: false });
    return local(this.groups) === local(other.groups) && !other.groups.aggregation && !other.groups.stacking;
  }

  /**
   * The keys of the features that depend on one word alone, per role (see Role), computed once per
   * distinct token. As itself: the bias, the word and its lower-case form, then its affixes (these name
   * the word: see identityCount), then shapes and clusters. As a neighbor: its lower-case form, its shape
   * (one before or after) and its finest clusters ("a title", "a verb of saying").
   */
  roleKeys(w: WordInfo): readonly Uint32Array[] {
    return (w.roleKeys ??= this.computeRoleKeys(w));
  }

  /** roleKeys without keeping them on the word (the tagger keeps only their summed weights). */
  computeRoleKeys(w: WordInfo): readonly Uint32Array[] {
    if (w.roleKeys) return w.roleKeys;
    const g = this.groups;
    const self: number[] = [featureKey1(T.word, w.hashWord), featureKey1(T.norm, w.hashNorm)];
    if (g.affixes) for (const affix of w.affixes) self.push(featureKey1(T.affix, affix));
    self.push(featureKey1(T.bias, 0), featureKey1(T.shortShape, w.hashShortShape), featureKey1(T.longShape, w.hashLongShape));
    const clusters = w.clusters;
    if (g.clusters) {
      if (clusters) for (let k = 0; k < clusters.length; k++) self.push(featureKey2(T.cluster, k, clusters[k]!));
      else self.push(featureKey2(T.cluster, -1, 0));
    }
    const asNeighbor = (norm: number, shape: number, cluster: number): number[] => {
      const keys: number[] = [];
      if (g.wordWindow) keys.push(featureKey1(norm, w.hashNorm));
      if (g.shapeWindow && shape !== 0) keys.push(featureKey1(shape, w.hashShortShape));
      if (g.clusters && cluster !== 0 && clusters) for (let k = Math.max(0, clusters.length - 2); k < clusters.length; k++) keys.push(featureKey2(cluster, k, clusters[k]!));
      return keys;
    };
    const roles = [self, asNeighbor(T.normPrev2, 0, 0), asNeighbor(T.normPrev, T.shapePrev, T.clusterPrev), asNeighbor(T.normNext, T.shapeNext, T.clusterNext), asNeighbor(T.normNext2, 0, 0)];
    return roles.map((keys) => Uint32Array.from(keys));
  }

  /** The word at `i` of a sentence, or the boundary stand-in before its start or after its end. */
  neighbor(words: readonly WordInfo[], i: number): WordInfo {
    return i < 0 ? this.start : i >= words.length ? this.end : words[i]!;
  }

  private identityCount(w: WordInfo): number {
    return 2 + (this.groups.affixes ? w.affixes.length : 0);
  }

  private extractOver(ctx: DocumentContext, sentenceIndex: number, which: Keys): SentenceFeatures {
    const sentence = ctx.sentences[sentenceIndex]!;
    const words = sentence.words;
    const n = words.length;
    if (this.offsets.length < n + 1) this.offsets = new Int32Array(2 * (n + 1));
    const offsets = this.offsets;
    const out = this.buffer;
    out.clear();
    const g = this.groups;
    for (let i = 0; i < n; i++) {
      offsets[i] = out.length;
      const w = words[i]!;
      if (which === Keys.SecondPass) {
        this.pushSecondPass(ctx, sentenceIndex, i, w);
        continue;
      }
      if (which === Keys.All) {
        const self = this.roleKeys(w)[Role.Self]!;
        const identity = this.identityCount(w);
        for (let k = 0; k < self.length; k++) {
          if (k < identity) out.pushIdentity(self[k]!);
          else out.push(self[k]!);
        }
        for (let role = Role.Prev2; role < ROLE_COUNT; role++) {
          for (const key of this.roleKeys(this.neighbor(words, i + ROLE_OFFSETS[role]!))[role]!) out.push(key);
        }
      }
      const prev = i > 0 ? words[i - 1]! : null;
      const next = i + 1 < n ? words[i + 1]! : null;
      const casePosition = w.casing * 6 + sentence.positions[i]! * 2 + (sentence.allCaps ? 1 : 0);

      out.push(featureKey1(T.casePosition, casePosition));

      if (g.wordWindow) {
        const prevNorm = prev ? prev.hashNorm : BOUNDARY;
        const nextNorm = next ? next.hashNorm : END;
        out.pushIdentity(featureKey2(T.normPrevCur, prevNorm, w.hashNorm));
        out.pushIdentity(featureKey2(T.normCurNext, w.hashNorm, nextNorm));
        out.push(featureKey2(T.wordPrevCasing, prevNorm, w.casing));
      }
      if (g.shapeWindow) {
        const prevShape = prev ? prev.hashShortShape : BOUNDARY;
        const nextShape = next ? next.hashShortShape : END;
        out.push(featureKey2(T.shapePrevCur, prevShape, w.hashShortShape));
        out.push(featureKey2(T.shapeCurNext, w.hashShortShape, nextShape));
        out.push(featureKey3(T.shapeTrigram, prevShape, w.hashShortShape, nextShape));
      }
      if (g.capitalization) out.push(featureKey2(T.capitalization, w.capitalizationBin, casePosition));
      if (g.gazetteer) this.pushGazetteer(sentence.gazetteer, i, w);
      if (g.document && w.wordLike && w.casing !== Casing.NoLetters) {
        out.push(featureKey2(T.documentCase, ctx.caseEvidence(w), casePosition));
        if (sentence.allCaps || sentence.positions[i] === Position.First) out.push(featureKey1(T.documentShape, ctx.shapeElsewhere(w)));
      }
      if (which === Keys.All) this.pushSecondPass(ctx, sentenceIndex, i, w);
    }
    offsets[n] = out.length;
    return { keys: out.keys.subarray(0, out.length), offsets: offsets.subarray(0, n + 1), identity: out.identity.subarray(0, out.length) };
  }

  private pushGazetteer(marks: readonly (readonly number[])[], i: number, w: WordInfo): void {
    const out = this.buffer;
    const own = marks[i]!;
    for (let k = 0; k < own.length; k++) {
      out.push(featureKey1(T.gazetteer, own[k]!));
      out.push(featureKey2(T.gazetteerCasing, own[k]!, w.casing));
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
