// What pdfmake's layout and renderer lack, added to them once per process:
// - pictures inside a line of text (formulas, emoji): an inline of the picture's own width and height, drawn
//   on the text's baseline, with its text alternative (a formula's TeX) as invisible text for search and copy;
// - one text object per run of like-styled words, not one per word, and one link annotation per link and
//   line (pdfmake makes one per word): a smaller, faster file; and one inline per such run in the layout
//   too, which keeps every page's lines until it draws the first;
// - dot leaders after a contents entry;
// - widow and orphan control and keep-with-next for paragraphs (pdfmake breaks a paragraph after any line);
// - memory given back while the pages are drawn: each page's lines once it is drawn, and the file's bytes
//   gathered into blocks as they come.
import { createRequire } from 'node:module';

/** A picture that stands in a line of text, in points; `above` and `below` are measured from the baseline. */
export interface Picture {
  svg: string;
  width: number;
  above: number;
  below: number;
  /** What search and copy find in the picture's place (a formula's TeX), or null. */
  alt: string | null;
}

/** A paragraph's page-breaking rules, on its pdfmake node. */
export interface KeepLines {
  /** Lines that must stay together at the start and at the end of the paragraph when it breaks. */
  lines: number;
  /** Height of what follows, in points, that must not begin a page alone: the paragraph's last lines go with it. */
  withNext?: number;
}

interface PdfFont {
  ascender: number;
  widthOfString(text: string, size: number, features?: unknown): number;
}
interface Inline {
  text: string;
  x: number;
  width: number;
  height: number;
  font: PdfFont;
  fontSize: number;
  color?: string;
  opacity?: number;
  link?: string | null;
  linkToDestination?: string | null;
  linkToPage?: number | null;
  characterSpacing?: number;
  fontFeatures?: unknown;
  sup?: boolean;
  sub?: boolean;
  alignment?: string;
  justifyShift?: number;
  leadingCut?: number;
  trailingCut?: number;
  picture?: Picture;
  leader?: boolean;
  atLineEnd?: boolean;
  altSize?: number;
  background?: unknown;
  decoration?: unknown;
  decorationColor?: unknown;
  decorationStyle?: unknown;
  decorationThickness?: unknown;
  lineEnd?: boolean;
  _pageNodeRef?: PageTarget;
  _pageRef?: { _nodeRef: PageTarget };
  _tocItemRef?: PageTarget;
}
type PageTarget = { positions?: { pageNumber: number }[] };
interface Line {
  inlines: Inline[];
  maxWidth: number;
  id?: string;
  _pageNodeRef?: Inline['_pageNodeRef'];
  getHeight(): number;
  getAscenderHeight(): number;
}
interface PdfDocument {
  opacity(value: number): PdfDocument;
  fill(color: unknown): PdfDocument;
  resolveColor(color: unknown, fallback: string): unknown;
  fontSize(size: number): PdfDocument;
  text(text: string, x: number, y: number, options: Record<string, unknown>): PdfDocument;
  save(): PdfDocument;
  restore(): PdfDocument;
  addContent(operators: string): PdfDocument;
  lineWidth(width: number): PdfDocument;
  lineCap(cap: string): PdfDocument;
  dash(length: number, options: { space: number; phase: number }): PdfDocument;
  strokeColor(color: string): PdfDocument;
  moveTo(x: number, y: number): PdfDocument;
  lineTo(x: number, y: number): PdfDocument;
  stroke(): PdfDocument;
  link(x: number, y: number, w: number, h: number, url: string): PdfDocument;
  goTo(x: number, y: number, w: number, h: number, name: string): PdfDocument;
  _font: PdfFont;
}
interface Renderer {
  pdfDocument: PdfDocument & PdfStream;
}
/** The pdfkit document as the stream of the file's bytes it is. */
interface PdfStream {
  push(chunk: Uint8Array | null): boolean;
  addPage(...options: unknown[]): unknown;
}
interface Page {
  items: unknown[];
}
interface Context {
  availableHeight: number;
  availableWidth: number;
  y: number;
  pageMargins: { top: number };
}
interface TextNode {
  _inlines?: Inline[];
  _pageRef?: unknown;
  _tocItemRef?: unknown;
  keepLines?: KeepLines;
  pageOrientation?: string;
}
interface LayoutBuilder {
  writer: {
    context(): Context;
    transactionLevel: number;
    moveToNextPage(orientation?: string): void;
    addLine(line: Line, ...rest: unknown[]): unknown;
  };
  buildNextLine(node: TextNode): Line | null;
}

const require = createRequire(import.meta.url);
const pdfmakeModule = <T>(name: string) => (require(`pdfmake/js/${name}.js`) as { default: T }).default;

const LEADER_COLOR = '#8a8a8a';
/** Distance between the dots of a leader, in points. */
const LEADER_STEP = 3;

/** Whether two neighbouring inlines can be drawn as one run of text. */
function sameRun(a: Inline, b: Inline): boolean {
  return (
    !a.picture && !b.picture && !a.leader && !b.leader && !a.atLineEnd && !b.atLineEnd && !a._pageNodeRef && !b._pageNodeRef && !a._pageRef && !b._pageRef && !a.linkToPage && !b.linkToPage &&
    a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity && a.link === b.link &&
    a.linkToDestination === b.linkToDestination && (a.characterSpacing ?? 0) === (b.characterSpacing ?? 0) &&
    a.fontFeatures === b.fontFeatures && Boolean(a.sup) === Boolean(b.sup) && Boolean(a.sub) === Boolean(b.sub) &&
    !a.justifyShift && !b.justifyShift && Math.abs(a.x + a.width - b.x) < 0.01
  );
}

/**
 * Whether two neighbouring inlines of a line look the same in every way pdfmake draws them (text, background,
 * decorations, height): then one inline can stand for both. Inline code keeps an inline per word, since
 * pdfmake draws a background per inline.
 */
function sameLook(a: Inline, b: Inline): boolean {
  return (
    sameRun(a, b) && a.height === b.height && !a.background && !b.background && !a._tocItemRef && !b._tocItemRef && a.alignment !== 'justify' &&
    a.decoration === b.decoration && a.decorationColor === b.decorationColor && a.decorationStyle === b.decorationStyle && a.decorationThickness === b.decorationThickness
  );
}

/** A line with each run of like-looking inlines made one, as wide as they were together. */
function mergeRuns(line: Line): void {
  const inlines = line.inlines;
  let kept = 0;
  for (const inline of inlines) {
    const last = inlines[kept - 1];
    if (last && sameLook(last, inline)) {
      last.text += inline.text;
      last.width += inline.width;
      last.trailingCut = inline.trailingCut;
      if (inline.lineEnd) last.lineEnd = true;
    } else {
      inlines[kept++] = inline;
    }
  }
  inlines.length = kept;
}

/** A page reference's inline ("00000" until the layout is done) gets the page number of its target. */
function fillPageNumber(inline: Inline, target: PageTarget, widthOfText: (text: string, inline: Inline) => number) {
  if (!target?.positions) throw new Error('Page reference id not found');
  inline.text = String(target.positions[0]!.pageNumber);
  const width = widthOfText(inline.text, inline);
  const slack = inline.width - width;
  inline.width = width;
  if (inline.alignment === 'right') inline.x += slack;
  else if (inline.alignment === 'center') inline.x += slack / 2;
}

/** The file's bytes are handed on in blocks of about this size. */
const OUTPUT_BLOCK = 64 * 1024;

/**
 * pdfkit pushes a chunk per line of the file, many of them slices of a 16 KB buffer of zlib's, and the stream
 * keeps them until pdfmake reads it, once every page is drawn: at 100x, 100 MB held for a 13 MB file. Gathered
 * into blocks of their own as they come, they take their size.
 */
function gatherOutput(stream: PdfStream): void {
  const push = stream.push;
  let pending: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (size > 0) push.call(stream, Buffer.concat(pending, size));
    pending = [];
    size = 0;
  };
  stream.push = function (chunk) {
    if (chunk === null) {
      flush();
      return push.call(this, null);
    }
    pending.push(chunk);
    size += chunk.length;
    if (size >= OUTPUT_BLOCK) flush();
    return true;
  };
}

type GetStyleProperty = (item: { style?: unknown }, stack: unknown, property: string, fallback: unknown) => unknown;
interface StyleLookup {
  getStyleProperty: GetStyleProperty;
}

/**
 * Runs `measure` with each style property looked up once per named style. pdfmake measures a paragraph word
 * by word, and for each word looks up 22 properties through the whole stack of styles (a new Set for each named
 * style on it): a tenth of the time of a large book. Within one paragraph the stack stays as it is, so a
 * property a word does not set itself depends only on the word's named style.
 */
function withStylesRemembered<T>(styles: StyleLookup, measure: () => T): T {
  const lookUp = styles.getStyleProperty;
  const known = new Map<unknown, Map<string, unknown>>();
  styles.getStyleProperty = (item, stack, property, fallback) => {
    if (item[property as keyof typeof item] != null || Array.isArray(item.style)) return lookUp(item, stack, property, fallback);
    let values = known.get(item.style);
    if (!values) known.set(item.style, (values = new Map()));
    if (!values.has(property)) values.set(property, lookUp(item, stack, property, fallback));
    return values.get(property);
  };
  try {
    return measure();
  } finally {
    styles.getStyleProperty = lookUp;
  }
}

const sized = (svg: string, width: number, height: number) =>
  svg.replace(/^<svg\b([^>]*)>/, (_, attributes: string) => `<svg${attributes.replace(/\s(?:width|height|style)="[^"]*"/g, '')} width="${width}" height="${height}">`);

let patched = false;

/** Installs the additions above into pdfmake's classes, at most once per process. */
export function patchPdfmake(): void {
  if (patched) return;
  patched = true;
  const TextInlines = pdfmakeModule<{ new (doc: null): { widthOfText(text: string, inline: Inline): number }; prototype: { measure(array: Inline[], styles: unknown): Inline[] } }>('TextInlines');
  const Renderer = pdfmakeModule<{ prototype: { renderLine(this: Renderer, line: Line, x: number, y: number): void; renderPages(this: Renderer, pages: Page[]): void } }>('Renderer');
  const TextDecorator = pdfmakeModule<new (doc: PdfDocument) => { drawBackground(line: Line, x: number, y: number): void; drawDecorations(line: Line, x: number, y: number): void }>('TextDecorator');
  const Builder = pdfmakeModule<{ prototype: LayoutBuilder & { processLeaf(this: LayoutBuilder, node: TextNode): void } }>('LayoutBuilder');
  const svgToPdf = (require('pdfmake/js/3rd-party/svg-to-pdfkit.js') as { default: (doc: PdfDocument, svg: string, x: number, y: number, options: object) => void }).default;
  const Styles = pdfmakeModule<StyleLookup>('StyleContextStack');
  const measurer = new TextInlines(null);
  const widthOfText = (text: string, inline: Inline) => measurer.widthOfText(text, inline);

  // A picture's inline takes the picture's width; its font size is set so that the line's ascent reaches the
  // picture's top, and its height so that the line reaches below the picture's bottom.
  const measure = TextInlines.prototype.measure;
  TextInlines.prototype.measure = function (array, styles) {
    const items = withStylesRemembered(Styles, () => measure.call(this, array, styles));
    for (const item of items) {
      const picture = item.picture;
      if (!picture) continue;
      const ascent = item.font.ascender / 1000;
      item.altSize = item.fontSize;
      item.height = Math.max(item.height, Math.max(picture.above, ascent * item.fontSize) + picture.below + 1);
      item.fontSize = picture.above / ascent;
      item.width = picture.width;
      item.leadingCut = 0;
      item.trailingCut = 0;
    }
    return items;
  };

  // pdfmake lays out every page before it draws the first (the footers count the pages, the contents give
  // page numbers): a page's lines, the largest part of the layout, are dropped as soon as it is drawn.
  const renderPages = Renderer.prototype.renderPages;
  Renderer.prototype.renderPages = function (pages) {
    const doc = this.pdfDocument;
    gatherOutput(doc);
    const addPage = doc.addPage;
    let drawn = -1;
    doc.addPage = function (...options) {
      if (drawn >= 0) pages[drawn]!.items = [];
      drawn++;
      return addPage.apply(this, options);
    };
    try {
      renderPages.call(this, pages);
    } finally {
      doc.addPage = addPage;
    }
  };

  Renderer.prototype.renderLine = function (line, x, y) {
    const doc = this.pdfDocument;
    if (line._pageNodeRef && line.inlines[0]) line.inlines[0]._pageNodeRef = line._pageNodeRef;
    const baseline = y + line.getAscenderHeight();
    const decorator = new TextDecorator(doc);
    decorator.drawBackground(line, x, y);
    const inlines = line.inlines;
    for (const inline of inlines) {
      // pdfmake resolves the page references of a paragraph's first line only.
      const target = inline._pageNodeRef ?? inline._pageRef?._nodeRef;
      if (target) fillPageNumber(inline, target, widthOfText);
      if (inline.atLineEnd) inline.x = line.maxWidth - inline.width;
    }
    for (let i = 0; i < inlines.length; i++) {
      const first = inlines[i]!;
      if (first.picture) {
        drawPicture(doc, first, x + first.x, baseline);
        continue;
      }
      let text = first.text;
      let width = first.width;
      while (i + 1 < inlines.length && sameRun(inlines[i]!, inlines[i + 1]!)) {
        text += inlines[++i]!.text;
        width += inlines[i]!.width;
      }
      const options: Record<string, unknown> = { lineBreak: false, textWidth: width, characterSpacing: first.characterSpacing, wordCount: 1 };
      if (line.id && first === inlines[0]) options.destination = line.id;
      if (first.fontFeatures) options.features = first.fontFeatures;
      doc.opacity(typeof first.opacity === 'number' ? first.opacity : 1);
      doc.fill(doc.resolveColor(first.color, 'black'));
      doc._font = first.font;
      doc.fontSize(first.fontSize);
      let top = baseline - (first.font.ascender / 1000) * first.fontSize;
      if (first.sup) top -= first.fontSize * 0.75;
      if (first.sub) top += first.fontSize * 0.35;
      doc.text(text, x + first.x, top, options);
      if (inlines[i]!.leader) drawLeader(doc, x + first.x + width, x + (inlines[i + 1]?.x ?? line.maxWidth), baseline);
    }
    decorator.drawDecorations(line, x, y);
    linkAreas(doc, line, x, y);
  };

  /** One link annotation for each run of inlines with the same target on a line, whatever their styles. */
  function linkAreas(doc: PdfDocument, line: Line, x: number, y: number) {
    const inlines = line.inlines;
    const height = line.getHeight();
    for (let i = 0; i < inlines.length; i++) {
      const first = inlines[i]!;
      if (!first.link && !first.linkToDestination) continue;
      while (i + 1 < inlines.length && inlines[i + 1]!.link === first.link && inlines[i + 1]!.linkToDestination === first.linkToDestination) i++;
      const last = inlines[i]!;
      const left = x + first.x;
      const width = last.x + last.width - (i === inlines.length - 1 ? (last.trailingCut ?? 0) : 0) - first.x;
      if (first.link) doc.link(left, y, width, height, first.link);
      else doc.goTo(left, y, width, height, first.linkToDestination!);
    }
  }

  function drawPicture(doc: PdfDocument, inline: Inline, left: number, baseline: number) {
    const { svg, width, above, below, alt } = inline.picture!;
    svgToPdf(doc, sized(svg, width, above + below), left, baseline - above, { width, height: above + below, assumePt: true });
    if (!alt) return;
    // The alternative as invisible text (render mode 3) over the picture, no wider than it.
    const size = Math.min(inline.altSize!, (inline.altSize! * width) / Math.max(0.1, inline.font.widthOfString(alt, inline.altSize!)));
    doc.save().addContent('3 Tr');
    doc._font = inline.font;
    doc.fontSize(size);
    doc.text(alt, left, baseline - (inline.font.ascender / 1000) * size, { lineBreak: false });
    doc.restore();
  }

  function drawLeader(doc: PdfDocument, from: number, to: number, baseline: number) {
    // Dots on a grid of the page, so that the leaders of all entries line up.
    const start = Math.ceil((from + LEADER_STEP) / LEADER_STEP) * LEADER_STEP;
    const end = to - LEADER_STEP;
    if (end - start < LEADER_STEP) return;
    doc.save().lineWidth(0.9).lineCap('round').dash(0.01, { space: LEADER_STEP - 0.01, phase: 0 }).strokeColor(LEADER_COLOR);
    doc.moveTo(start, baseline - 0.5).lineTo(end, baseline - 0.5).stroke().restore();
  }

  // A line keeps an inline per word only while it is being filled.
  const buildNextLine = Builder.prototype.buildNextLine;
  Builder.prototype.buildNextLine = function (node) {
    const line = buildNextLine.call(this, node);
    // pdfmake writes the page number of a node's own page reference into its first inline.
    if (line && !node._pageRef && !node._tocItemRef) mergeRuns(line);
    return line;
  };

  const processLeaf = Builder.prototype.processLeaf;
  Builder.prototype.processLeaf = function (node) {
    const breakAt = node.keepLines && !this.writer.transactionLevel ? lineBreakPlan(this, node, node.keepLines) : null;
    if (breakAt === null) return processLeaf.call(this, node);
    if (breakAt === 0) {
      this.writer.moveToNextPage(node.pageOrientation);
      return processLeaf.call(this, node);
    }
    const writer = this.writer;
    const addLine = writer.addLine;
    let index = 0;
    writer.addLine = function (line, ...rest) {
      if (index++ === breakAt) writer.moveToNextPage(node.pageOrientation);
      return addLine.call(this, line, ...rest);
    };
    try {
      processLeaf.call(this, node);
    } finally {
      writer.addLine = addLine;
    }
  };
}

/**
 * Where a paragraph must break, by the rules of `keep` (0: before its first line), or null where pdfmake's own
 * choice is right: it keeps at least `keep.lines` lines at the foot of a page and at the head of the next, and
 * with `withNext` it carries its last lines over to a page that what follows would otherwise start alone.
 */
function lineBreakPlan(builder: LayoutBuilder, node: TextNode, keep: KeepLines): number | null {
  const context = builder.writer.context();
  if (context.y <= context.pageMargins.top + 0.5 || !node._inlines) return null;
  const room = context.availableHeight;
  const next = keep.withNext ?? 0;
  // Most paragraphs fit with room to spare: no need to break their lines twice.
  const widths = node._inlines.reduce((sum, inline) => sum + inline.width, 0);
  const tallest = node._inlines.reduce((max, inline) => Math.max(max, inline.height), 0);
  const lineEnds = node._inlines.filter((inline) => (inline as { lineEnd?: boolean }).lineEnd).length;
  if ((2 * Math.ceil(widths / context.availableWidth) + lineEnds + 2) * tallest + next <= room) return null;
  // The lines as the layout will make them, from copies of the inlines (breaking a line shortens its last one).
  const probe: TextNode = { _inlines: node._inlines.map((inline) => ({ ...inline })) };
  const heights: number[] = [];
  for (let line = builder.buildNextLine(probe); line; line = builder.buildNextLine(probe)) heights.push(line.getHeight());
  const count = heights.length;
  let fit = 0;
  for (let used = 0; fit < count && used + heights[fit]! <= room + 0.01; fit++) used += heights[fit]!;
  const min = keep.lines;
  if (fit >= count) {
    const used = heights.reduce((a, b) => a + b, 0);
    if (next === 0 || used + next <= room) return null;
    // What follows goes to the next page: this paragraph's last lines go with it.
    return count > 2 * min - 1 ? count - min : 0;
  }
  if (count < 2 * min) return 0;
  if (fit < min) return 0;
  if (count - fit < min) return count - min >= min ? count - min : 0;
  return null;
}
