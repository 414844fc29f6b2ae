// guide.epub as its readers get it: the accessibility metadata, headings that skip no level, MathML a screen
// reader and a reading system without MathML can both read, colours that follow the reader's theme, the
// raster cover; checked by Ace by DAISY and looked at in Chromium at a phone's width, light and dark.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { strFromU8 } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Book, BookMeta } from '../src/model.js';
import { parseBook } from '../src/read/parse.js';
import { load } from '../src/pipeline.js';
import { accessibilityMetadata, CONFORMANCE } from '../src/writers/epub/accessibility.js';
import type { Page as EpubPage } from '../src/writers/epub/content.js';
import { writeEpub } from '../src/writers/epub/index.js';
import { el } from '../src/writers/shared/hast.js';
import { launchChromium, watch } from './support/browser.js';
import { aceTests, aceViolations, attr, elements, headingSkips, squash, textOf, unpack, type Unpacked } from './support/epub.js';
import { MATH_BANK } from './support/math.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ROOT = path.resolve(import.meta.dirname, '..');
/** For a person to look at; not committed (.gitignore). */
const SCREENSHOTS = path.join(ROOT, 'screenshots');

const META: BookMeta = {
  title: 'Headings',
  subtitle: '',
  authors: ['A'],
  language: 'en',
  license: '',
  upstream: 'https://github.com/example/headings',
  description: '',
  subjects: [],
  sourceDate: '2024-01-01T00:00:00.000Z',
};

/** Headings as banks write them: a front matter that starts at "###", an answer with headings of its own. */
const HEADINGS_BANK = `# Headings bank

### Before you start

Intro.

## Resources

### Books

- one

## Questions

#### 1) A question with headings in its answer?

##### Step one

Text.

###### Detail

Text.
`;

let corpus: Book;
let corpusEpub: Unpacked;
let corpusBytes: Uint8Array;
let headings: Unpacked;
let math: Unpacked;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = '1700000000';
  corpus = (await load({ configFile: 'source/mlq.yaml', dated: true })).book;
  corpusBytes = (await writeEpub(corpus)).bytes;
  corpusEpub = unpack(corpusBytes);
  headings = unpack((await writeEpub(parseBook({ meta: META, sources: [{ file: 'headings.md', text: HEADINGS_BANK }] }))).bytes);
  math = unpack((await writeEpub(parseBook({ meta: META, sources: [{ file: 'math.md', text: MATH_BANK }] }))).bytes);
});

/** The package document's `<meta property>` values, in order. */
const metaProperties = (book: Unpacked) =>
  [...strFromU8(book.files['OEBPS/content.opf']!).matchAll(/<meta property="((?:schema|dcterms):(?!modified)[^"]+)">([^<]*)<\/meta>/g)].map((m) => [m[1]!, m[2]!]);

const headingTags = (book: Unpacked, name: string) => elements(book.doc(`OEBPS/${name}`)).filter((e) => /^h[1-6]$/.test(e.tagName)).map((e) => e.tagName);

describe('epub: headings', () => {
  it('skip no level, in reading order, in the corpus, a bank of front-matter and answer headings, and the math bank', () => {
    expect(headingSkips(corpusEpub)).toEqual([]);
    expect(headingSkips(headings)).toEqual([]);
    expect(headingSkips(math)).toEqual([]);
  });

  it('nest a part under its h1: the front matter that goes "###" then "##", a question chapter without a section', () => {
    // The corpus: the MLQuestions front matter (h3 then h2) under the part's h1; the NLP bank has no
    // section, so its questions are h2.
    expect(headingTags(corpusEpub, 'part-1.xhtml')).toEqual(['h1', 'h2', 'h2']);
    expect(headingTags(corpusEpub, 'part-1-001.xhtml').slice(0, 2)).toEqual(['h2', 'h3']);
    expect(new Set(headingTags(corpusEpub, 'part-2-001.xhtml'))).toEqual(new Set(['h2']));
    expect(headingTags(headings, 'part-1.xhtml')).toEqual(['h1', 'h2', 'h2', 'h3']);
    // The section's h2, the question's h3, its answer's "#####" and "######" one level below each other.
    expect(headingTags(headings, 'part-1-001.xhtml')).toEqual(['h2', 'h3', 'h4', 'h5']);
  });
});

describe('epub: accessibility metadata (EPUB Accessibility 1.1)', () => {
  it('says what the corpus book has: text, a described cover, MathML with alternative text, no hazard', () => {
    const properties = metaProperties(corpusEpub);
    expect(properties.filter(([p]) => p !== 'schema:accessibilitySummary')).toEqual([
      ['schema:accessMode', 'textual'],
      ['schema:accessMode', 'visual'],
      ['schema:accessModeSufficient', 'textual'],
      ['schema:accessModeSufficient', 'textual,visual'],
      ['schema:accessibilityFeature', 'tableOfContents'],
      ['schema:accessibilityFeature', 'readingOrder'],
      ['schema:accessibilityFeature', 'structuralNavigation'],
      ['schema:accessibilityFeature', 'displayTransformability'],
      ['schema:accessibilityFeature', 'alternativeText'],
      ['schema:accessibilityFeature', 'MathML'],
      ['schema:accessibilityFeature', 'describedMath'],
      ['schema:accessibilityHazard', 'none'],
      ['dcterms:conformsTo', CONFORMANCE],
    ]);
    const summary = properties.find(([p]) => p === 'schema:accessibilitySummary')![1];
    expect(summary).toContain('every image has a text alternative');
    expect(summary).toContain('Formulas are MathML');
  });

  it('claims no MathML for a book without math', () => {
    const features = metaProperties(headings).filter(([p]) => p === 'schema:accessibilityFeature').map(([, v]) => v);
    expect(features).toEqual(['tableOfContents', 'readingOrder', 'structuralNavigation', 'displayTransformability', 'alternativeText']);
    expect(metaProperties(headings).find(([p]) => p === 'schema:accessibilitySummary')![1]).not.toContain('MathML');
  });

  it('does not call text sufficient when an image has no text alternative', () => {
    const page = (images: ReturnType<typeof el>[]): EpubPage => ({ filename: 'a.xhtml', title: 'a', beforeToc: false, body: { type: 'root', children: images } });
    const of = (pages: EpubPage[], property: string) => accessibilityMetadata(pages).filter((m) => m.property === property).map((m) => m.value);
    const undescribed = [page([el('img', { src: 'a.png', alt: 'A' })]), page([el('div', {}, [el('img', { src: 'b.png', alt: ' ' })])])];
    expect(of(undescribed, 'schema:accessModeSufficient')).toEqual(['textual,visual']);
    expect(of(undescribed, 'schema:accessibilityFeature')).not.toContain('alternativeText');
    expect(of(undescribed, 'schema:accessibilitySummary')[0]).toContain('Some images have no text alternative.');
    // No image at all: text only, and no claim of alternative text.
    const text = [page([el('p', {}, ['x'])])];
    expect(of(text, 'schema:accessMode')).toEqual(['textual']);
    expect(of(text, 'schema:accessModeSufficient')).toEqual(['textual']);
    expect(of(text, 'schema:accessibilityFeature')).not.toContain('alternativeText');
    expect(of(text, 'schema:accessibilitySummary')[0]).toMatch(/^All content is text\./);
  });

  it.runIf(aceTests)('Ace by DAISY finds no violation in the corpus book', async () => {
    expect(await aceViolations(corpusBytes, 'corpus.epub')).toEqual([]);
  }, 180_000);
});

describe('epub: math', () => {
  it('gives every formula its TeX as alttext, the same TeX as its annotation', () => {
    for (const book of [corpusEpub, math]) {
      const formulas = book.spine().flatMap((name) => elements(book.doc(name), 'math'));
      expect(formulas.length).toBeGreaterThan(0);
      for (const formula of formulas) expect(attr(formula, 'alttext')).toBe(textOf(elements(formula, 'annotation')[0]!));
    }
    // The TeX as written, "<" and all (the parser has read the attribute's escapes back).
    const alt = math.spine().flatMap((name) => elements(math.doc(name), 'math')).map((m) => attr(m, 'alttext'));
    expect(alt).toContain('a < b \\land c > d');
  });
});

describe('epub: the cover', () => {
  it('is a PNG, the cover image, beside the SVG the cover page shows', () => {
    const opf = strFromU8(corpusEpub.files['OEBPS/content.opf']!);
    expect(opf).toContain('<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image" />');
    expect(opf).toContain('<item id="cover-svg" href="cover.svg" media-type="image/svg+xml" />');
    const png = corpusEpub.files['OEBPS/cover.png']!;
    expect(Buffer.from(png.subarray(1, 4)).toString()).toBe('PNG');
    const header = new DataView(png.buffer, png.byteOffset + 16, 8);
    expect([header.getUint32(0), header.getUint32(4)]).toEqual([600, 800]);
  });
});

describe('epub: pages in Chromium at 390 px, light and dark', () => {
  let browser: Browser;
  let dir = '';

  beforeAll(async () => {
    browser = await launchChromium();
    dir = await mkdtemp(path.join(tmpdir(), 'mlq-epub-pages-'));
    for (const [name, bytes] of Object.entries(corpusEpub.files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), bytes);
    }
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function open(name: string, colorScheme: 'light' | 'dark'): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme });
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(pathToFileURL(path.join(dir, 'OEBPS', name)).href, { waitUntil: 'load' });
    return { page, problems, close: () => context.close() };
  }

  /** WCAG's contrast ratio of the colours of text and what is behind it, computed by the browser. */
  const contrastOf = (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((element) => {
      const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const linear = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
      };
      // The colour behind: the element's own background over its ancestors' down to the canvas.
      const layers: number[][] = [];
      for (let node: Element | null = element; node; node = node.parentElement) layers.push(rgba(getComputedStyle(node).backgroundColor));
      let behind = rgba(getComputedStyle(document.documentElement).colorScheme.includes('dark') && matchMedia('(prefers-color-scheme: dark)').matches ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
      for (const layer of layers.reverse()) {
        const alpha = layer[3] ?? 1;
        behind = [0, 1, 2].map((i) => layer[i]! * alpha + behind[i]! * (1 - alpha));
      }
      const text = rgba(getComputedStyle(element).color);
      const [light, dark] = [luminance(text), luminance(behind)].sort((a, b) => b - a);
      return (light! + 0.05) / (dark! + 0.05);
    });

  it.each(['light', 'dark'] as const)('follow the %s theme: readable text, code and sources, no TeX shown, screenshots written', async (colorScheme) => {
    for (const name of ['title.xhtml', 'toc.xhtml', 'part-1.xhtml', 'part-1-001.xhtml', 'part-2-001.xhtml', 'cover.xhtml']) {
      const { page, problems, close } = await open(name, colorScheme);
      expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
      // The page takes the theme: dark text on light, or light text on dark.
      const body = await page.evaluate(() => getComputedStyle(document.body).color);
      expect(body, name).toBe(colorScheme === 'dark' ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
      for (const selector of ['body', 'pre', '.sources', 'a']) {
        if ((await page.locator(selector).count()) > 0) expect(await contrastOf(page, selector), `${name} ${selector} (${colorScheme})`).toBeGreaterThanOrEqual(4.5);
      }
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const result = await axe.run(document, { runOnly: ['color-contrast', 'heading-order', 'image-alt'] });
        return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${(n as unknown as { failureSummary: string }).failureSummary}`).join(", ")}`);
      });
      expect(violations, `${name} (${colorScheme})`).toEqual([]);
      // The TeX of a formula is not on the page (it is in alttext and the hidden annotation).
      const annotations = await page.locator('annotation').evaluateAll((nodes) => nodes.map((n) => getComputedStyle(n).display));
      expect(annotations.every((display) => display === 'none')).toBe(true);
      if (name === 'part-2-001.xhtml') {
        expect(annotations.length).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.body.innerText)).not.toContain('2^{H(D)}');
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SCREENSHOTS, `epub-${name.replace('.xhtml', '')}-phone-${colorScheme}.png`), fullPage: name !== 'part-1-001.xhtml' });
      expect(problems, name).toEqual([]);
      await close();
    }
  }, 120_000);

  it('draws the title and byline on the raster cover inside its frame', async () => {
    const { page, close } = await open('cover.xhtml', 'light');
    const png = Buffer.from(corpusEpub.files['OEBPS/cover.png']!).toString('base64');
    // Light pixels per band of the 600 × 800 image, counted from the decoded PNG.
    const counts = await page.evaluate(async (data) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      [canvas.width, canvas.height] = [image.width, image.height];
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const light = (x0: number, y0: number, x1: number, y1: number) => {
        const { data: pixels } = context.getImageData(x0, y0, x1 - x0, y1 - y0);
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! > 200 && pixels[i + 1]! > 200 && pixels[i + 2]! > 200) count++;
        return count;
      };
      return { title: light(45, 200, 555, 420), byline: light(45, 670, 555, 710), outside: light(0, 0, 38, 800) + light(563, 0, 600, 800), size: [image.width, image.height] };
    }, png);
    expect(counts.size).toEqual([600, 800]);
    expect(counts.title).toBeGreaterThan(2000);
    expect(counts.byline).toBeGreaterThan(300);
    expect(counts.outside).toBe(0);
    await close();
  });
});
