// The reader's shared part (src/read/parse.ts) at its boundaries: link kinds, the title and its claimed
// count, back-to-top and <details> answers, what looks like a question and its hint, numbering detection,
// and banks read in parts. Small banks only, so that `npm run mutate -- reader` stays quick.
import { describe, expect, it } from 'vitest';
import { hastToHtml } from '../src/read/markdown.js';
import { findMath } from '../src/read/math.js';
import { readingOf } from '../src/read/layouts/index.js';
import { bankPieces, finishBank, mergeBankParts, parseBank, parseBankPart, parseBook } from '../src/read/parse.js';
import type { ReadOptions } from '../src/read/layouts/index.js';
import { META } from './support/book.js';

const bank = (text: string, options: ReadOptions = {}) => parseBank({ file: 'b.md', text }, options);
const first = (text: string) => bank(text).questions[0]!;
const loose = (text: string, options: ReadOptions = {}) => bank(text, options).looseHeadings.map((h) => [h.line, h.suggestion ?? h.hint]);

describe('links', () => {
  const kinds = (body: string) => {
    const b = bank(`# T\n\n#### 1) Q?\n${body}\n`);
    const q = b.questions[0]!;
    return { sources: q.sources.map((l) => l.label), answers: q.answerLinks.map((l) => l.label), inline: q.links.map((l) => l.label), unsafe: b.unsafeLinks.map((l) => l.url) };
  };

  it('a source is labelled src, source(s), ref or reference, maybe numbered, in any case and brackets', () => {
    expect(kinds('[src](https://a) [[Source]](https://b) [sources](https://c) [REF 2](https://d) [reference](https://e) [src12](https://f)').sources).toEqual(['src', 'Source', 'sources', 'REF 2', 'reference', 'src12']);
    expect(kinds('[source code](https://a) [my src](https://b) [srcs](https://c)').inline).toEqual(['source code', 'my src', 'srcs']);
  });

  it('an answer link is labelled answer, maybe numbered', () => {
    expect(kinds('[[Answer]](https://a) [answer 2](https://b) [answers](https://c) [the answer](https://d)')).toMatchObject({ answers: ['Answer', 'answer 2'], inline: ['answers', 'the answer'] });
  });

  it('only http(s):, mailto: and relative links are safe, whatever their case or leading space', () => {
    const found = kinds('[a](HTTPS://a.example) [b](mailto:x@y.example) [c](#q1) [d](notes.md) [e](./a:b) [f](?x=1) [g](JAVASCRIPT:x) [h](data:x) [i](ftp://x) [j](<  javascript:x>)');
    expect(found.inline).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(found.unsafe).toEqual(['JAVASCRIPT:x', 'data:x', 'ftp://x', '  javascript:x']);
  });

  it('a link without text is labelled with its URL', () => {
    expect(first('# T\n\n#### 1) Q?\nSee [](https://empty.example).\n').links.map((l) => l.label)).toEqual(['https://empty.example']);
  });

  it('source and answer links leave the title and the answer, with their brackets; inline links stay', () => {
    const q = first('# T\n\n#### 1) What is [bias](https://b) ? [[src](https://s)] [ [Answer](https://a) ]\nSee [x](https://x) [[src]](https://t)\n');
    expect(q.title).toBe('What is bias ?');
    expect(hastToHtml(q.titleTree)).toBe('What is <a href="https://b">bias</a> ?');
    expect(q.sources.map((l) => l.url)).toEqual(['https://s', 'https://t']);
    expect(q.answerLinks.map((l) => l.url)).toEqual(['https://a']);
    expect(q.answerText).toBe('See x');
  });

  it('links outside questions are the bank\'s other links; unsafe ones are kept apart', () => {
    const b = bank('# [T](https://t)\n\nIntro [bad](javascript:x).\n\n#### 1) Q? [[src](vbscript:y)]\nA.\n\n## Back\n\n[end](https://end)\n');
    expect(b.otherLinks.map((l) => l.url)).toEqual(['https://t', 'https://end']);
    expect(b.unsafeLinks.map((l) => l.url)).toEqual(['javascript:x', 'vbscript:y']);
  });
});

describe('the title, its count and the front matter', () => {
  it('the title is the title-depth heading nearest before the first question, without HTML', () => {
    const b = bank('# Old\n\nIntro one.\n\n# New <a name="t"></a>\n\nIntro two.\n\n#### 1) Q?\nA.\n');
    expect(b).toMatchObject({ title: 'New', titleLine: 5, description: 'Intro one.' });
    expect(hastToHtml(b.frontMatterTree)).toContain('Old');
    expect(hastToHtml(b.frontMatterTree)).not.toContain('New');
  });

  it('a bank with no title heading has none, at line 1', () => {
    expect(bank('Intro.\n\n#### 1) Q?\nA.\n')).toMatchObject({ title: '', titleLine: 1, description: 'Intro.', claimedCount: null });
  });

  it.each([
    ['67 Machine Learning Interview Questions 2025', 67],
    ['Top 10 questions', 10],
    ['1 Question', 1],
    ['100 a b c d e f questions', 100],
    ['100 a b c d e f g questions', null],
    ['Questions 2025', null],
    ['10 questionnaires', null],
    ['3 2 questions', 2],
  ])('"%s" claims %s', (title, count) => {
    expect(bank(`# ${title}\n\n#### 1) Q?\nA.\n`).claimedCount).toBe(count);
  });
});

describe('answers', () => {
  it('back-to-top paragraphs that link inside the page are navigation, not answer', () => {
    const answer = (line: string) => first(`# T\n\n#### 1) Q?\nA.\n\n${line}\n`).answerText;
    for (const line of ['**[⬆ Back to Top](#table-of-contents)**', '[Back to the contents](#c)', '[↑ top](#top)', '[Back to index](#i)']) expect(answer(line)).toBe('A.');
    expect(answer('[Back to Top](https://elsewhere.example)')).toBe('A.\n\nBack to Top');
    expect(answer('Back to top')).toBe('A.\n\nBack to top');
    expect(answer('[Go back to top](#top)')).toBe('A.\n\nGo back to top');
  });

  it.each(['Answer', 'Show answer', 'See the answers', 'View solution', 'Click here for the answer', 'Click for explanation', ' Answer: ', 'Solutions!'])(
    'a <details> whose summary is "%s" is the answer itself',
    (summary) => {
      const q = first(`# T\n\n#### 1) Q?\n\n<details><summary>${summary}</summary>\n\nThe answer.\n\n</details>\n`);
      expect(q.answerText).toBe('The answer.');
      expect(hastToHtml(q.answerTree)).not.toContain('<details');
    },
  );

  it('a <details> with another summary, or none, stays as it is', () => {
    expect(hastToHtml(first('# T\n\n#### 1) Q?\n\n<details><summary>Hint</summary>\n\nLook.\n\n</details>\n').answerTree)).toContain('<summary>Hint</summary>');
    expect(hastToHtml(first('# T\n\n#### 1) Q?\n\n<details>\n\nLook.\n\n</details>\n').answerTree)).toContain('<details>');
  });

  it('an image alone is an answer; blank paragraphs and an id comment are not', () => {
    expect(first('# T\n\n#### 1) Q?\n![x](local.png)\n').hasAnswer).toBe(true);
    expect(first('# T\n\n#### 1) Q?\n<!-- id: q-one -->\n').hasAnswer).toBe(false);
    expect(first('# T\n\n#### 1) Q?\n<!-- other comment -->\n').hasAnswer).toBe(false);
  });

  it('the id comes from a comment in the heading or first in the answer, else from the title', () => {
    expect(first('# T\n\n#### 1) Q? <!-- id: in-heading -->\nA.\n').id).toBe('in-heading');
    expect(first('# T\n\n#### 1) Q?\n\n<!-- id: below -->\n\nA.\n').id).toBe('below');
    expect(first('# T\n\n#### 1) Q?\n\nA.\n\n<!-- id: later -->\n').id).toBe('q');
  });

  it('the title loses its number and the spaces at its edges, and keeps what follows an anchor', () => {
    expect(first('# T\n\n#### 12)   Spaced?  \nA.\n').title).toBe('Spaced?');
    expect(first('# T\n\n#### <a name="x"></a>1) Anchored?\nA.\n').title).toBe('Anchored?');
    expect(first('# T\n\n#### 1) *Emphasis* first?\nA.\n').title).toBe('Emphasis first?');
    expect(first('# T\n\n#### 1)\nA.\n\n#### 2) B?\n').title).toBe('');
    expect(first('# T\n\n#### 1) **Bold**\nA.\n').title).toBe('Bold');
  });

  it('the answer\'s Markdown is its text as written, from its first node to its last; "" without an answer', () => {
    expect(first('# T\n\n#### 1) Q?\nA *b*.\n\n- x\n-  y\n\nEnd.\n\n#### 2) R?\n').answerMarkdown).toBe('A *b*.\n\n- x\n-  y\n\nEnd.');
    expect(first('# T\n\n#### 1) Q?\n\n#### 2) R?\n').answerMarkdown).toBe('');
  });

  it('in a list bank, an item without a question heading is part of the answer before it, and no more', () => {
    const b = bank('# T\n\n1. ### A?\n\n   x\n\n2. Plain item\n\n3. ### B?\n\n   y\n');
    expect(b.questions.map((q) => q.answerMarkdown)).toEqual(['x\n\n2. Plain item', 'y']);
  });

  it('a question has its place, depth and number', () => {
    expect(first('# T\n\nx\n\n#### 4) Q?\nA.\n')).toMatchObject({ file: 'b.md', line: 5, column: 1, depth: 4, number: 4 });
  });
});

describe('headings that look like questions', () => {
  it('in a heading bank: numbered otherwise, at the question depth or one above, never deeper', () => {
    const text = '# T\n\n#### 1) A?\nx\n\n#### 2 What is B?\ny\n\n### Q3 What is C?\nz\n\n##### 4 Step\nw\n\n## 5 Part\n';
    expect(loose(text)).toEqual([
      [6, '#### 2) What is B?'],
      [9, '#### 3) What is C?'],
    ]);
  });

  it('in a heading bank with a Q form, the hint writes the Q form', () => {
    expect(loose('# T\n\n### Q1: A?\nx\n\n### 2 What is B?\ny\n')).toEqual([[6, '### Q2: What is B?']]);
  });

  it('in a list bank: any heading from `##` that is numbered or asks; the hint is a list item', () => {
    const text = '# T\n\n## Topic\n\n1. ### A?\n2. ### B?\n\n### 3) What is C?\n\n### What is D?\n\n## Notes\n\n# 4) Title-like?\n';
    expect(loose(text)).toEqual([
      [8, '3. ### What is C?'],
      [10, '1. ### What is D?'],
    ]);
  });

  it('in a bold bank: any heading from `##` that is numbered or asks; the hint is bold', () => {
    expect(loose('# T\n\n**What is A?**\n\nx\n\n**What is A2?**\n\n## What is B?\n\ny\n\n## Q3: What is C\n\n## Part\n')).toEqual([
      [9, '**What is B?**'],
      [13, '**What is C**'],
    ]);
    expect(loose('# T\n\n**1. What is A**\n\nx\n\n**2. What is B**\n\n## 3) What is C?\n')).toEqual([[9, '**3. What is C?**']]);
  });

  it('a bold paragraph numbered on from the question before it, in a heading bank', () => {
    const text = '# T\n\n#### 1) A?\nx\n\n**2) What is B?**\ny\n\n#### 3) C?\n\n**1) Why earlier?**\n\n**Note**\n\n#### 4) D?\n';
    expect(loose(text)).toEqual([[6, '#### 2) What is B?']]);
    expect(bank(text).questions[0]!.answerText).toContain('What is B?');
    // One that does not ask is a sub-head of the answer (`**2. One-to-Many:**`); one opening with a question word asks without "?".
    const subHeads = '# T\n\n## Q1. What kinds are there?\n\n**1. One-to-One:**\n\nx\n\n**2. One-to-Many, which is common:**\n\ny\n\n**3 Explain many-to-many**\n\nz\n\n## Q2. What is a join?\n\nw\n';
    expect(loose(subHeads)).toEqual([[13, '## Q3. Explain many-to-many']]);
    expect(bank(subHeads).questions[0]!.answerText).toContain('One-to-Many, which is common:');
  });

  it('a bold paragraph that does not ask, in a bold bank: the hint puts the "?" before trailing emoji', () => {
    expect(loose('# T\n\n**What is A?**\n\nx\n\n**Trade-off ⭐️**\n\n**Trade-off 2** and text\n')).toEqual([
      [7, 'If it is a question, write it as "**Trade-off? ⭐️**"; if not, add to it what is not bold.'],
    ]);
  });

  it('a table of contents is navigation: its headings and what follows are no question and no section', () => {
    const b = bank('# T\n\nIntro.\n\n## Contents\n\n- [A](#a)\n\n### 1) A?\nx\n');
    expect(b.sections).toEqual([]);
    expect(b.questions.map((q) => [q.title, q.section, q.answerText])).toEqual([['A?', null, 'x']]);
    expect(hastToHtml(b.frontMatterTree)).toBe('<p>Intro.</p>');
  });
});

describe('what is not an answer, or not a question (as real lists write them)', () => {
  const answerOf = (body: string) => first(`# T\n\n#### 1) Q?\n\n${body}\n\n#### 2) R?\nB.\n`);

  it.each(['Answer here', 'Answer:', '**Answer:**', 'Answers', 'answer goes here.', 'TODO', 'todo!', 'TBD', 'TBA', 'WIP', 'Work in progress...', 'Coming soon', 'Answer coming soon!', 'Answer to come', 'To be added', 'to be written', 'To be done.', 'To be continued…'])(
    'a placeholder "%s" is no answer',
    (placeholder) => {
      const q = answerOf(`${placeholder}\n\n<br/>`);
      expect([q.hasAnswer, q.answerText]).toEqual([false, '']);
    },
  );

  it('a label "Answer:" above the answer is no part of it; a paragraph that says more is the answer', () => {
    expect(answerOf('Answer:\n\nThe answer.').answerText).toBe('The answer.');
    for (const text of ['Answer: yes.', 'Answer here is no', 'TODO: write the tests first', 'Coming soon to a theatre', 'To be or not to be']) expect(answerOf(text).answerText).toBe(text);
  });

  it('a <details> with nothing but its summary holds no answer, whatever its summary; one with an image does', () => {
    for (const summary of ['Answer', 'Click to expand', '']) {
      const q = answerOf(`<details><summary>${summary}</summary>\n\n</details>`);
      expect([q.hasAnswer, hastToHtml(q.answerTree)]).toEqual([false, '']);
    }
    expect(answerOf('<details><summary>Answer</summary>\n\nAnswer here\n\n</details>').hasAnswer).toBe(false);
    expect(answerOf('<details><summary>Answer</summary>\n\n![x](local.png)\n\n</details>').hasAnswer).toBe(true);
    expect(hastToHtml(answerOf('<details><summary>Hint</summary><img src="local.png"></details>').answerTree)).toContain('<summary>Hint</summary>');
  });

  it('a back-to-top link indented into code after an answer at the margin is navigation (so in any code block without language); other code stays', () => {
    const answer = (code: string) => first(`# T\n\n1. ### Q?\n\nA.\n\n    ${code}\n\n2. ### R?\n`).answerText;
    expect(answer('**[⬆ Back to Top](#table-of-contents)**')).toBe('A.');
    expect(answer('[Back to top](https://elsewhere.example)')).toBe('A.\n\n[Back to top](https://elsewhere.example)');
    expect(answer('let top = [1](#x)')).toBe('A.\n\nlet top = [1](#x)');
    expect(first('# T\n\n1. ### Q?\n\n```\n[Back to top](#top)\n```\n\n```md\n[Back to top](#top)\n```\n').answerText).toBe('[Back to top](#top)');
  });

  it('a GitHub math image is the formula it carries, at its place; other images stay images', () => {
    const q = answerOf('So <img src="https://render.githubusercontent.com/render/math?math=\\beta = (X^{T}X)^{-1}"> and ![m](https://render.githubusercontent.com/render/math?math=x_{i%2B1}%20-%20x_i), not ![p](https://render.githubusercontent.com/render/other?math=y) <img src="https://render.githubusercontent.com/render/math?math=">.');
    expect(q.answerText).toBe('So $\\beta = (X^{T}X)^{-1}$ and $x_{i+1} - x_i$, not p https://render.githubusercontent.com/render/math?math=.');
    // Raw HTML in an answer leaves its tree without places (hast-util-raw); a Markdown image keeps its own.
    expect(findMath(answerOf('Then ![m](https://render.githubusercontent.com/render/math?math=x).').answerTree)).toEqual([{ tex: 'x', display: false, line: 5, column: 6 }]);
  });

  it('a footer sending the reader elsewhere for the rest is navigation, not the last answer', () => {
    for (const footer of ['#### Explore all 100 answers here 👉 [Site](https://s.example)', '### More questions at [Site](https://s.example)', '##### See the rest of the answers on the site']) {
      const b = bank(`# T\n\n## 1. Q?\nA.\n\n${footer}\n\n<a href="https://s.example"><img src="https://s.example/banner.png"></a>\n`);
      expect([b.questions[0]!.answerText, b.questions[0]!.answerMarkdown]).toEqual(['A.', 'A.']);
    }
    expect(bank('# T\n\n## 1. Q?\nA.\n\n#### All answers are here\n').questions[0]!.answerText).toBe('A.\n\nAll answers are here');
  });

  it('a title whose number counts the list is no malformed question, at depth 1 or as the only `##` heading', () => {
    expect(loose('# 100 Must-Know Data Scientist Interview Questions\n\n## 1. What is A?\nx\n\n## 2. What is B?\ny\n')).toEqual([]);
    expect(loose('## 12 Probability Questions\n\n### 1) What is A?\nx\n\n### 2) What is B?\ny\n')).toEqual([]);
    expect(loose('# T\n\n### 1) What is A?\nx\n\n### 2) What is B?\ny\n\n## 12 Probability Questions\n')).toEqual([[9, '### 12) Probability Questions']]);
    expect(loose('# T\n\n**What is A?**\n\nx\n\n**What is A2?**\n\n# What is B?\n\ny\n\n## What is C?\n')).toEqual([[13, '**What is C?**']]);
  });
});

describe('sections', () => {
  it('a topic heading that no question follows is no section, and ends the section before', () => {
    const b = bank('# T\n\n## One\n\n### 1) A?\nx\n\n## Empty\n\ntext\n\n## Two\n\n### 2) B?\n');
    expect(b.sections.map((s) => [s.id, s.title, s.line])).toEqual([
      ['one', 'One', 3],
      ['two', 'Two', 12],
    ]);
    expect(b.questions.map((q) => q.section)).toEqual(['One', 'Two']);
    expect(b.questions[0]!.answerText).toBe('x');
    // Its text is in no answer and no intro: reported (unplaced-content), never dropped without a word.
    expect(b.unplaced.map((u) => [u.line, u.lastLine, u.text])).toEqual([[8, 10, '## Empty']]);
  });

  it('reports no comment or line break as unplaced, nor the back matter after the last question', () => {
    const b = bank('# T\n\n## One\n\n### 1) A?\nx\n\n# Part <b>two</b>\n\n<!-- a -->  <!-- b -->\n\n<br/>\n\n<BR />\n\n<br>\n\n## Two\n\n### 2) B?\n\n# License\n\nMIT.\n');
    // The heading as the bank writes it, its marks kept and its tags left out.
    expect(b.unplaced.map((u) => [u.line, u.lastLine, u.text])).toEqual([[8, 8, '# Part two']]);
  });

  it('reports the text between two folded answers, as its first line shows it', () => {
    const b = bank('# T\n\n<details><summary>1. What is A?</summary>\n\nA.\n\n</details>\n\n<br> Read this\nwith care.\n\n<details><summary>2. What is B?</summary>\n\nB.\n\n</details>\n');
    expect(b.questions.map((q) => q.answerText)).toEqual(['A.', 'B.']);
    expect(b.unplaced.map((u) => [u.line, u.lastLine, u.text])).toEqual([[9, 10, 'Read this']]);
  });

  it('reports unplaced text wherever the bank is cut into pieces, a question in a later piece; not the back matter', () => {
    const text = '# T\n\n## A\n\n**1. What is A?**\n\nA is a.\n\n## B\n\n**2. What is B?**\n\nB is b.\n\n## Key Points\n\nLost?\n\n## C\n\n**3. What is C?**\n\nC is c.\n\n# License\n\nMIT.\n';
    const reading = readingOf(text, 'b.md');
    const pieces = bankPieces(text, reading, 20);
    expect(pieces.map((p) => p.line)).toEqual([1, 9, 15, 19, 25]);
    const b = finishBank(pieces.map((piece) => parseBankPart('b.md', piece, reading)), reading);
    expect(b.unplaced.map((u) => [u.line, u.lastLine, u.text])).toEqual([[15, 17, '## Key Points']]);
    expect(b.sections.map((s) => s.title)).toEqual(['A', 'B', 'C']);
  });

  it('reports no rule or back-to-top link between folded answers, and takes none into an answer; an intro of a line break is none', () => {
    const fold = (n: number) => `<details><summary>${n}. What is ${n}?</summary>\n\nIt is ${n}.\n\n</details>\n\n`;
    const b = bank(`# T\n\n## S\n\n<br>\n\n${fold(1)}---\n\n${fold(2)}<p align="right"><a href="#top">⬆ Back to top</a></p>\n\n${fold(3)}* * *\n\n${fold(4)}`);
    expect(b.questions.map((q) => q.answerText)).toEqual(['It is 1.', 'It is 2.', 'It is 3.', 'It is 4.']);
    expect(b.unplaced).toEqual([]);
    expect(b.sections.map((s) => hastToHtml(s.introTree))).toEqual(['']);
    expect(hastToHtml(bank('# T\n\n## S\n\n<br>\n\nThe schema.\n\n### 1) A?\nx\n').sections[0]!.introTree)).toBe('<br>\n<p>The schema.</p>');
  });

  it('reports the items of a list before its question as unplaced, the list holding the last question', () => {
    const b = bank('# Bank\n\n- ### What is A?\n\n  Answer A.\n\n# Notes\n\n- Remember the note.\n- ### What is B?\n\n  Answer B.\n');
    expect(b.unplaced.map((u) => [u.line, u.lastLine, u.text])).toEqual([[7, 9, '# Notes']]);
  });

  it("takes the items of a list before its first question into the topic's intro", () => {
    const b = bank('# T\n\n## One\n\n- [E] What is A?\n\n## Two\n\n- Read this first.\n- [E] What is B?\n');
    expect(b.sections.map((s) => [s.title, hastToHtml(s.introTree)])).toEqual([
      ['One', ''],
      ['Two', '<ul>\n<li>Read this first.</li>\n</ul>'],
    ]);
  });

  it("what stands under a topic's heading before its first question is the topic's intro, its links kept", () => {
    const b = bank(
      '# T\n\nFront.\n\n## SQL\n\nThe schema: [Ads](https://ads).\n\n#### Tables\n\n- Ads(id)\n\n**[⬆ Back to Top](#top)**\n\nAnswer here\n\n### 1) A?\nx\n\n## Two\n\n### 2) B?\ny\n\nlater\n\n## Three\n\n[⬆ Back to Top](#top)\n\n### 3) C?\n',
    );
    // Back-to-top links and placeholders are no more an intro than an answer; a section may have none.
    expect(b.sections.map((s) => [s.title, hastToHtml(s.introTree)])).toEqual([
      ['SQL', '<p>The schema: <a href="https://ads">Ads</a>.</p>\n<h4>Tables</h4>\n<ul>\n<li>Ads(id)</li>\n</ul>'],
      ['Two', ''],
      ['Three', ''],
    ]);
    // Only what comes before the first question: text after it is that question's answer.
    expect(b.questions.map((q) => q.answerText)).toEqual(['x', 'y\n\nlater', '']);
    expect(hastToHtml(b.frontMatterTree)).toBe('<p>Front.</p>');
    expect(b.otherLinks.map((l) => [l.url, l.line])).toContainEqual(['https://ads', 7]);
  });

  it('a topic closed by a shallower heading takes nothing after it as its intro', () => {
    const b = bank('# T\n\n## S\n\nIntro.\n\n### 1) A?\nx\n\n# Part two\n\nBack matter.\n\n## U\n\n### 2) B?\n');
    expect(b.sections.map((s) => [s.title, hastToHtml(s.introTree)])).toEqual([
      ['S', '<p>Intro.</p>'],
      ['U', ''],
    ]);
    expect(b.unplaced.map((u) => [u.line, u.lastLine, u.text])).toEqual([[10, 12, '# Part two']]);
  });

  it('sections get unique ids, "section" where the title has no letters', () => {
    const b = bank('# T\n\n## Basics\n\n### 1) A?\n\n## Basics\n\n### 2) B?\n\n## ???\n\n### 3) C?\n');
    expect(b.sections.map((s) => s.id)).toEqual(['basics', 'basics-2', 'section']);
  });
});

describe('numbering', () => {
  const numbered = (...sections: number[][]) => `# T\n\n${sections.map((ns, s) => `## S${s}\n\n${ns.map((n) => `### ${n}) Q${s}-${n}?\nA.\n\n`).join('')}`).join('')}`;
  const numberingOf = (text: string) => [bank(text).numbering, bank(text).explanation.at(-1)];

  it('per section where numbers start again at 1 in at least half of the later sections', () => {
    expect(numberingOf(numbered([1, 2], [1, 2], [3, 4]))).toEqual(['section', 'numbering: section (numbers start again at 1 in 1 of 2 later sections)']);
    expect(numberingOf(numbered([1, 2], [3], [4], [1]))).toEqual(['book', 'numbering: book (numbers run on from section to section)']);
    expect(numberingOf(numbered([1, 2]))).toEqual(['book', 'numbering: book (numbers run through the bank)']);
    expect(numberingOf(numbered([1], [1]))).toEqual(['section', 'numbering: section (numbers start again at 1 in 1 of 1 later sections)']);
  });

  it('a bank with an unnumbered question is numbered none, even where a later section starts at 1', () => {
    expect(bank('# T\n\n## S\n\n- ### A?\n\n## U\n\n1. ### B?\n').numbering).toBe('none');
  });

  it('unnumbered questions are numbered in reading order, and the numbering is none', () => {
    const b = bank('# T\n\n### What is A?\n\n### What is B?\n');
    expect(b.questions.map((q) => q.number)).toEqual([1, 2]);
    expect(b.explanation.at(-1)).toBe('numbering: none (the questions are not numbered)');
  });

  it('mlq.yaml\'s numbering is kept and said', () => {
    const b = bank(numbered([1, 2], [1, 2]), { numbering: 'book' });
    expect([b.numbering, b.explanation.at(-1)]).toEqual(['book', 'numbering: book, set in mlq.yaml']);
  });
});

describe('a bank read in parts', () => {
  const text = '# T\n\nIntro [i](https://i).\n\n## S\n\n### 1) A?\nx\n\n### 2) B?\ny [bad](javascript:z)\n\n## U\n\n### 3) C?\nw [l](https://l)\n';
  const at = (line: number) => text.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  // Read inside each test, never while the tests are collected (a mutant run then runs only the tests that read it).
  const part = (from: number, to?: number) => parseBankPart('b.md', { text: text.slice(at(from), to ? at(to) : undefined), line: from, offset: at(from) }, readingOf(text, 'b.md'));

  it('a later part continues the section of the part before, until its own first topic', () => {
    const merged = mergeBankParts([part(1, 10), part(10)]);
    expect(merged.questions.map((q) => [q.number, q.section, q.line])).toEqual([
      [1, 'S', 7],
      [2, 'S', 10],
      [3, 'U', 15],
    ]);
    expect(merged.sections.map((s) => [s.id, s.title])).toEqual([
      ['s', 'S'],
      ['u', 'U'],
    ]);
    expect(merged.otherLinks.map((l) => l.url)).toEqual(['https://i']);
    expect(merged.unsafeLinks.map((l) => l.url)).toEqual(['javascript:z']);
    expect(merged.title).toBe('T');
    // A later part's answers are cut from its own text, whose offsets count from the start of the file.
    expect(merged.questions.map((q) => q.answerMarkdown)).toEqual(['x', 'y [bad](javascript:z)', 'w [l](https://l)']);
  });

  it('counts the questions of a part before its first topic heading', () => {
    expect(part(10).leadingQuestions).toBe(1);
    expect(part(1).leadingQuestions).toBe(0);
    expect(parseBankPart('b.md', { text: '### 1) A?\n', line: 1, offset: 0 }, readingOf('### 1) A?\n', 'b.md')).leadingQuestions).toBe(1);
  });

  it('does not change the parts it merges', () => {
    const parts = [part(1, 10), part(10)] as const;
    mergeBankParts([...parts]);
    expect(parts[0].bank.questions).toHaveLength(1);
    expect(parts[0].bank.sections).toHaveLength(1);
  });

  it('a question line of the scan that the tree did not read is reported at its line with the layout\'s hint', () => {
    const broken = '# T\n\n#### 1) A?\n\n```\n#### 2) In code?\n\n#### 3) B?\n';
    const r = readingOf(broken, 'b.md');
    const b = finishBank([parseBankPart('b.md', { text: broken, line: 1, offset: 0 }, r)], r);
    expect(b.looseHeadings).toEqual([]);
    const fake = { ...r, questionLines: [...r.questionLines, { line: 99, text: 'Lost?' }] };
    expect(finishBank([parseBankPart('b.md', { text: broken, line: 1, offset: 0 }, fake)], fake).looseHeadings).toEqual([
      { file: 'b.md', line: 99, column: 1, text: 'Lost?', depth: 4, hint: 'Check the Markdown just before it: an unclosed code fence, HTML block or list takes the heading in.' },
    ]);
    const bold = readingOf('# T\n\n**A?**\n', 'b.md');
    const lost = { ...bold, questionLines: [{ line: 99, text: 'Lost?' }] };
    expect(finishBank([parseBankPart('b.md', { text: '# T\n\n**A?**\n', line: 1, offset: 0 }, lost)], lost).looseHeadings.at(-1)).toMatchObject({ depth: 0, hint: expect.stringContaining('takes the paragraph in') });
  });

  it('pieces: a bank under 1.5 pieces is one piece; a larger one is cut only between question headings', () => {
    // PIECE_CHARS is 8 KB: 13 KB is two pieces.
    const q = (n: number) => `### ${n}) Question ${n}?\n${'Answer text. '.repeat(40)}\n\n`;
    const big = `# T\n\nIntro.\n\n${Array.from({ length: 25 }, (_, i) => q(i + 1)).join('')}`;
    const pieces = bankPieces(big);
    expect(pieces.length).toBe(2);
    expect(pieces.map((p) => p.text).join('')).toBe(big);
    for (const p of pieces.slice(1)) expect(p.text).toMatch(/^### \d+\) Question/);
    expect(parseBank({ file: 'b.md', text: big }).questions.map((x) => x.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('pieces: a list bank is cut before a topic heading, and inside a list before a question item that follows one', () => {
    const item = (n: number) => `${n}. ### Question ${n}?\n\n   ${'Answer text. '.repeat(40)}\n\n`;
    const big = `# T\n\n${Array.from({ length: 4 }, (_, s) => `## Topic ${s}\n\n${Array.from({ length: 8 }, (_, i) => item(s * 8 + i + 1)).join('')}`).join('')}`;
    const pieces = bankPieces(big, readingOf(big, 'b.md'));
    // PIECE_CHARS is 8 KB: the 17 KB are cut once, before the 16th item (after a blank line, in order).
    expect(pieces.map((p) => p.text.split('\n')[0])).toEqual(['# T', '16. ### Question 16?']);
    expect(pieces.map((p) => [p.opensInList, p.endsInList])).toEqual([
      [undefined, true],
      [true, undefined],
    ]);
    const b = parseBank({ file: 'b.md', text: big });
    expect(b.questions.map((x) => x.number)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(b.questions.map((x) => x.section)).toEqual(Array.from({ length: 32 }, (_, i) => `Topic ${Math.floor(i / 8)}`));
  });
});

describe('a list cut inside it', () => {
  const reading = (text: string) => readingOf(text, 'b.md');
  /** The bank read in pieces of `chars` (as small as the test needs), and the items each piece opens with. */
  const inPieces = (text: string, chars = 1) => {
    const pieces = bankPieces(text, reading(text), chars);
    return { starts: pieces.slice(1).map((p) => p.text.split('\n')[0]), bank: finishBank(pieces.map((p) => parseBankPart('b.md', p, reading(text))), reading(text)) };
  };
  const whole = (text: string) => finishBank(bankPieces(text, reading(text), Infinity).map((p) => parseBankPart('b.md', p, reading(text))), reading(text));

  it('is cut before a question item after a blank line, whose number follows the question item before it', () => {
    const text = '# T\n\n1. ### A?\n   a\n2. ### B?\n   b\n\n3. ### C?\n   c\n\n5. ### E?\n   e\n\n6. ### F?\n   f\n\n## Topic\n\n1. ### G?\n\n2. ### H?\n';
    const { starts, bank } = inPieces(text);
    // Not before B (no blank line), nor E (4 is missing), nor F (after E, out of order); after the heading again.
    expect(starts).toEqual(['3. ### C?', '## Topic', '2. ### H?']);
    expect(bank.questions.map((q) => [q.number, q.title])).toEqual([[1, 'A?'], [2, 'B?'], [3, 'C?'], [4, 'E?'], [5, 'F?'], [1, 'G?'], [2, 'H?']]);
    expect(JSON.stringify(bank)).toBe(JSON.stringify(whole(text)));
  });

  it('is cut in a list that no heading comes before', () => {
    expect(inPieces('1. ### A?\n\n2. ### B?\n').starts).toEqual(['2. ### B?']);
  });

  it('is not cut before an item that is no question, nor before a question after one, nor before a nested item', () => {
    // A bullet item after an ordered one starts a list of its own: the cut before it changes nothing.
    const text = '# T\n\n1. ### A?\n\n2. Plain\n\n3. ### C?\n\n4. ### D?\n\n- ### E?\n\n- ### F?\n\n  1. ### G?\n\n  2. ### H?\n';
    expect(inPieces(text).starts).toEqual(['4. ### D?', '- ### E?', '- ### F?']);
    expect(JSON.stringify(inPieces(text).bank)).toBe(JSON.stringify(whole(text)));
  });

  it('keeps the whole list loose on both sides of the cut, as GitHub reads it', () => {
    // The blank line before C makes the list loose: its plain items are paragraphs, in the pieces too.
    const text = '# T\n\n1. ### A?\n   a\n2. Plain one\n3. ### B?\n   b\n\n4. ### C?\n   c\n5. Plain two\n';
    const { starts, bank } = inPieces(text);
    expect(starts).toEqual(['4. ### C?']);
    expect(bank.questions.map((q) => hastToHtml(q.answerTree))).toEqual([expect.stringContaining('<p>Plain one</p>'), expect.any(String), expect.stringContaining('<p>Plain two</p>')]);
    expect(JSON.stringify(bank)).toBe(JSON.stringify(whole(text)));
  });

  it('is never cut where the bank has a link definition', () => {
    const text = '# T\n\n1. ### A?\n\n2. ### B?\n\n3. ### C? [src][s]\n\n[s]: https://s.example\n';
    expect(inPieces(text).starts).toEqual([]);
  });
});

describe('a bank in several forms', () => {
  const list = '1. ### A?\n\n   a\n\n2. ### B?\n\n   b\n\n3. ### C?\n\n   c\n\n';
  const exercises = '#### 1. X?\n\nx\n\n#### 2. Y?\n\ny\n\n#### 3. Z?\n\nz\n';

  it('is cut where each form starts, each piece marked with its form and placed by line and offset', () => {
    const text = `# T\n\n${list}## Exercises\n\n${exercises}`;
    const pieces = bankPieces(text, readingOf(text, 'b.md'));
    expect(pieces.map(({ line, offset, form }) => ({ line, offset, form }))).toEqual([
      { line: 1, offset: 0, form: undefined },
      { line: 15, offset: text.indexOf('## Exercises'), form: 1 },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces[1]!.text.startsWith('## Exercises\n')).toBe(true);
  });

  it('cuts a large later form between its own question headings, its lines counted from the file\'s start', () => {
    const q = (n: number) => `#### ${n}. Exercise ${n}?\n\n${'Answer text. '.repeat(40)}\n\n`;
    const text = `# T\n\n${list}## Exercises\n\n${Array.from({ length: 25 }, (_, i) => q(i + 1)).join('')}`;
    const pieces = bankPieces(text, readingOf(text, 'b.md'));
    expect(pieces.length).toBe(3);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const p of pieces.slice(1)) {
      expect(p.form).toBe(1);
      expect(text.slice(p.offset, p.offset + p.text.length)).toBe(p.text);
      expect(text.split('\n')[p.line - 1]).toBe(p.text.split('\n')[0]);
    }
    expect(pieces[2]!.text).toMatch(/^#### \d+\. Exercise/);
    const b = parseBank({ file: 'b.md', text });
    expect(b.questions.map((x) => x.number)).toEqual([1, 2, 3, ...Array.from({ length: 25 }, (_, i) => i + 1)]);
    expect(b.looseHeadings).toEqual([]);
  });

  it('reports a later form\'s question line the tree did not read, at its line, with that form\'s depth', () => {
    const text = `# T\n\n${list}## Exercises\n\n${exercises}`;
    const r = readingOf(text, 'b.md');
    const tail = r.forms![0]!.reading;
    const lost = { ...r, forms: [{ line: 15, reading: { ...tail, questionLines: [...tail.questionLines, { line: 99, text: 'Lost?' }] } }] };
    expect(finishBank(bankPieces(text, lost).map((p) => parseBankPart('b.md', p, lost)), lost).looseHeadings).toEqual([
      { file: 'b.md', line: 99, column: 1, text: 'Lost?', depth: 4, hint: 'Check the Markdown just before it: an unclosed code fence, HTML block or list takes the heading in.' },
    ]);
  });
});

describe('headings folded in <details>', () => {
  it('belong to the answer: they end no question and open no topic, until the element closes', () => {
    const text = '# T\n\n## Topic\n\n### 1) A?\n\n<details><summary>Answer</summary>\n\n## Inside\n\n#### Answer: A\n\nIt runs.\n\n</details>\n\n### 2) B?\n\n<details>\n<details>\n</details>\n\n## Still inside\n\n</details>\n\n## After\n\n### 3) C?\n\nc\n';
    const b = parseBank({ file: 'b.md', text });
    expect(b.questions.map((q) => [q.number, q.section])).toEqual([
      [1, 'Topic'],
      [2, 'Topic'],
      [3, 'After'],
    ]);
    expect(b.questions[0]!.answerText).toContain('Inside');
    expect(b.questions[0]!.answerText).toContain('It runs.');
    expect(b.questions[1]!.answerText).toContain('Still inside');
    expect(b.sections.map((x) => x.title)).toEqual(['Topic', 'After']);
  });

  it('a stray closing tag opens nothing: headings after it are read as ever', () => {
    const b = parseBank({ file: 'b.md', text: '# T\n\n### 1) A?\n\n</details>\n\n</details>\n\n## Topic\n\n### 2) B?\n\nb\n' });
    expect(b.questions.map((q) => [q.number, q.section])).toEqual([
      [1, null],
      [2, 'Topic'],
    ]);
  });
});

describe('a book', () => {
  it('makes ids unique across its banks', () => {
    const book = parseBook({ meta: META, sources: [{ file: 'a.md', text: '# A\n\n### 1) Same?\nx\n' }, { file: 'b.md', text: '# B\n\n### 1) Same?\ny\n' }] });
    expect(book.banks.flatMap((b) => b.questions.map((q) => [q.file, q.id, q.baseId]))).toEqual([
      ['a.md', 'same', 'same'],
      ['b.md', 'same-2', 'same'],
    ]);
  });
});

describe('reference links and labels', () => {
  it('reference-style links and images become plain ones; an undefined reference stays text', () => {
    const q = first('# T\n\n#### 1) What is [bias][b]? [[src]][s]\nSee ![chart][c] and [missing][m].\n\n[b]: https://b.example\n[s]: https://s.example "Source"\n[c]: chart.png\n');
    expect(q.links.map((l) => [l.label, l.url])).toEqual([['bias', 'https://b.example']]);
    expect(q.sources.map((l) => l.url)).toEqual(['https://s.example']);
    expect(hastToHtml(q.titleTree)).toBe('What is <a href="https://b.example">bias</a>?');
    expect(hastToHtml(q.answerTree)).toBe('<p>See <img src="chart.png" alt="chart"> and [missing][m].</p>');
  });

  it('labels are read without their brackets and spaces, words kept apart', () => {
    const q = first('# T\n\n#### 1) Q?\n[[ src ]](https://a) [ref erence](https://b) [[ Answer ]](https://c)\n');
    expect([q.sources.map((l) => l.url), q.links.map((l) => l.url), q.answerLinks.map((l) => l.url)]).toEqual([['https://a'], ['https://b'], ['https://c']]);
  });

  it('a question heading closed by hashes is a question line where the bank is cut into pieces', () => {
    const q = (n: number) => `### ${n}) Question ${n}? ###\n${'Answer text. '.repeat(40)}\n\n`;
    const big = `# T\n\n${Array.from({ length: 25 }, (_, i) => q(i + 1)).join('')}`;
    expect(bankPieces(big).length).toBe(2);
  });
});

describe('titles and hints, stated', () => {
  it('a title keeps no HTML and one space between words; a list question keeps a number written in its heading', () => {
    expect(first('# T\n\n#### 1) What <kbd>is</kbd>  it?\nA.\n').title).toBe('What is it?');
    expect(first('# T\n\n1. ### 2) Why?\n').title).toBe('2) Why?');
  });

  it('double spaces in a claimed count and a back-to-top link', () => {
    expect(bank('# 10  questions\n\n#### 1) Q?\nA.\n').claimedCount).toBe(10);
    expect(first('# T\n\n#### 1) Q?\nA.\n\n[Back  to  the  top](#top)\n').answerText).toBe('A.');
  });

  it('the list layout\'s hint for a question line the tree did not read', () => {
    const text = '# T\n\n1. ### A?\n';
    const r = readingOf(text, 'b.md');
    const lost = { ...r, questionLines: [...r.questionLines, { line: 99, text: 'Lost?' }] };
    expect(finishBank([parseBankPart('b.md', { text, line: 1, offset: 0 }, lost)], lost).looseHeadings).toEqual([
      { file: 'b.md', line: 99, column: 1, text: 'Lost?', depth: 3, hint: expect.stringContaining('an unclosed code fence or HTML block takes the item in') },
    ]);
  });
});

describe('boundaries the mutation test found unstated', () => {
  const html = (tree: Parameters<typeof hastToHtml>[0]) => hastToHtml(tree);

  it('links: http: is safe as https:, a URL is read without its spaces; a label keeps inner brackets and loses outer ones and spaces', () => {
    const q = first('# T\n\n#### 1) Q?\n[h](http://h.example) [k](< https://k.example>) [a [b] c](https://x) [[ Source ]](https://s) [[[src]]](https://t)\n');
    expect(q.links.map((l) => l.label)).toEqual(['h', 'k', 'a [b] c']);
    expect(q.sources.map((l) => [l.label, l.line, l.column])).toEqual([
      ['Source', 4, 70],
      ['[src]', 4, 94],
    ]);
  });

  it('source and answer links leave the body too; brackets next to them go, others stay', () => {
    expect(first('# T\n\n#### 1) Q?\nSee [x](https://x) [[Answer]](https://u)\n').answerText).toBe('See x');
    expect(first('# T\n\n#### 1) ]x [[src](https://s)]\n').title).toBe(']x');
    expect(first('# T\n\n#### 1) What [x] is [[src](https://s)]\n').title).toBe('What [x] is');
    expect(first('# T\n\n#### 1) What [src](https://s) is [y]?\n').title).toBe('What is [y]?');
    expect(html(first('# T\n\n#### 1) What [src](https://s) *is*] it?\n').titleTree)).toBe('What  <em>is</em>] it?');
    // The brackets around a removed link leave no empty text behind, and no space at the title's edges.
    expect(first('# T\n\n#### 1) *What*[[src](https://s)]\n').titleTree.children).toHaveLength(1);
    expect(html(first('# T\n\n#### 1) [[src](https://s)] What?\n').titleTree)).toBe('What?');
    expect(first('# T\n\n#### 1) What? <a name="x"></a>\n').title).toBe('What?');
  });

  it('a code block that holds an id comment is an answer, and gives no id', () => {
    expect(first('# T\n\n#### 1) Q?\n\n    <!-- id: in-code -->\n')).toMatchObject({ id: 'q', hasAnswer: true, answerText: '<!-- id: in-code -->' });
  });

  it('blank paragraphs (a space, a line break) are no answer; an image without alt text is, a rule is not', () => {
    for (const blank of ['&#32;', '&#32;\\\n&#32;']) expect(first(`# T\n\n#### 1) Q?\n\n${blank}\n`)).toMatchObject({ hasAnswer: false, answerText: '', answerTree: { children: [] } });
    expect(first('# T\n\n#### 1) Q?\n\n![](local.png)\n')).toMatchObject({ hasAnswer: true, answerText: '' });
    expect(first('# T\n\n#### 1) Q?\n\n---\n').hasAnswer).toBe(false);
  });

  it('a reference resolves wherever its definition is, for an image too', () => {
    expect(bank('# T\n\n#### 1) Q?\n![chart][c]\n\n#### 2) R?\nx\n\n[c]: chart.png\n').questions.map((q) => html(q.answerTree))).toEqual(['<p><img src="chart.png" alt="chart"></p>', '<p>x</p>']);
  });

  it('back to top: symbols and punctuation may follow it, words may not; only a paragraph is navigation', () => {
    const answer = (line: string) => first(`# T\n\n#### 1) Q?\nA.\n\n${line}\n`).answerText;
    expect(answer('[Back to top ↑](#top)')).toBe('A.');
    expect(answer('[Back to top.](#top)')).toBe('A.');
    expect(answer('[Back to top of page](#top)')).toBe('A.\n\nBack to top of page');
    expect(answer('- [Back to top](#top)')).toBe('A.\n\n- Back to top');
  });

  it.each(['Click  here for the answer', 'Click here  for the answer', 'See the  answer', 'Answer  :'])('a <details> whose summary is "%s" is the answer itself', (summary) => {
    expect(html(first(`# T\n\n#### 1) Q?\n\n<details><summary>${summary}</summary>\n\nThe answer.\n\n</details>\n`).answerTree).trim()).toBe('<p>The answer.</p>');
  });

  it.each(['My answer', 'MyAnswer', 'Answer hidden', 'Answer!!'])('a <details> whose summary is "%s" stays', (summary) => {
    expect(html(first(`# T\n\n#### 1) Q?\n\n<details><summary>${summary}</summary>\n\nThe answer.\n\n</details>\n`).answerTree)).toContain('<details>');
  });

  it('only a <details> unwraps, and only by its <summary>', () => {
    expect(html(first('# T\n\n#### 1) Q?\n\n<div><summary>Answer</summary>\n\nx\n\n</div>\n').answerTree)).toBe('<div><summary>Answer</summary>\n<p>x</p>\n</div>');
    expect(html(first('# T\n\n#### 1) Q?\n\n<details>\n\nSolution\n\n</details>\n').answerTree)).toBe('<details>\n<p>Solution</p>\n</details>');
  });

  it('a claimed count may have several spaces between its words', () => {
    expect(bank('# 10 hard  questions\n\n#### 1) Q?\nA.\n').claimedCount).toBe(10);
  });

  it('the description and section titles are read without HTML and the spaces it leaves', () => {
    expect(bank('# T\n\nIntro <b>one</b>. <br>\n\n#### 1) Q?\n').description).toBe('Intro one.');
    const b = bank('# T\n\n## Topic <a name="x"></a>\n\n### 1) A?\n');
    expect([b.sections.map((s) => s.title), b.questions[0]!.section]).toEqual([['Topic'], 'Topic']);
  });

  it('the title is the title-depth heading, not a deeper one nearer the first question', () => {
    expect(bank('# T\n\nIntro\n\n##### Aside\n\ntext\n\n#### 1) A?\n').title).toBe('T');
  });

  it('a topic directly followed by a question a depth too high opens no section: that question ends it', () => {
    expect(bank('# T\n\n## Topic\n\n### 1) A?\n\n## Part\n\n## 5) B?\n\n### 2) C?\n\n### 3) D?\n').sections.map((s) => s.title)).toEqual(['Topic']);
  });

  it('`######` topics in a list bank: one that no question follows is no section', () => {
    expect(bank('# T\n\n###### A\n\n1. ### Q?\n\n###### Empty\n\n###### B\n\n2. ### R?\n').sections.map((s) => s.title)).toEqual(['A', 'B']);
  });

  it('a heading below the topic depth ends a list question but not its section', () => {
    expect(bank('# T\n\n## Topic\n\n1. ### A?\n\n### Contents\n\n2. ### B?\n').questions.map((q) => [q.section, q.column])).toEqual([
      ['Topic', 4],
      ['Topic', 4],
    ]);
  });

  it('what a later part holds before its first question is not front matter', () => {
    const text = '# T\n\n## S\n\n### 1) A?\nx\n\n### 2) B?\n';
    expect(parseBankPart('b.md', { text: 'x\n\n### 2) B?\n', line: 6, offset: text.indexOf('x\n') }, readingOf(text, 'b.md')).bank.description).toBe('');
  });

  it("HTML nested too deep is refused at the line of its block: in the front matter, a topic's intro, a title, an answer", () => {
    const deep = `${'<span>'.repeat(300)}x${'</span>'.repeat(300)}`;
    const refusal = (text: string) => () => bank(text);
    expect(refusal(`# T\n\nIntro.\n\n${deep}\n\n#### 1) Q?\nA.\n`)).toThrow(/^b\.md:5: HTML tags, emphasis, quotes or lists nested more than 256 levels deep$/);
    expect(refusal(`# T\n\n## S\n\n${deep}\n\n#### 1) Q?\nA.\n`)).toThrow(/^b\.md:5: HTML tags/);
    expect(refusal(`# T\n\n#### 1) Q? ${deep}\nA.\n`)).toThrow(/^b\.md:3: /);
    expect(refusal(`# T\n\n#### 1) Q?\n\nA.\n\n> ${deep}\n`)).toThrow(/^b\.md:7: /);
  });

  it('a refused bank is not parsed: no title, description or question', () => {
    expect(bank('# B\n\nNothing.\n')).toMatchObject({ title: '', description: '', questions: [], sections: [] });
  });

  it('bold paragraphs inside answers: numbered on in another layout (not the same number), not asking in a bold bank', () => {
    expect(loose('# T\n\n#### 2) A?\nx\n\n**2) What is a step?**\n')).toEqual([]);
    // In a bold bank, a numbered bold line that asks without "?" is a paragraph that does not ask: one finding, not two.
    expect(loose('# T\n\n**What is A?**\n\n**2. How to split data**\n\nx\n').map(([line]) => line)).toEqual([5]);
    expect(loose('# T\n\n**What is A?**\n\n**2) Step**\n\nx\n\n**Trade-off**\nIt balances.\n\n**Other**\\\n&#32;\n')).toEqual([
      [5, 'If it is a question, write it as "**Step?**"; if not, add to it what is not bold.'],
      [12, 'If it is a question, write it as "**Other?**"; if not, add to it what is not bold.'],
    ]);
  });

  it('hints: the number as written (several digits, after Q and spaces, before a dash or colon), none where the text has none', () => {
    expect(loose('# T\n\n#### 1) A?\n\n#### Q 3 What is it?\n\n#### 12 What is B?\n\n#### 2 - What is C?\n\n#### 2:What is D?\n').map(([, hint]) => hint)).toEqual([
      '#### 3) What is it?',
      '#### 12) What is B?',
      '#### 2) What is C?',
      '#### 2) What is D?',
    ]);
    expect(loose('# T\n\n**1. What is A**\n\nx\n\n**2. What is B**\n\ny\n\n**3. What is C**\n\n## What is D?\n\n## B2 or not?\n').map(([, hint]) => hint)).toEqual(['**What is D?**', '**B2 or not?**']);
    expect(loose('# T\n\n1. ### A?\n2. ### B?\n\n### 3) What is C? <a name="c"></a>\n').map(([, hint]) => hint)).toEqual(['3. ### What is C?']);
  });

  it('numbering per section needs restarts in at least half of the later sections; the numbers stay as written', () => {
    const numbered = (...sections: number[][]) => `# T\n\n${sections.map((ns, s) => `## S${s}\n\n${ns.map((n) => `### ${n}) Q${s}-${n}?\nA.\n\n`).join('')}`).join('')}`;
    expect(bank(numbered([1], [1], [1], [2], [3])).numbering).toBe('section');
    expect(bank(numbered([1], [2], [3], [4], [1])).numbering).toBe('book');
    expect(bank(numbered([1, 2], [1, 2])).questions.map((q) => q.number)).toEqual([1, 2, 1, 2]);
  });
});

describe('pieces, where a bank is cut', () => {
  const filler = 'Answer text. '.repeat(40);

  it('a heading bank is cut only before a question heading that follows another question heading', () => {
    // Every question holds a `####` heading but the 13th: the one cut is before the 14th.
    const q = (n: number) => `### ${n}) Question ${n}?\n${filler}\n\n${n === 13 ? '' : `#### Details\n${filler}\n\n`}`;
    const big = `# T\n\n${Array.from({ length: 25 }, (_, i) => q(i + 1)).join('')}`;
    const pieces = bankPieces(big, readingOf(big, 'b.md'));
    expect(pieces.map((p) => p.text.slice(0, 20))).toEqual([big.slice(0, 20), '### 14) Question 14?']);
  });

  it('a bold bank is cut only before a topic heading, never before its first question', () => {
    const topic = (t: number) => `## Topic ${t}\n\n${Array.from({ length: 6 }, (_, i) => `**What is ${t}-${i}?**\n\n${filler}\n\n#### Sub\n\n${filler}\n\n`).join('')}`;
    const big = `# T\n\n## Intro\n\n${filler.repeat(17)}\n\n## About\n\n${filler.repeat(3)}\n\n${Array.from({ length: 3 }, (_, t) => topic(t)).join('')}`;
    const pieces = bankPieces(big, readingOf(big, 'b.md'));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0]!.text).toContain('**What is 0-0?**');
    for (const p of pieces.slice(1)) expect(p.text).toMatch(/^## Topic \d/);
  });
});
