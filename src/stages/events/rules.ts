/**
 * Word lists and small tables the event coder uses besides the CAMEO verb dictionary. Kept as data so
 * they can be read and changed without touching control flow.
 */

/** Auxiliaries and modals: never the event verb themselves, but passive and negation cues. */
export const AUXILIARIES = new Set([
  'be', 'am', 'is', 'are', 'was', 'were', 'been', 'being', 'have', 'has', 'had', 'having', 'do', 'does', 'did',
  'will', 'would', 'shall', 'should', 'can', 'could', 'may', 'might', 'must', "'s", "'re", "'ve", "'d", "'ll",
]);

export const BE_FORMS = new Set(['be', 'am', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re", 'get', 'got', 'gets', 'getting']);

/** Words that negate the verb they stand before (within its auxiliary chain). */
export const NEGATORS = new Set(['not', "n't", 'never', 'no', 'neither', 'nor', 'cannot']);

/** Words between the auxiliary chain and the verb that do not break it. */
export const VERB_MODIFIERS = new Set(['also', 'again', 'already', 'still', 'recently', 'reportedly', 'formally', 'publicly', 'strongly', 'sharply', 'repeatedly', 'jointly', 'just', 'later', 'now', 'then', 'once', 'further', 'finally', 'officially', 'quickly', 'immediately', 'openly', 'allegedly', 'previously', 'swiftly', 'firmly', 'prominently', 'to', 'ever', 'even', 'yet', 'long', 'longer']);

/** Tokens that end a clause for the purpose of finding a verb's actors. */
export const CLAUSE_BREAKS = new Set([';', ':', 'that', 'which', 'who', 'whom', 'because', 'while', 'although', 'though', 'whereas', 'but', 'if', 'unless', 'when', 'since', 'after', 'before', '"', '“', '”', '(', ')']);

/** Prepositions: an actor right after one is (usually) not a verb's subject. */
export const PREPOSITIONS = new Set(['of', 'in', 'on', 'at', 'by', 'with', 'from', 'for', 'between', 'among', 'about', 'against', 'into', 'over', 'near', 'to', 'toward', 'towards', 'under', 'across', 'through', 'during', 'including', 'like', 'than', 'without', 'within', 'beyond', 'amid', 'along', 'outside', 'inside']);

/** Words that join the members of a compound actor ("the United States and China"). */
export const COMPOUND_JOINERS = new Set(['and', ',', '&', 'as well as', 'both', 'the']);

/**
 * Negated cooperation is rejection: "will never accept", "did not agree", "refused ... not allow". A negated
 * verb whose code starts with one of these prefixes (longest prefix wins) is coded as the CAMEO reject
 * code beside it, as an event of its own (not negated). Pairs read off the CAMEO codebook: each 03x
 * intent, 05x/06x cooperation and 08x concession has a 12x refusal counterpart. Other negated verbs
 * ("did not accuse") keep their code and are marked negated.
 */
export const NEGATED_COOPERATION_REJECTS: Readonly<Record<string, string>> = {
  '019': '120',
  '03': '120', '030': '120', '031': '121', '0311': '1211', '0312': '1212', '0313': '1213', '032': '120', '033': '122',
  '034': '123', '0341': '1231', '0342': '1232', '0343': '1233', '0344': '1234',
  '035': '124', '0351': '1241', '0352': '1242', '0353': '1243', '0354': '1244', '0355': '1245', '0356': '1246',
  '036': '125', '037': '127', '038': '126',
  '05': '120', '050': '120', '057': '127',
  '06': '121', '060': '121', '061': '1211', '062': '1212', '063': '1213',
  '08': '124', '080': '124', '081': '1241', '082': '1242', '083': '123', '0831': '1231', '0832': '1232', '0833': '1233', '0834': '1234',
  '084': '1243', '085': '1244', '086': '1245', '087': '1246',
};

/**
 * Plural references to two parties ("the two sides discussed ..."): as a subject or object they stand for
 * the two actors of a compound just before them in the sentence, else for the two distinct countries of
 * the sentences before (see plural-reference.ts). Lower case, as token sequences.
 */
export const PLURAL_REFERENCES: readonly (readonly string[])[] = [
  ['the', 'two', 'sides'], ['both', 'sides'], ['the', 'two', 'countries'], ['both', 'countries'], ['the', 'two', 'nations'],
  ['both', 'nations'], ['the', 'two', 'governments'], ['both', 'governments'], ['the', 'two', 'neighbors'], ['the', 'two', 'neighbours'],
  ['the', 'two', 'powers'],
];

/** Short function words that headline styles leave lower case ("Kenya to Free Jailed Reporters"): not counted. */
export const HEADLINE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'for', 'and', 'or', 'but', 'nor', 'with', 'at', 'by', 'from', 'to', 'as', 'vs', 'vs.', 'via', 'into', 'over']);

/** Share of a sentence's words (outside actor names and small words) that start upper case for it to be read as a headline. */
export const HEADLINE_CASE_SHARE = 0.75;

/** How many sentences back a plural reference looks for its two countries. */
export const PLURAL_REFERENCE_LOOKBACK = 3;

/** Words that join the two members of a compound a plural reference can point to ("U.S.-China", "Russia and Ukraine"). */
export const PAIR_JOINERS = new Set(['and', ',', '-', '–', '/', '&', 'the']);

/**
 * Codes of joint acts ("the United States and China discussed ...", "Turkey and Greece negotiated"): with a
 * compound subject and no target, each member acts toward the other (both directions). Code prefixes.
 */
export const JOINT_ACT_CODES: readonly string[] = ['036', '040', '041', '044', '046', '057', '06'];

/** Phrases after a verb that make an event mutual ("accused each other"). */
export const RECIPROCAL_PHRASES: readonly (readonly string[])[] = [['each', 'other'], ['one', 'another'], ['each', "other's"]];

/**
 * Verbs the CAMEO dictionary leaves without a default code (their block has none, or the verb is not
 * listed), with the code Parley gives them when no pattern of theirs matches. Chosen from the code
 * descriptions of the CAMEO codebook (../shared/data/cameo) for the verb's everyday news sense.
 */
export const FALLBACK_VERB_CODES: Readonly<Record<string, string>> = {
  URGE: '020', IMPLORE: '020', PLEAD: '020', ENTREAT: '020', EXHORT: '020',
  REJECT: '120', REFUSE: '120', RESIST: '120', REPUDIATE: '120', RENOUNCE: '120', DISMISS: '120', SNUB: '120',
  DENY: '016', DISOWN: '016',
  ACCEPT: '030', EMBRACE: '050', WELCOME: '050', ENDORSE: '050', SUPPORT: '050', BACK: '050', APPROVE: '050',
  SIGN: '057', RATIFY: '057', CONCLUDE: '057',
  SEND: '070', DEPLOY: '154', DISPATCH: '070', DONATE: '070', PLEDGE: '030', VOW: '030', SWEAR: '030',
  LIFT: '080', EASE: '080', RELAX: '080', SUSPEND: '160', CANCEL: '160', HALT: '160', FREEZE: '160', SEVER: '161', CUT: '160', RECALL: '161',
  RAISE: '010', DISCUSS: '040', TALK: '040', CALL: '020',
  VETO: '129', DEFY: '128', BOYCOTT: '143', BLOCKADE: '191', BLOCK: '144',
  SANCTION: '163', EMBARGO: '163', TARIFF: '163',
  EXTRADITE: '063', HAND: '063',
  COMMEND: '051', HAIL: '051', LAUD: '051', PRAISE: '051', THANK: '051', CONGRATULATE: '051',
  BLAST: '111', SLAM: '111', DENOUNCE: '111', DECRY: '111', LAMBAST: '111', CRITICIZE: '111', CRITICISE: '111',
  MASS: '154', MOBILIZE: '154', MOBILISE: '154',
  ASSASSINATE: '186', BEHEAD: '186', EXECUTE: '186', ABDUCT: '181', KIDNAP: '181', TORTURE: '182', BEAT: '182', SHELL: '194', BOMBARD: '194',
};

/** Verbs whose own events are statements: their 01x code gives way to a more specific event in the sentence. */
export const STATEMENT_CODES = new Set(['010', '011', '012', '013', '014', '015', '016', '017', '018', '019']);

/**
 * PLOVER types for CAMEO codes the official CAMEO→PLOVER table leaves out (it drops CAMEO 01 and 02):
 * appeals (02x) are PLOVER requests with the matching mode; statements stay without a PLOVER type except
 * the few whose meaning PLOVER covers (accepting or denying responsibility, expressing accord).
 */
export const PLOVER_FALLBACK: Readonly<Record<string, readonly [string, string]>> = {
  '015': ['CONCEDE', ''], '016': ['REJECT', ''], '019': ['AGREE', ''],
  '02': ['REQUEST', ''], '020': ['REQUEST', ''], '021': ['REQUEST', 'assist'], '0211': ['REQUEST', 'assist'], '0212': ['REQUEST', 'assist'],
  '0213': ['REQUEST', 'assist'], '0214': ['REQUEST', 'assist'], '022': ['REQUEST', 'assist'], '023': ['REQUEST', 'assist'],
  '0231': ['REQUEST', 'assist'], '0232': ['REQUEST', 'assist'], '0233': ['REQUEST', 'assist'], '0234': ['REQUEST', 'assist'],
  '024': ['REQUEST', 'change'], '0241': ['REQUEST', 'change'], '0242': ['REQUEST', 'change'], '0243': ['REQUEST', 'change'], '0244': ['REQUEST', 'change'],
  '025': ['REQUEST', 'yield'], '0251': ['REQUEST', 'yield'], '0252': ['REQUEST', 'yield'], '0253': ['REQUEST', 'yield'], '0254': ['REQUEST', 'yield'],
  '0255': ['REQUEST', 'yield'], '0256': ['REQUEST', 'yield'], '026': ['REQUEST', 'meet'], '027': ['REQUEST', 'meet'], '028': ['REQUEST', 'meet'],
};

/** Confidence of an event by how its code was found (pattern words matched raise it; see coder.ts). */
export const CONFIDENCE = {
  pattern: 0.8,
  patternPerWord: 0.03,
  verb: 0.7,
  block: 0.62,
  fallback: 0.55,
  /** Multiplier for a statement (01x) when the sentence has a more specific event. */
  statementBesideOther: 0.5,
  negated: 0.5,
  noSource: 0.75,
  noTarget: 0.95,
  /** Multiplier for an infinitive complement when an earlier verb of the sentence is coded. */
  complement: 0.8,
  /**
   * Least base confidence of a negated cooperation verb recoded as a rejection: the rule names the code
   * as surely as a verb's own dictionary code does.
   */
  negationRecoded: 0.7,
} as const;

/** Lemmas of verbs that report speech: their own events are statements, the act is in their complement. */
export const REPORTING_LEMMAS = new Set(['say', 'tell', 'announce', 'add', 'state', 'report', 'note', 'claim', 'declare', 'explain', 'write', 'confirm', 'comment', 'remark', 'insist', 'argue', 'suggest', 'indicate', 'stress', 'reply', 'respond']);

/** Words that open a subordinate clause: a verb after one is usually not the sentence's own act. */
export const SUBORDINATORS = new Set(['after', 'before', 'while', 'when', 'which', 'who', 'whom', 'whose', 'because', 'since', 'although', 'though', 'as', 'if', 'unless', 'whereas', 'until']);
