/**
 * Regular English inflections, enough for lexicon terms ("n:attack" → attack, attacks; "v:hack" →
 * hack, hacks, hacked, hacking). Hand-written because the forms only need to be generous, not exact:
 * an extra form that is never written costs nothing, and a lexicon lists irregular forms itself.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const IRREGULAR_PLURALS: Readonly<Record<string, string>> = { man: 'men', woman: 'women', child: 'children', person: 'people' };

function endsWithConsonantY(word: string): boolean {
  return word.length > 2 && word.endsWith('y') && !VOWELS.has(word.charAt(word.length - 2));
}

/** -s / -es / -ies form (plural of a noun, third person of a verb). */
function sForm(word: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (endsWithConsonantY(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

/** A noun and its plural(s). */
export function nounForms(word: string): string[] {
  const forms = new Set([word, sForm(word)]);
  const irregular = IRREGULAR_PLURALS[word];
  if (irregular) forms.add(irregular);
  else if (word.endsWith('man')) forms.add(`${word.slice(0, -3)}men`); // congressman → congressmen
  if (word.endsWith('is')) forms.add(`${word.slice(0, -2)}es`); // crisis → crises
  return [...forms];
}

/** A verb's base, -s, -ed and -ing forms (with and without a doubled final consonant). */
export function verbForms(word: string): string[] {
  const forms = new Set([word, sForm(word)]);
  if (word.endsWith('ie')) {
    forms.add(`${word}d`).add(`${word.slice(0, -2)}ying`);
  } else if (word.endsWith('e')) {
    forms.add(`${word}d`).add(`${word.slice(0, -1)}ing`);
  } else if (endsWithConsonantY(word)) {
    forms.add(`${word.slice(0, -1)}ied`).add(`${word}ing`);
  } else {
    forms.add(`${word}ed`).add(`${word}ing`);
    const last = word.charAt(word.length - 1);
    const beforeLast = word.charAt(word.length - 2);
    if (word.length >= 3 && !VOWELS.has(last) && !'wxy'.includes(last) && VOWELS.has(beforeLast)) {
      forms.add(`${word}${last}ed`).add(`${word}${last}ing`); // ban → banned, banning
    }
  }
  return [...forms];
}
