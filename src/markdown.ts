// Markdown in, sanitized HTML out: the unified ecosystem does the work.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toHast } from 'mdast-util-to-hast';
import { raw } from 'hast-util-raw';
import { sanitize, defaultSchema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { visit, SKIP } from 'unist-util-visit';
import type { Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import type { Root as HastRoot, Element, Nodes as HastNodes } from 'hast';

const parser = unified().use(remarkParse).use(remarkGfm);

export function parseMarkdown(text: string): MdastRoot {
  return parser.runSync(parser.parse(text)) as MdastRoot;
}

/** GitHub's sanitization schema: no script, style, event handlers or javascript: URLs. */
const schema = defaultSchema;

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/**
 * Converts Markdown nodes to a sanitized HTML tree. Raw HTML is parsed (so `<b>` survives) and then
 * sanitized; remote images become links, so that no output format ever fetches anything.
 */
export function toSafeHast(nodes: MdastContent[]): HastRoot {
  const tree = toHast({ type: 'root', children: nodes }, { allowDangerousHtml: true }) as HastRoot;
  const hasRaw = nodes.length > 0 && containsRaw(tree);
  const parsed = hasRaw ? (raw(tree) as HastRoot) : tree;
  const clean = sanitize(parsed, schema) as HastRoot;
  remoteImagesToLinks(clean);
  return clean;
}

function containsRaw(tree: HastNodes): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return false;
  });
  return found;
}

function remoteImagesToLinks(tree: HastRoot): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = String(node.properties.src ?? '');
    if (!REMOTE.test(src)) return;
    const label = String(node.properties.alt ?? '') || src;
    const link: Element = { type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: label }] };
    parent.children[index] = link;
    return SKIP;
  });
}

export function hastToHtml(tree: HastRoot): string {
  return toHtml(tree);
}

/** Plain text of an HTML tree, with blocks separated by blank lines. */
export function hastToText(tree: HastRoot): string {
  const parts: string[] = [];
  const block = new Set(['p', 'li', 'pre', 'blockquote', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'div', 'table']);
  visit(tree, (node) => {
    if (node.type === 'text') parts.push(node.value);
    else if (node.type === 'element' && block.has(node.tagName) && parts.length > 0) parts.push('\n');
  });
  return parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
