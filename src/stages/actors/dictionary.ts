import { ParleyError } from '../../pipeline/errors.js';
import { pickCode, type DatedCode } from './dates.js';
import { phraseKey, wordKey } from './keys.js';
import type { ActorType } from './mention.js';
import { PhraseTable } from './phrase-table.js';

/**
 * The actor dictionaries the `actors` stage reads: countries (names, adjectives, capitals, places),
 * agents (role nouns), named actors with dated codes, government bodies, nicknames, and a user's own
 * actor list, which takes precedence. Built from the texts of the files under data/actors/ (see its
 * README) by `ActorDictionary.fromTexts`; reading the files is the resource loader's job.
 */

export type PlaceKind = 'name' | 'adjective' | 'capital' | 'place' | 'combining';

export interface PlaceEntry {
  /** The country's identity: the code that stands for it today. */
  readonly code: string;
  readonly kind: PlaceKind;
  /** The country's codes over time (YUGSRB, FRYSRB, SCGSRB, SRB), when it has dated ones. */
  readonly codes?: readonly DatedCode[];
}

export interface ActorRecord {
  /** Display name ("John Kerry"). */
  readonly name: string;
  readonly codes: readonly DatedCode[];
  /** What the actor is, when its list says so (the user's list may). */
  readonly type?: ActorType;
  readonly source: 'user' | 'dictionary';
}

export interface BodyEntry {
  readonly name: string;
  /** CAMEO country code, or null when the country comes from the words before the body. */
  readonly country: string | null;
  readonly role: string;
}

export interface Country {
  readonly code: string;
  readonly name: string;
  readonly codes?: readonly DatedCode[];
}

/** The contents of the dictionary files, as text. */
export interface ActorDictionaryTexts {
  readonly countries: string;
  readonly actors: string;
  readonly agents: string;
  readonly agentOverrides?: string;
  readonly bodies?: string;
  readonly nicknames?: string;
  readonly combiningForms?: string;
  readonly codes?: string;
  /** A user's actor list (see user-actors.ts), already parsed. */
  readonly user?: readonly (ActorRecord & { readonly names: readonly string[] })[];
}

/** Rows of a tab-separated data file, without its `#` comment lines. */
function rows(text: string, file: string, minColumns: number): string[][] {
  const result: string[][] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const columns = line.split('\t');
    if (columns.length < minColumns) {
      throw new ParleyError('E_MODEL_CORRUPT', `Line ${index + 1} of the actor dictionary file ${file} has ${columns.length} column(s), ${minColumns} expected.`, 'Rebuild the dictionaries with `npm run build:actors`, or restore the shipped data/actors/ files.');
    }
    result.push(columns);
  });
  return result;
}

function list(column: string | undefined): string[] {
  return column ? column.split('|').filter(Boolean) : [];
}

/** "CODE", "CODE@FROM..TO" (either bound may be empty). */
function parseCodes(column: string): DatedCode[] {
  return column
    .split(';')
    .filter(Boolean)
    .map((item) => {
      const [code, range] = item.split('@');
      if (!range) return { code: code!, from: null, to: null };
      const [from, to] = range.split('..');
      return { code: code!, from: from || null, to: to || null };
    });
}

/** Both "the united nations" and "united nations" find an entry written either way. */
function withoutArticle(key: string): string {
  return key.startsWith('the ') ? key.slice(4) : key;
}

export class ActorDictionary {
  readonly countries = new Map<string, Country>();
  /** Country names, adjectives, capitals, other places and combining forms (Sino-), by lookup key. */
  readonly places = new PhraseTable<PlaceEntry>();
  /** Agent nouns ("lawmakers", "state media") → role code (LEG, MED). */
  readonly agents = new PhraseTable<string>();
  /** Named actors from the dictionaries, by lookup key (a leading "the" dropped). */
  readonly actors = new PhraseTable<ActorRecord>();
  /** The user's actors, by lookup key: looked up before `actors`, and found in text even when NER misses them. */
  readonly userActors = new PhraseTable<ActorRecord>();
  readonly bodies = new PhraseTable<BodyEntry>();
  /** Given-name key → the formal names it may stand for (a formal name stands for itself). */
  readonly nicknames = new Map<string, Set<string>>();
  /** Code → label ("CHN" → "China", "GOV" → "Government"). */
  readonly labels = new Map<string, string>();

  static fromTexts(texts: ActorDictionaryTexts): ActorDictionary {
    const dictionary = new ActorDictionary();
    dictionary.loadCountries(texts.countries);
    for (const [form, code] of rows(texts.combiningForms ?? '', 'combining-forms.tsv', 2)) dictionary.places.set(wordKey(form!), { code: code!, kind: 'combining' });
    for (const [key, role] of rows(texts.agentOverrides ?? '', 'agent-overrides.tsv', 2)) dictionary.agents.set(phraseKey(key!), role!);
    for (const [key, role] of rows(texts.agents, 'agents.tsv', 2)) dictionary.agents.set(key!, role!);
    for (const [phrase, country, role, name] of rows(texts.bodies ?? '', 'bodies.tsv', 4)) {
      dictionary.bodies.set(phraseKey(phrase!), { name: name!, country: country === '~' ? null : country!, role: role! });
    }
    for (const [formal, short] of rows(texts.nicknames ?? '', 'nicknames.tsv', 2)) {
      const formalKey = wordKey(formal!);
      for (const key of [formalKey, ...list(short).map(wordKey)]) {
        const set = dictionary.nicknames.get(key) ?? new Set<string>();
        set.add(formalKey);
        dictionary.nicknames.set(key, set);
      }
    }
    for (const [code, label] of rows(texts.codes ?? '', 'codes.tsv', 2)) dictionary.labels.set(code!, label!);
    for (const [names, codes] of rows(texts.actors, 'actors.tsv', 2)) {
      const all = list(names);
      const record: ActorRecord = { name: all[0]!, codes: parseCodes(codes!), source: 'dictionary' };
      for (const name of all) dictionary.actors.set(withoutArticle(phraseKey(name)), record);
    }
    for (const user of texts.user ?? []) {
      const { names, ...record } = user;
      for (const name of names) dictionary.userActors.set(withoutArticle(phraseKey(name)), record, true);
    }
    return dictionary;
  }

  private loadCountries(text: string): void {
    const kinds: readonly PlaceKind[] = ['name', 'adjective', 'capital', 'place'];
    const table = rows(text, 'countries.tsv', 6);
    // Stronger kinds first, so that a key that is a name somewhere is never read as a place.
    const dated = table.map((row) => (row[6] ? parseCodes(row[6]) : []));
    kinds.forEach((kind, column) => {
      table.forEach((row, index) => {
        const codes = dated[index]!;
        for (const key of list(row[2 + column])) this.places.set(key, { code: row[0]!, kind, ...(codes.length > 0 ? { codes } : {}) });
      });
    });
    table.forEach((row, index) => {
      const codes = dated[index]!;
      this.countries.set(row[0]!, { code: row[0]!, name: row[1]!, ...(codes.length > 0 ? { codes } : {}) });
    });
  }

  /**
   * The code of a country (by its place entry) on a day (YYYY-MM-DD): its dated code for that day
   * ("Serbia" in 2004: SCGSRB), else its identity code (SRB).
   */
  placeCode(entry: PlaceEntry, day: string): string {
    return entry.codes ? (pickCode(entry.codes, day)?.code ?? entry.code) : entry.code;
  }

  /** A named actor by its lookup key: the user's list first, then the dictionaries. */
  findActor(key: string): ActorRecord | undefined {
    const bare = withoutArticle(key);
    return this.userActors.get(bare) ?? this.actors.get(bare);
  }

  countryName(code: string): string {
    return this.countries.get(code)?.name ?? this.labels.get(code) ?? code;
  }

  /** True when the two given names can be one person's ("Jacob" and "Jack"). */
  sameGivenName(a: string, b: string): boolean {
    const ka = wordKey(a);
    const kb = wordKey(b);
    if (ka === kb) return true;
    const fa = this.nicknames.get(ka);
    const fb = this.nicknames.get(kb);
    if (!fa || !fb) return false;
    for (const formal of fa) if (fb.has(formal)) return true;
    return false;
  }
}
