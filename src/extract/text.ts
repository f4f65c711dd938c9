/** Text helpers shared by extraction: whitespace, word counts. */

const WHITESPACE_RUN = /[\s\u00a0\u200b\u2028\u2029\ufeff]+/g;

/** Collapses every run of whitespace (including no-break and zero-width spaces) to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]/gu;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’_-]*/gu;

/**
 * Counts words the way a reader would: runs of letters and digits, with each Chinese character, kana
 * and Hangul syllable counted as one word (these scripts do not separate words with spaces).
 */
export function countWords(text: string): number {
  let cjk = 0;
  const rest = text.replace(CJK, () => {
    cjk++;
    return ' ';
  });
  return cjk + (rest.match(WORD)?.length ?? 0);
}
