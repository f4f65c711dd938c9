/**
 * Builds the synthetic event sentences: content × speech act × frame × actors, each split (train, dev,
 * test) drawn only from its own frames, phrases, countries and phrasings. Deterministic: a seeded
 * generator, no clock. Used by `npm run build:event-sentences` (writes bench/data/events/synthetic-*.jsonl).
 */
import { COUNTRIES, ORGANIZATIONS, PHRASINGS, UNNAMED, type Country } from './actors.js';
import { CONTENTS, type ActorKind, type Content } from './contents.js';
import { FRAMES, NO_EVENT, REPORTING, type Frame, type SpeechAct } from './frames.js';
import { dictionaryPhrases } from './petrarch.js';

export type Split = 'train' | 'dev' | 'test';

export interface GoldEvent {
  readonly source: string[] | null;
  readonly target: string[] | null;
  /** CAMEO code, or "none" for a sentence that carries no event. */
  readonly code: string;
}

export interface SyntheticItem {
  readonly id: string;
  readonly text: string;
  readonly date: string;
  readonly gold: GoldEvent;
  /** The trigger word's character span (absent for no-event sentences). */
  readonly trigger: { readonly start: number; readonly end: number } | null;
  readonly act: SpeechAct | 'none';
  readonly content: string;
}

/** Positions of a list that belong to a split: 0,1 train, 2 dev, 3 test (mod 4); short lists lend to dev and test. */
export function inSplit<T>(items: readonly T[], split: Split): T[] {
  const picked = items.filter((_, i) => (split === 'train' ? i % 4 < 2 : split === 'dev' ? i % 4 === 2 : i % 4 === 3));
  if (picked.length > 0) return picked;
  return [items[split === 'dev' ? Math.min(2, items.length - 1) : items.length - 1]!];
}

/** Mulberry32: a small seeded generator, so the same seed gives the same sentences. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const IRREGULAR: Readonly<Record<string, readonly [string, string]>> = {
  give: ['gave', 'given'], send: ['sent', 'sent'], meet: ['met', 'met'], hold: ['held', 'held'], sit: ['sat', 'sat'], lend: ['lent', 'lent'],
  sell: ['sold', 'sold'], fly: ['flew', 'flown'], take: ['took', 'taken'], make: ['made', 'made'], shut: ['shut', 'shut'], set: ['set', 'set'],
  put: ['put', 'put'], cut: ['cut', 'cut'], quit: ['quit', 'quit'], leave: ['left', 'left'], find: ['found', 'found'], build: ['built', 'built'],
  break: ['broke', 'broken'], bring: ['brought', 'brought'], lay: ['laid', 'laid'], light: ['lit', 'lit'], speak: ['spoke', 'spoken'], stand: ['stood', 'stood'],
  forgive: ['forgave', 'forgiven'], say: ['said', 'said'], go: ['went', 'gone'], throw: ['threw', 'thrown'], have: ['had', 'had'], begin: ['began', 'begun'],
  fight: ['fought', 'fought'], drive: ['drove', 'driven'], blow: ['blew', 'blown'], seek: ['sought', 'sought'], beat: ['beat', 'beaten'], hand: ['handed', 'handed'],
  let: ['let', 'let'], shoot: ['shot', 'shot'], gun: ['gunned', 'gunned'], withhold: ['withheld', 'withheld'], undertake: ['undertook', 'undertaken'], draw: ['drew', 'drawn'],
  write: ['wrote', 'written'], rebuild: ['rebuilt', 'rebuilt'], win: ['won', 'won'], sound: ['sounded', 'sounded'], drum: ['drummed', 'drummed'],
};

/** An English verb inflected (base, past, pp, s3, ing) by rule, with the irregular verbs above. */
export function inflect(verb: string, form: 'base' | 'past' | 'pp' | 's3' | 'ing'): string {
  if (form === 'base') return verb;
  const irregular = IRREGULAR[verb];
  if (irregular && form === 'past') return irregular[0];
  if (irregular && form === 'pp') return irregular[1];
  if (form === 's3') {
    if (verb === 'have') return 'has';
    if (/(s|x|z|ch|sh|o)$/.test(verb)) return verb + 'es';
    if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + 'ies';
    return verb + 's';
  }
  const doubles = /^[^aeiou]*[aeiou][bdgklmnprt]$/.test(verb) || /^(admit|expel|commit|compel|control|patrol|regret|occur|refer|rebel|propel)$/.test(verb);
  if (form === 'ing') {
    if (verb.endsWith('ie')) return verb.slice(0, -2) + 'ying';
    if (verb.endsWith('e') && !verb.endsWith('ee')) return verb.slice(0, -1) + 'ing';
    return verb + (doubles ? verb.slice(-1) : '') + 'ing';
  }
  if (verb.endsWith('e')) return verb + 'd';
  if (/[^aeiou]y$/.test(verb)) return verb.slice(0, -1) + 'ied';
  return verb + (doubles ? verb.slice(-1) : '') + 'ed';
}

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'and', 'with', 'at', 'by', 'from', 'to']);

interface Actor {
  readonly text: string;
  readonly code: string;
}

interface Pools {
  readonly countries: readonly Country[];
  readonly phrasings: Readonly<Record<ActorKind, readonly string[]>>;
  readonly unnamed: Readonly<Record<ActorKind, readonly string[]>>;
  readonly organizations: readonly { readonly name: string; readonly code: string }[];
  readonly frames: Readonly<Record<SpeechAct, readonly Frame[]>>;
  readonly phrases: ReadonlyMap<Content, readonly string[]>;
  readonly noEvent: readonly string[];
  readonly reporting: readonly string[];
}

function pools(split: Split): Pools {
  const pick = <K extends string, V>(record: Readonly<Record<K, readonly V[]>>): Record<K, V[]> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, inSplit(v as V[], split)])) as Record<K, V[]>;
  return {
    countries: inSplit(COUNTRIES, split),
    phrasings: pick(PHRASINGS),
    unnamed: pick(UNNAMED),
    organizations: inSplit(ORGANIZATIONS, split),
    frames: pick(FRAMES),
    phrases: new Map(CONTENTS.map((content) => [content, inSplit(content.phrases, split)])),
    noEvent: inSplit(NO_EVENT, split),
    reporting: inSplit(REPORTING, split),
  };
}

class Generator {
  private readonly next: () => number;

  constructor(private readonly pool: Pools, seed: number) {
    this.next = random(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  country(not: readonly Country[] = []): Country {
    for (;;) {
      const c = this.pick(this.pool.countries);
      if (!not.includes(c)) return c;
    }
  }

  actor(kind: ActorKind, country: Country): Actor {
    if (kind === 'state' && this.chance(0.08)) {
      const org = this.pick(this.pool.organizations);
      return { text: org.name, code: org.code };
    }
    return { text: fillCountry(this.pick(this.pool.phrasings[kind]), country), code: country.code };
  }

  /** One sentence: an act of the content in a frame of the speech act. */
  sentence(content: Content, act: SpeechAct, id: string, phrase = this.pick(this.pool.phrases.get(content)!)): SyntheticItem {
    const code = content.codes[act]!;
    const frame = this.pick(this.pool.frames[act]);
    const [sc, tc, xc, yc] = [this.country()] as Country[];
    const tCountry = this.country([sc!]);
    const xCountry = this.country([sc!, tCountry]);
    const yCountry = this.country([sc!, tCountry, xCountry]);
    void tc; void xc; void yc;
    const dateline = this.chance(0.25) ? this.country() : null;
    const sourceKind = act === 'act' || act === 'threaten' ? (content.source ?? 'state') : 'state';
    let source: Actor;
    if (dateline && this.chance(0.5)) source = { text: this.pick(this.pool.unnamed[sourceKind]), code: dateline.code };
    else source = this.actor(sourceKind, sc!);
    const addressed = frame.text.includes('{T}');
    const phraseHasTarget = /\bT\b/.test(phrase);
    // Protesters act against a government the phrase does not name: "... against the Kenyan government".
    const protest = !addressed && !phraseHasTarget && content.source === 'civil' && content.target === 'state';
    const target: Actor | null = addressed || phraseHasTarget || protest ? this.actor('state', tCountry) : null;
    const inPhrase = addressed ? this.actor('state', yCountry) : target;
    const other = this.actor('state', xCountry);
    const distractor = this.distractor(content, sc!, xCountry);
    const built = render({ text: frame.text.replace(/\{say\}/g, () => this.pick(this.pool.reporting)), ...(frame.headline ? { headline: true } : {}) }, { source, target, inPhrase, other, phrase, distractor, day: this.pick(DAYS), extraTarget: protest ? target : null });
    let text = built.text;
    let trigger = built.trigger;
    if (dateline && !frame.headline) {
      const prefix = `${dateline.capital.toUpperCase()}, ${this.pick(MONTHS)} ${1 + Math.floor(this.next() * 28)} - `;
      text = prefix + text;
      trigger = { start: trigger.start + prefix.length, end: trigger.end + prefix.length };
    }
    return { id, text, date: '2021-06-14', gold: { source: [source.code], target: target ? [target.code] : null, code }, trigger, act, content: content.name };
  }

  private distractor(content: Content, subject: Country, actorCountry: Country): string {
    for (;;) {
      const other = this.pick(CONTENTS);
      const code = other.codes.act;
      if (!code || other === content || code.slice(0, 2) === content.codes.act?.slice(0, 2)) continue;
      const phrase = this.pick(this.pool.phrases.get(other)!);
      return withVerb(phrase, 'past').replace(/\bT\b/, fillCountry(this.pick(this.pool.phrasings.state), subject)).replace('{X}', actorCountry.name);
    }
  }

  noEvent(id: string): SyntheticItem {
    const [a, b] = [this.country(), this.country()];
    const text = this.pick(this.pool.noEvent).replace('{A}', a.name).replace('{N}', a.name).replace('{J}', a.adjective).replace('{M}', b!.name).replace('{day}', this.pick(DAYS));
    return { id, text, date: '2021-06-14', gold: { source: null, target: null, code: 'none' }, trigger: null, act: 'none', content: 'none' };
  }
}

function fillCountry(phrasing: string, country: Country): string {
  return phrasing.replace('{N}', country.name).replace('{J}', country.adjective).replace('{C}', country.capital);
}

/** The phrase with its verb (first word) inflected. */
function withVerb(phrase: string, form: 'base' | 'past' | 'pp' | 's3' | 'ing'): string {
  const [verb, ...rest] = phrase.split(' ');
  return [inflect(verb!, form), ...rest].join(' ');
}

interface RenderInput {
  readonly source: Actor;
  readonly target: Actor | null;
  readonly inPhrase: Actor | null;
  readonly other: Actor;
  readonly phrase: string;
  readonly distractor: string;
  readonly day: string;
  /** A target the phrase has no slot for (protests against a government): appended as "against T". */
  readonly extraTarget: Actor | null;
}

function render(frame: Frame, input: RenderInput): { text: string; trigger: { start: number; end: number } } {
  let phrase = input.extraTarget ? `${input.phrase} against ${input.extraTarget.text}` : input.phrase;
  if (/\bT\b/.test(phrase)) phrase = phrase.replace(/\bT\b/, input.inPhrase?.text ?? 'its neighbours');
  let text = frame.text
    .replace('{S}', input.source.text)
    .replace('{T}', input.target?.text ?? '')
    .replace('{X}', input.other.text)
    .replace('{D:past}', input.distractor)
    .replace('{day}', input.day);
  // The trigger: [P:form] is the phrase's verb, [word] is the frame's own word.
  let trigger: { start: number; end: number };
  const marked = /\[P:(\w+)\]/.exec(text);
  const formOf = (name: string): 'base' | 'past' | 'pp' | 's3' | 'ing' => name as 'base' | 'past' | 'pp' | 's3' | 'ing';
  if (marked) {
    const inflected = withVerb(phrase, formOf(marked[1]!));
    trigger = { start: marked.index, end: marked.index + inflected.split(' ')[0]!.length };
    text = text.slice(0, marked.index) + inflected + text.slice(marked.index + marked[0].length);
  } else {
    const word = /\[([^\]]+)\]/.exec(text)!;
    trigger = { start: word.index, end: word.index + word[1]!.length };
    text = text.slice(0, word.index) + word[1] + text.slice(word.index + word[0].length);
  }
  text = text.replace(/\{P:(\w+)\}/, (_, form: string) => withVerb(phrase, formOf(form)));
  if (frame.headline) text = headline(text);
  return { text: capitalize(text), trigger };
}

/** Title case for a headline (lengths unchanged, so the trigger span stays valid). */
function headline(text: string): string {
  return text.replace(/[A-Za-z][\w'-]*/g, (word, offset: number) => (offset > 0 && SMALL_WORDS.has(word.toLowerCase()) ? word.toLowerCase() : word[0]!.toUpperCase() + word.slice(1)));
}

function capitalize(text: string): string {
  return text[0]!.toUpperCase() + text.slice(1);
}

const ACTS: readonly SpeechAct[] = ['act', 'intent', 'appeal', 'demand', 'reject', 'threaten'];

/** Sentences per (content, speech act) pair in each split, and no-event sentences per split. */
export const PER_PAIR: Readonly<Record<Split, number>> = { train: 16, dev: 3, test: 3 };
export const NO_EVENT_SHARE = 0.06;

/** Every sentence of a split, in a fixed order. */
export function generate(split: Split, seed = 20261207): SyntheticItem[] {
  const generator = new Generator(pools(split), seed + ['train', 'dev', 'test'].indexOf(split));
  const items: SyntheticItem[] = [];
  for (const content of CONTENTS) {
    for (const act of ACTS) {
      if (!content.codes[act]) continue;
      for (let k = 0; k < PER_PAIR[split]; k++) items.push(generator.sentence(content, act, `${split}-${items.length}`));
    }
  }
  if (split === 'train') {
    for (const { code, phrase } of dictionaryPhrases()) items.push(generator.sentence({ name: 'petrarch', codes: { act: code }, phrases: [phrase] }, 'act', `${split}-${items.length}`, phrase));
  }
  const noEvents = Math.round(items.length * NO_EVENT_SHARE);
  for (let k = 0; k < noEvents; k++) items.push(generator.noEvent(`${split}-${items.length}`));
  return items;
}
