import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { isParleyError } from '../../pipeline/errors.js';
import { ResourceLoader } from '../../resources/index.js';
import { ENTITIES_DEFAULTS } from '../../stages/entities/entities.js';
import type { NerModel } from '../../stages/entities/model.js';
import { STDIN_ARGUMENT } from '../io/inputs.js';
import { StreamWriter } from '../io/output.js';
import { describeFsError, readPageFile, readPageStdin } from '../io/read.js';
import { tagConllStream } from '../ner/conll-stream.js';
import { renderTextResult, tagText, TEXT_FORMATS, type TextFormat } from '../ner/text.js';
import { formatByteSize, parseByteSize, parsePositiveInteger } from '../values.js';
import type { CliCommand, CliContext } from './command.js';
import { helpList } from '../help-list.js';

interface NerFlags {
  readonly conll?: boolean;
  readonly format?: TextFormat;
  readonly maxBytes: number;
  readonly maxContextTokens: number;
  readonly models?: string;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** A CoNLL "sentence" longer than this (a file without blank lines) is tagged in pieces. */
const MAX_CONLL_SENTENCE_TOKENS = 1000;

const DESCRIPTION = [
  'Find the names in a text: people (PER), organizations (ORG), places (LOC) and other names (MISC), with the NER model Parley ships (trained on CoNLL-2003).',
  'A plain text file (UTF-8) gives its entities with their offsets into the text exactly as read (JavaScript string offsets: text.slice(start, end) is the entity). With --conll, the input is in CoNLL-2003 format and every line comes back with the predicted IOB2 tag as one more column.',
].join('\n\n');

const FORMAT_HELP = helpList(TEXT_FORMATS);

const EXAMPLES = `
Formats (plain text input):
${FORMAT_HELP}

CoNLL input (--conll): one token per line, the token first (other columns are kept as they are),
a blank line between sentences, -DOCSTART- lines between documents. Those lines pass through unchanged.

Examples:
  $ parley ner story.txt                          the entities as JSON
  $ parley ner --format text story.txt            a readable listing
  $ parley ner --conll eng.testb > tagged.conll   add a column of predicted tags
  $ cat sentences.conll | parley ner --conll -

Exit status: 0 tagged; 1 the input cannot be read, is empty or is not CoNLL (the message gives the line),
or the model cannot be loaded; 2 usage error.`;

export const nerCommand: CliCommand = {
  name: 'ner',
  register(program, context) {
    program
      .command('ner')
      .summary('find people, organizations, places and other names in a text (or tag a CoNLL file)')
      .description(DESCRIPTION)
      .argument('<input>', 'a UTF-8 text file, a CoNLL file with --conll, or - for standard input')
      .addOption(new Option('--conll', 'the input is CoNLL-2003 columns: write each line back with the predicted tag'))
      .addOption(new Option('-f, --format <format>', 'output format for plain text input (default: json)').choices(Object.keys(TEXT_FORMATS)))
      .addOption(
        new Option('--max-bytes <size>', 'largest plain text accepted (e.g. 512KB, 50MB); CoNLL input is streamed and has no limit')
          .argParser(parseByteSize)
          .default(DEFAULT_MAX_BYTES, formatByteSize(DEFAULT_MAX_BYTES)),
      )
      .addOption(
        new Option('--max-context-tokens <n>', 'tokens of one document looked at together (document features); longer documents are tagged in parts')
          .argParser(parsePositiveInteger)
          .default(ENTITIES_DEFAULTS.maxContextTokens),
      )
      .addOption(new Option('--models <dir>', 'directory with the NER model files (default: the models/ directory of Parley)').hideHelp())
      .showHelpAfterError('(run "parley ner --help" for the options and examples)')
      .addHelpText('after', EXAMPLES)
      .action(async (input: string, flags: NerFlags, command: Command) => {
        if (flags.conll && flags.format) {
          command.error('error: --format applies to plain text; with --conll the output is the CoNLL lines with one more column. Leave one of them out.', { exitCode: 2, code: 'parley.usage' });
        }
        context.setExitCode(await runNer(input, flags, context));
      });
  },
};

async function runNer(input: string, flags: NerFlags, context: CliContext): Promise<number> {
  const { stderr } = context.streams;
  const fail = (message: string): number => {
    stderr.write(`parley ner: ${message}\n`);
    return 1;
  };
  if (input !== STDIN_ARGUMENT) {
    try {
      if ((await stat(input)).isDirectory()) return fail(`${input} is a directory: give a file.`);
    } catch (error) {
      return fail(`cannot open ${input}: ${describeFsError(error)}.`);
    }
  }
  let model: NerModel;
  try {
    model = new ResourceLoader(flags.models).nerModel();
  } catch (error) {
    if (isParleyError(error)) return fail(`${error.message} [${error.code}]`);
    throw error;
  }
  const output = new StreamWriter(context.streams.stdout);
  if (flags.conll) {
    const stream = input === STDIN_ARGUMENT ? context.streams.stdin : createReadStream(input);
    const result = await tagConllStream({ model, input: stream, output, source: input, maxContextTokens: flags.maxContextTokens, maxSentenceTokens: MAX_CONLL_SENTENCE_TOKENS });
    return result.ok ? 0 : fail(result.message);
  }
  const read = input === STDIN_ARGUMENT ? await readPageStdin(context.streams.stdin, flags.maxBytes) : await readPageFile(input, flags.maxBytes);
  if (!read.ok) return fail(read.message);
  const text = Buffer.from(read.bytes).toString('utf8');
  if (text.trim() === '') return fail(`${input === STDIN_ARGUMENT ? 'standard input' : input} is empty: nothing to tag.`);
  const result = tagText(text, input, model);
  const written = await output.write(renderTextResult(result, flags.format ?? 'json'));
  return written ? 0 : fail(`cannot write the output: ${output.error?.message ?? 'the stream closed'}.`);
}
