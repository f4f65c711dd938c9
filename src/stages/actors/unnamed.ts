import type { FoundMention } from './find.js';
import { tokenIndexAt, type ArticleWords } from './words.js';

/**
 * Actors named without their country ("police", "officials", "rebels", "demonstrators", "lawmakers")
 * are coded by their role alone (COP, GOV, REB, ...). News leaves their country to the context, and so
 * does this: the place their sentence puts them in ("police in Nairobi"), else the article's dateline
 * ("NAIROBI, March 3 - Police ..."), else the article's focus (the country its places name most, when
 * one clearly leads). The found mention's code becomes the country's code with the role (KENCOP).
 */

/** Words before a place that put what the sentence tells in it. */
const LOCATIVES = new Set(['in', 'at', 'across', 'throughout', 'near', 'outside', 'inside', 'around', 'from']);
/** Characters after a dateline's place: ", March 3 -", " (Reuters) -", " -", ":". */
const DATELINE_END = /^\s*(?:,[^.\n]{0,40}?)?(?:\([^)\n]{1,40}\))?\s*[-–—:]/u;
/** How far into the text a dateline's place may start (a leading byline or tag is skipped). */
const DATELINE_REACH = 4;

/**
 * Roles whose actors belong to the country an article is about (its police, lawmakers, rebels), which a
 * dateline or the article's focus may give; others (rights groups, refugees, businesses) take a country
 * only from their own sentence.
 */
const DOMESTIC_ROLES = new Set(['GOV', 'MIL', 'COP', 'LEG', 'JUD', 'SPY', 'OPP', 'REB', 'INS', 'CVL', 'LAB', 'EDU', 'AGR', 'CRM', 'ELI', 'PTY']);

const isUnplaced = (m: FoundMention): boolean => m.key.startsWith('group:') && m.source === 'country' && m.code !== null && m.code.length === 3;
/** The country a place, country or capital mention names (a capital standing for its government counts too). */
const countryOf = (m: FoundMention): string | null => (m.type === 'country' || m.type === 'location') && m.code && m.code.length >= 3 ? m.code.slice(0, 3) : null;

export function placeUnnamedActors(found: FoundMention[], article: ArticleWords, text: string): void {
  const unplaced = found.filter(isUnplaced);
  if (unplaced.length === 0) return;
  const places = found.filter((m) => countryOf(m) !== null);
  const sentenceOf = (offset: number): number => article.words[tokenIndexAt(article.words, offset)]?.sentence ?? -1;
  const locative = (m: FoundMention): boolean => {
    const before = text.slice(Math.max(0, m.start - 12), m.start).trim().split(/\s+/).pop()?.toLowerCase() ?? '';
    return LOCATIVES.has(before);
  };
  const dateline = places.find((m) => m.start <= DATELINE_REACH && DATELINE_END.test(text.slice(m.end, m.end + 60)));
  const focus = articleFocus(places);
  // The first place each sentence puts things in, found once (articles can name thousands of places).
  const placeOfSentence = new Map<number, FoundMention>();
  for (const p of places) {
    const sentence = sentenceOf(p.start);
    if (!placeOfSentence.has(sentence) && locative(p)) placeOfSentence.set(sentence, p);
  }
  for (const mention of unplaced) {
    const here = placeOfSentence.get(sentenceOf(mention.start));
    const domestic = DOMESTIC_ROLES.has(mention.code!);
    const country = here ? countryOf(here) : !domestic ? null : dateline ? countryOf(dateline) : focus;
    if (!country) continue;
    mention.code = country + mention.code!;
    mention.key = mention.key.replace(/^group:/, `group:${country}`);
    mention.source = 'composed';
  }
}

/** The country the article's places name most, when it has at least two mentions and twice as many as any other. */
function articleFocus(places: readonly FoundMention[]): string | null {
  const counts = new Map<string, number>();
  for (const p of places) counts.set(countryOf(p)!, (counts.get(countryOf(p)!) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first && first[1] >= 2 && (!second || first[1] >= 2 * second[1]) ? first[0] : null;
}
