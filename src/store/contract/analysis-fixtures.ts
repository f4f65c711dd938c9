import type { ArticleAnalysis, EventRecord, QuoteRecord, ThemeRecord } from '../analysis.js';
import type { ResolvedPlace } from '../../stages/places/place.js';

/** Analyses for the contract tests: small, hand-made, each field distinct so a mix-up shows. */

export interface EventSpec {
  readonly source?: string | null;
  readonly target?: string | null;
  readonly code?: string;
  readonly quadClass?: 1 | 2 | 3 | 4;
  readonly goldstein?: number;
  readonly date?: string | null;
  readonly negated?: boolean;
  readonly at?: number;
}

export function event(spec: EventSpec = {}): EventRecord {
  const at = spec.at ?? 0;
  const code = spec.code ?? '040';
  const actor = (code: string | null | undefined, offset: number): EventRecord['source'] =>
    code === null ? null : { code: code ?? 'USA', name: `Actor ${code ?? 'USA'}`, span: { start: at + offset, end: at + offset + 3 } };
  return {
    start: at,
    end: at + 40,
    source: actor(spec.source === undefined ? 'USA' : spec.source, 0),
    target: actor(spec.target === undefined ? 'CHN' : spec.target, 20),
    code,
    root: code.slice(0, 2),
    quadClass: spec.quadClass ?? 1,
    goldstein: spec.goldstein ?? 1,
    plover: { type: 'CONSULT', mode: '' },
    verb: { start: at + 5, end: at + 10 },
    date: spec.date === undefined ? null : spec.date,
    place: spec.at === 7 ? { name: 'Beijing', code: 'CHN', span: { start: 30, end: 37 } } : null,
    negated: spec.negated ?? false,
    confidence: 0.75,
  };
}

export function quote(speaker: { name: string; code: string | null } | null, at = 0, kind: QuoteRecord['kind'] = 'direct'): QuoteRecord {
  return {
    start: at,
    end: at + 20,
    text: `quoted words ${at}`,
    kind,
    cue: { start: at + 22, end: at + 26, text: 'said' },
    speaker: speaker === null ? null : { start: at + 27, end: at + 31, text: speaker.name.split(' ').pop()!, name: speaker.name, code: speaker.code },
    confidence: 0.9,
  };
}

export function theme(code: string, score: number, evidence = 2): ThemeRecord {
  return { theme: code, label: code.toLowerCase().replace(/_/g, ' '), score, evidence: Array.from({ length: evidence }, (_, i) => ({ start: i * 10, end: i * 10 + 5, weight: 1 })) };
}

export function analysis(parts: Partial<ArticleAnalysis> = {}): ArticleAnalysis {
  return {
    stages: [
      { name: 'sentences', version: '1' },
      { name: 'entities', version: '1' },
    ],
    failures: [],
    entities: [
      { entity: 0, name: 'John Kerry', type: 'person', role: 'Secretary of State', code: 'USAGOV', confidence: 0.9 },
      { entity: 1, name: 'China', type: 'country', role: null, code: 'CHN', confidence: 0.8 },
    ],
    mentions: [
      { start: 0, end: 10, kind: 'name', entity: 0 },
      { start: 20, end: 25, kind: 'name', entity: 1 },
      { start: 40, end: 42, kind: 'pronoun', entity: 0 },
    ],
    quotes: [quote({ name: 'Wang Yang', code: 'CHNGOV' })],
    themes: [theme('CYBER_SECURITY', 2.5)],
    events: [event({ date: '2024-05-02', at: 7 })],
    tone: [
      { scope: 'document', start: 0, end: 100, positive: 3, negative: 1, tone: 2, polarity: 4, activity: 10, selfReference: 0, wordCount: 50 },
      { scope: 'sentence', start: 0, end: 40, positive: 5, negative: 0, tone: 5, polarity: 5, activity: 12, selfReference: 0, wordCount: 20 },
    ],
    ...parts,
  };
}

/** A resolved place for the fixtures: a country (lat/lon made from the code) or a city in one. */
export function resolved(name: string, country: string, type: ResolvedPlace['type'] = 'country', at = 0): ResolvedPlace {
  const lat = (country.charCodeAt(0) - 65) * 3 + at;
  const lon = (country.charCodeAt(1) - 65) * 6 + at;
  return { name, type, country, admin1: type === 'country' ? null : `${name} Province`, admin1Code: type === 'country' ? null : `${country.slice(0, 2)}.01`, lat, lon, geonameId: type === 'city' ? 1000 + at : null, featureCode: type === 'city' ? 'PPLA' : 'PCLI' };
}

/**
 * The places layers of an analysis: the article names `country` (and `city` in it) and has them in its
 * focus; its events are located in the city (else the country), found in their sentence.
 */
export function placed(base: ArticleAnalysis, country: { name: string; code: string }, city?: string): ArticleAnalysis {
  const countryPlace = resolved(country.name, country.code);
  const cityPlace = city ? resolved(city, country.code, 'city', 1) : null;
  const where = cityPlace ?? countryPlace;
  return {
    ...base,
    stages: [...base.stages, { name: 'places', version: '1' }, { name: 'event-places', version: '1' }],
    places: [
      { start: 50, end: 50 + country.name.length, ...countryPlace, form: 'name', confidence: 0.95 },
      ...(cityPlace ? [{ start: 70, end: 70 + cityPlace.name.length, ...cityPlace, form: 'name' as const, confidence: 0.8 }] : []),
    ],
    focus: [{ scope: 'country', ...countryPlace, score: 1, mentions: city ? 2 : 1 }, ...(cityPlace ? [{ scope: 'city' as const, ...cityPlace, score: 1, mentions: 1 }] : [])],
    events: base.events.map((e) => ({ ...e, location: { place: where, evidence: { start: 70, end: 75 }, method: 'sentence' as const, confidence: 0.7 } })),
  };
}
