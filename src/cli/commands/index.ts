import type { CliCommand } from './command.js';
import { extractCommand } from './extract.js';
import { ingestCommand } from './ingest.js';
import { nerCommand } from './ner.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';
import { exportCommand } from './export.js';
import { statsCommand } from './stats.js';

/** Every command of the `parley` program, in the order `parley --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [extractCommand, ingestCommand, nerCommand, searchCommand, showCommand, exportCommand, statsCommand, serveCommand];
