import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from '../../src/model/document.js';
import { buildPipeline, step } from '../../src/pipeline/build.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { documentFromPlainText } from '../../src/stages/sentences/plain-text.js';
import { sentencesStage } from '../../src/stages/sentences/sentences.js';
import { parseTaxonomy, type Taxonomy } from '../../src/stages/themes/taxonomy.js';
import { themesStageFor } from '../../src/stages/themes/themes.js';

/** A taxonomy from an inline object (as a user would write it in a file). */
export function taxonomyOf(value: unknown): Taxonomy {
  return parseTaxonomy(JSON.stringify(value, null, 2), 'inline.json');
}

/** Runs sentences + themes over a plain text. */
export function themesOf(text: string, taxonomy: Taxonomy): Document {
  const pipeline = buildPipeline([step(sentencesStage), step(themesStageFor(taxonomy))]);
  return runPipeline(pipeline, documentFromPlainText(text), { themes: taxonomy });
}

/** The evidence of a document as "THEME:matched text" strings, in order. */
export function evidence(doc: Document): string[] {
  return (doc.layers.themes ?? []).map((a) => `${a.data.theme}:${doc.text.slice(a.start, a.end)}`);
}

export function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'parley-themes-')), name);
  writeFileSync(path, content);
  return path;
}
