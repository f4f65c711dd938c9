import type { Node } from 'jsonc-parser';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';

/**
 * A taxonomy written in YAML, read into the same syntax tree a JSON file gives (jsonc-parser's Node:
 * type, offset, length, children, value), with the offsets of the YAML text. The checks of
 * taxonomy.ts then run unchanged, and every problem points at the line and column of the YAML file.
 * The yaml package (eemeli/yaml) parses; aliases are refused, so a file cannot expand into a huge tree.
 */
export function yamlTree(text: string): { readonly root: Node | undefined; readonly errors: readonly { readonly offset: number; readonly message: string }[] } {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const errors = document.errors.map((error) => ({ offset: error.pos[0], message: error.message.split('\n')[0]! }));
  if (errors.length > 0) return { root: undefined, errors };
  const refused: { offset: number; message: string }[] = [];
  const root = document.contents === null ? undefined : convert(document.contents, undefined, refused);
  return { root, errors: refused };
}

function convert(node: unknown, parent: Node | undefined, errors: { offset: number; message: string }[]): Node {
  const yaml = node as YamlNode;
  const [start, , end] = yaml.range ?? [0, 0, 0];
  const base = { offset: start, length: Math.max(0, end - start), parent } as { -readonly [K in keyof Node]: Node[K] };
  if (isMap(yaml)) {
    base.type = 'object';
    base.children = yaml.items.map((pair) => {
      const key = pair.key as YamlNode;
      const [keyStart] = key.range ?? [start];
      const property = { type: 'property', offset: keyStart, length: 0, parent: base, children: [] } as unknown as { -readonly [K in keyof Node]: Node[K] };
      const keyNode: Node = { type: 'string', offset: keyStart, length: 0, parent: property, value: isScalar(key) ? String(key.value) : String(key) };
      property.children = [keyNode, pair.value === null ? nullNode(keyStart, property) : convert(pair.value, property, errors)];
      return property;
    });
    return base;
  }
  if (isSeq(yaml)) {
    base.type = 'array';
    base.children = yaml.items.map((item) => (item === null ? nullNode(start, base) : convert(item, base, errors)));
    return base;
  }
  if (isScalar(yaml)) {
    const value = yaml.value;
    base.type = typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'null';
    base.value = value;
    return base;
  }
  errors.push({ offset: start, message: 'aliases (*name) are not allowed in a taxonomy file' });
  base.type = 'null';
  return base;
}

function nullNode(offset: number, parent: Node): Node {
  return { type: 'null', offset, length: 0, parent, value: null };
}
