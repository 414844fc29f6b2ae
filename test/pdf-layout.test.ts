// guide.pdf's typesetting, read back from the rendered file (pdf.js text positions, pdftotext, pdftoppm):
// formulas on the baseline within their own width and searchable as TeX, page breaks that leave no line of a
// paragraph alone, words kept whole, a contents that stays in the book, emoji drawn, a small file.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../src/config.js';
import { FORMATS } from '../src/writers/index.js';
import type { Book } from '../src/model.js';
import { load } from '../src/pipeline.js';
import { findMath, loadMathJax, texToSvg } from '../src/writers/shared/math.js';
import { BODY_STYLE, pageMargins } from '../src/writers/pdf/fonts.js';
import { bookOf, ROOT } from './support/book.js';
import { bodyLines, items, squash, strandedLines } from './support/pdf.js';
import { MATH_BANK } from './support/math.js';

const run = promisify(execFile);

async function guide(book: Book, config: Config = DEFAULT_CONFIG) {
  const output = await (await FORMATS.pdf.load()).write(book, { config, readAsset: async () => 'was not found' });
  return { bytes: output.files[0]!.bytes, warnings: output.warnings };
}

const openPdf = (bytes: Uint8Array) => getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;

/** Runs a tool on the PDF written to a temporary file. */
async function withFile<T>(bytes: Uint8Array, use: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-layout-'));
  try {
    const file = path.join(dir, 'guide.pdf');
    await writeFile(file, bytes);
    return await use(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const pdftotext = (bytes: Uint8Array) => withFile(bytes, async (file) => (await run('pdftotext', [file, '-'], { maxBuffer: 64 << 20 })).stdout);

/** Share of pixels in a binary PPM (P6, as `pdftoppm` writes without -png) that are coloured, not grey. */
function colourShare(ppm: Buffer): number {
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
  const pixels = ppm.subarray(header[0].length);
  let coloured = 0;
  for (let i = 0; i < pixels.length; i += 3) {
    const [r, g, b] = [pixels[i]!, pixels[i + 1]!, pixels[i + 2]!];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
  }
  return coloured / (pixels.length / 3);
}

/** A crop of a page rendered at 72 dpi (one pixel a point), from the page's top left. */
const renderCrop = (bytes: Uint8Array, page: number, box: { x: number; y: number; width: number; height: number }, extra: string[] = []) =>
  withFile(bytes, async (file, dir) => {
    const prefix = path.join(dir, 'crop');
    const crop = ['-x', box.x, '-y', box.y, '-W', box.width, '-H', box.height].map((v) => String(typeof v === 'number' ? Math.round(v) : v));
    await run('pdftoppm', ['-r', '72', '-f', String(page), '-l', String(page), ...crop, ...extra, '-singlefile', file, prefix]);
    return readFile(`${prefix}.${extra.includes('-gray') ? 'pgm' : 'ppm'}`);
  });

describe('guide.pdf of the question bank, typeset', () => {
  let book: Book;
  let bytes: Uint8Array;
  let pdf: PDFDocumentProxy;

  beforeAll(async () => {
    process.env.SOURCE_DATE_EPOCH ??= '1700000000';
    const loaded = await load({ configFile: path.join(ROOT, 'source/mlq.yaml'), dated: true });
    book = loaded.book;
    ({ bytes } = await guide(book, loaded.config));
    pdf = await openPdf(bytes);
    await loadMathJax();
  });
  afterAll(async () => pdf?.destroy());

  it('draws each inline formula on the baseline of its line, in its own width: no glyph box overlaps the text before or after it', async () => {
    const inline = new Set(book.banks.flatMap((bank) => bank.questions.flatMap((q) => findMath(q.answerTree))).filter((m) => !m.display).map((m) => m.tex.trim()));
    const margin = pageMargins('A4')[0];
    let checked = 0;
    let followed = 0;
    for (let page = 1; page <= pdf.numPages; page++) {
      const all = await items(pdf, page);
      for (const formula of all.filter((item) => inline.has(item.str))) {
        // The formula's box: from its text alternative's start, MathJax's width at the body size.
        const svg = texToSvg(formula.str, false);
        const [left, baseline] = [formula.transform[4] as number, formula.transform[5] as number];
        const right = left + svg.width * BODY_STYLE.fontSize;
        const line = all.filter((item) => item !== formula && Math.abs((item.transform[5] as number) - baseline) < 0.5);
        const before = line.filter((item) => item.transform[4] < left).sort((a, b) => b.transform[4] - a.transform[4])[0];
        const after = line.filter((item) => item.transform[4] > left).sort((a, b) => a.transform[4] - b.transform[4])[0];
        if (before) expect(before.transform[4] + before.width, `text before ${formula.str}`).toBeLessThanOrEqual(left + 0.01);
        // A formula that starts its line starts at the text's margin, not a few points right of it.
        else expect(left, formula.str).toBeCloseTo(margin, 1);
        if (after) {
          expect(after.transform[4], `text after ${formula.str}`).toBeGreaterThanOrEqual(right - 0.01);
          // ... and right after it: a space, not a gap.
          expect(after.transform[4] - right, `text after ${formula.str}`).toBeLessThan(5);
          followed++;
        }
        checked++;
      }
    }
    // NLP question 8: 2^{H(D)}, w_i, N and P(w_i), the last three followed by "= the ...".
    expect(checked).toBeGreaterThanOrEqual(4);
    expect(followed).toBeGreaterThanOrEqual(3);
  });

  it("lets pdftotext find every formula's TeX, so that search and copy find it", async () => {
    const text = squash(await pdftotext(bytes));
    const formulas = book.banks.flatMap((bank) => [bank.frontMatterTree, ...bank.questions.map((q) => q.answerTree)].flatMap((tree) => findMath(tree)));
    expect(formulas.length).toBeGreaterThanOrEqual(5);
    for (const { tex } of formulas) expect(text, tex).toContain(squash(tex));
  });

  it('leaves no line of a paragraph alone at the head or foot of a page, nor a sources list', async () => {
    expect(await strandedLines(pdf, book)).toEqual([]);
    for (let page = 3; page <= pdf.numPages; page++) {
      const lines = await bodyLines(pdf, page);
      // "Source:", "Answer:" or "Sources:" opening a page are cut off from their answer; a page that ends
      // with the label of a list has split the list.
      expect(lines[0]?.text, `page ${page}`).not.toMatch(/^(Sources?|Answers?):/);
      expect(lines.at(-1)?.text, `page ${page}`).not.toMatch(/^(Sources|Answers):\s*$/);
    }
  });

  it('lists the book in the contents, with dot leaders, hanging indents and no links out of the book', async () => {
    const bodyStart = (await pdf.getPageIndex(((await pdf.getDestination('part-1')) as unknown[])[0] as never)) + 1;
    const contentsPages = Array.from({ length: bodyStart - 2 }, (_, i) => i + 2);
    expect(contentsPages.length).toBeGreaterThanOrEqual(1);
    let internal = 0;
    for (const page of contentsPages) {
      for (const annotation of await (await pdf.getPage(page)).getAnnotations()) {
        expect(annotation.url, `page ${page}`).toBeUndefined();
        if (annotation.dest) internal++;
      }
    }
    const questions = book.banks.flatMap((bank) => bank.questions);
    expect(internal).toBeGreaterThanOrEqual(questions.length + book.banks.length);
    // Question 5's title takes two lines: the second starts under the first's text, not under its number.
    const all = await items(pdf, 2);
    const number = all.find((item) => item.str === '5.')!;
    const title = all.find((item) => item.str.startsWith('What is regularization'))!;
    const next = all.filter((item) => item.transform[5] < title.transform[5] - 1).sort((a, b) => b.transform[5] - a.transform[5])[0]!;
    expect(title.transform[4]).toBeGreaterThan(number.transform[4] + 10);
    expect(next.transform[4]).toBeCloseTo(title.transform[4], 1);
    // Between question 2's title and its page number: a row of dots.
    const entry = all.find((item) => item.str.startsWith('What is gradient descent?'))!;
    const page = all.filter((item) => /^\d+$/.test(item.str) && Math.abs(item.transform[5] - entry.transform[5]) < 0.5)[0]!;
    const { view } = await pdf.getPage(2);
    const gap = { x: entry.transform[4] + entry.width + 8, y: view[3]! - entry.transform[5] - 6, width: page.transform[4] - entry.transform[4] - entry.width - 16, height: 8 };
    expect(gap.width).toBeGreaterThan(60);
    const strip = await renderCrop(bytes, 2, gap, ['-gray']);
    const pixels = strip.subarray(strip.length - Math.round(gap.width) * Math.round(gap.height));
    const inked = [...pixels].filter((value) => value < 240).length;
    // Light grey dots every 3 points, about a pixel each at 72 dpi: not a rule, not blank.
    expect(inked).toBeGreaterThan(gap.width / 6);
    expect(inked).toBeLessThan(gap.width);
  });

  it('tells viewers its language and title, and is a compact PDF 1.7 with one link annotation per link and line', async () => {
    expect((await pdf.getMetadata()).info).toMatchObject({ Language: 'en', Title: 'Machine Learning Interview Questions', PDFFormatVersion: '1.7' });
    expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    expect(bytes.length).toBeLessThanOrEqual(350_000);
    let links = 0;
    for (let page = 1; page <= pdf.numPages; page++) {
      const annotations = (await (await pdf.getPage(page)).getAnnotations()).filter((a) => a.subtype === 'Link');
      const places = annotations.map((a) => `${a.url ?? a.dest} ${Math.round(a.rect[1])}`);
      expect(new Set(places).size, `page ${page}`).toBe(places.length);
      links += annotations.length;
    }
    // pdfmake made one a word: 1,939.
    expect(links).toBeLessThan(400);
  });
});

describe('guide.pdf of other banks, typeset', () => {
  it("draws the math bank's formulas where the text can find them, displayed ones centred", async () => {
    const book = bookOf(MATH_BANK);
    const { bytes, warnings } = await guide(book);
    expect(warnings).toEqual([]);
    const text = squash(await pdftotext(bytes));
    const formulas = [book.banks[0]!.frontMatterTree, book.banks[0]!.questions[0]!.answerTree].flatMap((tree) => findMath(tree));
    expect(formulas.filter((f) => f.display)).toHaveLength(2);
    for (const { tex } of formulas) expect(text, tex).toContain(squash(tex));
    expect(text).not.toContain('$$');
    const pdf = await openPdf(bytes);
    const sum = (await items(pdf, 3)).find((item) => item.str.startsWith('\\sum_{i=1}^{n}'))!;
    await loadMathJax();
    const width = texToSvg(sum.str, true).width * BODY_STYLE.fontSize;
    const [left, right] = [pageMargins('A4')[0], pageMargins('A4')[0] + 360];
    expect(sum.transform[4] - left).toBeCloseTo(right - (sum.transform[4] + width), 0);
    await pdf.destroy();
  });

  it('keeps two lines of a paragraph on each page it spans, and the sources with their answer', async () => {
    // Paragraphs of one to six lines, lists, and sources after each answer fall across page ends in every way.
    const sentence = (question: number, n: number) => `Sentence ${n} of answer ${question}, long enough to fill part of a line.`;
    const bank = `# B\n\n${Array.from({ length: 40 }, (_, i) => {
      const paragraphs = Array.from({ length: 1 + (i % 3) }, (_, j) => Array.from({ length: 1 + ((i * 5 + j * 3) % 11) }, (_, k) => sentence(i, k)).join(' '));
      // Every other answer ends with a list item that introduces a list of its own.
      const list = i % 2 ? `\n\n- First point ${i}.\n- Some extensions:\n  - one\n  - two` : '';
      return `#### ${i + 1}) Question ${i}? [[src]](https://example.org/${i})\n${paragraphs.join('\n\n')}${list}\n\n[[Answer]](https://example.com/answer/${i})`;
    }).join('\n\n')}\n`;
    const book = bookOf(bank);
    const pdf = await openPdf((await guide(book)).bytes);
    expect(pdf.numPages).toBeGreaterThan(12);
    expect(await strandedLines(pdf, book)).toEqual([]);
    for (let page = 3; page <= pdf.numPages; page++) expect((await bodyLines(pdf, page))[0]?.text, `page ${page}`).not.toMatch(/^(Sources?|Answers?):/);
    await pdf.destroy();
  });

  it('never breaks a line inside a short hyphenated word', async () => {
    // Words of every length before "t-SNE" and "n-gram" bring them to every place in a line.
    const words = Array.from({ length: 400 }, (_, i) => `${'x'.repeat(1 + (i % 9))} ${i % 2 ? 't-SNE' : 'n-gram'}`).join(' ');
    const pdf = await openPdf((await guide(bookOf(`# B\n\n#### 1) Words?\n${words}\n`))).bytes);
    const lines: string[] = [];
    for (let page = 3; page <= pdf.numPages; page++) lines.push(...(await bodyLines(pdf, page)).map((line) => line.text.trim()));
    expect(lines.length).toBeGreaterThan(40);
    expect(lines.filter((line) => /\b(t|n)-$/.test(line))).toEqual([]);
    await pdf.destroy();
  });

  it('draws emoji from Twemoji, in colour, with no warning of a missing glyph', async () => {
    const bank = '# B\n\n#### 1) Emoji?\nBaby 👶 star ⭐ rocket 🚀 smile 😀 family 👨‍👩‍👧 flag 🇫🇷 end.\n';
    const { bytes, warnings } = await guide(bookOf(bank));
    expect(warnings).toEqual([]);
    const pdf = await openPdf(bytes);
    const page = pdf.numPages;
    const line = (await items(pdf, page)).filter((item) => /Baby|end\./.test(item.str));
    const { view } = await pdf.getPage(page);
    const start = line.find((item) => item.str.startsWith('Baby'))!;
    const box = { x: start.transform[4], y: view[3]! - start.transform[5] - 10, width: 300, height: 13 };
    // Six coloured pictures in a line of black text: a good share of it is colour; boxes would be black.
    expect(colourShare(await renderCrop(bytes, page, box))).toBeGreaterThan(0.05);
    await pdf.destroy();
  });

  it('lists only the topics, with their question counts, of a bank with more questions than pdf.contentsMaxQuestions', async () => {
    const bank = `# Big\n\n${['Alpha', 'Beta'].map((topic, t) => `## ${topic}\n\n${Array.from({ length: 4 }, (_, i) => `#### ${t * 4 + i + 1}) Title ${topic} ${i}?\nAnswer.`).join('\n\n')}`).join('\n\n')}\n`;
    const contents = async (config: Config) => {
      const pdf = await openPdf((await guide(bookOf(bank), config)).bytes);
      const text = (await items(pdf, 2)).map((item) => item.str).join(' ');
      await pdf.destroy();
      return text;
    };
    const config = parseConfig('pdf:\n  contentsMaxQuestions: 5\n', 'mlq.yaml');
    expect(config.pdf.contentsMaxQuestions).toBe(5);
    const topics = await contents(config);
    expect(topics).toMatch(/Alpha\s+4 questions/);
    expect(topics).toMatch(/Beta\s+4 questions/);
    expect(topics).not.toContain('Title Alpha 0?');
    expect(await contents(DEFAULT_CONFIG)).toContain('Title Alpha 0?');
    expect(() => parseConfig('pdf:\n  contentsMaxQuestions: many\n', 'mlq.yaml')).toThrow(/mlq.yaml:2: pdf.contentsMaxQuestions: expected a whole number/);
  });
});
