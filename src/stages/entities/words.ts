/**
 * What unlabeled news text says about each word (computed by scripts/ner/build-words.ts): word
 * clusters at several granularities (words used in similar contexts share a cluster, so the model
 * generalizes from "Kerry" to names it never saw labeled), and how often the word is capitalized in the
 * middle of a sentence (a capitalized sentence-initial "Chinese" or all-capitals "JAPAN" is then still
 * recognized as a name, "The" or "SAYS" is not).
 *
 * File format: `#` comment lines, then one line per word (lower case, digits as 0):
 * `word<TAB>count<TAB>capitalizedShare<TAB>cluster1,cluster2,...` with one cluster id per granularity
 * (or none, for words too rare to cluster).
 */

export interface WordEntry {
  readonly count: number;
  /** Share of mid-sentence occurrences that start with a capital letter, 0..1. */
  readonly capitalized: number;
  /** Cluster id per granularity, coarse to fine; empty for words too rare to cluster. */
  readonly clusters: readonly number[];
}

export class WordTable {
  constructor(
    private readonly entries: ReadonlyMap<string, WordEntry>,
    /** The number of clusters at each granularity, coarse to fine. */
    readonly granularities: readonly number[],
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(normalizedWord: string): WordEntry | undefined {
    return this.entries.get(normalizedWord);
  }

  static parse(text: string): WordTable {
    const entries = new Map<string, WordEntry>();
    let granularities: number[] | null = null;
    let lineStart = 0;
    let lineNumber = 0;
    while (lineStart < text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      lineStart = lineEnd + 1;
      lineNumber++;
      if (line === '') continue;
      if (line.startsWith('#')) {
        const declared = /^#\s*granularities:\s*([\d,]+)/.exec(line);
        if (declared) granularities = declared[1]!.split(',').map(Number);
        continue;
      }
      const fields = line.split('\t');
      const count = Number(fields[1]);
      const capitalized = Number(fields[2]);
      const clusters = fields[3] ? fields[3].split(',').map(Number) : [];
      if (fields.length !== 4 || !fields[0] || !Number.isFinite(count) || !Number.isFinite(capitalized) || clusters.some((c) => !Number.isInteger(c))) {
        throw new Error(`word table line ${lineNumber}: expected "word<TAB>count<TAB>capitalizedShare<TAB>clusters"`);
      }
      if (granularities && clusters.length > 0 && clusters.length !== granularities.length) {
        throw new Error(`word table line ${lineNumber}: ${clusters.length} cluster ids, expected ${granularities.length}`);
      }
      entries.set(fields[0], { count, capitalized, clusters });
    }
    if (!granularities) throw new Error('word table: missing the "# granularities: ..." header line');
    return new WordTable(entries, granularities);
  }
}
