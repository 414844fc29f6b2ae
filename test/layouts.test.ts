// Each reader layout with the banks it must read and those it must report, as the rules are tested.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputErrorDiagnostic } from '../src/cli/report.js';
import { LAYOUTS, layoutTable } from '../src/read/layouts/index.js';
import { parseBook } from '../src/read/parse.js';
import type { ReadOptions } from '../src/read/layouts/index.js';
import { validate } from '../src/rules/validate.js';
import { bookOf, META, ROOT } from './support/book.js';

const NUMBERING_RULES = ['duplicate-number', 'numbering-gap', 'numbering-order', 'numbering-start'];
const bankOf = (markdown: string, options: ReadOptions = {}) => parseBook({ meta: META, sources: [{ file: 'bank1.md', text: markdown, options }] }).banks[0]!;

describe.each(Object.values(LAYOUTS).map((layout) => [layout.id, layout] as const))('layout %s', (id, layout) => {
  it('has a description, examples and counter-examples', () => {
    expect(layout.description).not.toBe('');
    expect(layout.examples.length).toBeGreaterThan(0);
    expect(layout.counterExamples.length).toBeGreaterThan(0);
  });

  // Each test reads the bank itself: reading it while the tests are collected would make every mutant of
  // the reader "static" for Stryker (run against all tests), which multiplies `npm run mutate`'s time.
  describe.each(layout.examples.map((example) => [example.name, example] as const))('reads %s', (_, { markdown, expect: want }) => {
    it('by detection, with the right title, numbers, sections, numbering and lines', () => {
      const bank = bankOf(markdown);
      expect(bank.layout).toBe(id);
      expect(bank.title).toBe(want.title);
      expect(bank.questions.map((q) => q.number)).toEqual(want.numbers);
      expect(bank.questions.map((q) => q.section)).toEqual(want.sections);
      expect(bank.numbering).toBe(want.numbering);
      expect(bank.questions.map((q) => q.line)).toEqual(want.lines);
      expect(bank.sections.map((s) => s.title)).toEqual([...new Set(want.sections.filter((s) => s !== null))]);
    });

    it('with every answer, no topic heading and no navigation inside one', () => {
      const bank = bankOf(markdown);
      bank.questions.forEach((q, i) => {
        expect(q.answerText).toContain(want.answers[i]);
        expect(q.hasAnswer).toBe(want.answers[i] !== '');
        for (const section of bank.sections) expect(q.answerText.split('\n')).not.toContain(section.title);
        expect(q.answerText).not.toMatch(/Back to Top|Table of Contents|^Answer/);
      });
    });

    it('with no numbering finding and no looks-like-a-question report', () => {
      const rules = validate(parseBook({ meta: META, sources: [{ file: 'bank1.md', text: markdown }] })).map((d) => d.rule);
      expect(rules.filter((r) => NUMBERING_RULES.includes(r) || r === 'malformed-question-heading')).toEqual([]);
    });

    it('the same when mlq.yaml sets the layout and numbering', () => {
      const bank = bankOf(markdown);
      const set = bankOf(markdown, { layout: id, numbering: want.numbering });
      expect(set.questions.map((q) => [q.number, q.section, q.line, q.id])).toEqual(bank.questions.map((q) => [q.number, q.section, q.line, q.id]));
      expect(set.explanation.join('\n')).toMatch(/set in mlq\.yaml/);
    });
  });

  it.each(layout.counterExamples.map((example) => [example.name, example] as const))('reports %s', (_, { markdown, reports }) => {
    const book = bookOf(markdown);
    const bank = book.banks[0]!;
    // A bank with no questions is the pipeline's input error, whose line is the explanation's first.
    const found = bank.questions.length ? validate(book).filter((d) => d.severity === 'error').map(({ rule, line }) => ({ rule, line })) : [inputErrorDiagnostic(bank.explanation[0]!)].map(({ rule, line }) => ({ rule, line }));
    expect(found).toEqual(reports);
  });
});

describe('numbering per section', () => {
  const bank = (n: number[][]) =>
    `# B\n\n${n.map((nums, s) => `### Topic ${s + 1}\n\n${nums.map((k) => `#### ${k}) Question ${s}-${k}?\nAnswer.\n\n`).join('')}`).join('')}`;

  it('checks gaps, order and duplicates within each section, not across them', () => {
    const diagnostics = validate(bookOf(bank([[1, 2, 3], [1, 3, 3], [1, 2]])));
    expect(diagnostics.filter((d) => NUMBERING_RULES.includes(d.rule)).map((d) => [d.rule, d.line, d.message])).toEqual([
      ['numbering-gap', 19, 'Numbering skips from 1 to 3 in section "Topic 2".'],
      ['duplicate-number', 22, 'Question number 3 is used twice in section "Topic 2" (first at line 19).'],
    ]);
  });

  it('can be set to book numbering, which then finds the repeated numbers', () => {
    const book = parseBook({ meta: META, sources: [{ file: 'b.md', text: bank([[1, 2], [1, 2]]), options: { numbering: 'book' } }] });
    expect(validate(book).filter((d) => d.rule === 'duplicate-number')).toHaveLength(2);
  });
});

describe('number forms', () => {
  it('reads "Q1:" and "Q2." as one family, as "1)" and "2." are', () => {
    const bank = bankOf('# B\n\n### Q1: What?\nA.\n\n### Q2. Why?\nB.\n\n### Q3) How?\nC.\n');
    expect(bank.questions.map((q) => [q.number, q.title])).toEqual([
      [1, 'What?'],
      [2, 'Why?'],
      [3, 'How?'],
    ]);
  });

  it('keeps written numbers but checks none with numbering: none', () => {
    const book = parseBook({ meta: META, sources: [{ file: 'b.md', text: '#### 3) A?\nA.\n\n#### 3) B?\nB.\n', options: { numbering: 'none' } }] });
    expect(book.banks[0]!.questions.map((q) => q.number)).toEqual([3, 3]);
    expect(validate(book).filter((d) => NUMBERING_RULES.includes(d.rule))).toEqual([]);
  });
});

describe('the bank title', () => {
  it('counts questions for a title that is the only ## heading', () => {
    const text = `## Probability (3 questions)\n\n${[1, 2].map((n) => `### ${n}. Question ${n}?\nA.\n\n`).join('')}`;
    const diagnostics = validate(bookOf(text)).filter((d) => d.rule === 'title-count');
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([[1, 'The title claims 3 questions, but the bank has 2.']]);
  });
});

describe('a bank with no questions', () => {
  const why = (text: string) => bookOf(text).banks[0]!.explanation[0];

  it('names the lines that looked like questions', () => {
    expect(why('# Bank\n\n#### 1 What is bias\nText.\n\n#### 2 - What is variance\nText.\n')).toMatch(/^bank1\.md:3: no questions found: lines 3, 6 look like questions but fit no layout \(layouts tried: headings, list, bold/);
  });

  it('says when nothing looked like one', () => {
    expect(why('# Notes\n\nJust text.\n')).toMatch(/^bank1\.md: no questions found: nothing looks like a question/);
  });
});

describe('README', () => {
  it('shows the table of layouts built from the layout modules', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(layoutTable());
  });
});
