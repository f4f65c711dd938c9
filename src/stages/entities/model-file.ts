import type { FeatureGroups } from './features.js';
import { TAG_COUNT, TAGS } from './tags.js';
import { TRANSITION_ROWS } from './weights.js';

/**
 * The binary NER model file (models/ner.bin.gz, gzip-compressed by the loader's caller): a magic line,
 * a JSON header, then per tagger pass the sorted feature keys (Uint32), the emission weights quantized
 * to Int16 (one scale per pass), and the transition weights (Float32). Typed arrays load without
 * parsing, which keeps loading well under a second.
 */

export const MODEL_MAGIC = 'PARLEY-NER\n';
export const MODEL_FORMAT = 1;

export interface LexiconFileRef {
  /** File name under the models directory. */
  readonly file: string;
  /** SHA-256 of the file's bytes as shipped: a model only runs with the lexicon it was trained with. */
  readonly sha256: string;
}

export interface PassHeader {
  readonly groups: FeatureGroups;
  readonly features: number;
  /** Emission weight = Int16 value × scale. */
  readonly scale: number;
}

export interface ModelHeader {
  readonly format: number;
  readonly featureVersion: string;
  readonly tags: readonly string[];
  readonly passes: readonly PassHeader[];
  readonly lexicon: { readonly gazetteer: LexiconFileRef | null; readonly words: LexiconFileRef | null };
  /** Entity confidence = logistic(confidenceSlope × margin + confidenceBias), fitted after training. */
  readonly confidence: { readonly slope: number; readonly bias: number };
  /** How the model was made: command, data, settings, figures. */
  readonly provenance: Readonly<Record<string, unknown>>;
}

export interface PassWeights {
  readonly keys: Uint32Array;
  readonly emissions: Int16Array;
  readonly transitions: Float32Array;
}

export interface ModelContents {
  readonly header: ModelHeader;
  readonly passes: readonly PassWeights[];
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

export function encodeModel(contents: ModelContents): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(contents.header));
  const prefix = new TextEncoder().encode(MODEL_MAGIC);
  let size = align4(prefix.length + 4 + headerBytes.length);
  for (const pass of contents.passes) size += pass.keys.byteLength + align4(pass.emissions.byteLength) + pass.transitions.byteLength;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(prefix, 0);
  view.setUint32(prefix.length, headerBytes.length, true);
  bytes.set(headerBytes, prefix.length + 4);
  let offset = align4(prefix.length + 4 + headerBytes.length);
  for (const pass of contents.passes) {
    for (const array of [pass.keys, pass.emissions, pass.transitions]) {
      bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
      offset += align4(array.byteLength);
    }
  }
  return bytes;
}

/** Reads a model file's bytes (already decompressed). Throws an Error saying what is wrong. */
export function decodeModel(bytes: Uint8Array): ModelContents {
  const prefix = new TextEncoder().encode(MODEL_MAGIC);
  if (bytes.length < prefix.length + 4 || !prefix.every((b, i) => bytes[i] === b)) throw new Error('not a Parley NER model (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(prefix.length, true);
  const headerEnd = prefix.length + 4 + headerLength;
  if (headerEnd > bytes.length) throw new Error('truncated header');
  let header: ModelHeader;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(prefix.length + 4, headerEnd))) as ModelHeader;
  } catch {
    throw new Error('unreadable header');
  }
  if (header.format !== MODEL_FORMAT) throw new Error(`model format ${String(header.format)}, this Parley reads format ${MODEL_FORMAT}`);
  if (JSON.stringify(header.tags) !== JSON.stringify(TAGS)) throw new Error('the model was trained for another tag set');
  // Copy into an aligned buffer so the typed arrays below can view it directly.
  const aligned = new Uint8Array(bytes.length - align4(headerEnd));
  aligned.set(bytes.subarray(align4(headerEnd)));
  let offset = 0;
  const take = (byteLength: number): number => {
    if (offset + byteLength > aligned.length) throw new Error('truncated weights');
    const start = offset;
    offset += align4(byteLength);
    return start;
  };
  const buffer = aligned.buffer;
  const passes = header.passes.map((pass) => {
    if (!Number.isInteger(pass.features) || pass.features < 0) throw new Error('bad feature count');
    const n = pass.features;
    return {
      keys: new Uint32Array(buffer, take(n * 4), n),
      emissions: new Int16Array(buffer, take(n * TAG_COUNT * 2), n * TAG_COUNT),
      transitions: new Float32Array(buffer, take(TRANSITION_ROWS * TAG_COUNT * 4), TRANSITION_ROWS * TAG_COUNT),
    };
  });
  if (offset !== aligned.length) throw new Error('unexpected bytes after the weights');
  return { header, passes };
}
