import { ParleyError } from '../../pipeline/errors.js';
import { boundDay, type DatedCode } from './dates.js';
import type { ActorRecord } from './dictionary.js';
import { ACTOR_TYPES, type ActorType } from './mention.js';

/**
 * A user's actor list: a UTF-8 text file, one actor (or one period of an actor) per line, fields
 * separated by a tab or by two or more spaces; blank lines and lines starting with `#` are skipped.
 *
 *   NAME[|ALIAS...]   CODE   [FROM..TO]   [TYPE]
 *
 *   Jane Roe|Governor Roe     USAGOV    2019-01..2023-01-15   person
 *   Harbor Watch              NGOENV
 *
 * NAME and its aliases are matched as whole words, case-insensitively. CODE is a CAMEO-style code
 * (upper-case letters and digits, at least three). FROM and TO are YYYY, YYYY-MM or YYYY-MM-DD, either
 * may be left out (`..2017`, `2013..`); several lines with one NAME give its codes over time and the
 * article's date picks one. TYPE is person, organization, country, location or other. The list takes
 * precedence over Parley's own dictionaries.
 */

export type UserActor = ActorRecord & { readonly names: readonly string[] };

const CODE = /^[A-Z][A-Z0-9]{2,}$/;
const TYPES: readonly ActorType[] = ACTOR_TYPES;

function lineError(source: string, line: number, problem: string): ParleyError {
  return new ParleyError('E_INPUT', `Line ${line} of the actor list ${source}: ${problem}.`, 'Write NAME[|ALIAS...], CODE, an optional FROM..TO date range and an optional type, separated by tabs or two spaces (see data/actors/README.md).');
}

export function parseUserActors(text: string, source: string): UserActor[] {
  const byName = new Map<string, { names: string[]; codes: DatedCode[]; type?: ActorType }>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\t+| {2,}/).map((field) => field.trim());
    const [names, code, ...rest] = fields;
    if (!names || !code) throw lineError(source, index + 1, 'a name and a code are needed');
    if (!CODE.test(code)) throw lineError(source, index + 1, `"${code}" is not an actor code (upper-case letters and digits, such as USAGOV)`);
    let from: string | null = null;
    let to: string | null = null;
    let type: ActorType | undefined;
    for (const field of rest) {
      if (field.includes('..')) {
        const [start, end] = field.split('..');
        from = start ? boundDay(start, false) : null;
        to = end ? boundDay(end, true) : null;
        if ((start && !from) || (end && !to)) throw lineError(source, index + 1, `"${field}" is not a date range (YYYY-MM-DD..YYYY-MM-DD; either side may be left out)`);
      } else if ((TYPES as readonly string[]).includes(field.toLowerCase())) {
        type = field.toLowerCase() as ActorType;
      } else {
        throw lineError(source, index + 1, `"${field}" is neither a date range nor a type (${TYPES.join(', ')})`);
      }
    }
    const aliases = names.split('|').map((name) => name.trim()).filter(Boolean);
    if (aliases.length === 0) throw lineError(source, index + 1, 'the name is empty');
    const key = aliases[0]!.toLowerCase();
    const entry = byName.get(key) ?? { names: [], codes: [] };
    for (const alias of aliases) if (!entry.names.includes(alias)) entry.names.push(alias);
    entry.codes.push({ code, from, to });
    if (type) entry.type = type;
    byName.set(key, entry);
  });
  return [...byName.values()].map((entry) => ({ name: entry.names[0]!, names: entry.names, codes: entry.codes, source: 'user' as const, ...(entry.type ? { type: entry.type } : {}) }));
}
