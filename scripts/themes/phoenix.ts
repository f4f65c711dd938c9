/**
 * Reads the PETRARCH issue-coding dictionary (../shared/data/petrarch/Phoenix.IssueCoding.txt) into
 * Parley patterns. Its entries sit in `<ISSUE CATEGORY="...">` blocks, one per line:
 * `n:word` (noun), `v:word` (verb), `a+b` (joined or hyphenated), a `[SUBTOPIC]` code (when missing, the
 * category), and `~phrase` / `~~phrase` lines that exclude a phrase. Lines that the file garbled (stray
 * bytes of another encoding, commas, slashes) are skipped and counted.
 */
import { compilePattern, PatternError } from '../../src/stages/themes/patterns.js';

export interface PhoenixEntry {
  readonly category: string;
  readonly subtopic: string;
  readonly pattern: string;
}

export interface PhoenixDictionary {
  readonly entries: PhoenixEntry[];
  readonly exclusions: { readonly category: string; readonly pattern: string }[];
  readonly skipped: string[];
}

const CATEGORY = /<ISSUE\s+CATEGORY="([^"]+)"/;
const ENTRY = /([^[\]]+?)\s*\[([A-Z][A-Z_-]*)\]/g;
const PLAIN = /^[a-z0-9 :'.&+_-]+$/;

/** A Phoenix phrase as a Parley pattern ("cyber+n:attack" → "cyber-n:attack"), or null if it is garbled. */
export function phoenixPattern(raw: string): string | null {
  const text = raw.replace(/\u2020/g, ' ').replace(/\*+$/, '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (!text || !PLAIN.test(text)) return null;
  const pattern = text.replace(/[+_]/g, '-');
  try {
    compilePattern(pattern);
    return pattern;
  } catch (error) {
    if (error instanceof PatternError) return null;
    throw error;
  }
}

export function readPhoenix(text: string): PhoenixDictionary {
  const entries: PhoenixEntry[] = [];
  const exclusions: { category: string; pattern: string }[] = [];
  const skipped: string[] = [];
  let category: string | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const opened = CATEGORY.exec(line);
    if (opened) {
      category = opened[1]!;
      continue;
    }
    if (line.startsWith('</ISSUE')) {
      category = null;
      continue;
    }
    if (!category) continue;
    if (line.startsWith('~')) {
      const pattern = phoenixPattern(line.replace(/^~+/, ''));
      if (pattern) exclusions.push({ category, pattern });
      else skipped.push(line);
      continue;
    }
    const coded = [...line.matchAll(ENTRY)];
    const pieces = coded.length > 0 ? coded.map((m) => ({ phrase: m[1]!, subtopic: m[2]! })) : [{ phrase: line, subtopic: category }];
    for (const { phrase, subtopic } of pieces) {
      const pattern = phoenixPattern(phrase);
      if (pattern) entries.push({ category, subtopic, pattern });
      else skipped.push(line);
    }
  }
  return { entries, exclusions, skipped };
}
