/**
 * Sentence frames for the synthetic event sentences, in the styles news uses: wire copy with datelines,
 * reported speech, modality (would, plans to, pledged), passives, headlines, and long sentences whose
 * subordinate clause carries another actor's act. Frames are split by position between train, dev and
 * test (see split.ts): no frame is in two splits.
 *
 * Markers: {S} source, {T} target (the addressee of an appeal, demand or refusal), {X} another actor,
 * {P:form} the content's phrase with its verb inflected (base, past, pp, s3, ing), {D:past} another
 * content's act (the distractor) done by {X}, {day}, {say} a reporting verb. The trigger of the event is [P:...] (the phrase's
 * verb) or the one word in [brackets]. A frame whose phrase keeps its own T slot (act, intent, threaten)
 * fills it with the event's target; where {T} stands outside the phrase, the phrase's T is a third actor.
 */

/** Reporting verbs for {say} (they report the act; they are never its trigger), split like the frames. */
export const REPORTING = ['said', 'added', 'told reporters', 'stated', 'noted', 'declared', 'announced', 'insisted', 'said in a statement', 'wrote', 'explained', 'remarked'];

export type SpeechAct = 'act' | 'intent' | 'appeal' | 'demand' | 'reject' | 'threaten';

export interface Frame {
  readonly text: string;
  /** Title case, no final period. */
  readonly headline?: boolean;
}

const f = (text: string, headline = false): Frame => (headline ? { text, headline } : { text });

export const FRAMES: Readonly<Record<SpeechAct, readonly Frame[]>> = {
  act: [
    f('{S} [P:past] on {day}.'),
    f('{S} has [P:pp], officials {say}.'),
    f('{S} [P:past], a spokesman {say} on {day}.'),
    f('{S} {say} on {day} that it had [P:pp].'),
    f('{S} [P:past] on {day}, days after {X} {D:past}.'),
    f('In a move that surprised diplomats, {S} [P:past] late on {day}.'),
    f('{S} [P:s3]', true),
    f('{S}, which has long been at odds with {X}, [P:past] on {day}.'),
    f('According to state media, {S} [P:past] on {day}.'),
    f('{S} [P:past] on {day} as tensions with {X} rose.'),
    f('{S} is [P:ing], the ministry {say}.'),
    f('After weeks of pressure, {S} [P:past].'),
    f('{S} [P:past] on {day} in what analysts described as a major shift.'),
    f('{S} [P:past] on {day}, the latest sign of a deepening crisis.'),
    f('Officials confirmed that {S} [P:past] earlier this week.'),
    f('{S} [P:past] on {day} while {X} {D:past}.'),
    f('{S} [P:past], and {X} {say} it was watching closely.'),
    f('On {day}, {S} [P:past], according to a statement.'),
    f('{S} [P:past] after {X} {D:past}, witnesses {say}.'),
    f('Late on {day}, {S} [P:past].'),
    f('{X} {say} the talks had failed, but {S} [P:past] on {day}.'),
    f('{X} {say} {S} had [P:pp].'),
    f('{X} {say} that {S} [P:past] on {day}.'),
    f('{X} {say} {S} [P:past] last week.'),
    f('{X} {say} on {day} {S} had [P:pp], without giving details.'),
    f('{S} {say} the situation was serious and [P:past] on {day}.'),
  ],
  intent: [
    f('{S} {say} it would [P:base].'),
    f('{S} [pledged] to {P:base}.'),
    f('{S} [offered] to {P:base}.'),
    f('{S} is ready to [P:base], its foreign minister {say}.'),
    f('{S} [promised] to {P:base} by the end of the year.'),
    f('{S} [plans] to {P:base} next month, officials {say}.'),
    f('{S} will [P:base], the foreign ministry announced on {day}.'),
    f('{S} [vowed] on {day} to {P:base}.'),
    f('{S} [agreed] to {P:base}.'),
    f('{S} [expressed] willingness to {P:base}.'),
    f('{S} [announced] plans to {P:base}.'),
    f('{S} is prepared to [P:base] if {X} agrees, a senior official {say}.'),
    f('{S} [intends] to {P:base}, its president {say}.'),
    f('{S} has [signalled] that it could {P:base}.'),
    f('{S} to [P:base]', true),
    f('{S} [committed] itself on {day} to {P:base}.'),
    f('{S} {say} on {day} it was willing to [P:base].'),
    f('{S} [undertook] to {P:base} within weeks.'),
    f('{S} is expected to [P:base] next week, diplomats {say}.'),
    f('{S} [proposed] to {P:base}, a move welcomed by {X}.'),
    f('{X} {say} the crisis was deepening, but {S} {say} it would [P:base].'),
  ],
  appeal: [
    f('{S} [urged] {T} to {P:base}.'),
    f('{S} [called] on {T} to {P:base}.'),
    f('{S} [appealed] to {T} to {P:base}.'),
    f('{S} [asked] {T} to {P:base}.'),
    f('{S} [pressed] {T} to {P:base}.'),
    f('{S} [encouraged] {T} to {P:base}.'),
    f('{S} on {day} [urged] {T} to {P:base}, saying time was running out.'),
    f('{S} [renewed] its call for {T} to {P:base}.'),
    f('{S} [requested] that {T} {P:base}.'),
    f('In a letter, {S} [implored] {T} to {P:base}.'),
    f('{S} [Urges] {T} to {P:base}', true),
    f('{S} [lobbied] {T} to {P:base}.'),
    f('{S} [pleaded] with {T} to {P:base}.'),
    f('{S} [called] for {T} to {P:base}, days after {X} {D:past}.'),
    f('{S} has [asked] {T} to {P:base}, officials {say}.'),
    f('{S} [appealed] on {day} for {T} to {P:base}.'),
  ],
  demand: [
    f('{S} [demanded] that {T} {P:base}.'),
    f('{S} [insisted] that {T} {P:base}.'),
    f('{S} [demanded] that {T} {P:base} immediately.'),
    f('{S} [told] {T} it must {P:base}.'),
    f('{S} [ordered] {T} to {P:base}.'),
    f('{S} [demanded] on {day} that {T} {P:base} within a week.'),
    f('{S} [Demands] {T} {P:base}', true),
    f('{S} [issued] a demand for {T} to {P:base}.'),
    f('{S} has [demanded] that {T} {P:base}, officials {say}.'),
    f('{S} [insisted] on {day} that {T} must {P:base}.'),
    f('{S} [required] {T} to {P:base} as a condition for talks.'),
    f('{S} [demanded] that {T} {P:base}, days after {X} {D:past}.'),
  ],
  reject: [
    f('{S} [refused] to {P:base}.'),
    f('{S} [rejected] calls from {T} to {P:base}.'),
    f('{S} [turned] down a request from {T} to {P:base}.'),
    f('{S} [rebuffed] demands by {T} to {P:base}.'),
    f('{S} {say} it would not [P:base].'),
    f('{S} will never [P:base], its leader {say}.'),
    f('{S} [declined] to {P:base}.'),
    f('{S} [ruled] out plans to {P:base}.'),
    f('{S} has repeatedly [refused] to {P:base}.'),
    f('{S} [dismissed] the call by {T} to {P:base}.'),
    f('{S} [balked] at demands to {P:base}.'),
    f('{S} [Rejects] Call To {P:base}', true),
    f('{S} [rejected] a proposal by {T} to {P:base} on {day}.'),
    f('{S} did not agree to [P:base], officials {say}.'),
    f('{S} [refused] on {day} to {P:base}, defying {T}.'),
    f('{S} [spurned] an offer from {T} to {P:base}.'),
    f('{S} did not [agree] to calls from {T} to {P:base}.'),
    f('{S} would not [accept] demands from {T} to {P:base}, a spokesman {say}.'),
    f('{S} will not [bow] to pressure from {T} to {P:base}.'),
    f('{S} [Refuses] to {P:base}', true),
    f('{X} {say} talks should go on, but {S} {say} it will never [P:base].'),
  ],
  threaten: [
    f('{S} [threatened] to {P:base}.'),
    f('{S} [warned] it would {P:base} if {X} did not back down.'),
    f('{S} {say} it could [P:base] unless talks resume.'),
    f('{S} [threatened] on {day} to {P:base}.'),
    f('{S} [warned] that it was ready to {P:base}.'),
    f('{S} [vowed] to {P:base} if provoked.'),
    f('{S} has [threatened] to {P:base}, officials {say}.'),
    f('{S} [Threatens] To {P:base}', true),
    f('{S} [issued] a threat to {P:base}.'),
    f('{S} would [P:base] if the attacks continued, its defence minister {say}.'),
    f('{S} [warned] on {day} that it might {P:base}.'),
    f('{S} [threatened] to {P:base}, days after {X} {D:past}.'),
  ],
};

/** Sentences that carry no event, news and not: what the coder must leave alone. {A} is an actor. */
export const NO_EVENT: readonly string[] = [
  "{A}'s economy grew 3 percent last year.",
  'The population of {N} is about 40 million.',
  'Tourists from {N} flock to the beaches every summer.',
  'Shares in {J} banks rose on {day}.',
  "{J} food is famous for its spices.",
  'The weather in {N} will be sunny this weekend.',
  'Add two cups of flour and stir for a minute.',
  'Free shipping on all orders over $50.',
  'Click the button below to download the file.',
  'This guide explains how to install the software.',
  'The museum is open from 9 a.m. to 5 p.m.',
  'Sign up for our newsletter to get the latest deals.',
  'The novel follows a young woman who moves to {N}.',
  'Prices start at $199 for the basic model.',
  '{J} wines are among the best in the world.',
  'The film was shot on location in {N}.',
  'Our hotel offers free breakfast and parking.',
  'The book is a gripping read from start to finish.',
  'Use the search box to find articles.',
  'Temperatures in {N} fell below freezing overnight.',
  '{N} is home to several national parks.',
  'The {J} language has many dialects.',
  'Read our review of the new phone.',
  'The conference will take place in {N} in May.',
  'Inflation in {N} eased to 4 percent in March.',
  'The {J} team lost the match 2-1.',
  'Demand for {J} cars has fallen.',
  'The report covers trade between {N} and {M}.',
  'Install the package with your package manager.',
  'Store in a cool, dry place.',
  'The river flows through {N} and {M}.',
  'Flights between {N} and {M} take about three hours.',
];
