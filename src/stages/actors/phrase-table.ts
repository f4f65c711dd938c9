/**
 * A table of phrases (sequences of word keys, see keys.ts) for longest-match lookup over the words of
 * an article. The first words are kept in a set so that a position that starts no phrase costs one
 * set lookup.
 */
export class PhraseTable<V> {
  private readonly entries = new Map<string, V>();
  private readonly firstWords = new Set<string>();
  private longest = 0;

  /** Adds a phrase (its key: word keys joined by one space); an existing phrase keeps its value unless `replace`. */
  set(key: string, value: V, replace = false): void {
    if (key === '' || (!replace && this.entries.has(key))) return;
    this.entries.set(key, value);
    const words = key.split(' ');
    this.firstWords.add(words[0]!);
    this.longest = Math.max(this.longest, words.length);
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The longest phrase that starts at words[from] and ends before `limit`, with its length in words.
   * `accept` can refuse a candidate (a phrase that must start with a capital, say).
   */
  longestAt(words: readonly string[], from: number, limit = words.length, accept?: (value: V, length: number) => boolean): { length: number; value: V } | null {
    if (!this.firstWords.has(words[from]!)) return null;
    const last = Math.min(limit, from + this.longest);
    let key = '';
    let best: { length: number; value: V } | null = null;
    for (let end = from; end < last; end++) {
      key = end === from ? words[end]! : `${key} ${words[end]!}`;
      const value = this.entries.get(key);
      if (value !== undefined && (!accept || accept(value, end - from + 1))) best = { length: end - from + 1, value };
    }
    return best;
  }
}
