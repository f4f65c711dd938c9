import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { Inline, TableRow } from '../model/article.js';
import { attributeTokens, chromeMark, isBodyHint, type ChromeMark } from './chrome.js';
import { isElement, isText, rawText, walk } from './dom.js';
import type { Deadline } from './limits.js';
import { BLOCK_TAGS } from './rules.js';

export type UnitKind = 'paragraph' | 'heading' | 'item' | 'quote' | 'code' | 'table';

/**
 * A text unit: the inline content of one block-level element up to the next block boundary. Units are
 * the atoms extraction scores, keeps or drops, and later groups into blocks.
 */
export interface Unit {
  /** The innermost block-level element the unit belongs to. */
  readonly owner: Element;
  readonly kind: UnitKind;
  /** Heading level for headings, else 0. */
  readonly level: number;
  /** The list (ul/ol) an item belongs to, and how deeply it is nested. */
  readonly list: Element | null;
  readonly listDepth: number;
  readonly inlines: readonly Inline[];
  readonly rows: readonly TableRow[] | null;
  readonly text: string;
  /** Characters of text, and of text inside links (whitespace collapsed). */
  readonly chars: number;
  readonly linkChars: number;
}

/** The units of a page, and the elements the chrome and body rules flagged on the way. */
export interface Linearized {
  readonly units: readonly Unit[];
  /** Elements the chrome rules marked, with the reason and the strength of the mark. */
  readonly chrome: ReadonlyMap<Element, ChromeMark>;
  /** Elements whose tag or tokens hint that they hold the article. */
  readonly bodyHints: ReadonlySet<Element>;
}

const HEADING = /^h([1-6])$/;
const BR_MARK = '\u2028';
const SPACES = /[ \t\n\r\f\v\u00a0\u200b\u202f\u3000\ufeff]+/g;

interface Context {
  href: string | null;
  strong: number;
  em: number;
  code: number;
  pre: number;
  quote: number;
  links: number;
}

/** Walks the tree once, in document order, and cuts it into units at block boundaries. */
export function linearize(root: ParentNode, deadline: Deadline): Linearized {
  const units: Unit[] = [];
  const chrome = new Map<Element, ChromeMark>();
  const bodyHints = new Set<Element>();
  const ctx: Context = { href: null, strong: 0, em: 0, code: 0, pre: 0, quote: 0, links: 0 };
  const blockStack: Element[] = [];
  const lists: Element[] = [];
  const items: Element[] = [];
  const hrefs: (string | null)[] = [];
  let pending: Inline[] = [];
  // Whether the pending text, trailing white space aside, ends with a line break: kept as the text
  // arrives, since reading the end of the pending text (one string grown by concatenation) would copy
  // it whole at every <br>, quadratic on a paragraph of 100,000 lines.
  let endsWithBreak = false;
  let visited = 0;

  const flush = (): void => {
    endsWithBreak = false;
    if (pending.length === 0) return;
    const owner = blockStack[blockStack.length - 1];
    const runs = pending;
    pending = [];
    if (!owner) return;
    const unit = makeUnit(owner, runs, ctx, lists, items);
    if (unit) units.push(unit);
  };

  const addText = (text: string): void => {
    const visible = text.replace(SPACES, '');
    if (visible !== '') endsWithBreak = visible.endsWith(BR_MARK);
    const last = pending[pending.length - 1];
    const format = { href: ctx.href, strong: ctx.strong > 0, em: ctx.em > 0, code: ctx.code > 0 };
    if (last && last.href === (format.href ?? undefined) && !!last.strong === format.strong && !!last.em === format.em && !!last.code === format.code) {
      pending[pending.length - 1] = { ...last, text: last.text + text };
      return;
    }
    const inline: { text: string; href?: string; strong?: boolean; em?: boolean; code?: boolean } = { text };
    if (format.href) inline.href = format.href;
    if (format.strong) inline.strong = true;
    if (format.em) inline.em = true;
    if (format.code) inline.code = true;
    pending.push(inline);
  };

  type Frame = { node: AnyNode; exit: boolean };
  const stack: Frame[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push({ node: root.children[i]!, exit: false });

  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if ((++visited & 1023) === 0) deadline.check();
    if (isText(node)) {
      if (node.data) addText(node.data);
      continue;
    }
    if (!isElement(node)) continue;
    const name = node.name;
    if (exit) {
      leave(node);
      continue;
    }
    // <head> is walked too: malformed pages open their <body> inside it. Its title is metadata.
    if (name === 'title' || name === 'meta' || name === 'base') continue;
    if (name === 'br') {
      if (endsWithBreak) flush();
      else addText(BR_MARK);
      continue;
    }
    if (name === 'hr' || name === 'img' || name === 'wbr') continue;
    const tokens = attributeTokens(node);
    const mark = chromeMark(node, tokens);
    if (mark) chrome.set(node, mark);
    if (isBodyHint(node, tokens)) bodyHints.add(node);

    if (name === 'table' && isDataTable(node)) {
      flush();
      const caption = tableCaption(node);
      if (caption) units.push({ owner: node, kind: 'paragraph', level: 0, list: null, listDepth: 0, inlines: [{ text: caption }], rows: null, text: caption, chars: caption.length, linkChars: 0 });
      const rows = tableRows(node);
      const text = rows.map((r) => r.cells.join('\t')).join('\n');
      const links = linkChars(node);
      if (text) units.push({ owner: node, kind: 'table', level: 0, list: null, listDepth: 0, inlines: [], rows, text, chars: text.length, linkChars: links });
      continue;
    }
    enter(node);
    stack.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false });
  }
  flush();
  return { units, chrome, bodyHints };

  // An inline element marked as chrome (<span class="caption">, <a class="share">) is a block boundary
  // too, so that its text forms units of its own that the chrome rules can drop.
  function isBoundary(el: Element): boolean {
    return BLOCK_TAGS.has(el.name) || chrome.has(el);
  }

  function enter(el: Element): void {
    const name = el.name;
    if (isBoundary(el)) {
      flush();
      blockStack.push(el);
    }
    switch (name) {
      case 'a':
        hrefs.push(ctx.href);
        ctx.href = el.attribs['href'] ?? null;
        ctx.links++;
        break;
      case 'b': case 'strong': ctx.strong++; break;
      case 'i': case 'em': case 'cite': ctx.em++; break;
      case 'code': case 'kbd': case 'samp': case 'tt': ctx.code++; break;
      case 'pre': ctx.pre++; break;
      case 'blockquote': case 'q': if (name === 'blockquote') ctx.quote++; break;
      case 'ul': case 'ol': lists.push(el); break;
      case 'li': items.push(el); break;
    }
  }

  function leave(el: Element): void {
    const name = el.name;
    if (isBoundary(el)) {
      flush();
      blockStack.pop();
    }
    switch (name) {
      case 'a':
        ctx.href = hrefs.pop() ?? null;
        ctx.links--;
        break;
      case 'b': case 'strong': ctx.strong--; break;
      case 'i': case 'em': case 'cite': ctx.em--; break;
      case 'code': case 'kbd': case 'samp': case 'tt': ctx.code--; break;
      case 'pre': ctx.pre--; break;
      case 'blockquote': ctx.quote--; break;
      case 'ul': case 'ol': lists.pop(); break;
      case 'li': items.pop(); break;
    }
  }
}

function makeUnit(owner: Element, runs: readonly Inline[], ctx: Context, lists: readonly Element[], items: readonly Element[]): Unit | null {
  const preformatted = ctx.pre > 0;
  const inlines: Inline[] = [];
  // Parts joined once at the end, and the last character kept apart: asking the growing string for its
  // end would flatten it at every run, quadratic on a paragraph of 100,000 inline elements.
  const parts: string[] = [];
  let last = '';
  let linkChars = 0;
  for (const run of runs) {
    let t = preformatted ? run.text.replaceAll(BR_MARK, '\n') : run.text.replace(SPACES, ' ');
    if (!preformatted) {
      if (last === '' || last === ' ' || last === '\n') t = t.replace(/^ /, '');
      t = t.replace(/ ?\u2028 ?/g, '\n');
    }
    if (t === '') continue;
    parts.push(t);
    last = t[t.length - 1]!;
    if (run.href !== undefined) linkChars += t.trim().length;
    inlines.push(t === run.text ? run : { ...run, text: t });
  }
  let text = parts.join('');
  if (!preformatted) {
    const trimmed = text.replace(/^[\s]+|[\s]+$/g, '');
    if (trimmed !== text) trimInlines(inlines);
    text = trimmed.replace(/\n{2,}/g, '\n');
  } else {
    text = text.replace(/^\n+|\s+$/g, '');
  }
  if (text === '') return null;
  // A heading is a unit whose own block is h1-h6. Blocks nested inside an unclosed heading (pages do
  // that) are paragraphs.
  const headingMatch = HEADING.exec(owner.name);
  let kind: UnitKind = 'paragraph';
  let level = 0;
  if (headingMatch) {
    kind = 'heading';
    level = Number(headingMatch[1]);
  } else if (preformatted) kind = 'code';
  else if (items.length > 0 && lists.length > 0) kind = 'item';
  else if (ctx.quote > 0) kind = 'quote';
  return {
    owner,
    kind,
    level,
    list: kind === 'item' ? lists[lists.length - 1]! : null,
    listDepth: kind === 'item' ? lists.length - 1 : 0,
    inlines,
    rows: null,
    text,
    chars: text.length,
    linkChars: Math.min(linkChars, text.length),
  };
}

function trimInlines(inlines: Inline[]): void {
  while (inlines.length > 0) {
    const first = inlines[0]!;
    const t = first.text.replace(/^\s+/, '');
    if (t) {
      inlines[0] = { ...first, text: t };
      break;
    }
    inlines.shift();
  }
  while (inlines.length > 0) {
    const last = inlines[inlines.length - 1]!;
    const t = last.text.replace(/\s+$/, '');
    if (t) {
      inlines[inlines.length - 1] = { ...last, text: t };
      break;
    }
    inlines.pop();
  }
}

/** Largest cell, in characters, of a table read as data rather than as page layout. */
const DATA_TABLE_MAX_CELL = 400;

/** A table of data (not layout): no nested tables or long blocks in its cells. */
function isDataTable(table: Element): boolean {
  let rows = 0;
  let data = true;
  walk(table, (node) => {
    if (!data || !isElement(node)) return false;
    if (node.name === 'table') data = false;
    else if (node.name === 'tr') rows++;
    else if ((node.name === 'td' || node.name === 'th') && rawText(node).length > DATA_TABLE_MAX_CELL) data = false;
    else if (node.name === 'p' || node.name === 'div' || node.name === 'ul' || node.name === 'ol') {
      if (rawText(node).length > 200) data = false;
    }
    return data;
  });
  return data && rows >= 1;
}

/** A data table's own <caption> ("Net spending by department, 2024/25"), a line of the article. */
function tableCaption(table: Element): string {
  const caption = table.children.find((child): child is Element => isElement(child) && child.name === 'caption');
  return caption ? rawText(caption).replace(SPACES, ' ').trim() : '';
}

function tableRows(table: Element): TableRow[] {
  const rows: TableRow[] = [];
  walk(table, (node) => {
    if (!isElement(node)) return false;
    if (node.name !== 'tr') return true;
    const cells: string[] = [];
    let header = true;
    for (const cell of node.children) {
      if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
      if (cell.name === 'td') header = false;
      cells.push(rawText(cell).replace(SPACES, ' ').trim());
    }
    if (cells.some((c) => c !== '')) rows.push({ cells, header: header && cells.length > 0 });
    return false;
  });
  return rows;
}

function linkChars(root: Element): number {
  let total = 0;
  walk(root, (node) => {
    if (isElement(node) && node.name === 'a') {
      total += rawText(node).replace(SPACES, '').length;
      return false;
    }
    return true;
  });
  return total;
}
