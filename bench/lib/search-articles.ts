import { createHash } from 'node:crypto';
import type { Article, Block } from '../../src/model/article.js';
import type { PageRecord } from '../../src/store/store.js';
import { AliasTable, type LanguageModel, type Random } from './search-corpus.js';

/**
 * Synthetic articles and the page records an ingest would commit for them: the article as extract()
 * shapes it (blocks, Markdown, metadata with provenance), a text hash, and a MinHash record sized like
 * a real one (128 32-bit hashes, 16 LSH bands), so the database size per article is realistic.
 */

export const SITES = 2000;
export const LANGUAGES: readonly (readonly [string, number])[] = [['en', 70], ['de', 8], ['fr', 7], ['es', 6], ['it', 3], ['nl', 2], ['pt', 2], ['pl', 2]];
export const DATE_RANGE = [Date.UTC(2019, 0, 1), Date.UTC(2026, 10, 1)] as const;
const UNDATED_SHARE = 0.08;
const TOPIC_SHARE = 0.12;
const SECOND_TOPIC_SHARE = 0.04;
const COLLOCATION_SHARE = 0.012;
const SIGNATURE_BYTES = 128 * 4;
const BANDS = 16;
const SECTIONS = ['World', 'Politics', 'Business', 'Science', 'Health', 'Sport', 'Culture', 'Local', 'Technology', 'Opinion'];

export interface Site {
  readonly host: string;
  readonly name: string;
}

export class ArticleFactory {
  readonly sites: readonly Site[];
  private readonly siteTable: AliasTable;
  private readonly languageTable: AliasTable;

  constructor(
    private readonly model: LanguageModel,
    private readonly random: Random,
  ) {
    const names = new Set<string>();
    this.sites = Array.from({ length: SITES }, (_, i) => {
      let name = `${this.contentWord()}-${this.contentWord()}`;
      while (names.has(name)) name = `${this.contentWord()}-${this.contentWord()}`;
      names.add(name);
      const tld = ['com', 'co.uk', 'de', 'fr', 'org', 'net', 'com.au', 'es'][i % 8];
      return { host: `${i % 3 === 0 ? 'www.' : i % 3 === 1 ? 'news.' : ''}${name}.${tld}`, name: name.replace(/-/g, ' ') };
    });
    this.siteTable = new AliasTable(Float64Array.from({ length: SITES }, (_, i) => 1 / (i + 1) ** 0.9));
    this.languageTable = new AliasTable(LANGUAGES.map(([, share]) => share));
  }

  /** The page record of article number `n`. */
  page(runId: number, n: number): PageRecord {
    const r = this.random;
    const topic = r.int(this.model.topics.length);
    const second = r.int(this.model.topics.length);
    const site = this.sites[this.siteTable.draw(r)]!;
    const language = LANGUAGES[this.languageTable.draw(r)]![0];
    const published = r.next() < UNDATED_SHARE ? null : this.date();
    const title = capitalize(this.words(4 + r.int(9), topic, second).join(' '));
    const paragraphs: string[] = [];
    let words = r.logNormal(420, 0.55, 60, 3000);
    while (words > 0) {
      const sentences: string[] = [];
      for (let s = 1 + r.int(4); s > 0 && words > 0; s--) {
        const length = Math.min(words, 8 + r.int(23));
        words -= length;
        sentences.push(`${capitalize(this.words(length, topic, second).join(' '))}.`);
      }
      paragraphs.push(sentences.join(' '));
    }
    const blocks: Block[] = paragraphs.map((text) => ({ type: 'paragraph', text, inlines: [{ text }] }));
    const text = paragraphs.join('\n\n');
    const slug = title.toLowerCase().split(' ').slice(0, 6).join('-');
    const url = `https://${site.host}/${published ? published.slice(0, 10).replace(/-/g, '/') : 'news'}/${slug}-${n}`;
    const article: Article = {
      title,
      authors: r.next() < 0.7 ? [`${capitalize(this.contentWord())} ${capitalize(this.contentWord())}`] : [],
      published,
      modified: null,
      language,
      siteName: capitalize(site.name),
      url,
      canonicalUrl: url,
      description: paragraphs[0]!.split('. ')[0]!,
      image: r.next() < 0.6 ? `https://${site.host}/img/${n}.jpg` : null,
      section: r.pick(SECTIONS),
      tags: Array.from({ length: r.int(4) }, () => this.model.words[this.model.topics[topic]![r.int(8)]!]!),
      captions: r.next() < 0.4 ? [{ text: capitalize(this.words(10, topic, second).join(' ')), credit: 'Photo agency' }] : [],
      blocks,
      text,
      markdown: text, // plain paragraphs of letters and full stops: their Markdown is the text itself
      wordCount: text.split(/\s+/).length,
      provenance: {
        title: { source: 'json-ld', confidence: 0.95 },
        ...(published ? { published: { source: 'meta', confidence: 0.9 } } : {}),
        language: { source: 'detected', confidence: 0.8 },
        siteName: { source: 'opengraph', confidence: 0.9 },
      },
    };
    const bytes = new Uint8Array(SIGNATURE_BYTES);
    for (let i = 0; i < SIGNATURE_BYTES; i += 4) new DataView(bytes.buffer).setUint32(i, Math.floor(r.next() * 4294967296));
    const bandKeys = Array.from({ length: BANDS }, (_, b) => `${b}:${Buffer.from(bytes.subarray(b * 32, b * 32 + 8)).toString('hex')}`);
    return {
      runId,
      source: `synthetic://${n}`,
      sourceKey: `synthetic:${n}`,
      url,
      canonicalUrl: url,
      fetchedAt: new Date(DATE_RANGE[1] + n * 1000).toISOString(),
      httpStatus: 200,
      contentHash: createHash('sha256').update(url).digest('hex'),
      raw: null,
      outcome: { kind: 'article', article, textHash: createHash('sha256').update(text).digest('hex'), minhash: { signature: bytes, bandKeys }, copyOf: null },
    };
  }

  /** Recent years hold more news (archives grow). */
  date(): string {
    const [from, to] = DATE_RANGE;
    const ms = from + (to - from) * Math.sqrt(this.random.next());
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  words(count: number, topic: number, second: number): string[] {
    const { words, topics, collocations, zipf } = this.model;
    const out: string[] = [];
    const r = this.random;
    while (out.length < count) {
      const roll = r.next();
      if (roll < COLLOCATION_SHARE) out.push(...r.pick(collocations[topic]!));
      else if (roll < COLLOCATION_SHARE + TOPIC_SHARE) out.push(words[topics[topic]![r.int(topics[topic]!.length)]!]!);
      else if (roll < COLLOCATION_SHARE + TOPIC_SHARE + SECOND_TOPIC_SHARE) out.push(words[topics[second]![r.int(topics[second]!.length)]!]!);
      else out.push(words[zipf.draw(r)]!);
    }
    return out.slice(0, count);
  }

  private contentWord(): string {
    return this.model.words[300 + this.random.int(20_000)]!;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
