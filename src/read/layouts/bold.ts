// Questions as bold paragraphs under topic headings: a paragraph that is only `**What is a closure? 👶**`,
// the answer below it. A bold paragraph is a question when it ends in "?" (or carries the bank's number).
import type { PhrasingContent, RootContent, Strong } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { plural } from '../../plural.js';
import { depthAbove, ENDS_AS_QUESTION, linesForm, numberedAsks, numberIn, type Layout } from './layout.js';

const BOLD_LINE = /^ {0,3}(\*\*|__)(?![\s*_])(.+?)\1\s*$/;
/** Only the number bold, the question after it: `**1)** The number of active ads.`, `**Q1.** What ...`. */
const BOLD_NUMBER = /^ {0,3}(\*\*|__)((?:Q(?:uestion)?\s*)?\d{1,9}\s*[.):])\1[ \t]+(\S.*)$/i;

/**
 * The bold text alone on the first line of a paragraph (`**What is JSX?**`, maybe with the answer on the
 * next lines), and the rest of the paragraph; null when the paragraph starts otherwise.
 */
export function boldLead(node: RootContent): { strong: Strong; rest: PhrasingContent[] } | null {
  return boldStart(node, false);
}

/**
 * The bold text that opens a paragraph: alone on its line, or (`numberOnly`) a bold number with the
 * question after it on its line, `rest` then the rest of the paragraph.
 */
function boldStart(node: RootContent, numberOnly: boolean): { strong: Strong; rest: PhrasingContent[] } | null {
  if (node.type !== 'paragraph') return null;
  const at = node.children.findIndex((c) => !(c.type === 'text' && !c.value.trim()));
  const strong = node.children[at];
  if (strong?.type !== 'strong') return null;
  const rest = node.children.slice(at + 1);
  if (numberOnly) return rest.some((c) => toString(c).trim()) ? { strong, rest } : null;
  const next = rest[0];
  if (next && next.type !== 'break' && !(next.type === 'text' && /^[ \t]*(?:\r?\n|$)/.test(next.value))) return null;
  if (next?.type === 'text') {
    // Stryker disable next-line Regex: the value is the line break that ends the bold line (micromark drops the spaces around it).
    const value = next.value.replace(/^\s+/, '');
    rest[0] = { ...next, value, position: next.position && past(next.position, next.value) };
  }
  // A text `next` was replaced by its copy just above: only a break is dropped.
  return { strong, rest: rest.filter((c) => c !== next) };
}

/**
 * The position of a text after the bold line, without the spaces and line break it starts with (the value
 * holds them as written; with no line break the value is only spaces): the answer then starts where it is
 * written, for its Markdown and its line.
 */
function past(position: Position, value: string): Position {
  const { line, column, offset = 0 } = position.start;
  const lineBreak = value.indexOf('\n');
  const start = lineBreak === -1 ? { line, column: column + value.length, offset: offset + value.length } : { line: line + 1, column: 1, offset: offset + lineBreak + 1 };
  return { start, end: position.end };
}

const EMOJI = /\p{Extended_Pictographic}/u;

/** A bold text that is a question: in the form; unnumbered, one that asks, or carries the bank's emoji mark. */
function isQuestionText(text: string, form: string | null, emojiMarked = false): boolean {
  return form ? numberIn(text, form) !== null : ENDS_AS_QUESTION.test(text) || (emojiMarked && EMOJI.test(text));
}

export const bold: Layout = {
  id: 'bold',
  description: 'Questions are paragraphs that are only bold text (`**What is a closure? 👶**`), the answer below, under `##` (or other) topic headings.',
  questionsAre: 'bold paragraphs',

  scan(lines, options) {
    const bolds = lines.flatMap((l) => {
      // A folded answer's bold lines are its own (the reader reads no question inside a `<details>`).
      if (l.inDetails) return [];
      // A heading line starts with `#`: BOLD_LINE never matches it.
      const match = BOLD_LINE.exec(l.text);
      const number = match ? null : BOLD_NUMBER.exec(l.text);
      if (number) return [{ line: l.line, text: `${number[2]} ${number[3]}`, numberOnly: true }];
      return match ? [{ line: l.line, text: match[2]!, numberOnly: false }] : [];
    });
    // Numbered bold lines that neither ask nor have only their number bold are a prose list (`**1. Course**`).
    const { form, numbered, asking } = linesForm(bolds, (b) => b.numberOnly || numberedAsks(b.text), Boolean(options.layout));
    const asked = bolds.filter((b) => isQuestionText(b.text, form) && (form !== null || !b.numberOnly));
    // Most asking lines carry an emoji (a level: `👶`, `⭐️`): a line with one is a question even without "?",
    // or with a stray letter after it.
    const emojiMarked = form === null && asked.length >= 2 && 2 * asked.filter((b) => EMOJI.test(b.text)).length > asked.length;
    const questions = emojiMarked ? bolds.filter((b) => !b.numberOnly && isQuestionText(b.text, null, true)) : asked;
    const structuralDepth = depthAbove(lines, questions[0]?.line ?? 0, options);
    return {
      lines: questions.map((q) => q.line),
      ...(numbered.length > 0 && form === null && asking === 0 && { rejected: `its ${plural(numbered.length, 'numbered bold line')} ask nothing (no "?", no question word): a list in prose, not questions` }),
      depth: structuralDepth + 1,
      form,
      ...(emojiMarked && { emojiMarked }),
      structuralDepth,
      why: questions.length ? `${plural(questions.length, 'bold paragraph')} ${form ? 'numbered' : emojiMarked ? 'ending in "?" or carrying an emoji mark' : 'ending in "?"'}, under depth-${structuralDepth} headings` : 'no paragraph is only bold text ending in "?"',
    };
  },

  isQuestionLine: () => false,

  starts(node, reading) {
    const alone = boldLead(node);
    const lead = alone ?? (reading.form ? boldStart(node, true) : null);
    if (!lead || !isQuestionText(toString(lead.strong), reading.form, reading.emojiMarked)) return null;
    const number = reading.form ? numberIn(toString(lead.strong), reading.form)!.number : null;
    // `**1)** The question.`: the whole paragraph is the question, the answer the nodes after it.
    if (!alone) return { lead: [], starts: [{ head: { children: [...lead.strong.children, ...lead.rest], depth: reading.depth, position: node.position }, number, body: [] }] };
    // The answer on the lines after the bold one: a paragraph from its first node to the end of this one
    // (every node read from the text has a position).
    const answer: RootContent[] = lead.rest.some((c) => toString(c).trim())
      ? [{ type: 'paragraph', children: lead.rest, position: { start: lead.rest[0]!.position!.start, end: node.position!.end } }]
      : [];
    return { lead: [], starts: [{ head: { children: lead.strong.children, depth: reading.depth, position: node.position }, number, body: answer }] };
  },

  // Stryker disable all: the examples are test data (test/layouts.test.ts reads each), not reader logic.
  examples: [
    {
      name: 'bold questions under `##` topics, with an emoji for the level',
      markdown: '# React Questions\n\n## Basics\n\n**What is JSX? 👶**\n\nA syntax for elements.\n\n**What is a prop? 👶**\n\nAn input.\n\n## Hooks\n\n**What is useState? 🧑**\n\nState in a function.\n',
      expect: { title: 'React Questions', numbers: [1, 2, 3], sections: ['Basics', 'Basics', 'Hooks'], numbering: 'none', answers: ['syntax for elements', 'An input.', 'State in a function.'], lines: [5, 9, 15] },
    },
    {
      name: 'answers inside `<details>`',
      markdown: '# SQL Questions\n\n**What is a join?**\n\n<details><summary>Answer</summary>\n\nRows matched across tables.\n\n</details>\n\n**What is an index?**\n\n<details><summary>Answer</summary>\n\nA faster lookup.\n\n</details>\n',
      expect: { title: 'SQL Questions', numbers: [1, 2], sections: [null, null], numbering: 'none', answers: ['Rows matched', 'A faster lookup.'], lines: [3, 11] },
    },

    {
      name: '`**1)**` bold numbers before plain text, numbered again in each `##` section',
      markdown: '# Technical\n\n## SQL\n\n**1)** The number of active ads.\n\n```sql\nSELECT 1\n```\n\n**2)** All ads.\n\nA.\n\n## Python\n\n**1)** Reverse a list.\n\nx[::-1]\n',
      expect: { title: 'Technical', numbers: [1, 2, 1], sections: ['SQL', 'SQL', 'Python'], numbering: 'section', answers: ['SELECT 1', 'A.', 'x[::-1]'], lines: [5, 11, 17] },
    },
    {
      name: 'bold questions with an emoji for the level: a bold line with one is a question without "?", or with a letter after it',
      markdown: '# ML\n\n## Metrics\n\n**What is precision? 👶**\n\nA ratio.\n\n**What is recall? 👶**\n\nAnother.\n\n**Precision-recall trade-off ⭐️**\n\nA balance.\n\n**What is AUC? ⭐️I**\n\nAn area.\n',
      expect: { title: 'ML', numbers: [1, 2, 3, 4], sections: ['Metrics', 'Metrics', 'Metrics', 'Metrics'], numbering: 'none', answers: ['A ratio.', 'Another.', 'A balance.', 'An area.'], lines: [5, 9, 13, 17] },
    },
  ],

  counterExamples: [
    {
      name: 'a prose chapter with a numbered bold list that asks nothing (`**1. Course**`): no questions, and why',
      markdown: '### Courses\n\nThe courses, in order.\n\n**1. Introduction to Statistics**\n\nFree.\n\n**2. Machine Learning by Stanford**\n\nFree too.\n',
      reports: [{ rule: 'input-error', line: 1 }],
    },
    {
      name: 'a bold paragraph that does not ask, in a bold bank',
      markdown: '# ML\n\n## Metrics\n\n**What is precision? 👶**\n\nA ratio.\n\n**Precision-recall trade-off ⭐️**\n\nA balance.\n',
      reports: [{ rule: 'malformed-question-heading', line: 9 }],
    },
    {
      name: 'a numbered bold paragraph in a heading bank',
      markdown: '# Bank\n\n#### 1) What is bias?\nA.\n\n#### 2) What is variance?\nB.\n\n**3) What is noise?**\nC.\n',
      reports: [{ rule: 'malformed-question-heading', line: 9 }],
    },
  ],
  // Stryker restore all
};
