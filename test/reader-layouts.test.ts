// The boundary cases of each reader layout, stated one by one: the number forms and their families, the
// depths the scan picks, what the tree reads as a question and what it leaves to the answer.
import { describe, expect, it } from 'vitest';
import { boldLead } from '../src/read/layouts/bold.js';
import { summariesOf } from '../src/read/layouts/details.js';
import { isTopicAtQuestionDepth, leadingText } from '../src/read/layouts/headings.js';
import { LAYOUTS, layoutTable, readingOf, scanLines } from '../src/read/layouts/index.js';
import { ENDS_AS_QUESTION, formFamily, LOOKS_NUMBERED, mostFrequent, NAVIGATION_HEADING, NUMBERINGS, numberForm, numberIn, opensAsQuestion, writeNumber } from '../src/read/layouts/layout.js';
import { hastToHtml, parseMarkdown } from '../src/read/markdown.js';
import { bankPieces, parseBank } from '../src/read/parse.js';
import type { Heading } from 'mdast';
import type { ReadOptions } from '../src/read/layouts/index.js';

const bank = (text: string, options: ReadOptions = {}) => parseBank({ file: 'b.md', text }, options);
const read = (text: string, options: ReadOptions = {}) => readingOf(text, 'b.md', options);
/** Why the reader refuses a bank with no question lines (null when it has some): the pipeline's input error. */
const refusal = (text: string, options: ReadOptions = {}) => read(text, options).refusal;
const numbers = (text: string, options: ReadOptions = {}) => bank(text, options).questions.map((q) => q.number);
const titles = (text: string, options: ReadOptions = {}) => bank(text, options).questions.map((q) => q.title);
const firstNode = (markdown: string) => parseMarkdown(markdown).children[0]!;

describe('number forms', () => {
  it.each([
    ['12) What?', { form: '{n})', number: 12, prefix: '12) ' }],
    ['12. What?', { form: '{n}.', number: 12, prefix: '12. ' }],
    ['  7 )  What?', { form: '{n})', number: 7, prefix: '  7 )  ' }],
    ['Q12: What?', { form: 'Q{n}:', number: 12, prefix: 'Q12: ' }],
    ['q3. What?', { form: 'q{n}.', number: 3, prefix: 'q3. ' }],
    ['Question 5: What?', { form: 'Question {n}:', number: 5, prefix: 'Question 5: ' }],
    ['Question5: What?', { form: 'Question{n}:', number: 5, prefix: 'Question5: ' }],
    // Numbers with levels: the question's own is the last; another count of levels is another form.
    ['2.1 Linear models', { form: '#.{n}', number: 1, prefix: '2.1 ', parent: '2' }],
    ['1.2.3. What?', { form: '#.#.{n}.', number: 3, prefix: '1.2.3. ', parent: '1.2' }],
    [' 10.20.30)  What?', { form: '#.#.{n})', number: 30, prefix: ' 10.20.30)  ', parent: '10.20' }],
  ])('%s is written %o', (text, found) => {
    expect(numberForm(text)).toEqual(found);
  });

  it.each(['1.2.3What?', '1.2.3', 'What is 1.2 million?', '12 What?', '12: What?', 'Q12 What?', 'What is 12)?', 'Quest 1: x', 'Q 4) What?', ''])('%s has no number form', (text) => {
    expect(numberForm(text)).toBeNull();
  });

  it('puts forms that differ only in their separator, or case, in one family', () => {
    expect(['{n})', '{n}.'].map(formFamily)).toEqual(['{n}', '{n}']);
    expect(['Q{n}:', 'Q{n}.', 'q{n})'].map(formFamily)).toEqual(['q{n}', 'q{n}', 'q{n}']);
    expect(formFamily('Question {n}:')).toBe('question {n}');
    expect(formFamily('{n}):')).toBe('{n})');
  });

  it('finds a number only in the family of the form asked for', () => {
    expect(numberIn('3. Why?', '{n})')).toMatchObject({ number: 3, prefix: '3. ' });
    expect(numberIn('Q3: Why?', '{n})')).toBeNull();
    expect(numberIn('Why?', '{n})')).toBeNull();
    expect(numberIn('3) Why?', null)).toBeNull();
    expect(numberIn('1.2.3) Why?', '#.#.{n}.')).toMatchObject({ number: 3, parent: '1.2' });
    expect(numberIn('1.2 Why?', '#.#.{n}')).toBeNull();
    expect(numberIn('3. Why?', '#.{n}')).toBeNull();
  });

  it('writes a number in a form', () => {
    expect(writeNumber('Q{n}:', 68)).toBe('Q68:');
    expect(writeNumber('{n})', 1)).toBe('1)');
    expect(writeNumber('#.#.{n})', 3, '4.2')).toBe('4.2.3)');
    expect(writeNumber('#.#.{n}', 12)).toBe('1.1.12');
  });

  it('reads a question word after a number with levels, and no number after other text', () => {
    expect(opensAsQuestion('10.20.3 What is X')).toBe(true);
    expect(opensAsQuestion('v.2 What is X')).toBe(false);
  });

  it.each(['12 What is it', '12: What', '12 - What', '12 – What', 'Q12 What', 'Question 12 What', '12) What', '12.What'])('%s looks numbered', (text) => {
    expect(LOOKS_NUMBERED.test(text)).toBe(true);
  });

  it.each(['2.1 Linear models', '12', '12 3', 'What 12', '2021'])('%s does not look numbered', (text) => {
    expect(LOOKS_NUMBERED.test(text)).toBe(false);
  });

  it.each(['Why?', 'Why？', 'Why? 👶', 'Why? ⭐️', 'Why?**', 'Why?_', '(Why?)', 'Why? [src]', 'Why? [[src](https://s.example)]', 'Why? [a](u) [b](v)'])('%s ends as a question', (text) => {
    expect(ENDS_AS_QUESTION.test(text)).toBe(true);
  });

  it.each(['Why', 'Why? Because.', '? then text', 'Why? x'])('%s does not end as a question', (text) => {
    expect(ENDS_AS_QUESTION.test(text)).toBe(false);
  });

  it('knows a table of contents heading in its spellings, and nothing around it', () => {
    expect(['Contents', 'Table of Contents', ' table  of  contents ', 'CONTENTS'].every((t) => NAVIGATION_HEADING.test(t))).toBe(true);
    expect(['Contents of a model', 'The contents', 'Table of'].some((t) => NAVIGATION_HEADING.test(t))).toBe(false);
  });

  it('counts values, most frequent first, ties in the order first seen', () => {
    expect(mostFrequent(['a', 'b', 'b', 'c', 'a', 'b'])).toEqual([
      ['b', 3],
      ['a', 2],
      ['c', 1],
    ]);
    expect(mostFrequent(['x', 'y'])).toEqual([
      ['x', 1],
      ['y', 1],
    ]);
    expect(mostFrequent([])).toEqual([]);
  });
});

describe('the line scan', () => {
  it('gives headings their depth and title without marks, closing hashes or leading anchors', () => {
    const text = '# Title #\n\n### Q1: What? ###\n\n## <a name="x"></a> <b>2) Why?</b>\n###### Six\n####### Seven\n#hashtag\n\ntext  \n';
    expect(scanLines(text)).toEqual([
      { line: 1, text: '# Title #', depth: 1, title: 'Title' },
      { line: 3, text: '### Q1: What? ###', depth: 3, title: 'Q1: What?' },
      { line: 5, text: '## <a name="x"></a> <b>2) Why?</b>', depth: 2, title: '2) Why?</b>' },
      { line: 6, text: '###### Six', depth: 6, title: 'Six' },
      { line: 7, text: '####### Seven', depth: 0, title: '' },
      { line: 8, text: '#hashtag', depth: 0, title: '' },
      { line: 10, text: 'text  ', depth: 0, title: '' },
    ]);
  });

  it('keeps a hash that is part of the title, and reads a heading of only hashes as empty', () => {
    expect(scanLines('## C# basics\n### #\n#### \t\n').map((l) => [l.depth, l.title])).toEqual([
      [2, 'C# basics'],
      [3, ''],
      [4, ''],
    ]);
  });

  it('skips code and blank lines, and strips a CRLF ending', () => {
    expect(scanLines('# T\r\n\r\n```\n## not a heading\n```\n## 1) Q?\r\n').map((l) => [l.line, l.text, l.depth])).toEqual([
      [1, '# T', 1],
      [6, '## 1) Q?', 2],
    ]);
  });
});

describe('headings layout', () => {
  it('reads questions at every depth from `##` to `######`, the two deepest only in a bank with none above', () => {
    for (const marks of ['##', '###', '####', '#####', '######']) expect(read(`# T\n\n${marks} 1) A?\n\n${marks} 2) B?\n`)).toMatchObject({ layout: 'headings', depth: marks.length });
    expect(bank('# T\n\n###### 1. A?\n\n###### 2. B?\n').questions.map((q) => q.title)).toEqual(['A?', 'B?']);
    expect(read('# T\n\n### Why?\n\n##### 1) A?\n\n##### 2) B?\n')).toMatchObject({ depth: 3, form: null });
    expect(read('# T\n\n##### 1) A?\n\n##### 2) B?\n', { depth: 5 })).toMatchObject({ layout: 'headings', depth: 5, structuralDepth: 2 });
  });

  it('with a depth set, reads headings at that depth; a numbered one just above is a question at the wrong depth, never a topic', () => {
    const text = '# T\n\n## 1) A?\nx\n\n### 2) B?\ny\n\n## 3) C?\n\n#### 4) D?\nz\n';
    const read3 = bank(text, { depth: 3 });
    expect(read3.sections).toEqual([]);
    expect(read3.questions.map((q) => [q.number, q.depth, q.section, q.answerText])).toEqual([
      [1, 2, null, 'x'],
      [2, 3, null, 'y'],
      [3, 2, null, '4) D?\n\nz'],
    ]);
    expect(read3.looseHeadings).toEqual([]);
  });

  it('the question depth is the shallowest whose numbered headings hold most of the deeper ones', () => {
    // Two of three `###` are held by a `##` question: steps inside its answer.
    const held = '# T\n\n## 1) A?\n\n### 1) Step\n\n### 2) Step\n\n## 2) B?\n\n### 3) Alone\n';
    expect(read(held).depth).toBe(2);
    expect(read(held).why[0]).toBe('detected: 2 headings at depth 2 numbered like "12)"; 3 numbered headings deeper, inside answers');
    // One of two held is still half: the `##` ones are questions.
    expect(read('# T\n\n## 1) A?\n\n### 1) Step\n\n## 2) B?\n\n## Notes\n\n### 2) Other\n').depth).toBe(2);
    // One numbered heading above all the others holds nothing: it is a question a depth too high.
    const one = '# T\n\n## 1) A?\n\n### 1) Step\n\n## Notes\n\n### 2) Other\n';
    expect(read(one).depth).toBe(3);
    expect(read(one).why[0]).toBe('detected: 2 headings at depth 3 numbered like "12)", 1 at depth 2');
    // None held: the deeper headings are the questions, the `##` one is a question written a depth too high.
    const above = '# T\n\n### 1) A?\n\n### 2) B?\n\n## 3) C?\n';
    expect(read(above).depth).toBe(3);
    expect(read(above).why[0]).toBe('detected: 2 headings at depth 3 numbered like "12)", 1 at depth 2');
    expect(bank(above).questions.map((q) => [q.number, q.depth])).toEqual([
      [1, 3],
      [2, 3],
      [3, 2],
    ]);
  });

  it('one numbered heading is "1 heading"', () => {
    expect(read('# T\n\n### 1) A?\n').why[0]).toBe('detected: 1 heading at depth 3 numbered like "12)"');
    // Detected, one heading above the others is at the wrong depth; with the depth set, the others are deeper.
    expect(read('# T\n\n### 1) A?\n\n#### 1) s\n\n#### 2) t\n').why[0]).toBe('detected: 2 headings at depth 4 numbered like "12)", 1 at depth 3');
    expect(read('# T\n\n### 1) A?\n\n#### 1) s\n\n#### 2) t\n', { depth: 3 }).why[0]).toBe('detected: 1 heading at depth 3 numbered like "12)"; 2 numbered headings deeper, inside answers');
  });

  it('a numbered heading two depths above the questions, or at `#`, is not a question', () => {
    const text = '# 1) Title\n\n## 2) Topic?\n\n## Part\n\n#### 1) A?\n\n#### 2) B?\n';
    expect(numbers(text)).toEqual([1, 2]);
    expect(bank(text).questions.map((q) => q.line)).toEqual([7, 9]);
    expect(bank(text).looseHeadings).toEqual([]);
  });

  it('unnumbered: every heading at the depth most asking headings use, from the first asking one', () => {
    const text = '# T\n\n### Intro\n\n### What is A?\nx\n\n### Explain B.\ny\n\n#### Deeper?\nz\n\n### Contents\n\n### How is C?\n';
    const reading = read(text);
    expect(reading).toMatchObject({ layout: 'headings', depth: 3, form: null, firstQuestionLine: 5 });
    expect(reading.why[0]).toBe('detected: 3 unnumbered headings at depth 3, from the first one that asks');
    expect(titles(text)).toEqual(['What is A?', 'Explain B.', 'How is C?']);
    expect(bank(text).questions[1]!.answerText).toContain('Deeper?');
  });

  it('unnumbered: the headings just before the first asking one that open as questions are questions, not front matter', () => {
    const text = '# Go\n\n## What you will learn\n\n## Introduction\n\n## What is Go\n\nx\n\n## Why use Go\n\ny\n\n## What is a goroutine?\n\nz\n\n## Summary\n';
    expect(titles(text)).toEqual(['What is Go', 'Why use Go', 'What is a goroutine?', 'Summary']);
    expect(read(text)).toMatchObject({ firstQuestionLine: 7, why: expect.arrayContaining(['detected: 4 unnumbered headings at depth 2, from the first one that asks']) });
    // The run may begin at the first heading after the title.
    expect(titles('# T\n\n## How does A work\n\n## What is B?\n')).toEqual(['How does A work', 'What is B?']);
  });

  it('unnumbered with one heading is "1 unnumbered heading"; with a depth set, asking headings elsewhere do not count', () => {
    expect(read('# T\n\n## What?\n').why[0]).toBe('detected: 1 unnumbered heading at depth 2, from the first one that asks');
    expect(titles('# T\n\n### What?\n\n## Why?\n\n## How?\n', { depth: 3 })).toEqual(['What?']);
  });

  it('a heading at the question depth without the form is part of the answer', () => {
    const text = '# T\n\n### 1) A?\nx\n\n### Notes\ny\n\n### 2) B?\n';
    expect(numbers(text)).toEqual([1, 2]);
    expect(bank(text).questions[0]!.answerText).toBe('x\n\nNotes\n\ny');
  });

  it('a topic at the question depth stands right before a question: with anything under it, it is part of the answer', () => {
    const text = '# T\n\n### 1) A?\nx\n\n### Joins\n\n### 2) B?\ny\n\n### More\nz\n\n### 3) C?\n';
    expect(bank(text).sections.map((s) => [s.title, s.line])).toEqual([['Joins', 6]]);
    expect(bank(text).questions.map((q) => [q.section, q.answerText])).toEqual([[null, 'x'], ['Joins', 'y\n\nMore\n\nz'], ['Joins', '']]);
    const unnumbered = '# T\n\n### Q. A?\nx\n\n### # 2. Joins\n\n### Q. B?\ny\n\n### # 3. Later\nz\n\n### Q. C\n';
    expect(bank(unnumbered).questions.map((q) => [q.title, q.section, q.answerText])).toEqual([['Q. A?', null, 'x'], ['Q. B?', '# 2. Joins', 'y\n\n# 3. Later\n\nz'], ['Q. C', '# 2. Joins', '']]);
  });

  it('at depth 2 too, a heading at the question depth between questions is part of the answer; after the last, it ends it', () => {
    const unnumbered = '# T\n\n## Q. A?\nx\n\n## # 3. Later\nz\n\n## Q. B?\ny\n\n## # 4. Joins\n\n## Q. C?\n\n## # 5. Credits\nw\n';
    expect(bank(unnumbered).questions.map((q) => [q.title, q.section, q.answerText])).toEqual([['Q. A?', null, 'x\n\n# 3. Later\n\nz'], ['Q. B?', null, 'y'], ['Q. C?', '# 4. Joins', '']]);
    const numbered = '# T\n\n## 1) A?\nx\n\n## Joins\nz\n\n## 2) B?\ny\n\n## Contents\n- [A](#a)\n\n## Notes\nn\n\n## 3) C?\n';
    expect(bank(numbered).questions.map((q) => q.answerText)).toEqual(['x\n\nJoins\n\nz', 'y', '']);
  });

  it('tells a topic at the question depth by its form, and never one that asks or is navigation', () => {
    // Among unnumbered questions: numbered, after the hashes an author typed into the text, or alone.
    expect(['# 3. Joins', '## 3 Joins', '#  3) Joins', '# 12 Joins', '3 Joins', '#3.  Joins'].map((t) => isTopicAtQuestionDepth(t, null))).toEqual([true, true, true, true, true, true]);
    expect(['Joins', 'Topic 3 more', '# 3. What is a join?', '#3.', '# Contents'].map((t) => isTopicAtQuestionDepth(t, null))).toEqual([false, false, false, false, false]);
    // Among numbered questions: unnumbered, not a malformed number, not navigation.
    expect(['Joins', '12) Joins', '12. Joins', 'Q3: Joins', '12.1 A sub-heading', '3 - Joins', 'Contents', 'Why joins?'].map((t) => isTopicAtQuestionDepth(t, '{n})'))).toEqual([true, false, false, false, false, false, false, false]);
  });

  it('searches depths 5 and 6 where no heading at 2 to 4 asks or is numbered as questions are (a book\'s `## 1.1 Basics`)', () => {
    expect(numbers('# B\n\n## 1.1 Basics\n\nProse.\n\n###### 1) What is A?\nA.\n\n###### 2) What is B?\nB.\n')).toEqual([1, 2]);
    expect(read('# B\n\n## 1.1 What is A?\n\n## 1.2 What is B?\n\n###### 1) What is C?\n').depth).toBe(2);
  });

  it('reads numbers with levels as questions where two in three of their headings ask', () => {
    expect(read('# T\n\n### 1.1 What is A?\n\n### 1.2 What is B?\n\n### 1.3 Notes\n').form).toBe('#.{n}');
    expect(read('# T\n\n### 1.1 What is A?\n\n### 1.2 Notes\n\n### 1.3 More\n').form).toBeNull();
  });

  it('reads a topic at the question depth by its whole text, as the scan does (`## # 3. **Joins**`)', () => {
    const text = '# T\n\n## Q. What is A?\nx\n\n## # 2. **Joins**\n\n## Q. What is B?\ny\n';
    expect(bank(text).questions.map((q) => [q.title, q.section])).toEqual([['Q. What is A?', null], ['Q. What is B?', '# 2. Joins']]);
    expect(bank(text).looseHeadings).toEqual([]);
  });

  it('reads a topic at the question depth by its text without HTML, in a heading bank only; a heading in a <details> ends no topic', () => {
    const anchored = '# T\n\n### Q. A?\nx\n\n### <a name="j"></a># 2. Joins\n\n### Q. B?\ny\n';
    expect(bank(anchored).questions.map((q) => q.section)).toEqual([null, '# 2. Joins']);
    // In a bold bank, a heading at the bold questions' depth is part of the answer before it.
    const boldBank = '# T\n\n## Topic\n\n**What is A?**\n\nA.\n\n### # 3. More\n\n**What is B?**\n\nB.\n';
    expect(bank(boldBank).questions.map((q) => [q.section, q.answerText])).toEqual([
      ['Topic', 'A.\n\n# 3. More'],
      ['Topic', 'B.'],
    ]);
    const inDetails = '# T\n\n## Topic\n\n<details><summary>Intro</summary>\n\n## Inside\n\n</details>\n\n#### 1) What is A?\nA.\n';
    expect(bank(inDetails).questions.map((q) => q.section)).toEqual(['Topic']);
  });

  it('a heading at the topic depth or above that opens no topic ends the one before', () => {
    const text = '# T\n\n## Topic\n\n#### 1) What is A?\nA.\n\n## Contents\n\n#### 2) What is B?\nB.\n\n# Part two\n\n#### 3) What is C?\nC.\n';
    expect(bank(text).questions.map((q) => q.section)).toEqual(['Topic', null, null]);
  });

  it('isQuestionLine: at the question depth, in the form; unnumbered from the first question, navigation excepted', () => {
    const numbered = read('# T\n\n### 1) A?\n');
    const line = (depth: number, title: string, n = 9) => ({ line: n, text: '', depth, title });
    expect(LAYOUTS.headings.isQuestionLine(line(3, '2) B?'), numbered)).toBe(true);
    expect(LAYOUTS.headings.isQuestionLine(line(2, '2) B?'), numbered)).toBe(false);
    expect(LAYOUTS.headings.isQuestionLine(line(3, 'B?'), numbered)).toBe(false);
    const plain = read('# T\n\n### Intro\n\n### A?\n');
    expect(LAYOUTS.headings.isQuestionLine(line(3, 'Notes', 5), plain)).toBe(true);
    expect(LAYOUTS.headings.isQuestionLine(line(3, 'Notes', 4), plain)).toBe(false);
    expect(LAYOUTS.headings.isQuestionLine(line(3, 'Contents', 9), plain)).toBe(false);
  });

  it('leadingText: the first text after HTML, none when it is not text', () => {
    const children = (markdown: string) => (firstNode(markdown) as Heading).children;
    expect(leadingText(children('## <a name="q"></a> 1) What?'))?.value).toBe(' 1) What?');
    expect(leadingText(children('## *1) What?*'))).toBeUndefined();
    expect(leadingText([])).toBeUndefined();
  });

  it('starts: a question from a heading at the depth, null for other nodes', () => {
    const reading = read('# T\n\n#### 1) A?\n');
    expect(LAYOUTS.headings.starts(firstNode('#### 2) B?'), reading)).toMatchObject({ lead: [], starts: [{ number: 2, body: [], head: { depth: 4 } }] });
    expect(LAYOUTS.headings.starts(firstNode('### 2) B?'), reading)).toMatchObject({ starts: [{ number: 2, head: { depth: 3 } }] });
    expect(LAYOUTS.headings.starts(firstNode('## 2) B?'), reading)).toBeNull();
    expect(LAYOUTS.headings.starts(firstNode('##### 2) B?'), reading)).toBeNull();
    expect(LAYOUTS.headings.starts(firstNode('#### B?'), reading)).toBeNull();
    expect(LAYOUTS.headings.starts(firstNode('2) B?'), reading)).toBeNull();
    // One depth above `##` is the title depth: never a question.
    const two = read('# T\n\n## 1) A?\n');
    expect(LAYOUTS.headings.starts(firstNode('# 2) B?'), two)).toBeNull();
  });
});

describe('list layout', () => {
  it('reads the depth most items open with, in a numbered or a bulleted list', () => {
    const text = '# T\n\n1. ### A?\n\n   a\n\n2. ### B?\n\n   b\n\n3. #### C?\n\n   c\n';
    expect(read(text)).toMatchObject({ layout: 'list', depth: 3, form: '{n}.', firstQuestionLine: 3 });
    expect(read(text).why[0]).toBe('detected: 2 list items opening with a depth-3 heading');
    // An item one level deeper is a question at the wrong depth (mixed-heading-depth warns), never an answer.
    expect(numbers(text)).toEqual([1, 2, 3]);
    expect(bank(text).questions.map((q) => [q.depth, q.answerText])).toEqual([[3, 'a'], [3, 'b'], [4, 'c']]);
    expect(numbers('# T\n\n- ### A?\n- ### B?\n')).toEqual([0, 0].map((_, i) => i + 1));
    expect(bank('# T\n\n- ### A?\n- ### B?\n').numbering).toBe('none');
    expect(read('# T\n\n1) ## A?\n').why[0]).toBe('detected: 1 list item opening with a depth-2 heading');
  });

  it('numbers items from the list start, as a reader sees them', () => {
    expect(numbers('# T\n\n5. ### A?\n6. ### B?\n')).toEqual([5, 6]);
    expect(titles('# T\n\n5. ### A? [[src](https://s.example)]\n')).toEqual(['A?']);
  });

  it('recognises items by their marker: up to 3 spaces, 1 to 9 digits, a space or tab before the marks', () => {
    const found = (line: string) => read(`# T\n\n1. ### A?\n\n${line}\n`, { layout: 'list' }).questionLines.length;
    expect(found('   2. ### B?')).toBe(2);
    expect(found('* ### B?')).toBe(2);
    expect(found('+\t### B?')).toBe(2);
    expect(found('123456789) ### B?')).toBe(2);
    expect(found('1234567890. ### B?')).toBe(1);
    expect(found('2. ###B?')).toBe(1);
    expect(found('2.### B?')).toBe(1);
    expect(found('2. ### ')).toBe(1);
  });

  it('with a depth set, items at other depths are not questions', () => {
    expect(titles('# T\n\n1. ### A?\n2. ### B?\n3. ## C?\n', { layout: 'list', depth: 2 })).toEqual(['C?']);
  });

  it('an item without a question heading continues the answer before it, or comes before the first', () => {
    const text = '# T\n\n1. Intro item\n2. ### A?\n3. More of A\n';
    const [q] = bank(text).questions;
    expect(q!.number).toBe(2);
    expect(q!.answerText).toContain('More of A');
    expect(bank(text).description).toBe('');
    expect(LAYOUTS.list.starts(firstNode('1. Just text\n2. More'), read(text))).toBeNull();
    expect(LAYOUTS.list.starts(firstNode('Para'), read(text))).toBeNull();
    const started = LAYOUTS.list.starts(firstNode('1. Intro\n2. ### A?\n'), read(text))!;
    expect(started.lead).toHaveLength(1);
    expect(started.lead[0]).toMatchObject({ type: 'list', start: null, children: [{ type: 'listItem' }] });
    expect(started.starts.map((s) => s.number)).toEqual([2]);
  });

  it('has no question heading lines', () => {
    expect(LAYOUTS.list.isQuestionLine({ line: 3, text: '### A?', depth: 3, title: 'A?' }, read('# T\n\n1. ### A?\n'))).toBe(false);
  });

  it('says so when no item opens with a heading', () => {
    expect(read('# T\n\n### 1) A?\n').why).toContain('not list: no list item opens with a heading, a tag or a question number, nor asks');
  });

  it('reads text items in a difficulty-tag form: the tag opens the item, followed by a space', () => {
    const text = '# T\n\n1. [E] What is A?\n2. [m] Prove B.\n3. See [H] notes.\n4. [Hard]Why C?\n5. [Easy] Why D\n';
    expect(read(text)).toMatchObject({ layout: 'list', depth: 0, form: '[E]', questionLines: [3, 4, 7].map((line) => expect.objectContaining({ line })) });
    expect(read(text).why[0]).toBe('detected: 3 list items opening with a difficulty tag like "[E]"');
    expect(titles(text)).toEqual(['[E] What is A?', '[m] Prove B.', '[Easy] Why D']);
    // Unnumbered by the form: the questions are counted in order.
    expect(bank(text).numbering).toBe('none');
  });

  it('reads text items in a question-number form, numbered as written', () => {
    const text = '# T\n\n* Q3: Discuss A.\n* Q5: Discuss B.\n* 7. Not a question form\n';
    expect(read(text)).toMatchObject({ layout: 'list', depth: 0, form: 'Q{n}:' });
    expect(read(text).why[0]).toBe('detected: 2 list items numbered like "Q12:"');
    expect(numbers(text)).toEqual([3, 5]);
    expect(titles(text)).toEqual(['Discuss A.', 'Discuss B.']);
    // A plain number is the list's, not a question form: items that ask then make the bank.
    expect(read('# T\n\n- 1. What is A?\n- 2. What is B?\n')).toMatchObject({ form: null, why: expect.arrayContaining(['detected: 2 list items ending in "?"']) });
  });

  it('reads items that ask where they are most items and outweigh the prose; else says why not', () => {
    const asking = '# T\n\n- What is C# for?\n- What is F# for?\n- A note.\n';
    expect(read(asking)).toMatchObject({ layout: 'list', depth: 0, form: null });
    expect(titles(asking)).toEqual(['What is C# for?', 'What is F# for?']);
    // Half the items asking is not most of them.
    const half = '# T\n\n- What is A?\n- A note.\n';
    expect(refusal(half)).toBe('b.md:3: no questions found: its 1 list item that ask are prose (10 characters of 10; 1 of 2 items): a chapter, not a list of questions (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)');
    expect(read(half).why).toContain('not list: 1 list item of 2 ending in "?", with 10 characters to 0 of prose: a chapter, not a list of questions');
    // Prose counts the text of paragraphs, trimmed, not the items, nor headings, nor what is folded in <details>.
    const item = '- What is the difference between A and B?';
    const prose = (words: string) => `# Title heading\n\n${item}\n${item}\n\n${words}\n`;
    expect(read(prose('x'.repeat(78))).layout).toBe('list');
    expect(refusal(prose('x'.repeat(79)))).toMatch(/are prose \(78 characters of 157;/);
    expect(read(prose(`   ${'x'.repeat(78)}   `)).layout).toBe('list');
    expect(read(`${prose('x'.repeat(40))}\n<details>\n\n${'y'.repeat(60)}\n\n</details>\n`).layout).toBe('list');
    expect(refusal(`${prose('x'.repeat(40))}\n${'y'.repeat(60)}\n`)).toMatch(/are prose/);
  });

  it('reads the sub-questions of a question item, and items around them as their answer', () => {
    const text = '# T\n\n1. [E] What is A?\n    1. Why is it so?\n    2. A hint.\n2. [M] What is B?\n';
    expect(bank(text).questions.map((q) => [q.title, q.answerText])).toEqual([
      ['[E] What is A?', ''],
      ['Why is it so?', '1. A hint.'],
      ['[M] What is B?', ''],
    ]);
    // A heading item's nested list is its answer, questions or not.
    expect(bank('# T\n\n1. ### What is A?\n    - Why?\n2. ### What is B?\n').questions.map((q) => q.answerText)).toEqual(['- Why?', '']);
  });

  it('reads a top item one level deeper as a question at the wrong depth, not two levels, nor a nested one', () => {
    const text = '# T\n\n1. ### A?\n2. ### B?\n3. ##### C?\n4. ### D?\n    - ### E?\n';
    expect(bank(text).questions.map((q) => [q.title, q.depth])).toEqual([['A?', 3], ['B?', 3], ['D?', 3]]);
    expect(bank(text).questions[1]!.answerText).toContain('C?');
    expect(bank(text).questions[2]!.answerText).toContain('E?');
  });

  it('reads only paragraphs as text questions: an empty item, or code that asks, continues the answer', () => {
    const text = '# T\n\n- What is A?\n-\n- What is B?\n-     code?\n';
    expect(bank(text).questions.map((q) => [q.title, q.depth])).toEqual([['What is A?', 0], ['What is B?', 0]]);
    // A top item that asks in a tagged bank is no sub-question: it continues the answer before it.
    expect(titles('# T\n\n1. [E] What is A?\n2. Why not?\n')).toEqual(['[E] What is A?']);
    // A tagged list after long prose is still a bank: only items that merely ask are weighed against prose.
    expect(titles(`# T\n\n${'Prose. '.repeat(40)}\n\n1. [E] What is A?\n2. [E] Why?\n3. Aside.\n4. Aside.\n5. Aside.\n`)).toEqual(['[E] What is A?', '[E] Why?']);
  });

  it('with a depth set and no item opening with a heading, reads none and says so', () => {
    expect(read('# T\n\n- What is A?\n- What is B?\n', { layout: 'list', depth: 3 })).toMatchObject({ depth: 3, questionLines: [], why: expect.arrayContaining(['set in mlq.yaml: no list item opens with a heading']) });
  });

  it('reads question lines a paragraph holds after an item numbered other than 1 (CommonMark makes them text)', () => {
    const text = '# T\n\n1. Dot product\n2. Self-attention.\n    15. [E] What is A?\n    Still A.\n    16. [M] What is B?\n3. [H] What is C?\n';
    expect(bank(text).questions.map((q) => [q.line, q.title])).toEqual([
      [5, '[E] What is A? Still A.'],
      [7, '[M] What is B?'],
      [8, '[H] What is C?'],
    ]);
  });
});

describe('bold layout', () => {
  it('reads no bold line inside a folded answer as a question', () => {
    const text = '# T\n\n**What is A?**\n\n<details><summary>Answer</summary>\n\n**Why does it matter?**\n\nIt does.\n\n</details>\n\n**What is B?**\n\nB.\n';
    expect(read(text).questionLines.map((l) => l.line)).toEqual([3, 13]);
    expect(bank(text).looseHeadings).toEqual([]);
    expect(bank(text).questions[0]!.answerText).toContain('Why does it matter?');
  });

  it('reads bold paragraphs that ask, under the topic depth', () => {
    const text = '# T\n\n### Topic\n\n**What is A?**\n\nAnswer A.\n\n__What is B?__\n\nAnswer B.\n\n**Not asking**\n\nText.\n';
    expect(read(text)).toMatchObject({ layout: 'bold', depth: 4, form: null, sectionDepth: 3, structuralDepth: 3 });
    expect(read(text).why[0]).toBe('detected: 2 bold paragraphs ending in "?", under depth-3 headings');
    expect(titles(text)).toEqual(['What is A?', 'What is B?']);
    expect(read('# T\n\n**What?**\n').why[0]).toBe('detected: 1 bold paragraph ending in "?", under depth-1 headings');
  });

  it('a bold line may stand up to 3 spaces in, with spaces after it, but not open with a space or another star', () => {
    const count = (line: string) => read(`# T\n\n**What is A?**\n\n${line}\n`, { layout: 'bold' }).questionLines.length;
    expect(count('   **What is B?**  ')).toBe(2);
    expect(count('** What is B?**')).toBe(1);
    expect(count('***What is B?***')).toBe(1);
    expect(count('**What is B?** and more')).toBe(1);
    expect(count('**What is B?__')).toBe(1);
  });

  it('a numbered family used by more than half of the bold paragraphs is the form', () => {
    const text = '# T\n\n**1. Why A?**\n\nx\n\n**2) Why B?**\n\ny\n\n**Asking?**\n\nz\n';
    const reading = read(text);
    expect(reading.form).toBe('{n}.');
    expect(reading.why[0]).toBe('detected: 2 bold paragraphs numbered, under depth-1 headings');
    expect(numbers(text)).toEqual([1, 2]);
    // Half is not more than half: the asking ones are the questions.
    const half = '# T\n\n**1. Why A**\n\nx\n\n**What is B?**\n\ny\n';
    expect(read(half)).toMatchObject({ form: null, questionLines: [{ line: 7, text: 'What is B?' }] });
  });

  it('with a depth set, the topics are the depth above it; structural depth is at least 2', () => {
    expect(read('# T\n\n**What?**\n', { depth: 4 })).toMatchObject({ depth: 4, structuralDepth: 3 });
    expect(read('# T\n\n**What?**\n')).toMatchObject({ depth: 2, structuralDepth: 2 });
  });

  it('topics: the last heading before the first question, not a later one', () => {
    expect(read('# T\n\n## Topic\n\n**What?**\n\n#### Later\n\n**Why?**\n').depth).toBe(3);
  });

  it('says so when no paragraph is bold and asking', () => {
    expect(read('# T\n\n### 1) A?\n').why).toContain('not bold: no paragraph is only bold text ending in "?"');
  });

  it('boldLead: bold text alone on the first line, the answer maybe on the next', () => {
    expect(boldLead(firstNode('## Heading'))).toBeNull();
    expect(boldLead(firstNode('Text **bold?**'))).toBeNull();
    expect(boldLead(firstNode('**What?** and more'))).toBeNull();
    expect(boldLead(firstNode('**What?**'))).toMatchObject({ strong: { type: 'strong' }, rest: [] });
    const next = boldLead(firstNode('**What?**\nThe answer.'))!;
    expect(next.rest).toMatchObject([{ type: 'text', value: 'The answer.' }]);
    const broken = boldLead(firstNode('**What?**\\\nThe answer.'))!;
    expect(broken.rest).toMatchObject([{ type: 'text', value: 'The answer.' }]);
    expect(boldLead(firstNode('**What?**  \nThe answer.'))!.rest.map((c) => c.type)).toEqual(['text']);
  });

  it('a question with its answer on the next line of the paragraph', () => {
    const [q] = bank('# T\n\n**What is A?**\nIt is A.\n\n**What is B?**\n').questions;
    expect(q).toMatchObject({ title: 'What is A?', answerText: 'It is A.', hasAnswer: true });
    expect(bank('# T\n\n**What is A?**\n\n**What is B?**\n').questions[0]!.hasAnswer).toBe(false);
  });

  it('reads a bold number before plain text: up to 3 spaces in, a space after, some text; in the family of the form', () => {
    const text = '# T\n\n**1)** The number.\n\n**2.** All ads?\n\nA.\n\n__3:__ Three\n\n   **4)** Four\n\n    **5)** code\n\n**6)**Six\n\n** 8)** x\n';
    expect(read(text)).toMatchObject({ layout: 'bold', form: '{n})', depth: 2 });
    expect(read(text).why[0]).toBe('detected: 3 bold paragraphs numbered, under depth-1 headings');
    expect(bank(text).questions.map((q) => [q.number, q.title, q.answerText])).toEqual([
      [1, 'The number.', ''],
      [2, 'All ads?', 'A.\n\n3: Three'],
      [4, 'Four', '**5)** code\n\n**6)**Six\n\n** 8)** x'],
    ]);
    expect(titles('# T\n\n**Q1.** What A\n\n__q2)__ Why B\n')).toEqual(['What A', 'Why B']);
    expect(titles('# T\n\n**Question 1:** What A\n\n**Question 2:** Why B\n')).toEqual(['What A', 'Why B']);
  });

  it('in a bank without a form, a bold number before text is no question: it is the answer before', () => {
    const text = '# T\n\n**What is A?**\n\nx\n\n**What is B?**\n\ny\n\n**1)** What is C?\n\nz\n';
    expect(read(text)).toMatchObject({ layout: 'bold', form: null, questionLines: [3, 7].map((line) => expect.objectContaining({ line })) });
    expect(bank(text).questions.map((q) => [q.title, q.answerText])).toEqual([
      ['What is A?', 'x'],
      ['What is B?', 'y\n\n1) What is C?\n\nz'],
    ]);
  });

  it('numbered bold lines are questions where most of them ask: a "?" or a question word after the number', () => {
    expect(titles('# T\n\n**1. What is A**\n\nx\n\n**2. Why B**\n\ny\n\n**3. Introduction**\n\nz\n')).toEqual(['What is A', 'Why B', 'Introduction']);
    expect(titles('# T\n\n**1. Is A**\n\nx\n\n**2. B?**\n\ny\n\n**3. Introduction**\n\nz\n')).toEqual(['Is A', 'B?', 'Introduction']);
    for (const word of ['How', 'which', 'Explain', 'Compare', 'Implement', 'List', 'Does', 'Write']) {
      expect(titles(`# T\n\n**1. ${word} A**\n\nx\n\n**2. ${word} B**\n\ny\n`)).toEqual([`${word} A`, `${word} B`]);
    }
    // Half of them asking is not most; a word that only starts with a question word does not ask.
    expect(refusal('# T\n\n**1. What is A**\n\nx\n\n**2. Introduction**\n\nz\n')).toBe('b.md: no questions found: nothing looks like a question (layouts tried: headings, list, bold, details; see mlq --help)');
    expect(refusal('# T\n\n**1. Whatever A**\n\nx\n\n**2. Islands**\n\nz\n')).toBe(
      'b.md:1: no questions found: its 2 numbered bold lines ask nothing (no "?", no question word): a list in prose, not questions (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)',
    );
    expect(read('# T\n\n**1. Whatever A**\n\nx\n\n**2. Islands**\n\nz\n').why).toContain('not bold: no paragraph is only bold text ending in "?"');
  });

  it('bold questions marked by an emoji: where most of two or more asking lines carry one, a line with one is a question', () => {
    const marked = '# T\n\n**What is A? 👶**\n\nx\n\n**What is B? 👶**\n\ny\n\n**Trade-off ⭐️**\n\nz\n\n**1)** Other ⭐️\n\nw\n\n**Plain**\n\nv\n';
    expect(read(marked)).toMatchObject({ layout: 'bold', emojiMarked: true });
    expect(read(marked).why[0]).toBe('detected: 3 bold paragraphs ending in "?" or carrying an emoji mark, under depth-1 headings');
    expect(bank(marked).questions.map((q) => [q.title, q.answerText])).toEqual([
      ['What is A? 👶', 'x'],
      ['What is B? 👶', 'y'],
      ['Trade-off ⭐️', 'z\n\n1) Other ⭐️\n\nw\n\nPlain\n\nv'],
    ]);
    // One asking line, or half of them with an emoji, is no mark.
    expect(read('# T\n\n**What is A? 👶**\n\nx\n\n**Trade-off ⭐️**\n\nz\n')).not.toHaveProperty('emojiMarked');
    expect(titles('# T\n\n**What is A? 👶**\n\nx\n\n**What is B?**\n\ny\n\n**Trade-off ⭐️**\n\nz\n')).toEqual(['What is A? 👶', 'What is B?']);
    // In a numbered form, an emoji marks nothing.
    expect(read('# T\n\n**1. What is A? 👶**\n\nx\n\n**2. What is B? 👶**\n\ny\n')).not.toHaveProperty('emojiMarked');
  });

  it('has no question heading lines', () => {
    expect(LAYOUTS.bold.isQuestionLine({ line: 3, text: '### A?', depth: 3, title: 'A?' }, read('# T\n\n**A?**\n'))).toBe(false);
  });
});

describe('details layout', () => {
  const folded = (summary: string, answer = 'A.') => `<details>\n<summary>${summary}</summary>\n\n${answer}\n\n</details>\n\n`;

  it('reads a summary as GitHub shows it: tags dropped, character references decoded, spaces folded', () => {
    const text = `# T\n\n${folded('<b>What</b>  is <code>x</code>\t&amp; why &#x3F;')}${folded('Is a &lt; b &#63; &copy; &frac12; &bogus; &#0; &#x110000; &#1114111; &#12345678;?')}${folded('Why is  a < b?')}`;
    expect(titles(text)).toEqual(['What is x & why ?', 'Is a < b ? © ½ &bogus; \uFFFD \uFFFD \u{10FFFF} &#12345678;?', 'Why is a < b?']);
  });

  it('reads a summary written on one line, with attributes or a space before its closing >, and only a <summary> tag', () => {
    const text = `# T\n\n${folded('What is one?')}<details><summary class="q">What is two?</summary ></details>\n\n<details><summaryx>What is three?</summaryx></details>\n\n<details><summary>\nWhat is four?\n</summary></details>\n\n<details>\n<summary>What is five?\n</summary></details>\n\n<details><summary>What is six?</details>\n`;
    expect(titles(text)).toEqual(['What is one?', 'What is two?']);
  });

  it('reads no summary from a <summary tag left unclosed after a stray </summary>, and ends', () => {
    expect(titles(`# T\n\n</summary> <summary class="q"\n\n<details><summary>What is one?</summary>A.</details>\n`)).toEqual(['What is one?']);
  });

  it('reads no summary inside a comment, and one after a comment on its line; a summary shows no comment', () => {
    const text = `# T\n\n<!-- <details><summary>What is hidden?</summary></details> -->\n\n<!-- id: one --><details><summary>What <!-- draft: --> is one?</summary></details>\n\n${folded('Why<!--> is <!---> it <!-- x --> two?')}`;
    expect(titles(text)).toEqual(['What is one?', 'Why is it two?']);
    expect(bank(text).questions.map((q) => [q.line, q.column])).toEqual([[5, 26], [8, 1]]);
  });

  it('places each summary of an HTML block, line after line, and none after a comment left open', () => {
    const node = { type: 'html' as const, value: '<div>\n<summary>a</summary>\n\nx <summary>b</summary> <summary>c</summary>\n<!-- <summary>d</summary>\n', position: { start: { line: 7, column: 3, offset: 0 }, end: { line: 12, column: 1, offset: 0 } } };
    expect(summariesOf(node).map((s) => [s.text, s.position.start.line, s.position.start.column])).toEqual([['a', 8, 1], ['b', 10, 3], ['c', 10, 24]]);
  });

  it('places the question at its summary: the line and column the scan reports', () => {
    const text = '# T\n\n<details>\n  <summary>What is one?</summary>\n\nA.\n\n</details>\n\n<details><summary>What is two?</summary>\n\nB.\n\n</details>\n';
    expect(bank(text).questions.map((q) => [q.line, q.column])).toEqual([
      [4, 3],
      [10, 10],
    ]);
    expect(read(text).questionLines.map((l) => l.line)).toEqual([4, 10]);
  });

  it('ends an answer at its </details>: what follows belongs to no question; a closing node with more is the answer\'s', () => {
    const text = '# T\n\n<details><summary>What is one?</summary>Inline answer.</details>\n\nBetween the two.\n\n<details>\n<summary>What is two?</summary>\n<p>\n\nB.\n\n</p>\n</details>\n\nAfter.\n';
    const questions = bank(text).questions;
    expect(questions.map((q) => q.answerText)).toEqual(['Inline answer.', 'B.']);
    expect(questions.map((q) => q.answerMarkdown)).toEqual(['Inline answer.</details>', '\n<p>\n\nB.\n\n</p>\n</details>']);
    const blank = bank('# T\n\n<details><summary>What is one?</summary>   \n\n</details>\n').questions[0]!;
    expect([blank.answerMarkdown, blank.hasAnswer]).toEqual(['', false]);
    for (const end of ['\n\nAfter.\n', '\n']) {
      const bare = bank(`# T\n\n<details>\n<summary>What is one?</summary>\n\nA.\n\n</details>${end}`).questions[0]!;
      expect([bare.answerText, bare.answerMarkdown]).toEqual(['A.', 'A.']);
    }
    // An element left open holds the rest of the file.
    expect(bank('# T\n\n<details>\n<summary>What is one?</summary>\n\nA.\n\nB.\n').questions[0]!.answerText).toBe('A.\n\nB.');
  });

  it('reads the element as a browser does: closed in a paragraph (`</b></details>`, as devops-exercises writes it), not by a comment', () => {
    const devops = (q: string, a: string) => `<details>\n<summary>${q}</summary><br><b>\n\n${a}\n</b></details>\n\n`;
    const text = `# DevOps\n\n## General\n\n${devops('What is DevOps?', 'A culture.')}${devops('What is CI?', 'Merging often.')}<!-- Fold answers in <details> -->\n\n${devops('What is CD?', 'Releasing often.')}`;
    const found = bank(text);
    expect(found.questions.map((q) => [q.title, q.answerText, q.section])).toEqual([
      ['What is DevOps?', 'A culture.', 'General'],
      ['What is CI?', 'Merging often.', 'General'],
      ['What is CD?', 'Releasing often.', 'General'],
    ]);
    expect(found.looseHeadings).toEqual([]);
    // In any layout: a comment that names the element folds nothing.
    for (const comment of ['<!-- answers go in <details> -->', '   <!-- answers go in <details> -->']) {
      expect(titles(`# T\n\n${comment}\n\n#### 1) What is A?\nA.\n\n#### 2) What is B?\nB.\n`)).toEqual(['What is A?', 'What is B?']);
    }
  });

  it('leaves a question inside a folded answer to that answer, and a <details> that does not ask to the answer around it', () => {
    const text = `# T\n\n<details>\n<summary>What is one?</summary>\n\n<details>\n<summary>What is a hint?</summary>\n\nH.\n\n</details>\n\n</details>\n\n${folded('What is two?')}`;
    expect(titles(text)).toEqual(['What is one?', 'What is two?']);
    expect(read(text).questionLines.map((l) => l.text)).toEqual(['What is one?', 'What is two?']);
    expect(bank(text).questions[0]!.answerText).toContain('H.');
    // A summary in a paragraph or a code block is text.
    expect(read('# T\n\nText <summary>What is B?</summary> here.\n').questionLines).toEqual([]);
    expect(titles(`# T\n\n${folded('What is one?')}\`\`\`html\n<details><summary>What is code?</summary>\n\`\`\`\n`)).toEqual(['What is one?']);
  });

  it('counts no summary line as prose against a list of questions', () => {
    const item = (q: string) => `- ${q}\n\n  <details><summary>Answer</summary>\n\n  Yes.\n\n  </details>\n\n`;
    expect(read(`# T\n\n${item('What is A?')}${item('What is B?')}`)).toMatchObject({ layout: 'list', questionLines: [{ line: 3 }, { line: 11 }] });
  });

  it('reads numbered summaries in their form where most are numbered and most of those ask; mlq.yaml may set it', () => {
    const numbered = `# T\n\n${folded('1. What is one?')}${folded('2. What is two?')}${folded('Answer')}`;
    expect(read(numbered)).toMatchObject({ layout: 'details', form: '{n}.' });
    expect(bank(numbered).questions.map((q) => [q.number, q.title])).toEqual([
      [1, 'What is one?'],
      [2, 'What is two?'],
    ]);
    // Half numbered: not the form; numbered lines that ask nothing: not the form, unless mlq.yaml sets the layout.
    expect(read(`# T\n\n${folded('1. What is one?')}${folded('Why two?')}`).form).toBeNull();
    const course = `# T\n\n${folded('1. Course')}${folded('2. Books')}${folded('3. What is three?')}`;
    expect(read(course).form).toBeNull();
    expect(read(course, { layout: 'details' }).form).toBe('{n}.');
    expect(read(`# T\n\n${folded('1. What is one?')}${folded('2. Course')}${folded('3. Books')}`).form).toBeNull();
    expect(read(`# T\n\n${folded('1. What is one?')}${folded('2. What is two?')}${folded('3. Books')}`).form).toBe('{n}.');
    expect(read(`# T\n\n${folded('1. What is one?')}${folded('2. Course')}`).form).toBeNull();
    // The family most summaries are numbered in, written as they write it; only its numbers count.
    expect(read(`# T\n\n${folded('Q1: What is B?')}${folded('1) Course')}${folded('2) Books')}${folded('3) What is D?')}`).form).toBeNull();
    expect(read(`# T\n\n${folded('Q1: What is B?')}${folded('1) What is A?')}${folded('2) What is C?')}`).form).toBe('{n})');
    expect(read(`# T\n\n${folded('1. What is A?')}${folded('2. What is B?')}${folded('3. Course')}${folded('4. Books')}${folded('Why E?')}`).form).toBeNull();
    // Numbered with levels: the levels above go with the question.
    expect(bank(`# T\n\n${folded('1.2.1 What is one?')}${folded('1.2.2 What is two?')}`).questions.map((q) => [q.parentNumber, q.number])).toEqual([
      ['1.2', 1],
      ['1.2', 2],
    ]);
  });

  it('asks with a "?" or a question word; "Answer", "Solution" and a summary that only ends a sentence do not', () => {
    expect(titles(`# T\n\n${folded('What is one')}${folded('Explain two.')}${folded('Answer')}${folded('Solution 1 (one-liner)')}${folded('Three?')}`)).toEqual(['What is one', 'Explain two.', 'Three?']);
  });

  it('takes the depth below the topic heading before the first question, or the one mlq.yaml sets', () => {
    const text = `# T\n\n### Topic\n\n${folded('What is one?')}`;
    expect(read(text)).toMatchObject({ depth: 4, structuralDepth: 3, sectionDepth: 3 });
    expect(read(`# T\n\n${folded('What is one?')}\n### After\n`)).toMatchObject({ depth: 2, structuralDepth: 2 });
    expect(read(`# T\n\nIntro text.\n\n${folded('What is one?')}`)).toMatchObject({ depth: 2, structuralDepth: 2 });
    expect(read(text, { layout: 'details', depth: 5 })).toMatchObject({ depth: 5, structuralDepth: 4 });
  });

  it('says what it found, or why its summaries are no questions', () => {
    expect(read(`# T\n\n## Topic\n\n${folded('What is one?')}${folded('What is two?')}`).why[0]).toBe('detected: 2 <details> summaries that ask, under depth-2 headings');
    expect(read(`# T\n\n${folded('1. What is one?')}`).why[0]).toBe('detected: 1 <details> summary numbered, under depth-1 headings');
    const notes = `# T\n\n${folded('Answer')}${folded('Solution')}`;
    expect(read(notes).why).toContain('not details: no <details> summary asks (2 summaries like "Answer", folding answers)');
    const one = `# T\n\n${folded(' Show  the   answer ')}`;
    expect(read(one).why).toContain('not details: no <details> summary asks (1 summary like "Show the answer", folding answers)');
    expect(read(one).refusal).toMatch(/: its 1 <details> summary ask nothing \("Show the answer"\)/);
    expect(read(notes).refusal).toBe('b.md:1: no questions found: its 2 <details> summaries ask nothing ("Answer"): they fold answers, and no question is written otherwise (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)');
    expect(read(`# T\n\n${folded('Answer')}\n## 1) What?\n`).refusal).toBeNull();
    expect(read('# T\n\n## 1) What?\n').why).toContain('not details: no <details> element has a summary');
  });

  it('no heading is a question line of a details bank: a heading after the last question is no topic', () => {
    const text = `# T\n\n${folded('What is one?')}## Contributing\n\n### Notes\n`;
    expect(LAYOUTS.details.isQuestionLine({ line: 9, text: '### Notes', depth: 3, title: 'Notes' }, read(text))).toBe(false);
    expect(read(text).sectionDepth).toBe(0);
  });

  it('never cuts a bank inside a <details> element, where a heading is the folded answer\'s own', () => {
    const answer = `${'Long answer text. '.repeat(30)}\n\n## Heading inside\n\n${'More answer text. '.repeat(30)}`;
    const text = `# T\n\n${Array.from({ length: 40 }, (_, i) => `## Topic ${i}\n\n${folded(`What is ${i}?`, answer)}`).join('')}`;
    const pieces = bankPieces(text, read(text), 2048);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.slice(1).every((p) => p.text.startsWith('## Topic'))).toBe(true);
    expect(bank(text).questions.every((q) => q.answerText.includes('More answer text.'))).toBe(true);
  });

  it('reports a question its tree did not read as a <details> summary, with a hint about an element left open', () => {
    // The scan reads lines; the tree reads the third <details>, indented under a list item, as the item's.
    const text = `# T\n\n${folded('What is one?')}${folded('What is two?')}- An item\n\n  <details><summary>What is three?</summary>\n\n  C.\n\n  </details>\n`;
    const unread = bank(text).looseHeadings;
    expect(unread.map((h) => h.line)).toEqual([19]);
    expect(unread.every((h) => h.summary && h.depth === 0 && /<details>. element left open/.test(h.hint!))).toBe(true);
  });

  it('reports a second <details> of the HTML block that starts a question, on its line or the next; never one inside another', () => {
    const text = `# T\n\n<details><summary>What is one?</summary>A.</details> <details><summary>What is two?</summary>B.</details>\n<details><summary>What is three?</summary>C.</details>\n\n<details><summary>What is four?</summary>\n\n<details><summary>Why is it four?</summary>Hint.</details>\n\nD.\n\n</details>\n\n<details><summary>Answer</summary><details><summary>What is five?</summary>E.</details></details>\n\n<details><summary>What is six?</summary><details><summary>Why six?</summary>F.</details></details><details><summary>Answer</summary>G.</details>\n`;
    expect(titles(text)).toEqual(['What is one?', 'What is four?', 'What is six?']);
    const loose = bank(text).looseHeadings;
    expect(loose.map((h) => [h.line, h.column, h.text, h.summary])).toEqual([
      [3, 63, 'What is two?', true],
      [4, 10, 'What is three?', true],
    ]);
    expect(loose.every((h) => /one HTML block .* holds one question/.test(h.hint!))).toBe(true);
  });

  it('reports a summary that asks among numbered ones, and says its number; before the first, it is front matter', () => {
    expect(bank(`# T\n\n${folded('What is this list?')}${folded('1. What is one?')}${folded('2. What is two?')}`).looseHeadings).toEqual([]);
    const found = bank(`# T\n\n${folded('1. What is one?')}${folded('What is an index?')}${folded('2. What is two?')}${folded('3. What is three?')}${folded('Answer')}`);
    expect(found.questions.map((q) => q.number)).toEqual([1, 2, 3]);
    expect(found.looseHeadings.map((h) => [h.line, h.text, h.suggestion])).toEqual([[11, 'What is an index?', '<details><summary>2. What is an index?</summary>']]);
  });

  it('says how to write a question in the bank\'s form: as a summary', () => {
    const found = bank(`# T\n\n${folded('1. What is one?')}${folded('2. What is two?')}<details><summary>3 - What is three?</summary></details>\n\n**4. What is four?**\n`);
    expect(found.looseHeadings.map((h) => [h.text, h.summary ?? false, h.suggestion])).toEqual([
      ['3 - What is three?', true, '<details><summary>3. What is three?</summary>'],
      ['4. What is four?', false, '<details><summary>4. What is four?</summary>'],
    ]);
  });
});

describe('choosing a layout', () => {
  it('takes the layout that finds the most question lines; a tie goes to the first tried', () => {
    expect(read('# T\n\n### 1) A?\n\n**B?**\n\n**C?**\n').layout).toBe('bold');
    expect(read('# T\n\n### 1) A?\n\n**B?**\n').layout).toBe('headings');
    expect(read('# T\n\n1. ### A?\n\n**B?**\n').layout).toBe('list');
  });

  it('explains what each layout found, and the topics and title', () => {
    expect(read('# T\n\n## Topic\n\n### 1) A?\n').why).toEqual([
      'detected: 1 heading at depth 3 numbered like "12)"',
      'not list: no list item opens with a heading, a tag or a question number, nor asks',
      'not bold: no paragraph is only bold text ending in "?"',
      'not details: no <details> element has a summary',
      'topic sections: the depth-2 headings followed by questions',
      'title: the "#" heading nearest before the first question',
    ]);
    expect(read('## Only\n\n### 1) A?\n', { layout: 'headings' }).why).toEqual([
      'set in mlq.yaml: 1 heading at depth 3 numbered like "12)"',
      'no topic sections',
      'title: the only "##" heading (the file has no "#" heading)',
    ]);
  });

  it('reads the question lines with their text, whatever the layout', () => {
    expect(read('# T\n\n#### 1) A? ####\n').questionLines).toEqual([{ line: 3, text: '1) A?' }]);
    expect(read('# T\n\n 2. ### B?  \n').questionLines).toEqual([{ line: 3, text: 'B?' }]);
    expect(read('# T\n\n- ### B?\n').questionLines).toEqual([{ line: 3, text: 'B?' }]);
    expect(read('# T\n\n**C?**\n').questionLines).toEqual([{ line: 3, text: 'C?' }]);
    expect(read('# T\n\n__C?__ \n').questionLines).toEqual([{ line: 3, text: 'C?' }]);
  });

  it('the first question line is the smallest, and numbering is what mlq.yaml sets or null', () => {
    expect(read('# T\n\n### 1) A?\n\n### 2) B?\n')).toMatchObject({ firstQuestionLine: 3, numbering: null });
    expect(read('# T\n\n### 1) A?\n', { numbering: 'section' }).numbering).toBe('section');
  });

  it('the title is `##` only where the file has one heading of depth 1 or 2 and it is `##`', () => {
    expect(read('## T\n\n### 1) A?\n').titleDepth).toBe(2);
    expect(read('# T\n\n### 1) A?\n').titleDepth).toBe(1);
    expect(read('## T\n\n## U\n\n### 1) A?\n').titleDepth).toBe(1);
    expect(read('# T\n\n## U\n\n### 1) A?\n').titleDepth).toBe(1);
    expect(read('### 1) A?\n').titleDepth).toBe(1);
  });

  it('topic depth: the deepest heading above the questions that a question follows before the next at its depth', () => {
    expect(read('# T\n\n## Part\n\n### Topic\n\n#### 1) A?\n').sectionDepth).toBe(3);
    expect(read('# T\n\n## Part\n\n### Empty\n\n## Part 2\n\n#### 1) A?\n').sectionDepth).toBe(2);
    expect(read('# T\n\n#### 1) A?\n').sectionDepth).toBe(0);
    expect(read('# T\n\n## Contents\n\n#### 1) A?\n').sectionDepth).toBe(0);
    // The title depth is no topic.
    expect(read('## T\n\n#### 1) A?\n').sectionDepth).toBe(0);
    // In a list bank, topics may be as deep as the question headings in the items.
    expect(read('# T\n\n### Topic\n\n1. ### A?\n').sectionDepth).toBe(3);
    expect(read('# T\n\n#### Deep\n\n1. ### A?\n').sectionDepth).toBe(4);
  });

  it('ends a question at the topic depth or `##`, in a heading bank', () => {
    expect(read('# T\n\n### Topic\n\n#### 1) A?\n').structuralDepth).toBe(3);
    expect(read('# T\n\n#### 1) A?\n').structuralDepth).toBe(2);
    expect(read('# T\n\n## 1) A?\n').structuralDepth).toBe(2);
    expect(read('# T\n\n1. ### A?\n').structuralDepth).toBe(2);
    expect(read('# T\n\n1. A?\n').structuralDepth).toBe(6);
  });

  it('keeps in the answer of a list item opened by a heading the deeper headings written after it', () => {
    const b = parseBank({ file: 'b.md', text: '# T\n\n1. ### A?\n\n  Text.\n\n  #### Sub\n\n  More.\n\n2. ### B?\n\n   Yes.\n' });
    expect(b.questions.map((q) => [q.title, q.answerText])).toEqual([
      ['A?', 'Text.\n\nSub\n\nMore.'],
      ['B?', 'Yes.'],
    ]);
    expect(b.unplaced).toEqual([]);
  });

  it('no questions: one line or up to three lines that look like one, and what was tried', () => {
    expect(refusal('# B\n\n#### 1 What\n')).toBe('b.md:3: no questions found: line 3 looks like a question but fits no layout (layouts tried: headings, list, bold, details; e.g. write "#### 1) What is ...?")');
    expect(refusal('# B\n\n## 1 A\n\n## 2 B\n\n## 3 C\n\n## 4 D\n', { layout: 'list' })).toBe(
      'b.md:3: no questions found: lines 3, 5, 7 look like questions but fit no layout (layouts tried: list; e.g. write "#### 1) What is ...?")',
    );
    expect(refusal('# B\n\nNothing.\n')).toBe('b.md: no questions found: nothing looks like a question (layouts tried: headings, list, bold, details; see mlq --help)');
    // A bank with questions is not refused; the refused one is not parsed, and says why in its explanation.
    expect(refusal('# B\n\n#### 1) What?\n')).toBeNull();
    expect(bank('# B\n\nNothing.\n')).toMatchObject({ questions: [], explanation: [refusal('# B\n\nNothing.\n')] });
  });

  it.each([
    ['## What', false],
    ['# 1 What', false],
    ['**Why?**', false],
    ['  **1.** What', true],
    ['**Q2** Why', true],
    ['__Question 3:__ x', true],
    ['Q4: What', true],
    ['Question 5) What', true],
    ['Q4 What', false],
    ['    Q4: What', false],
    ['**Why?** more', false],
  ])('in a bank with no questions, %s looks like a question: %s', (line, looks) => {
    // A bold line that asks is a question of the bold layout, not a look-alike.
    if (line === '**Why?**') return expect(read(`# B\n\n${line}\n`).layout).toBe('bold');
    // Only the number bold, the question after it: a question of the bold layout.
    if (/^ *(\*\*|__)(?:Q(?:uestion)?\s*)?\d+\s*[.):]\1 \S/i.test(line)) return expect(read(`# B\n\n${line}\n`)).toMatchObject({ layout: 'bold', refusal: null });
    expect(refusal(`# B\n\n${line}\n`)).toMatch(looks ? /^b\.md:3: no questions found: line 3 looks like/ : /^b\.md: no questions found: nothing looks like/);
  });

  it('the README table has a row per layout, with its example names', () => {
    const table = layoutTable().split('\n');
    expect(table.slice(0, 2)).toEqual(['| layout | questions | examples (the tests read each) |', '| --- | --- | --- |']);
    expect(table.slice(2)).toEqual(Object.values(LAYOUTS).map((l) => `| \`${l.id}\` | ${l.description} | ${l.examples.map((e) => e.name).join('; ')} |`));
  });
});

describe('boundaries the mutation test found unstated', () => {
  it('each layout is registered under its own id, with a description; the numberings are book, section, none', () => {
    for (const [id, layout] of Object.entries(LAYOUTS)) {
      expect(layout.id).toBe(id);
      expect(layout.description.length).toBeGreaterThan(40);
    }
    expect(NUMBERINGS).toEqual(['book', 'section', 'none']);
  });

  it.each([
    ['Q1 : What?', { form: 'Q{n}:', number: 1, prefix: 'Q1 : ' }],
    ['Q1:What?', { form: 'Q{n}:', number: 1, prefix: 'Q1:' }],
  ])('%s is written %o', (text, found) => {
    expect(numberForm(text)).toEqual(found);
  });

  it.each(['What Q1: x', 'xQ1: y'])('%s has no number form', (text) => {
    expect(numberForm(text)).toBeNull();
  });

  it.each(['12 ) What', '12 -  What'])('%s looks numbered', (text) => {
    expect(LOOKS_NUMBERED.test(text)).toBe(true);
  });

  it('scan: blank lines, trailing blanks, an empty heading, a hash inside the title, HTML after the start', () => {
    expect(scanLines('# T\n   \n## Title ## \n## Use # signs\n## A <b>x</b>\n## Title \t\n##').map((l) => [l.line, l.depth, l.title])).toEqual([
      [1, 1, 'T'],
      [3, 2, 'Title'],
      [4, 2, 'Use # signs'],
      [5, 2, 'A <b>x</b>'],
      [6, 2, 'Title'],
      [7, 2, ''],
    ]);
  });

  it('question lines: the item marker of 2 digits, two spaces around the marks', () => {
    expect(read('# T\n\n12. ### B?\n').questionLines).toEqual([{ line: 3, text: 'B?' }]);
    expect(read('# T\n\n1.  ### B?\n').questionLines).toEqual([{ line: 3, text: 'B?' }]);
    expect(read('# T\n\n1. ###  B?\n').questionLines).toEqual([{ line: 3, text: 'B?' }]);
  });

  it.each([
    ['** What is it?**', true],
    ['** What? **', true],
    ['** What?**  ', true],
    ['** What is it!**', false],
    ['**12.** What', true],
    ['**1.**What', true],
    ['Q12: What', true],
    ['Q4 : What', true],
    ['Q4:What', true],
    ['Q4:  ', false],
  ])('in a bank with no questions, %j looks like a question: %s', (line, looks) => {
    if (line === '**12.** What') return expect(read(`# B\n\n${line}\n`)).toMatchObject({ layout: 'bold', refusal: null });
    expect(refusal(`# B\n\n${line}\n`)).toMatch(looks ? /^b\.md:3: no questions found: line 3 looks like/ : /^b\.md: no questions found: nothing looks like/);
  });

  it('question depth: depths are tried shallowest first; a deeper heading before any holder is not held', () => {
    expect(read('# T\n\n#### 0) Pre\n\n### 1) A?\n\n#### 1) s\n\n### 2) B?\n').depth).toBe(3);
    expect(read('#### 1) A?\n\n#### 2) B?\n\n### 3) C?\n').depth).toBe(4);
  });

  it('question depth: a paragraph does not end a holder; unnumbered deeper headings are not counted', () => {
    expect(read('# T\n\n## 1) A?\nx\n\n### 1) Step\ny\n\n### 2) Step\n\n## 2) B?\n').depth).toBe(2);
    expect(read('# T\n\n#### Intro\n\n#### Notes\n\n### 1) A?\n\n#### 1) s\n\n### 2) B?\n').depth).toBe(3);
  });

  it('question depth: only a numbered heading at the depth holds, and only while no other heading at or above it comes', () => {
    // `### 1) s` is held, `#### 1) Pre` and `#### 2) Pre` before any holder are not: 1 of 3, the `####` are the questions.
    expect(read('#### 1) Pre\n\n#### 2) Pre\n\n### 1) A?\n\n#### 3) s\n\n### 2) B?\n').depth).toBe(4);
    // An unnumbered heading at the depth, or a numbered one above it, ends the holder before: 1 of 3 held.
    const after = (heading: string) => read(`# T\n\n### 1) A?\n\n#### 1) s\n\n### 2) B?\n\n${heading}\n\n#### 2) t\n\n#### 3) u\n`);
    for (const heading of ['### Notes', '## 5) Part']) {
      expect(after(heading).depth).toBe(4);
      expect(after(heading).why[0]).toBe('detected: 3 headings at depth 4 numbered like "12)", 2 at depth 3');
    }
    // Held by the second holder: 3 of 3.
    expect(read('# T\n\n### 1) A?\n\n#### 1) s\n\n### 2) B?\n\n#### 2) t\n\n#### 3) u\n').depth).toBe(3);
  });

  it('question depth: a single numbered heading is read at its own depth', () => {
    expect(read('# T\n\n### 1) A?\n')).toMatchObject({ depth: 3, questionLines: [{ line: 3, text: '1) A?' }] });
    expect(read('# T\n\n## Part\n\n#### 1) A?\n').depth).toBe(4);
  });

  it('other number forms are listed, each with its count', () => {
    expect(read('# T\n\n### 1) A?\n\n### 2) B?\n\n### 3) C?\n\n### Q4: D?\n\n### Question 5: E?\n').why[0]).toBe(
      'detected: 3 headings at depth 3 numbered like "12)"; other number forms: 1 like "Q12:", 1 like "Question 12:"',
    );
  });

  it('a bold question line is named by its text, trimmed, where the tree does not read it (a space before the closing stars)', () => {
    const text = '# T\n\n**What is A?**\n\nx\n\n**What? **\n';
    expect(read(text).questionLines).toEqual([
      { line: 3, text: 'What is A?' },
      { line: 7, text: 'What?' },
    ]);
    expect(bank(text).looseHeadings.map((h) => [h.line, h.text])).toEqual([[7, 'What?']]);
  });

  it('boldLead: spaces and then another inline on the line still make the lead; whitespace alone after it is no answer', () => {
    expect(boldLead(firstNode('**What?** ![x](y.png)'))!.rest.map((c) => c.type)).toEqual(['text', 'image']);
    const reading = read('# T\n\n**What?**\n');
    expect(LAYOUTS.bold.starts(firstNode('**What?**\\\n&#32;'), reading)!.starts[0]!.body).toEqual([]);
    expect(LAYOUTS.bold.starts(firstNode('**What?**\\\nIt is.'), reading)!.starts[0]!.body).toHaveLength(1);
  });

  it('question depth: numbered headings deeper than `####` are not tried, even when none above holds them', () => {
    const reading = read('# T\n\n### 1) A?\n\n## Part\n\n##### 1) s\n\n##### 2) t\n');
    expect(reading.depth).toBe(3);
    expect(reading.why[0]).toBe('detected: 1 heading at depth 3 numbered like "12)"; 2 numbered headings deeper, inside answers');
  });

  it('a numbered `#` heading is no question line, and deeper forms do not choose the form', () => {
    expect(read('# 1) Title\n\n## 1) A?\n\n## 2) B?\n').why[0]).toBe('detected: 2 headings at depth 2 numbered like "12)"');
    expect(read('# T\n\n### Q1: A?\n\n##### 1) s\n\n##### 2) t\n').form).toBe('Q{n}:');
  });

  it('the form is the most used one of the top family, not the most used of all', () => {
    const text = `# T\n\n${['1)', '2)', '3.', '4.', 'Q5:', 'Q6:', 'Q7:'].map((n) => `### ${n} Q?\n\n`).join('')}`;
    expect(read(text).form).toBe('{n})');
    expect(read(text).why[0]).toBe('detected: 4 headings at depth 3 numbered like "12)"; other number forms: 3 like "Q12:"');
  });

  it('unnumbered: the first question is the first asking heading at the question depth', () => {
    expect(titles('# T\n\n## Why?\n\n### Intro\n\n### What is A?\n\n### Why B?\n')).toEqual(['What is A?', 'Why B?']);
  });

  it('starts: a node without children or position, a heading without leading text', () => {
    const numbered = read('# T\n\n#### 1) A?\n');
    expect(LAYOUTS.headings.starts(firstNode('```\ncode\n```'), numbered)).toBeNull();
    expect(LAYOUTS.headings.starts(firstNode('#### *1) B?*'), numbered)).toBeNull();
    const plain = read('# T\n\n### A?\n');
    expect(LAYOUTS.headings.starts({ type: 'heading', depth: 3, children: [{ type: 'text', value: 'B?' }] }, plain)).toBeNull();
    expect(LAYOUTS.list.starts(firstNode('1. ### A?\n2.\n'), read('# T\n\n1. ### A?\n'))!.starts.map((s) => s.number)).toEqual([1]);
  });

  it('list items: two spaces before or after the marks', () => {
    const found = (line: string) => read(`# T\n\n1. ### A?\n\n${line}\n`, { layout: 'list' }).questionLines.length;
    expect(found('2.  ### B?')).toBe(2);
    expect(found('2. ###  B?')).toBe(2);
  });

  it('topic depth: the first line may be a topic; a heading nothing follows is none; a line after a heading is no question', () => {
    expect(read('### Topic\n\n#### 1) A?\n').sectionDepth).toBe(3);
    expect(read('# T\n\n### 1) A?\n\n## Notes\n').sectionDepth).toBe(0);
    expect(read('# T\n\n### Empty\n\ntext\n\n## Part\n\n#### 1) A?\n').sectionDepth).toBe(2);
    expect(read('# T\n\n###### Empty\n\n## Next\n\n1. ### A?\n').sectionDepth).toBe(2);
  });

  it('topic depth in a bold bank: headings at or below the question depth are no topics', () => {
    expect(read('# T\n\n## Topic\n\n**What?**\n\n#### Sub\n\n**Why?**\n').sectionDepth).toBe(2);
    expect(read('# T\n\n## Topic\n\n**What?**\n\n### Sub\n\n**Why?**\n').sectionDepth).toBe(2);
    expect(read('# T\n\n## Topic\n\nIntro.\n\n**What?**\n').depth).toBe(3);
  });

  it('bold: the form is written as the first paragraph of the top family writes it', () => {
    const text = '# T\n\n**Q1: Why A?**\n\nx\n\n**2. Why B?**\n\ny\n\n**3. Why C?**\n';
    expect(read(text).form).toBe('{n}.');
    expect(numbers(text)).toEqual([2, 3]);
  });

  it('boldLead: not in a heading, not after whitespace-only text, not before inline code', () => {
    expect(boldLead(firstNode('## **What?**'))).toBeNull();
    expect(boldLead(firstNode('*What?*'))).toBeNull();
    expect(boldLead(firstNode('&#32;'))).toBeNull();
    expect(boldLead(firstNode('&#32;**What?**'))).not.toBeNull();
    expect(boldLead(firstNode('**What?**` `'))).toBeNull();
    expect(boldLead(firstNode('**What**x\nmore'))).toBeNull();
  });

  it('a bold question\'s answer on its next lines: read in a CRLF file too, its Markdown from where it is written, refused at its own line', () => {
    expect(bank('# T\r\n\r\n**What?**\r\nIt is.\r\n\r\n**Why?**\r\n\r\nBecause.\r\n').questions.map((q) => [q.title, q.answerText])).toEqual([
      ['What?', 'It is.'],
      ['Why?', 'Because.'],
    ]);
    expect(bank('# T\n\n**What?**\nIt is.\n\nMore.\n').questions[0]!.answerMarkdown).toBe('It is.\n\nMore.');
    expect(bank('# T\n\n**What?** \n   It *is*.\n').questions[0]!.answerMarkdown).toBe('   It *is*.');
    expect(bank('# T\n\n**What?**\r\nIt is.\r\n').questions[0]!.answerMarkdown).toBe('It is.');
    expect(bank('# T\n\n**What?**\n\n**Why?**\\\nOne\n').questions[1]!.answerMarkdown).toBe('One');
    const deep = `${'<span>'.repeat(300)}x${'</span>'.repeat(300)}`;
    expect(() => bank(`# T\n\n**What?**\n${deep}\n`)).toThrow(/^b\.md:4: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/);
    // On the bold line itself, after spaces: the answer starts there.
    expect(boldLead(firstNode('**What?** ![x](y.png)'))!.rest[0]!.position!.start).toMatchObject({ line: 1, column: 11, offset: 10 });
    // On the next line: its start.
    expect(boldLead(firstNode('**What?** \nIt is.'))!.rest[0]!.position!.start).toEqual({ line: 2, column: 1, offset: 11 });
  });

  it('bold answers on the next lines keep their later breaks, images and paragraph', () => {
    const q = bank('# T\n\n**What is A?**\\\nOne\\\nTwo\n\n**What is B?**\n![x](a.png) shows B.\n').questions;
    expect(hastToHtml(q[0]!.answerTree)).toBe('<p>One<br>\nTwo</p>');
    expect(q[1]!.hasAnswer).toBe(true);
    expect(q[1]!.answerText).toContain('shows B.');
  });
});

describe('deep headings, titles that ask, several forms in one file', () => {
  it('looks at `#####` and `######` only where no heading at depth 2 to 4 is numbered or asks; headings folded in <details> do not count', () => {
    expect(read('# T\n\n## Intro\n\n##### 1) A?\n\n##### 2) B?\n')).toMatchObject({ layout: 'headings', depth: 5, form: '{n})' });
    expect(read('# T\n\n## 1. Intro\n\n##### 1) A?\n\n##### 2) B?\n')).toMatchObject({ depth: 2, form: '{n}.' });
    expect(read('# T\n\n## Why?\n\n###### A\n\n###### B\n')).toMatchObject({ depth: 2, form: null });
    expect(read('# T\n\n<details>\n\n### Why?\n\n</details>\n\n##### 1) A?\n\n##### 2) B?\n')).toMatchObject({ depth: 5, form: '{n})', questionLines: [9, 11].map((line) => expect.objectContaining({ line })) });
    expect(read('# T\n\n###### What is A?\n\n###### What is B?\n')).toMatchObject({ depth: 6, form: null });
  });

  it('one heading that asks, the first heading of the file, is its title: refused at its line, read when mlq.yaml says so', () => {
    expect(refusal('## How long?\n\nMonths.\n')).toBe('b.md:1: no questions found: line 1 is the title, not a question (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)');
    expect(read('## How long?\n\nMonths.\n').why[0]).toBe('detected: the one heading ending in "?" is the first one: a title, not a question');
    expect(refusal('Intro line\n\n## How long?\n\nMonths.\n')).toMatch(/^b\.md:3: no questions found: line 3 is the title/);
    // After a `#` title, or with a second one, it is a question; so where mlq.yaml sets the depth.
    expect(titles('# T\n\n## How long?\n\nMonths.\n')).toEqual(['How long?']);
    expect(titles('## How long?\n\nMonths.\n\n## Why?\n\nx\n')).toEqual(['How long?', 'Why?']);
    expect(titles('## How long?\n\nMonths.\n', { depth: 2 })).toEqual(['How long?']);
    expect(titles('## How long?\n\n## Plain\n\nMonths.\n')).toEqual([]);
  });

  it('a second form after the first: from the topic heading before its first question, each question in its form', () => {
    const list = '1. ### A?\n\n   a\n\n2. ### B?\n\n   b\n\n3. ### C?\n\n   c\n\n';
    const exercises = '#### 1. X?\n\nx\n\n#### 2. Y?\n\ny\n\n#### 3. Z?\n\nz\n';
    const text = `# T\n\n${list}## Exercises\n\n${exercises}`;
    const reading = read(text);
    expect(reading).toMatchObject({ layout: 'list', depth: 3, forms: [{ line: 15, reading: { layout: 'headings', depth: 4 } }] });
    expect(reading.forms![0]!.reading.questionLines.map((l) => l.line)).toEqual([17, 21, 25]);
    expect(reading.why.at(-1)).toBe('forms: lines 1-14 list (3 questions), lines 15-27 headings (3: 3 headings at depth 4 numbered like "12.")');
    expect(bank(text).questions.map((q) => [q.number, q.title, q.line, q.section])).toEqual([
      [1, 'A?', 3, null],
      [2, 'B?', 7, null],
      [3, 'C?', 11, null],
      [1, 'X?', 17, 'Exercises'],
      [2, 'Y?', 21, 'Exercises'],
      [3, 'Z?', 25, 'Exercises'],
    ]);
    expect(bank(text).forms).toEqual([{ line: 15, layout: 'headings', questionDepth: 4, numberForm: '{n}.' }]);
    // Its topic's intro, and a sub-heading in it, are the later form's: it starts at the shallowest heading between the two.
    expect(read(`# T\n\n${list}## Exercises\n\nThe schema.\n\n### Setup\n\nLoad it.\n\n${exercises}`).forms![0]!.line).toBe(15);
    // Without a heading between, the later form starts at its first question; a text without a final newline ends on its last line.
    expect(read(`# T\n\n${list}${exercises.trimEnd()}`).why.at(-1)).toBe('forms: lines 1-14 list (3 questions), lines 15-25 headings (3: 3 headings at depth 4 numbered like "12.")');
    // Headings first, then the list: the earlier form is the headings'.
    const reversed = `# T\n\n${exercises}\n## List\n\n${list}${list.replace(/(\d)\. ###/g, (_, n) => `${Number(n) + 3}. ###`)}`;
    expect(read(reversed)).toMatchObject({ layout: 'headings', depth: 4, forms: [{ line: 15, reading: { layout: 'list', depth: 3 } }] });
    expect(numbers(reversed)).toEqual([1, 2, 3, 1, 2, 3, 4, 5, 6]);
    // Fewer than three questions of the other layout, or mixed among the first's, make no second form.
    expect(read(`# T\n\n${list}#### 1. X?\n\nx\n\n#### 2. Y?\n`)).not.toHaveProperty('forms');
    expect(read(`# T\n\n#### 1. X?\n\nx\n\n${list}#### 2. Y?\n\n#### 3. Z?\n\n#### 4. W?\n`)).not.toHaveProperty('forms');
    expect(read(text, { layout: 'list' })).not.toHaveProperty('forms');
    // The other layout's questions before the first and after the last of the bank's: no second form either.
    expect(read(`# T\n\n1. ### L?\n\n#### 1. W?\n\nw\n\n${exercises}\n2. ### M?\n\n3. ### N?\n`)).not.toHaveProperty('forms');
    // Each form is read with the options of the whole bank.
    expect(read(text, { numbering: 'none' })).toMatchObject({ numbering: 'none', forms: [{ reading: { numbering: 'none' } }] });
  });

  it('the later form starts after the earlier form\'s last question: a topic heading inside the earlier form, or one of its own questions, is not its start', () => {
    const exercises = '#### 1. X?\n\nx\n\n#### 2. Y?\n\ny\n\n## More\n\n#### 3. Z?\n\nz\n';
    // `## Core` is a topic of the list, among its questions; nothing stands between the forms, so the exercises start at their first question.
    const list = '1. ### A?\n\n   a\n\n## Core\n\n2. ### B?\n\n   b\n\n3. ### C?\n\n   c\n\n';
    expect(read(`# T\n\n${list}${exercises}`)).toMatchObject({ layout: 'list', forms: [{ line: 17 }] });
    // `## More`, inside the later form, is not where it starts.
    expect(read(`# T\n\n${list}## Exercises\n\n${exercises}`)).toMatchObject({ forms: [{ line: 17 }] });
    // Questions as `##` headings, then a list of `###` items: the last `##` question stays in the earlier form.
    const headings = '## 1. A?\n\na\n\n## 2. B?\n\nb\n\n## 3. C?\n\nc\n\n## 4. D?\n\nd\n\n';
    const items = '1. ### X?\n\n   x\n\n2. ### Y?\n\n   y\n\n3. ### Z?\n';
    const reading = read(`# T\n\n${headings}${items}`);
    expect(reading).toMatchObject({ layout: 'headings', depth: 2, forms: [{ line: 19, reading: { layout: 'list', depth: 3 } }] });
    expect(reading.questionLines.map((l) => l.line)).toEqual([3, 7, 11, 15]);
  });

  it('the later form is the other layout with the most questions; a list of text items starts at its topic heading too', () => {
    const headings = Array.from({ length: 8 }, (_, i) => `### ${i + 1}) Q${i + 1}?\n\nq\n\n`).join('');
    const items = '1. ### What is A?\n2. ### What is B?\n3. ### What is C?\n\n';
    const bolds = '**What is D?**\n\nd\n\n**What is E?**\n\ne\n\n**What is F?**\n\nf\n\n**What is G?**\n\ng\n';
    const text = `# T\n\n${headings}## Lists\n\n${items}## Bold\n\n${bolds}`;
    expect(read(text)).toMatchObject({ layout: 'headings', forms: [{ line: 41, reading: { layout: 'bold' } }] });
    expect(read(`# T\n\n${headings}## Lists\n\n${items}`)).toMatchObject({ layout: 'headings', forms: [{ line: 35, reading: { layout: 'list', depth: 3 } }] });
    const asking = '- What is A?\n- What is B?\n- What is C?\n\n';
    expect(read(`# T\n\n${headings}## Lists\n\n${asking}`)).toMatchObject({ layout: 'headings', forms: [{ line: 35, reading: { layout: 'list', depth: 0 } }] });
    // A heading at the later form's own depth, between the forms, is no topic of it: the form starts at its first question.
    const list = Array.from({ length: 3 }, (_, i) => `${i + 1}. ### Q${i + 1}?\n\n   q\n\n`).join('');
    expect(read(`# T\n\n${list}#### Note\n\n#### 1. X?\n\nx\n\n#### 2. Y?\n\n#### 3. Z?\n`)).toMatchObject({ layout: 'list', forms: [{ line: 17 }] });
  });

  it('a chapter that two layouts refuse gives both reasons', () => {
    expect(refusal('# T\n\nSome prose that is long enough to outweigh the list below it.\n\n**1. Course**\n\n**2. Books**\n\n- Why is B?\n- What is C\n')).toBe(
      'b.md:9: no questions found: its 1 list item that ask are prose (9 characters of 95; 1 of 2 items): a chapter, not a list of questions; its 2 numbered bold lines ask nothing (no "?", no question word): a list in prose, not questions (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)',
    );
  });

  it('headings folded in <details> are no topic sections', () => {
    expect(read('# T\n\n#### 1. A?\n\n<details><summary>Answer</summary>\n\n### Note\n\nx\n\n</details>\n\n#### 2. B?\n\nb\n').sectionDepth).toBe(0);
  });

  it('a chapter whose list items ask is refused at the first such item', () => {
    expect(refusal('# T\n\nSome prose.\n\n- What is A\n- Why is B?\n')).toBe(
      'b.md:6: no questions found: its 1 list item that ask are prose (9 characters of 20; 1 of 2 items): a chapter, not a list of questions (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)',
    );
    expect(refusal('# T\n\nSome prose, long enough.\n\n1.  Why is B?\n')).toMatch(/^b\.md:5: no questions found: its 1 list item that ask are prose/);
  });
});

describe('the escape hatch: mlq.yaml says how a bank writes its questions where detection cannot know', () => {
  it('a layout set reads what detection takes for prose: a chapter of questions, a title that asks, a numbered bold list', () => {
    const chapter = '# Communication\n\nCommunication is the most important soft skill of a job, and every interview tests it, from the cover letter to the last answer.\n\n- How do you give feedback?\n- Have you disagreed with a manager?\n';
    expect(refusal(chapter)).toMatch(/^b\.md:5: no questions found: its 2 list items that ask are prose/);
    expect(titles(chapter, { layout: 'list' })).toEqual(['How do you give feedback?', 'Have you disagreed with a manager?']);
    const titled = '## How long is a job search?\n\nMonths.\n';
    expect(refusal(titled)).toMatch(/^b\.md:1: no questions found: line 1 is the title/);
    expect(titles(titled, { layout: 'headings' })).toEqual(['How long is a job search?']);
    const courses = '# Courses\n\n**1. Statistics**\n\nFree.\n\n**2. Machine Learning**\n\nFree too.\n';
    expect(refusal(courses)).toMatch(/its 2 numbered bold lines ask nothing/);
    expect(titles(courses, { layout: 'bold' })).toEqual(['Statistics', 'Machine Learning']);
  });
});

