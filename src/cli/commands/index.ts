import { analyzeCommand } from './analyze.js';
import type { CliCommand } from './command.js';
import { extractCommand } from './extract.js';
import { ingestCommand } from './ingest.js';
import { nerCommand } from './ner.js';
import { quotesCommand } from './quotes.js';
import { searchCommand } from './search.js';
import { serveCommand } from './serve.js';
import { showCommand } from './show.js';
import { exportCommand } from './export.js';
import { eventsCommand } from './events.js';
import { reanalyzeCommand } from './reanalyze.js';
import { statsCommand } from './stats.js';
import { placesCommand } from './places.js';
import { actorsCommand } from './actors.js';
import { themesCommand } from './themes.js';
import { workerCommand } from './worker.js';
import { copyCommand } from './copy.js';

/** Every command of the `parley` program, in the order `parley --help` lists them. */
export const COMMANDS: readonly CliCommand[] = [extractCommand, analyzeCommand, ingestCommand, nerCommand, quotesCommand, searchCommand, showCommand, exportCommand, statsCommand, serveCommand, reanalyzeCommand, eventsCommand, placesCommand, actorsCommand, themesCommand, workerCommand, copyCommand];
