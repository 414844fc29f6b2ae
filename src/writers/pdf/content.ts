// Sanitized HTML trees (hast) of the model -> pdfmake content: blocks, inline runs, fonts per character.
import type { Element, ElementContent, RootContent } from 'hast';
import type { Content, ContentText, TableCell } from 'pdfmake/interfaces.js';
import { BODY_STYLE, CODE, MEASURE, PROSE, emojiSvg, fontRuns, type FontName, type Run } from './fonts.js';
import type { KeepLines, Picture } from './render.js';
import { limit } from '../../limits.js';
import { textContent } from '../shared/hast.js';
import type { BookLinks } from '../shared/book-links.js';
import { mathOf, texToSvg, type MathSvg } from '../shared/math.js';
import { taskBox } from '../../read/markdown.js';

export const COLORS = { link: '#1a5fb4', accent: '#8f3b1b', muted: '#5e5e5e', codeBack: '#f3f3f0', rule: '#c8c8c8' };

export interface RenderContext {
  /** Characters no embedded font has a glyph for: collected here, reported by the writer. */
  missing: Set<string>;
  /** Keys of the images in the document's image dictionary, by `imageKey(file, src)`; absent when unreadable. */
  images: ReadonlyMap<string, string>;
  /** The bank file the tree comes from, for its relative image paths and links. */
  file: string;
  /** Where links lead: a link to another bank of the book goes to its part (`part-N`). */
  links: BookLinks | null;
}

/** The destination of a bank's part (index in book.banks). */
export const partId = (bank: number): string => `part-${bank + 1}`;

export const imageKey = (file: string, src: string) => `${file}\u0000${src}`;

interface InlineStyle {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
  link?: string;
  /** A place in the document (a part's id). */
  destination?: string;
  strike?: boolean;
  sup?: boolean;
  sub?: boolean;
}

/**
 * A run of text, or a picture in the line (a formula, an emoji: see render.ts), whose `text` is only what the
 * layout measures it by; `keepLines` is set on the paragraphs the page breaking looks after.
 */
export type Inline = ContentText & { picture?: Picture; noWrap?: boolean; leader?: boolean; atLineEnd?: boolean };
type Paragraph = ContentText & { keepLines?: KeepLines };

/** Formulas are drawn at the size of the text around them. */
export const BODY_FONT_SIZE = BODY_STYLE.fontSize;
/** A line of body text, in points (Roboto's line is 1.17 of its size). */
const BODY_LINE = BODY_FONT_SIZE * 1.17 * BODY_STYLE.lineHeight;
const CODE_FONT_SIZE = 8.5;
const INK = '#000000';
/** An emoji's square, and how much of it stands above the baseline, in ems. */
const EMOJI_SIZE = 1;
const EMOJI_RAISE = 0.82;
/** A paragraph breaks across pages only where at least this many of its lines stay on each page. */
export const MIN_LINES = 2;
/**
 * A hyphenated word up to this long ("t-SNE", "n-gram", "TF-IDF") is never broken at its hyphen: a line
 * that ends in "t-" reads as a typo.
 */
const SHORT_HYPHENATED = /(?<![\p{L}\p{N}_-])(?=[\p{L}\p{N}_-]{3,12}(?![\p{L}\p{N}_-]))[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)+(?![\p{L}\p{N}_-])/gu;
/** A whole emoji, sequences (flags, families, skin tones) included. */
const EMOJI = new RegExp('\\p{RGI_Emoji}', 'gv');
/** Text with no emoji for certain: every emoji has a character past ASCII, and the search for one is slow. */
const ASCII_ONLY = /^[\0-\x7f]*$/;

const BLOCKS = new Set([
  'p', 'ul', 'ol', 'pre', 'blockquote', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'div', 'details',
  'summary', 'section', 'figure', 'dl', 'img',
]);

/**
 * pdfmake breaks lines only where Unicode allows, so an unbroken word is laid out whole: it runs off the
 * page, widens its table column (a code block is one) past the page, and a long one takes time quadratic in
 * its length. Every `wordChars` characters of a longer word get a break opportunity, a zero-width space,
 * in a run of its own in DejaVu Sans (DejaVu Sans Mono has no glyph for it). Nothing visible changes.
 */
const LONG_WORD = new RegExp(`\\S{${limit('wordChars')}}(?=\\S)`, 'gu');
const BREAK: Run = { text: '\u200b', font: 'DejaVuSans' };

type WordRun = Run & { noWrap?: boolean; picture?: Picture };

/** Runs with their short hyphenated words in runs of their own that the layout does not break. */
function withShortWordsWhole(runs: WordRun[]): WordRun[] {
  return runs.flatMap((run) => {
    if (!run.text.includes('-')) return [run];
    const pieces: WordRun[] = [];
    let last = 0;
    for (const match of run.text.matchAll(SHORT_HYPHENATED)) {
      if (match.index > last) pieces.push({ ...run, text: run.text.slice(last, match.index) });
      pieces.push({ ...run, text: match[0], noWrap: true });
      last = match.index + match[0].length;
    }
    if (last < run.text.length) pieces.push({ ...run, text: run.text.slice(last) });
    return pieces;
  });
}

function withBreaks(runs: Run[]): Run[] {
  return runs.flatMap((run) => {
    const pieces: Run[] = [];
    let last = 0;
    for (const match of run.text.matchAll(LONG_WORD)) {
      const end = match.index + match[0].length;
      pieces.push({ ...run, text: run.text.slice(last, end) }, BREAK);
      last = end;
    }
    return last === 0 ? [run] : [...pieces, { ...run, text: run.text.slice(last) }];
  });
}

/** Text in the given style, split into runs per font, with break opportunities in long words; emoji as pictures. */
export function styledText(text: string, style: InlineStyle, context: RenderContext): Inline[] {
  const chain: readonly FontName[] = style.code ? CODE : PROSE;
  const size = style.code ? CODE_FONT_SIZE : BODY_FONT_SIZE;
  const runs: WordRun[] = [];
  let last = 0;
  const addText = (piece: string) => {
    if (piece) runs.push(...withShortWordsWhole(withBreaks(fontRuns(piece, chain, context.missing))));
  };
  for (const match of ASCII_ONLY.test(text) ? [] : text.matchAll(EMOJI)) {
    const svg = emojiSvg(match[0]);
    if (!svg) continue;
    addText(text.slice(last, match.index));
    // The layout measures the picture's inline by its text: the emoji itself, in the first font.
    runs.push({ text: match[0], font: chain[0]!, noWrap: true, picture: { svg, width: EMOJI_SIZE * size, above: EMOJI_RAISE * size, below: (EMOJI_SIZE - EMOJI_RAISE) * size, alt: null } });
    last = match.index + match[0].length;
  }
  addText(text.slice(last));
  return runs.map((run) => {
    const inline: Inline = { text: run.text };
    if (run.font !== 'Roboto') inline.font = run.font;
    if (run.noWrap) inline.noWrap = true;
    if (run.picture) inline.picture = run.picture;
    if (style.bold) inline.bold = true;
    if (style.italics) inline.italics = true;
    if (style.code) Object.assign(inline, { fontSize: CODE_FONT_SIZE, background: COLORS.codeBack });
    if (style.link) Object.assign(inline, { link: style.link, color: COLORS.link, decoration: 'underline' });
    if (style.destination) Object.assign(inline, { linkToDestination: style.destination, color: COLORS.link, decoration: 'underline' });
    if (style.strike) inline.decoration = 'lineThrough';
    if (style.sup) inline.sup = true;
    if (style.sub) inline.sub = true;
    return inline;
  });
}

const collapse = (text: string) => text.replace(/[ \t\r\n\f]+/g, ' ');

/** Inline content (a question's title) as runs, links included, without outer spaces. */
export const inlineRuns = (nodes: readonly ElementContent[], context: RenderContext): Inline[] => trimRuns(inlines(nodes, {}, context));

function inlines(nodes: readonly ElementContent[], style: InlineStyle, context: RenderContext): Inline[] {
  return nodes.flatMap((node) => inline(node, style, context));
}

function inline(node: ElementContent, style: InlineStyle, context: RenderContext): Inline[] {
  if (node.type === 'text') return styledText(style.code ? node.value : collapse(node.value), style, context);
  if (node.type !== 'element') return [];
  const math = mathOf(node);
  if (math) return [mathInline(math.tex, math.display)];
  const children = (extra: InlineStyle) => inlines(node.children, { ...style, ...extra }, context);
  switch (node.tagName) {
    case 'strong':
    case 'b':
      return children({ bold: true });
    case 'em':
    case 'i':
      return children({ italics: true });
    case 'code':
    case 'kbd':
    case 'samp':
      return children({ code: true });
    case 'del':
    case 's':
      return children({ strike: true });
    case 'sup':
      return children({ sup: true });
    case 'sub':
      return children({ sub: true });
    case 'a': {
      const target = context.links?.target(String(node.properties.href ?? ''), context.file) ?? null;
      return children(target === null ? {} : 'bank' in target ? { destination: partId(target.bank) } : { link: target.href });
    }
    case 'br':
      return [{ text: '\n' }];
    case 'input': {
      const box = taskBox(node);
      return box ? styledText(`${box} `, style, context) : [];
    }
    case 'img':
      return styledText(`[${String(node.properties.alt ?? '') || 'image'}]`, { ...style, italics: true }, context);
    default:
      return children({});
  }
}

/** Block content of a tree: paragraphs, lists, code, tables, quotes, images. */
export function blocks(nodes: readonly (RootContent | ElementContent)[], context: RenderContext): Content[] {
  const out: Content[] = [];
  let pending: ElementContent[] = [];
  const flush = () => {
    const runs = trimRuns(inlines(pending, {}, context));
    if (runs.length > 0) out.push(textBlock(runs, 'p'));
    pending = [];
  };
  for (const node of nodes) {
    if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      flush();
      out.push(...block(node, context));
    } else if (node.type === 'text' || node.type === 'element') {
      pending.push(node);
    }
  }
  flush();
  // A paragraph that introduces what follows ("Some extensions:") does not end a page without it.
  out.forEach((content, i) => {
    const paragraph = content as Paragraph;
    const last = Array.isArray(paragraph.text) ? (paragraph.text.at(-1) as Inline | undefined) : undefined;
    if (paragraph.keepLines && i + 1 < out.length && typeof last?.text === 'string' && /:\s*$/.test(last.text)) {
      paragraph.keepLines = { ...paragraph.keepLines, withNext: (MIN_LINES + 0.5) * BODY_LINE };
    }
  });
  return out;
}

function trimRuns(runs: Inline[]): Inline[] {
  const first = runs[0];
  if (first && typeof first.text === 'string') first.text = first.text.replace(/^ +/, '');
  const last = runs[runs.length - 1];
  if (last && typeof last.text === 'string') last.text = last.text.replace(/ +$/, '');
  return runs.filter((run) => run.text !== '');
}

/** What is left of the text column for a formula, less room for a list's indent. */
const MAX_MATH_WIDTH = MEASURE - 24;

/** A formula's scale: the size of the text around it, less where it would be wider than the column. */
const scaleOf = (math: MathSvg) => BODY_FONT_SIZE * Math.min(1, MAX_MATH_WIDTH / (math.width * BODY_FONT_SIZE));

/**
 * A formula as a picture in its line, in ink (MathJax draws in `currentColor`), on the line's baseline, with
 * its TeX as the text that search and copy find.
 */
function mathInline(tex: string, display: boolean): Inline {
  const math = texToSvg(tex, display);
  const scale = scaleOf(math);
  const picture: Picture = {
    svg: math.svg.replaceAll('currentColor', INK),
    width: math.width * scale,
    above: (math.height - math.depth) * scale,
    below: math.depth * scale,
    alt: tex.trim(),
  };
  // DejaVu Sans has the widest coverage for the invisible TeX.
  return { text: picture.alt || ' ', noWrap: true, font: 'DejaVuSans', picture };
}

/** Runs of text as a paragraph that keeps at least MIN_LINES lines together on each page it spans. */
function textBlock(runs: Inline[], style: string): Paragraph {
  return { text: runs, style, keepLines: { lines: MIN_LINES } };
}

/** A displayed formula: centred on a line of its own. */
function displayMath(tex: string): Content {
  return { text: [mathInline(tex, true)], style: 'displayMath' };
}

function block(node: Element, context: RenderContext): Content[] {
  switch (node.tagName) {
    case 'p':
      // A paragraph may hold images, which are blocks in a PDF: they split it.
      return node.children.some(isImage) ? blocks(node.children, context) : paragraph(node.children, 'p', context);
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return paragraph(node.children, 'answerHeading', context);
    case 'ul':
    case 'ol':
      return [list(node, context)];
    case 'pre': {
      const math = mathOf(node);
      return [math ? displayMath(math.tex) : codeBlock(node, context)];
    }
    case 'blockquote':
      return [quote(node, context)];
    case 'table':
      return [table(node, context)];
    case 'hr':
      return [{ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.5, lineColor: COLORS.rule }], margin: [0, 4, 0, 8] }];
    case 'img':
      return [image(node, context)];
    default:
      return blocks(node.children, context);
  }
}

const isImage = (node: ElementContent) => node.type === 'element' && node.tagName === 'img';

function paragraph(children: ElementContent[], style: string, context: RenderContext): Content[] {
  const runs = trimRuns(inlines(children, {}, context));
  return runs.length > 0 ? [textBlock(runs, style)] : [];
}

const elements = (node: Element, tag: string) =>
  node.children.filter((child): child is Element => child.type === 'element' && child.tagName === tag);

function list(node: Element, context: RenderContext): Content {
  const items: Content[] = elements(node, 'li').map((li) => {
    const content = blocks(li.children, context);
    // A tight item is a single paragraph: drop its paragraph spacing so the list stays compact.
    if (content.length === 1) return { ...(content[0] as ContentText), style: 'li' };
    return { stack: content, style: 'li' };
  });
  if (node.tagName === 'ul') return { ul: items, style: 'list' };
  const start = Number(node.properties.start ?? 1);
  return { ol: items, start: Number.isFinite(start) ? start : 1, style: 'list' };
}

/** A code block of at most this many lines is never split across pages. */
const SHORT_CODE_LINES = 12;

/** Code in a shaded box; pdfmake wraps long lines at the box edge, so nothing is cut off. */
function codeBlock(node: Element, context: RenderContext): Content {
  const code = textContent(node).replace(/\n$/, '');
  const short = code.split('\n').length <= SHORT_CODE_LINES;
  const cell: TableCell = { text: styledText(code, { code: true }, context).map(({ background: _, ...run }) => run), style: 'code' };
  return {
    table: { widths: ['*'], body: [[cell]] },
    layout: {
      fillColor: () => COLORS.codeBack,
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 2 : 0),
      vLineColor: () => COLORS.rule,
      paddingLeft: () => 8,
      paddingRight: () => 6,
      paddingTop: () => 5,
      paddingBottom: () => 5,
    },
    margin: [0, 2, 0, 8],
    ...(short ? { unbreakable: true } : {}),
  };
}

function quote(node: Element, context: RenderContext): Content {
  return {
    table: { widths: ['*'], body: [[{ stack: blocks(node.children, context), color: COLORS.muted }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? 2 : 0),
      vLineColor: () => COLORS.rule,
      paddingLeft: () => 10,
    },
    margin: [0, 0, 0, 6],
  };
}

function table(node: Element, context: RenderContext): Content {
  const rows: Element[] = [];
  const collect = (parent: Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'tr') rows.push(child);
      else if (['thead', 'tbody', 'tfoot'].includes(child.tagName)) collect(child);
    }
  };
  collect(node);
  const cells = rows.map((row) =>
    row.children
      .filter((cell): cell is Element => cell.type === 'element' && (cell.tagName === 'td' || cell.tagName === 'th'))
      .map((cell): TableCell => {
        const align = String(cell.properties.align ?? '');
        const text = trimRuns(inlines(cell.children, { bold: cell.tagName === 'th' }, context));
        return { text, style: 'cell', ...(align === 'center' || align === 'right' ? { alignment: align } : {}) } as TableCell;
      }),
  );
  const columns = Math.max(1, ...cells.map((row) => row.length));
  const body = cells.map((row) => [...row, ...Array.from({ length: columns - row.length }, (): TableCell => ({ text: '' }))]);
  const headerRows = rows[0]?.children.some((c) => c.type === 'element' && c.tagName === 'th') ? 1 : 0;
  return {
    table: { headerRows, widths: Array.from({ length: columns }, () => '*'), body: body.length > 0 ? body : [[{ text: '' }]] },
    layout: {
      hLineWidth: (i: number) => (i === headerRows && headerRows > 0 ? 0.8 : 0.3),
      vLineWidth: () => 0,
      hLineColor: () => COLORS.rule,
      fillColor: (row: number) => (row < headerRows ? COLORS.codeBack : null),
    },
    margin: [0, 2, 0, 8],
  };
}

function image(node: Element, context: RenderContext): Content {
  const src = String(node.properties.src ?? '');
  const key = context.images.get(imageKey(context.file, src));
  const alt = String(node.properties.alt ?? '');
  if (!key) return { text: styledText(`[image: ${alt || src}]`, { italics: true }, context), style: 'p' };
  return { image: key, fit: [400, 300], alignment: 'center', margin: [0, 4, 0, 8] };
}
