// The cards as a learner sees them on a phone: deck.apkg's own note type (template and CSS) and fields, put
// together the way Anki's reviewer does (aqt/reviewer.py, ts/reviewer/index.ts: the body's classes "card
// card1" and, at night, "nightMode night_mode"; the card in #qa after a <style> with the note type's CSS;
// MathJax 3's tex-chtml-full with Anki's configuration, ts/mathjax/index.ts), in Chromium at 390 px.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import initSqlJs from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/book.js';
import { launchChromium, watch } from './support/browser.js';
import { mlq } from './support/cli.js';
import { serveFolder, type StaticServer } from './support/static-server.js';

const SCREENSHOTS = path.join(ROOT, 'screenshots');
const PHONE = { width: 390, height: 844 };

interface NoteType {
  css: string;
  tmpls: { qfmt: string; afmt: string }[];
  flds: { name: string }[];
}

/** Anki's reviewer styles that touch a card (ts/reviewer/reviewer.scss, with its dark palette). */
const REVIEWER_CSS = `
:root { --canvas: #f5f5f5; --fg: #020202; }
.nightMode { --canvas: #2c2c2c; --fg: #fcfcfc; }
body { margin: 20px; overflow-wrap: break-word; }
body.nightMode { background-color: var(--canvas); color: var(--fg); }
hr { background-color: #737373; margin: 1em 0; border: none; height: 1px; }
pre { text-align: left; }
`;

/** Anki's MathJax configuration (ts/mathjax/index.ts), loaded from the path the reviewer serves it at. */
const MATHJAX = `<script>
window.MathJax = {
  tex: { displayMath: [["\\\\[", "\\\\]"]], processEscapes: false, processEnvironments: false, processRefs: false,
    packages: { "[+]": ["noerrors", "mathtools"], "[-]": ["textmacros"] } },
  loader: { load: ["[tex]/noerrors", "[tex]/mathtools"], paths: { mathjax: "/_anki/js/vendor/mathjax" } },
  startup: { typeset: false },
};
</script>
<script src="/_anki/js/vendor/mathjax/tex-chtml-full.js"></script>`;

/** Fills a template's {{Field}} and {{FrontSide}} the way Anki does for fields of HTML. */
function render(template: string, fields: Record<string, string>): string {
  return template.replace(/\{\{([^}]+)\}\}/g, (_, name: string) => fields[name] ?? '');
}

function cardPage(noteType: NoteType, fields: Record<string, string>, night: boolean): string {
  const question = render(noteType.tmpls[0]!.qfmt, fields);
  const answer = render(noteType.tmpls[0]!.afmt, { ...fields, FrontSide: question });
  const classes = `card card1 isLin${night ? ' nightMode night_mode' : ''}`;
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>${REVIEWER_CSS}</style>${MATHJAX}</head>
<body class="${classes}"><div id="qa"><style>${noteType.css}</style>${answer}</div></body></html>`;
}

/** WCAG contrast of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = color.match(/[\d.]+/g)!.slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('a card of deck.apkg on a phone, in light and night mode', () => {
  let browser: Browser;
  let server: StaticServer;
  let noteType: NoteType;
  let notes: string[][];

  beforeAll(async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'mlq-anki-card-'));
    const run = mlq(['build', '--formats', 'apkg', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const SQL = await initSqlJs();
    const db = new SQL.Database(unzipSync(readFileSync(path.join(out, 'deck.apkg')))['collection.anki2']);
    try {
      noteType = Object.values(JSON.parse(String(db.exec('SELECT models FROM col')[0]!.values[0]![0])))[0] as NoteType;
      notes = db.exec('SELECT flds FROM notes ORDER BY id')[0]!.values.map((row) => String(row[0]).split('\x1f'));
    } finally {
      db.close();
    }
    const site = path.join(out, 'reviewer');
    mkdirSync(path.join(site, '_anki/js/vendor'), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules/mathjax-full/es5'), path.join(site, '_anki/js/vendor/mathjax'));
    const fieldsOf = (note: string[]) => Object.fromEntries(noteType.flds.map((field, i) => [field.name, note[i] ?? '']));
    const code = notes.find((note) => note[0]!.includes('def get_splits'))!;
    const math = notes.find((note) => note[0]!.includes('What is perplexity used for?'))!;
    for (const night of [false, true]) {
      writeFileSync(path.join(site, `code-${night ? 'night' : 'light'}.html`), cardPage(noteType, fieldsOf(code), night));
      writeFileSync(path.join(site, `math-${night ? 'night' : 'light'}.html`), cardPage(noteType, fieldsOf(math), night));
    }
    server = await serveFolder(site, '/');
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(file: string): Promise<{ page: Page; problems: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const { problems } = await watch(page);
    await page.goto(new URL(file, server.root).href);
    // As the reviewer does once the card is in #qa.
    await page.evaluate(async () => {
      const mathJax = (window as unknown as { MathJax: { startup: { promise: Promise<void> }; typesetPromise(nodes: Element[]): Promise<void> } }).MathJax;
      await mathJax.startup.promise;
      await mathJax.typesetPromise([document.getElementById('qa')!]);
      await document.fonts.ready;
    });
    return { page, problems, close: () => context.close() };
  }

  for (const mode of ['light', 'night'] as const) {
    it(`keeps the code's indentation on a 390 px screen, scrolling a long line inside its box (${mode})`, async () => {
      const { page, problems, close } = await open(`code-${mode}.html`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `anki-code-card-phone-${mode}.png`), fullPage: true });
      const seen = await page.evaluate(() => {
        const pre = document.querySelector('#qa pre')!;
        const code = pre.querySelector('code') ?? pre;
        const text = code.firstChild as Text;
        const lines = text.data.replace(/\n$/, '').split('\n');
        // Each line of the code as laid out: the tops of its boxes (one top: not wrapped) and where its first
        // character other than a space starts.
        let offset = 0;
        const laidOut = lines.map((line) => {
          const range = document.createRange();
          range.setStart(text, offset);
          range.setEnd(text, offset + line.length);
          const tops = new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top)));
          const indent = line.length - line.trimStart().length;
          const first = document.createRange();
          first.setStart(text, offset + indent);
          first.setEnd(text, offset + Math.min(indent + 1, line.length));
          offset += line.length + 1;
          return { line, indent, tops: tops.size, left: line.trim() ? first.getBoundingClientRect().left : null };
        });
        const space = document.createRange();
        space.setStart(text, lines[0]!.length + 1);
        space.setEnd(text, lines[0]!.length + 2);
        const style = (element: Element) => getComputedStyle(element);
        const card = document.body;
        const sources = document.querySelector('#qa .sources');
        return {
          laidOut,
          spaceWidth: space.getBoundingClientRect().width,
          preLeft: pre.getBoundingClientRect().left + parseFloat(style(pre).paddingLeft),
          whiteSpace: style(pre).whiteSpace,
          overflowX: style(pre).overflowX,
          scrolls: pre.scrollWidth > pre.clientWidth,
          pageWidth: document.documentElement.scrollWidth,
          cardSize: parseFloat(style(card).fontSize),
          cardLineHeight: parseFloat(style(card).lineHeight),
          codeSize: parseFloat(style(code).fontSize),
          sourcesSize: sources ? parseFloat(style(sources).fontSize) : null,
          colors: {
            card: [style(card).color, style(card).backgroundColor],
            code: [style(code).color, style(pre).backgroundColor],
            sources: sources ? [style(sources).color, style(card).backgroundColor] : null,
          },
        };
      });
      expect(problems).toEqual([]);
      expect(seen.whiteSpace).toBe('pre');
      expect(seen.overflowX).toBe('auto');
      // The question's code (question 64) has lines wider than a phone: they scroll in the box, the page does not.
      expect(seen.scrolls).toBe(true);
      expect(seen.pageWidth).toBeLessThanOrEqual(PHONE.width);
      expect(seen.laidOut.length).toBeGreaterThan(10);
      expect(seen.laidOut.filter((l) => l.indent === 4).length).toBeGreaterThan(3);
      for (const { line, indent, tops, left } of seen.laidOut) {
        // One line box per line of code: nothing wraps back to column 0.
        if (line.trim()) expect(tops, line).toBe(1);
        // Its first character starts `indent` spaces right of the box's edge.
        if (left !== null) expect(left - seen.preLeft, line).toBeCloseTo(indent * seen.spaceWidth, 0);
      }
      // Code at a size that follows the card's, a little smaller; sources smaller still; lines spaced.
      expect(seen.codeSize / seen.cardSize).toBeGreaterThanOrEqual(0.75);
      expect(seen.codeSize / seen.cardSize).toBeLessThan(1);
      expect(seen.sourcesSize! / seen.cardSize).toBeLessThanOrEqual(0.8);
      expect(seen.cardLineHeight / seen.cardSize).toBeGreaterThanOrEqual(1.4);
      // Every colour comes with its background: readable by day and at night.
      expect(contrast(seen.colors.card[0]!, seen.colors.card[1]!)).toBeGreaterThanOrEqual(7);
      expect(contrast(seen.colors.code[0]!, seen.colors.code[1]!)).toBeGreaterThanOrEqual(7);
      expect(contrast(seen.colors.sources![0]!, seen.colors.sources![1]!)).toBeGreaterThanOrEqual(4.5);
      const dark = (color: string) => color.match(/\d+/g)!.slice(0, 3).every((c) => Number(c) < 80);
      expect(dark(seen.colors.card[1]!)).toBe(mode === 'night');
      await close();
    });

    it(`shows the math as Anki's MathJax typesets it (${mode})`, async () => {
      const { page, problems, close } = await open(`math-${mode}.html`);
      await page.screenshot({ path: path.join(SCREENSHOTS, `anki-math-card-phone-${mode}.png`), fullPage: true });
      // Where each inline formula sits in its paragraph, with the styling's scroll box and as a plain inline
      // box (MathJax's own layout): the box must keep the formula on the text's baseline.
      const placement = () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('#qa p mjx-container:not([display="true"]) > mjx-math'), (math) => {
            const paragraph = math.closest('p')!.getBoundingClientRect();
            return Math.round((math.getBoundingClientRect().bottom - paragraph.top) * 2) / 2;
          }),
        );
      const boxed = await placement();
      const plain = await page.addStyleTag({ content: 'mjx-container:not([display="true"]) { display: inline !important; overflow: visible !important; }' });
      expect(boxed.length).toBeGreaterThan(2);
      for (const [i, bottom] of (await placement()).entries()) expect(Math.abs(boxed[i]! - bottom), `formula ${i + 1}`).toBeLessThanOrEqual(1);
      await plain.evaluate((style) => (style as HTMLStyleElement).remove());
      const seen = await page.evaluate(() => ({
        formulas: document.querySelectorAll('#qa mjx-container').length,
        errors: document.querySelectorAll('#qa mjx-merror, #qa [data-mjx-error]').length,
        leftover: /\\\(|\\\[/.test(document.getElementById('qa')!.innerText),
        pageWidth: document.documentElement.scrollWidth,
      }));
      const back = notes.find((note) => note[0]!.includes('What is perplexity used for?'))![1]!;
      expect(problems).toEqual([]);
      expect(seen.formulas).toBe((back.match(/\\\(|\\\[/g) ?? []).length);
      expect(seen.formulas).toBeGreaterThan(2);
      expect(seen.errors).toBe(0);
      expect(seen.leftover).toBe(false);
      expect(seen.pageWidth).toBeLessThanOrEqual(PHONE.width);
      await close();
    });
  }
});
