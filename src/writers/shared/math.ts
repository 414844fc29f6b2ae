// The one math step of every writer: TeX -> MathML (KaTeX) for the HTML-based outputs, TeX -> SVG
// (MathJax) for the PDF, and the trees of the model with their math replaced. How math sits in the
// model's trees is src/read/math.ts.
//
// For a writer of HTML (EPUB, questions.json, the static site):
//   withMathML(tree)            a copy of a model tree with each formula as KaTeX's MathML (`raw` nodes:
//                               serialize with hast-util-to-html's `allowDangerousHtml: true`)
//   htmlWithMathML(tree)        its HTML, in one step
//   texToMathML(tex, display)   the same markup for one formula: `<span class="katex"><math>…</math></span>`
//                               (`<math display="block">` when displayed); MathML needs no CSS or font
//   texToKatexHtml(tex, display) KaTeX's HTML rendering with the MathML beside it, for a page that ships
//                               KATEX_DIST's katex.min.css and fonts/ (the static site)
// For other writers: texToSvg(tex, display) (MathJax, paths only: no font to embed; after
// `await loadMathJax()`), and
// withMath(tree, replace) to put anything else in a formula's place (Anki's `\( … \)`).
// texError(tex) is the verdict the math-syntax rule reports: KaTeX's, unless MathJax (GitHub's renderer)
// parses the formula. TeX that KaTeX lacks and MathJax knows (`eqnarray`, `\tag` inline) is MathJax's
// MathML in texToMathML and texToKatexHtml, so every output shows what GitHub shows.
import { createRequire } from 'node:module';
import path from 'node:path';
import { toHtml } from 'hast-util-to-html';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { mathOf, type MathNode } from '../../read/math.js';

export { mathOf, findMath, type MathNode } from '../../read/math.js';

const require = createRequire(import.meta.url);

/** KaTeX's `dist` folder: `katex.min.css` and `fonts/`. */
export const KATEX_DIST = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');

// KaTeX takes longer to load than most banks take to check, and most banks have no math: loaded on first use.
let katexModule: typeof import('katex').default | undefined;
const katex = () => (katexModule ??= require('katex') as typeof import('katex').default);

/** Macros and `\href` can make a formula expand without end or link anywhere: a bank is untrusted input. */
const KATEX_OPTIONS = { output: 'mathml', trust: false, maxExpand: 1000, maxSize: 50, strict: 'ignore' } as const;

/**
 * The same formula comes back again and again ($w_i$, $N$; a book has its formulas in several outputs, and the
 * rules check them too): each renderer keeps its last results, up to a bound.
 */
function remembered<T>(render: (tex: string, display: boolean) => T): (tex: string, display: boolean) => T {
  const results = new Map<string, T>();
  return (tex, display) => {
    const key = `${display ? 'D' : 'I'}${tex}`;
    let result = results.get(key);
    if (result === undefined) {
      if (results.size >= 4096) results.clear();
      result = render(tex, display);
      results.set(key, result);
    }
    return result;
  };
}

/**
 * KaTeX's MathML of a formula; MathJax's for TeX that only MathJax parses. TeX neither can parse comes out as
 * itself, in KaTeX's error colour.
 */
export const texToMathML = remembered(
  (tex, display): string => (katexError(tex, display) && mathJaxMathML(tex, display)) || katex().renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, throwOnError: false }),
);

/**
 * KaTeX's HTML rendering of a formula with its MathML beside it (for assistive technology), for a page that
 * ships KaTeX's stylesheet and fonts (the static site: src/writers/site/math.ts); MathJax's MathML alone
 * (which browsers draw themselves) for TeX that only MathJax parses.
 */
export const texToKatexHtml = remembered(
  (tex, display): string =>
    (katexError(tex, display) && mathJaxMathML(tex, display)) || katex().renderToString(tex, { ...KATEX_OPTIONS, output: 'htmlAndMathml', displayMode: display, throwOnError: false }),
);

export interface TexError {
  message: string;
  /** 0-based offset in the TeX where KaTeX stopped, when it says. */
  offset: number | null;
}

/** Why KaTeX cannot render a formula, or null when it can. */
const katexError = remembered((tex, display): TexError | null => {
  try {
    katex().renderToString(tex, { ...KATEX_OPTIONS, displayMode: display, throwOnError: true });
    return null;
  } catch (error) {
    if (!(error instanceof katex().ParseError)) return { message: String((error as Error)?.message ?? error), offset: null };
    const { rawMessage, position } = error as { rawMessage?: string; position?: number; message: string };
    return { message: rawMessage ?? error.message, offset: typeof position === 'number' ? position : null };
  }
});

/** Why a formula cannot be rendered (KaTeX's words), or null when KaTeX or MathJax, as GitHub does, can. */
export const texError = remembered((tex, display): TexError | null => {
  const error = katexError(tex, display);
  return error && mathJaxMathML(tex, display) === null ? error : null;
});

let mathJaxConverter: ((tex: string, display: boolean) => string | null) | undefined;

/**
 * MathJax's MathML of a formula (with its TeX as annotation, as KaTeX writes it), or null when MathJax cannot
 * parse it. Only a formula KaTeX rejects asks: MathJax's files are then loaded at once (rules are synchronous),
 * with the TeX packages the PDF's MathJax has (mathjax.ts), but for `noundefined`: an unknown command is an error.
 */
const mathJaxMathML = remembered((tex, display): string | null => (mathJaxConverter ??= createMathMLConverter())(tex, display));

function createMathMLConverter(): (tex: string, display: boolean) => string | null {
  const { mathjax } = require('mathjax-full/js/mathjax.js') as typeof import('mathjax-full/js/mathjax.js');
  const { TeX } = require('mathjax-full/js/input/tex.js') as typeof import('mathjax-full/js/input/tex.js');
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js') as typeof import('mathjax-full/js/adaptors/liteAdaptor.js');
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js') as typeof import('mathjax-full/js/handlers/html.js');
  const { SerializedMmlVisitor } = require('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js') as typeof import('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js');
  const packages = { base: 'base/Base', ams: 'ams/Ams', boldsymbol: 'boldsymbol/Boldsymbol', braket: 'braket/Braket', cancel: 'cancel/Cancel', cases: 'cases/Cases', color: 'color/Color', gensymb: 'gensymb/Gensymb', textmacros: 'textmacros/TextMacros', upgreek: 'upgreek/Upgreek' };
  for (const file of Object.values(packages)) require(`mathjax-full/js/input/tex/${file}Configuration.js`);
  RegisterHTMLHandler(liteAdaptor());
  const input = new TeX({
    packages: Object.keys(packages),
    maxMacros: 1000,
    maxBuffer: 5 * 1024,
    formatError: (_jax: unknown, error: Error) => {
      throw error;
    },
  });
  const document = mathjax.document('', { InputJax: input });
  const visitor = new SerializedMmlVisitor();
  return (tex, display) => {
    let mathml: string;
    try {
      mathml = visitor.visitTree(document.convert(tex, { display }));
    } catch {
      return null;
    }
    // No ids (a \tag's row has one, the same in every formula of a page) and no MathJax-only data attributes.
    const clean = mathml.replace(/\s(?:id|data-[\w-]+)="[^"]*"/g, '').replace(/>\s+</g, '><');
    const annotation = toHtml({ type: 'element', tagName: 'annotation', properties: { encoding: 'application/x-tex' }, children: [{ type: 'text', value: tex }] });
    const semantic = clean.replace(/^(<math[^>]*>)([\s\S]*)(<\/math>)$/, (_all, open: string, inside: string, close: string) => `${open}<semantics><mrow>${inside}</mrow>${annotation}</semantics>${close}`);
    return `<span class="mathjax">${semantic}</span>`;
  };
}

export interface MathSvg {
  /** A standalone SVG document; glyphs are paths in `currentColor`. */
  svg: string;
  /** Size in ems of the surrounding text: width, height, and how far the formula reaches below the baseline. */
  width: number;
  height: number;
  depth: number;
}

let svgConverter: ((tex: string, display: boolean) => string) | undefined;

/**
 * Loads MathJax, which texToSvg needs; only the writers that draw formulas load it, and only for a book with
 * math (see hasMath): it takes longer to load than most banks take to check.
 */
export async function loadMathJax(): Promise<void> {
  svgConverter ??= (await import('./mathjax.js')).createSvgConverter();
}

const VIEW_BOX = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/;

/** MathJax's SVG of a formula, with its size (after `await loadMathJax()`). TeX it cannot parse comes out as its error message. */
export const texToSvg = remembered((tex, display): MathSvg => {
  if (!svgConverter) throw new Error('texToSvg: await loadMathJax() first');
  const container = svgConverter(tex, display);
  const svg = /<svg[\s\S]*<\/svg>/.exec(container)?.[0] ?? '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 0"></svg>';
  // MathJax's viewBox is in thousandths of an em, its top at minus the formula's height above the baseline.
  const [, , top = '0', width = '0', height = '0'] = VIEW_BOX.exec(svg) ?? [];
  return { svg, width: Number(width) / 1000, height: Number(height) / 1000, depth: (Number(top) + Number(height)) / 1000 };
});

type Replace = (math: MathNode, node: Element) => ElementContent[];

/** A copy of a tree with each formula replaced by what `replace` makes of it; the model's trees stay as they are. */
export function withMath<T extends Root | Element>(tree: T, replace: Replace): T {
  const copy = (node: RootContent | ElementContent): ElementContent[] => {
    if (node.type !== 'element') return [node as ElementContent];
    const math = mathOf(node);
    if (math) return replace(math, node);
    return [{ ...node, children: node.children.flatMap(copy) }];
  };
  return { ...tree, children: tree.children.flatMap(copy) } as T;
}

/** A copy of a tree with each formula as KaTeX's MathML (see texToMathML). */
export function withMathML<T extends Root | Element>(tree: T): T {
  return withMath(tree, ({ tex, display }) => [{ type: 'raw', value: texToMathML(tex, display) } as unknown as ElementContent]);
}

/** Whether a tree holds any formula: writers skip the copy where it holds none. */
export function hasMath(tree: Root | Element): boolean {
  const walk = (nodes: readonly (RootContent | ElementContent)[]): boolean =>
    nodes.some((node) => node.type === 'element' && (mathOf(node) !== null || walk(node.children)));
  return walk(tree.children);
}

/** HTML of a model tree with its math as MathML: questions.json's and the site's markup. */
export function htmlWithMathML(tree: Root, options: { closeSelfClosing?: boolean } = {}): string {
  return toHtml(withMathML(tree), { ...options, allowDangerousHtml: true });
}
