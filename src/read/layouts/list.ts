// Questions as headings inside list items, the layout of many large lists:
//   1. ### What is a closure?
//
//      The answer, indented under the item.
//
//      **[⬆ Back to Top](#table-of-contents)**
// The number is the item's, as a reader sees it; top-level headings are the topics.
import type { List, RootContent } from 'mdast';
import { plural } from '../../cli/report.js';
import { mostFrequent, type Layout, type QuestionStart } from './layout.js';

const ITEM_HEADING = /^ {0,3}(?:\d{1,9}[.)]|[-*+])[ \t]+(#{1,6})[ \t]+\S/;

export const list: Layout = {
  id: 'list',
  description: 'Questions are headings that open list items (`1. ### What is a closure?`), the answer indented below; back-to-top links are navigation.',

  scan(lines, options) {
    const items = lines.flatMap((l) => {
      // A heading line starts with `#`: ITEM_HEADING never matches it.
      const match = ITEM_HEADING.exec(l.text);
      return match ? [{ line: l.line, depth: match[1]!.length }] : [];
    });
    const depth = options.depth ?? mostFrequent(items.map((i) => i.depth))[0]?.[0] ?? 0;
    const questions = items.filter((i) => i.depth === depth);
    return {
      lines: questions.map((i) => i.line),
      depth,
      form: '{n}.',
      structuralDepth: 6,
      why: questions.length ? `${plural(questions.length, 'list item')} opening with a depth-${depth} heading` : 'no list item opens with a heading',
    };
  },

  // No heading line of the text is a question line: the questions are inside lists.
  isQuestionLine: () => false,

  starts(node, reading) {
    if (node.type !== 'list') return null;
    const lead: RootContent[] = [];
    const starts: QuestionStart[] = [];
    node.children.forEach((item, index) => {
      const [first, ...rest] = item.children;
      if (first?.type === 'heading' && first.depth === reading.depth) {
        const number = node.ordered ? (node.start ?? 1) + index : null;
        starts.push({ head: { children: first.children, depth: first.depth, position: first.position }, number, body: rest });
        return;
      }
      // An item without a question heading continues the answer before it: a list of its own, where the item
      // is (the answer's Markdown is cut from the text by position; the whole list's would hold later questions).
      const alone: List = { ...node, start: null, children: [item], position: item.position };
      (starts.at(-1)?.body ?? lead).push(alone);
    });
    return starts.length ? { lead, starts } : null;
  },

  // Stryker disable all: the examples are test data (test/layouts.test.ts reads each), not reader logic.
  examples: [
    {
      name: 'questions in a numbered list, with a table of contents and back-to-top links',
      markdown:
        '# JavaScript Questions\n\n### Table of Contents\n\n| No. | Questions |\n| --- | --- |\n| 1 | [What is a closure?](#what-is-a-closure) |\n\n## Core\n\n1. ### What is a closure?\n\n   A function with its scope.\n\n   **[⬆ Back to Top](#table-of-contents)**\n\n2. ### What is hoisting?\n\n   Declarations move up.\n\n   **[⬆ Back to Top](#table-of-contents)**\n\n## Async\n\n3. ### What is a promise?\n\n   A future value.\n',
      expect: { title: 'JavaScript Questions', numbers: [1, 2, 3], sections: ['Core', 'Core', 'Async'], numbering: 'book', answers: ['its scope.', 'move up.', 'future value'], lines: [11, 17, 25] },
    },
    {
      // GitHub's reading (cmark-gfm): the indented line after the answer at the margin is code, and the item
      // after it starts a list again, numbered 2 (micromark/micromark#228, patched: see patches/).
      name: 'an answer at the margin, then indented code: the next item is still a question',
      markdown: '# Q\n\n1. ### What is A?\n\nA at the margin.\n\n    **[⬆ Back to Top](#top)**\n\n2. ### What is B?\n\n   B.\n',
      expect: { title: 'Q', numbers: [1, 2], sections: [null, null], numbering: 'book', answers: ['A at the margin.', 'B.'], lines: [3, 9] },
    },
  ],

  counterExamples: [
    {
      name: 'a list whose items have no question heading: nothing looks like a question',
      markdown: '# Notes\n\n1. First point.\n2. Second point.\n',
      reports: [{ rule: 'input-error', line: 0 }],
    },
  ],
  // Stryker restore all
};
