import { StoreError } from './errors.js';

/**
 * The codes a filter may name (actor codes, theme codes, CAMEO event codes), checked once here and
 * shared by the article filters (filters.ts) and the analysis filters (analysis-filters.ts).
 */

const ACTOR_CODE = /^[A-Z0-9]{1,40}$/;
const THEME_CODE = /^[A-Z0-9_]{1,80}$/;
const CAMEO_CODE = /^\d{1,4}$/;

/** An actor code prefix in upper case (`usa` → `USA`), or an E_FILTER error naming the filter. */
export function parseActorCode(value: string, name: string): string {
  const code = value.trim().toUpperCase();
  if (!ACTOR_CODE.test(code)) throw new StoreError('E_FILTER', `${name} "${clip(value)}" is not an actor code.`, 'Give a CAMEO-style actor code or its start, such as USA, USAGOV or CHN (letters and digits).');
  return code;
}

export function parseThemeCode(value: string): string {
  const code = value.trim().toUpperCase();
  if (!THEME_CODE.test(code)) throw new StoreError('E_FILTER', `theme "${clip(value)}" is not a theme code.`, 'Give a code of the theme taxonomy, such as CYBER_SECURITY (letters, digits and _).');
  return code;
}

export function parseCameoCode(value: string): string {
  const code = value.trim();
  if (!CAMEO_CODE.test(code)) throw new StoreError('E_FILTER', `code "${clip(value)}" is not a CAMEO event code.`, 'Give a CAMEO code or its start: 1 to 4 digits, such as 04 or 0311.');
  return code;
}

/** The end of a code prefix's index range: every code that starts with `prefix` sorts before it. */
export function prefixRangeEnd(prefix: string): string {
  return `${prefix}\uffff`;
}

export function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
