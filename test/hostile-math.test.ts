// Issue 21, item 4: math that Anki's own MathJax would turn into script. The cards mlq writes are typeset in
// Chromium by MathJax configured as Anki configures it (ankitects/anki, ts/mathjax/index.ts: `\(…\)` inline,
// `\[…\]` displayed, processEscapes, processEnvironments and processRefs off, the full TeX build), and no
// attribute of the result may hold a `javascript:` URL or a style; the math-syntax rule refuses the same formulas.
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../src/config.js';
import { RULES } from '../src/rules/index.js';
import { toAnkiNotes } from '../src/writers/anki/notes.js';
import { UNSAFE_TEX_COMMANDS, unsafeTexCommand } from '../src/writers/shared/unsafe-tex.js';
import { bookOf } from './support/book.js';
import { launchChromium } from './support/browser.js';

const MATHJAX = createRequire(import.meta.url).resolve('mathjax-full/es5/tex-svg-full.js');

// The reproduction: formulas with \href and \style, and the same as plain text between `\\(` `\\)` (Markdown
// for the text "\( … \)"), `\\[` `\\]` and `\$\$`; and one ordinary formula, which must still be typeset.
const OVERLAY = 'position:fixed;top:0;left:0;width:100%;height:100%;opacity:0';
const BANK = [
  '# B',
  '',
  '#### 1) What is $\\href{javascript:alert(1)}{x}$? [[src](https://s.example)]',
  `A link $\\href{javascript:alert(2)}{y}$, a cover $\\style{${OVERLAY}}{\\href{javascript:alert(3)}{z}}$,`,
  'text \\\\( \\href{javascript:alert(4)}{t} \\\\), \\\\[ \\href{javascript:alert(5)}{u} \\\\] and \\$\\$ \\href{javascript:alert(6)}{v} \\$\\$,',
  '',
  '$$',
  '\\href{javascript:alert(7)}{w}',
  '$$',
  '',
  'and a square $x^2$ and a line break $a \\\\ href$.',
  '',
].join('\n');

describe('math-syntax refuses the commands that make links, styles and script', () => {
  const rule = RULES.find((r) => r.id === 'math-syntax')!;

  it('finds each formula of the reproduction with \\href or \\style, at the command', () => {
    const findings = rule.check(bookOf(BANK));
    // The column of the command: past the opening `$` of a formula on one line; a displayed one at its `$$`.
    const column = (line: number, formula: string) => BANK.split('\n')[line - 1]!.indexOf(formula) + 2;
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [3, column(3, '$\\href')],
      [4, column(4, '$\\href')],
      [4, column(4, '$\\style')],
      [7, 1],
    ]);
    expect(findings[1]!.message).toBe('Math "\\href{javascript:alert(2)}{y}" uses \\href, which can make a link, style or script on an Anki card: it is not allowed.');
    expect(findings[2]!.message).toMatch(/^Math "\\style\{position:fixed;.*\.\.\." uses \\style, which/);
  });

  it.each([...UNSAFE_TEX_COMMANDS])('refuses \\%s, and not a line break before its letters', (name) => {
    expect(unsafeTexCommand(`a + \\${name}{x}{y}`)).toEqual({ command: `\\${name}`, offset: 4 });
    expect(unsafeTexCommand(`a \\\\${name} + \\${name}x`)).toBeNull();
  });
});

describe('Anki cards, typeset by MathJax as Anki does', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('hold no javascript: URL and no style from the bank, and show the TeX as text', async () => {
    const { notes } = toAnkiNotes(bookOf(BANK), DEFAULT_CONFIG);
    expect(notes).toHaveLength(1);
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(`<div id="front">${notes[0]!.front}</div><hr><div id="back">${notes[0]!.back}</div>`);
    await page.evaluate(() => {
      (window as unknown as { MathJax: object }).MathJax = {
        tex: { displayMath: [['\\[', '\\]']], processEscapes: false, processEnvironments: false, processRefs: false, packages: { '[+]': ['noerrors', 'mathtools', 'mhchem'], '[-]': ['textmacros'] } },
        svg: { fontCache: 'none' },
        startup: { typeset: false },
      };
    });
    await page.addScriptTag({ path: MATHJAX });
    await page.waitForFunction(() => (window as unknown as { MathJax: { typesetPromise?: unknown } }).MathJax.typesetPromise !== undefined);
    await page.evaluate(() => (window as unknown as { MathJax: { typesetPromise: () => Promise<void> } }).MathJax.typesetPromise());
    const result = await page.evaluate(() => ({
      formulas: document.querySelectorAll('mjx-container').length,
      attributes: Array.from(document.querySelectorAll('*')).flatMap((element) => Array.from(element.attributes).map((a) => `${element.tagName} ${a.name}="${a.value}"`)),
      text: document.body.innerText,
    }));
    await page.close();
    // The square and the line break are typeset; nothing else is math.
    expect(result.formulas).toBe(2);
    expect(result.attributes.filter((a) => /javascript:|position:fixed|opacity/i.test(a))).toEqual([]);
    for (const text of ['\\( \\href{javascript:alert(4)}{t} \\)', '\\[ \\href{javascript:alert(5)}{u} \\]', '$$ \\href{javascript:alert(6)}{v} $$', '$\\href{javascript:alert(2)}{y}$', '$\\href{javascript:alert(1)}{x}$']) {
      expect(result.text).toContain(text);
    }
  });
});
