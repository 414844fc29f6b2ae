// Questions as numbered headings: `#### 12) What ...?`, `## 12. What ...?`, `### Q12: What ...? ###`,
// `### Question 12: ...`; or, in a bank that numbers none, every heading at the question depth.
import type { Heading, PhrasingContent, RootContent, Text } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { plural } from '../../plural.js';
import { ENDS_AS_QUESTION, formFamily, LOOKS_NUMBERED, mostFrequent, NAVIGATION_HEADING, numberedAsks, numberForm, numberIn, opensAsQuestion, writeNumber, type Layout, type NumberFound, type ScanLine } from './layout.js';

/** Where questions are looked for first; `#####` and `######` only in a bank with none there (lydiahallie's `###### 1.`). */
const QUESTION_DEPTHS = [2, 3, 4];
const DEEP_DEPTHS = [5, 6];

const shown = (form: string) => `"${writeNumber(form, 12)}"`;

/** The heading's first words, after any leading HTML such as an `<a name="q2"></a>` anchor. */
export function leadingText(children: PhrasingContent[]): Text | undefined {
  const first = children.find((c) => c.type !== 'html');
  return first?.type === 'text' ? first : undefined;
}

/**
 * The question depth: the shallowest depth whose numbered headings hold most of the deeper numbered ones
 * (those are steps inside answers), else the next depth down. A few numbered headings above the question
 * depth that hold none (the upstream's two `### 66)`) stay questions written at the wrong depth.
 */
function questionDepth(numbered: ScanLine[], all: ScanLine[]): number {
  const numberedLines = new Set(numbered.map((l) => l.line));
  const depths = [...new Set(numbered.map((l) => l.depth))].sort((a, b) => a - b);
  for (const depth of depths) {
    let holder = false;
    let deeper = 0;
    let held = 0;
    for (const line of all) {
      if (line.depth === 0) continue;
      if (line.depth <= depth) holder = line.depth === depth && numberedLines.has(line.line);
      else if (numberedLines.has(line.line)) {
        deeper++;
        if (holder) held++;
      }
    }
    // One heading above all the others is a question at the wrong depth, not a bank of questions with steps.
    if (numbered.filter((l) => l.depth === depth).length > 1 && 2 * held >= deeper) return depth;
  }
  // The deepest depth: nothing deeper is numbered, or it has a single heading.
  return depths.at(-1)!;
}

/**
 * The families of numbers with levels (`1.2.3`) that number questions: two headings or more, most of which
 * ask (two in three). A book numbers its own sections so too (`#### 2.1.1.1 Technical skills`), and they ask
 * rarely; one such heading that asks is the title of its chapter (`#### 2.1.1.3 What exactly is culture fit?`).
 */
function askingLevelFamilies(withForm: { l: ScanLine; found: NumberFound | null }[]): Set<string> {
  const counts = new Map<string, { all: number; asking: number }>();
  for (const { l, found } of withForm) {
    if (!found?.parent) continue;
    const family = formFamily(found.form);
    const count = counts.get(family) ?? { all: 0, asking: 0 };
    count.all++;
    if (numberedAsks(l.title)) count.asking++;
    counts.set(family, count);
  }
  return new Set([...counts].filter(([, c]) => c.all > 1 && 3 * c.asking >= 2 * c.all).map(([family]) => family));
}

/** The number forms of the headings at these depths that number questions: plain numbers, and numbers with levels of a family that asks. */
function questionForms(headingLines: ScanLine[], depths: number[]): string[] {
  const withForm = headingLines.filter((l) => depths.includes(l.depth)).map((l) => ({ l, found: numberForm(l.title) }));
  const asking = askingLevelFamilies(withForm);
  return withForm.flatMap(({ found }) => (found && (!found.parent || asking.has(formFamily(found.form))) ? [found.form] : []));
}

/** A number after the hashes an author typed into the heading's text (`## # 3. Joins`), or alone (`## 3 Joins`). */
const NUMBERED_TOPIC = /^(?:#+[ \t]*)?\d+[.)]?[ \t]+\S/;

/**
 * A topic written at the question depth, told apart by its form: numbered among unnumbered questions
 * (`## # 3. Joins` among `## Q. What is a join?`), or unnumbered among numbered ones (`## Joins` among
 * `## 12) What ...?`, and numbered in no form), and asking nothing. Among unnumbered questions, an unnumbered heading is a question
 * whatever it says (`## Difference between let and var`).
 */
export function isTopicAtQuestionDepth(title: string, form: string | null): boolean {
  if (numberedAsks(title) || NAVIGATION_HEADING.test(title)) return false;
  // Among numbered questions, any number says otherwise: `#### 12.1 A sub-heading` under `#### 12)` is its step.
  return form === null ? NUMBERED_TOPIC.test(title) : numberForm(title) === null && !LOOKS_NUMBERED.test(title);
}

export const headings: Layout = {
  id: 'headings',
  description: 'Questions are headings at depth 2, 3 or 4 (5 or 6 in a bank with none there), numbered `12)`, `12.`, `Q12:`, `Q12.`, `Q12)`, `Question 12:` or with levels `1.2.3` (numbered again under each upper level), or all unnumbered; deeper headings belong to the answer.',

  scan(lines, options) {
    const headingLines = lines.filter((l) => l.depth >= 2 && !l.inDetails);
    // Questions are searched at depths 2 to 4 where a heading there asks or is numbered as questions are (a book's
    // `## 1.1 Basics` over `###### 1)` questions is not), else at 5 and 6.
    const shallowForms = questionForms(headingLines, QUESTION_DEPTHS);
    const shallow = shallowForms.length > 0 || headingLines.some((l) => QUESTION_DEPTHS.includes(l.depth) && ENDS_AS_QUESTION.test(l.title));
    const depths = options.depth ? [options.depth] : shallow ? QUESTION_DEPTHS : DEEP_DEPTHS;
    // Stryker disable next-line ConditionalExpression: computing them again gives the same forms; this only spares the work.
    const forms = depths === QUESTION_DEPTHS ? shallowForms : questionForms(headingLines, depths);
    const families = mostFrequent(forms.map(formFamily));
    if (families.length) {
      // The family most headings use, written as most of them write it.
      const form = mostFrequent(forms.filter((f) => formFamily(f) === families[0]![0]))[0]![0];
      const numbered = headingLines.filter((l) => numberIn(l.title, form) !== null);
      const depth = options.depth ?? questionDepth(numbered.filter((l) => depths.includes(l.depth)), lines);
      const questions = numbered.filter((l) => l.depth === depth || l.depth === depth - 1);
      const above = questions.filter((l) => l.depth < depth).length;
      const below = numbered.filter((l) => l.depth > depth).length;
      const other = families.slice(1).map(([family, n]) => `${n} like ${shown(forms.find((f) => formFamily(f) === family)!)}`);
      return {
        lines: questions.map((l) => l.line),
        depth,
        form,
        // Stryker disable next-line ArithmeticOperator: readingOf sets a heading bank's structural depth once the topic depth is known.
        structuralDepth: depth - 1,
        why:
          `${plural(questions.length - above, 'heading')} at depth ${depth} numbered like ${shown(form)}` +
          (above ? `, ${above} at depth ${depth - 1}` : '') +
          (below ? `; ${plural(below, 'numbered heading')} deeper, inside answers` : '') +
          (other.length ? `; other number forms: ${other.join(', ')}` : ''),
      };
    }
    const asked = headingLines.filter((l) => depths.includes(l.depth) && ENDS_AS_QUESTION.test(l.title));
    const depth = options.depth ?? mostFrequent(asked.map((l) => l.depth))[0]?.[0] ?? 0;
    // The questions start at the first that ends in "?", or at the run of headings just before it that open as
    // questions (`## What is Go` over `## Why use Go` over `## What is a goroutine?`): never front matter.
    const atQuestionDepth = headingLines.filter((l) => l.depth === depth);
    let start = atQuestionDepth.findIndex((l) => asked.includes(l));
    while (start > 0 && opensAsQuestion(atQuestionDepth[start - 1]!.title)) start--;
    const first = atQuestionDepth[start]?.line ?? Infinity;
    // One heading that asks is a title or a section's (`## How long do I need?` over prose), not a bank.
    const atDepth = asked.filter((l) => l.depth === depth);
    const titleOnly = !options.layout && !options.depth && atDepth.length === 1 && atDepth[0] === headingLines[0] && headingLines[0] === lines.find((l) => l.depth > 0);
    const questions = titleOnly ? [] : headingLines.filter((l) => l.depth === depth && l.line >= first && !NAVIGATION_HEADING.test(l.title) && !isTopicAtQuestionDepth(l.title, null));
    return {
      lines: questions.map((l) => l.line),
      depth,
      form: null,
      // Stryker disable next-line ArithmeticOperator: as above, readingOf sets it.
      structuralDepth: depth - 1,
      ...(titleOnly && { rejected: `line ${atDepth[0]!.line} is the title, not a question` }),
      why: titleOnly
        ? `the one heading ending in "?" is the first one: a title, not a question`
        : `${plural(questions.length, 'unnumbered heading')} at depth ${depth}, from the first one that asks`,
    };
  },

  isQuestionLine(line, reading) {
    if (line.depth !== reading.depth) return false;
    return reading.form ? numberIn(line.title, reading.form) !== null : line.line >= reading.firstQuestionLine && !NAVIGATION_HEADING.test(line.title) && !isTopicAtQuestionDepth(line.title, null);
  },

  starts(node: RootContent, reading) {
    if (node.type !== 'heading') return null;
    const start = (heading: Heading, number: number | null, parentNumber?: string) => ({
      lead: [],
      starts: [{ head: { children: heading.children, depth: heading.depth, position: heading.position }, number, ...(parentNumber && { parentNumber }), body: [] }],
    });
    // Stryker disable next-line StringLiteral: a heading without leading text has no number and is no navigation heading, whatever the default.
    const text = leadingText(node.children)?.value ?? '';
    if (reading.form === null) {
      const line = node.position?.start.line ?? 0;
      // A topic is told by its whole text, as the scan reads it (`## # 3. **Joins**`).
      return node.depth === reading.depth && line >= reading.firstQuestionLine && !NAVIGATION_HEADING.test(text) && !isTopicAtQuestionDepth(toString(node, { includeHtml: false }), null) ? start(node, null) : null;
    }
    const found = numberIn(text, reading.form);
    if (!found) return null;
    // A numbered heading one level above the question depth is a question too, unless it opens a section (parse.ts).
    if (node.depth === reading.depth || (node.depth === reading.depth - 1 && node.depth >= 2)) return start(node, found.number, found.parent);
    return null;
  },

  // Stryker disable all: the examples are test data (test/layouts.test.ts reads each), not reader logic.
  examples: [
    {
      name: 'the upstream list: `####` questions under a `##` section',
      markdown: '# 2 ML Questions\nIntro.\n\n## Questions\n\n#### 1) What is bias? [[src](https://s.example/1)]\nError from wrong assumptions.\n\n#### 2. What is variance?\nError from sensitivity.\n\n## Contributions\nFork it.\n',
      expect: { title: '2 ML Questions', numbers: [1, 2], sections: ['Questions', 'Questions'], numbering: 'book', answers: ['wrong assumptions', 'sensitivity'], lines: [6, 9] },
    },
    {
      name: '`## 12.` questions with numbered `###` steps inside their answers',
      markdown: '# Questions\n\n## 1. What is a closure?\nA function with its scope.\n\n### 1. Step one\nDefine it.\n\n### 2. Step two\nCall it.\n\n## 2. What is hoisting?\nDeclarations move up.\n',
      expect: { title: 'Questions', numbers: [1, 2], sections: [null, null], numbering: 'book', answers: ['Step two', 'move up'], lines: [3, 12] },
    },
    {
      name: '`###` topics over `####` questions numbered again from 1 in each topic',
      markdown: '# Deep Learning Questions\n\n### Basics\n\n#### 1) What is a neuron?\nA unit.\n\n#### 2) What is a layer?\nUnits.\n\n### Training\n\n#### 1) What is SGD?\nA method.\n\n#### 2) What is a batch?\nSamples.\n',
      expect: { title: 'Deep Learning Questions', numbers: [1, 2, 1, 2], sections: ['Basics', 'Basics', 'Training', 'Training'], numbering: 'section', answers: ['A unit.', 'Units.', 'A method.', 'Samples.'], lines: [5, 8, 13, 16] },
    },
    {
      name: '`Q12:` headings with closing hashes, the title after front matter',
      markdown: '# Preparation Resources\nBooks.\n\n# 2 Python Questions\n\n### Q1: What is a list? ###\nA sequence.\n\n### Q2: What is a dict? ###\nA map.\n',
      expect: { title: '2 Python Questions', numbers: [1, 2], sections: [null, null], numbering: 'book', answers: ['A sequence.', 'A map.'], lines: [6, 9] },
    },
    {
      name: '`Question 12:` headings, the only `##` heading as the title',
      markdown: '## Probability (2 questions)\n\n### Question 1: What is a prior?\nA belief.\n\n### Question 2: What is a posterior?\nAn update.\n',
      expect: { title: 'Probability (2 questions)', numbers: [1, 2], sections: [null, null], numbering: 'book', answers: ['A belief.', 'An update.'], lines: [3, 6] },
    },
    {
      name: 'unnumbered question headings',
      markdown: '# Go Questions\n\n## Basics\n\n### What is a goroutine?\nA light thread.\n\n### Explain channels.\nTyped pipes.\n',
      expect: { title: 'Go Questions', numbers: [1, 2], sections: ['Basics', 'Basics'], numbering: 'none', answers: ['light thread', 'Typed pipes.'], lines: [5, 8] },
    },

    {
      name: '`######` questions with the answer in `<details>`, its own headings inside',
      markdown:
        "# JS Questions\n\n###### 1. What's the output?\n\n```js\nf(1)\n```\n\n<details><summary><b>Answer</b></summary>\n<p>\n\n#### Answer: A\n\nIt runs.\n\n</p>\n</details>\n\n###### 2. What's the output?\n\n```js\nf(2)\n```\n\n<details><summary><b>Answer</b></summary>\n<p>\n\n#### Answer: B\n\nIt fails.\n\n</p>\n</details>\n",
      expect: { title: 'JS Questions', numbers: [1, 2], sections: [null, null], numbering: 'book', answers: ['It runs.', 'It fails.'], lines: [3, 19] },
    },
    {
      name: 'topics at the question depth, told apart by their form: `## # 2. Joins` among unnumbered `## Q.` questions (one without "?" still a question)',
      markdown: '# SQL Questions\n\n## # 1. Basics\n\n## Q. What is SQL?\nA language.\n\n## # 2. Joins\n\n## Q. What is a join?\nRows matched.\n\n## Q. Difference between inner and outer joins\nUnmatched rows.\n',
      expect: { title: 'SQL Questions', numbers: [1, 2, 3], sections: ['# 1. Basics', '# 2. Joins', '# 2. Joins'], numbering: 'none', answers: ['A language.', 'Rows matched.', 'Unmatched rows.'], lines: [5, 10, 13] },
    },
    {
      name: 'topics at the question depth: unnumbered `## Joins` among numbered `## 12)` questions',
      markdown: '# SQL Questions\n\n## Basics\n\n## 1) What is SQL?\nA language.\n\n## Joins\n\n## 2) What is a join?\nRows matched.\n',
      expect: { title: 'SQL Questions', numbers: [1, 2], sections: ['Basics', 'Joins'], numbering: 'book', answers: ['A language.', 'Rows matched.'], lines: [5, 10] },
    },
    {
      name: 'numbers with levels, `### 1.1.1` under `## 1.1` topics, numbered again in each; a full-width "？"',
      markdown: '# 机器学习面试题\n\n## 1.1 基础\n\n### 1.1.1 什么是过拟合？\n模型记住了训练数据。\n\n### 1.1.2 What is variance?\nError from sensitivity.\n\n## 1.2 Training\n\n### 1.2.1 What is SGD?\nA method.\n',
      expect: { title: '机器学习面试题', numbers: [1, 2, 1], sections: ['1.1 基础', '1.1 基础', '1.2 Training'], numbering: 'section', answers: ['训练数据', 'sensitivity', 'A method.'], lines: [5, 8, 13] },
    },
    {
      name: 'numbers with levels and no topic headings: numbered again under each upper level (`### 1.2`, then `### 2.1`)',
      markdown: '# Questions\n\n### 1.1 What is bias?\nA.\n\n### 1.2 What is variance?\nB.\n\n### 2.1 What is SGD?\nC.\n',
      expect: { title: 'Questions', numbers: [1, 2, 1], sections: [null, null, null], numbering: 'section', answers: ['A.', 'B.', 'C.'], lines: [3, 6, 9] },
    },
  ],

  counterExamples: [
    {
      name: 'a prose chapter whose title asks: a title, not a question',
      markdown: '## 4.1 How long do I need for my job search?\n\nIt depends on many things.\n',
      reports: [{ rule: 'input-error', line: 1 }],
    },
    {
      name: 'a contributor writes `### Q68:` and `68 - What` in a `#### 68)` bank',
      markdown: '# Bank\n\n#### 1) What is bias?\nA.\n\n### Q2: What is variance?\nB.\n\n#### 3 - What is noise?\nC.\n',
      reports: [
        { rule: 'malformed-question-heading', line: 6 },
        { rule: 'malformed-question-heading', line: 9 },
      ],
    },
    {
      name: 'a chapter numbering its sections with levels, most of which do not ask: a title, not questions',
      markdown: '## 2.1 What is culture fit?\n\nProse.\n\n## 2.2 Interests\n\nProse.\n\n## 2.3 Personality\n\nProse.\n',
      reports: [{ rule: 'input-error', line: 1 }],
    },
    {
      name: 'a number with levels used twice under its upper level (`1.2.1` twice), not across them (`1.1.1`)',
      markdown: '# Questions\n\n### 1.1.1 What is bias?\nA.\n\n### 1.2.1 What is variance?\nB.\n\n### 1.2.1 What is SGD?\nC.\n',
      reports: [{ rule: 'duplicate-number', line: 9 }],
    },
  ],
  // Stryker restore all
};
