import { ParleyError } from '../../pipeline/errors.js';
import { placeKey } from './keys.js';

/**
 * The gazetteer the `places` stage resolves names against: countries, first- and second-order
 * divisions and populated places (GeoNames-derived, built by `npm run build:places`; see
 * data/places/README.md). It is kept as the file's bytes (the resource loader gunzips them) with an
 * index of line starts: entries are parsed when first asked for, and names are found by binary search
 * over the name lines, sorted by their bytes, so loading costs one pass over the bytes and no per-name
 * work (well under 1 s, and the bytes live outside the JavaScript heap).
 *
 * Text format (tab-separated):
 *   line 1:  parley-gazetteer/1 <entry count> <name count>
 *   line 2:  # provenance
 *   entries: kind name country(ISO alpha-2) admin1 admin2 lat lon population geonameId featureCode code
 *   names:   key (see keys.ts) then comma-separated entry numbers, sorted by the key's UTF-8 bytes; `~N` marks a weak
 *            name ("Avoyelles" for Avoyelles Parish); a third field `common` marks a name made of
 *            common words.
 */

export const GAZETTEER_FORMAT = 'parley-gazetteer/1';

export type EntryKind = 'country' | 'admin1' | 'admin2' | 'place';

export interface GazetteerEntry {
  /** The entry's number in the gazetteer. */
  readonly id: number;
  readonly kind: EntryKind;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
  /** GeoNames admin1 code within the country ("TX"), '' when none. */
  readonly admin1: string;
  /** GeoNames admin2 code within the division; for a country, its ISO 3166-1 numeric code ("760"). */
  readonly admin2: string;
  readonly lat: number;
  readonly lon: number;
  readonly population: number;
  readonly geonameId: number | null;
  /** GeoNames feature code (PPL, PPLA, PPLC, ADM1, ADM2, PCLI). */
  readonly featureCode: string;
  /** Countries: ISO alpha-3; divisions: GeoNames code (US.TX); places: ''. */
  readonly code: string;
  /** The lookup key of its own name (keys.ts). */
  readonly key: string;
}

export interface NameMatch {
  readonly entry: GazetteerEntry;
  /** A weak name: the entry is called so only loosely ("Avoyelles" for Avoyelles Parish). */
  readonly weak: boolean;
}

const KINDS: ReadonlySet<string> = new Set(['country', 'admin1', 'admin2', 'place']);

export class Gazetteer {
  private readonly bytes: Buffer;
  /** Offset of each line's first byte; one more at the end (the end of the data). */
  private readonly lineStarts: Uint32Array;
  private readonly entryCount: number;
  private readonly namesStart: number;
  private readonly cache = new Map<number, GazetteerEntry>();
  private readonly codes = new Map<string, GazetteerEntry>();

  /**
   * `data`: the file's bytes after gunzip (UTF-8). `abbreviations`: division abbreviations as written
   * ("La.", "W.Va.") → division code (US.LA), read only where a division may follow a place.
   */
  constructor(data: Uint8Array, source = 'the gazetteer', readonly abbreviations: ReadonlyMap<string, string> = new Map()) {
    this.bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.lineStarts = lineStarts(this.bytes);
    const lineCount = this.lineStarts.length - 1;
    const [format, entries, names] = this.line(0).split('\t');
    const entryCount = Number(entries);
    const nameCount = Number(names);
    if (format !== GAZETTEER_FORMAT || !Number.isInteger(entryCount) || !Number.isInteger(nameCount) || lineCount !== 2 + entryCount + nameCount) {
      throw new ParleyError('E_MODEL_CORRUPT', `${source} is not a ${GAZETTEER_FORMAT} file, or it is truncated (${lineCount} lines).`, 'Rebuild it with `npm run build:places`, or restore the shipped data/places/gazetteer.tsv.gz.');
    }
    this.entryCount = entryCount;
    this.namesStart = 2 + entryCount;
    // Countries and divisions come first: index them by code (ISO alpha-2 and alpha-3, US.TX, US.TX.201).
    for (let id = 0; id < entryCount; id++) {
      if (this.line(2 + id).startsWith('place\t')) break;
      const entry = this.entry(id);
      this.codes.set(entry.code, entry);
      if (entry.kind === 'country') this.codes.set(entry.country, entry);
    }
  }

  get size(): number {
    return this.entryCount;
  }

  private line(index: number): string {
    return this.bytes.toString('utf8', this.lineStarts[index]!, this.lineStarts[index + 1]! - 1);
  }

  entry(id: number): GazetteerEntry {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const f = id >= 0 && id < this.entryCount ? this.line(2 + id).split('\t') : [];
    if (f.length !== 11 || !KINDS.has(f[0]!)) {
      throw new ParleyError('E_MODEL_CORRUPT', `Gazetteer entry ${id} is malformed.`, 'Rebuild it with `npm run build:places`.');
    }
    const entry: GazetteerEntry = {
      id, kind: f[0] as EntryKind, name: f[1]!, country: f[2]!, admin1: f[3]!, admin2: f[4]!, lat: Number(f[5]), lon: Number(f[6]),
      population: Number(f[7]) || 0, geonameId: f[8] ? Number(f[8]) : null, featureCode: f[9]!, code: f[10]!, key: placeKey(f[1]!),
    };
    this.cache.set(id, entry);
    return entry;
  }

  /** Every entry called `key` (a placeKey), in gazetteer order. */
  lookup(key: string): NameMatch[] {
    const line = this.nameLine(key);
    if (line < 0) return [];
    const start = this.lineStarts[line]!;
    const fields = this.bytes.toString('latin1', this.bytes.indexOf(9, start) + 1, this.lineStarts[line + 1]! - 1).split('\t');
    return fields[0]!.split(',').map((item) => (item.startsWith('~') ? { entry: this.entry(Number(item.slice(1))), weak: true } : { entry: this.entry(Number(item)), weak: false }));
  }

  /**
   * Whether the gazetteer knows the name, and whether it is made of common words ("City", "White House":
   * news text mostly writes them in lower case), which are places only where the NER says so.
   */
  nameInfo(key: string): { known: boolean; common: boolean } {
    const line = this.nameLine(key);
    if (line < 0) return { known: false, common: false };
    return { known: true, common: this.bytes.toString('latin1', this.lineStarts[line + 1]! - 7, this.lineStarts[line + 1]! - 1) === 'common' };
  }

  /** The line of a name, by binary search over the name lines (sorted by their bytes), or -1. */
  private nameLine(key: string): number {
    const wanted = Buffer.from(key, 'utf8');
    let low = this.namesStart;
    let high = this.lineStarts.length - 2;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const start = this.lineStarts[middle]!;
      const tab = this.bytes.indexOf(9, start);
      const order = this.bytes.compare(wanted, 0, wanted.length, start, tab);
      if (order < 0) low = middle + 1;
      else if (order > 0) high = middle - 1;
      else return middle;
    }
    return -1;
  }

  /** A country or division by its code: ISO alpha-2 or alpha-3 (SY, SYR), or GeoNames division code (US.TX, US.TX.201). */
  byCode(code: string): GazetteerEntry | undefined {
    return this.codes.get(code);
  }

  /** A country by ISO alpha-2 or alpha-3 code. */
  country(code: string): GazetteerEntry | undefined {
    const entry = this.codes.get(code);
    return entry?.kind === 'country' ? entry : undefined;
  }

  /** The first-order division of an entry (undefined for a country or a place without one). */
  admin1Of(entry: GazetteerEntry): GazetteerEntry | undefined {
    if (entry.kind === 'country' || !entry.admin1) return undefined;
    return this.codes.get(`${entry.country}.${entry.admin1}`);
  }
}

function lineStarts(bytes: Buffer): Uint32Array {
  let count = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) count++;
  const starts = new Uint32Array(count + 1);
  let line = 1;
  for (let at = bytes.indexOf(10); at >= 0 && line <= count; at = bytes.indexOf(10, at + 1)) starts[line++] = at + 1;
  return starts;
}
