// Small helpers for the HTML trees (hast) the writers build from the model's sanitized trees.
import type { Element, ElementContent, Nodes, Properties } from 'hast';

/** A child as written in a writer: a string is a text node, and null or false is left out. */
export type Child = ElementContent | string | null | false;

export function el(tagName: string, properties: Properties, children: Child[] = []): Element {
  const content = children.flatMap((c): ElementContent[] =>
    c === null || c === false ? [] : typeof c === 'string' ? [{ type: 'text', value: c }] : [c],
  );
  return { type: 'element', tagName, properties, children: content };
}

/** `items` with `separator` between each two: "a, b, c". */
export function joined<T>(items: readonly T[], separator: T): T[] {
  return items.flatMap((item, i) => (i > 0 ? [separator, item] : [item]));
}

/** The text of a tree, its text nodes joined as they stand: what is left of HTML once its tags are stripped. */
export function textContent(node: Nodes): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textContent).join('') : '';
}

/** Whether an attribute's value is one an output format accepts. */
export type Allowed = (value: unknown) => boolean;
export const anyText: Allowed = (value) => typeof value === 'string';
export const integerFrom =
  (least: number): Allowed =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= least;

/** Attributes an output format accepts, per element ('*': on every element). */
export type AttributeTable = Record<string, Record<string, Allowed>>;

/**
 * The properties of `tagName` that `table` allows; a table column's alignment (`|:-:|`) becomes a class,
 * `align-left|center|right`, since `align` is valid neither in EPUB 3 nor in HTML5.
 */
export function allowedProperties(table: AttributeTable, tagName: string, given: Properties): Properties {
  const allowed = { ...table['*'], ...table[tagName] };
  const properties: Properties = {};
  for (const [name, value] of Object.entries(given)) if (allowed[name]?.(value)) properties[name] = value;
  if (typeof given.align === 'string' && /^(?:left|center|right)$/.test(given.align)) {
    properties.className = [...(Array.isArray(properties.className) ? properties.className : []), `align-${given.align}`];
  }
  return properties;
}
