import { Option } from 'commander';
import { ACTOR_TYPES } from '../../stages/actors/mention.js';
import type { ActorSummary } from '../../store/analysis.js';
import { helpList } from '../help-list.js';
import { LISTING_FORMATS } from '../stored/listing.js';
import { aggregateOptions, listAggregate, type AggregateFlags } from '../stored/aggregates-db.js';
import type { CliCommand } from './command.js';

interface ActorsFlags extends AggregateFlags {
  readonly name?: string;
  readonly type?: string;
}

const HELP = `
Formats:
${helpList(LISTING_FORMATS)}

Columns: the actor's CAMEO code (when it has one), its name and type, the articles that mention it and
its mentions in them. The same list as GET /api/actors of "parley serve".

Examples:
  $ parley actors                                   the actors of the whole archive
  $ parley actors --type person --since 2024-05     the people of May 2024 and later
  $ parley actors --name kerry --format json        every actor whose name or code contains "kerry"
  $ parley actors --site voanews.com --format csv > actors.csv

Exit status: 0 listed (also when nothing matches); 1 the database is missing or damaged; 2 usage error.`;

export const actorsCommand: CliCommand = {
  name: 'actors',
  register(program, context) {
    const command = program
      .command('actors')
      .summary('list the actors of the stored articles (people, organizations, countries), most articles first')
      .description('List who the stored articles are about: each actor with its CAMEO code, type, and how many articles mention it, over the articles the filters select.')
      .addOption(new Option('--name <text>', 'only actors whose name or code contains TEXT (any case)'))
      .addOption(new Option('--type <type>', 'only actors of this type').choices([...ACTOR_TYPES]));
    for (const option of aggregateOptions()) command.addOption(option);
    command
      .showHelpAfterError('(run "parley actors --help" for the options and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: ActorsFlags) =>
        context.setExitCode(
          await listAggregate<ActorSummary>(
            {
              command: 'actors',
              flags,
              rows: (store) => store.listActors({ name: flags.name, type: flags.type, since: flags.since, until: flags.until, site: flags.site, limit: flags.limit }),
              columns: [
                { name: 'code', value: (a) => a.code },
                { name: 'name', value: (a) => a.name, width: 40 },
                { name: 'type', value: (a) => a.type },
                { name: 'articles', value: (a) => a.articles },
                { name: 'mentions', value: (a) => a.mentions },
              ],
              none: 'no stored actor matches (were the articles ingested with --no-analysis? "parley reanalyze" adds the layers).',
            },
            context,
          ),
        ),
      );
  },
};
