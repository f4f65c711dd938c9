#!/usr/bin/env node
/**
 * The `parley` command (package.json "bin"). Everything happens in runCli; this file only binds it to
 * the process. A bug that escapes a command is printed with its stack and exits 1 (not 2: not a usage
 * error); the exit code is set rather than forced so that pending output is flushed first.
 */
import { EXIT, runCli } from './program.js';

// The reader of our output went away (`parley ... | head`): stop at once and quietly, as a piped tool should.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.failed);
  throw error;
});

try {
  process.exitCode = await runCli(process.argv, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
} catch (error) {
  process.stderr.write(`parley: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
}
