import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultModelsDirectory, loadNerModel, NER_FILES, ResourceLoader } from '../../src/resources/index.js';
import { decodeModel, encodeModel } from '../../src/stages/entities/model-file.js';

const shipped = defaultModelsDirectory();
const directories: string[] = [];

/** A copy of the shipped model directory, with `change` applied to it. */
function modelCopy(change: (dir: string) => void = () => undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-ner-model-'));
  directories.push(dir);
  for (const file of Object.values(NER_FILES)) copyFileSync(join(shipped, file), join(dir, file));
  change(dir);
  return dir;
}

afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function codeOf(load: () => unknown): string | undefined {
  try {
    load();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('NER model loader', () => {
  it('loads the shipped model and its lexicons', () => {
    const model = loadNerModel(modelCopy());
    expect(model.featureCount).toBeGreaterThan(10_000);
    expect(model.header.lexicon.gazetteer?.file).toBe(NER_FILES.gazetteer);
  });

  it('loads once, lazily: nothing is read until asked, then the same model is handed out', () => {
    const dir = modelCopy();
    const loader = new ResourceLoader(dir);
    rmSync(join(dir, NER_FILES.model)); // not read yet, so the loader cannot have noticed
    expect(codeOf(() => loader.nerModel())).toBe('E_MODEL_MISSING');
    const working = new ResourceLoader(modelCopy());
    const first = working.nerModel();
    expect(working.nerModel()).toBe(first);
  });

  it('says which file is missing', () => {
    const dir = modelCopy((d) => rmSync(join(d, NER_FILES.words)));
    expect(() => loadNerModel(dir)).toThrowError(expect.objectContaining({ code: 'E_MODEL_MISSING', message: expect.stringContaining(NER_FILES.words) }));
    expect(codeOf(() => loadNerModel(join(dir, 'nowhere')))).toBe('E_MODEL_MISSING');
  });

  it('refuses a corrupt model file with a coded error', () => {
    const cases: [string, (bytes: Buffer) => Buffer][] = [
      ['not gzip at all', () => Buffer.from('hello, I am not a model')],
      ['broken gzip', (bytes) => bytes.subarray(0, 100)],
      ['truncated weights', (bytes) => gzipSync(gunzipSync(bytes).subarray(0, gunzipSync(bytes).length - 1000))],
      ['bad magic', (bytes) => gzipSync(Buffer.concat([Buffer.from('XX'), gunzipSync(bytes).subarray(2)]))],
    ];
    for (const [name, corrupt] of cases) {
      const dir = modelCopy((d) => writeFileSync(join(d, NER_FILES.model), corrupt(readFileSync(join(d, NER_FILES.model)))));
      expect(codeOf(() => loadNerModel(dir)), name).toBe('E_MODEL_CORRUPT');
    }
  });

  it('refuses lexicon files other than the ones the model was trained with', () => {
    const dir = modelCopy((d) => {
      const text = gunzipSync(readFileSync(join(d, NER_FILES.gazetteer))).toString('utf8');
      writeFileSync(join(d, NER_FILES.gazetteer), gzipSync(`${text}country\tatlantis\n`));
    });
    expect(() => loadNerModel(dir)).toThrowError(expect.objectContaining({ code: 'E_MODEL_CORRUPT', message: expect.stringContaining('not the one the NER model was trained with') }));
  });

  it('refuses a model of another format version', () => {
    const dir = modelCopy((d) => {
      const contents = decodeModel(gunzipSync(readFileSync(join(d, NER_FILES.model))));
      writeFileSync(join(d, NER_FILES.model), gzipSync(encodeModel({ ...contents, header: { ...contents.header, format: 99 } })));
    });
    expect(() => loadNerModel(dir)).toThrowError(expect.objectContaining({ code: 'E_MODEL_CORRUPT', message: expect.stringContaining('format 99') }));
  });
});
