import { serveTasks } from '../cli/pool/protocol.js';
import { analyzerFor } from './article-analysis.js';
import { analyzePage } from './page-analysis.js';
import type { WorkerResult, WorkerTask } from './analyzers.js';

/** The ingest's worker: a page in, its extraction out (page-analysis.ts); or an article in, its analysis out (models loaded once per worker). */
serveTasks<WorkerTask, WorkerResult>((task) => (task.kind === 'page' ? analyzePage(task.page) : analyzerFor(task.settings).analyze(task.article)));
