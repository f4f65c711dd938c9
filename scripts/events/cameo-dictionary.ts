/**
 * Parses the PETRARCH-2 CAMEO verb dictionary format (../shared/data/petrarch/CAMEO.2.0.txt) into
 * Parley's compact verb data (src/stages/events/verb-data.ts). The format, from the file's header and
 * the PETRARCH-2 documentation:
 *   &NAME / +member          synonym sets (member words; `_` joins words, a final `_` = exact word)
 *   ---  NAME   [code]  ---   a verb block; [---] = the block has no default code
 *   WORD [code] {FORMS}       a verb of the block, its own code and irregular forms; `+A_B {+FORMS}` a
 *                             multi-word verb (first word inflects)
 *   - pre * post [a:b] # c    a pattern: words before/after the verb (`*`), `$` source, `+` target,
 *                             `^` skipped phrase, `%` compound, `{}` noun phrase, `()` prepositional
 *                             phrase, `&NAME` a synonym set; [a:b] = a for source→target, b for target→source
 */
import { regularForms } from '../../src/stages/events/lexicon.js';
import type { CameoVerbData, PatternData, VerbBlockData, VerbEntryData } from '../../src/stages/events/verb-data.js';

const HEADER = /^---\s+(\S+)\s+\[([^\]]*)\]/;
const CODE = /\[([^\]]*)\]/;

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return (hash >= 0 ? line.slice(0, hash) : line).trim();
}

/** "042:043" → {code, reverse}; "---" → no event; "112" → one code. */
export function parseCode(raw: string): { code: string | null; reverse: string | null } {
  const text = raw.trim();
  if (text === '---' || text === '') return { code: null, reverse: null };
  const [forward, reverse] = text.split(':');
  const clean = (c: string | undefined): string | null => (c && /^\d{2,4}$/.test(c.trim()) ? c.trim() : null);
  return { code: clean(forward), reverse: reverse === undefined ? null : clean(reverse) };
}


/** Pattern text → word tokens with markers; brackets only group, so they are dropped. */
export function patternTokens(text: string): string[] {
  return text.replace(/[{}()]/g, ' ').split(/\s+/).filter(Boolean);
}

function parseVerbLine(line: string, block: number): VerbEntryData | null {
  const code = line.match(CODE);
  const irregular = line.match(/\{([^}]*)\}/);
  const head = line.replace(/\{[^}]*\}/g, ' ').replace(CODE, ' ').trim().split(/\s+/)[0];
  if (!head) return null;
  const words = head.replace(/^\+/, '').split('_').filter(Boolean);
  if (words.length === 0 || !/^[A-Z][A-Z'-]*$/.test(words[0]!)) return null;
  const [verb, ...particles] = words;
  const extra = irregular ? irregular[1]!.split(/\s+/).filter(Boolean).map((f) => f.replace(/^\+/, '').split('_')[0]!) : [];
  const forms = [...new Set([...regularForms(verb!), ...extra])].sort();
  const entry: VerbEntryData = { lemma: verb!, block, forms, ...(particles.length ? { particles } : {}) };
  if (code) {
    const parsed = parseCode(code[1]!);
    return { ...entry, code: parsed.code };
  }
  return entry;
}

export function parseCameoDictionary(text: string): Omit<CameoVerbData, 'format' | 'provenance'> {
  const synonyms: Record<string, string[]> = {};
  const blocks: (VerbBlockData & { patterns: PatternData[] })[] = [];
  const verbs: VerbEntryData[] = [];
  let section: 'synonyms' | 'verbs' = 'synonyms';
  let currentSet: string | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    if (/^#+\s*VERB PATTERNS/.test(rawLine)) section = 'verbs';
    const line = stripComment(rawLine);
    if (!line) continue;
    if (section === 'synonyms') {
      if (line.startsWith('&')) synonyms[(currentSet = line.split(/\s+/)[0]!)] = [];
      else if (line.startsWith('+') && currentSet) synonyms[currentSet]!.push(line.slice(1).split(/\s+/)[0]!);
      continue;
    }
    const header = line.match(HEADER);
    if (header) {
      blocks.push({ name: header[1]!, code: parseCode(header[2]!).code, patterns: [] });
      continue;
    }
    const block = blocks.length - 1;
    if (block < 0) continue;
    if (line.startsWith('-')) {
      const code = line.match(CODE);
      if (!code) continue;
      const tokens = patternTokens(line.slice(1).replace(CODE, ' '));
      const star = tokens.indexOf('*');
      if (star < 0) continue;
      const { code: forward, reverse } = parseCode(code[1]!);
      const pattern: PatternData = { pre: tokens.slice(0, star), post: tokens.slice(star + 1), code: forward, ...(reverse ? { reverse } : {}) };
      blocks[block]!.patterns.push(pattern);
      continue;
    }
    const verb = parseVerbLine(line, block);
    if (verb) verbs.push(verb);
  }
  return { synonyms, blocks, verbs };
}
