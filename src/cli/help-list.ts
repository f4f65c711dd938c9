/**
 * A list of names and what they mean, for the help texts ("Formats:"): the names in a column as wide
 * as the longest one, two spaces before the meanings, so no name can run into its text.
 */
export function helpList(entries: Readonly<Record<string, string>> | readonly (readonly [string, string])[]): string {
  const rows = Array.isArray(entries) ? (entries as readonly (readonly [string, string])[]) : Object.entries(entries);
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`).join('\n');
}
