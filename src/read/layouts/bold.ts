// Questions as bold paragraphs under topic headings: a paragraph that is only `**What is a closure? 👶**`,
// the answer below it. A bold paragraph is a question when it ends in "?" (or carries the bank's number).
import type { PhrasingContent, RootContent, Strong } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { plural } from '../../cli/report.js';
import { ENDS_AS_QUESTION, formFamily, mostFrequent, numberForm, numberIn, type Layout, type ScanLine } from './layout.js';

const BOLD_LINE = /^ {0,3}(\*\*|__)(?![\s*_])(.+?)\1\s*$/;

/**
 * The bold text alone on the first line of a paragraph (`**What is JSX?**`, maybe with the answer on the
 * next lines), and the rest of the paragraph; null when the paragraph starts otherwise.
 */
export function boldLead(node: RootContent): { strong: Strong; rest: PhrasingContent[] } | null {
  if (node.type !== 'paragraph') return null;
  const at = node.children.findIndex((c) => !(c.type === 'text' && !c.value.trim()));
  const strong = node.children[at];
  if (strong?.type !== 'strong') return null;
  const rest = node.children.slice(at + 1);
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

function isQuestionText(text: string, form: string | null): boolean {
  return form ? numberIn(text, form) !== null : ENDS_AS_QUESTION.test(text);
}

export const bold: Layout = {
  id: 'bold',
  description: 'Questions are paragraphs that are only bold text (`**What is a closure? 👶**`), the answer below, under `##` (or other) topic headings.',

  scan(lines, options) {
    const bolds = lines.flatMap((l) => {
      // A heading line starts with `#`: BOLD_LINE never matches it.
      const match = BOLD_LINE.exec(l.text);
      return match ? [{ line: l.line, text: match[2]! }] : [];
    });
    const forms = bolds.flatMap((b) => numberForm(b.text)?.form ?? []);
    const [family] = mostFrequent(forms.map(formFamily));
    const form = family && 2 * family[1] > bolds.length ? forms.find((f) => formFamily(f) === family[0])! : null;
    const questions = bolds.filter((b) => isQuestionText(b.text, form));
    const first = questions[0]?.line ?? 0;
    // Stryker disable next-line EqualityOperator: the first question's own line is a paragraph (depth 0).
    const topic = lines.findLast((l: ScanLine) => l.depth > 0 && l.line < first);
    const structuralDepth = options.depth ? options.depth - 1 : (topic?.depth ?? 1);
    return {
      lines: questions.map((q) => q.line),
      depth: structuralDepth + 1,
      form,
      structuralDepth,
      why: questions.length ? `${plural(questions.length, 'bold paragraph')} ${form ? 'numbered' : 'ending in "?"'}, under depth-${structuralDepth} headings` : 'no paragraph is only bold text ending in "?"',
    };
  },

  isQuestionLine: () => false,

  starts(node, reading) {
    const lead = boldLead(node);
    if (!lead || !isQuestionText(toString(lead.strong), reading.form)) return null;
    const number = reading.form ? numberIn(toString(lead.strong), reading.form)!.number : null;
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
  ],

  counterExamples: [
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
