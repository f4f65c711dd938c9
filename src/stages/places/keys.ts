/**
 * Lookup keys of place names, shared by the gazetteer builder (scripts/places) and the `places` stage,
 * so that "St. Louis", "ST LOUIS" and "St Louis" in an article meet "St. Louis" in the gazetteer: lower
 * case, accents removed, periods dropped, hyphens and runs of spaces as one space.
 */
export function placeKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/\./g, '')
    .replace(/[-‐‑–—_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the name is written in Latin letters (with digits, spaces and punctuation): the names an English text uses. */
export function isLatinName(name: string): boolean {
  return /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{M}]+$/u.test(name) && /\p{L}/u.test(name);
}
