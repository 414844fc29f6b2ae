// Questions as list items, the layout of many large lists and of books of exercises:
//   1. ### What is a closure?          a heading opens the item (the answer indented below)
//   1. [E] What is a dot product?      a difficulty tag opens the item's text
//   * Q1: Discuss a hard problem.      a question number opens it
//   - What is a closure?               the item asks (only where the items, not prose, make the file)
// A question item's nested items that ask are its sub-questions; other items continue the answer before.
// The number is the item's, as a reader sees it (or the `Q12:` written); top-level headings are the topics.
import type { List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { plural } from '../../plural.js';
import { ENDS_AS_QUESTION, formFamily, mostFrequent, numberForm, numberIn, writeNumber, type Layout, type QuestionStart, type Reading } from './layout.js';

const ITEM = /^ *(?:\d{1,9}[.)]|[-*+])[ \t]+(.*)/;
const ITEM_HEADING = /^(#{1,6})[ \t]+\S/;
/** A difficulty tag: `[E]`, `[M]`, `[H]`, `[Easy]`, ... (the form of a tagged list). */
const TAG = /^\[(?:E|M|H|Easy|Medium|Hard)\]\s/i;
export const TAG_FORM = '[E]';
/** The text of a question item in the form of a list of text items (depth 0): a tag, a number, or a question. */
function textQuestion(text: string, form: string | null): boolean {
  if (form === TAG_FORM) return TAG.test(text);
  if (form !== null) return numberIn(text, form) !== null;
  return ENDS_AS_QUESTION.test(text);
}

/** The kind of a list item's text: the form it would be a question in, or undefined for none. */
function textForm(text: string): string | null | undefined {
  if (TAG.test(text)) return TAG_FORM;
  const numbered = numberForm(text);
  if (numbered && /^Q/i.test(numbered.form)) return numbered.form;
  return ENDS_AS_QUESTION.test(text) ? null : undefined;
}

/**
 * Whether an item is a question of the bank: its heading at the question depth, or its text in the form;
 * inside a question item of text, also an item that asks (a sub-question).
 */
function isQuestionItem(item: ListItem, reading: Reading, inQuestion: boolean, top = false): boolean {
  const first = item.children[0];
  // An item of the top list one level deeper (`154. ####` among `###`) is a question at the wrong depth.
  if (reading.depth > 0) return first?.type === 'heading' && (first.depth === reading.depth || (top && !reading.depthSet && first.depth === reading.depth + 1));
  if (first?.type !== 'paragraph') return false;
  const text = toString(first);
  return textQuestion(text, reading.form) || (inQuestion && ENDS_AS_QUESTION.test(text));
}

export const list: Layout = {
  id: 'list',
  description:
    'Questions are list items opened by a heading (`1. ### What is a closure?`), a difficulty tag (`1. [E] What ...`), a number (`* Q1: ...`) or, in a file of such items rather than prose, a question (`- What ...?`); nested items that ask are sub-questions, the answer is indented below; back-to-top links are navigation.',

  scan(lines, options) {
    const items = lines.flatMap((l) => {
      // A heading line starts with `#`: ITEM never matches it.
      const match = l.inDetails ? null : ITEM.exec(l.text);
      return match ? [{ line: l.line, text: match[1]!, depth: ITEM_HEADING.exec(match[1]!)?.[1]!.length ?? 0 }] : [];
    });
    const headed = items.filter((i) => i.depth > 0);
    if (headed.length || (options.depth ?? 0) > 0) {
      const depth = options.depth ?? mostFrequent(headed.map((i) => i.depth))[0]![0];
      const questions = headed.filter((i) => i.depth === depth);
      return {
        lines: questions.map((i) => i.line),
        depth,
        form: '{n}.',
        structuralDepth: 6,
        why: questions.length ? `${plural(questions.length, 'list item')} opening with a depth-${depth} heading` : 'no list item opens with a heading',
      };
    }
    const forms = items.flatMap((i) => {
      const form = textForm(i.text);
      return form === undefined ? [] : [{ ...i, form }];
    });
    // A tag or number, as most such items write it; else items that ask, where they outweigh the prose.
    const marked = mostFrequent(forms.flatMap((i) => (i.form === null ? [] : [formFamily(i.form)])))[0];
    const form = marked ? forms.find((i) => i.form !== null && formFamily(i.form) === marked[0])!.form : null;
    const questions = items.filter((i) => textQuestion(i.text, form));
    const itemText = questions.reduce((n, i) => n + i.text.length, 0);
    // Lines of HTML blocks (a summary's) are no prose: the scan sees them only for the details layout.
    const prose = lines.filter((l) => l.depth === 0 && !ITEM.test(l.text) && !l.inDetails && !l.summary).reduce((n, l) => n + l.text.trim().length, 0);
    // Items that ask make a bank only where they are most of the items and outweigh the prose.
    const outweighed = !options.layout && form === null && questions.length > 0 && (itemText < prose || 2 * questions.length <= items.length);
    return {
      lines: outweighed ? [] : questions.map((i) => i.line),
      depth: 0,
      form,
      structuralDepth: 6,
      ...(outweighed && { rejected: `its ${plural(questions.length, 'list item')} that ask are prose (${itemText} characters of ${itemText + prose}; ${questions.length} of ${items.length} items): a chapter, not a list of questions` }),
      why: outweighed
        ? `${plural(questions.length, 'list item')} of ${items.length} ending in "?", with ${itemText} characters to ${prose} of prose: a chapter, not a list of questions`
        : questions.length
          ? `${plural(questions.length, 'list item')} ${form === TAG_FORM ? 'opening with a difficulty tag like "[E]"' : form ? `numbered like "${writeNumber(form, 12)}"` : 'ending in "?"'}`
          : 'no list item opens with a heading, a tag or a question number, nor asks',
    };
  },

  // No heading line of the text is a question line: the questions are inside lists.
  isQuestionLine: () => false,

  starts(node, reading) {
    if (node.type !== 'list') return null;
    const lead: RootContent[] = [];
    const starts: QuestionStart[] = [];
    /** The questions of a list, in reading order; `inQuestion`: the list is inside a question item. */
    const visit = (list: List, inQuestion: boolean) => {
      list.children.forEach((item, index) => {
        const [first, ...rest] = item.children;
        const alone: List = { ...list, start: null, children: [item], position: item.position };
        if (isQuestionItem(item, reading, inQuestion, list === node)) {
          const number = reading.depth > 0 ? (list.ordered ? (list.start ?? 1) + index : null) : (reading.form && numberIn(toString(first!), reading.form)?.number) || null;
          const head = first as Paragraph | Extract<RootContent, { type: 'heading' }>;
          const depth = head.type === 'heading' ? head.depth : 0;
          starts.push({ head: { children: head.children, depth, position: head.position }, number, body: [] });
          for (const child of rest) {
            // A list in a question item of text may hold its sub-questions; a heading item's is its answer's.
            if (reading.depth === 0 && child.type === 'list' && hasQuestion(child, reading, true)) visit(child, true);
            else (starts.at(-1)!).body.push(child);
          }
          return;
        }
        // Items numbered other than 1 cannot interrupt a paragraph, nor any item an HTML block (CommonMark):
        // `37. Self-attention.` over `    15. [E] What ...?` is one paragraph, its later lines the author's items.
        const lazy = reading.depth > 0 ? [] : item.children.flatMap((c) => (c.type === 'paragraph' ? lazyItems(c.children, reading) : c.type === 'html' ? lazyItems([{ type: 'text', value: c.value, position: c.position }], reading) : []));
        for (const head of lazy) starts.push({ head: { children: head.children, depth: 0, position: head.position }, number: head.number, body: [] });
        // An item holding questions without being one (`1. Dot product` over `1. [E] What ...?`) is their label.
        const nested = reading.depth > 0 ? [] : item.children.filter((c): c is List => c.type === 'list' && hasQuestion(c, reading, inQuestion));
        if (nested.length || lazy.length) {
          nested.forEach((c) => visit(c, inQuestion));
          return;
        }
        // An item without a question continues the answer before it: a list of its own, where the item
        // is (the answer's Markdown is cut from the text by position; the whole list's would hold later questions).
        (starts.at(-1)?.body ?? lead).push(alone);
      });
    };
    visit(node, false);
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
    {
      name: 'a book\'s exercises: `1. [E] ...` items, some under a label, with untagged sub-questions, no answers',
      markdown:
        '# 5.1.1 Vectors\n\nExercises.\n\n1. Dot product\n    1. [E] What is a dot product?\n    2. [M] Why is it useful?\n2. [H] Prove the triangle inequality.\n    1. What does it say for unit vectors?\n',
      expect: { title: '5.1.1 Vectors', numbers: [1, 2, 3, 4], sections: [null, null, null, null], numbering: 'none', answers: ['', '', '', ''], lines: [6, 7, 8, 9] },
    },
    {
      name: '`* Q1:` list items, the answer indented below',
      markdown: '# Resume Questions\n\n## Questions\n\n* Q1: Discuss a hard problem you solved.\n\n  Say what, how and why.\n\n* Q2: Which project are you proud of?\n',
      expect: { title: 'Resume Questions', numbers: [1, 2], sections: ['Questions', 'Questions'], numbering: 'book', answers: ['Say what', ''], lines: [5, 9] },
    },
    {
      name: '`- What ...?` items in a file made of them',
      markdown: '# Go Questions\n\n- What is a goroutine?\n\n  A light thread.\n\n- What is a channel?\n  - How is it closed?\n',
      expect: { title: 'Go Questions', numbers: [1, 2, 3], sections: [null, null, null], numbering: 'none', answers: ['light thread', '', ''], lines: [3, 7, 8] },
    },
  ],

  counterExamples: [
    {
      name: 'a list whose items have no question heading: nothing looks like a question',
      markdown: '# Notes\n\n1. First point.\n2. Second point.\n',
      reports: [{ rule: 'input-error', line: 0 }],
    },
    {
      name: 'a prose chapter with a few questions in a list: a chapter, not a bank',
      markdown:
        '# Communication\n\nCommunication is the most important soft skill of a job, and every interview tests it, from the cover letter to the last answer. Here are questions interviewers ask about it, to think over before you go.\n\n- How do you give feedback?\n- Have you disagreed with a manager?\n',
      reports: [{ rule: 'input-error', line: 5 }],
    },
  ],
  // Stryker restore all
};

/** Whether a list holds a question item, at any depth. */
function hasQuestion(list: List, reading: Reading, inQuestion: boolean): boolean {
  return list.children.some((item) => isQuestionItem(item, reading, inQuestion) || item.children.some((c) => c.type === 'list' && hasQuestion(c, reading, inQuestion)));
}

const LAZY_ITEM = /^[ \t]*(\d{1,9})[.)][ \t]+/;

/**
 * The lines of a paragraph that are question items of the bank's form, each as the inline content from its
 * marker to the next such line (the line's text; its column is that of the line start).
 */
function lazyItems(inline: PhrasingContent[], reading: Reading): (Paragraph & { number: number | null })[] {
  const found: (Paragraph & { number: number | null })[] = [];
  for (const child of inline) {
    if (child.type !== 'text' || !child.position) {
      found.at(-1)?.children.push(child);
      continue;
    }
    const lines = child.value.split('\n');
    lines.forEach((text, i) => {
      const marker = i > 0 ? LAZY_ITEM.exec(text) : null;
      const rest = marker ? text.slice(marker[0].length) : text;
      const line = child.position!.start.line + i;
      if (marker && textQuestion(rest, reading.form)) {
        const start = { line, column: 1 };
        found.push({ type: 'paragraph', number: Number(marker[1]), children: [{ type: 'text', value: rest }], position: { start, end: start } });
      } else if (found.length) {
        const last = found.at(-1)!;
        last.children.push({ type: 'text', value: i > 0 ? `\n${text}` : text });
        last.position = { start: last.position!.start, end: { line, column: 1 } };
      }
    });
  }
  return found;
}
