/**
 * Reading ../shared/data/polnear (brat standoff: Source, Cue and Content spans tied into attribution
 * relations by E lines; see its README). Only the evaluation reads it: the texts are research data and
 * never enter the repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Fragment {
  readonly start: number;
  readonly end: number;
}

/** One attribution relation: who (source), the cue, and what (content), each as brat fragments. */
export interface Attribution {
  readonly source: readonly Fragment[] | null;
  readonly cue: readonly Fragment[] | null;
  /** Every Content fragment of the relation (a relation may have several Content spans). */
  readonly content: readonly Fragment[];
}

export interface PolnearArticle {
  readonly name: string;
  readonly text: string;
  /** Annotator ids in the order the corpus metadata lists them (the first is the primary annotation). */
  readonly annotators: readonly string[];
  /** Attribution relations per annotator id. */
  readonly annotations: ReadonlyMap<string, readonly Attribution[]>;
}

export const POLNEAR_DIR = new URL('../../../shared/data/polnear/', import.meta.url).pathname;

export function polnearAvailable(dir = POLNEAR_DIR): boolean {
  return existsSync(join(dir, 'train', 'text')) && existsSync(join(dir, 'dev', 'text'));
}

/** Parses one .ann file into its attribution relations. */
export function parseBrat(ann: string): Attribution[] {
  const spans = new Map<string, Fragment[]>();
  const relations: Attribution[] = [];
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const fields = line.split('\t');
    if (line.startsWith('T') && fields.length >= 2) {
      const [, ...rest] = fields[1]!.split(' ');
      const fragments = rest.join(' ').split(';').map((pair) => {
        const [start, end] = pair.trim().split(' ').map(Number);
        return { start: start!, end: end! };
      });
      if (fragments.every((f) => Number.isInteger(f.start) && Number.isInteger(f.end))) spans.set(fields[0]!, fragments);
    } else if (line.startsWith('E') && fields.length >= 2) {
      events.push(fields[1]!.split(' '));
    }
  }
  for (const args of events) {
    let source: Fragment[] | null = null;
    let cue: Fragment[] | null = null;
    const content: Fragment[] = [];
    for (const arg of args) {
      const [role, id] = arg.split(':');
      const fragments = spans.get(id ?? '');
      if (!fragments) continue;
      if (role === 'Source') source = [...(source ?? []), ...fragments];
      else if (role === 'Cue') cue = [...(cue ?? []), ...fragments];
      else if (role === 'Content') content.push(...fragments);
    }
    if (content.length > 0) relations.push({ source, cue, content });
  }
  return relations;
}

/** The articles of one split ('train' or 'dev'), in name order. */
export function readSplit(split: 'train' | 'dev', dir = POLNEAR_DIR): PolnearArticle[] {
  const annotatorsOf = readAnnotatorOrder(dir);
  const annFiles = readdirSync(join(dir, split, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const byArticle = new Map<string, Map<string, Attribution[]>>();
  for (const file of annFiles) {
    const match = /^(.*)_([0-9a-f]+)\.ann$/.exec(file);
    if (!match) continue;
    const [, name, annotator] = match as unknown as [string, string, string];
    const map = byArticle.get(name) ?? new Map<string, Attribution[]>();
    map.set(annotator, parseBrat(readFileSync(join(dir, split, 'attributions', file), 'utf8')));
    byArticle.set(name, map);
  }
  const articles: PolnearArticle[] = [];
  for (const [name, annotations] of [...byArticle].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const textPath = join(dir, split, 'text', `${name}.txt`);
    if (!existsSync(textPath)) continue;
    const listed = (annotatorsOf.get(name) ?? []).filter((a) => annotations.has(a));
    const annotators = [...listed, ...[...annotations.keys()].filter((a) => !listed.includes(a)).sort()];
    articles.push({ name, text: readFileSync(textPath, 'utf8'), annotators, annotations });
  }
  return articles;
}

function readAnnotatorOrder(dir: string): Map<string, string[]> {
  const order = new Map<string, string[]>();
  const path = join(dir, 'metadata_train_dev.tsv');
  if (!existsSync(path)) return order;
  const [header, ...rows] = readFileSync(path, 'utf8').split('\n');
  const columns = (header ?? '').split('\t');
  const nameAt = columns.indexOf('filename');
  const annotatorsAt = columns.indexOf('annotators');
  for (const row of rows) {
    const cells = row.split('\t');
    if (cells[nameAt]) order.set(cells[nameAt]!, (cells[annotatorsAt] ?? '').split('|').filter(Boolean));
  }
  return order;
}
