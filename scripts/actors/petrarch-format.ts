/**
 * Readers for the PETRARCH-2 / Phoenix dictionary formats (see ../shared/data/petrarch/README.md):
 *
 * Actor files: a primary phrase line (`JOHN_KERRY_`), `+SYNONYM` lines, and codes in brackets on the
 * primary line or on indented lines below it (`[USAGOV >130201]`, `[RUSGOV 20000507-20080507]`). Dates
 * are YYMMDD or YYYYMMDD, `>D` from D on, `<D` until D, `D1-D2` a range.
 *
 * Agent file: `PHRASE {PLURAL} [~ROLE]` lines, `!MACRO! = A, B` substitution macros. A phrase without
 * a final `_` is a stem (it also matches its plural), one with `_` an exact word.
 *
 * These are pure functions over the file text so that tests can run them on small inline samples.
 */

export interface DatedCode {
  readonly code: string;
  /** First day the code applies (YYYY-MM-DD), or null for "always until `to`". */
  readonly from: string | null;
  /** Last day the code applies (YYYY-MM-DD), or null for "from `from` on". */
  readonly to: string | null;
}

export interface ActorEntry {
  /** Primary phrase first, then synonyms, as written in the file (words joined by `_`). */
  readonly names: string[];
  readonly codes: DatedCode[];
}

export interface ActorFileReport {
  readonly entries: ActorEntry[];
  /** Code brackets that could not be read (bad dates, empty codes); they are left out. */
  readonly skippedCodes: number;
}

const CODE = /^[A-Z][A-Z0-9]{2,}$/;

/** Any actor code Parley writes to its data files, once dates and brackets are read. */
export const ACTOR_CODE = /^[A-Z0-9]{3,}$/;

/** Eight-digit years after this one are read as a century slip (20YY for 19YY). */
const CENTURY_SLIP_AFTER = 2030;

/** A dictionary date (YYMMDD or YYYYMMDD) as YYYY-MM-DD, or null when it is not one. */
export function dictionaryDate(raw: string): string | null {
  let year: number;
  let rest: string;
  if (/^\d{6}$/.test(raw)) {
    // Two-digit years: the files were written in 2014-2016 and their leader lists start after 1930.
    const yy = Number(raw.slice(0, 2));
    year = yy <= 30 ? 2000 + yy : 1900 + yy;
    rest = raw.slice(2);
  } else if (/^\d{8}$/.test(raw)) {
    year = Number(raw.slice(0, 4));
    // The country codes of CountryInfo write some 1990s dates as 20YY ("<20920427" for 1992-04-27, the
    // break-up of Yugoslavia): no date in these files can lie after they were written (2012-2016).
    if (year > CENTURY_SLIP_AFTER && year < 2100) year -= 100;
    rest = raw.slice(4);
  } else {
    return null;
  }
  const month = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return `${String(year).padStart(4, '0')}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

/** Reads one bracket's content ("USAGOV 090121-130201", "IGOUNO", ">070201" forms); null when unreadable. */
export function parseCodeBracket(content: string): DatedCode | null {
  const parts = content.trim().split(/\s+/);
  const code = parts[0] ?? '';
  if (!CODE.test(code)) return null;
  const dates = parts.slice(1).join('');
  if (dates === '') return { code, from: null, to: null };
  let match: RegExpExecArray | null;
  if ((match = /^>(\d+)$/.exec(dates))) {
    const from = dictionaryDate(match[1]!);
    return from ? { code, from, to: null } : null;
  }
  if ((match = /^<(\d+)$/.exec(dates))) {
    const to = dictionaryDate(match[1]!);
    return to ? { code, from: null, to } : null;
  }
  if ((match = /^(\d+)-(\d+)$/.exec(dates))) {
    const from = dictionaryDate(match[1]!);
    const to = dictionaryDate(match[2]!);
    return from && to && from <= to ? { code, from, to } : null;
  }
  return null;
}

/**
 * A country code column of CountryInfo: a plain code ("AFG") or dated code brackets
 * ("[YUGSRB <20920427][FRYSRB 20920427 - 20030204][SRB >20030101]"). Unreadable brackets are counted.
 */
export function parseCodeList(text: string): { codes: DatedCode[]; skipped: number } {
  const trimmed = text.trim();
  if (!trimmed.includes('[')) {
    const plain = trimmed === '' ? null : parseCodeBracket(trimmed);
    return { codes: plain ? [plain] : [], skipped: plain || trimmed === '' ? 0 : 1 };
  }
  const codes: DatedCode[] = [];
  let skipped = 0;
  for (const bracket of trimmed.matchAll(/\[([^\]]*)\]/g)) {
    const code = parseCodeBracket(bracket[1]!);
    if (code) codes.push(code);
    else skipped++;
  }
  return { codes, skipped };
}

/**
 * The code that stands for an actor today: its undated code, else the open-ended period with the latest
 * start, else the period that ended last. Null for no codes.
 */
export function currentCode(codes: readonly DatedCode[]): DatedCode | null {
  const undated = codes.find((code) => code.from === null && code.to === null);
  if (undated) return undated;
  const open = codes.filter((code) => code.to === null).sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
  if (open.length > 0) return open[0]!;
  return [...codes].sort((a, b) => (b.to ?? '').localeCompare(a.to ?? ''))[0] ?? null;
}

function stripComment(line: string): string {
  const hash = line.indexOf('#');
  return hash < 0 ? line : line.slice(0, hash);
}

/** The phrase of a primary or synonym line: the text before its first code bracket, trimmed. */
function phraseOf(line: string): string {
  const bracket = line.indexOf('[');
  return (bracket < 0 ? line : line.slice(0, bracket)).trim();
}

/**
 * Parses an actor file. An entry whose primary line carries no code and gets none from the lines below
 * it (`U.N._` right after `UN_ [IGOUNO]`) is read, as PETRARCH reads it, as one more name of the entry
 * before it.
 */
export function parseActorFile(text: string): ActorFileReport {
  const entries: ActorEntry[] = [];
  let skippedCodes = 0;
  let current: ActorEntry | null = null;
  const close = (): void => {
    if (!current) return;
    if (current.codes.length > 0) entries.push(current);
    else if (entries.length > 0) entries.at(-1)!.names.push(...current.names);
    current = null;
  };
  const addCodes = (line: string, entry: ActorEntry): void => {
    for (const bracket of line.matchAll(/\[([^\]]*)\]/g)) {
      const code = parseCodeBracket(bracket[1]!);
      if (code) entry.codes.push(code);
      else skippedCodes++;
    }
  };
  for (const rawLine of text.split(/\r?\n/)) {
    const line = stripComment(rawLine);
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && line.trim().startsWith('[')) {
      if (current) addCodes(line, current);
      continue;
    }
    if (line.startsWith('+')) {
      const phrase = phraseOf(line.slice(1));
      if (current && phrase) {
        current.names.push(phrase);
        addCodes(line, current);
      }
      continue;
    }
    close();
    const phrase = phraseOf(line);
    if (!phrase) continue;
    current = { names: [phrase], codes: [] };
    addCodes(line, current);
  }
  close();
  return { entries, skippedCodes };
}

export interface AgentEntry {
  /** The phrase's words in upper case, as in the file. */
  readonly words: string[];
  /** The role code without the `~` (GOV, GOVMED, LEG, HRI, ...). */
  readonly role: string;
}

/** English plural forms of a word (the agent file gives stems and relies on prefix matching for plurals). */
export function pluralForms(word: string): string[] {
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return [`${word}ES`];
  if (/[^AEIOU]Y$/i.test(word)) return [`${word.slice(0, -1)}IES`];
  // SPOKESMAN -> SPOKESMEN; HUMAN -> HUMANS: both forms are kept, a form no text uses costs nothing.
  if (/MAN$/i.test(word)) return [`${word.slice(0, -3)}MEN`, `${word}S`];
  return [`${word}S`];
}

/**
 * Parses the agent file into one entry per phrase form: macros expanded, each stem with its plural
 * (`{PLURAL}` when the file gives one, `{}` for none), exact (`_`-final) phrases as they are.
 */
export function parseAgentFile(text: string): AgentEntry[] {
  const macros = new Map<string, string[]>();
  const entries: AgentEntry[] = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = stripComment(rawLine).trim();
    if (line === '') continue;
    const macro = /^(![A-Z]+!)\s*=\s*(.+)$/.exec(line);
    if (macro) {
      macros.set(macro[1]!, macro[2]!.split(',').map((s) => s.trim()).filter(Boolean));
      continue;
    }
    const entry = /^([^[{]+?)\s*(?:\{([^}]*)\})?\s*\[~?([A-Z]*)\]/.exec(line);
    if (!entry || !entry[3]) continue;
    const role = entry[3];
    const explicitPlural = entry[2];
    for (const phrase of expandMacros(entry[1]!, macros)) {
      const exact = /_\s*$/.test(phrase);
      const words = phrase.split(/[\s_]+/).filter(Boolean);
      if (words.length === 0 || words.some((word) => /[^A-Z0-9.'&-]/.test(word))) continue;
      entries.push({ words, role });
      if (explicitPlural !== undefined) {
        const plural = explicitPlural.split(/[\s_]+/).filter(Boolean);
        if (plural.length > 0) entries.push({ words: plural, role });
      } else if (!exact) {
        for (const form of pluralForms(words.at(-1)!)) entries.push({ words: [...words.slice(0, -1), form], role });
      }
    }
  }
  return entries;
}

function expandMacros(phrase: string, macros: ReadonlyMap<string, readonly string[]>): string[] {
  const found = /![A-Z]+!/.exec(phrase);
  if (!found) return [phrase];
  const alternatives = macros.get(found[0]) ?? [];
  return alternatives.flatMap((alternative) => expandMacros(phrase.replace(found[0], alternative), macros));
}
