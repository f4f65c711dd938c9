import { isStoreError } from '../store/errors.js';
import { parseDateBound } from '../store/filters.js';
import { ApiError, invalidParameter } from './errors.js';

/**
 * Request parameters as data: each route lists its parameters as specs; one reader checks a request
 * against them (unknown names, repeats, types, ranges, formats) and the OpenAPI document describes
 * them from the same specs, so the two cannot drift apart.
 *
 * Conventions for every query parameter (documented in the OpenAPI document):
 * - an empty value (`?q=&site=`, as an HTML form sends) means the parameter is not given;
 * - a parameter given twice is an error (`invalid_parameter`);
 * - a parameter the route does not know is an error (`unknown_parameter`): a typo such as `language=`
 *   for `lang=` would otherwise silently return unfiltered results.
 */

/** The JSON Schema of a parameter's value, as the OpenAPI document shows it. */
export type ValueSchema = Readonly<Record<string, unknown>>;

export interface ParameterSpec<T> {
  readonly name: string;
  readonly in: 'query' | 'path';
  readonly description: string;
  readonly schema: ValueSchema;
  /** A valid value (shown in the document, and used by the test that walks it). */
  readonly example: string;
  /** The value when the parameter is not given. */
  readonly fallback?: T;
  /** The value, or a thrown ApiError that names the parameter and says what is accepted. */
  parse(raw: string): T;
}

type AnySpec = ParameterSpec<unknown>;
export type ParameterSpecs = Readonly<Record<string, AnySpec>>;

/** The values read for a set of specs: `T` when the spec has a fallback, else `T | undefined`. */
export type ParameterValues<S extends ParameterSpecs> = {
  [K in keyof S]: S[K] extends ParameterSpec<infer T> & { readonly fallback: unknown } ? T : S[K] extends ParameterSpec<infer T> ? T | undefined : never;
};

/** Longest parameter name echoed back in an error message. */
const MAX_ECHOED_NAME = 64;

/** Reads and checks the query string of `url` against `specs`. */
export function readQueryParameters<S extends ParameterSpecs>(url: string, specs: S): ParameterValues<S> {
  const params = new URL(url).searchParams;
  const known = new Map(Object.values(specs).map((spec) => [spec.name, spec]));
  const counts = new Map<string, number>();
  for (const name of params.keys()) {
    if (!known.has(name)) {
      const shown = name.length > MAX_ECHOED_NAME ? `${name.slice(0, MAX_ECHOED_NAME)}…` : name;
      const accepted = [...known.keys()];
      throw new ApiError('unknown_parameter', `Unknown parameter "${shown}": ${accepted.length ? `this route accepts ${accepted.join(', ')}` : 'this route accepts none'}.`, { parameter: shown });
    }
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const count = counts.get(spec.name) ?? 0;
    if (count > 1) throw invalidParameter(spec.name, `is given ${count} times: give it once.`);
    const raw = params.get(spec.name);
    values[key] = raw === null || raw.trim() === '' ? spec.fallback : spec.parse(raw);
  }
  return values as ParameterValues<S>;
}

/** Reads a path parameter (Hono has matched the route, so the value is there). */
export function readPathParameter<T>(value: string, spec: ParameterSpec<T>): T {
  return spec.parse(value);
}

/** A parameter as the OpenAPI document describes it. */
export function toOpenApiParameter(spec: AnySpec): Record<string, unknown> {
  return {
    name: spec.name,
    in: spec.in,
    required: spec.in === 'path',
    description: spec.description,
    schema: spec.fallback === undefined ? spec.schema : { ...spec.schema, default: spec.fallback },
    example: spec.in === 'path' || spec.schema.type !== 'integer' ? spec.example : Number(spec.example),
  };
}

// Builders for the kinds of parameter the API has.

function tooLong(name: string, raw: string, maxLength: number): void {
  if (raw.length > maxLength) throw invalidParameter(name, `is ${raw.length} characters long; at most ${maxLength} are accepted.`);
}

export function textParameter(name: string, options: { description: string; example: string; maxLength: number }): ParameterSpec<string> {
  return {
    name,
    in: 'query',
    description: options.description,
    schema: { type: 'string', maxLength: options.maxLength },
    example: options.example,
    parse(raw) {
      tooLong(name, raw, options.maxLength);
      return raw;
    },
  };
}

export function integerParameter(name: string, options: { description: string; minimum: number; maximum: number; fallback: number }): ParameterSpec<number> & { readonly fallback: number } {
  return {
    name,
    in: 'query',
    description: options.description,
    schema: { type: 'integer', minimum: options.minimum, maximum: options.maximum },
    example: String(Math.min(options.maximum, Math.max(options.minimum, 10))),
    fallback: options.fallback,
    parse(raw) {
      const text = raw.trim();
      const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(value)) throw invalidParameter(name, `must be a whole number from ${options.minimum} to ${options.maximum}, not "${clip(raw)}".`);
      if (value < options.minimum || value > options.maximum) throw invalidParameter(name, `must be from ${options.minimum} to ${options.maximum}, not ${value}.`);
      return value;
    },
  };
}

const MAX_DATE_LENGTH = 40;

/** A date bound as the store reads it: YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time (UTC without an offset). */
export function dateParameter(name: string, bound: 'since' | 'until', description: string): ParameterSpec<string> {
  return {
    name,
    in: 'query',
    description,
    schema: { type: 'string', maxLength: MAX_DATE_LENGTH, pattern: '^\\d{4}(-\\d{2}(-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?)?)?$' },
    example: bound === 'since' ? '2024-05-01' : '2024-05-31T23:59:59Z',
    parse(raw) {
      const text = raw.trim();
      tooLong(name, text, MAX_DATE_LENGTH);
      try {
        parseDateBound(text, bound);
      } catch (error) {
        if (!isStoreError(error)) throw error;
        throw invalidParameter(name, `must be a date: YYYY-MM-DD, YYYY-MM, YYYY or an ISO date-time such as 2024-05-03T10:00:00Z (not "${clip(raw)}").`);
      }
      return text;
    },
  };
}

const MAX_HOST_LENGTH = 253;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A host name (`example.com`; `www.` and a final dot are ignored; a Unicode name is read as its punycode). */
export function hostParameter(name: string, description: string): ParameterSpec<string> {
  return {
    name,
    in: 'query',
    description,
    schema: { type: 'string', maxLength: MAX_HOST_LENGTH },
    example: 'example.com',
    parse(raw) {
      const text = raw.trim().toLowerCase().replace(/\.$/, '');
      tooLong(name, text, MAX_HOST_LENGTH);
      let host = text;
      if (/[^\x20-\x7e]/.test(text)) {
        try {
          host = new URL(`http://${text}`).hostname;
        } catch {
          host = '';
        }
      }
      if (!host.split('.').every((label) => HOST_LABEL.test(label))) {
        throw invalidParameter(name, `must be a host name such as example.com (no scheme, port or path), not "${clip(raw)}".`);
      }
      return host;
    },
  };
}

export function languageParameter(name: string, description: string): ParameterSpec<string> {
  return {
    name,
    in: 'query',
    description,
    schema: { type: 'string', pattern: '^[A-Za-z]{2,3}$' },
    example: 'en',
    parse(raw) {
      const code = raw.trim().toLowerCase();
      if (!/^[a-z]{2,3}$/.test(code)) throw invalidParameter(name, `must be an ISO 639-1 language code such as en, de or fr, not "${clip(raw)}".`);
      return code;
    },
  };
}

const MAX_CURSOR_LENGTH = 512;

/** An opaque cursor: its form is checked here, its content by whoever made it (store or listing). */
export function cursorParameter(name: string, description: string): ParameterSpec<string> {
  return {
    name,
    in: 'query',
    description,
    schema: { type: 'string', maxLength: MAX_CURSOR_LENGTH, pattern: '^[A-Za-z0-9_-]+$' },
    example: 'WzEsIm5ld2VzdCJd',
    parse(raw) {
      const text = raw.trim();
      if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) {
        throw new ApiError('invalid_cursor', 'The cursor is damaged: it is not one Parley returned. Pass the `next` of the previous page unchanged, or start again without a cursor.', { parameter: name });
      }
      return text;
    },
  };
}

/** A stored row's id in the path: a whole number from 1, written without leading zeros. */
export function idParameter(name: string, description: string): ParameterSpec<number> {
  return {
    name,
    in: 'path',
    description,
    schema: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
    example: '1',
    parse(raw) {
      const value = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(value)) throw invalidParameter(name, `must be a whole number from 1 (an id from a list or search result), not "${clip(raw)}".`);
      return value;
    },
  };
}

/** A value echoed in a message, cut short (a message must not grow with what a client sends). */
function clip(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

/** One of a fixed set of values (case-sensitive, as documented). */
export function choiceParameter<T extends string>(name: string, options: { description: string; values: readonly T[]; example: T }): ParameterSpec<T> {
  return {
    name,
    in: 'query',
    description: options.description,
    schema: { type: 'string', enum: [...options.values] },
    example: options.example,
    parse(raw) {
      const value = raw.trim();
      if (!(options.values as readonly string[]).includes(value)) throw invalidParameter(name, `must be one of ${options.values.join(', ')}, not "${clip(raw)}".`);
      return value as T;
    },
  };
}

/** A code checked by a pattern (actor codes, theme codes, CAMEO codes), upper-cased when `upper`. */
export function codeParameter(name: string, options: { description: string; pattern: RegExp; example: string; upper: boolean; accepts: string }): ParameterSpec<string> {
  const source = options.pattern.source;
  return {
    name,
    in: 'query',
    description: options.description,
    schema: { type: 'string', pattern: options.upper ? source.replace(/A-Z/g, 'A-Za-z') : source },
    example: options.example,
    parse(raw) {
      const value = options.upper ? raw.trim().toUpperCase() : raw.trim();
      if (!options.pattern.test(value)) throw invalidParameter(name, `must be ${options.accepts}, not "${clip(raw)}".`);
      return value;
    },
  };
}
