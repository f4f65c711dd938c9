import { ParleyError } from '../pipeline/errors.js';
import { readTaxonomyFile, userTaxonomy, type UserTaxonomyText } from '../resources/themes.js';
import { parseTaxonomy } from '../stages/themes/taxonomy.js';
import type { Store } from '../store/store.js';

/**
 * The theme taxonomy of an archive. A taxonomy given with `--themes FILE` (to ingest or reanalyze) is
 * remembered by the archive — its text, not its path, so the file may move or change — and used by
 * every later ingest and reanalyze of that archive without --themes, so a plain `parley reanalyze`
 * never swaps a custom taxonomy for the built-in one behind the user's back. `--builtin-themes` forgets
 * it. Each run says which taxonomy it uses (`note`).
 */

export const THEMES_SETTING = 'themes.taxonomy';

export interface ArchiveTaxonomy {
  /** The user's taxonomy to use, or null for the built-in one. */
  readonly themes: UserTaxonomyText | null;
  /** What to tell the user about it, or null when nothing needs saying (the built-in taxonomy, as always). */
  readonly note: string | null;
}

export async function archiveTaxonomy(store: Store, themesFile: string | null, builtin: boolean): Promise<ArchiveTaxonomy> {
  if (themesFile !== null && builtin) throw new ParleyError('E_USAGE', '--themes and --builtin-themes ask for two different taxonomies.', 'Give one of them.');
  if (themesFile !== null) {
    const themes = readTaxonomyFile(themesFile);
    const own = checked(themes); // a malformed file is refused before anything runs
    await store.setArchiveSetting(THEMES_SETTING, JSON.stringify(themes));
    return { themes, note: `the theme taxonomy ${own} of ${themesFile}; this archive remembers it for later runs without --themes (--builtin-themes forgets it).` };
  }
  const remembered = await store.getArchiveSetting(THEMES_SETTING);
  if (builtin) {
    if (remembered === null) return { themes: null, note: null };
    await store.setArchiveSetting(THEMES_SETTING, null);
    return { themes: null, note: 'the built-in theme taxonomy; this archive no longer remembers its own.' };
  }
  if (remembered === null) return { themes: null, note: null };
  const themes = JSON.parse(remembered) as UserTaxonomyText;
  const own = checked({ ...themes, source: `${themes.source} (as this archive remembers it)` });
  return { themes, note: `the theme taxonomy ${own} this archive remembers from --themes ${themes.source}; --builtin-themes goes back to the built-in one.` };
}

/** Checks the taxonomy whole (as it will be used) and names it as its file does: `"newsroom" (version 3)`. */
function checked(themes: UserTaxonomyText): string {
  userTaxonomy(themes);
  const own = parseTaxonomy(themes.text, themes.source, themes.syntax);
  return `"${own.name}" (version ${own.version})`;
}
