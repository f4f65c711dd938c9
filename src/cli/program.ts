import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import type { CliStreams } from './streams.js';

/** Exit statuses shared by every command. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const OVERVIEW = `
Examples:
  $ parley extract story.html                     one page → the article as JSON
  $ parley extract --format markdown story.html   the same, as Markdown with front matter
  $ parley extract archive/ > articles.jsonl      a directory of pages → one JSON line per page

Run "parley <command> --help" for a command's options and more examples.`;

/**
 * Builds the `parley` program with every command and runs it on `argv` (as in process.argv). Returns
 * the exit status: a command's own (0 or 1), 0 for --help and --version, 2 for a usage error. The
 * settings made here (output streams, exit handling, suggestions) are inherited by every command.
 */
export async function runCli(argv: readonly string[], streams: CliStreams): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command('parley')
    .description('Parley: clean articles, entities, quotes, themes and events from raw news pages.')
    .version(packageVersion(), '-V, --version', 'print the version of Parley')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .configureOutput({
      writeOut: (text) => streams.stdout.write(text),
      writeErr: (text) => streams.stderr.write(text),
    })
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText('after', OVERVIEW);
  const context = { streams, setExitCode: (code: number) => void (exitCode = code) };
  for (const command of COMMANDS) command.register(program, context);
  program.showHelpAfterError('(run "parley --help" for the commands and examples)');
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
  return exitCode;
}

/** The version in package.json (two levels up from both src/cli and dist/cli). */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}
