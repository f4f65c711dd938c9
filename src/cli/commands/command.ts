import type { Command } from 'commander';
import type { CliStreams } from '../streams.js';

/** What every command gets from the program: the process streams and a way to set the exit code. */
export interface CliContext {
  readonly streams: CliStreams;
  setExitCode(code: number): void;
}

/**
 * One CLI command, in its own file under commands/. `register` adds it to the program (options, help,
 * action); the action parses and checks its arguments, calls the library or app layer, and prints.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command, context: CliContext): void;
}
