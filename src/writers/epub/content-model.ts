// XHTML that epubcheck accepts, by construction. The sanitized trees come from an HTML parser, which lets through
// what HTML's content models forbid (a `<p>` in a `<sup>`, a `<dl>` without `<dd>`, a table in a heading, text
// in a `<ul>`); EPUB's schema refuses the whole book for one of them. This pass rewrites a page so that every
// element sits where its content model allows: what cannot stay keeps its text in a form that can.
import type { Element, ElementContent, Root } from 'hast';

/** Phrasing content among the elements the sanitizer and the EPUB keep (MathML comes as `raw` nodes, phrasing too). */
const PHRASING = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'img', 'ins', 'kbd', 'mark', 'q',
  'ruby', 'rt', 'rp', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]);
/** Elements that hold phrasing content only; of the phrasing elements, all but the transparent ones. */
const HOLDS_PHRASING = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'summary', 'rt', 'rp', 'caption', 'legend']);
/** Elements whose content model is their parent's. */
const TRANSPARENT = new Set(['a', 'ins', 'del']);
/** Elements with no heading among their descendants. */
const NO_HEADINGS = new Set(['dt', 'th']);
const HEADING = /^h[1-6]$/;
/** What a list or a table's part may hold; anything else goes into a new item or cell. */
const CONTAINERS: Record<string, { allowed: string[]; wrap: (children: ElementContent[]) => Element }> = {
  ul: { allowed: ['li'], wrap: (children) => element('li', children) },
  ol: { allowed: ['li'], wrap: (children) => element('li', children) },
  // The HTML parser puts a table's rows in a <tbody>, and XHTML allows no row beside one.
  table: { allowed: ['caption', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr'], wrap: (children) => element('tbody', [element('tr', [element('td', children)])]) },
  thead: { allowed: ['tr'], wrap: (children) => element('tr', [element('td', children)]) },
  tbody: { allowed: ['tr'], wrap: (children) => element('tr', [element('td', children)]) },
  tfoot: { allowed: ['tr'], wrap: (children) => element('tr', [element('td', children)]) },
  tr: { allowed: ['td', 'th'], wrap: (children) => element('td', children) },
};
/** Elements that only some parents may hold, and those parents. */
const PARENTS: Record<string, string[]> = { li: ['ul', 'ol'], dt: ['dl'], dd: ['dl'], summary: ['details'], figcaption: ['figure'], rt: ['ruby'], rp: ['ruby'] };

interface Place {
  parent: string;
  phrasing: boolean;
  noHeadings: boolean;
}

const element = (tagName: string, children: ElementContent[]): Element => ({ type: 'element', tagName, properties: {}, children });
const isBlank = (node: ElementContent) => node.type === 'text' && node.value.trim() === '';

/** A page's body, each element where its content model allows. */
export function withValidContent(body: Root): Root {
  return { ...body, children: repaired(body.children as ElementContent[], { parent: 'body', phrasing: false, noHeadings: false }) };
}

function repaired(nodes: readonly ElementContent[], place: Place): ElementContent[] {
  return nodes.flatMap((node) => (node.type === 'element' ? repairedElement(node, place) : [node]));
}

function repairedElement(node: Element, place: Place): ElementContent[] {
  let tagName = node.tagName;
  // An item, term, summary or caption out of its place is a plain block; a heading where none may be, a paragraph.
  if (PARENTS[tagName] && !PARENTS[tagName]!.includes(place.parent)) tagName = 'div';
  if (HEADING.test(tagName) && place.noHeadings) tagName = 'p';
  // A block inside phrasing content gives way to what it holds, kept apart from the words around it.
  if (place.phrasing && !PHRASING.has(tagName)) {
    const children = repaired(node.children, place);
    return children.length > 0 ? [{ type: 'text', value: ' ' }, ...children, { type: 'text', value: ' ' }] : [];
  }
  const inside: Place = {
    parent: tagName,
    phrasing: TRANSPARENT.has(tagName) ? place.phrasing : PHRASING.has(tagName) || HOLDS_PHRASING.has(tagName),
    noHeadings: place.noHeadings || NO_HEADINGS.has(tagName),
  };
  const children = repaired(node.children, inside);
  const container = CONTAINERS[tagName];
  const repairedNode: Element = { ...node, tagName, children: container ? wrapped(children, container.allowed, container.wrap) : children };
  return [structured(repairedNode)];
}

/** Runs of what a list or table part may not hold, each wrapped in a new item, row or cell; blank text stays. */
function wrapped(children: ElementContent[], allowed: string[], wrap: (children: ElementContent[]) => Element): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some((node) => !isBlank(node))) out.push(wrap(run));
    else out.push(...run);
    run = [];
  };
  for (const child of children) {
    if (child.type === 'element' && allowed.includes(child.tagName)) {
      flush();
      out.push(child);
    } else run.push(child);
  }
  flush();
  return out;
}

/**
 * The elements whose children must come in an order: a `<dl>` of groups of `<dt>` then `<dd>`, a `<details>` that
 * opens with its `<summary>`, a `<figure>` with its caption first or last. One that is not becomes a `<div>` of
 * `<div>`s, which holds the same words.
 */
function structured(node: Element): Element {
  const elements = node.children.filter((child): child is Element => child.type === 'element');
  const names = elements.map((child) => child.tagName);
  const texts = node.children.some((child) => child.type === 'text' && !isBlank(child));
  const valid =
    node.tagName === 'dl'
      ? !texts && /^(?:(?:dt )+(?:dd )+)*$/.test(names.map((name) => `${name} `).join(''))
      : node.tagName === 'details'
        ? names[0] === 'summary' && names.indexOf('summary', 1) === -1
        : node.tagName === 'figure'
          ? names.every((name, i) => name !== 'figcaption' || i === 0 || i === names.length - 1) && names.filter((name) => name === 'figcaption').length <= 1
          : true;
  if (valid) return node;
  const parts = new Set(['dt', 'dd', 'summary', 'figcaption']);
  return { ...node, tagName: 'div', children: node.children.map((child) => (child.type === 'element' && parts.has(child.tagName) ? { ...child, tagName: 'div' } : child)) };
}
