/**
 * The data behind tokenizing and sentence splitting: abbreviations by what may follow them, the words
 * that usually start a sentence, and the punctuation classes. Users can extend the lists through the
 * stage's options (see sentences.ts) without touching code.
 */

/**
 * Abbreviations written with a final period, without it. The class says whether the period can also
 * end a sentence:
 * - `title`: comes before a name or a number ("Mr. Kerry", "Gov. Brown", "No. 5", "St. Louis"), so it
 *   never ends a sentence;
 * - `month`: before a day ("Jan. 5"); ends a sentence only before a usual sentence starter;
 * - `other`: may end a sentence ("Apple Inc.", "in the U.S.", "at 5 p.m."): it does when the next word
 *   is a usual sentence starter (SENTENCE_STARTERS), which "Inc. The" is and "Inc. shares" is not.
 */
export const ABBREVIATIONS: Readonly<Record<'title' | 'month' | 'other', readonly string[]>> = {
  title: [
    'Mr', 'Mrs', 'Ms', 'Messrs', 'Mmes', 'Dr', 'Drs', 'Prof', 'Gov', 'Govs', 'Sen', 'Sens', 'Rep', 'Reps', 'Rev',
    'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr', 'Cdr', 'Adm', 'Sgt', 'Cpl', 'Pvt', 'Brig', 'Gens', 'Supt', 'Insp',
    'Pres', 'Amb', 'Hon', 'Atty', 'Fr', 'Sr', 'Sra', 'Mme', 'Mlle', 'Msgr', 'St', 'Ste', 'Mt', 'Ft', 'Pt',
    'No', 'Nos', 'Nr', 'Vs', 'vs', 'cf', 'approx', 'viz', 'Ald',
  ],
  month: ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
  other: [
    'Inc', 'Corp', 'Co', 'Cos', 'Ltd', 'Bros', 'Plc', 'PLC', 'LLC', 'Jr', 'Esq', 'Ph.D', 'etc', 'al', 'e.g', 'i.e',
    'a.m', 'p.m', 'A.M', 'P.M', 'U.S', 'U.K', 'U.N', 'E.U', 'U.S.A', 'D.C', 'N.Y', 'L.A', 'Calif', 'Ariz', 'Ark',
    'Colo', 'Conn', 'Del', 'Fla', 'Ga', 'Ill', 'Ind', 'Kan', 'Kans', 'Ky', 'La', 'Md', 'Mass', 'Mich', 'Minn', 'Miss',
    'Mo', 'Mont', 'Neb', 'Nev', 'Okla', 'Ore', 'Pa', 'Penn', 'Tenn', 'Tex', 'Va', 'Vt', 'Wash', 'Wis', 'Wyo',
    'Ala', 'Ont', 'Que', 'Mex', 'Ave', 'Blvd', 'Rd', 'Ln', 'Hwy', 'Pl', 'Sq', 'oz', 'lb', 'lbs', 'yr', 'yrs',
    'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun', 'Assn', 'Dept', 'Univ', 'Hosp', 'Intl',
    'Natl', 'Mfg', 'Dist', 'Twp', 'Govt', 'Art', 'Vol', 'Ch', 'Fig', 'Figs', 'Sec', 'Sect', 'Ref', 'Op', 'Pp',
  ],
};

/**
 * Words that usually begin a sentence when capitalized after a period: function words, pronouns and
 * connectives. After an abbreviation that may end a sentence ("Inc.", "U.S."), a following starter
 * means the sentence ended there.
 */
export const SENTENCE_STARTERS: readonly string[] = [
  'A', 'An', 'The', 'This', 'That', 'These', 'Those', 'There', 'Their', 'They', 'Them', 'He', 'She', 'It', 'Its',
  'His', 'Her', 'We', 'Our', 'I', 'You', 'Your', 'My', 'In', 'On', 'At', 'For', 'From', 'With', 'Without', 'By',
  'As', 'Of', 'To', 'And', 'But', 'Or', 'Nor', 'So', 'Yet', 'If', 'When', 'While', 'Where', 'Whether', 'Why', 'How',
  'What', 'Who', 'Which', 'After', 'Before', 'During', 'Since', 'Until', 'Although', 'Though', 'Because', 'However',
  'Meanwhile', 'Also', 'Still', 'Then', 'Now', 'Today', 'Yesterday', 'Some', 'Many', 'Most', 'All', 'Both', 'Each',
  'Other', 'Others', 'Such', 'No', 'Not', 'Only', 'One', 'Two', 'Three', 'Several', 'More', 'Officials', 'Last',
  'Earlier', 'Later', 'Under', 'According', 'Despite', 'About', 'Among', 'Asked', 'Speaking', 'Here', 'Instead',
  'Mr.', 'Mrs.', 'Ms.', 'Dr.',
];

/** Characters that end a sentence. */
export const TERMINALS: readonly string[] = ['.', '!', '?', '...', '\u2026', '?!', '!?'];

/** Closing quotes and brackets that stay with the sentence they close ('He said "no."'). */
export const CLOSERS: readonly string[] = ['"', "'", '\u201d', '\u2019', ')', ']', '}', "''", '\u00bb', '\u203a'];

/** Opening quotes and brackets. */
export const OPENERS: readonly string[] = ['\u201c', '\u2018', '(', '[', '{', '``', '\u00ab', '\u2039'];

/** Contractions and possessives split off the word before them, as in the CoNLL and Penn Treebank tokens. */
export const CLITIC_SUFFIX = /(?:n['\u2019]t|['\u2019](?:s|re|ve|ll|d|m))$/i;
