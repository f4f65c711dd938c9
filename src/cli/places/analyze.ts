/**
 * The per-input work of `parley places`: a plain text file, an HTML page, standard input, or one JSON
 * line {"id", "text"}, analyzed by the places pipeline (sentences → entities → actors → places) into
 * plain records. Offsets are JavaScript string offsets: into the text exactly as given for plain text and
 * JSON lines, into the extracted article text for pages. Bad input gets a coded error, never a throw.
 */
import { extractDocument } from '../../extract/index.js';
import { getLayer, type Document } from '../../model/document.js';
import { buildPipeline, step, type Pipeline } from '../../pipeline/build.js';
import { runPipeline } from '../../pipeline/run.js';
import type { Resources, Stage } from '../../pipeline/stage.js';
import { ANALYSIS_STAGES } from '../../stages/index.js';
import type { PlaceForm, ResolvedPlace } from '../../stages/places/place.js';
import { placesStage } from '../../stages/places/places.js';
import { selectStages } from '../../stages/select.js';
import { documentFromPlainText } from '../../stages/sentences/plain-text.js';
import { STDIN_ARGUMENT } from '../io/inputs.js';
import { readPageFile, readPageStdin } from '../io/read.js';

/** A place of the text: its words, and the gazetteer entry they resolve to (place.ts). */
export type PlaceOutput = { readonly start: number; readonly end: number; readonly text: string } & ResolvedPlace & { readonly form: PlaceForm; readonly confidence: number };

export interface FocusOutput {
  readonly countries: readonly { readonly country: string; readonly name: string; readonly score: number; readonly mentions: number }[];
  readonly cities: readonly { readonly name: string; readonly country: string; readonly admin1: string | null; readonly lat: number; readonly lon: number; readonly geonameId: number | null; readonly score: number; readonly mentions: number }[];
}

export interface PlacesResult {
  readonly places: readonly PlaceOutput[];
  readonly focus: FocusOutput;
  /** Why the stage did not look (another language) or stopped early (too many names), when it did. */
  readonly warnings?: readonly { readonly code: string; readonly message: string }[];
}

export type Failure = { readonly code: string; readonly message: string };

/** Longest text accepted on one JSON line (characters): a longer one gets an error line, not a hang. */
export const MAX_LINE_TEXT = 1_000_000;

let cached: Pipeline | null = null;

/** The stages `parley places` runs: the places stage and those it needs, in ANALYSIS_STAGES order. */
export function placesPipeline(): Pipeline {
  cached ??= buildPipeline(selectStages([placesStage.name], ANALYSIS_STAGES as Stage[]).map((stage) => step(stage)));
  return cached;
}

export function placesOf(doc: Document, pipeline: Pipeline, resources: Resources): PlacesResult | Failure {
  const analyzed = runPipeline(pipeline, doc, resources);
  const failed = analyzed.messages.find((m) => m.severity === 'error');
  if (failed) return { code: 'ANALYSIS_FAILED', message: `${failed.stage}: ${failed.message}` };
  const places = getLayer(analyzed, 'places').map(({ start, end, data }) => ({ start, end, text: analyzed.text.slice(start, end), ...data }));
  const focus = getLayer(analyzed, 'placeFocus');
  const warnings = analyzed.messages.filter((m) => m.stage === placesStage.name).map(({ code, message }) => ({ code, message }));
  return {
    places: places.map(({ start, end, text, name, type, country, admin1, admin1Code, lat, lon, geonameId, featureCode, form, confidence }) => ({ start, end, text, name, type, country, admin1, admin1Code, lat, lon, geonameId, featureCode, form, confidence })),
    focus: {
      countries: focus.filter((f) => f.data.scope === 'country').map(({ data }) => ({ country: data.place.country, name: data.place.name, score: data.score, mentions: data.mentions })),
      cities: focus.filter((f) => f.data.scope === 'city').map(({ data }) => ({ name: data.place.name, country: data.place.country, admin1: data.place.admin1, lat: data.place.lat, lon: data.place.lon, geonameId: data.place.geonameId, score: data.score, mentions: data.mentions })),
    },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** One JSON line {"id", "text"} → {"id", "places", "focus"} or {"id"?, "error"}. Never throws for bad input. */
export function placesOfLine(line: string, pipeline: Pipeline, resources: Resources): ({ id: unknown } & PlacesResult) | { id?: unknown; error: Failure } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { error: { code: 'E_JSON', message: `The line is not JSON: ${error instanceof Error ? error.message : String(error)}.` } };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { error: { code: 'E_INPUT', message: 'Each line must be a JSON object {"id", "text"}.' } };
  const { id, text } = input as { id?: unknown; text?: unknown };
  const withId = id !== undefined ? { id } : {};
  if (typeof text !== 'string') return { ...withId, error: { code: 'E_INPUT', message: 'The object has no "text" string.' } };
  if (text.length > MAX_LINE_TEXT) return { ...withId, error: { code: 'E_TOO_LARGE', message: `The text has ${text.length} characters, over the limit of ${MAX_LINE_TEXT}.` } };
  const result = placesOf(documentFromPlainText(text), pipeline, resources);
  return 'code' in result ? { ...withId, error: result } : { id: id ?? null, ...result };
}

const PAGE_NAME = /\.(?:x?html?|html?\.gz)$/i;

/** A file, a page or standard input → its places. */
export async function placesOfInput(source: string, pipeline: Pipeline, resources: Resources, stdin: NodeJS.ReadableStream, maxBytes: number): Promise<PlacesResult | Failure> {
  const read = source === STDIN_ARGUMENT ? await readPageStdin(stdin, maxBytes) : await readPageFile(source, maxBytes);
  if (!read.ok) return { code: read.code, message: read.message };
  const text = Buffer.from(read.bytes).toString('utf8');
  if (PAGE_NAME.test(source) || (source === STDIN_ARGUMENT && /^\s*</.test(text))) {
    const extracted = extractDocument(read.bytes);
    if (!extracted.ok) return { code: extracted.rejection.code, message: extracted.rejection.reason };
    return placesOf(extracted.document, pipeline, resources);
  }
  if (read.bytes.includes(0)) return { code: 'BINARY_CONTENT', message: 'The input holds NUL bytes: it is binary, not text (give a UTF-8 text file or an .html page).' };
  return placesOf(documentFromPlainText(text), pipeline, resources);
}
