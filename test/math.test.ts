// The shared math step (src/writers/shared/math.ts) with the real renderers: KaTeX and MathJax.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findMath } from '../src/read/math.js';
import { KATEX_DIST, hasMath, htmlWithMathML, loadMathJax, texError, texToKatexHtml, texToMathML, texToSvg, withMath } from '../src/writers/shared/math.js';
import { toAnkiNotes } from '../src/writers/anki/notes.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { bookOf } from './support/book.js';
import { MATH_BANK } from './support/math.js';
import { xmlErrors } from './support/outputs.js';

const EQNARRAY = '\\begin{eqnarray} a &=& b \\\\ c &<& d \\end{eqnarray}';

describe('the model: remark-math into the trees', () => {
  const book = bookOf(MATH_BANK);
  const bank = book.banks[0]!;
  const q = bank.questions[0]!;

  it('finds inline, display and ```math formulas, in the title, the answer and the front matter, at their lines', () => {
    expect(findMath(bank.frontMatterTree)).toEqual([{ tex: 'e^{i\\pi} + 1 = 0', display: false, line: 3, column: 15 }]);
    expect(findMath(q.titleTree).map((m) => m.tex)).toEqual(['\\sqrt{x}']);
    expect(findMath(q.answerTree).map(({ tex, display, line }) => [tex, display, line])).toEqual([
      ['a < b \\land c > d', false, 7],
      // remark-math on currency: "$5 and $" is math, as GitHub reads it too.
      ['5 and ', false, 7],
      ['\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}', true, 9],
      ['\\int_0^1 x^2 \\, dx', true, 13],
      ['\\alpha_i', false, 17],
      ['x^2', false, 21],
      ['\\href{javascript:alert(1)}{y}', false, 21],
      ['\\frac{1}{', false, 23],
    ]);
  });

  it("finds the formulas of a topic's intro, at their lines", () => {
    expect(findMath(bank.sections[0]!.introTree).map(({ tex, display, line }) => [tex, display, line])).toEqual([
      ['\\beta^2', false, 27],
      // `$$...$$` on its own line is inline math to remark-math (GitHub shows it displayed).
      ['\\gamma_k', false, 31],
    ]);
  });

  it('keeps the TeX in answerText, between dollars', () => {
    expect(q.answerText).toContain('Inline $a < b \\land c > d$');
    expect(q.answerText).toContain('$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$');
  });
});

describe('the renderers', () => {
  it('texToMathML gives KaTeX MathML with the TeX as annotation, escaped', () => {
    const inline = texToMathML('a < b', false);
    expect(inline).toMatch(/^<span class="katex"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/);
    expect(inline).toContain('<annotation encoding="application/x-tex">a &lt; b</annotation>');
    expect(texToMathML('x', true)).toMatch(/^<span class="katex"><math [^>]*display="block"/);
  });

  it('never links: \\href is not trusted', () => {
    expect(texToMathML('\\href{javascript:alert(1)}{y}', false)).not.toMatch(/href=/);
  });

  it('texError gives KaTeX\'s message and where it stopped', () => {
    expect(texError('x^2', false)).toBeNull();
    expect(texError('x^{2', false)).toEqual({ message: "Expected '}', got 'EOF'", offset: 4 });
  });

  it('texError accepts what MathJax (GitHub\'s renderer) parses and KaTeX does not; neither parsing it is KaTeX\'s error', () => {
    expect(texError(EQNARRAY, true)).toBeNull();
    expect(texError('x \\tag{1}', false)).toBeNull();
    expect(texError('\\foo', false)).toEqual({ message: 'Undefined control sequence: \\foo', offset: 0 });
    expect(texError('\\frac{1}{', true)).toMatchObject({ offset: 9 });
  });

  it('texToMathML and texToKatexHtml give MathJax\'s MathML for TeX only MathJax parses: one row per line, the TeX as annotation, no ids', () => {
    for (const markup of [texToMathML(EQNARRAY, true), texToKatexHtml(EQNARRAY, true)]) {
      expect(markup).toMatch(/^<span class="mathjax"><math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block"><semantics><mrow><mtable /);
      expect(markup.match(/<mtr>/g)).toHaveLength(2);
      expect(markup).toContain('<mo>&lt;</mo>');
      expect(markup).toContain('<annotation encoding="application/x-tex">\\begin{eqnarray} a &#x26;=&#x26; b \\\\ c &#x26;&#x3C;&#x26; d \\end{eqnarray}</annotation>');
      expect(xmlErrors(markup)).toEqual([]);
    }
    expect(texToMathML('(a) \\tag{1}', true)).not.toMatch(/\sid=/);
    expect(texToMathML('x^2', true)).toMatch(/^<span class="katex">/);
    expect(texToKatexHtml('x^2', true)).toMatch(/^<span class="katex-display">/);
  });

  it('texToSvg draws paths, no text, with its size in ems', async () => {
    await loadMathJax();
    const { svg, width, height, depth } = texToSvg('\\frac{1}{2}', false);
    expect(svg).toMatch(/^<svg [^>]*viewBox=/);
    expect(svg).toContain('<path');
    expect(svg).not.toContain('<text');
    expect(width).toBeGreaterThan(0.3);
    expect(height).toBeGreaterThan(depth);
    expect(depth).toBeGreaterThan(0);
  });

  it('KATEX_DIST holds the CSS and fonts a site can copy', () => {
    expect(existsSync(path.join(KATEX_DIST, 'katex.min.css'))).toBe(true);
    expect(readFileSync(path.join(KATEX_DIST, 'katex.min.css'), 'utf8')).toContain('fonts/KaTeX_Main-Regular.woff2');
    expect(existsSync(path.join(KATEX_DIST, 'fonts/KaTeX_Main-Regular.woff2'))).toBe(true);
  });
});

describe('the trees with their math rendered', () => {
  const q = bookOf(MATH_BANK).banks[0]!.questions[0]!;

  it('withMath copies, leaving the model as it was', () => {
    const before = JSON.stringify(q.answerTree);
    const replaced = withMath(q.answerTree, ({ tex }) => [{ type: 'text', value: `<${tex}>` }]);
    expect(hasMath(replaced)).toBe(false);
    expect(hasMath(q.answerTree)).toBe(true);
    expect(JSON.stringify(q.answerTree)).toBe(before);
  });

  it('htmlWithMathML puts MathML where the formulas stood and nothing of remark-math is left', () => {
    const html = htmlWithMathML(q.answerTree);
    // Seven formulas; the broken one is KaTeX's error text.
    expect(html.match(/<math /g)).toHaveLength(7);
    expect(html).not.toContain('language-math');
    expect(html).not.toContain('<pre>');
    expect(html).toContain('katex-error');
  });

  it('Anki gets \\( \\) inline and \\[ \\] displayed, in a block of its own', () => {
    const [note] = toAnkiNotes(bookOf(MATH_BANK), DEFAULT_CONFIG).notes;
    expect(note!.front).toBe('What is \\(\\sqrt{x}\\)?');
    expect(note!.back).toContain('Inline \\(a &#x3C; b \\land c > d\\)');
    expect(note!.back).toContain('<div>\\[\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\\]</div>');
    expect(note!.back).toContain('<div>\\[\\int_0^1 x^2 \\, dx\\]</div>');
    // Every formula is delimited for Anki's MathJax but the one math-syntax refuses (\href), which stays text
    // between dollars, which Anki's MathJax does not read.
    expect(note!.back).toContain('<td>$\\href{javascript:alert(1)}{y}$</td>');
    expect(note!.back.replace('$\\href{javascript:alert(1)}{y}$', '')).not.toMatch(/\$[^$\s]/);
  });
});
