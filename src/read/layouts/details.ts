// Questions as the summaries of folded answers: `<details><summary>What is a closure?</summary>`, the answer
// inside the element, up to its `</details>`. A summary that does not ask (`Answer`, `Solution`) folds the
// answer of a question written otherwise, and is no question.
import type { Html, RootContent, Text } from 'mdast';
import type { Position } from 'unist';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { plural } from '../../plural.js';
import { detailsBalance, SUMMARY_OPEN } from '../split.js';
import { depthAbove, ENDS_AS_QUESTION, linesForm, numberedAsks, numberIn, opensAsQuestion, type Layout } from './layout.js';

const SUMMARY_CLOSE = /<\/summary\s*>/i;
/** A tag: `<` then a letter or `/` (a `<` before a space is text), up to its `>`, never past another `<`. */
const TAG = /<\/?[A-Za-z][^<>]*>/g;
const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{0,31}));/g;

const SUMMARY_OPENS = new RegExp(SUMMARY_OPEN.source, 'gi');
const SUMMARY_CLOSES = new RegExp(SUMMARY_CLOSE.source, 'gi');

/**
 * The first `<summary>` of some HTML from an index on, where it is written on one line: where it starts, how long
 * it is and what it holds. Found with one pass of each search (no pattern that backtracks over a hostile line).
 */
function findSummary(html: string, from = 0): { index: number; length: number; inner: string } | null {
  SUMMARY_OPENS.lastIndex = from;
  const open = SUMMARY_OPENS.exec(html);
  if (!open) return null;
  const contentStart = html.indexOf('>', open.index) + 1;
  SUMMARY_CLOSES.lastIndex = contentStart;
  const close = contentStart > 0 ? SUMMARY_CLOSES.exec(html) : null;
  if (!close || html.slice(contentStart, close.index).includes('\n')) return null;
  return { index: open.index, length: close.index + close[0].length - open.index, inner: html.slice(contentStart, close.index) };
}

/**
 * HTML with its comments, which a browser does not show, blanked out (an unclosed one hides the rest): the same
 * length, line breaks kept, so that places in it are places in the HTML. In one pass.
 */
function withoutComments(html: string): string {
  let shown = '';
  let at = 0;
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  for (let open = html.indexOf('<!--'); open !== -1; open = html.indexOf('<!--', at)) {
    // "<!-->" and "<!--->" are empty comments.
    // Stryker disable next-line ArithmeticOperator: a "-->" can start no earlier anyway.
    const close = html.indexOf('-->', open + 2);
    const end = close === -1 ? html.length : close + 3;
    shown += html.slice(at, open) + blank(html.slice(open, end));
    at = end;
  }
  return shown + html.slice(at);
}

/** The text a summary shows: its HTML without tags, its character references decoded. */
function summaryText(html: string): string {
  return html
    .replace(TAG, '')
    .replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
      if (name) return decodeNamedCharacterReference(name) || reference;
      const code = decimal ? Number(decimal) : Number.parseInt(hex!, 16);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A `<summary>` of an HTML node: its text, where it stands in the file, and how many `<details>` are open there (1: its own only). */
export interface Summary {
  text: string;
  position: Position;
  open: number;
}

/** The `<summary>` elements of an HTML node outside its comments, each written on one line, up to one that is not. */
export function summariesOf(node: Html): Summary[] {
  const found: Summary[] = [];
  const html = withoutComments(node.value);
  let open = 0;
  let from = 0;
  /** Line breaks before `from`, and where the last of them is: each summary's place counted on from the one before. */
  let breaks = 0;
  // Stryker disable next-line UnaryOperator: it is read only once a line break has set it.
  let lastBreak = -1;
  for (let summary = findSummary(html); summary; summary = findSummary(html, from)) {
    const between = html.slice(from, summary.index);
    open += detailsBalance(between);
    const inBetween = between.split('\n').length - 1;
    if (inBetween) lastBreak = from + between.lastIndexOf('\n');
    breaks += inBetween;
    found.push({ text: summaryText(summary.inner), position: summaryPosition(node, summary.index, summary.length, breaks, lastBreak), open });
    from = summary.index + summary.length;
  }
  return found;
}

/** A summary's text that is a question: in the bank's number form, or, unnumbered, one that asks. */
function isQuestionText(text: string, form: string | null): boolean {
  return form ? numberIn(text, form) !== null : ENDS_AS_QUESTION.test(text) || opensAsQuestion(text);
}

/** The text of the summary a line of an HTML block holds, written on that line; '' where it holds none. */
export function lineSummary(line: string): string {
  const found = findSummary(withoutComments(line));
  return found ? summaryText(found.inner) : '';
}

/** Where the summary stands in an HTML node, after `breaks` line breaks the last of which is at `lastBreak`: its line and column, as the scan and the reports see it. */
function summaryPosition(node: Html, index: number, length: number, breaks: number, lastBreak: number): Position {
  const { line, column, offset = 0 } = node.position!.start;
  const start = { line: line + breaks, column: breaks ? index - lastBreak : column + index, offset: offset + index };
  const end = start.offset + length;
  // Stryker disable next-line ArithmeticOperator: nothing reads where a summary ends but by its offset.
  return { start, end: { line: start.line, column: start.column + length, offset: end } };
}

export const details: Layout = {
  id: 'details',
  description: 'Questions are the summaries of `<details>` elements (`<details><summary>What is a closure?</summary>`), the answer inside the element, up to its `</details>`; a summary that does not ask (`Answer`) is no question.',
  foldedAnswers: true,
  questionsAre: '<details> summaries',

  scan(lines, options) {
    // The summaries of `<details>` elements outside any other (scanLines gives a summary line its text as title).
    const summaries = lines.flatMap((l) => (l.summary && !l.inDetails && l.title ? [{ line: l.line, text: l.title }] : []));
    // Numbered like most summaries, and most of those ask: `<summary>1. What is ...?</summary>`.
    const { form } = linesForm(summaries, (s) => numberedAsks(s.text), Boolean(options.layout));
    const questions = summaries.filter((s) => isQuestionText(s.text, form));
    const structuralDepth = depthAbove(lines, questions[0]?.line ?? 0, options);
    return {
      lines: questions.map((q) => q.line),
      // Stryker disable next-line ConditionalExpression: a refusal is read only where no layout found a question.
      ...(summaries.length > 0 && questions.length === 0 && { rejected: `its ${plural(summaries.length, '<details> summary', '<details> summaries')} ask nothing ("${summaries[0]!.text}"): they fold answers, and no question is written otherwise` }),
      depth: structuralDepth + 1,
      form,
      structuralDepth,
      why: questions.length
        ? `${plural(questions.length, '<details> summary', '<details> summaries')} ${form ? 'numbered' : 'that ask'}, under depth-${structuralDepth} headings`
        : summaries.length
          ? `no <details> summary asks (${plural(summaries.length, 'summary', 'summaries')} like "${summaries[0]!.text}", folding answers)`
          : 'no <details> element has a summary',
    };
  },

  isQuestionLine: () => false,

  starts(node, reading) {
    if (node.type !== 'html') return null;
    const [summary] = summariesOf(node);
    if (!summary || !isQuestionText(summary.text, reading.form)) return null;
    const found = numberIn(summary.text, reading.form);
    const { position } = summary;
    const title: Text = { type: 'text', value: summary.text, position };
    // What the HTML node holds after the summary is the start of the answer (all of it, for a `<details>` written
    // in one HTML block); the reader adds the nodes after it, up to the one that closes the element.
    const rest = node.value.slice(position.end.offset! - node.position!.start.offset!);
    const body: RootContent[] = rest.trim() ? [{ type: 'html', value: rest, position: { start: { ...position.end }, end: node.position!.end } }] : [];
    return { lead: [], starts: [{ head: { children: [title], depth: reading.depth, position }, number: found?.number ?? null, ...(found?.parent && { parentNumber: found.parent }), body }] };
  },

  // Stryker disable all: the examples are test data (test/layouts.test.ts reads each), not reader logic.
  examples: [
    {
      name: 'questions in `<summary>`, answers inside `<details>`, under `##` topics',
      markdown:
        '# Go Questions\n\n## Basics\n\n<details>\n<summary>What is a goroutine?</summary>\n\nA light thread.\n\n</details>\n\n<details>\n<summary>How do channels work?</summary>\n\nTyped pipes.\n\n</details>\n\n## Tools\n\n<details><summary><b>What does go vet do?</b></summary>\n\nIt finds suspicious code.\n\n</details>\n',
      expect: { title: 'Go Questions', numbers: [1, 2, 3], sections: ['Basics', 'Basics', 'Tools'], numbering: 'none', answers: ['light thread', 'Typed pipes.', 'suspicious code'], lines: [6, 13, 21] },
    },
    {
      name: 'numbered summaries, an answer written in the HTML block itself, an empty `<details>` unanswered',
      markdown: '# SQL\n\n<details><summary>1. What is a join?</summary>\nRows matched across tables.\n</details>\n\n<details><summary>2. What is an index?</summary></details>\n\n<details><summary>3. What is a view &amp; why?</summary>\n\nA stored query.\n\n</details>\n',
      expect: { title: 'SQL', numbers: [1, 2, 3], sections: [null, null, null], numbering: 'book', answers: ['Rows matched', '', 'A stored query.'], lines: [3, 7, 9] },
    },
  ],

  counterExamples: [
    {
      name: 'summaries that do not ask (`Answer`, `Solution`) and no question written otherwise: no questions, and why',
      markdown: '# Notes\n\n<details><summary>Answer</summary>\n\nForty-two.\n\n</details>\n\n<details><summary>Solution</summary>\n\nA loop.\n\n</details>\n',
      reports: [{ rule: 'input-error', line: 1 }],
    },
    {
      name: 'a question written as a `<details>` summary in a heading bank, numbered on from the one before it',
      markdown: '# Bank\n\n#### 1) What is bias?\nA.\n\n#### 2) What is variance?\nB.\n\n<details><summary>3) What is noise?</summary>\n\nC.\n\n</details>\n',
      reports: [{ rule: 'malformed-question-heading', line: 9 }],
    },
    {
      name: 'two `<details>` on one line (one HTML block holds one question), and a summary that asks outside the bank\'s number form',
      markdown:
        '# SQL\n\n<details><summary>1. What is a join?</summary>A.</details><details><summary>2. What is a key?</summary>B.</details>\n\n<details><summary>What is an index?</summary>\n\nC.\n\n</details>\n\n<details><summary>3. What is a view?</summary>\n\nD.\n\n</details>\n',
      reports: [
        { rule: 'malformed-question-heading', line: 3 },
        { rule: 'malformed-question-heading', line: 5 },
      ],
    },
    {
      name: 'a numbered summary used twice',
      markdown: '# SQL\n\n<details><summary>1. What is a join?</summary>\n\nA.\n\n</details>\n\n<details><summary>1. What is an index?</summary>\n\nB.\n\n</details>\n',
      reports: [{ rule: 'duplicate-number', line: 9 }],
    },
  ],
  // Stryker restore all
};
