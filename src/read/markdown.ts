// Markdown in, sanitized HTML out: the unified ecosystem does the work.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { toHast } from 'mdast-util-to-hast';
import { createRequire } from 'node:module';
import { sanitize, defaultSchema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { visit, SKIP } from 'unist-util-visit';
import { cutBefore } from './split.js';
import { mathOf } from './math.js';
import { MlqError } from '../errors.js';
import { limit } from '../limits.js';
import type { PhrasingContent, Root as MdastRoot, RootContent as MdastContent } from 'mdast';
import type { Root as HastRoot, Element, ElementContent, Nodes as HastNodes } from 'hast';

// remark-math: `$…$` and `$$…$$` as math, as GitHub reads them (see math.ts for how the trees hold it).
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath);

function parseWhole(text: string): MdastRoot {
  return parser.runSync(parser.parse(text)) as MdastRoot;
}

/**
 * micromark's time grows faster than the length of what it parses: pieces of about this size parse about a
 * fifth faster than pieces of 64 KB, and many times faster than megabytes at once (`npm run bench`).
 */
export const PIECE_CHARS = 8 * 1024;

/**
 * Parses Markdown to mdast with positions. A large document is parsed in pieces cut before headings
 * (see split.ts) and joined with their positions shifted: a heading always starts a new block, so the
 * tree is the same. `at` places a text that is itself a piece of a file (see parse-parallel.ts).
 */
export function parseMarkdown(text: string, at: { line: number; offset: number } = { line: 1, offset: 0 }): MdastRoot {
  const parts = cutBefore(text, PIECE_CHARS).map((piece) => {
    const part = parseWhole(piece.text);
    shiftPositions(part, at.line - 1 + piece.line - 1, at.offset + piece.offset);
    return part;
  });
  if (parts.length === 1) return parts[0]!;
  const start = parts[0]!.position!.start;
  return { type: 'root', children: parts.flatMap((part) => part.children), position: { start, end: parts.at(-1)!.position!.end } };
}

/** A plain loop: unist-util-visit's bookkeeping costs more than the shift itself on a million nodes. */
function shiftPositions(node: MdastRoot | MdastContent, lines: number, offset: number): void {
  if (lines === 0 && offset === 0) return;
  const position = node.position;
  if (position) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child, lines, offset);
}

/**
 * GitHub's sanitization schema (no script, event handlers or javascript: URLs), with CSS dropped along
 * with its tag and no <picture>/<source>, whose srcset would name remote images past the check below.
 */
const schema = {
  ...defaultSchema,
  tagNames: defaultSchema.tagNames?.filter((name) => name !== 'picture' && name !== 'source'),
  strip: [...(defaultSchema.strip ?? []), 'style'],
};

/** Whether a URL leaves the book: resolved as a browser would, so "//host" and "/\\host" count too. */
function isRemote(src: string): boolean {
  try {
    return new URL(src, 'http://book.invalid/').host !== 'book.invalid';
  } catch {
    return true;
  }
}

/** The file and line a tree's Markdown comes from, for a refusal where its nodes have no line of their own. */
type TextPlace = { file: string; line: number };

/**
 * Converts Markdown nodes to a sanitized HTML tree. Raw HTML is parsed (so `<b>` survives) and then
 * sanitized; remote images become links, so that no output format ever fetches anything. A tree nested
 * deeper than the writers can walk is refused at its line (`where` is the line of the text it comes from).
 */
export function toSafeHast(nodes: MdastContent[], where: TextPlace): HastRoot {
  refuseTooDeep(nodes, where);
  const tree = toHast({ type: 'root', children: nodes }, { allowDangerousHtml: true }) as HastRoot;
  const hasRaw = nodes.length > 0 && containsRaw(tree);
  const parsed = hasRaw ? (loadRaw()(tree) as HastRoot) : tree;
  const clean = sanitize(parsed, schema) as HastRoot;
  mathImagesToMath(clean);
  remoteImagesToLinks(clean);
  flattenNestedInteractive(clean);
  return clean;
}

const MAX_ELEMENT_NESTING = limit('elementNesting');
/** An HTML tag in raw HTML: its closing slash, its name, and a self-closing slash. */
const TAG = /<(\/?)([A-Za-z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements HTML closes without an end tag, so an open one does not nest what follows. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rt', 'rp', 'colgroup', 'caption']);
/** Markdown nodes that are two elements in HTML (a code block is <pre><code>, a table has its row groups). */
const TWO_ELEMENTS = new Set(['code', 'table']);
/** Where the inline tags opened inside them end, as the HTML parser ends them. */
const PHRASING_HOLDERS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * Refuses, before the recursive conversions, a tree whose elements would nest deeper than the writers can
 * walk (they recurse): the depth of the Markdown nodes, plus the HTML tags still open, counted in one pass
 * of the nodes in reading order with a stack of its own (the tree may be deeper than the call stack).
 */
function refuseTooDeep(nodes: readonly MdastContent[], where: TextPlace): void {
  let open = 0;
  const refuse = (line: number) => {
    throw new MlqError(`${where.file}:${line}: HTML tags, emphasis, quotes or lists nested more than ${MAX_ELEMENT_NESTING} levels deep`);
  };
  // A node to enter with the depth of its parent, or the count of open tags to restore when a holder ends.
  const pending: ({ node: MdastContent; depth: number } | { restore: number })[] = [...nodes].reverse().map((node) => ({ node, depth: 0 }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    if ('restore' in next) {
      open = next.restore;
      continue;
    }
    const { node, depth: above } = next;
    const line = node.position?.start.line ?? where.line;
    const depth = above + (node.type === 'text' ? 0 : TWO_ELEMENTS.has(node.type) ? 2 : 1);
    if (node.type === 'html') {
      for (const { 1: closing, 2: name, 3: selfClosing, index } of node.value.matchAll(TAG)) {
        const element = name!.toLowerCase();
        if (VOID_ELEMENTS.has(element) || OPTIONAL_END.has(element) || selfClosing) continue;
        open = closing ? Math.max(0, open - 1) : open + 1;
        if (above + open > MAX_ELEMENT_NESTING) refuse(line + (node.value.slice(0, index).match(/\n/g)?.length ?? 0));
      }
      continue;
    }
    if (depth + open > MAX_ELEMENT_NESTING) refuse(line);
    if (!('children' in node)) continue;
    if (PHRASING_HOLDERS.has(node.type)) pending.push({ restore: open });
    for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i] as MdastContent, depth });
  }
}

/** Like toSafeHast, for inline content (a title): no paragraph around it, no line breaks added. */
export function inlineToSafeHast(children: PhrasingContent[], where: TextPlace): HastRoot {
  const tree = toSafeHast([{ type: 'paragraph', children }], where);
  const paragraph = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'p');
  return { type: 'root', children: paragraph?.children ?? [] };
}

// hast-util-raw (with parse5) takes longer to load than a whole bank takes to parse, and most banks have
// no HTML: load it on first use (Node 20.19+ can require an ES module synchronously).
let rawParser: typeof import('hast-util-raw').raw | undefined;
function loadRaw(): typeof import('hast-util-raw').raw {
  rawParser ??= (createRequire(import.meta.url)('hast-util-raw') as typeof import('hast-util-raw')).raw;
  return rawParser;
}

function containsRaw(tree: HastNodes): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return false;
  });
  return found;
}

/** GitHub's old math images, `<img src="https://render.githubusercontent.com/render/math?math=TeX">`. */
const GITHUB_MATH_IMAGE = /^https:\/\/render\.githubusercontent\.com\/render\/math\?/;

/** A GitHub math image is the formula it carries (inline math, as math.ts says), no remote image. */
function mathImagesToMath(tree: HastRoot): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = String(node.properties.src ?? '');
    const tex = GITHUB_MATH_IMAGE.test(src) ? new URL(src).searchParams.get('math')?.trim() : undefined;
    if (!tex) return;
    parent.children[index] = { type: 'element', tagName: 'code', properties: { className: ['language-math', 'math-inline'] }, children: [{ type: 'text', value: tex }], position: node.position };
    return SKIP;
  });
}

function remoteImagesToLinks(tree: HastRoot): void {
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'img' || !parent || index === undefined) return;
    const src = String(node.properties.src ?? '');
    if (!isRemote(src)) return;
    const label = String(node.properties.alt ?? '') || src;
    const link: Element = { type: 'element', tagName: 'a', properties: { href: src }, children: [{ type: 'text', value: label }] };
    parent.children[index] = link;
    return SKIP;
  });
}

/** Elements a user acts on (HTML's interactive content), and those that must hold none (a link in a link). */
const INTERACTIVE = new Set(['a', 'button', 'details', 'label', 'select', 'textarea', 'input', 'iframe', 'embed', 'audio', 'video']);
const HOLDS_NO_INTERACTIVE = new Set(['a', 'button', 'label', 'summary']);

/**
 * Replaces every interactive element inside another (a remote image turned link inside its link, a
 * `<details>` inside a link) by its content, so that no output (EPUB, Anki, PDF, web) holds nested
 * interactive content: the outer element keeps working, the inner one's text stays.
 */
function flattenNestedInteractive(tree: HastRoot): void {
  const walk = (parent: HastRoot | Element, inside: boolean): void => {
    const children: ElementContent[] = [];
    for (const child of parent.children as ElementContent[]) {
      if (child.type !== 'element') {
        children.push(child);
        continue;
      }
      const interactive = INTERACTIVE.has(child.tagName);
      walk(child, inside || HOLDS_NO_INTERACTIVE.has(child.tagName));
      if (!(inside && interactive)) children.push(child);
      // A details' summary is only valid in its details: its text stays, without it.
      else for (const part of child.children) children.push(...(part.type === 'element' && part.tagName === 'summary' ? part.children : [part]));
    }
    parent.children = children;
  };
  walk(tree, false);
}

/**
 * What stands where an answer is still to be written: "Answer here", "Answer:", "TODO", "Coming soon" (a
 * paragraph of nothing else). It is no answer; and a label "Answer:" above the answer is no part of it.
 */
const PLACEHOLDER = /^(?:answers?(?:\s+(?:here|goes\s+here|to\s+come|coming\s+soon))?|todo|tbd|tba|wip|work\s+in\s+progress|coming\s+soon|to\s+be\s+(?:added|written|done|continued))\s*[:.!…]*$/i;

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim());
}

export function hastToHtml(tree: HastRoot): string {
  return toHtml(tree);
}

/**
 * A task list's box as a character, ☑ ticked or ☐ not (null for any other element): every output marks a
 * quiz's right option the same way, its plain text included; form controls need labels and do nothing here.
 */
export const taskBox = (node: Element): string | null => (node.tagName === 'input' && node.properties.type === 'checkbox' ? (node.properties.checked ? '☑' : '☐') : null);

/** Plain text of an HTML tree, with blocks separated by blank lines; math as its TeX, in `$…$` or `$$…$$`. */
export function hastToText(tree: HastRoot): string {
  const parts: string[] = [];
  const block = new Set(['p', 'li', 'pre', 'blockquote', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr', 'div', 'table']);
  // A plain walk rather than unist-util-visit: a list item needs its list (for its marker) and its depth.
  /** Whether the last part is a list marker: the item's first block follows it on its line. */
  let afterMarker = false;
  const walk = (node: HastRoot | HastRoot['children'][number], lists: number) => {
    if (node.type === 'text') {
      // The line break between a marker and the item's first paragraph (a loose item) is not kept.
      if (afterMarker && node.value.trim() === '') return;
      parts.push(node.value);
      afterMarker = false;
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    const children = node.children as HastRoot['children'];
    if (node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol')) {
      // Items keep their markers ("- ", "3. "), nested lists their indentation: the text reads as the list did.
      const start = Number(node.properties.start ?? 1);
      let n = Number.isFinite(start) ? start : 1;
      for (const child of children) {
        if (child.type !== 'element' || child.tagName !== 'li') continue;
        if (parts.length > 0) parts.push('\n');
        parts.push(`${'  '.repeat(lists)}${node.tagName === 'ol' ? `${n++}. ` : '- '}`);
        afterMarker = true;
        for (const grandchild of child.children as HastRoot['children']) walk(grandchild, lists + 1);
      }
      return;
    }
    if (node.type === 'element' && block.has(node.tagName) && parts.length > 0 && !afterMarker) parts.push('\n');
    const box = node.type === 'element' ? taskBox(node) : null;
    if (box) {
      parts.push(box);
      afterMarker = false;
      return;
    }
    const math = node.type === 'element' ? mathOf(node) : null;
    if (math) {
      parts.push(math.display ? `$$\n${math.tex}\n$$` : `$${math.tex}$`);
      afterMarker = false;
      return;
    }
    for (const child of children) walk(child, lists);
  };
  walk(tree, 0);
  return parts
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
