// Code blocks: highlighted here, at build time, by lowlight (highlight.js's grammars as hast), so a page needs
// no script to show colours; the copy button is added by assets/page.js, since it does nothing without one.
import type { Element, ElementContent } from 'hast';
import { common, createLowlight } from 'lowlight';

const lowlight = createLowlight(common);

const textOf = (nodes: readonly ElementContent[]): string => nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node.children) : '')).join('');

/** The language a fenced block names (class "language-x"), when lowlight knows it. */
function languageOf(code: Element): string | null {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
  const named = classes.map(String).find((name) => name.startsWith('language-'));
  const language = named?.slice('language-'.length);
  return language && lowlight.registered(language) ? language : null;
}

/** A `<pre>` whose `<code>` names a known language, with the code's text as token spans (class hljs-*). */
export function highlighted(pre: Element): Element {
  const code = pre.children.length === 1 && pre.children[0]!.type === 'element' && pre.children[0]!.tagName === 'code' ? pre.children[0]! : null;
  const language = code && languageOf(code);
  if (!code || !language) return pre;
  const tokens = lowlight.highlight(language, textOf(code.children)).children as ElementContent[];
  return { ...pre, children: [{ ...code, children: tokens }] };
}
