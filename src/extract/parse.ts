import { Parser } from 'htmlparser2';
import { DomHandler, type Document, Element } from 'domhandler';
import { StructureLimitExceeded, type Deadline, type ExtractLimits } from './limits.js';

/** A parsed page: the DOM tree plus what the parser set aside on the way. */
export interface ParsedPage {
  readonly document: Document;
  /** The raw text of every `<script type="application/ld+json">`, in document order. */
  readonly jsonLd: readonly string[];
  /** The attributes of every `<link>` (dropped from the tree, kept for canonical URLs, authors, feeds). */
  readonly links: readonly Readonly<Record<string, string>>[];
  /** How many elements were flattened because they were nested deeper than `maxDepth`. */
  readonly flattened: number;
}

/**
 * Subtrees that never hold article text. Dropping them while parsing (instead of building and then
 * removing them) is the cheapest way to be rid of them: scripts and styles are often half a page.
 */
const DROPPED_ELEMENTS = new Set([
  'script', 'style', 'template', 'svg', 'math', 'canvas', 'object', 'embed', 'iframe',
  'select', 'button', 'textarea', 'input', 'dialog', 'link',
]);

const JSON_LD_TYPE = /^\s*application\/ld\+json\s*$/i;

/**
 * A DomHandler that drops the subtrees above and HTML comments, keeps the JSON-LD scripts' text, and
 * caps element nesting at `maxDepth`: an element opened deeper is not added, its content joins the
 * element at the cap. (htmlparser2's own stack is an array, so only tree walks risk the call stack; with
 * the cap every walk of the tree is bounded.) It also counts every element the parser opens and how many
 * are open at once, and stops the parse past `maxElements` or `maxNesting` (see limits.ts).
 */
class PageHandler extends DomHandler {
  readonly jsonLd: string[] = [];
  readonly links: Record<string, string>[] = [];
  flattened = 0;
  private skipDepth = 0;
  private jsonLdBuffer: string | null = null;
  private overflow = 0;
  private elements = 0;
  private open = 0;

  constructor(private readonly limits: Pick<ExtractLimits, 'maxDepth' | 'maxElements' | 'maxNesting'>) {
    super(undefined, { withStartIndices: false, withEndIndices: false });
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (++this.elements > this.limits.maxElements) throw new StructureLimitExceeded('maxElements', this.limits.maxElements);
    if (++this.open > this.limits.maxNesting) throw new StructureLimitExceeded('maxNesting', this.limits.maxNesting);
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    if (DROPPED_ELEMENTS.has(name)) {
      this.skipDepth = 1;
      if (name === 'script' && JSON_LD_TYPE.test(attribs['type'] ?? '')) this.jsonLdBuffer = '';
      else if (name === 'link') this.links.push(attribs);
      return;
    }
    if (this.tagStack.length > this.limits.maxDepth) {
      this.overflow++;
      this.flattened++;
      return;
    }
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    this.open--;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      if (this.skipDepth === 0 && this.jsonLdBuffer !== null) {
        this.jsonLd.push(this.jsonLdBuffer);
        this.jsonLdBuffer = null;
      }
      return;
    }
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    super.onclosetag();
  }

  override ontext(data: string): void {
    if (this.skipDepth > 0) {
      if (this.jsonLdBuffer !== null) this.jsonLdBuffer += data;
      return;
    }
    super.ontext(data);
  }

  override oncomment(): void {}
  override oncommentend(): void {}
  override oncdatastart(): void {
    this.skipDepth++;
  }
  override oncdataend(): void {
    this.skipDepth--;
  }
  override onprocessinginstruction(): void {}
}

/**
 * Characters handed to the parser at a time. The deadline is checked between chunks: htmlparser2 keeps
 * its own stack of open elements, and on pathological nesting its cost per chunk grows with the depth,
 * so one call over a whole hostile page could run far past the time limit.
 */
const PARSE_CHUNK = 16 * 1024;

/** The structure limits of a parse, when only the nesting cap is given (tests, other readers of HTML). */
const UNBOUNDED = { maxElements: Number.POSITIVE_INFINITY, maxNesting: Number.POSITIVE_INFINITY } as const;

/** Throws StructureLimitExceeded past `maxElements` or `maxNesting`. */
export function parseHtml(html: string, limits: number | Pick<ExtractLimits, 'maxDepth' | 'maxElements' | 'maxNesting'>, deadline?: Deadline): ParsedPage {
  const handler = new PageHandler(typeof limits === 'number' ? { ...UNBOUNDED, maxDepth: limits } : limits);
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  if (!deadline || html.length <= PARSE_CHUNK) {
    parser.end(html);
  } else {
    for (let start = 0; start < html.length; start += PARSE_CHUNK) {
      parser.write(html.slice(start, start + PARSE_CHUNK));
      deadline.check();
    }
    parser.end();
  }
  return { document: handler.root, jsonLd: handler.jsonLd, links: handler.links, flattened: handler.flattened };
}

export function isElement(node: unknown): node is Element {
  return node instanceof Element;
}
