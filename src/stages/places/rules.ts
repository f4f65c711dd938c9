/**
 * The numbers and small word lists the `places` stage decides with. The gazetteer and the division
 * abbreviations are data files under data/places/.
 */

/**
 * Weights of the evidence for one reading of a place name (a log-linear score: the reading with the
 * highest sum wins, and the confidence is its softmax share). Tuned on the development half of LGL only.
 */
export const WEIGHTS = {
  /** Per kind of entry, before population. */
  kind: { country: 5, admin1: 5.5, admin2: 1.5, place: 0 },
  /** Times log10(1 + population). */
  population: 0.6,
  /** GeoNames feature codes of capitals and division seats. */
  featureCode: { PPLC: 1.5, PPLA: 1, PPLA2: 0.4 } as Readonly<Record<string, number>>,
  /** The entry is called so only loosely ("Avoyelles" for Avoyelles Parish). */
  weakName: -2.5,
  /** The name is the entry's own name, not one of its alternate names. */
  ownName: 0.7,
  /** A division named like its own seat ("Alexandria" the governorate and the city): the city is meant. */
  divisionOfSeat: -6,
  /** The actors stage's dictionary knows the name as the capital of the reading's country (and the reading is that capital). */
  capital: 8,
  /** The actors stage's dictionary knows the name as a place of the reading's country. */
  countryPlace: 2,
  /** Times the share of the article's country evidence that points at the reading's country. */
  country: 8,
  /** Times the share of the article's first-order-division evidence that points at the reading's division. */
  admin1: 8,
  /** "Alexandria, La.": the name is followed by its division or country, and the reading lies in it. */
  contained: 8,
  /** The name is followed by a division or country, and the reading does not lie in it. */
  notContained: -4,
  /** Times the share of the article's other names that have a reading near the reading (by their probabilities). */
  near: 6,
} as const;

/** Places count as near each other when they lie in the same or neighbouring cells of a grid of this many degrees (about 100-200 km). */
export const NEAR_CELL_DEGREES = 1;

/** Weight of each kind of evidence for the article's countries and divisions. */
export const EVIDENCE = {
  /** A place name of the article (times how sure the finder is that it names a place). */
  named: 1,
  /** An actor the actors stage coded with a country (USAGOV → USA). */
  actor: 0.5,
  /** The dateline's place ("BEIRUT, Lebanon —"). */
  dateline: 2,
  /** The country of the site's domain (.de, .co.uk). */
  site: 1.5,
} as const;

/** Passes of resolution: the first on names and priors alone, later ones with the places resolved before. */
export const PASSES = 3;

/** The readings of a name considered, the most likely by their own weight first. */
export const MAX_READINGS = 60;

/**
 * Country-code top-level domains that sites use for other reasons than their country (.tv, .io, ...):
 * they say nothing of where the site is.
 */
export const GENERIC_COUNTRY_DOMAINS: ReadonlySet<string> = new Set(['ac', 'ai', 'bz', 'cc', 'co', 'fm', 'gg', 'im', 'io', 'ly', 'me', 'ms', 'mu', 'nu', 'sh', 'so', 'st', 'tk', 'to', 'tv', 'vc', 'ws']);

/** Domain endings whose country is not their letters. */
export const DOMAIN_COUNTRIES: Readonly<Record<string, string>> = { uk: 'GB' };

/** Words that follow a dateline's place: "BEIRUT, Lebanon (Reuters) —", "KYIV -", "LONDON:". */
export const DATELINE_AFTER = /^(?:,\s*[\p{L}. ]{2,30})?\s*(?:\([^)]{1,40}\)\s*)?[—–:-]/u;

/** The first characters of an article in which a dateline may start. */
export const DATELINE_WINDOW = 200;

/**
 * Limits: a text with more candidate place names than this is resolved on the first ones only (the
 * rest are left unresolved, and a message says so); a name longer than this many characters is not
 * looked up.
 */
export const MAX_TOPONYMS = 2000;
export const MAX_NAME_LENGTH = 80;

/** How sure the finder is that words name a place, by where they were found (times the NER confidence where there is one). */
export const FOUND_CONFIDENCE = {
  /** An organization or other name (not a location) that is a place name alone ("ROSWELL —"). */
  otherName: 0.7,
  /** A place at the start of a longer name, or after its "of" ("Paris City Hall", "City of Edwardsville"). */
  inner: 0.6,
  /** "Chicago-based", "R-Charleston". */
  hyphen: 0.85,
  /** "La." after a place. */
  abbreviation: 0.95,
  /** The same words as a place found elsewhere in the article. */
  repeat: 0.8,
} as const;

/** Words before a place that do not change which place it is ("South Philadelphia" is in Philadelphia). */
export const DIRECTION_WORDS: ReadonlySet<string> = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'northeast', 'northwest', 'southeast', 'southwest', 'central', 'downtown', 'greater', 'upper', 'lower', 'metro', 'suburban', 'rural', 'midtown']);

/** Words inside a name after which a place follows ("City of Edwardsville", "University of Nebraska at Omaha"). */
export const INNER_PLACE_WORDS: ReadonlySet<string> = new Set(['of', 'at', 'in']);

/** Words after a hyphen that make the word before it a place ("Chicago-based", "Gainesville-area"). */
export const HYPHEN_SUFFIXES: ReadonlySet<string> = new Set(['based', 'born', 'bred', 'headquartered', 'area', 'bound', 'native', 'raised']);

/** A legislator's party before the home town: "R-Charleston", "D-Oakland", "DFL-Cook". */
export const PARTY_PREFIX = /^(?:R|D|I|DFL|Ind|Dem|Rep)-(?=\p{Lu})/u;

/** A place found only inside another name ("Alexandria Police") is kept when it has this many people, or the article names it alone too. */
export const MIN_INNER_POPULATION = 10_000;

/** Last words of street names ("Dublin Road", "Orchard St."): a place they start with is not where they are. */
export const STREET_WORDS: ReadonlySet<string> = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'boulevard', 'blvd', 'drive', 'dr', 'lane', 'ln', 'highway', 'hwy', 'way', 'pike', 'parkway', 'pkwy', 'court', 'ct', 'place', 'pl', 'terrace', 'circle', 'trail', 'turnpike', 'expressway', 'freeway', 'alley']);

/** An article's focus: the countries (and cities) with at least `share` of the leading one's weight, at most `max`. */
export const FOCUS = { share: 0.5, max: 3 } as const;

/** Words before a place that make it where an event of its sentence happened ("clashes in Aleppo"). */
export const LOCATIVE_BEFORE: ReadonlySet<string> = new Set(['in', 'at', 'near', 'outside', 'inside', 'from', 'into', 'across', 'around', 'throughout', 'to', 'visited', 'visiting', 'toward', 'towards']);

/** How much of the place's confidence an event's location keeps, by how it was chosen. */
export const EVENT_PLACE = { sentence: 1, dateline: 0.8, preceding: 0.7, focus: 0.5, datelineWindow: 200 } as const;

/** A text of unknown language is checked on its first LANGUAGE_SAMPLE characters: with MIN_LETTERS letters or more, mostly not Latin, the stage abstains. */
export const LANGUAGE_SAMPLE = 2000;
export const MIN_LETTERS = 20;
