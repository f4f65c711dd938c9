/** The `tone` stage: GDELT-style tone of each sentence and of the whole document. */
export { toneStage, findTone, summarizeTone, TONE_CODE_VERSION, type ToneOptions } from './tone-stage.js';
export { countTone, toneFields, type ToneLexicon, type ToneCounts, type ToneToken } from './score.js';
export { BUILTIN_TONE_LEXICON } from './builtin-lexicon.js';
export type { ToneData } from './tone.js';
