/**
 * A YAML front-matter block for Markdown documents: scalars and lists of strings only, which is all
 * article metadata needs. Every string is written double-quoted with escapes, so no value from a page
 * (a title with `: `, a leading `-`, `---`, `#`, a newline) can change the block's structure.
 */

export type FrontMatterValue = string | number | null | readonly string[];

/** `---` + one `key: value` line per field (null and empty values left out) + `---`. */
export function yamlFrontMatter(fields: readonly (readonly [string, FrontMatterValue])[]): string {
  const lines = ['---'];
  for (const [key, value] of fields) {
    if (value === null || value === '') continue;
    if (typeof value === 'number') lines.push(`${key}: ${Number.isFinite(value) ? String(value) : 'null'}`);
    else if (typeof value === 'string') lines.push(`${key}: ${yamlString(value)}`);
    else if (value.length > 0) lines.push(`${key}:`, ...value.map((item) => `  - ${yamlString(item)}`));
  }
  lines.push('---');
  return lines.join('\n');
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Characters YAML does not allow unescaped (C0/C1 controls, DEL, line and paragraph separators, BOM). */
const NON_PRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/**
 * A YAML double-quoted scalar. JSON string syntax is a subset of it; on top of JSON's escapes, the
 * characters YAML forbids raw are escaped and unpaired surrogates (not encodable) become U+FFFD.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value.replace(LONE_SURROGATE, '\ufffd')).replace(
    NON_PRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
