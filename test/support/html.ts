// Reading the site's HTML as parse5 parses it (as browsers do): its elements, their attributes and text.
import { parse, type DefaultTreeAdapterMap } from 'parse5';

export type Node = DefaultTreeAdapterMap['node'];
export type Element = DefaultTreeAdapterMap['element'];

const children = (node: Node): Node[] => ('childNodes' in node ? node.childNodes : []);

/** Every element of a tree, in document order, those inside <template> included. */
export function elements(node: Node, out: Element[] = []): Element[] {
  if ('tagName' in node) out.push(node);
  for (const child of children(node)) elements(child, out);
  if ('content' in node && node.nodeName === 'template') elements(node.content as Node, out);
  return out;
}

export const attr = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
export const text = (node: Node): string => ('value' in node && node.nodeName === '#text' ? (node.value as string) : children(node).map(text).join(''));

/** The elements of an HTML document. */
export const elementsOf = (html: string): Element[] => elements(parse(html) as unknown as Node);
