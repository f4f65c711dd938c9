/**
 * Cue verbs: the inflected verb forms that introduce speech, writing or a stated view ("said", "told",
 * "according to"), as data.
 *
 * GGT_FORMS is the reporting-verb list of the Gender Gap Tracker (project `sfu-discourse-lab/GenderGapTracker`,
 * nlp/english/rules/quote_verb_list.txt @7c513002, as kept in ../shared/data/lexicons/quote_verbs_en_ggt.txt),
 * used under its MIT license: Copyright (c) 2018-2023 Maite Taboada. Permission is hereby granted, free
 * of charge, to any person obtaining a copy of this software and associated documentation files, to deal
 * in the Software without restriction, subject to the above copyright notice and this permission notice
 * being included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
 * WITHOUT WARRANTY OF ANY KIND.
 *
 * PARLEY_FORMS are Parley's own additions: verbs of characterizing ("called it “a disgrace”"), of
 * asking and answering, of promising and complaining, which news text uses to attribute words.
 *
 * Forms are lower-case; a form listed in NOUN_LIKE_FORMS is a cue only when no determiner stands before
 * it ("the report says" has the cue "says", not "report").
 */

const GGT_FORMS = `accept accepted acclaim acclaimed acclaiming acclaims acknowledge acknowledged acknowledges acknowledging
add added adding adds admit admits admitted admitting advise advised advises advising announce announced announces
announcing argue argued argues arguing assert asserted asserting asserts assure assured assures assuring claim claimed
claiming claims clarified clarifies clarify clarifying comment commented commenting comments conclude concluded concludes
concluding confirm confirmed confirming confirms continue continued continues continuing convince convinced convinces
convincing criticize criticized criticizes criticizing declaim declaimed declaiming declaims declare declared declares
declaring decried decries decry decrying demonstrate demonstrated demonstrates demonstrating denounce denounced denounces
denouncing describe described describes describing disclaim disclaimed disclaiming disclaims dispute disputed disputes
disputing ensure ensured ensures ensuring estimated estimates exclaim exclaimed exclaiming exclaims explain explained
explaining explains finding finds highlight highlighted highlighting highlights illustrate illustrated illustrates
illustrating indicate indicated indicates indicating inform informed informing informs insist insisted insisting insists
mention mentioned mentioning mentions note noted notes notified notifies notify notifying noting persist persisted
persisting persists point pointed pointing points preach preached preaches preaching predict predicted predicting predicts
present presenting presents proclaim proclaimed proclaiming proclaims rave raved raves raving reassert reasserted
reasserting reasserts reassure reassured reassures reassuring reckon reckoned reckoning reckons reconfirm reconfirmed
reconfirming reconfirms release released releases releasing remind reminded reminding reminds replied replies reply
replying report reported reporting reports respond responded responding responds restate restated restates restating
retell retelling retells retold said say saying says state stated states stating suggest suggested suggesting suggests
tell telling tells told testified testifies testify testifying think thinking thinks thought tweet tweeted tweeting tweets
warn warned warning warns write writes writing wrote`;

const PARLEY_FORMS = `ask asked asking asks answer answered answers believe believed believes believing boast boasted boasts
brag bragged brags call called calling calls caution cautioned cautions charge charged charges complain complained
complaining complains concede conceded concedes contend contended contends counter countered counters dub dubbed dubs
emphasize emphasized emphasizes emphasised explain insist joke joked jokes lament lamented laments maintain maintained
maintains observe observed observes pledge pledged pledges promise promised promises quip quipped quips recall recalled
recalls recount recounted remark remarked remarks retort retorted reiterate reiterated reiterates stress stressed stresses
urge urged urges vow vowed vows wonder wondered wonders allege alleged alleges accuse accused accuses acknowledge
agree agreed agrees blast blasted blasts slam slammed slams posted predicted testified write
label labeled labelled labels brand branded term termed hint hinted hints signal signaled signalled
announced declared shout shouted yelled whispered muse mused added`;

/** Forms that are often nouns: a cue only when no determiner or adjective-like word stands before them. */
export const NOUN_LIKE_FORMS: ReadonlySet<string> = new Set(
  'claim claims comment comments estimates finding finds point points present presents release releases report reports state states tweet tweets answer answers charge charges call calls remarks pledge pledges promise promises warning stress counter note notes post'.split(' '),
);

/** Forms too weak to start an attribution on their own without a quote or "that" after them. */
export const WEAK_FORMS: ReadonlySet<string> = new Set(
  'accept accepted continue continued continues continuing present presenting presents release released releases releasing demonstrate demonstrated demonstrates persist persisted persists point pointed points call called calling calls ensure ensured ensures ensuring finding finds add adds adding agree agreed agrees'.split(' '),
);

export const CUE_FORMS: ReadonlySet<string> = new Set(`${GGT_FORMS} ${PARLEY_FORMS}`.split(/\s+/).filter(Boolean));

/** Verbs whose first object is the hearer, not the content: "told reporters (that) ...". */
export const HEARER_VERBS: ReadonlySet<string> = new Set(
  'tell tells told telling inform informs informed informing remind reminds reminded reminding assure assures assured assuring reassure reassured reassures warn warns warned warning ask asks asked asking advise advised advises notify notified notifies urge urged urges'.split(' '),
);

/** Multi-word cues with the speaker after them: "according to X". */
export const SOURCE_FIRST_CUES: readonly (readonly string[])[] = [['according', 'to']];
