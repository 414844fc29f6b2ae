// The one serializer of every XML file mlq writes (EPUB pages, nav, NCX, cover SVG): no template string
// can carry markup or a `]]>` into them.
import type { Element, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';

/** Stands for "<" in attribute values while serializing: XML forbids it there, HTML (and so hast-util-to-html) not. */
const LT = '\uFFFF';

/** A copy of a tree with every "<" of its attribute values marked, and the marker taken out of its text. */
function markLessThan<T extends Root | RootContent>(node: T): T {
  if (node.type === 'text') return { ...node, value: node.value.replaceAll(LT, '') };
  if (node.type !== 'root' && node.type !== 'element') return node;
  const copy = { ...node, children: node.children.map((child) => markLessThan(child)) } as T & { properties?: Properties };
  if (node.type === 'element') {
    const mark = (value: unknown) => (typeof value === 'string' ? value.replaceAll(LT, '').replaceAll('<', LT) : value);
    copy.properties = Object.fromEntries(
      Object.entries(node.properties).map(([name, value]) => [name, Array.isArray(value) ? value.map(mark) : mark(value)]),
    ) as Properties;
  }
  return copy;
}

/**
 * Serializes a tree as XML (XHTML or SVG): closed void elements, all text escaped; `raw` nodes are only ever
 * KaTeX's MathML. hast-util-to-html escapes only `<` and `&` in text, which HTML needs; XML also forbids
 * `]]>` in text, so its `>` is escaped too (in an attribute value the reference means the same character),
 * and "<" in attribute values.
 */
export function toXml(tree: Root | Element, space: 'html' | 'svg' = 'html'): string {
  const marked = markLessThan(tree);
  const markup = space === 'svg' ? toHtml(marked, { space, closeEmptyElements: true }) : toHtml(marked, { closeSelfClosing: true, allowDangerousHtml: true });
  return markup.replaceAll(LT, '&lt;').replace(/]]>/g, ']]&gt;');
}
