import type { Block, ListItem } from '../model/article.js';
import type { Unit } from './units.js';

/** Groups kept units into blocks: consecutive list items become one list, every other unit one block. */
export function unitsToBlocks(units: readonly Unit[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < units.length) {
    const unit = units[i]!;
    if (unit.kind === 'item') {
      const group: Unit[] = [];
      while (i < units.length && units[i]!.kind === 'item') group.push(units[i++]!);
      blocks.push(listBlock(group));
      continue;
    }
    blocks.push(singleBlock(unit));
    i++;
  }
  return blocks;
}

function listBlock(group: readonly Unit[]): Block {
  const minDepth = Math.min(...group.map((u) => u.listDepth));
  const items: ListItem[] = group.map((u) => ({ text: u.text, inlines: u.inlines, depth: u.listDepth - minDepth }));
  return { type: 'list', ordered: group[0]!.list?.name === 'ol', items, text: items.map((item) => item.text).join('\n') };
}

function singleBlock(unit: Unit): Block {
  switch (unit.kind) {
    case 'heading':
      return { type: 'heading', level: unit.level, text: unit.text, inlines: unit.inlines };
    case 'code':
      return { type: 'code', text: unit.text };
    case 'table':
      return { type: 'table', rows: unit.rows ?? [], text: unit.text };
    case 'quote':
      return { type: 'quote', text: unit.text, inlines: unit.inlines };
    default:
      return { type: 'paragraph', text: unit.text, inlines: unit.inlines };
  }
}
