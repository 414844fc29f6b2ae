// The table of limits (src/limits.ts) and their count on the parsed tree (src/read/tally.ts), on small trees and
// tallies built here: the `limits` mutation group's tests. They import nothing but the two modules, read no bank
// and run no CLI, so each mutant of a module-level table (which runs all of them) costs little. The counts on
// trees the parser makes, and the hostile inputs through the CLI, are in limits.test.ts.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Nodes, Root } from 'mdast';
import { MlqError } from '../src/errors.js';
import { LIMITS, limit, type LimitName } from '../src/limits.js';
import type { Bank } from '../src/model.js';
import { addShared, emptyTally, keepTally, KINDS, refuseLargeBook, sharedSums, tallyPiece, Totals, type Kind, type Tally } from '../src/read/tally.js';

const at = (line: number) => ({ start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } });
const node = (type: string, line: number, fields: object = {}) => ({ type, ...fields, position: at(line) }) as unknown as Nodes;
const cell = (line: number) => node('tableCell', line, { children: [] });
const link = (line: number) => node('link', line, { url: 'https://a.example', children: [] });
const linkReference = (line: number) => node('linkReference', line, { identifier: 'r', label: 'r', referenceType: 'full', children: [] });
const image = (line: number) => node('image', line, { url: 'a.png', alt: '' });
const imageReference = (line: number) => node('imageReference', line, { identifier: 'r', label: 'r', referenceType: 'full', alt: '' });
const inlineMath = (tex: string) => (line: number) => node('inlineMath', line, { value: tex });
const math = (tex: string) => (line: number) => node('math', line, { value: tex });
const code = (lang: string | null, value: string) => (line: number) => node('code', line, { lang, value });
const html = (value: string) => (line: number) => node('html', line, { value });
const paragraph = (line: number, children: Nodes[]) => node('paragraph', line, { children });
const root = (...children: Nodes[]): Root => ({ type: 'root', children: [paragraph(1, children)] }) as Root;
/** A node per line from `first` on, made by `makers` in turn. */
const nodes = (n: number, first: number, ...makers: ((line: number) => Nodes)[]) => Array.from({ length: n }, (_, i) => makers[i % makers.length]!(first + i));
/** Formulas holding `chars` characters of TeX in all, at most texPerFormula each. */
const texSizes = (chars: number) => {
  const most = limit('texPerFormula');
  return [...Array<number>(Math.floor(chars / most)).fill(most), ...(chars % most ? [chars % most] : [])];
};
const lines = (tally: Tally) => Object.fromEntries(KINDS.map((kind) => [kind, tally[kind].lines]));
/** The message of the MlqError that `run` throws. */
const refusal = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MlqError);
    return (error as Error).message;
  }
  throw new Error('not refused');
};
/** A tally of items of a kind, one per line from `first` on, with these sizes (1 each but TeX's). */
function tallyOf(kind: Kind, sizes: number[], first = 1): Tally {
  const tally = emptyTally();
  tally[kind].lines = sizes.map((_, i) => first + i);
  if (tally[kind].sizes) tally[kind].sizes = sizes;
  else expect(sizes.every((size) => size === 1)).toBe(true);
  return tally;
}
const ones = (n: number) => Array<number>(n).fill(1);
/** A bank as the book's limits see it: its file. */
const bank = (file: string) => ({ file }) as Bank;

/** The limits counted on the tree, by their names: what (kind) per what (scope). */
const COUNTED = Object.keys(LIMITS).flatMap((name) => {
  const [, kind, scope] = /^(\w+)Per(Formula|Answer|Bank|Book)$/.exec(name) ?? [];
  return kind ? [{ name: name as LimitName, kind: kind as Kind, scope: scope!.toLowerCase() }] : [];
});
/** The tree's nodes of each kind, in every form that counts: the i-th item of `size` (TeX's characters). */
const MAKERS: Record<Exclude<Kind, 'questions'>, (size: number, i: number) => (line: number) => Nodes> = {
  cells: () => cell,
  links: (_, i) => [link, linkReference][i % 2]!,
  images: (_, i) => [image, imageReference][i % 2]!,
  formulas: (_, i) => [inlineMath('x'), math('x'), code('math', 'x')][i % 3]!,
  tex: (size, i) => [inlineMath, math, (tex: string) => code('math', tex)][i % 3]!('x'.repeat(size)),
};

const QUESTION = 5;
const FIRST = 10;
/** The sizes of the items that hold `amount` of a limit's unit: one formula, or formulas of texPerFormula, or items of 1. */
const itemSizes = (kind: Kind, scope: string, amount: number) => (scope === 'formula' ? [amount] : kind === 'tex' ? texSizes(amount) : ones(amount));

/** Holds items of these sizes, one a line from FIRST on, to the limit of this kind and scope, as the reader does. */
function hold(name: LimitName, kind: Kind, scope: string, sizes: number[]): void {
  if (scope === 'formula' || scope === 'answer') {
    tallyPiece(root(...sizes.map((size, i) => MAKERS[kind as Exclude<Kind, 'questions'>](size, i)(FIRST + i))), 'b.md', [QUESTION]);
  } else if (scope === 'bank') {
    const tally = tallyOf(kind, sizes, FIRST);
    // The threads reading a bank stop when their shared sums are past it.
    expect(addShared(sharedSums(), tally), name).toBe(sizes.reduce((a, b) => a + b) > limit(name));
    new Totals('bank').add(tally, 'b.md');
  } else {
    const one = bank('b.md');
    keepTally(one, [tallyOf(kind, sizes, FIRST)]);
    refuseLargeBook([one]);
  }
}

describe('the table of limits', () => {
  it('is the README\'s, row for row: each limit a positive whole number, with its unit and what it bounds', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const rows = Object.entries(LIMITS).map(([name, { value, unit, doc }]) => {
      expect(Number.isSafeInteger(value) && value > 0, name).toBe(true);
      expect(unit, name).toMatch(/^[A-Za-z]/);
      expect(doc, name).toMatch(/\w/);
      expect(limit(name as LimitName)).toBe(value);
      return `| \`${name}\` | ${value.toLocaleString('en-US')} | ${unit} | ${doc.replace(/[*_]/g, '\\$&')} |`;
    });
    expect(readme).toContain(['| Limit | Value | Unit | Of what |', '| --- | --- | --- | --- |', ...rows].join('\n'));
  });

  it('the tree is held to a limit per bank and per book of each kind, and per answer of each but questions', () => {
    for (const kind of KINDS) {
      const scopes = COUNTED.filter((counted) => counted.kind === kind).map((counted) => counted.scope);
      expect(scopes, kind).toEqual(kind === 'questions' ? ['bank', 'book'] : kind === 'tex' ? ['formula', 'answer', 'bank', 'book'] : ['answer', 'bank', 'book']);
    }
  });

  it.each(COUNTED)('$name: its value passes; one more is refused at the line of the item past it, in its unit', ({ name, kind, scope }) => {
    const { value, unit } = LIMITS[name];
    hold(name, kind, scope, itemSizes(kind, scope, value));
    const sizes = itemSizes(kind, scope, value + 1);
    const problem = { formula: `a formula of ${value + 1} ${unit}`, answer: `${value + 1} ${unit} in one answer (from the question at line ${QUESTION})` }[scope] ?? `at least ${value + 1} ${unit} in the ${scope}`;
    expect(refusal(() => hold(name, kind, scope, sizes))).toBe(`b.md:${FIRST + sizes.length - 1}: ${problem}; the limit is ${value} (${name})`);
  });
});

describe('tallyPiece counts on the tree', () => {
  it('each kind at its line: cells, links and references, images and references, formulas and their TeX; the piece\'s questions', () => {
    const tree: Root = {
      type: 'root',
      children: [
        node('blockquote', 3, { children: [node('table', 3, { children: [node('tableRow', 3, { children: [cell(3), cell(3)] }), node('tableRow', 5, { children: [cell(5)] })] })] }),
        paragraph(7, [link(7), node('emphasis', 7, { children: [linkReference(8)] }), image(9), imageReference(9), inlineMath('a+b')(11)]),
        math('c')(12),
        code('math', 'x^2')(13),
        code('python', '$not math$')(17),
        code(null, 'nor this')(20),
        node('definition', 22, { identifier: 'r', label: 'r', url: 'https://r.example' }),
      ],
    } as Root;
    const questions = [2, 7];
    const tally = tallyPiece(tree, 'b.md', questions);
    expect(lines(tally)).toEqual({ questions: [2, 7], cells: [3, 3, 5], links: [7, 8], images: [9, 9], formulas: [11, 12, 13], tex: [11, 12, 13] });
    expect(tally.tex.sizes).toEqual([3, 1, 3]);
    expect(tally.questions.lines).not.toBe(questions);
    expect([tally.cells, tally.links, tally.images, tally.formulas].map((items) => items.sizes)).toEqual([null, null, null, null]);
  });

  it('links and images written as HTML, each at its own line, in order with the Markdown ones', () => {
    const tally = tallyPiece(
      root(
        html('<a href="https://a.example">a</a>\n<a name="x">no href</a> <abbr title="href">no link</abbr>\n<A class="b"\nHREF="https://b.example">b</A>')(4),
        link(5),
        html('<IMG src="a.png"> <img\tsrc="b.png"><imgx src="c.png"> <a\nhref="c">\n<img src="d.png">')(8),
        imageReference(9),
        image(11),
      ),
      'b.md',
      [],
    );
    expect(tally.links.lines).toEqual([4, 5, 6, 8]);
    expect(tally.images.lines).toEqual([8, 8, 9, 10, 11]);
  });

  it('a tree deeper than the call stack', () => {
    let deep: Nodes = link(3);
    for (let i = 0; i < 20_000; i++) deep = node('emphasis', 3, { children: [deep] });
    expect(tallyPiece(root(deep, image(4)), 'b.md', []).links.lines).toEqual([3]);
  });
});

describe('limits per answer: from one question to the next', () => {
  // Held on images, whose limit is small: the same count as every kind's. Read when the tests run, not while they
  // are collected (where a mutant's failure would pass for no test at all).
  let max = 0;
  beforeAll(() => (max = limit('imagesPerAnswer')));

  it('each answer is held on its own: up to the limit in each passes, whatever the piece holds', () => {
    const tally = tallyPiece(root(...nodes(3, 1, image), ...nodes(max, 10, image), ...nodes(max, 100_000, image)), 'b.md', [5, 100_000]);
    expect(tally.images.lines).toHaveLength(2 * max + 3);
  });

  it('an item on its question\'s line (a link in the title) is of that question\'s answer', () => {
    const images = [...nodes(max, 1, image), ...nodes(max, max + 10, image)];
    expect(() => tallyPiece(root(...images), 'b.md', [max + 10])).not.toThrow();
    expect(refusal(() => tallyPiece(root(...images), 'b.md', [max + 11]))).toBe(`b.md:${max + 10}: ${max + 1} image references in one answer (before the first question of its part); the limit is ${max} (imagesPerAnswer)`);
  });

  it('the first item past the limit is refused, with the count of its whole answer; a later answer past it too is not', () => {
    const images = [...nodes(3, 1, image), ...nodes(max + 5, 10, image), ...nodes(max + 9, 100_000, image)];
    expect(refusal(() => tallyPiece(root(...images), 'b.md', [5, 100_000]))).toBe(`b.md:${10 + max}: ${max + 5} image references in one answer (from the question at line 5); the limit is ${max} (imagesPerAnswer)`);
  });

  it('the text before the first question is an answer too', () => {
    expect(refusal(() => tallyPiece(root(...nodes(max + 1, 1, image)), 'b.md', [max + 50]))).toBe(`b.md:${max + 1}: ${max + 1} image references in one answer (before the first question of its part); the limit is ${max} (imagesPerAnswer)`);
    expect(refusal(() => tallyPiece(root(...nodes(max + 1, 1, image)), 'b.md', []))).toBe(`b.md:${max + 1}: ${max + 1} image references in one answer (before the first question of its part); the limit is ${max} (imagesPerAnswer)`);
  });

  it('questions with no item of the kind still start answers', () => {
    const tally = tallyPiece(root(...nodes(max, 1, image), ...nodes(max, max + 10, image)), 'b.md', [max + 2, max + 5]);
    expect(tally.images.lines).toHaveLength(2 * max);
    expect(refusal(() => tallyPiece(root(...nodes(max, 1, image), ...nodes(max + 1, max + 10, image)), 'b.md', [max + 2, max + 5]))).toContain(`(from the question at line ${max + 5})`);
  });

  it('a kind without a limit per answer (questions) is not held to one', () => {
    const questions = Array.from({ length: 30_000 }, (_, i) => i + 1);
    const tally = tallyPiece(root(), 'b.md', questions);
    expect(tally.questions.lines).toHaveLength(30_000);
    expect(tally.questions.lines.at(-1)).toBe(30_000);
  });
});

describe('limits per bank and per book: tallies added in reading order', () => {
  it('a bank\'s pieces add up; the item past the limit is refused with the count of the tally that crossed it', () => {
    const max = limit('linksPerBank');
    const totals = new Totals('bank');
    const piece = { tally: tallyOf('links', ones(max - 10)) };
    expect(totals.counted(piece, 'b.md')).toBe(piece);
    totals.add(tallyOf('links', ones(10), 50_000), 'b.md');
    totals.add(tallyOf('cells', ones(100)), 'b.md');
    expect(refusal(() => totals.add(tallyOf('links', ones(5), 60_000), 'b.md'))).toBe(`b.md:60000: at least ${max + 5} links in the bank; the limit is ${max} (linksPerBank)`);
  });

  it('TeX by its characters', () => {
    const max = limit('texPerBook');
    const totals = new Totals('book');
    totals.add(tallyOf('tex', [max - 1], 3), 'a.md');
    expect(refusal(() => totals.add(tallyOf('tex', [1, 1, 7], 7), 'c.md'))).toBe(`c.md:8: at least ${max + 8} characters of TeX in the book; the limit is ${max} (texPerBook)`);
  });

  it('the threads reading a bank share its sums, every kind added even past a limit', () => {
    const sums = sharedSums();
    expect(sums).toHaveLength(KINDS.length);
    expect(addShared(sums, tallyOf('cells', ones(limit('cellsPerBank'))))).toBe(false);
    expect(addShared(sums, tallyOf('tex', [1000, 2000, 3]))).toBe(false);
    expect(addShared(sums, { ...tallyOf('cells', ones(1)), questions: tallyOf('questions', ones(2)).questions })).toBe(true);
    expect([...sums]).toEqual([2, limit('cellsPerBank') + 1, 0, 0, 0, 3003]);
  });

  it('a book is refused at the line, in its bank, of the first item past a limit per book', () => {
    const max = limit('formulasPerBook');
    const banks = [bank('a.md'), bank('b.md')];
    keepTally(banks[0]!, [tallyOf('formulas', ones(max / 2))]);
    keepTally(banks[1]!, [tallyOf('formulas', ones(max / 2 - 1)), tallyOf('formulas', ones(10), 50)]);
    expect(refusal(() => refuseLargeBook(banks))).toBe(`b.md:51: at least ${max + 9} formulas in the book; the limit is ${max} (formulasPerBook)`);
    // A bank the reader did not make has nothing to add.
    expect(() => refuseLargeBook([banks[0]!, bank('b.md')])).not.toThrow();
  });

  it('a bank\'s tally joins its pieces in order, sizes included', () => {
    const one = bank('x.md');
    const pieces = [tallyOf('tex', [10, 10], 5), tallyOf('tex', [limit('texPerBook') - 20], 9), tallyOf('questions', ones(1))];
    keepTally(one, pieces);
    expect(() => refuseLargeBook([one])).not.toThrow();
    keepTally(one, [...pieces, tallyOf('tex', [1], 20)]);
    expect(refusal(() => refuseLargeBook([one]))).toBe(`x.md:20: at least ${limit('texPerBook') + 1} characters of TeX in the book; the limit is ${limit('texPerBook')} (texPerBook)`);
  });
});
