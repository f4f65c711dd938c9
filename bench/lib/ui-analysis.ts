import type { ArticleAnalysis, EntityRecord, EventRecord, FocusRecord, MentionRecord, QuoteRecord, ThemeRecord, ToneRecord } from '../../src/store/analysis.js';
import type { ResolvedPlace } from '../../src/stages/places/place.js';
import { AliasTable, type Random } from './search-corpus.js';

/**
 * Synthetic analysis layers for the workbench benchmark: every article gets entities with CAMEO-style
 * actor codes (a few thousand actors, popularity Zipf-distributed, so "USA" is in many articles and most
 * actors in few), mentions, themes, quotes with speakers, events between its actors, and tone — all as
 * spans of its real (synthetic) text, shaped exactly as the analysis stages store them.
 */

const COUNTRIES = ['USA', 'CHN', 'RUS', 'GBR', 'FRA', 'DEU', 'IRN', 'ISR', 'UKR', 'IND', 'JPN', 'TUR', 'SYR', 'BRA', 'PAK', 'SAU', 'KOR', 'PRK', 'EGY', 'NGA', 'ZAF', 'MEX', 'CAN', 'AUS', 'ITA', 'ESP', 'POL', 'AFG', 'IRQ', 'VEN'];
const ROLES = ['', 'GOV', 'MIL', 'LEG', 'BUS', 'MED', 'OPP', 'JUD', 'CVL', 'EDU'];
const FIRST = ['Anna', 'Omar', 'Li', 'Maria', 'John', 'Ivan', 'Amina', 'Carlos', 'Yuki', 'Ravi', 'Sara', 'Ahmed', 'Elena', 'Wang', 'Pierre', 'Olga', 'David', 'Fatima', 'Kenji', 'Lucia'];
const LAST = ['Kerry', 'Yang', 'Petrov', 'Silva', 'Khan', 'Schmidt', 'Dubois', 'Rossi', 'Tanaka', 'Garcia', 'Cohen', 'Okafor', 'Novak', 'Haddad', 'Kim', 'Singh', 'Brown', 'Lopez', 'Ivanova', 'Chen'];
const THEMES = [
  'CYBER_SECURITY', 'CLIMATE_CHANGE', 'HUMAN_RIGHTS', 'TRADE', 'ECONOMY', 'ELECTIONS', 'MILITARY', 'TERRORISM', 'HEALTH', 'ENERGY', 'MIGRATION', 'DIPLOMACY',
  'PROTEST', 'CORRUPTION', 'EDUCATION', 'TECHNOLOGY', 'CRIME', 'REFUGEES', 'NUCLEAR', 'SANCTIONS', 'AGRICULTURE', 'WATER', 'INFRASTRUCTURE', 'LABOR',
  'MEDIA_FREEDOM', 'RELIGION', 'GENDER', 'CHILDREN', 'DISASTER', 'PANDEMIC', 'FOOD_SECURITY', 'INTELLECTUAL_PROPERTY', 'SPACE', 'FINANCE', 'HOUSING', 'TRANSPORT',
];
/** CAMEO codes by how often news carries them (statements, consultations and cooperation most). */
const EVENT_CODES: readonly (readonly [string, number, 1 | 2 | 3 | 4, string])[] = [
  ['010', 0, 1, 'MAKE STATEMENT'], ['040', 1, 1, 'CONSULT'], ['042', 1.9, 1, 'CONSULT'], ['036', 4, 1, 'EXPRESS INTENT'], ['051', 3.4, 1, 'AGREE'],
  ['057', 8, 2, 'AGREE'], ['061', 6.4, 2, 'COOPERATE'], ['070', 7, 2, 'AID'], ['080', 5, 2, 'YIELD'], ['020', 3, 1, 'APPEAL'],
  ['100', -5, 3, 'DEMAND'], ['112', -2, 3, 'ACCUSE'], ['120', -4, 3, 'REJECT'], ['130', -4.4, 3, 'THREATEN'], ['140', -6.5, 4, 'PROTEST'],
  ['173', -5, 4, 'COERCE'], ['190', -10, 4, 'ASSAULT'], ['193', -10, 4, 'ASSAULT'],
];

/** A country's point and three cities near it: enough for the map's choropleth and its city points. */
function placesOf(country: string, i: number): { country: ResolvedPlace; cities: ResolvedPlace[] } {
  const lat = -40 + ((i * 37) % 100);
  const lon = -150 + ((i * 83) % 300);
  const base = { country, admin1: null, admin1Code: null, geonameId: null };
  return {
    country: { ...base, name: `Country ${country}`, type: 'country', lat, lon, featureCode: 'PCLI' },
    cities: [0, 1, 2].map((c) => ({ ...base, name: `${country} City ${c}`, type: 'city', admin1: `${country} Province`, lat: lat + c, lon: lon + c, geonameId: 100000 + i * 10 + c, featureCode: c === 0 ? 'PPLC' : 'PPL' })),
  };
}

const PLACES = new Map(COUNTRIES.map((c, i) => [c, placesOf(c, i)]));

interface Actor {
  readonly code: string;
  readonly name: string;
  readonly type: string;
  readonly role: string | null;
}

export class AnalysisFactory {
  private readonly actors: Actor[] = [];
  private readonly actorTable: AliasTable;
  private readonly themeTable: AliasTable;
  private readonly eventTable: AliasTable;

  constructor(private readonly random: Random) {
    // Countries first (the most mentioned), then their bodies and people.
    for (const country of COUNTRIES) this.actors.push({ code: country, name: `Country ${country}`, type: 'country', role: null });
    for (let i = 0; this.actors.length < 3000; i++) {
      const country = COUNTRIES[i % COUNTRIES.length]!;
      const role = ROLES[1 + (i % (ROLES.length - 1))]!;
      const person = i % 3 !== 0;
      const name = person ? `${FIRST[random.int(FIRST.length)]} ${LAST[random.int(LAST.length)]} ${i}` : `${country} ${role} office ${i}`;
      this.actors.push({ code: `${country}${role}`, name, type: person ? 'person' : 'organization', role: person ? 'Minister' : null });
    }
    this.actorTable = new AliasTable(Float64Array.from({ length: this.actors.length }, (_, i) => 1 / (i + 1) ** 0.95));
    this.themeTable = new AliasTable(Float64Array.from({ length: THEMES.length }, (_, i) => 1 / (i + 1) ** 0.8));
    this.eventTable = new AliasTable(Float64Array.from({ length: EVENT_CODES.length }, (_, i) => 1 / (i + 1) ** 0.7));
  }

  /** Actor codes and names the benchmark asks about (the most mentioned, and some rarer ones). */
  actorSample(): { frequent: Actor[]; rare: Actor[] } {
    return { frequent: this.actors.slice(0, 10), rare: this.actors.slice(500, 510) };
  }

  themes(): readonly string[] {
    return THEMES;
  }

  analysis(text: string, published: string | null): ArticleAnalysis {
    const r = this.random;
    const sentences = sentenceSpans(text);
    const words = wordSpans(text);
    const chosen = new Map<number, Actor>();
    for (let n = 3 + r.int(10); chosen.size < n && chosen.size < this.actors.length; ) {
      const i = this.actorTable.draw(r);
      chosen.set(i, this.actors[i]!);
    }
    const actors = [...chosen.values()];
    const entities: EntityRecord[] = actors.map((a, entity) => ({ entity, name: a.name, type: a.type, role: a.role, code: a.code, confidence: 0.6 + 0.4 * r.next() }));
    const mentions: MentionRecord[] = [];
    for (const e of entities) {
      for (let m = 1 + r.int(4); m > 0; m--) {
        const w = words[r.int(words.length)]!;
        mentions.push({ start: w.start, end: w.end, kind: m === 1 ? 'name' : 'pronoun', entity: e.entity });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    const themeCodes = new Set<string>();
    for (let n = 2 + r.int(7); themeCodes.size < n; ) themeCodes.add(THEMES[this.themeTable.draw(r)]!);
    const themes: ThemeRecord[] = [...themeCodes].map((theme) => ({
      theme,
      label: theme.toLowerCase().replace(/_/g, ' '),
      score: 0.5 + 3 * r.next(),
      evidence: Array.from({ length: 1 + r.int(3) }, () => {
        const w = words[r.int(words.length)]!;
        return { start: w.start, end: w.end, weight: 1 };
      }),
    }));
    const people = entities.filter((e) => e.type === 'person');
    const quotes: QuoteRecord[] = [];
    for (let n = r.int(4); n > 0 && people.length && sentences.length; n--) {
      const s = sentences[r.int(sentences.length)]!;
      const speaker = people[r.int(people.length)]!;
      const w = wordsIn(words, s);
      quotes.push({
        start: s.start,
        end: s.end,
        text: text.slice(s.start, s.end),
        kind: r.next() < 0.5 ? 'direct' : 'reported',
        cue: w[1] ? { start: w[1].start, end: w[1].end, text: text.slice(w[1].start, w[1].end) } : null,
        speaker: w[0] ? { start: w[0].start, end: w[0].end, text: text.slice(w[0].start, w[0].end), name: speaker.name, code: speaker.code } : null,
        confidence: 0.5 + 0.5 * r.next(),
      });
    }
    const events: EventRecord[] = [];
    for (let n = r.int(7); n > 0 && entities.length > 1 && sentences.length; n--) {
      const s = sentences[r.int(sentences.length)]!;
      const w = wordsIn(words, s);
      if (w.length < 3) continue;
      const [code, goldstein, quadClass, plover] = EVENT_CODES[this.eventTable.draw(r)]!;
      const source = entities[r.int(entities.length)]!;
      let target = entities[r.int(entities.length)]!;
      if (target === source) target = entities[(target.entity + 1) % entities.length]!;
      events.push({
        start: s.start,
        end: s.end,
        source: { code: source.code, name: source.name, span: w[0]! },
        target: { code: target.code, name: target.name, span: w[2]! },
        code,
        root: code.slice(0, 2),
        quadClass,
        goldstein,
        plover: { type: plover, mode: '' },
        verb: w[1]!,
        date: published ? published.slice(0, 10) : null,
        place: null,
        negated: r.next() < 0.03,
        confidence: 0.4 + 0.6 * r.next(),
      });
    }
    // The article's focus: the countries of its actors (and a city of the first); events located there.
    const countries = [...new Set(actors.map((a) => a.code.slice(0, 3)))].filter((c) => PLACES.has(c)).slice(0, 3);
    const focus: FocusRecord[] = countries.map((c, i) => ({ scope: 'country', ...PLACES.get(c)!.country, score: 1 / (i + 1), mentions: 3 - i }));
    if (countries[0]) focus.push({ scope: 'city', ...PLACES.get(countries[0])!.cities[r.int(3)]!, score: 0.5, mentions: 1 });
    const located = events.map((e): EventRecord => {
      const where = PLACES.get(e.source?.code?.slice(0, 3) ?? '');
      return where ? { ...e, location: { place: where.cities[r.int(3)]!, evidence: null, method: 'focus', confidence: 0.5 } } : e;
    });
    const toneValue = -6 + 10 * r.next();
    const tone: ToneRecord[] = [
      { scope: 'document', start: 0, end: text.length, positive: 3, negative: 3 - toneValue / 2, tone: toneValue, polarity: 5, activity: 20, selfReference: 0, wordCount: words.length },
      ...sentences.slice(0, 5).map((s) => ({ scope: 'sentence' as const, start: s.start, end: s.end, positive: 2, negative: 1, tone: 1, polarity: 3, activity: 10, selfReference: 0, wordCount: wordsIn(words, s).length })),
    ];
    return { stages: [{ name: 'places', version: 'bench' }, { name: 'event-places', version: 'bench' }], failures: [], entities, mentions, quotes, themes, events: located, tone, places: [], focus };
  }
}

interface Span {
  start: number;
  end: number;
}

function sentenceSpans(text: string): Span[] {
  const out: Span[] = [];
  const pattern = /[^.\n]+\./g;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    out.push({ start: m.index + lead, end: m.index + m[0].length });
  }
  return out;
}

function wordSpans(text: string): Span[] {
  const out: Span[] = [];
  const pattern = /\p{L}+/gu;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out.length ? out : [{ start: 0, end: 0 }];
}

function wordsIn(words: readonly Span[], span: Span): Span[] {
  return words.filter((w) => w.start >= span.start && w.end <= span.end).slice(0, 4);
}
