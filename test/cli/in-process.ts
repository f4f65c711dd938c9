import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

/**
 * Runs `parley` in this process, on the sources (no build, no process start): for tests of help texts
 * and usage errors, which need neither workers nor a database. Commands that do real work are tested
 * as real processes (run-parley.ts).
 */
export async function runInProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const err = Object.assign(sink((text) => (stderr += text)), { isTTY: false }) as unknown as NodeJS.WriteStream;
  const code = await runCli(['node', 'parley', ...args], { stdin: Readable.from([]), stdout: sink((text) => (stdout += text)), stderr: err });
  return { code, stdout, stderr };
}
