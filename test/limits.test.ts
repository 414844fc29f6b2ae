// Issue 21, items 6 to 8: the hostile inputs themselves, generated here, run through the real CLI under a
// kill bound and a heap cap (no timing asserts): each is refused with exit 2 at its line, or built. And the
// real lists, the corpus and the benchmark's 100x bank stay within every limit; the tally counts what the parser
// makes (its own tests, on trees built by hand, are tally.test.ts).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mlqBounded, scratch, verdictLine, type BoundedRun } from './support/bounded.js';
import { multiplyBank } from '../src/bench/banks.js';
import { parseMarkdown } from '../src/read/markdown.js';
import { parseBank } from '../src/read/parse.js';
import { checkShape } from '../src/read/source.js';
import { KINDS, tallyPiece } from '../src/read/tally.js';

const HEAD = '# B\n\n#### 1) Q?\n\n';
/** A table row of `cells` cells, written as densely as GFM allows. */
const row = (cells: number) => `|${'x|'.repeat(cells)}`;
const table = (cells: number, rows: number, prefix = '') => [row(cells), `|${'-|'.repeat(cells)}`, ...Array.from({ length: rows - 1 }, () => row(cells))].map((line) => prefix + line).join('\n');
const MARKUP = 'more than 50000 pipes, brackets and < to parse at once (tables, links or tags; a heading at the margin starts a new part, unless the bank has link definitions); the limit is 50000 (markupChars)';

function run(command: 'check' | 'build', text: string, { heapMb = 1536, killAfterMs = 150_000 } = {}): BoundedRun {
  const dir = scratch('mlq-limits-');
  writeFileSync(path.join(dir, 'bank.md'), text);
  const args = command === 'check' ? ['check', '--source', 'bank.md'] : ['build', '--source', 'bank.md', '--formats', 'pdf', '--out', 'out', '--allow-errors'];
  return mlqBounded(args, { cwd: dir, heapMb, killAfterMs });
}

function expectRefused(result: BoundedRun, verdict: string | RegExp): void {
  expect(result.signal).toBeNull();
  expect(result.code).toBe(2);
  if (typeof verdict === 'string') expect(verdictLine(result)).toBe(`mlq: ${verdict}`);
  else expect(verdictLine(result)).toMatch(verdict);
}

const SLOW = 200_000; // the kill bound decides, not vitest's default timeout

describe('item 6: PDF math is bounded', () => {
  it('one 60 KB formula is refused at its line', () => {
    expectRefused(run('build', `${HEAD}$${'x^2+'.repeat(15_000)}1$\n`), 'bank.md:5: a formula of 60001 characters of TeX; the limit is 1000 (texPerFormula)');
  }, SLOW);

  it('20,000 ordinary formulas (575 KB) are refused at the first past the limit per bank', () => {
    // 2,000 questions of 10 formulas each, on the line below the question: formula 1,001 opens question 101.
    const questions = Array.from({ length: 2_000 }, (_, q) => `#### ${q + 1}) Q?\n${Array.from({ length: 10 }, (_, i) => `$\\frac{a_{${q}}}{b_{${i}}} + c^{2}$`).join(' ')}\n`);
    const text = `# B\n\n${questions.join('\n')}`;
    expect(text.length).toBeGreaterThan(575_000);
    // Formula 1,001 opens question 101; their TeX passes its limit in the same part of the bank, or before.
    expectRefused(run('build', text), /^mlq: bank\.md:(?:304|[12]?\d\d): at least \d+ (?:formulas|characters of TeX) in the bank; the limit is (?:1000 \(formulasPerBank\)|25000 \(texPerBank\))$/);
  }, SLOW);

  it('a bank at the limits per bank is drawn', () => {
    const questions = Array.from({ length: 100 }, (_, q) => `#### ${q + 1}) Q?\n${Array.from({ length: 10 }, (_, i) => `$\\frac{a_{${q}}}{b_{${i}}}$`).join(' ')}\n`);
    const result = run('build', `# B\n\n${questions.join('\n')}`, { killAfterMs: 300_000 });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  }, 320_000);
});

describe('item 7: the limits are counted on the parsed tree', () => {
  it('a 240,000-cell table inside a quote is refused before it is parsed', () => {
    // 101 pipes a line: the 50,001st is on the table's 496th line.
    expectRefused(run('check', `${HEAD}${table(100, 2_401, '> ')}\n`), `bank.md:500: ${MARKUP}`);
  }, SLOW);

  it('a table inside a quote counts its cells: one past the limit per answer is refused at its row', () => {
    // The header's cells count too: cell 20,001 starts the 200th row below it.
    expectRefused(run('check', `${HEAD}${table(100, 201, '> ')}\n`), 'bank.md:206: 20100 table cells in one answer (from the question at line 3); the limit is 20000 (cellsPerAnswer)');
  }, SLOW);

  it('140,000 reference links are refused before they are parsed', () => {
    expectRefused(run('check', `${HEAD}${'[x][r] '.repeat(140_000)}\n\n[r]: https://x.example/\n`), `bank.md:5: ${MARKUP}`);
  }, SLOW);

  it('reference links count as links: one past the limit per answer is refused at its line', () => {
    expectRefused(run('check', `${HEAD}${'[x][r] '.repeat(5_001)}\n\n[r]: https://x.example/\n`), 'bank.md:5: 5001 links in one answer (from the question at line 3); the limit is 5000 (linksPerAnswer)');
  }, SLOW);
});

describe('item 7: the tally counts what the parser makes, at the line it is written on', () => {
  it('table cells (in a quote too), links and references, bare links, images and references, formulas', () => {
    const text = [
      '# T', // 1
      '',
      '> | a | b |', // 3
      '> | - | - |',
      '> | c | d |', // 5
      '',
      '[x](https://a.example) [y][r] <https://b.example> www.c.example', // 7
      '',
      '![i](a.png) ![j][r]', // 9
      '',
      '$a+b$ and $$c$$', // 11
      '',
      '```math', // 13
      'x^2',
      '```',
      '',
      '```python', // 17
      '$not math$ [nor](a link)',
      '```',
      '',
      '[r]: https://r.example',
    ].join('\n');
    const tally = tallyPiece(parseMarkdown(text), 'b.md', [7]);
    expect(Object.fromEntries(KINDS.map((kind) => [kind, tally[kind].lines]))).toEqual({ questions: [7], cells: [3, 3, 5, 5], links: [7, 7, 7, 7], images: [9, 9], formulas: [11, 11, 13], tex: [11, 11, 13] });
    expect(tally.tex.sizes).toEqual([3, 1, 3]);
  });

  it('links and images written as HTML, in blocks and inline, in order with the Markdown ones', () => {
    const text = '# T\n\n[m](https://m.example)\n<div>\n<a href="https://a.example">a</a> <a name="x">no href</a>\n<IMG src="a.png">\n<A\nHREF="https://b.example">b</A>\n</div>\n\n<img src="b.png"> [n](https://n.example)\n';
    const tally = tallyPiece(parseMarkdown(text), 'b.md', []);
    expect(tally.links.lines).toEqual([3, 5, 7, 11]);
    expect(tally.images.lines).toEqual([6, 11]);
  });
});

describe('item 8: the bank and the book as a whole are bounded', () => {
  it('24 tables each just under the old per-table limit, in one answer (970 KB): check and build refuse them', () => {
    const text = `${HEAD}${Array.from({ length: 24 }, () => table(100, 199)).join('\n\n')}\n`;
    for (const command of ['check', 'build'] as const) expectRefused(run(command, text), /^mlq: bank\.md:\d+: more than 50000 pipes, brackets and < to parse at once/);
  }, 2 * SLOW);

  it('24 such tables, one per question: the cell past the limit per bank is refused at its row', () => {
    // Each question takes 203 lines (heading, blank, 200 table lines, blank); cell 50,001 is in row 102 of
    // the third table (its header is row 0, below the delimiter row from row 1 on).
    const text = `# B\n\n${Array.from({ length: 24 }, (_, q) => `#### ${q + 1}) Q?\n\n${table(100, 199)}\n`).join('\n')}`;
    expectRefused(run('check', text), /^mlq: bank\.md:514: at least \d+ table cells in the bank; the limit is 50000 \(cellsPerBank\)$/);
  }, SLOW);

  it('55,000 tiny questions (1 MB) are refused at the first past the limit per bank', () => {
    const text = `# B\n\n${Array.from({ length: 55_000 }, (_, i) => `#### ${i + 1}) Q?\nA.\n`).join('\n')}`;
    expectRefused(run('check', text), /^mlq: bank\.md:75003: at least \d+ questions in the bank; the limit is 25000 \(questionsPerBank\)$/);
  }, SLOW);

  it('three banks each within their limits, past the limit per book together, are refused in the third', () => {
    const dir = scratch('mlq-limits-');
    const bank = `# B\n\n${Array.from({ length: 80 }, (_, q) => `#### ${q + 1}) Q?\n${'$x$ '.repeat(10)}\n`).join('\n')}`;
    for (const name of ['a', 'b', 'c']) writeFileSync(path.join(dir, `${name}.md`), bank);
    const result = mlqBounded(['check', '--source', 'a.md', '--source', 'b.md', '--source', 'c.md'], { cwd: dir, killAfterMs: 60_000 });
    // 800 formulas a bank: formula 2,001 is the first of question 41 of the third.
    expectRefused(result, /^mlq: c\.md:124: at least \d+ formulas in the book; the limit is 2000 \(formulasPerBook\)$/);
  }, SLOW);
});

describe('the real lists, the corpus and the 100x benchmark bank', () => {
  const shared = '/work/shared';
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? files(file) : file.endsWith('.md') ? [file] : [];
    });

  it('stay within every limit', () => {
    const texts = [...files(path.join(shared, 'lists')), ...files(path.join(shared, 'corpus'))].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    texts.push({ file: '100x', text: multiplyBank(readFileSync(path.join(shared, 'corpus/MLQuestions-README.md'), 'utf8'), 100) });
    expect(texts.length).toBeGreaterThan(100);
    for (const source of texts) {
      expect(() => checkShape(source.file, source.text)).not.toThrow();
      expect(() => parseBank(source)).not.toThrow();
    }
  }, 300_000);
});
