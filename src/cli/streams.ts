/** The process streams a command reads and writes; passed in (not taken from `process`) so one place owns them. */
export interface CliStreams {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
}
