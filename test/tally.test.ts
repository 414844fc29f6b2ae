// The limits counted on the parsed tree (src/read/tally.ts) and their table (src/limits.ts), on small trees
// built here: fast, for `npm run mutate -- security`. The CLI runs on the hostile inputs are limits.test.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Nodes, Root, RootContent } from 'mdast';
import { LIMITS, limit } from '../src/limits.js';
import { parseMarkdown } from '../src/read/markdown.js';
import { parseBank } from '../src/read/parse.js';
import { addShared, emptyTally, keepTally, KINDS, refuseLargeBook, sharedSums, tallyPiece, Totals, type Tally } from '../src/read/tally.js';
import { MlqError } from '../src/errors.js';
import { ROOT } from './support/book.js';

const at = (line: number) => ({ start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } });
/** `n` nodes of a type, one per line from `line` on. */
const many = (n: number, make: (line: number) => Nodes, line = 1) => Array.from({ length: n }, (_, i) => make(line + i));
const cell = (line: number) => ({ type: 'tableCell', children: [], position: at(line) }) as unknown as Nodes;
const link = (line: number) => ({ type: 'link', url: 'https://a.example', children: [], position: at(line) }) as unknown as Nodes;
const inlineMath = (tex: string) => (line: number) => ({ type: 'inlineMath', value: tex, position: at(line) }) as unknown as Nodes;
const root = (...children: Nodes[]): Root => ({ type: 'root', children: [{ type: 'paragraph', children, position: at(children[0] ? children[0].position!.start.line : 1) } as RootContent] });
const lines = (tally: Tally) => Object.fromEntries(KINDS.map((kind) => [kind, tally[kind].lines]));
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MlqError);
    return (error as Error).message;
  }
  throw new Error('not refused');
};

describe('tallyPiece counts on the tree', () => {
  it('table cells (in a quote too), links and references, images and references, formulas, with their lines', () => {
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
    expect(lines(tally)).toEqual({ questions: [7], cells: [3, 3, 5, 5], links: [7, 7, 7, 7], images: [9, 9], formulas: [11, 11, 13], tex: [11, 11, 13] });
    expect(tally.tex.sizes).toEqual([3, 1, 3]);
  });

  it('links and images in HTML, at their own lines, in order with the Markdown ones', () => {
    const text = '# T\n\n[m](https://m.example)\n<div>\n<a href="https://a.example">a</a> <a name="x">no href</a>\n<IMG src="a.png">\n<A\nHREF="https://b.example">b</A>\n</div>\n\n<img src="b.png"> [n](https://n.example)\n';
    const tally = tallyPiece(parseMarkdown(text), 'b.md', []);
    expect(tally.links.lines).toEqual([3, 5, 7, 11]);
    expect(tally.images.lines).toEqual([6, 11]);
  });

  it('a tree deeper than the call stack', () => {
    let node: Nodes = link(3);
    for (let i = 0; i < 20_000; i++) node = { type: 'emphasis', children: [node], position: at(3) } as unknown as Nodes;
    expect(tallyPiece(root(node), 'b.md', []).links.lines).toEqual([3]);
  });

  it('a formula of texPerFormula characters passes; one more is refused at its line', () => {
    const max = limit('texPerFormula');
    expect(tallyPiece(root(inlineMath('x'.repeat(max))(4)), 'b.md', []).tex.sizes).toEqual([max]);
    expect(refusal(() => tallyPiece(root(inlineMath('x')(3), inlineMath('x'.repeat(max + 1))(4)), 'b.md', []))).toBe(`b.md:4: a formula of ${max + 1} characters of TeX; the limit is ${max} (texPerFormula)`);
  });
});

describe('limits per answer: from one question to the next', () => {
  const max = limit('cellsPerAnswer');

  it('up to the limit in each answer passes, whatever the piece holds', () => {
    const tally = tallyPiece(root(...many(max, cell, 10), ...many(max, cell, 100_000)), 'b.md', [5, 100_000]);
    expect(tally.cells.lines).toHaveLength(2 * max);
  });

  it('one more is refused at the line of the first cell past it, with the count of the whole answer', () => {
    const cells = [...many(3, cell, 1), ...many(max + 5, cell, 10), ...many(max + 9, cell, 100_000)];
    expect(refusal(() => tallyPiece(root(...cells), 'b.md', [5, 100_000]))).toBe(`b.md:${10 + max}: ${max + 5} table cells in one answer (from the question at line 5); the limit is ${max} (cellsPerAnswer)`);
  });

  it('the text before the first question is an answer too', () => {
    expect(refusal(() => tallyPiece(root(...many(max + 1, cell, 1)), 'b.md', [max + 50]))).toBe(`b.md:${max + 1}: ${max + 1} table cells in one answer (before the first question of its part); the limit is ${max} (cellsPerAnswer)`);
  });

  it('a question with no item of the kind still starts an answer', () => {
    const tally = tallyPiece(root(...many(max, cell, 1), ...many(max, cell, max + 10)), 'b.md', [max + 2, max + 5]);
    expect(tally.cells.lines).toHaveLength(2 * max);
  });

  it('TeX counts its characters; a kind without a limit per answer (questions) is not held to one', () => {
    const tex = limit('texPerAnswer');
    const formulas = many(tex / 1000 + 1, inlineMath('x'.repeat(1000)), 7);
    expect(refusal(() => tallyPiece(root(...formulas), 'b.md', [6]))).toBe(`b.md:${7 + tex / 1000}: ${tex + 1000} characters of TeX in one answer (from the question at line 6); the limit is ${tex} (texPerAnswer)`);
    expect(tallyPiece(root(), 'b.md', Array.from({ length: 30_000 }, (_, i) => i + 1)).questions.lines).toHaveLength(30_000);
  });

  it('each kind has its own limit per answer', () => {
    expect(refusal(() => tallyPiece(root(...many(limit('linksPerAnswer') + 1, link, 2)), 'b.md', [1]))).toMatch(/ links in one answer .* \(linksPerAnswer\)$/);
    expect(refusal(() => tallyPiece(root(...many(limit('formulasPerAnswer') + 1, inlineMath('x'), 2)), 'b.md', [1]))).toMatch(/ formulas in one answer .* \(formulasPerAnswer\)$/);
    const image = (line: number) => ({ type: 'imageReference', identifier: 'r', label: 'r', referenceType: 'full', alt: '', position: at(line) }) as unknown as Nodes;
    expect(refusal(() => tallyPiece(root(...many(limit('imagesPerAnswer') + 1, image, 2)), 'b.md', [1]))).toMatch(/ image references in one answer .* \(imagesPerAnswer\)$/);
  });
});

/** A tally of `n` items of a kind, on lines from `line` on, each of `size` (TeX). */
function tallyOf(kind: (typeof KINDS)[number], n: number, line = 1, size = 1): Tally {
  const tally = emptyTally();
  tally[kind].lines = Array.from({ length: n }, (_, i) => line + i);
  if (tally[kind].sizes) tally[kind].sizes = Array.from({ length: n }, () => size);
  return tally;
}

describe('limits per bank and per book: tallies added in reading order', () => {
  it('a bank up to its limit passes; the item past it is refused with the count of the tally that crossed', () => {
    const max = limit('linksPerBank');
    const totals = new Totals('bank');
    const piece = { tally: tallyOf('links', max - 10) };
    expect(totals.counted(piece, 'b.md')).toBe(piece);
    totals.add(tallyOf('links', 10, 50_000), 'b.md');
    totals.add(tallyOf('cells', 100), 'b.md');
    expect(refusal(() => totals.add(tallyOf('links', 5, 60_000), 'b.md'))).toBe(`b.md:60000: at least ${max + 5} links in the bank; the limit is ${max} (linksPerBank)`);
  });

  it('TeX by its characters; the book has limits of its own', () => {
    const max = limit('texPerBook');
    const totals = new Totals('book');
    totals.add(tallyOf('tex', max / 1000, 1, 1000), 'a.md');
    expect(refusal(() => totals.add(tallyOf('tex', 2, 7, 1000), 'c.md'))).toBe(`c.md:7: at least ${max + 2000} characters of TeX in the book; the limit is ${max} (texPerBook)`);
  });

  it('every kind has a limit per bank and per book', () => {
    for (const kind of KINDS) {
      for (const scope of ['bank', 'book'] as const) {
        const name = Object.keys(LIMITS).find((n) => n.toLowerCase() === `${kind === 'cells' ? 'cells' : kind}per${scope}`)!;
        expect(refusal(() => new Totals(scope).add(tallyOf(kind, limit(name as keyof typeof LIMITS) + 1), 'b.md'))).toContain(`(${name})`);
      }
    }
  });

  it('the threads reading a bank share its sums: past a limit per bank, they stop', () => {
    const sums = sharedSums();
    expect(sums).toHaveLength(KINDS.length);
    expect(addShared(sums, tallyOf('cells', limit('cellsPerBank')))).toBe(false);
    expect(addShared(sums, tallyOf('tex', 3, 1, 1000))).toBe(false);
    expect([...sums]).toEqual([0, limit('cellsPerBank'), 0, 0, 0, 3000]);
    expect(addShared(sums, tallyOf('cells', 1))).toBe(true);
    expect(addShared(sharedSums(), tallyOf('tex', 1, 1, limit('texPerBank')))).toBe(false);
    expect(addShared(sharedSums(), tallyOf('tex', 1, 1, limit('texPerBank') + 1))).toBe(true);
  });

  it('a book is refused at the line, in its bank, of the first item past a limit per book', () => {
    const max = limit('formulasPerBook');
    const banks = ['a.md', 'b.md'].map((file) => parseBank({ file, text: `# T\n\n#### 1) Q?\n\n$x$ $y$\n` }));
    expect(banks[0]!.questions).toHaveLength(1);
    expect(() => refuseLargeBook(banks)).not.toThrow();
    keepTally(banks[0]!, [tallyOf('formulas', max / 2, 1)]);
    keepTally(banks[1]!, [tallyOf('formulas', max / 2 - 1, 1), tallyOf('formulas', 10, 50)]);
    expect(refusal(() => refuseLargeBook(banks))).toBe(`b.md:51: at least ${max + 9} formulas in the book; the limit is ${max} (formulasPerBook)`);
    // A bank the reader did not make has nothing to add.
    expect(() => refuseLargeBook([banks[0]!, { ...banks[1]! }])).not.toThrow();
  });

  it('a bank\'s tally joins its pieces in order, sizes included', () => {
    const bank = parseBank({ file: 'x.md', text: '# T\n\n#### 1) Q?\n\n$ab$\n' });
    const pieces = [tallyOf('tex', 2, 5, 10), tallyOf('tex', 1, 9, limit('texPerBook') - 20), tallyOf('questions', 1)];
    keepTally(bank, pieces);
    expect(() => refuseLargeBook([bank])).not.toThrow();
    keepTally(bank, [...pieces, tallyOf('tex', 1, 20, 1)]);
    expect(refusal(() => refuseLargeBook([bank]))).toBe(`x.md:20: at least ${limit('texPerBook') + 1} characters of TeX in the book; the limit is ${limit('texPerBook')} (texPerBook)`);
  });
});

describe('the table of limits', () => {
  it('is the README\'s, row for row, and every limit is a positive whole number', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const rows = Object.entries(LIMITS).map(([name, { value, doc }]) => `| \`${name}\` | ${value.toLocaleString('en-US')} | ${doc.replace(/[*_]/g, '\\$&')} |`);
    expect(readme).toContain(['| Limit | Value | What it bounds |', '| --- | --- | --- |', ...rows].join('\n'));
    for (const [name, { value }] of Object.entries(LIMITS)) expect(limit(name as keyof typeof LIMITS)).toBe(value);
  });
});
