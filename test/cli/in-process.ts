import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

/**
 * Runs `parley` in this process, on the sources (no build, no process start): for commands that need no
 * worker threads (help, usage errors, the archive queries, analyze and quotes on this thread). Commands
 * that run workers (extract, ingest) are tested as real processes (run-parley.ts). `env` is set for the
 * run and restored after it (a key given as undefined is removed meanwhile).
 */
export interface InProcessOptions {
  readonly stdin?: string | Buffer;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export async function runInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<{ code: number; stdout: string; stderr: string }> {
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
  const stdin = Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]);
  const saved = Object.fromEntries(Object.keys(options.env ?? {}).map((key) => [key, process.env[key]]));
  setEnv(options.env ?? {});
  try {
    const code = await runCli(['node', 'parley', ...args], { stdin, stdout: sink((text) => (stdout += text)), stderr: err });
    return { code, stdout, stderr };
  } finally {
    setEnv(saved);
  }
}

function setEnv(values: Readonly<Record<string, string | undefined>>): void {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}
