import { Option, type Command } from 'commander';
import { isParleyError } from '../../pipeline/errors.js';
import { ResourceLoader } from '../../resources/index.js';
import { codeJsonLines, codeLine } from '../events/jsonl.js';
import { eventsPipeline, eventsResources } from '../events/pipeline.js';
import type { CliCommand, CliContext } from './command.js';

interface EventsFlags {
  readonly jsonl?: boolean;
  readonly models?: string;
}

const DESCRIPTION = [
  'Code political events (who did what to whom) in CAMEO and PLOVER, sentence by sentence, with the actors Parley finds.',
  'With --jsonl, reads JSON lines {"id", "text", "date"?} on standard input and writes one line per input line, in order: {"id", "events": [{"source", "target", "code", "root", "quadClass", "goldstein", "plover", "evidence": {"start", "end"}, "confidence"}]}. Evidence offsets are JavaScript string offsets into the given text. A line that cannot be read gets {"id"?, "error": {"code", "message"}} and the rest goes on.',
].join('\n\n');

const EXAMPLES = `
Examples:
  $ echo '{"id":"1","text":"Russia accused Ukraine of shelling."}' | parley events --jsonl
  $ parley events --jsonl < sentences.jsonl > events.jsonl

Exit status: 0 every line coded; 1 some line failed (its error is on its output line) or the models cannot be loaded; 2 usage error.`;

/**
 * `parley events`: coding text given on standard input (--jsonl). Each mode is its own function, so a
 * mode over stored events (--db FILE with filters) can be added beside it.
 */
export const eventsCommand: CliCommand = {
  name: 'events',
  register(program, context) {
    program
      .command('events')
      .summary('code political events (CAMEO, PLOVER) in texts given as JSON lines')
      .description(DESCRIPTION)
      .addOption(new Option('--jsonl', 'read JSON lines {"id", "text", "date"?} on standard input, write one result line per input line'))
      .addOption(new Option('--models <dir>', 'directory with the model files (default: the models/ directory of Parley)').hideHelp())
      .showHelpAfterError('(run "parley events --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (flags: EventsFlags, command: Command) => {
        if (!flags.jsonl) command.error('error: give --jsonl (texts as JSON lines on standard input).', { exitCode: 2, code: 'parley.usage' });
        context.setExitCode(await runJsonl(flags, context));
      });
  },
};

async function runJsonl(flags: EventsFlags, context: CliContext): Promise<number> {
  const { streams } = context;
  let code: (line: string) => ReturnType<typeof codeLine>;
  try {
    const pipeline = eventsPipeline();
    const resources = eventsResources(pipeline, new ResourceLoader(flags.models));
    code = (line) => codeLine(line, pipeline, resources);
  } catch (error) {
    if (!isParleyError(error)) throw error;
    streams.stderr.write(`parley events: ${error.message}\n`);
    return 1;
  }
  const failures = await codeJsonLines(streams.stdin, (line) => streams.stdout.write(line), code);
  return failures > 0 ? 1 : 0;
}
