import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Option } from 'commander';
import { databaseOption, openArchiveForReading } from '../database.js';
import { StreamWriter } from '../io/output.js';
import { describeFsError } from '../io/read.js';
import { csvHeader, csvRow } from '../query/csv.js';
import { filterOptions, reportStoreError, toFilter, type FilterFlags } from '../query/options.js';
import { storedArticleToJSON } from '../query/stored-json.js';
import type { CliCommand, CliContext } from './command.js';

const FORMATS = {
  jsonl: 'one JSON object per line: id, every extracted field with its provenance, site, firstSeen, duplicate',
  csv: 'a header row, then one row per article (id, URLs, title, published, site, language, authors, ..., text)',
} as const;
type ExportFormat = keyof typeof FORMATS;

interface ExportFlags extends FilterFlags {
  readonly format: ExportFormat;
  readonly output?: string;
  readonly db?: string;
}

const HELP = `
Formats:
${Object.entries(FORMATS).map(([name, description]) => `  ${name.padEnd(7)}${description}`).join('\n')}

Articles are written in id order (the order they were stored), one at a time: memory use does not grow
with the archive. With --output, the file appears only when the export is complete.

Examples:
  $ parley export > archive.jsonl
  $ parley export --since 2024-05-01 --until 2024-05-31 --lang en --format csv --output may.csv
  $ parley export --site example.com | jq -r .title

Exit status: 0 exported (also when no article matches); 1 the database is missing or damaged, or the
output cannot be written; 2 usage error.`;

export const exportCommand: CliCommand = {
  name: 'export',
  register(program, context) {
    const command = program.command('export').summary('write stored articles as JSON lines or CSV').description('Write the articles of the archive, all of them or those matching the filters, as JSON lines or CSV.');
    for (const option of filterOptions()) command.addOption(option);
    command
      .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('jsonl'))
      .addOption(new Option('-o, --output <file>', 'write to FILE instead of standard output'))
      .addOption(databaseOption())
      .showHelpAfterError('(run "parley export --help" for the formats and examples)')
      .addHelpText('after', HELP)
      .action(async (flags: ExportFlags) => context.setExitCode(await runExport(flags, context)));
  },
};

async function runExport(flags: ExportFlags, context: CliContext): Promise<number> {
  const { stderr } = context.streams;
  const opened = await openArchiveForReading(flags.db);
  if (!opened.ok) {
    stderr.write(`parley export: ${opened.message}\n`);
    return 1;
  }
  // A file is written under a temporary name and renamed when complete, so a failed export never
  // leaves a truncated file that looks whole.
  const partial = flags.output === undefined ? null : `${flags.output}.partial-${process.pid}`;
  const file = partial === null ? null : createWriteStream(partial);
  const output = new StreamWriter(file ?? context.streams.stdout);
  let count = 0;
  let status = 0;
  try {
    if (flags.format === 'csv') await output.write(csvHeader());
    for await (const stored of opened.store.exportArticles(toFilter(flags))) {
      const ok = await output.write(flags.format === 'csv' ? csvRow(stored) : `${JSON.stringify(storedArticleToJSON(stored))}\n`);
      if (!ok) break;
      count++;
    }
  } catch (error) {
    status = reportStoreError(error, 'export', stderr);
  } finally {
    await opened.store.close();
  }
  if (file !== null && partial !== null) {
    file.end();
    await finished(file).catch(() => undefined);
    if (status === 0 && !output.error) {
      try {
        await rename(partial, flags.output!);
      } catch (error) {
        stderr.write(`parley export: cannot write ${flags.output}: ${describeFsError(error)}.\n`);
        status = 1;
      }
    }
    if (status !== 0 || output.error) await rm(partial, { force: true });
  }
  if (output.error && status === 0) {
    stderr.write(`parley export: cannot write the output${flags.output ? ` ${flags.output}` : ''}: ${describeFsError(output.error)}.\n`);
    status = 1;
  }
  if (status === 0 && flags.output !== undefined) stderr.write(`parley export: ${count} article${count === 1 ? '' : 's'} written to ${flags.output}.\n`);
  return status;
}
