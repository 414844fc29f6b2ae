// guide.pdf, read back with a real PDF parser (pdfjs-dist), poppler's pdffonts and pdftoppm, and qpdf.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { DEFAULT_CONFIG, type Config } from '../src/config.js';
import type { WriteContext } from '../src/writers/writer.js';
import { FORMATS } from '../src/writers/index.js';
import type { Book } from '../src/model.js';
import { load } from '../src/pipeline.js';
import { bookOf, ROOT } from './support/book.js';
import { MATH_BANK, MATH_TEX } from './support/math.js';

const CONFIG_FILE = path.join(ROOT, 'source/mlq.yaml');

const installed = (command: string, versionFlag: string) => {
  try {
    execFileSync(command, [versionFlag], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
// Without pdftoppm or qpdf these tests are skipped locally, but run (and fail) in CI.
const renderTests = installed('pdftoppm', '-v') || Boolean(process.env.CI);
const qpdfTests = installed('qpdf', '--version') || Boolean(process.env.CI);

/** Share of dark pixels (below half grey) in a binary PGM (P5, 8 bits), as `pdftoppm -gray` writes it. */
function darkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [, width, height, maxval] = header.map(Number) as [number, number, number, number];
  expect(maxval).toBe(255);
  const pixels = pgm.subarray(header[0].length);
  expect(pixels.length).toBe(width * height);
  let dark = 0;
  for (const value of pixels) if (value < 128) dark++;
  return dark / pixels.length;
}

async function writeGuide(book: Book, config: Config = DEFAULT_CONFIG, readAsset: WriteContext['readAsset'] = async () => 'was not found') {
  const format = await FORMATS.pdf.load();
  const output = await format.write(book, { config, readAsset });
  expect(output.files.map((f) => f.path)).toEqual(['guide.pdf']);
  return { bytes: output.files[0]!.bytes, warnings: output.warnings };
}

async function loadCorpus(epoch: string) {
  const before = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = epoch;
  try {
    return await load({ configFile: CONFIG_FILE, dated: true });
  } finally {
    if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = before;
  }
}

// pdfjs takes ownership of the buffer it is given: hand it a copy.
const openPdf = (bytes: Uint8Array) => getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;

async function pageTexts(pdf: PDFDocumentProxy): Promise<string[]> {
  const texts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return texts;
}

interface OutlineNode {
  title: string;
  items: OutlineNode[];
}
const flatten = (nodes: OutlineNode[]): string[] => nodes.flatMap((node) => [node.title, ...flatten(node.items)]);
const squash = (text: string) => text.replace(/\s+/g, '');

describe('guide.pdf of the question bank', () => {
  let book: Book;
  let config: Config;
  let bytes: Uint8Array;
  let warnings: string[];
  let pdf: PDFDocumentProxy;
  let texts: string[];

  beforeAll(async () => {
    ({ book, config } = await loadCorpus('1700000000'));
    ({ bytes, warnings } = await writeGuide(book, config));
    pdf = await openPdf(bytes);
    texts = await pageTexts(pdf);
  });

  const questions = () => book.banks.flatMap((bank) => bank.questions);

  it('shows the title page, then a table of contents, without warnings', () => {
    expect(warnings).toEqual([]);
    expect(texts[0]).toContain('Machine Learning Interview Questions');
    expect(texts[0]).toContain('80 questions');
    expect(texts[0]).toContain('https://github.com/andrewekhalel/MLQuestions');
    expect(texts[1]).toContain('Contents');
  });

  it('prints all 67 + 13 question titles in order in the body', async () => {
    expect(book.banks.map((bank) => bank.questions.length)).toEqual([67, 13]);
    const firstDest = (await pdf.getOutline())[0]!.dest;
    const destination = typeof firstDest === 'string' ? await pdf.getDestination(firstDest) : firstDest;
    const bodyStart = await pdf.getPageIndex(destination![0]);
    expect(squash(texts[bodyStart]!)).toContain(squash(book.banks[0]!.title));
    const body = squash(texts.slice(bodyStart).join(' '));
    let at = 0;
    for (const question of questions()) {
      const found = body.indexOf(squash(`${question.number}. ${question.title}`), at);
      expect(found, `question ${question.number}`).toBeGreaterThanOrEqual(at);
      at = found + 1;
    }
  });

  it('has an outline entry for each bank and every question, and no level for a lone section', async () => {
    const outline = (await pdf.getOutline()) as OutlineNode[];
    // Two banks: a level each; the first bank's lone section has none of its own.
    expect(outline.map((node) => node.title)).toEqual(book.banks.map((bank) => bank.title));
    const entries = [...outline[0]!.items, ...outline[1]!.items].map((node) => node.title);
    expect(entries).toEqual(questions().map((q) => `${q.number}. ${q.title}`));
  });

  it('makes every source a link annotation with its URL, and the contents entries internal links', async () => {
    const urls = new Set<string>();
    let internal = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const annotation of await (await pdf.getPage(n)).getAnnotations()) {
        if (annotation.subtype !== 'Link') continue;
        if (annotation.url) urls.add(annotation.url);
        else if (annotation.dest) internal++;
      }
    }
    const sources = questions().flatMap((q) => q.sources.map((s) => s.url));
    expect(sources.length).toBeGreaterThan(60);
    for (const url of sources) expect(urls, url).toContain(url);
    // Each entry of the contents (two banks, their questions) is a link into the book, one per line of it.
    expect(internal).toBeGreaterThanOrEqual(questions().length + 2);
  });

  it('says what questions without an answer have instead', () => {
    const all = squash(texts.join(' '));
    expect(all.match(/Noansweryet:contributionswelcome\./g)).toHaveLength(questions().filter((q) => !q.hasAnswer && q.answerLinks.length === 0).length);
    expect(all).toContain(squash('Answer: https://machinelearningmastery.com/gradient-descent-for-machine-learning/'));
    const q64 = texts.findIndex((text) => squash(text).includes('defget_splits():'));
    expect(q64).toBeGreaterThan(1);
  });

  it('embeds every font it uses', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-'));
    try {
      const file = path.join(dir, 'guide.pdf');
      await writeFile(file, bytes);
      const { stdout } = await promisify(execFile)('pdffonts', [file]);
      const rows = stdout.trim().split('\n').slice(2);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const row of rows) expect(row.split(/\s+/).at(-5), row).toBe('yes');
      expect(stdout).toMatch(/Roboto-Regular/);
      expect(stdout).toMatch(/DejaVuSansMono/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(renderTests)("renders the title page, the contents and the page with question 64's code, none of them blank", async () => {
    const codePage = texts.findIndex((text) => squash(text).includes('defget_splits():')) + 1;
    expect(codePage).toBeGreaterThan(2);
    const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-render-'));
    try {
      const file = path.join(dir, 'guide.pdf');
      await writeFile(file, bytes);
      for (const page of [1, 2, codePage]) {
        const prefix = path.join(dir, `page-${page}`);
        await promisify(execFile)('pdftoppm', ['-r', '40', '-gray', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
        const share = darkShare(await readFile(`${prefix}.pgm`));
        // Text at 40 dpi covers a few percent of a page; a blank page has none, a broken one is black.
        expect(share, `page ${page}`).toBeGreaterThan(0.005);
        expect(share, `page ${page}`).toBeLessThan(0.3);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("opens each bank's part with its own title and front matter: the intro, the first bank's Preparation Resources", async () => {
    const [ml, nlp] = book.banks;
    // The contents list each bank with its count too: the part page is the one its bookmark opens.
    const parts = (await pdf.getOutline()) as { dest: unknown }[];
    const pages = await Promise.all(parts.map(async ({ dest }) => pdf.getPageIndex((typeof dest === 'string' ? await pdf.getDestination(dest) : (dest as unknown[]))![0] as never)));
    const partPage = (bank: Book['banks'][number]) => pages[book.banks.indexOf(bank)]!;
    const mlPage = texts[partPage(ml!)]!;
    expect(mlPage).toContain('Preparation Resources');
    expect(mlPage).toContain('Designing Machine Learning Systems');
    const nlpPage = texts[partPage(nlp!)]!;
    expect(nlpPage).toContain('natural language processing positions');
    expect(nlpPage).toContain('generated using ChatGPT');
    expect(partPage(nlp!)).toBeGreaterThan(partPage(ml!));
  });

  it('typesets the math with its TeX as the text layer, without the dollars of the source', () => {
    const all = texts.join('\n');
    expect(all).toContain('Perplexity =');
    for (const tex of ['2^{H(D)}', 'H(D) = - {\\sum}_{i=1}^{N} {P(w_i)\\log_2{ P(w_i) }}', 'w_i', 'P(w_i)']) expect(all, tex).toContain(tex);
    for (const source of ['$2^{H(D)}$', '$w_i$', '$N$']) expect(all, source).not.toContain(source);
  });

  it.runIf(renderTests)('draws the formula after "Perplexity =" (NLP question 8): its area is not blank', async () => {
    const pageIndex = texts.findIndex((text) => text.includes('Perplexity ='));
    const page = await pdf.getPage(pageIndex + 1);
    const { height } = page.getViewport({ scale: 1 });
    const items = (await page.getTextContent()).items.filter((item) => 'str' in item);
    const label = items.find((item) => item.str.includes('Perplexity ='))!;
    const [x, baseline] = [label.transform[4] as number, label.transform[5] as number];
    // The area right of the label, one line high: the formula's paths stand there, and its TeX as invisible text.
    const area = { x: Math.round(x + label.width), y: Math.round(height - baseline - 12), width: 30, height: 16 };
    const textInArea = items.filter((item) => item.transform[4] >= area.x && item.transform[4] < area.x + area.width && Math.abs(item.transform[5] - baseline) < 8);
    expect(textInArea.map((item) => item.str.trim()).filter(Boolean)).toEqual(['2^{H(D)}']);
    const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-math-'));
    try {
      const file = path.join(dir, 'guide.pdf');
      await writeFile(file, bytes);
      const crop = (box: typeof area) =>
        ['-x', box.x, '-y', box.y, '-W', box.width, '-H', box.height].map(String);
      const render = async (name: string, box: typeof area) => {
        const prefix = path.join(dir, name);
        await promisify(execFile)('pdftoppm', ['-r', '72', '-gray', '-f', String(pageIndex + 1), '-l', String(pageIndex + 1), ...crop(box), '-singlefile', file, prefix]);
        return darkShare(await readFile(`${prefix}.pgm`));
      };
      expect(await render('formula', area)).toBeGreaterThan(0.03);
      // The same band in the right margin is blank: the measure tells ink from paper.
      expect(await render('margin', { ...area, x: 560 })).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.runIf(qpdfTests)('passes qpdf --check', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mlq-pdf-qpdf-'));
    try {
      const file = path.join(dir, 'guide.pdf');
      await writeFile(file, bytes);
      // qpdf exits 0 when clean, 3 with warnings and 2 with errors: execFile rejects on anything but 0.
      const { stdout, stderr } = await promisify(execFile)('qpdf', ['--check', file]);
      expect(stdout).toContain('No syntax or stream encoding errors found');
      expect(stderr).toBe('');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('records the document information with the source date', async () => {
    const info = (await pdf.getMetadata()).info as Record<string, string>;
    expect(info.Title).toBe('Machine Learning Interview Questions');
    expect(info.Author).toBe('Andrew Ekhalel and the MLQuestions contributors');
    expect(info.Keywords).toContain('Machine learning');
    expect(info.Subject).toBeTruthy();
    expect(info.Creator).toBe('mlq');
    expect(info.Producer).toMatch(/mlq/);
    expect(info.CreationDate).toMatch(/^D:20231114/);
  });

  it('gives byte-identical files for the same SOURCE_DATE_EPOCH, and another for another date', async () => {
    const again = await writeGuide((await loadCorpus('1700000000')).book, config);
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
    const later = await writeGuide((await loadCorpus('1800000000')).book, config);
    expect(Buffer.from(later.bytes).equals(Buffer.from(bytes))).toBe(false);
  });

  afterAll(async () => pdf?.destroy());
});

describe('guide.pdf of a bank with math in every place it can stand', () => {
  it('typesets the front matter, inline, displayed, listed and tabled formulas, each with its TeX as its text', async () => {
    const { bytes, warnings } = await writeGuide(bookOf(MATH_BANK));
    expect(warnings).toEqual([]);
    const text = (await pageTexts(await openPdf(bytes))).join('\n');
    expect(text).toContain('The intro has');
    expect(text).toContain('a list item with');
    expect(text).toContain('stays readable');
    // Drawn as pictures, each with its TeX as invisible text for search and copy, without the source's dollars.
    for (const tex of MATH_TEX) expect(text, tex).toContain(tex);
    expect(text).not.toMatch(/\$\$|\$\\sum|\$\\alpha/);
    // A topic's intro stands under its heading, before its first question.
    const at = (words: string) => text.lastIndexOf(words);
    expect([at('Topic'), at("The topic's intro has"), at('Notation'), at('Why?')]).toEqual([...[at('Topic'), at("The topic's intro has"), at('Notation'), at('Why?')]].sort((a, b) => a - b));
    expect(at('Topic')).toBeGreaterThan(at('stays readable'));
  });
});

describe('guide.pdf of other banks', () => {
  const bank = [
    '# Banque',
    '',
    '## Ελληνικά',
    '',
    '#### 1) Τι είναι η μηχανική μάθηση;',
    'Η μάθηση από δεδομένα, με ≥ 3 παραδείγματα και Σ λ ∑ ∞ → ≈ “quotes” — dash.',
    '',
    '## 中文',
    '',
    '#### 2) 什么是机器学习?',
    '机器学习 🚀 is fun 😀.',
    '',
    '#### 3) A picture',
    '![diagram](img/diagram.png) and ![remote](https://example.org/x.png) and ![gone](img/missing.png)',
    '',
  ].join('\n');
  const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const readAsset: WriteContext['readAsset'] = async (ref) => (ref === 'img/diagram.png' ? { bytes: new Uint8Array(PNG_1X1), realPath: '/bank/img/diagram.png', type: 'png' } : 'was not found');

  it('renders Greek, Chinese and emoji, and warns about the glyphs no font has', async () => {
    const { bytes, warnings } = await writeGuide(bookOf(bank), DEFAULT_CONFIG, readAsset);
    const glyphs = warnings.find((w) => w.includes('glyph'));
    expect(glyphs).toBeDefined();
    for (const char of ['什', '么']) expect(glyphs).toContain(char);
    // Greek is in Roboto; the math symbols are in DejaVu Sans; emoji are drawn from Twemoji.
    for (const char of ['Τ', 'λ', '≥', '∑', '→', '“', '—', '😀', '🚀']) expect(glyphs).not.toContain(`${char} (`);
    expect(warnings.some((w) => w.includes('img/missing.png') && w.includes('not found'))).toBe(true);
    const pdf = await openPdf(bytes);
    const text = (await pageTexts(pdf)).join(' ');
    expect(text).toContain('Τι είναι η μηχανική μάθηση;');
    expect(text).toContain('≥ 3');
    const outline = flatten((await pdf.getOutline()) as OutlineNode[]);
    // One bank: no level of its own; two sections: a level each.
    expect(outline).toEqual(['Ελληνικά', '1. Τι είναι η μηχανική μάθηση;', '中文', '2. 什么是机器学习?', '3. A picture']);
    await pdf.destroy();
  });

  it('embeds local images and links remote ones', async () => {
    const { bytes } = await writeGuide(bookOf(bank), DEFAULT_CONFIG, readAsset);
    expect(Buffer.from(bytes).includes('/Subtype /Image')).toBe(true);
    const pdf = await openPdf(bytes);
    const urls: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const annotation of await (await pdf.getPage(n)).getAnnotations()) if (annotation.url) urls.push(annotation.url);
    }
    expect(urls).toContain('https://example.org/x.png');
    await pdf.destroy();
  });

  it('embeds the local images of the front matter and of a topic\'s intro', async () => {
    const intro = '# Pictures\n\n![diagram](img/diagram.png)\n\n## Topic\n\nThe topic: ![diagram](img/diagram.png)\n\n#### 1) What?\n\nText.\n';
    const { bytes, warnings } = await writeGuide(bookOf(intro), DEFAULT_CONFIG, readAsset);
    expect(warnings).toEqual([]);
    expect(Buffer.from(bytes).includes('/Subtype /Image')).toBe(true);
    const text = (await pageTexts(await openPdf(bytes))).join(' ');
    expect(text).not.toContain('diagram.png');
  });

  it('gives two sections of one title in a row a heading each, the intro of the second under its own', async () => {
    const text = '# SQL bank\n\n## SQL\n\n#### 1) What is A?\nA.\n\n## SQL\n\nThe schema: T(a).\n\n#### 2) What is B?\nB.\n';
    const pdf = await openPdf((await writeGuide(bookOf(text))).bytes);
    expect(flatten((await pdf.getOutline()) as OutlineNode[])).toEqual(['SQL', '1. What is A?', 'SQL', '2. What is B?']);
    const body = squash((await pageTexts(pdf)).at(-1)!);
    expect(body).toMatch(/^SQLbank2questionsSQL1\.WhatisA\?A\.SQLTheschema:T\(a\)\.2\.WhatisB\?B\./);
    await pdf.destroy();
  });

  it('uses the page size of the config', async () => {
    const letter: Config = { ...DEFAULT_CONFIG, output: { ...DEFAULT_CONFIG.output, pageSize: 'LETTER' } };
    for (const [config, size] of [
      [DEFAULT_CONFIG, [595.28, 841.89]],
      [letter, [612, 792]],
    ] as const) {
      const pdf = await openPdf((await writeGuide(bookOf(bank), config, readAsset)).bytes);
      const [, , width, height] = (await pdf.getPage(1)).view;
      expect(width).toBeCloseTo(size[0], 1);
      expect(height).toBeCloseTo(size[1], 1);
      await pdf.destroy();
    }
  });
});
