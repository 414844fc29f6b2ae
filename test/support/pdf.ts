// Reading guide.pdf's pages back as a reader sees them: lines of body text, and paragraphs cut by a page end.
import type { PDFDocumentProxy, TextItem } from 'pdfjs-dist/types/src/display/api.js';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { Book } from '../../src/model.js';
import { textContent as textOf } from '../../src/writers/shared/hast.js';

export const squash = (text: string) => text.replace(/\s+/g, '');

export async function items(pdf: PDFDocumentProxy, page: number): Promise<TextItem[]> {
  const content = await (await pdf.getPage(page)).getTextContent();
  return content.items.filter((item): item is TextItem => 'str' in item && item.str.trim() !== '');
}

export interface TextLine {
  y: number;
  text: string;
}

/** A page's lines of body text, top to bottom: items on one baseline, the running header and the footer left out. */
export async function bodyLines(pdf: PDFDocumentProxy, page: number): Promise<TextLine[]> {
  const height = (await pdf.getPage(page)).view[3]!;
  const byLine = new Map<number, TextItem[]>();
  for (const item of await items(pdf, page)) {
    const y = Math.round(item.transform[5] as number);
    if (y > height - 45 || y < 45) continue;
    byLine.set(y, [...(byLine.get(y) ?? []), item]);
  }
  return [...byLine.entries()]
    .sort(([a], [b]) => b - a)
    .map(([y, line]) => ({ y, text: line.sort((a, b) => a.transform[4] - b.transform[4]).map((item) => item.str).join('') }));
}

/** The text of every paragraph and list item of a book's answers and front matter, squashed. */
export function paragraphs(book: Book): string[] {
  const found: string[] = [];
  const trees: Root[] = book.banks.flatMap((bank) => [bank.frontMatterTree, ...bank.questions.map((q) => q.answerTree)]);
  for (const tree of trees) {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName === 'p' || node.tagName === 'li') found.push(squash(textOf(node)));
    });
  }
  return found.filter((text) => text.length > 0);
}

/**
 * Where a page of the PDF starts with the last line of a paragraph begun on the page before (a widow), or
 * ends with the first line of one that goes on over the page (an orphan).
 */
export async function strandedLines(pdf: PDFDocumentProxy, book: Book): Promise<string[]> {
  const texts = paragraphs(book);
  const found: string[] = [];
  let previous: TextLine[] = [];
  for (let page = 1; page <= pdf.numPages; page++) {
    const lines = await bodyLines(pdf, page);
    const last = previous.at(-1);
    const first = lines[0];
    if (last && first) {
      const [before, after] = [squash(last.text), squash(first.text)];
      const across = texts.filter((text) => text.includes(before + after));
      if (across.some((text) => text.endsWith(after))) found.push(`page ${page} starts with the last line alone: "${first.text}"`);
      if (across.some((text) => text.startsWith(before))) found.push(`page ${page - 1} ends with the first line alone: "${last.text}"`);
    }
    previous = lines;
  }
  return found;
}
