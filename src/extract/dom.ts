import type { AnyNode, Element, ParentNode } from 'domhandler';
import { Element as ElementClass, Text } from 'domhandler';

/** Small, iterative DOM helpers: the tree can be deep, so nothing here recurses. */

export function isElement(node: AnyNode | null | undefined): node is Element {
  return node instanceof ElementClass;
}

export function isText(node: AnyNode | null | undefined): node is Text {
  return node instanceof Text;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

/** Visits every node below `root` in document order; `enter` returns false to skip a subtree. */
export function walk(root: ParentNode, enter: (node: AnyNode) => boolean | void): void {
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    if (isElement(node)) {
      const { children } = node;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
}

/** All elements below `root` (document order) for which `test` is true. */
export function findAll(root: ParentNode, test: (el: Element) => boolean): Element[] {
  const found: Element[] = [];
  walk(root, (node) => {
    if (isElement(node) && test(node)) found.push(node);
  });
  return found;
}

export function findFirst(root: ParentNode, test: (el: Element) => boolean): Element | null {
  let found: Element | null = null;
  walk(root, (node) => {
    if (found) return false;
    if (isElement(node) && test(node)) found = node;
    return true;
  });
  return found;
}

/** The raw text below a node (entities already decoded by the parser), without collapsing whitespace. */
export function rawText(root: AnyNode): string {
  if (isText(root)) return root.data;
  if (!isElement(root)) return '';
  let out = '';
  walk(root, (node) => {
    if (isText(node)) out += node.data;
  });
  return out;
}

export function ancestors(el: AnyNode): Element[] {
  const out: Element[] = [];
  for (let p = el.parent; p && isElement(p); p = p.parent) out.push(p);
  return out;
}

export function removeNode(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const index = parent.children.indexOf(node);
  if (index >= 0) parent.children.splice(index, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}
