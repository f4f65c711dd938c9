import { InvalidArgumentError, Option } from 'commander';
import { createApp } from '../../server/app.js';
import { ListenError, startServer, type RunningServer } from '../../server/listen.js';
import { DEFAULT_LIMITS, parseCorsOrigin, type ServerLog } from '../../server/options.js';
import { loadUiAssets } from '../../server/ui.js';
import { openApiDocument } from '../../server/openapi/document.js';
import { databaseOption, openArchiveForReading } from '../database.js';
import { formatDuration, parseDuration } from '../values.js';
import type { CliCommand, CliContext } from './command.js';

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

interface ServeFlags {
  readonly port: number;
  readonly host: string;
  readonly db?: string;
  readonly quiet?: boolean;
  readonly corsOrigin?: readonly string[];
  readonly requestTimeout: number;
}

/** The routes, one line each, from the OpenAPI document (so this help cannot drift from the server). */
function routeLines(): string {
  const paths = openApiDocument().paths as Record<string, { get: { summary: string } }>;
  const width = Math.max(...Object.keys(paths).map((p) => p.length));
  return Object.entries(paths)
    .map(([path, { get }]) => `  ${path.padEnd(width)}  ${get.summary}`)
    .join('\n');
}

const help = (): string => `
The workbench: open the printed URL in a browser. Search with facets and attention over time (several
queries on one chart), articles with their entities, quotes, events and themes highlighted, events
between actors by month, actor pages with a co-mention network, quotes, themes and coverage; every chart
and table downloads as CSV or JSON. It reads the same API as scripts, served from this package: nothing
is loaded from another host.

API routes (all GET; /api/openapi.json describes every parameter and response):
${routeLines()}

The server only reads the database: an ingest may write to it meanwhile. It listens on this machine only
(127.0.0.1) unless --host says otherwise; it has no authentication, so put a proxy in front of it before
opening it to a network. Each request is logged on standard output (--quiet: none); failures inside the
server are logged on standard error. SIGINT (Ctrl-C) or SIGTERM stops it cleanly.

Examples:
  $ parley serve                                     then open http://127.0.0.1:8080/
  $ parley serve --port 9000 --db archive.db
  $ curl 'http://127.0.0.1:8080/api/articles?q=%22climate+change%22&since=2024-01&limit=5'
  $ curl 'http://127.0.0.1:8080/api/events?source=USA&target=CHN&both=true&by=month'
  $ parley serve --cors-origin http://localhost:5173   let a web app on that origin call the API

Exit status: 0 stopped by a signal; 1 the database is missing or damaged, or the port cannot be used
(taken, not allowed); 2 usage error.`;

export const serveCommand: CliCommand = {
  name: 'serve',
  register(program, context) {
    program
      .command('serve')
      .summary('serve the workbench (a web UI) and the read-only JSON API')
      .description('Serve the archive over HTTP: the workbench, a web UI for analysts, at / and the read-only JSON API it reads at /api/.')
      .addOption(new Option('-p, --port <port>', 'the port to listen on (0: any free port)').argParser(parsePort).default(DEFAULT_PORT))
      .addOption(new Option('--host <host>', 'the address to listen on (0.0.0.0: every interface)').default(DEFAULT_HOST))
      .addOption(databaseOption())
      .addOption(new Option('-q, --quiet', 'do not log each request'))
      .addOption(new Option('--cors-origin <origin>', 'let web pages from ORIGIN (e.g. http://localhost:5173, or *) call the API; repeatable').argParser(collectOrigin))
      .addOption(new Option('--request-timeout <duration>', 'longest time a request may take (e.g. 10s)').argParser(parseDuration).default(DEFAULT_LIMITS.requestTimeoutMs, formatDuration(DEFAULT_LIMITS.requestTimeoutMs)))
      .showHelpAfterError('(run "parley serve --help" for the routes and examples)')
      .addHelpText('after', help)
      .action(async (flags: ServeFlags) => context.setExitCode(await runServe(flags, context)));
  },
};

function parsePort(value: string): number {
  const port = /^\s*\d{1,5}\s*$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new InvalidArgumentError('Expected a port number from 0 to 65535 (0: any free port).');
  return port;
}

function collectOrigin(value: string, previous: readonly string[] | undefined): readonly string[] {
  try {
    return [...(previous ?? []), parseCorsOrigin(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

async function runServe(flags: ServeFlags, context: CliContext): Promise<number> {
  const { stdout, stderr } = context.streams;
  const opened = await openArchiveForReading(flags.db);
  if (!opened.ok) {
    stderr.write(`parley serve: ${opened.message}\n`);
    return 1;
  }
  const log: ServerLog = {
    request: flags.quiet ? () => undefined : (line) => void stdout.write(`${line}\n`),
    error: (message) => void stderr.write(`parley serve: ${message}\n`),
  };
  let running: RunningServer;
  try {
    const app = createApp({ store: opened.store, corsOrigins: flags.corsOrigin ?? [], limits: { requestTimeoutMs: flags.requestTimeout }, log, ui: loadUiAssets() });
    running = await startServer(app, { host: flags.host, port: flags.port });
  } catch (error) {
    await opened.store.close();
    if (!(error instanceof ListenError)) throw error;
    stderr.write(`parley serve: ${error.message}\n`);
    return 1;
  }
  stdout.write(
    `Parley workbench: open ${running.url}/ in a browser (database ${opened.path})\nAPI: ${running.url}/api/ — every route in ${running.url}/api/openapi.json. Press Ctrl-C to stop.\n`,
  );

  const stop = stopSignals(() => {
    stderr.write('parley serve: closing the open connections now.\n');
    running.cutConnections();
  });
  try {
    const signal = await stop.first;
    stderr.write(`parley serve: ${signal} received; finishing the requests in progress.\n`);
    await running.close();
    await opened.store.close();
  } finally {
    stop.dispose();
  }
  stderr.write('parley serve: stopped.\n');
  return 0;
}

/** `first` resolves with the first stop signal; a second one (impatience) calls `again`. */
function stopSignals(again: () => void): { first: Promise<NodeJS.Signals>; dispose(): void } {
  let received = false;
  let resolveFirst: (signal: NodeJS.Signals) => void = () => undefined;
  const first = new Promise<NodeJS.Signals>((resolve) => (resolveFirst = resolve));
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) return again();
    received = true;
    resolveFirst(signal);
  };
  for (const name of SIGNALS) process.on(name, onSignal);
  return { first, dispose: () => SIGNALS.forEach((name) => process.off(name, onSignal)) };
}
