import { createInterface } from 'node:readline';
import { classifyConllLine, conllLineProblem } from '../../stages/entities/conll.js';
import type { NerModel } from '../../stages/entities/model.js';
import { iob2Tags } from '../../stages/entities/tags.js';
import type { StreamWriter } from '../io/output.js';

/**
 * `parley ner --conll`: reads CoNLL-2003 lines and writes each back with the predicted IOB2 tag as one
 * more column; `-DOCSTART-` and blank lines pass through unchanged, in order. Streamed: one document is
 * held at a time (and at most `maxContextTokens` tokens of it, cut at a sentence end), so memory does
 * not grow with the file.
 */

export interface ConllTagOptions {
  readonly model: NerModel;
  readonly input: NodeJS.ReadableStream;
  readonly output: StreamWriter;
  /** The input's name in messages ("-" is standard input). */
  readonly source: string;
  readonly maxContextTokens: number;
  /** A sentence with more tokens than this (a file without blank lines) is tagged in pieces of this size. */
  readonly maxSentenceTokens: number;
}

export type ConllTagResult =
  | { readonly ok: true; readonly documents: number; readonly sentences: number; readonly tokens: number }
  | { readonly ok: false; readonly code: 'MALFORMED' | 'EMPTY_INPUT' | 'READ_ERROR' | 'OUTPUT_ERROR'; readonly message: string };

interface Pending {
  /** Input lines in order; token lines carry their place in `sentences`. */
  readonly lines: { readonly text: string; readonly sentence: number; readonly token: number }[];
  readonly sentences: string[][];
  tokens: number;
}

function emptyPending(): Pending {
  return { lines: [], sentences: [], tokens: 0 };
}

export async function tagConllStream(options: ConllTagOptions): Promise<ConllTagResult> {
  const { model, output } = options;
  let pending = emptyPending();
  let sentenceOpen = false;
  let columnCount = -1;
  let lineNumber = 0;
  let documents = 0;
  let sentences = 0;
  let tokens = 0;

  const flush = async (): Promise<boolean> => {
    if (pending.lines.length === 0) return true;
    const tagged = pending.sentences.length > 0 ? model.tagDocument(pending.sentences).map((s) => iob2Tags(s.tags)) : [];
    let text = '';
    for (const line of pending.lines) {
      if (line.sentence < 0) {
        text += `${line.text}\n`;
      } else {
        const separator = line.text.includes('\t') && !line.text.includes(' ') ? '\t' : ' ';
        text += `${line.text}${separator}${tagged[line.sentence]![line.token]!}\n`;
      }
    }
    pending = emptyPending();
    sentenceOpen = false;
    return output.write(text);
  };

  const lines = createInterface({ input: options.input, crlfDelay: Infinity });
  try {
    for await (const raw of lines) {
      lineNumber++;
      const problem = conllLineProblem(raw);
      if (problem) {
        await flush();
        return { ok: false, code: 'MALFORMED', message: `${options.source}:${lineNumber}: not a CoNLL line: ${problem}.` };
      }
      const line = classifyConllLine(raw);
      if (line.kind === 'docstart') {
        if (!(await flush())) return outputFailed(output);
        documents++;
        pending.lines.push({ text: raw, sentence: -1, token: -1 });
        continue;
      }
      if (line.kind === 'blank') {
        sentenceOpen = false;
        pending.lines.push({ text: raw, sentence: -1, token: -1 });
        if (pending.tokens >= options.maxContextTokens && !(await flush())) return outputFailed(output);
        continue;
      }
      if (columnCount < 0) columnCount = line.columns.length;
      else if (line.columns.length !== columnCount) {
        await flush();
        return {
          ok: false,
          code: 'MALFORMED',
          message: `${options.source}:${lineNumber}: this token line has ${line.columns.length} column(s), the first one had ${columnCount}; every token line of a CoNLL file has the same columns.`,
        };
      }
      if (!sentenceOpen || pending.sentences.at(-1)!.length >= options.maxSentenceTokens) {
        pending.sentences.push([]);
        sentenceOpen = true;
        sentences++;
      }
      const sentence = pending.sentences.at(-1)!;
      pending.lines.push({ text: raw.trimEnd(), sentence: pending.sentences.length - 1, token: sentence.length });
      sentence.push(line.columns[0]!);
      pending.tokens++;
      tokens++;
    }
  } catch (error) {
    return { ok: false, code: 'READ_ERROR', message: `Cannot read ${options.source === '-' ? 'standard input' : options.source}: ${error instanceof Error ? error.message : String(error)}.` };
  }
  if (!(await flush())) return outputFailed(output);
  if (tokens === 0) {
    return { ok: false, code: 'EMPTY_INPUT', message: `${options.source === '-' ? 'Standard input' : options.source} has no token lines: nothing to tag (a CoNLL file has one token per line).` };
  }
  return { ok: true, documents, sentences, tokens };
}

function outputFailed(output: StreamWriter): ConllTagResult {
  return { ok: false, code: 'OUTPUT_ERROR', message: `Cannot write the output: ${output.error?.message ?? 'the stream closed'}.` };
}
