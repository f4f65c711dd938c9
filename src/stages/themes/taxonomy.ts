import { createHash } from 'node:crypto';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { ParleyError } from '../../pipeline/errors.js';
import { compilePattern, PatternError } from './patterns.js';
import { yamlTree } from './yaml-tree.js';

/**
 * A theme taxonomy: themes, each with lexicon terms (see patterns.ts for the pattern syntax). The
 * built-in one is data/themes/taxonomy.json (built by `npm run build:themes`); a user's file has the
 * same form and replaces or extends it. Files are JSON (comments allowed); every problem is reported
 * with its line, column and field, e.g. `themes.json:12:7: themes[1].terms[3].weight must be ...`.
 */
export interface ThemeTerm {
  readonly pattern: string;
  readonly weight: number;
  /** The term counts only when one of these patterns also occurs in the same sentence (for ambiguous words). */
  readonly context?: readonly string[];
}

export interface ThemeDefinition {
  readonly code: string;
  readonly label: string;
  readonly description: string;
  /** The closest GDELT GKG theme name, where one exists. */
  readonly gdelt?: string;
  readonly terms: readonly ThemeTerm[];
  /** Phrases that cancel this theme's matches they overlap ("hacked to death" for CYBER_SECURITY). */
  readonly exclude: readonly string[];
}

export interface Taxonomy {
  readonly name: string;
  readonly version: string;
  readonly themes: readonly ThemeDefinition[];
  /** A hash of the themes (not of names or comments): any change to what can match changes it. */
  readonly fingerprint: string;
  /** What a user's file asks for (its top-level "mode"): replace the built-in themes or extend them. */
  readonly mode?: TaxonomyMode;
}

export type TaxonomyMode = 'replace' | 'extend';

const CODE = /^[A-Z][A-Z0-9_]*$/;
const MAX_WEIGHT = 10;
const MAX_REPORTED_PROBLEMS = 20;
const TOP_LEVEL_KEYS = new Set(['format', 'mode', 'name', 'version', 'description', 'sources', 'license', 'generatedBy', 'themes']);
const THEME_KEYS = new Set(['code', 'label', 'description', 'gdelt', 'terms', 'exclude', 'sources']);
const TERM_KEYS = new Set(['pattern', 'weight', 'context']);

/** The identity stored in the `themes` stage version: name, version and fingerprint. */
export function taxonomyId(taxonomy: Pick<Taxonomy, 'name' | 'version' | 'fingerprint'>): string {
  return `${taxonomy.name}@${taxonomy.version}#${taxonomy.fingerprint}`;
}

export function taxonomyFingerprint(themes: readonly ThemeDefinition[]): string {
  return createHash('sha256').update(JSON.stringify(themes)).digest('hex').slice(0, 12);
}

function humanize(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Collects problems with their position in the file, then throws them together. */
class Problems {
  private readonly list: string[] = [];
  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  at(offset: number, message: string): void {
    const before = this.text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    this.list.push(`${this.source}:${line}:${column}: ${message}`);
  }

  node(node: Node, path: string, message: string): void {
    this.at(node.offset, `${path} ${message}`);
  }

  throwIfAny(): void {
    if (this.list.length === 0) return;
    const shown = this.list.slice(0, MAX_REPORTED_PROBLEMS);
    const more = this.list.length > shown.length ? `\n(and ${this.list.length - shown.length} more)` : '';
    throw new ParleyError('E_INPUT', `The theme taxonomy ${this.source} is malformed:\n${shown.join('\n')}${more}`, 'Fix the file (see data/themes/README.md for its form) and try again.');
  }
}

function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function checkKeys(node: Node, allowed: ReadonlySet<string>, path: string, problems: Problems): void {
  for (const property of node.children ?? []) {
    const key = property.children?.[0];
    if (key && !allowed.has(key.value as string)) problems.node(key, `${path}.${String(key.value)}`, `is not a known field (known: ${[...allowed].join(', ')}).`);
  }
}

function checkPattern(node: Node | undefined, path: string, problems: Problems, anchor: Node): string | null {
  const pattern = stringValue(node);
  if (pattern === undefined) {
    problems.node(node ?? anchor, path, 'must be a string (a word or phrase pattern).');
    return null;
  }
  try {
    compilePattern(pattern);
    return pattern.trim().replace(/\s+/g, ' ');
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    problems.node(node!, path, `is not a valid pattern: ${error.message}`);
    return null;
  }
}

function patternList(node: Node | undefined, path: string, problems: Problems, anchor: Node): string[] {
  if (node === undefined) return [];
  if (node.type !== 'array') {
    problems.node(node, path, 'must be an array of patterns.');
    return [];
  }
  return (node.children ?? []).flatMap((child, i) => checkPattern(child, `${path}[${i}]`, problems, anchor) ?? []);
}

function readTerm(node: Node, path: string, problems: Problems): ThemeTerm | null {
  if (node.type === 'string') {
    const pattern = checkPattern(node, path, problems, node);
    return pattern === null ? null : { pattern, weight: 1 };
  }
  if (node.type !== 'object') {
    problems.node(node, path, 'must be a pattern string or an object {"pattern", "weight"?, "context"?}.');
    return null;
  }
  checkKeys(node, TERM_KEYS, path, problems);
  const pattern = checkPattern(findNodeAtLocation(node, ['pattern']), `${path}.pattern`, problems, node);
  const weightNode = findNodeAtLocation(node, ['weight']);
  let weight = 1;
  if (weightNode) {
    if (weightNode.type !== 'number' || !((weightNode.value as number) > 0 && (weightNode.value as number) <= MAX_WEIGHT)) {
      problems.node(weightNode, `${path}.weight`, `must be a number above 0 and at most ${MAX_WEIGHT}.`);
    } else weight = weightNode.value as number;
  }
  const contextNode = findNodeAtLocation(node, ['context']);
  const context = patternList(contextNode, `${path}.context`, problems, node);
  if (contextNode?.type === 'array' && (contextNode.children ?? []).length === 0) problems.node(contextNode, `${path}.context`, 'is empty; leave it out or list at least one pattern.');
  if (pattern === null) return null;
  return context.length > 0 ? { pattern, weight, context } : { pattern, weight };
}

function readTheme(node: Node, path: string, problems: Problems): ThemeDefinition | null {
  if (node.type !== 'object') {
    problems.node(node, path, 'must be an object {"code", "label", "terms", ...}.');
    return null;
  }
  checkKeys(node, THEME_KEYS, path, problems);
  const codeNode = findNodeAtLocation(node, ['code']);
  const code = stringValue(codeNode);
  if (code === undefined || !CODE.test(code)) problems.node(codeNode ?? node, `${path}.code`, 'must be an upper-case code such as "CYBER_SECURITY" (letters, digits, underscores).');
  const text = (key: string): string | undefined => {
    const child = findNodeAtLocation(node, [key]);
    if (child && child.type !== 'string') problems.node(child, `${path}.${key}`, 'must be a string.');
    return stringValue(child);
  };
  const label = text('label');
  const description = text('description');
  const gdelt = text('gdelt');
  const termsNode = findNodeAtLocation(node, ['terms']);
  let terms: ThemeTerm[] = [];
  if (termsNode === undefined) problems.node(node, `${path}.terms`, 'is missing: list the theme\'s words and phrases.');
  else if (termsNode.type !== 'array') problems.node(termsNode, `${path}.terms`, 'must be an array.');
  else terms = (termsNode.children ?? []).flatMap((child, i) => readTerm(child, `${path}.terms[${i}]`, problems) ?? []);
  const exclude = patternList(findNodeAtLocation(node, ['exclude']), `${path}.exclude`, problems, node);
  if (code === undefined || !CODE.test(code)) return null;
  return { code, label: label ?? humanize(code), description: description ?? '', ...(gdelt ? { gdelt } : {}), terms, exclude };
}

/** The syntax of a taxonomy file: JSON (comments and trailing commas allowed) or YAML. */
export type TaxonomySyntax = 'json' | 'yaml';

/** By the file's name: .yaml and .yml are YAML, anything else JSON. */
export function taxonomySyntax(path: string): TaxonomySyntax {
  return /\.ya?ml$/i.test(path) ? 'yaml' : 'json';
}

/**
 * Parses and checks a taxonomy file's text. `source` names the file in error messages. Throws one
 * ParleyError (E_INPUT) listing every problem found, each with line, column and field.
 */
export function parseTaxonomy(text: string, source: string, syntax: TaxonomySyntax = 'json'): Taxonomy {
  const problems = new Problems(text, source);
  let root: Node | undefined;
  if (syntax === 'yaml') {
    const parsed = yamlTree(text);
    for (const error of parsed.errors) problems.at(error.offset, `not valid YAML (${error.message}).`);
    root = parsed.root;
  } else {
    const errors: ParseError[] = [];
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    for (const error of errors) problems.at(error.offset, `not valid JSON (${printParseErrorCode(error.error)}).`);
  }
  problems.throwIfAny();
  if (!root || root.type !== 'object') {
    problems.at(root?.offset ?? 0, `the file must hold ${syntax === 'yaml' ? 'a YAML mapping' : 'a JSON object'} {"name", "version", "themes": [...]}.`);
    problems.throwIfAny();
  }
  checkKeys(root!, TOP_LEVEL_KEYS, '(top level)', problems);
  const field = (key: string): string | undefined => {
    const node = findNodeAtLocation(root!, [key]);
    if (node && node.type !== 'string') problems.node(node, key, 'must be a string.');
    return stringValue(node);
  };
  const name = field('name');
  const version = field('version');
  const mode = field('mode');
  if (mode !== undefined && mode !== 'replace' && mode !== 'extend') problems.node(findNodeAtLocation(root!, ['mode'])!, 'mode', 'must be "replace" or "extend".');
  const themesNode = findNodeAtLocation(root!, ['themes']);
  const themes: ThemeDefinition[] = [];
  if (themesNode === undefined) problems.at(root!.offset, 'themes is missing: give an array of themes.');
  else if (themesNode.type !== 'array') problems.node(themesNode, 'themes', 'must be an array.');
  else {
    const seen = new Set<string>();
    (themesNode.children ?? []).forEach((child, i) => {
      const theme = readTheme(child, `themes[${i}]`, problems);
      if (!theme) return;
      if (seen.has(theme.code)) problems.node(child, `themes[${i}].code`, `"${theme.code}" appears twice; merge the two themes.`);
      seen.add(theme.code);
      themes.push(theme);
    });
  }
  problems.throwIfAny();
  return { name: name ?? 'custom', version: version ?? '0', themes, fingerprint: taxonomyFingerprint(themes), ...(mode ? { mode: mode as TaxonomyMode } : {}) };
}

/**
 * A user's taxonomy over the built-in one. `replace`: the user's themes only. `extend`: the built-in
 * themes plus the user's; a theme whose code exists already gets the user's terms and exclusions added,
 * and the user's label and description when given.
 */
export function combineTaxonomies(base: Taxonomy, user: Taxonomy, mode: TaxonomyMode): Taxonomy {
  if (mode === 'replace') return user;
  const byCode = new Map(base.themes.map((theme) => [theme.code, theme]));
  for (const theme of user.themes) {
    const existing = byCode.get(theme.code);
    if (!existing) {
      byCode.set(theme.code, theme);
      continue;
    }
    byCode.set(theme.code, {
      ...existing,
      label: theme.label === humanize(theme.code) ? existing.label : theme.label,
      description: theme.description || existing.description,
      terms: [...existing.terms, ...theme.terms],
      exclude: [...existing.exclude, ...theme.exclude],
    });
  }
  const themes = [...byCode.values()];
  return { name: `${base.name}+${user.name}`, version: `${base.version}+${user.version}`, themes, fingerprint: taxonomyFingerprint(themes) };
}
