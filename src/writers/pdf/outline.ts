// PDF bookmarks that land on their heading. pdfmake adds each outline entry through pdfkit's
// `outline.addItem(title)`, which points at the top of the page (`/XYZ width height`): a question at the
// foot of page 5 opened at the head of page 5. Here the renderer hands pdfkit the line's own position.
import { createRequire } from 'node:module';

interface OutlineEntry {
  id?: string;
  parentId?: string;
  text: string;
  expanded: boolean;
}

interface PdfOutline {
  addItem(title: string, options: { expanded: boolean; top: number; left: number }): PdfOutline;
}

interface RendererInstance {
  pdfDocument: { outline: PdfOutline; page: { width: number } };
  outlineMap: Record<string, PdfOutline>;
}

type RenderLine = (this: RendererInstance, line: { _outline?: OutlineEntry | null }, x: number, y: number) => void;

/** Space kept above a heading when a reader jumps to it, in points. */
const ABOVE = 6;

let patched = false;

/** Makes every outline entry pdfmake renders point at its line, at most once per process. */
export function outlineAtHeadings(): void {
  if (patched) return;
  patched = true;
  const require = createRequire(import.meta.url);
  const Renderer = (require('pdfmake/js/Renderer.js') as { default: { prototype: { renderLine: RenderLine } } }).default;
  const renderLine = Renderer.prototype.renderLine;
  Renderer.prototype.renderLine = function (line, x, y) {
    const entry = line._outline;
    if (entry) {
      const parent = (entry.parentId && this.outlineMap[entry.parentId]) || this.pdfDocument.outline;
      // pdfkit's PDFOutline takes both coordinates from the page's far edges: top = height - top,
      // left = width - left. So `top: y` is the line's top, and `left: width` the page's left edge.
      const item = parent.addItem(entry.text, { expanded: entry.expanded, top: Math.max(0, y - ABOVE), left: this.pdfDocument.page.width });
      if (entry.id) this.outlineMap[entry.id] = item;
      line._outline = null;
    }
    renderLine.call(this, line, x, y);
  };
}
