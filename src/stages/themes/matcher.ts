import { compareSpans, overlaps, type Annotation, type Span } from '../../model/span.js';
import { compilePattern, wordPasses, type Alternative } from './patterns.js';
import type { Taxonomy, ThemeTerm } from './taxonomy.js';
import type { ThemeData } from './theme.js';
import type { Word } from './words.js';

/** What a pattern found in the index stands for. */
type Rule =
  | { readonly kind: 'term'; readonly theme: string; readonly term: ThemeTerm; readonly contextIds: readonly number[] }
  | { readonly kind: 'exclude'; readonly theme: string }
  | { readonly kind: 'context'; readonly id: number };

interface Entry {
  readonly alternative: Alternative;
  readonly rule: Rule;
}

/**
 * A taxonomy compiled for matching: every alternative of every pattern indexed by its first word (exact
 * forms in a map, prefixes in a map by prefix), so each word of the text looks up only the patterns
 * that can start with it.
 */
export class ThemeMatcher {
  private readonly byForm = new Map<string, Entry[]>();
  private readonly byPrefix = new Map<string, Entry[]>();
  /** The lengths of the indexed prefixes, so each word looks up only those. */
  private prefixLengths: number[] = [];

  constructor(taxonomy: Taxonomy) {
    const contextIds = new Map<string, number>();
    for (const theme of taxonomy.themes) {
      for (const term of theme.terms) {
        const ids = (term.context ?? []).map((pattern) => {
          let id = contextIds.get(pattern);
          if (id === undefined) {
            id = contextIds.size;
            contextIds.set(pattern, id);
            this.add(pattern, { kind: 'context', id });
          }
          return id;
        });
        this.add(term.pattern, { kind: 'term', theme: theme.code, term, contextIds: ids });
      }
      for (const pattern of theme.exclude) this.add(pattern, { kind: 'exclude', theme: theme.code });
    }
  }

  private add(pattern: string, rule: Rule): void {
    for (const alternative of compilePattern(pattern)) {
      const first = alternative[0]!;
      if (first.kind === 'forms') {
        for (const form of first.forms) push(this.byForm, form, { alternative, rule });
      } else if (first.kind === 'prefix') {
        push(this.byPrefix, first.prefix, { alternative, rule });
        if (!this.prefixLengths.includes(first.prefix.length)) this.prefixLengths = [...this.prefixLengths, first.prefix.length].sort((x, y) => x - y);
      }
    }
  }

  /** Every (possibly overlapping) match of every pattern in one sentence's words, as word ranges. */
  private rawMatches(words: readonly Word[]): { rule: Rule; span: Span }[] {
    const found: { rule: Rule; span: Span }[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!.text;
      this.matchAt(words, i, this.byForm.get(word), found);
      for (const length of this.prefixLengths) {
        if (length > word.length) break;
        this.matchAt(words, i, this.byPrefix.get(word.slice(0, length)), found);
      }
    }
    return found;
  }

  /** Checks each candidate entry (whose first word matched words[i]) against the words that follow. */
  private matchAt(words: readonly Word[], i: number, entries: readonly Entry[] | undefined, found: { rule: Rule; span: Span }[]): void {
    if (!entries) return;
    for (const { alternative, rule } of entries) {
      const last = i + alternative.length - 1;
      if (last >= words.length) continue;
      let ok = true;
      for (let j = 1; ok && j < alternative.length; j++) ok = !words[i + j]!.breakBefore && wordPasses(alternative[j]!, words[i + j]!.text);
      if (ok) found.push({ rule, span: { start: words[i]!.start, end: words[last]!.end } });
    }
  }

  /**
   * The theme evidence in one sentence: term matches that no exclusion of their theme overlaps and
   * whose context (if any) occurs elsewhere in the sentence; where matches of one theme overlap, the
   * longest is kept ("cyber security" rather than "security").
   */
  matchSentence(words: readonly Word[]): Annotation<ThemeData>[] {
    const raw = this.rawMatches(words);
    const contexts = new Map<number, Span[]>();
    const exclusions = new Map<string, Span[]>();
    for (const { rule, span } of raw) {
      if (rule.kind === 'context') push(contexts, rule.id, span);
      else if (rule.kind === 'exclude') push(exclusions, rule.theme, span);
    }
    const candidates: Annotation<ThemeData>[] = [];
    for (const { rule, span } of raw) {
      if (rule.kind !== 'term') continue;
      if ((exclusions.get(rule.theme) ?? []).some((excluded) => overlaps(excluded, span))) continue;
      if (rule.contextIds.length > 0 && !rule.contextIds.some((id) => (contexts.get(id) ?? []).some((c) => !overlaps(c, span)))) continue;
      candidates.push({ start: span.start, end: span.end, data: { theme: rule.theme, weight: rule.term.weight, term: rule.term.pattern } });
    }
    candidates.sort((a, b) => compareSpans(a, b) || b.data.weight - a.data.weight);
    const kept: Annotation<ThemeData>[] = [];
    const lastKept = new Map<string, Annotation<ThemeData>>();
    for (const candidate of candidates) {
      const previous = lastKept.get(candidate.data.theme);
      if (previous && overlaps(previous, candidate)) continue;
      kept.push(candidate);
      lastKept.set(candidate.data.theme, candidate);
    }
    return kept;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
