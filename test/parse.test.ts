import { beforeEach, describe, expect, it } from 'vitest';
import type { Bank, Question } from '../src/model.js';
import { hastToHtml, parseMarkdown } from '../src/read/markdown.js';
import { allQuestions } from '../src/model.js';
import { bankPieces, mergeBankParts, parseBank, parseBankPart } from '../src/read/parse.js';
import { multiplyBank } from '../src/bench/banks.js';
import { hasDefinitions } from '../src/read/split.js';
import { bookOf, CORPUS, read, SOURCE } from './support/book.js';

describe('parser on the question bank', () => {
  // Read in each test, not while the tests are collected (see test/layouts.test.ts).
  let bank: Bank;
  let questions: Question[];
  beforeEach(() => {
    bank = bookOf(read(SOURCE)).banks[0]!;
    questions = bank.questions;
  });

  it('finds the 67 questions numbered 1..67 with unique ids', () => {
    expect(questions.map((q) => q.number)).toEqual(Array.from({ length: 67 }, (_, i) => i + 1));
    expect(new Set(questions.map((q) => q.id)).size).toBe(67);
  });

  it('keeps the title, the claimed count, the front matter and its links', () => {
    expect(bank.title).toBe('67 Machine Learning Interview Questions 2025');
    expect(bank.claimedCount).toBe(67);
    expect(bank.description).toMatch(/^A collection of technical interview questions/);
    expect(hastToHtml(bank.frontMatterTree)).toContain('Preparation Resources');
    expect(bank.otherLinks.some((l) => l.url.startsWith('https://www.tryexponent.com/'))).toBe(true);
  });

  it('reads "## Questions" as a topic section and "## Contributions" as back matter', () => {
    expect(bank.sections.map((s) => s.title)).toEqual(['Questions']);
    expect(questions.every((q) => q.section === 'Questions')).toBe(true);
    expect(questions.at(-1)!.answerText).not.toMatch(/Contributions|Fork the repository/);
  });

  it('splits heading links into sources and inline links, body links into sources and answer links', () => {
    const q1 = questions[0]!;
    expect(q1.title).toBe("What's the trade-off between bias and variance?");
    expect(q1.sources.map((s) => s.url)).toEqual([
      'http://houseofbots.com/news-detail/2849-4-data-science-and-machine-learning-interview-questions',
      'https://towardsdatascience.com/understanding-the-bias-variance-tradeoff-165e6942b229',
    ]);
    expect(hastToHtml(q1.answerTree)).not.toContain('[src]');
    const q8 = questions[7]!;
    expect(q8.links.map((l) => l.label)).toEqual(['receptive field']);
    expect(hastToHtml(q8.titleTree)).toContain('<a href="https://www.quora.com/What-is-a-receptive-field-in-a-convolutional-neural-network">receptive field</a>');
    const q10 = questions[9]!;
    expect(q10.answerLinks.map((l) => l.url)).toEqual(['https://www.geeksforgeeks.org/sparse-matrix-representation/']);
    expect(q10.hasAnswer).toBe(false);
    const q15 = questions[14]!;
    expect(q15.sources.map((s) => s.label)).toEqual(['src', 'src1', 'src2']);
  });

  it('keeps the code block of question 64 and every position', () => {
    const q64 = questions[63]!;
    expect(hastToHtml(q64.answerTree)).toContain('<pre><code>def get_splits():');
    expect(hastToHtml(q64.answerTree)).toContain('#Model 2');
    expect(q64.line).toBe(381);
    expect(q64.sources[0]!.line).toBe(406);
    expect(questions[0]!).toMatchObject({ file: 'bank1.md', line: 15, column: 1, depth: 4 });
  });

  it('marks questions 9 and 14 as unanswered and 10, 11 and 20 as answered only by a link', () => {
    const unanswered = questions.filter((q) => !q.hasAnswer);
    expect(unanswered.map((q) => q.number)).toEqual([9, 10, 11, 14, 20]);
    expect(unanswered.filter((q) => q.answerLinks.length > 0).map((q) => q.number)).toEqual([10, 11, 20]);
  });

  it('reads the verbatim corpus with its duplicate 66 at depth 3', () => {
    const corpus = bookOf(read(CORPUS)).banks[0]!;
    expect(corpus.claimedCount).toBe(65);
    expect(corpus.questions.slice(-2).map((q) => [q.number, q.depth, q.line])).toEqual([
      [66, 3, 416],
      [66, 3, 419],
    ]);
  });
});

describe('question ids', () => {
  const bank = (first: number, extra = '') => `# Bank\n\n${extra}#### ${first}) What is bias? [[src](https://a.example/1)]\nAnswer one.\n\n#### ${first + 1}) What is variance?\nAnswer two.\n`;

  it('come from the question text, not from its number or position', () => {
    const before = allQuestions(bookOf(bank(1)));
    const after = allQuestions(bookOf(bank(5, '#### 4) A new question first?\nYes.\n\n')));
    expect(before.map((q) => q.id)).toEqual(['what-is-bias', 'what-is-variance']);
    expect(after.slice(1).map((q) => q.id)).toEqual(before.map((q) => q.id));
  });

  it('do not change when the answer changes, and can be set by a comment', () => {
    const edited = allQuestions(bookOf(bank(1).replace('Answer one.', 'A better answer.')));
    expect(edited[0]!.id).toBe('what-is-bias');
    const named = allQuestions(bookOf('#### 1) What is bias? <!-- id: bias -->\nA.\n\n#### 2) What is variance?\n<!-- id: variance -->\nB.\n'));
    expect(named.map((q) => [q.id, q.hasAnswer])).toEqual([
      ['bias', true],
      ['variance', true],
    ]);
  });

  it('are unique: a collision gets a deterministic suffix', () => {
    const twice = allQuestions(bookOf('#### 1) Same?\nA.\n\n#### 2) Same?\nB.\n\n#### 3) Same?\nC.\n'));
    expect(twice.map((q) => q.id)).toEqual(['same', 'same-2', 'same-3']);
  });

  it('hash long and non-Latin titles', () => {
    const [long, greek] = allQuestions(bookOf(`#### 1) ${'Why does a very long question keep going '.repeat(4)}?\nA.\n\n#### 2) Τι είναι η μάθηση;\nB.\n`));
    expect(long!.id).toMatch(/^why-does-a-very-long-question-keep-going-why-does-a-very-[0-9a-f]{8}$/);
    expect(greek!.id).toMatch(/^q-[0-9a-f]{8}$/);
  });
});

describe('sanitized HTML', () => {
  it('keeps formatting and drops script, handlers, javascript: URLs; remote images become links', () => {
    const [q] = allQuestions(
      bookOf(
        '#### 1) Hostile <script>alert(1)</script> title?\n' +
          '**bold** <img src=x onerror="alert(1)"> [x](javascript:alert(1)) ![pic](https://img.example/p.png)\n\n<style>p{}</style>\n',
      ),
    );
    for (const html of [hastToHtml(q!.titleTree), hastToHtml(q!.answerTree)]) {
      expect(html).not.toMatch(/<script|<style|onerror|javascript:/i);
    }
    expect(hastToHtml(q!.answerTree)).toContain('<strong>bold</strong>');
    expect(hastToHtml(q!.answerTree)).toContain('<a href="https://img.example/p.png">pic</a>');
    expect(hastToHtml(q!.answerTree)).not.toContain('<img src="https:');
  });
});

describe('odd but valid Markdown', () => {
  it('resolves reference-style links into sources and links', () => {
    const [q] = allQuestions(bookOf('# T\n\n### 1) What is [bias][b]?\nSee [[src]][s].\n\n[b]: https://b.example\n[s]: https://s.example\n'));
    expect(q!.links.map((l) => l.url)).toEqual(['https://b.example']);
    expect(q!.sources.map((l) => [l.url, l.line])).toEqual([['https://s.example', 4]]);
    expect(hastToHtml(q!.titleTree)).toBe('What is <a href="https://b.example">bias</a>?');
  });

  it('resolves definitions written inside a quote or a list', () => {
    const [q] = allQuestions(bookOf('#### 1) What? [[src]][s]\nSee [the paper][p].\n\n> [s]: https://src.example\n\n- [p]: https://paper.example\n'));
    expect(q!.sources.map((l) => l.url)).toEqual(['https://src.example']);
    expect(q!.links.map((l) => l.url)).toEqual(['https://paper.example']);
  });

  it.each([
    ['[s]: https://s.example', true],
    ['[s]: <https://s.example/a b>', true],
    ['[s]:', true],
    ['  [s]: /u "Title"', true],
    ['> [s]: /u (Title)', true],
    ["- [s]: /u 'a title that goes on", true],
    ['1. [abc]: Used', true],
    ['[s]: /u\r', true],
    ['1. [abc]: Used to find any of the characters', false],
    ['[Symbol.iterator]: function* () {', false],
    ['[s]: /u "Title" and more', false],
    ['```\n[s]: https://in.code\n```', false],
    ['<div>\n[s]: https://in.html\n</div>', false],
  ])('%j may define a link (a bank with one is never cut in pieces): %s', (line, defines) => {
    expect(hasDefinitions(`# T\n\n${line}\n`)).toBe(defines);
  });

  it('removes only the brackets around a source link, not other brackets', () => {
    const [q] = allQuestions(bookOf('#### 1) Empty list?\nWrite x = [] in Python. [[src]](https://s.example/a) and [[src](https://s.example/b)].\n'));
    expect(q!.answerText).toBe('Write x = [] in Python.  and .');
    expect(q!.sources.map((l) => l.url)).toEqual(['https://s.example/a', 'https://s.example/b']);
  });

  it('keeps raw HTML out of the bank description', () => {
    const bank = bookOf('# B\nIntro <img src=x onerror=alert(1)> text.\n\n#### 1) Q?\nA.\n').banks[0]!;
    expect(bank.description).toBe('Intro  text.');
  });

  it('ends a section at any other top-level heading', () => {
    const questions = allQuestions(bookOf('## Topic\n\n#### 1) In topic?\nA.\n\n# Appendix\n\n#### 2) After it?\nB.\n'));
    expect(questions.map((q) => q.section)).toEqual(['Topic', null]);
  });

  it('reads a question heading that starts with an HTML anchor', () => {
    const questions = allQuestions(bookOf('#### 1) One?\nA.\n\n#### <a name="q2"></a>2) Anchored?\nB.\n'));
    expect(questions.map((q) => [q.number, q.title])).toEqual([
      [1, 'One?'],
      [2, 'Anchored?'],
    ]);
  });

  it('does not read "2.1 Linear models" as question 2', () => {
    const questions = allQuestions(bookOf('#### 1) One?\nA.\n\n### 2.1 Linear models\nB.\n'));
    expect(questions.map((q) => q.number)).toEqual([1]);
    expect(questions[0]!.answerText).toContain('Linear models');
  });

  it('collects links in the title and in section headings', () => {
    const bank = bookOf('# [Bank](https://title.example)\n\n## [Topic](https://topic.example)\n\n#### 1) One?\nA.\n').banks[0]!;
    expect(bank.otherLinks.map((l) => [l.url, l.line])).toEqual([
      ['https://title.example', 1],
      ['https://topic.example', 3],
    ]);
  });

  it('keeps javascript:, vbscript: and data: links out of every link list', () => {
    const book = bookOf('#### 1) One? [[src](javascript:alert(1))]\n[x](vbscript:msgbox) [y](data:text/html,hi) [ok](https://ok.example) [rel](./notes.md)\n');
    const [q] = allQuestions(book);
    expect([...q!.sources, ...q!.links].map((l) => l.url)).toEqual(['https://ok.example', './notes.md']);
    expect(book.banks[0]!.unsafeLinks.map((l) => l.url)).toEqual(['javascript:alert(1)', 'vbscript:msgbox', 'data:text/html,hi']);
  });

  it('gives non-Latin titles ids that do not collide when the Latin parts agree', () => {
    const ids = allQuestions(bookOf('#### 1) Что такое SVM?\nA.\n\n#### 2) Как работает SVM?\nB.\n')).map((q) => q.id);
    expect(ids[0]).toMatch(/^svm-[0-9a-f]{8}$/);
    expect(ids[1]).toMatch(/^svm-[0-9a-f]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('turns every way of naming a remote image into a link, and drops srcset sources', () => {
    const [q] = allQuestions(
      bookOf('#### 1) Images?\n<img src="/\\evil.example/a.png"> <img src="//cdn.example/b.png">\n\n<picture><source srcset="https://evil.example/c.png"><img src="local.png"></picture>\n'),
    );
    expect(hastToHtml(q!.answerTree)).not.toMatch(/<img src="[^"]*(evil|cdn)/);
    expect(hastToHtml(q!.answerTree)).not.toMatch(/srcset|<source/i);
    expect(hastToHtml(q!.answerTree)).toContain('<img src="local.png">');
  });
});

describe('reading a bank in pieces', () => {
  // Every third question has a sub-heading right under it: no cut may fall before a sub-heading.
  const text = multiplyBank(read(SOURCE), 20).replace(/^(#### (\d+)\) .*)$/gm, (line, _, n) =>
    Number(n) % 3 === 0 ? `${line}\n#### ${n}.1 A sub-heading` : line,
  );

  it('cuts only before a question heading that follows another question heading', () => {
    const pieces = bankPieces(text);
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    const headings = parseMarkdown(text).children.filter((node) => node.type === 'heading');
    const lineOf = (node: (typeof headings)[number]) => text.split('\n')[node.position!.start.line - 1]!;
    for (const piece of pieces.slice(1)) {
      expect(piece.text).toMatch(/^#### \d+\) /);
      expect(text.slice(0, piece.offset).split('\n').length).toBe(piece.line);
      const lastHeading = headings.findLast((node) => node.position!.start.offset! < piece.offset)!;
      expect(lineOf(lastHeading)).toMatch(/^#### \d+\) /);
    }
  });

  it('gives the same bank, sections and places included, as reading the text whole', () => {
    const whole = mergeBankParts([parseBankPart('bank.md', { text, line: 1, offset: 0 })]);
    const inPieces = parseBank({ file: 'bank.md', text });
    expect(inPieces.sections.length).toBe(20);
    expect(JSON.stringify(inPieces)).toBe(JSON.stringify(whole));
  });

  it('keeps a small bank whole', () => {
    const small = '# Bank\n\n#### 1) Why? [[src](https://s.example)]\nBecause.\n\n#### 2) How? [[src](https://s.example)]\nSo.\n';
    expect(bankPieces(small)).toEqual([{ text: small, line: 1, offset: 0 }]);
  });
});
