/**
 * Training-only phrases read off the PETRARCH-2 CAMEO verb dictionary (data/events/cameo-verbs.json.gz,
 * built from ../shared/data/petrarch/CAMEO.2.0.txt by `npm run build:events`): every pattern that names a
 * code and has no words before the verb becomes a phrase, its verb in the base form, `T` where the
 * pattern has its target slot `+`, a synonym set (&FOOD) as one of its members. They widen the train
 * split's vocabulary to the dictionary's 1,800 verbs; dev and test keep to the hand-written phrases of
 * contents.ts (some of which the dictionary may also have, as the pattern coder always did).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { REPORTING_LEMMAS } from '../../../src/stages/events/rules.js';
import type { CameoVerbData } from '../../../src/stages/events/verb-data.js';

export interface DictionaryPhrase {
  readonly code: string;
  /** Base-form verb, then the pattern's words; `T` for the target. */
  readonly phrase: string;
}

const DATA = fileURLToPath(new URL('../../../data/events/cameo-verbs.json.gz', import.meta.url));

/** One phrase per coded pattern (its block's first verb), plus one per verb with a code of its own and no pattern. */
export function dictionaryPhrases(): DictionaryPhrase[] {
  const data = JSON.parse(gunzipSync(readFileSync(DATA)).toString('utf8')) as CameoVerbData;
  const synonyms = new Map(Object.entries(data.synonyms));
  const word = (token: string, k: number): string | null => {
    if (token === '+') return 'T';
    if (token === '$' || token === '^' || token === '%' || token === '*') return null;
    if (token.startsWith('&')) {
      const members = synonyms.get(token) ?? synonyms.get(token + '_') ?? [];
      const member = members[k % Math.max(1, members.length)];
      return member ? member.replace(/_$/, '').replace(/_/g, ' ').toLowerCase() : null;
    }
    return token.replace(/_$/, '').replace(/_/g, ' ').toLowerCase();
  };
  const out: DictionaryPhrase[] = [];
  const verbsOf = new Map<number, string[]>();
  data.verbs.forEach((verb) => {
    // Reporting verbs report acts; their patterns ("SAY ... THREATEN") code what is reported, not the saying.
    if (verb.particles?.length || /[^A-Z]/.test(verb.lemma) || REPORTING_LEMMAS.has(verb.lemma.toLowerCase())) return;
    const list = verbsOf.get(verb.block) ?? [];
    list.push(verb.lemma.toLowerCase());
    verbsOf.set(verb.block, list);
  });
  data.blocks.forEach((block, b) => {
    const verbs = verbsOf.get(b);
    if (!verbs?.length) return;
    block.patterns.forEach((pattern, k) => {
      if (!pattern.code || pattern.pre.length) return;
      const words = pattern.post.map((t) => word(t, k)).filter((w): w is string => w !== null);
      if (words.length === 0) return;
      if (!words.includes('T')) words.push(['to', 'with', 'against', 'on'][k % 4]!, 'T');
      out.push({ code: pattern.code, phrase: [verbs[k % verbs.length]!, ...words].join(' ') });
    });
    if (block.code) verbs.forEach((verb, k) => k < 3 && out.push({ code: block.code!, phrase: `${verb} T` }));
  });
  return out;
}
