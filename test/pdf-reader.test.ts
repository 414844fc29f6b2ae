// guide.pdf as a reader uses it: bookmarks that land on their question, links in headings, sources that
// can be found from paper, a comfortable measure, blocks kept together, a header that says where one is.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import { FORMATS } from '../src/writers/index.js';
import type { Book } from '../src/model.js';
import { load } from '../src/pipeline.js';
import { bookOf, ROOT } from './support/book.js';

async function guide(book: Book, config: Config = DEFAULT_CONFIG): Promise<Uint8Array> {
  const output = await (await FORMATS.pdf.load()).write(book, { config, readAsset: async () => 'was not found' });
  return output.files[0]!.bytes;
}

const openPdf = (bytes: Uint8Array) => getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;

async function textItems(pdf: PDFDocumentProxy, page: number): Promise<TextItem[]> {
  const content = await (await pdf.getPage(page)).getTextContent();
  return content.items.filter((item): item is TextItem => 'str' in item);
}

async function pageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) texts.push((await textItems(pdf, n)).map((item) => item.str).join(' '));
  return texts;
}

interface QpdfOutline {
  title: string;
  dest: [string, string, number, number, number];
  destpageposfrom1: number;
  kids: QpdfOutline[];
}

/** The outline as qpdf reads it: every entry with its explicit destination. */
async function qpdfOutline(bytes: Uint8Array): Promise<QpdfOutline[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-outline-'));
  try {
    const file = path.join(dir, 'guide.pdf');
    await writeFile(file, bytes);
    const { stdout } = await promisify(execFile)('qpdf', ['--json=2', '--json-key=outlines', file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout).outlines;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('guide.pdf of the question bank, as a reader uses it', () => {
  let book: Book;
  let bytes: Uint8Array;
  let pdf: PDFDocumentProxy;
  let texts: string[];

  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH ??= '1700000000';
    ({ book } = await load({ configFile: path.join(ROOT, 'source/mlq.yaml'), dated: true }));
    const config = (await load({ configFile: path.join(ROOT, 'source/mlq.yaml') })).config;
    bytes = await guide(book, config);
    pdf = await openPdf(bytes);
    texts = await pageTexts(pdf);
  });
  afterAll(async () => pdf?.destroy());

  const questions = () => book.banks.flatMap((bank) => bank.questions);

  it('lands every question bookmark on its heading: a distinct place on its page, not the page top', async () => {
    // A level per bank (there are two), the questions right under it (the first bank's lone section has none).
    const outline = (await qpdfOutline(bytes)).flatMap((part) => part.kids);
    expect(outline).toHaveLength(questions().length);
    const places = new Set<string>();
    for (const [i, entry] of outline.entries()) {
      const question = questions()[i]!;
      expect(entry.title).toBe(`${question.number}. ${question.title}`);
      const [, kind, , top] = entry.dest;
      expect(kind).toBe('/XYZ');
      const { view } = await pdf.getPage(entry.destpageposfrom1);
      expect(top, entry.title).toBeLessThan(view[3]! - 40);
      places.add(`${entry.destpageposfrom1}:${top}`);
      // The heading's number is printed just below the bookmark's top, on that page.
      const heading = (await textItems(pdf, entry.destpageposfrom1)).find((item) => {
        const below = top - (item.transform[5] as number);
        return item.str.startsWith(`${question.number}. `) && below > 0 && below < 30;
      });
      expect(heading, entry.title).toBeDefined();
    }
    expect(places.size).toBe(questions().length);
  });

  it("makes question 9's heading link a URI annotation beside its heading", async () => {
    const entry = (await qpdfOutline(bytes))[0]!.kids.find((e) => e.title.startsWith('9. '))!;
    const annotations = await (await pdf.getPage(entry.destpageposfrom1)).getAnnotations();
    const link = annotations.find((a) => a.url === 'http://aishack.in/tutorials/labelling-connected-components-example/');
    expect(link).toBeDefined();
    const [, , , top] = link!.rect as number[];
    expect(Math.abs(entry.dest[3] - top!)).toBeLessThan(30);
    // Question 14's "optical flow" too.
    const all = [];
    for (let n = 1; n <= pdf.numPages; n++) all.push(...(await (await pdf.getPage(n)).getAnnotations()).map((a) => a.url));
    expect(all).toContain('http://www.ncorr.com/download/publications/bakerunify.pdf');
  });

  it('prints every source as its full URL, so that a paper copy can find it', () => {
    // A URL longer than a line wraps at a break opportunity (limits.ts: wordChars), so spaces are dropped.
    const all = texts.join(' ').replace(/\s+/g, '');
    for (const source of questions().flatMap((q) => q.sources)) expect(all, source.url).toContain(new URL(source.url).href);
    expect(texts.join(' ')).not.toContain('See also');
  });

  it('sets prose at 60 to 80 characters a line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-measure-'));
    try {
      const file = path.join(dir, 'guide.pdf');
      await writeFile(file, bytes);
      // From the first question on: the body, not the contents (whose entries have their own type size).
      const first = (await qpdfOutline(bytes))[0]!.kids[0]!.destpageposfrom1;
      const { stdout } = await promisify(execFile)('pdftotext', ['-f', String(first), file, '-']);
      // Lines that wrapped (longer than 40 characters), URLs in small type aside.
      const lengths = stdout.split('\n').filter((line) => line.length > 40 && !line.includes('://')).map((line) => line.length).sort((a, b) => a - b);
      expect(lengths.length).toBeGreaterThan(300);
      const median = lengths[Math.floor(lengths.length / 2)]!;
      const p90 = lengths[Math.floor(lengths.length * 0.9)]!;
      expect(median).toBeGreaterThanOrEqual(60);
      expect(p90).toBeLessThanOrEqual(80);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names the bank in the running header, not its lone section's generic name", async () => {
    // The first bank has one section, "Questions": a header that says so tells the reader nothing.
    const first = (await qpdfOutline(bytes))[0]!.kids[0]!.destpageposfrom1;
    const { view } = await pdf.getPage(first + 1);
    const header = (await textItems(pdf, first + 1)).filter((item) => (item.transform[5] as number) > view[3]! - 40);
    expect(book.banks[0]!.sections.map((section) => section.title)).toEqual(['Questions']);
    expect(header.map((item) => item.str).join('')).toBe(book.banks[0]!.title);
  });
});

describe('guide.pdf of other banks', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i} of a long answer that takes up a line or so of the page, no more.`).join('\n\n');

  it('keeps a short code block on one page with the line that introduces it, wherever the page ends', async () => {
    // Questions of 1 to 7 lines before a 3-line code block: some blocks fall at a page's foot.
    const count = 40;
    const bank = `# B\n\n${Array.from({ length: count }, (_, i) => {
      const lines = Array.from({ length: 1 + (i % 7) }, (_, j) => `Text ${j} of question ${i}, a sentence long enough to fill most of a line.`).join('\n\n');
      return `#### ${i + 1}) Code ${i}?\n${lines}\n\nIt reads ${i}:\n\n\`\`\`\nfirst_${i}()\nsecond_${i}()\nthird_${i}()\n\`\`\``;
    }).join('\n\n')}\n`;
    const pdf = await openPdf(await guide(bookOf(bank)));
    const texts = await pageTexts(pdf);
    const pageOf = (text: string) => texts.findIndex((page) => new RegExp(`\\b${text}\\b`).test(page));
    let split = 0;
    for (let i = 0; i < count; i++) {
      expect(pageOf(`first_${i}`), `block ${i}`).toBe(pageOf(`third_${i}`));
      // "It reads:" does not end a page without what it introduces.
      expect(pageOf(`It reads ${i}`), `block ${i}`).toBe(pageOf(`first_${i}`));
      if (pageOf(`Code ${i}`) < pageOf(`first_${i}`)) split++;
    }
    // Some questions did fall across a page end: their blocks moved whole to the next page.
    expect(split).toBeGreaterThan(0);
    await pdf.destroy();
  });

  it('lists the banks in the outline when there are several, and names each in the running header', async () => {
    const bank = (title: string) => `# ${title}\n\n${Array.from({ length: 12 }, (_, i) => `#### ${i + 1}) Q${i}?\n${filler(4)}`).join('\n\n')}\n`;
    const bytes = await guide(bookOf(bank('Alpha bank'), bank('Beta bank')));
    const outline = await qpdfOutline(bytes);
    expect(outline.map((entry) => entry.title)).toEqual(['Alpha bank', 'Beta bank']);
    expect(outline[1]!.kids).toHaveLength(12);
    const pdf = await openPdf(bytes);
    const headers: string[] = [];
    for (let n = 3; n <= pdf.numPages; n++) {
      const { view } = await pdf.getPage(n);
      headers.push((await textItems(pdf, n)).filter((item) => (item.transform[5] as number) > view[3]! - 40).map((item) => item.str).join(''));
    }
    const beta = outline[1]!.destpageposfrom1;
    expect(headers.slice(0, beta - 3).every((h) => h === 'Alpha bank')).toBe(true);
    expect(headers.slice(beta - 3).every((h) => h === 'Beta bank')).toBe(true);
    expect(headers).toContain('Alpha bank');
    await pdf.destroy();
  });
});
