// Each rule with a passing and a failing example, as remark-lint does.
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { validate } from '../src/rules/validate.js';
import { bookOf, read, ROOT } from './support/book.js';
import path from 'node:path';
import { parseBook } from '../src/read/parse.js';
import { META } from './support/book.js';

const q = (n: number | string, title: string, body = 'An answer. [[src]](https://src.example/a)', marks = '####') => `${marks} ${n}) ${title}\n${body}\n\n`;
const good = `# 2 Questions\n\n${q(1, 'What is bias?')}${q(2, 'What is variance?')}`;

interface Example {
  bad: string;
  /** The bank at `--since REF`, for the rules that compare versions. */
  before?: string;
  /** Line and part of the message the failing example must report. */
  line: number;
  message: RegExp;
}

const EXAMPLES: Record<string, Example> = {
  'duplicate-number': { bad: q(1, 'A?') + q(1, 'B?'), line: 4, message: /number 1 is used twice \(first at line 1\)/ },
  'numbering-gap': { bad: q(1, 'A?') + q(3, 'B?'), line: 4, message: /skips from 1 to 3/ },
  'numbering-order': { bad: q(1, 'A?') + q(3, 'B?') + q(2, 'C?'), line: 7, message: /2 comes after question 3/ },
  'numbering-start': { bad: q(2, 'A?') + q(3, 'B?'), line: 1, message: /numbered 2, not 1/ },
  'mixed-heading-depth': { bad: q(1, 'A?') + q(2, 'B?') + q(3, 'C?', 'X. [[src]](https://s.example)', '###'), line: 7, message: /depth-3 heading; 2 of 3 questions are depth 4/ },
  'title-count': { bad: `# 65 Machine Learning Interview Questions\n\n${q(1, 'A?')}`, line: 1, message: /claims 65 questions, but the bank has 1/ },
  'no-answer': { bad: q(1, 'A? [[src](https://s.example)]', ''), line: 1, message: /Question 1 has no answer/ },
  'answer-only-link': { bad: q(1, 'A? [[src](https://s.example)]', '[[Answer]](https://answer.example)'), line: 1, message: /answered only by a link/ },
  'no-source': { bad: q(1, 'A?', 'Just an answer.'), line: 1, message: /cites no source/ },
  'duplicate-question': { bad: q(1, 'What is bias?') + q(2, 'what is  BIAS'), line: 4, message: /repeats question 1 \(bank1.md:1\)/ },
  'insecure-link': { bad: q(1, 'A?', 'Yes. [[src]](http://plain.example/page)'), line: 2, message: /Insecure link http:\/\/plain.example\/page/ },
  'id-collision': { bad: q(1, 'A? <!-- id: same -->') + q(2, 'B? <!-- id: same -->'), line: 4, message: /"same" is already taken; it gets "same-2"/ },
  'malformed-question-heading': { bad: q(1, 'A?') + '#### 2 What is missing here?\nText.\n', line: 4, message: /looks like a question but is not one/ },
  'unplaced-content': { bad: `# T\n\n## Basics\n\n${q(1, 'A?')}# Part two\n\nText.\n\n## More\n\n${q(2, 'B?')}`, line: 8, message: /^Lines 8-10 \("# Part two"\), after question 1, belong to no question or topic, and are in no output\.$/ },
  'empty-question-title': { bad: q(1, 'A?') + q(2, '[[src](https://s.example)]'), line: 4, message: /Question 2 has no text/ },
  'math-syntax': { bad: q(1, 'A?', 'A half is $\\frac{1}{$ here. [[src]](https://src.example/a)'), line: 2, message: /Math "\\frac\{1\}\{" cannot be rendered: .*expected '\}'/ },
  'generated-text': { bad: q(1, 'A?', "Perplexity.\n\nSure, here's the formula for perplexity in LaTeX format:\n\n$2^{H(D)}$ [[src]](https://src.example/a)"), line: 4, message: /"Sure, here's" is a chatbot's leftover/ },
  'id-changed': {
    before: q(1, 'What is bias?', 'The error from wrong assumptions. [[src]](https://s.example)'),
    bad: q(1, 'What is the bias of a model?', 'The error from wrong assumptions. [[src]](https://s.example)'),
    line: 1,
    message: /Question 1 was reworded since HEAD: its id changes from "what-is-bias" to "what-is-the-bias-of-a-model"/,
  },
  'question-removed': { before: q(1, 'A?') + q(2, 'What is variance?', 'Spread. [[src]](https://s.example)'), bad: q(1, 'A?'), line: 1, message: /Question 2 "What is variance\?" \(id what-is-variance\) was removed since HEAD/ },
  'unsafe-link': { bad: q(1, 'A?', 'Yes. [click](javascript:alert(1)) [[src]](https://s.example)'), line: 2, message: /Unsafe link "javascript:alert\(1\)"/ },
};

/** The example's bank, with its version at `--since HEAD` where it has one. */
function exampleBook({ bad, before }: Example) {
  const book = bookOf(bad);
  if (before !== undefined) book.previous = { ref: 'HEAD', banks: bookOf(before).banks };
  return book;
}

describe.each(RULES.map((rule) => [rule.id, rule] as const))('rule %s', (id, rule) => {
  const example = EXAMPLES[id];

  it('has a failing example, a description and a hint', () => {
    expect(example, `add an example for ${id}`).toBeDefined();
    expect(rule.description).not.toBe('');
    expect(rule.hint).not.toBe('');
  });

  it('passes a clean bank', () => {
    expect(rule.check(bookOf(good))).toEqual([]);
  });

  it('reports the failing example at its line', () => {
    const findings = rule.check(exampleBook(example!));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ file: 'bank1.md', line: example!.line });
    expect(findings[0]!.message).toMatch(example!.message);
  });
});

describe('malformed-question-heading', () => {
  const loose = (md: string) => RULES.find((r) => r.id === 'malformed-question-heading')!.check(bookOf(md)).map((f) => f.line);

  it('flags headings at question depth (### or ####) that miss their ")" or "." and nothing else', () => {
    expect(loose(`${q(1, 'A?')}#### 2: What?\nX.\n\n### 3 Why?\nY.\n`)).toEqual([4, 7]);
    expect(loose(`## 2024 additions\n\n${q(1, 'A?')}##### 3 tips\n\n### 2.1 Linear models\nText.\n`)).toEqual([]);
  });

  it('suggests the heading as it should be written', () => {
    const [finding] = RULES.find((r) => r.id === 'malformed-question-heading')!.check(bookOf(`${q(1, 'A?')}#### 2: What?\nX.\n`));
    expect(finding!.hint).toBe('Write it as "#### 2) What?".');
  });
});

const check = (id: string, md: string) => RULES.find((r) => r.id === id)!.check(bookOf(md));

describe('duplicate-question', () => {
  const output = (n: number, code: string, fence = '```') => q(n, "What's the output?", `${fence}js\n${code}\n${fence}\n\nIt prints. [[src]](https://s.example)`);
  const repeats = (md: string) => check('duplicate-question', md).map((f) => f.line);

  it('reads the code an answer opens with as part of the question: other code is another question', () => {
    expect(repeats(output(1, 'f(1)') + output(2, 'f(2)'))).toEqual([]);
    expect(repeats(output(1, 'f(1)') + output(2, 'f(1)', '~~~~'))).toEqual([8]);
    expect(repeats(output(1, 'f(1)') + q(2, "What's the output?", 'It prints.\n\n```js\nf(2)\n```'))).toEqual([]);
    // Code later in the answer is no part of the question.
    expect(repeats(q(1, 'What is A?', 'A.\n\n```\nx\n```') + q(2, 'What is A?', 'A.\n\n```\ny\n```'))).toEqual([8]);
  });

  it('reads the whole code block, spaces, lines and look-alike fences included, and only a fenced block', () => {
    // Code that differs only after a space, or on a later line, or after a line ending in a fence's marks.
    expect(repeats(output(1, 'let a = 1') + output(2, 'let a = 2'))).toEqual([]);
    expect(repeats(output(1, 'f(1)\nx```\ng(1)') + output(2, 'f(1)\ny```\ng(1)'))).toEqual([]);
    // Inline code or strikethrough opening the answer is no code block: the same title repeats the question.
    expect(repeats(q(1, 'What is A?', '`a` is\none\n`b`.') + q(2, 'What is A?', '`a` is\ntwo\n`b`.'))).toEqual([6]);
    expect(repeats(q(1, 'What is A?', '~a~ is\none\n~b~.') + q(2, 'What is A?', '~a~ is\ntwo\n~b~.'))).toEqual([6]);
  });

  it('reads the code of list-item answers, indented under their item', () => {
    const fence = '```';
    const item = (n: number, code: string) => `${n}. ### What's the output?\n\n   ${fence}js\n   ${code}\n   ${fence}\n\n   It prints.\n\n`;
    expect(repeats(`# T\n\n${item(1, 'f(1)')}${item(2, 'f(2)')}${item(3, 'f(1)')}`)).toEqual([19]);
  });
});

describe('mixed-heading-depth', () => {
  it('compares each form of a file with itself: a list of `###` items, then `####` exercises', () => {
    const items = [1, 2, 3].map((n) => `${n}. ### What is ${n}?\n\n   Yes.\n\n`).join('');
    const exercises = [1, 2, 3].map((n) => `#### ${n}. What is the output ${n}?\n\nNo.\n\n`).join('');
    const md = `# T\n\n${items}4. #### What is four?\n\n   Yes.\n\n### Exercises\n\n${exercises}`;
    expect(bookOf(md).banks[0]!.forms).toEqual([{ line: 19, layout: 'headings', questionDepth: 4, numberForm: '{n}.' }]);
    expect(check('mixed-heading-depth', md).map((f) => [f.line, f.message])).toEqual([[15, 'Question 4 is a depth-4 heading; 3 of 4 questions are depth 3 (###).']]);
  });

  it('starts a form at its first question when no heading comes before it, and counts that question in it alone', () => {
    const items = [1, 2, 3].map((n) => `${n}. ### What is ${n}?\n\n   Yes.\n\n`).join('');
    const exercises = [1, 2, 3].map((n) => `#### ${n}. What is the output ${n}?\n\nNo.\n\n`).join('');
    const md = `# T\n\n${items}${exercises}`;
    expect(bookOf(md).banks[0]!.forms).toEqual([{ line: 15, layout: 'headings', questionDepth: 4, numberForm: '{n}.' }]);
    expect(check('mixed-heading-depth', md)).toEqual([]);
  });
});

describe('id-collision', () => {
  it('leaves the same question asked twice to duplicate-question', () => {
    const rules = validate(bookOf(q(1, 'What is bias?') + q(2, 'What is bias?'))).map((d) => d.rule);
    expect(rules).toEqual(['duplicate-question']);
  });
});

describe('validate', () => {
  it('applies the severities of mlq.yaml and turns rules off', () => {
    const book = bookOf(q(1, 'A?', 'Just an answer.'));
    expect(validate(book).map((d) => [d.rule, d.severity])).toEqual([['no-source', 'info']]);
    expect(validate(book, { 'no-source': 'error' }).map((d) => d.severity)).toEqual(['error']);
    expect(validate(book, { 'no-source': 'off' })).toEqual([]);
  });

  it('gives every diagnostic a rule, severity, message, hint and place', () => {
    const [d] = validate(bookOf(q(1, 'A?') + q(1, 'B?')));
    expect(d).toEqual({
      rule: 'duplicate-number',
      severity: 'error',
      message: 'Question number 1 is used twice (first at line 1).',
      hint: 'Renumber it, e.g. to 2 if it is the last one.',
      file: 'bank1.md',
      line: 4,
      column: 1,
    });
  });
});

describe('math-syntax', () => {
  const rule = RULES.find((r) => r.id === 'math-syntax')!;

  it('points at the character KaTeX stopped at, and gives its message', () => {
    const [finding] = rule.check(bookOf(q(1, 'A?', 'Then $x^{2$ and more. [[src]](https://s.example)')));
    expect(finding).toMatchObject({ line: 2, column: 6 + 1 + 4 });
    expect(finding!.message).toMatch(/Expected '\}', got 'EOF'/);
  });

  it('accepts what GitHub renders with MathJax though KaTeX lacks it (eqnarray, an inline \\tag), and GitHub\'s math images', () => {
    const bank = q(1, 'A?', '$$\n\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}\n$$\n\nAnd $x \\tag{1}$ and <img src="https://render.githubusercontent.com/render/math?math=\\sum_{i}%20x_i"> but <img src="https://render.githubusercontent.com/render/math?math=\\frac{1}{">. [[src]](https://s.example)');
    expect(rule.check(bookOf(bank)).map((f) => f.message)).toEqual([expect.stringMatching(/^Math "\\frac\{1\}\{" cannot be rendered/)]);
  });

  it('reads display math and ```math blocks, math in titles and front matter, and leaves currency alone', () => {
    const bank = `# Bank\n\nIntro $\\bad$.\n\n${q(1, 'What is $\\sqrt{$?', '$$\n\\frac{1\n$$\n\n```math\n\\left(\n```\n\nIt costs $5 and $10. [[src]](https://s.example)')}`;
    expect(new Set(rule.check(bookOf(bank)).map((f) => f.file))).toEqual(new Set(['bank1.md']));
    expect(rule.check(bookOf(bank)).map((f) => [f.line, f.column])).toEqual([
      // "\bad" is unknown from its first character; "\sqrt{" ends early, in the title.
      [3, 7 + 1],
      [5, 17 + 1 + 6],
      [6, 1],
      [10, 1],
    ]);
  });

  it('refuses a command that makes a link or style on an Anki card, at the command, before KaTeX\'s verdict', () => {
    const findings = rule.check(bookOf(q(1, 'A?', 'Go $x + \\href{javascript:alert(1)}{y} + \\frac{1}{$ now. [[src]](https://s.example)')));
    expect(findings).toEqual([{ file: 'bank1.md', line: 2, column: 4 + 1 + 4, message: 'Math "x + \\href{javascript:alert(1)}{y} + \\..." uses \\href, which can make a link, style or script on an Anki card: it is not allowed.' }]);
  });

  it('names the opening $ of an inline formula that spans lines', () => {
    const [finding] = rule.check(bookOf(q(1, 'A?', 'See $x +\ny^{2$ here. [[src]](https://s.example)')));
    expect([finding!.line, finding!.column]).toEqual([2, 5]);
  });

  it('finds nothing in the NLP bank, whose TeX renders', () => {
    expect(rule.check(bookOf(read(path.join(ROOT, 'test/fixtures/upstream-NLP-README.md'))))).toEqual([]);
  });
});

describe('generated-text', () => {
  const upstreamNlp = () =>
    parseBook({ meta: META, sources: [{ file: 'NLP/README.md', text: read(path.join(ROOT, 'test/fixtures/upstream-NLP-README.md')) }] });

  it('flags the chatbot leftover of the upstream NLP bank at its line, and notes once that the bank says it was generated', () => {
    const found = validate(upstreamNlp()).filter((d) => d.rule === 'generated-text');
    expect(found.map(({ line, column, severity }) => ({ line, column, severity }))).toEqual([
      { line: 4, column: 42, severity: 'info' },
      { line: 56, column: 1, severity: 'warning' },
    ]);
    expect(found[0]!.message).toBe('The bank says its answers were generated using ChatGPT: check them against their sources.');
    expect(found[1]!.message).toBe('"Sure, here\'s" is a chatbot\'s leftover in an answer.');
  });

  it('keeps the note an info whatever mlq.yaml sets the rule to, and turns both off with it', () => {
    expect(validate(upstreamNlp(), { 'generated-text': 'error' }).filter((d) => d.rule === 'generated-text').map((d) => d.severity)).toEqual(['info', 'error']);
    expect(validate(upstreamNlp(), { 'generated-text': 'off' }).filter((d) => d.rule === 'generated-text')).toEqual([]);
  });

  const findings = (bank: string) => RULES.find((r) => r.id === 'generated-text')!.check(bookOf(bank));
  const places = (body: string) => findings(q(1, 'A?', body)).map((f) => [f.line, f.column]);

  it('knows the other leftovers, and not a question that only mentions an AI', () => {
    expect(places('As an AI language model, I cannot.\n\nI hope this helps!\n\nCertainly! Here is more.\n\nOf course, here is a list:')).toEqual([[2, 1], [4, 1], [6, 1], [8, 1]]);
    expect(places('Sure here’s one.\n\nAs an AI, I would.\n\nI hope that helps.')).toEqual([[2, 1], [4, 1], [6, 1]]);
    expect(places('An AI model is trained on data; here is how. Unsure, here is why. As an AIM user, sure. [[src]](https://s.example)')).toEqual([]);
  });

  it('finds a leftover at its column, inside a list item and on a later line of a paragraph', () => {
    expect(places('- Sure, here\'s a list')).toEqual([[2, 3]]);
    expect(places('First line.\nThen: Sure, here\'s more')).toEqual([[3, 7]]);
    // The text node starts after the emphasis; its second line starts the line.
    expect(places('*First* line.\nThen: Sure, here\'s more')).toEqual([[3, 7]]);
    expect(findings(q(1, 'A?', 'Text: I hope this helps'))[0]!.message).toBe('"I hope this helps" is a chatbot\'s leftover in an answer.');
  });

  it('reads only answers for leftovers, and only the front matter for the note', () => {
    expect(findings(`# Bank\n\nSure, here's the list.\n\n${q(1, "Sure, here's a question?")}`)).toEqual([]);
    expect(findings(q(1, 'A?', 'These answers were generated by ChatGPT.')).map((f) => f.message)).toEqual([]);
  });

  it('notes the ways a bank says it was generated, once, with its words and hint', () => {
    const note = (intro: string) => findings(`# Bank\n\n${intro}\n\n${q(1, 'A?')}`);
    expect(note('Answers written by a chatbot, and generated using AI.')).toEqual([
      {
        file: 'bank1.md',
        line: 3,
        column: 9,
        severity: 'info',
        message: 'The bank says its answers were written by a chatbot: check them against their sources.',
        hint: 'Review the generated answers; cite a source for each.',
      },
    ]);
    expect(note('Generated with GPT-4.')[0]!.message).toMatch(/were Generated with GPT:/);
    expect(note('written with an AI and a language model')[0]!.message).toMatch(/were written with an AI:/);
    expect(note('Written with Aida and generated by AIs.')).toEqual([]);
  });
});
