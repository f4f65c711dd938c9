import type { ThemeSummary } from '../../store/analysis.js';
import { helpList } from '../help-list.js';
import { LISTING_FORMATS } from '../stored/listing.js';
import { aggregateOptions, listAggregate, type AggregateFlags } from '../stored/aggregates-db.js';
import type { CliCommand } from './command.js';

const HELP = `
Formats:
${helpList(LISTING_FORMATS)}

Columns: the theme's code and label, the articles that have it, its mean score over them, and the
evidence spans (the words that support it) across them. The same list as GET /api/themes of "parley
serve". A theme code selects events too: parley events --theme CODE.

Examples:
  $ parley themes                                   the themes of the whole archive
  $ parley themes --since 2024-01 --until 2024-06   the first half of 2024
  $ parley themes --site voanews.com --format json

Exit status: 0 listed (also when nothing matches); 1 the database is missing or damaged; 2 usage error.`;

export const themesCommand: CliCommand = {
  name: 'themes',
  register(program, context) {
    const command = program
      .command('themes')
      .summary('list the themes of the stored articles, most articles first')
      .description('List what the stored articles are about: each theme with how many articles have it, its mean score and its evidence, over the articles the filters select.');
    for (const option of aggregateOptions()) command.addOption(option);
    command
      .showHelpAfterError('(run "parley themes --help" for the options and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: AggregateFlags) =>
        context.setExitCode(
          await listAggregate<ThemeSummary>(
            {
              command: 'themes',
              flags,
              rows: (store) => store.listThemes({ since: flags.since, until: flags.until, site: flags.site, limit: flags.limit }),
              columns: [
                { name: 'theme', value: (t) => t.theme },
                { name: 'label', value: (t) => t.label, width: 40 },
                { name: 'articles', value: (t) => t.articles },
                { name: 'score', value: (t) => t.meanScore.toFixed(2) },
                { name: 'evidence', value: (t) => t.evidence },
              ],
              none: 'no stored theme matches (were the articles ingested with --no-analysis? "parley reanalyze" adds the layers).',
            },
            context,
          ),
        ),
      );
  },
};
