// How math sits in the model's trees. remark-math reads `$…$` (inline) and `$$…$$` (display); in the
// sanitized trees it is what GitHub renders as math too: `<code class="language-math">TeX</code>` inline,
// and `<pre><code class="language-math">TeX</code></pre>` displayed (as a ```` ```math ```` block also is).
// The trees keep the TeX itself; the writers render it (src/writers/shared/math.ts).
import type { Element, ElementContent, Root, RootContent } from 'hast';
import type { Place } from '../model.js';

export interface MathNode {
  tex: string;
  display: boolean;
}

const isMathCode = (node: RootContent | ElementContent): node is Element =>
  node.type === 'element' &&
  node.tagName === 'code' &&
  Array.isArray(node.properties.className) &&
  node.properties.className.includes('language-math');

const textOf = (node: Element): string => node.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');

/** The math an element stands for: a `pre` around math code is display math, math code alone is inline. */
export function mathOf(node: RootContent | ElementContent): MathNode | null {
  if (node.type !== 'element') return null;
  if (node.tagName === 'pre') {
    const code = node.children.find((c) => c.type === 'element');
    return code && isMathCode(code) ? { tex: textOf(code).replace(/\n$/, ''), display: true } : null;
  }
  return isMathCode(node) ? { tex: textOf(node), display: false } : null;
}

export interface FoundMath extends MathNode {
  /** Where the math starts in its bank (its `$`), when the tree kept it. */
  line: number | null;
  column: number | null;
}

/** Every formula of a tree, in reading order. */
export function findMath(tree: Root | Element): FoundMath[] {
  const found: FoundMath[] = [];
  const walk = (nodes: readonly (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      const math = mathOf(node);
      if (math) {
        const start = node.position?.start;
        found.push({ ...math, line: start?.line ?? null, column: start?.column ?? null });
      } else if (node.type === 'element') walk(node.children);
    }
  };
  walk(tree.children);
  return found;
}

/** Where a formula of a tree stands in its bank: its own place, else the tree's (e.g. a question heading). */
export function placeOfMath(math: FoundMath, fallback: Place): Place {
  return { file: fallback.file, line: math.line ?? fallback.line, column: math.column ?? fallback.column };
}
