import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pageHtml, storyParagraphs } from './pages.js';

/**
 * A directory of generated pages with every outcome in it, in a known order: new stories, reprints of
 * an earlier story (a new intro line and byline: near-duplicates), exact copies (the same words under
 * another file name: duplicate pages), pages declaring the same canonical URL as an earlier one, and
 * empty pages (not articles). File times are fixed, so every run sees the same fetch times.
 */

export interface CorpusPlan {
  readonly pages: number;
  readonly stories: number;
  readonly reprints: number;
  readonly copies: number;
  readonly sameCanonical: number;
  readonly empty: number;
}

const FIXED_TIME = new Date('2026-03-02T09:00:00Z');

export async function writeCorpus(dir: string, pages: number): Promise<CorpusPlan> {
  await mkdir(dir, { recursive: true });
  const plan = { pages, stories: 0, reprints: 0, copies: 0, sameCanonical: 0, empty: 0 };
  for (let i = 0; i < pages; i++) {
    const name = join(dir, `page-${String(i).padStart(5, '0')}.html`);
    await writeFile(name, corpusPage(i, plan));
    await utimes(name, FIXED_TIME, new Date(FIXED_TIME.getTime() + i * 1000));
  }
  return plan;
}

type Kind = 'story' | 'reprint' | 'copy' | 'same-canonical' | 'empty';

/** What page i is: mostly stories, with the other outcomes spread through (every reference is to an earlier story). */
function kindOf(i: number): Kind {
  if (i < 5) return 'story';
  if (i % 37 === 36) return 'empty';
  if (i % 10 === 9) return 'reprint';
  if (i % 25 === 24) return 'copy';
  if (i % 41 === 40) return 'same-canonical';
  return 'story';
}

/** Stories at even positions declare their canonical URL on the web; the others are known by their file. */
function canonicalOf(i: number): string | undefined {
  return i % 2 === 0 ? `https://gazette.example/news/story-${i}` : undefined;
}

/** The latest story before page i that matches `accept`. */
function earlierStory(i: number, accept: (j: number) => boolean): number {
  for (let j = i - 1; j >= 0; j--) if (kindOf(j) === 'story' && accept(j)) return j;
  throw new Error(`no story before page ${i}`);
}

function corpusPage(i: number, plan: Record<'stories' | 'reprints' | 'copies' | 'sameCanonical' | 'empty', number>): string {
  const published = new Date(Date.UTC(2026, 2, 1) + (i % 50) * 3_600_000).toISOString();
  switch (kindOf(i)) {
    case 'empty':
      plan.empty++;
      return '<!doctype html><html><head><title>Gallery</title></head><body><nav><a href="/">Home</a></nav></body></html>';
    case 'reprint': {
      plan.reprints++;
      const j = earlierStory(i, () => true);
      return pageHtml({ title: `Reprint of story ${j}`, paragraphs: ['This report first appeared in the Harbour Wire and is published here with permission.', ...storyParagraphs(j)], byline: 'By the county desk', published });
    }
    case 'copy': {
      plan.copies++;
      const j = earlierStory(i, (k) => canonicalOf(k) === undefined);
      return pageHtml({ title: `Story number ${j} of the day`, paragraphs: storyParagraphs(j), published });
    }
    case 'same-canonical': {
      plan.sameCanonical++;
      const j = earlierStory(i, (k) => canonicalOf(k) !== undefined);
      return pageHtml({ title: 'Updated story', paragraphs: storyParagraphs(10_000 + i), canonical: canonicalOf(j)!, published });
    }
    case 'story': {
      plan.stories++;
      const canonical = canonicalOf(i);
      return pageHtml({ title: `Story number ${i} of the day`, paragraphs: storyParagraphs(i), published, ...(canonical ? { canonical } : {}) });
    }
  }
}
