// What the rules promise beyond their one failing example: the default severities the README documents,
// the hints a finding gives, and the boundaries between neighbouring rules.
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { validate } from '../src/rules/validate.js';
import { parseBook } from '../src/read/parse.js';
import { bookOf, META, read, ROOT } from './support/book.js';

const q = (n: number | string, title: string, body = 'An answer. [[src]](https://src.example/a)', marks = '####') => `${marks} ${n}) ${title}\n${body}\n\n`;
const rule = (id: string) => RULES.find((r) => r.id === id)!;
const check = (id: string, md: string) => rule(id).check(bookOf(md));

describe('default severities', () => {
  it('are the ones the README documents, for every rule', () => {
    const documented = Object.fromEntries(
      [...read(`${ROOT}/README.md`).matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]),
    );
    expect(Object.fromEntries(RULES.map((r) => [r.id, r.severity]))).toEqual(documented);
  });

  it('are what validate reports when mlq.yaml sets none', () => {
    const book = bookOf(`# 5 Questions\n\n${q(2, 'A?', '')}${q(2, 'A?', '[[Answer]](https://a.example)')}`);
    const severities = Object.fromEntries(validate(book).map((d) => [d.rule, d.severity]));
    expect(severities).toEqual({
      'duplicate-number': 'error',
      'numbering-start': 'warning',
      'title-count': 'warning',
      'no-answer': 'warning',
      'answer-only-link': 'info',
      'no-source': 'info',
      'duplicate-question': 'warning',
    });
  });
});

describe.each(RULES.map((r) => [r.id]))('rule %s', (id) => {
  it('finds nothing in a bank with no questions yet', () => {
    // The reader refuses a file without questions (exit 2); the model of a bank with none is still checked.
    const book = bookOf(`# Machine Learning Questions\n\n${q(1, 'A?')}`);
    book.banks[0]!.questions = [];
    expect(rule(id).check(book)).toEqual([]);
  });
});

describe('answer rules', () => {
  // One question of each kind: answer text or not, answer link or not.
  const book = [
    q(1, 'Answered?', 'Yes. [[src]](https://s.example)'),
    q(2, 'Answered with a link too?', 'Yes. [[Answer]](https://a.example) [[src]](https://s.example)'),
    q(3, 'Only a link?', '[[Answer]](https://a.example) [[src]](https://s.example)'),
    q(4, 'Nothing?', '[[src]](https://s.example)'),
  ].join('');

  it('answer-only-link: only a question with no answer text and an answer link', () => {
    expect(check('answer-only-link', book).map((f) => f.line)).toEqual([7]);
  });

  it('no-answer: only a question with neither answer text nor an answer link', () => {
    expect(check('no-answer', book).map((f) => f.line)).toEqual([10]);
  });
});

describe('numbering rules', () => {
  it('leave a repeated number to duplicate-number: it is neither out of order nor a gap', () => {
    const md = q(1, 'A?') + q(1, 'B?') + q(2, 'C?');
    expect(check('numbering-order', md)).toEqual([]);
    expect(check('numbering-gap', md)).toEqual([]);
    expect(check('duplicate-number', md).map((f) => f.line)).toEqual([4]);
  });

  it('duplicate-number: the number it proposes keeps the levels above it', () => {
    const md = '# T\n\n### 1.2.1 What is A?\nx\n\n### 1.2.2 What is B?\ny\n\n### 1.2.2 What is C?\nz\n';
    expect(check('duplicate-number', md).map((f) => f.hint)).toEqual(['Renumber it, e.g. to 1.2.3 if it is the last one.']);
  });

  it('numbering-gap: a step of one is no gap, a step of two is', () => {
    expect(check('numbering-gap', q(1, 'A?') + q(2, 'B?') + q(4, 'C?')).map((f) => f.message)).toEqual(['Numbering skips from 2 to 4.']);
  });
});

describe('mixed-heading-depth', () => {
  const depths = (...marks: string[]) => marks.map((m, i) => q(i + 1, `Question ${i + 1}?`, 'X. [[src]](https://s.example)', m)).join('');

  // A shallower heading that holds the deeper ones makes them steps of its answer (the reader's question
  // depth), so the first question is kept apart from the others by a topic heading.
  it('takes the depth most questions use, even when the first question uses the other', () => {
    expect(check('mixed-heading-depth', `${depths('###')}## Topic\n\n${q(2, 'Question 2?', 'X.')}${q(3, 'Question 3?', 'X.')}`)).toEqual([
      expect.objectContaining({
        line: 1,
        message: 'Question 1 is a depth-3 heading; 2 of 3 questions are depth 4 (####).',
        hint: 'Write it as "#### 1) ...".',
      }),
    ]);
  });

  it('gives a tie to the first question’s depth', () => {
    expect(check('mixed-heading-depth', depths('####', '###')).map((f) => [f.line, f.hint])).toEqual([[4, 'Write it as "#### 2) ...".']]);
    expect(check('mixed-heading-depth', `${depths('###')}## Topic\n\n${q(2, 'Question 2?', 'X.')}`).map((f) => [f.line, f.hint])).toEqual([[6, 'Write it as "### 2) ...".']]);
  });

  it('writes the number in the hint as the bank does: its form, its levels', () => {
    const hint = (md: string) => check('mixed-heading-depth', `# T\n\n${md}`).map((f) => f.hint);
    expect(hint('### 7. A?\nx\n\n### 8. B?\ny\n\n## Topic\n\n#### 9. C?\nz\n')).toEqual(['Write it as "### 9. ...".']);
    expect(hint('### 1.2.1 What is A?\nx\n\n### 1.2.2 What is B?\ny\n\n## 1.3 Topic\n\n#### 1.3.1 What is C?\nz\n')).toEqual(['Write it as "### 1.3.1 ...".']);
    // A list item writes its number, or its bullet, before the marks; a second form of the file writes its own numbers.
    expect(hint('- ### What is A?\n\n  a\n\n- ### What is B?\n\n  b\n\n- #### What is C?\n\n  c\n')).toEqual(['Write it as "- ### ...".']);
    expect(hint('1. ### What is A?\n\n   a\n\n2. ### What is B?\n\n   b\n\n3. #### What is C?\n\n   c\n')).toEqual(['Write it as "3. ### ...".']);
    const list = '1. ### A?\n\n   a\n\n2. ### B?\n\n   b\n\n3. ### C?\n\n   c\n\n';
    expect(hint(`${list}## Exercises\n\n#### 1) X?\n\nx\n\n#### 2) Y?\n\ny\n\n### 3) Z?\n\nz\n`)).toEqual(['Write it as "#### 3) ...".']);
  });

  it('finds nothing when every question is at one depth', () => {
    expect(check('mixed-heading-depth', depths('###', '###'))).toEqual([]);
  });

  it('fixes only the questions off the usual depth, to that depth, bank by bank', () => {
    const book = bookOf(depths('####', '###', '####'), depths('###', '###'), depths('###', '####'));
    const [first, , third] = book.banks;
    expect(rule('mixed-heading-depth').fix!(book)).toEqual([
      { kind: 'depth', question: first!.questions[1], depth: 4 },
      { kind: 'depth', question: third!.questions[1], depth: 3 },
    ]);
  });
});

describe('title-count', () => {
  it('hints the count to write, and finds nothing when the title is right or claims no count', () => {
    expect(check('title-count', `# 3 Questions\n\n${q(1, 'A?')}`)).toEqual([
      { file: 'bank1.md', line: 1, column: 1, message: 'The title claims 3 questions, but the bank has 1.', hint: 'Change 3 to 1 in the title.' },
    ]);
    expect(check('title-count', `# 1 Question\n\n${q(1, 'A?')}`)).toEqual([]);
    expect(check('title-count', `# Questions\n\n${q(1, 'A?')}`)).toEqual([]);
  });

  it('fixes the count of only the banks whose title claims a wrong one, to the questions found', () => {
    const book = bookOf(`# 1 Question\n\n${q(1, 'A?')}`, `# 3 Questions\n\n${q(1, 'A?')}${q(2, 'B?')}`, `# Questions\n\n${q(1, 'A?')}`);
    expect(rule('title-count').fix!(book)).toEqual([{ kind: 'count', bank: book.banks[1], count: 2 }]);
  });
});

describe('malformed-question-heading hints', () => {
  it.each([
    ['#### 12 What is missing?', '#### 12) What is missing?'],
    // At the depth of the bank's questions: the reader writes the fix in the bank's own form.
    ['### 3 Why?', '#### 3) Why?'],
    ['#### 2 - What is a dash?', '#### 2) What is a dash?'],
    ['#### 2 – What is an en dash?', '#### 2) What is an en dash?'],
    ['#### 2:  What about two spaces?', '#### 2) What about two spaces?'],
  ])('%s is to be written %s', (heading, fixed) => {
    const [finding, ...more] = check('malformed-question-heading', `${q(1, 'A?')}${heading}\nText.\n`);
    expect(more).toEqual([]);
    expect(finding!.hint).toBe(`Write it as "${fixed}".`);
  });
});

describe('insecure-link', () => {
  it('flags a URL that starts with http://, in any case, and not one that only contains it', () => {
    const md = q(1, 'A?', 'See [old](https://web.archive.org/web/2020/http://old.example/) [[src]](HTTP://LOUD.example/)');
    expect(check('insecure-link', md).map((f) => f.message)).toEqual(['Insecure link HTTP://LOUD.example/.']);
  });
});

describe('messages quote long texts shortened', () => {
  const unsafe = (url: string) => check('unsafe-link', q(1, 'A?', `See [x](${url}) [[src]](https://s.example)`))[0]!.message;

  it('up to 60 characters whole, longer ones cut to 57 and "..."', () => {
    const sixty = `javascript:${'a'.repeat(49)}`;
    expect(sixty).toHaveLength(60);
    expect(unsafe(sixty)).toBe(`Unsafe link "${sixty}" is left out of every output.`);
    expect(unsafe(`${sixty}b`)).toBe(`Unsafe link "${sixty.slice(0, 57)}..." is left out of every output.`);
  });
});

describe('numbering per section, book or none', () => {
  // Two topics numbered 1, 2 each, after a question that stands before any topic.
  const text = `# B\n\n${q(1, 'Before any topic?')}### Topic one\n\n${q(1, 'A?')}${q(3, 'B?')}### ${'A topic whose name is longer than forty characters'}\n\n${q(1, 'C?')}${q(1, 'D?')}`;
  const found = (numbering: 'book' | 'section' | 'none') =>
    RULES.flatMap((r) => r.check(parseBook({ meta: META, sources: [{ file: 'b.md', text, options: { numbering } }] })).map((f) => `${r.id} ${f.line}: ${f.message}`)).filter((f) => /^(numbering|duplicate-number)/.test(f));

  it('section: each section is checked apart, and the message names it, shortened to 40 characters', () => {
    expect(found('section')).toEqual([
      'duplicate-number 19: Question number 1 is used twice in section "A topic whose name is longer than for..." (first at line 16).',
      'numbering-gap 11: Numbering skips from 1 to 3 in section "Topic one".',
    ]);
  });

  it('section: a question before the first topic is checked on its own, without a section in its message', () => {
    const before = `# B\n\n${q(2, 'Before any topic?')}### Topic\n\n${q(1, 'A?')}`;
    const book = parseBook({ meta: META, sources: [{ file: 'b.md', text: before, options: { numbering: 'section' } }] });
    expect(rule('numbering-start').check(book).map((f) => f.message)).toEqual(['The first question is numbered 2, not 1.']);
  });

  it('book: the whole bank is one run, and no message names a section', () => {
    expect(found('book')).toEqual([
      'duplicate-number 8: Question number 1 is used twice (first at line 3).',
      'duplicate-number 16: Question number 1 is used twice (first at line 3).',
      'duplicate-number 19: Question number 1 is used twice (first at line 3).',
      'numbering-gap 11: Numbering skips from 1 to 3.',
      'numbering-order 16: Question 1 comes after question 3.',
    ]);
  });

  it('none: no numbering rule looks at the numbers', () => {
    expect(found('none')).toEqual([]);
  });
});

describe('malformed-question-heading messages', () => {
  it('says "Heading" for a heading and "Bold paragraph" for a paragraph', () => {
    const md = `# B\n\n${q(1, 'A?')}${q(2, 'B?')}**3) What is C?**\nC.\n\n#### 4 What is D?\nD.\n`;
    expect(check('malformed-question-heading', md).map((f) => [f.line, f.message])).toEqual([
      [9, 'Bold paragraph "3) What is C?" looks like a question but is not one.'],
      [12, 'Heading "4 What is D?" looks like a question but is not one.'],
    ]);
  });

  it.each([
    ['  12 - What is it?', '### 12) What is it?'],
    ['12-x', '### 12) x'],
    ['12 x', '### 12) x'],
    ['Why 12 - x?', '### Why 12 - x?'],
  ])('without a suggestion from the reader, "%s" is to be written "%s"', (text, fixed) => {
    const book = bookOf(q(1, 'A?'));
    book.banks[0]!.looseHeadings = [{ file: 'bank1.md', line: 9, column: 1, depth: 3, text }];
    expect(rule('malformed-question-heading').check(book)[0]!.hint).toBe(`Write it as "${fixed}".`);
  });
});

describe('unplaced-content', () => {
  it('says one line in the singular, with the question before it; before the first question, it is front matter', () => {
    const md = '# T\n\n## A\n\n#### 1) A?\nx\n\n# Part\n\n## B\n\n#### 2) B?\ny\n';
    expect(check('unplaced-content', md).map((f) => [f.line, f.message])).toEqual([[8, 'Line 8 ("# Part"), after question 1, belongs to no question or topic, and is in no output.']]);
    expect(check('unplaced-content', '# T\n\nIntro.\n\n## A\n\n#### 1) A?\nx\n')).toEqual([]);
  });
});
