import { serveTasks } from '../cli/pool/protocol.js';
import { analyzePage, type PageAnalysis, type PageTask } from './page-analysis.js';

/** The ingest's extraction worker: one page in, its analysis out (see page-analysis.ts). */
serveTasks<PageTask, PageAnalysis>(analyzePage);
