// Whatever Markdown a contributor writes, the parser and the rules return a model and diagnostics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hastToHtml } from '../src/read/markdown.js';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseMarkdown } from '../src/read/markdown.js';
import { validate } from '../src/rules/validate.js';
import { unzipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { FORMATS } from '../src/writers/index.js';
import { bookOf } from './support/book.js';
import { epubXmlFiles, isScriptUrl, linkTargets, xmlErrors } from './support/outputs.js';
import { MlqError } from '../src/errors.js';
import type { Book } from '../src/model.js';

// Fragments biased toward what trips a question parser: headings, numbers, brackets, links, HTML, code.
const fragment = fc.oneof(
  fc.constantFrom('# ', '## ', '### ', '#### ', '##### ', '\n', '\n\n', '1) ', '12. ', '66) ', 'Q7: ', 'Question 3: ', ' ###', '1. ### ', '   ', '?', '**Why?**', '**12) What?**', '<details><summary>Answer</summary>\n\n', '<details><summary>Why?</summary>', '<summary>', '</details>', '1.2.3 ', '**[⬆ Back to Top](#table-of-contents)**', '### Table of Contents', '<a href="#"><img src="https://i.example/a.png"></a>', '[![b](https://i.example/b.png)](https://l.example)', '[', ']', '(', ')', '[[src]](', '[[Answer]](', 'https://x.example/', 'http://y.example', '<!-- id: a -->', '<script>', '</script>', '<img src=x onerror=alert(1)>', '```', '`', '*', '**', '- ', '| a | b |\n|---|---|\n', '> ', '&amp;', '\u0000', '\uFFFD', 'λ', '😀', '\t', '\\'),
  fc.string({ maxLength: 12 }),
);
const markdown = fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join(''));
// Each layout's first question, then anything: the reader always reads the rest, in that layout.
const LAYOUT_OPENINGS = ['', '#### 1) What is bias?\nA.\n\n', '## 1. What?\nA.\n\n', '### Q1: What? ###\nA.\n\n', '## Topic\n\n### What is it?\nA.\n\n', '1. ### What is a closure?\n\n   A.\n\n', '## Topic\n\n**What is JSX? 👶**\n\nA.\n\n', '<details>\n<summary>What is it?</summary>\n\nA.\n\n</details>\n\n', '### 1.1.1 What is it?\nA.\n\n### 1.1.2 Why?\nB.\n\n'];
const bank = fc.tuple(fc.constantFrom(...LAYOUT_OPENINGS), markdown).map(([opening, rest]) => opening + rest);

describe('parser and rules on arbitrary Markdown', () => {
  it('never throw, and return a well-formed model with diagnostics', () => {
    const layouts = new Set<string>();
    fc.assert(
      fc.property(bank, (text) => {
        const book = bookOf(text);
        // A bank with no question lines says why in one line, which the CLI reports as its input error.
        if (book.banks[0]!.questions.length === 0) expect(book.banks[0]!.explanation[0]).toMatch(/^bank1\.md(?::\d+)?: no questions found: [^\n]+$|^detected: /);
        const diagnostics = validate(book);
        const questions = book.banks[0]!.questions;
        if (questions.length) layouts.add(book.banks[0]!.layout);
        expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
        for (const q of questions) {
          expect(q.line).toBeGreaterThanOrEqual(1);
          expect(hastToHtml(q.answerTree)).not.toMatch(/<script|onerror=|javascript:/i);
        }
        for (const d of diagnostics) expect(d.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 600, seed: 20261126 },
    );
    expect([...layouts].sort()).toEqual(['bold', 'details', 'headings', 'list']);
  });
});

describe('parsing a large document in pieces', () => {
  const whole = unified().use(remarkParse).use(remarkGfm);
  // Blocks that a careless cut would break: fences, HTML blocks of every kind, headings inside them.
  const block = fc.constantFrom(
    '#### 1) A question?\nAn answer with *emphasis* and a [link](https://x.example).\n',
    '## A section\n',
    '```\n# not a heading\n#### 2) nor a question\n```\n',
    '~~~~\n## still code\n~~~~\n',
    '<div>\n#### 3) inside an HTML block\n</div>\n',
    '<pre>\n# in pre\n\n## still in pre\n</pre>\n',
    '<!--\n# in a comment\n-->\n',
    '<!--\nnot the end: </pre>\n\n# in a comment\n-->\n',
    '<pre>\nnot the end: -->\n\n# in pre\n</pre>\n',
    '<?php\n\n# in a processing instruction\n?>\n',
    '<![CDATA[\n\n# in CDATA\n]]>\n',
    '<!DOCTYPE html\n\n# in a declaration\n>\n',
    '> quote\n# heading after a quote\n',
    '- item\n  # heading in a list item\n',
    '| a | b |\n|---|---|\n| 1 | 2 |\n',
    'Paragraph\n# interrupting heading\n',
    '\n',
  );
  const large = fc.array(block, { minLength: 20, maxLength: 40 }).map((blocks) => {
    let text = '';
    while (text.length < 140 * 1024) text += `${blocks.join('\n')}\n`;
    return text;
  });

  it('gives the same tree, positions included, as parsing it whole', () => {
    fc.assert(
      fc.property(large, (text) => {
        // Compared as JSON: a deep equality on tens of thousands of nodes takes seconds.
        expect(JSON.stringify(parseMarkdown(text)) === JSON.stringify(whole.runSync(whole.parse(text)))).toBe(true);
      }),
      { numRuns: 10, seed: 20261126 },
    );
  });
});

describe('the outputs of arbitrary banks', () => {
  // What would break an XML file or smuggle a script link, in a bank and in the book's metadata.
  const hostile = fc.oneof(
    fragment,
    fc.constantFrom(']]>', '<![CDATA[', ']]', '&#93;]>', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:x', 'java\tscript:x', 'jav&#x61;script:x', '&#106;avascript:x', 'data:text/html,x', 'vbscript:x'),
    fc.constantFrom('[a](javascript:alert(1))', '<javascript:alert(1)>', '[[src](javascript:x)]', '[[Answer]](jav&#x61;script:x)', '<a href="javascript:x">a</a>', '<a href="jav&#x09;ascript:x">a</a>', '![i](javascript:x)', '[r]: javascript:x\n\n[r]', '<svg><a xlink:href="javascript:x">s</a></svg>'),
  );
  const bank = fc.array(hostile, { maxLength: 40 }).map((parts) => `# Bank ${parts.slice(0, 3).join('')}\n\n#### 1) ${parts.slice(3, 8).join('')}? [[src](https://s.example)]\n${parts.slice(8).join('')}\n`);
  const text = fc.array(hostile, { maxLength: 6 }).map((parts) => parts.join(''));

  it('EPUB pages are well-formed XML and no output links to javascript:', async () => {
    const formats = await Promise.all((['json', 'csv', 'apkg', 'epub', 'pdf'] as const).map(async (name) => [name, await FORMATS[name].load()] as const));
    await fc.assert(
      fc.asyncProperty(bank, text, text, async (markdown, title, author) => {
        const book = bookOf(markdown);
        book.meta = { ...book.meta, title: title || 'T', authors: [author], subtitle: title, upstream: 'https://example.org/x' };
        const context = { config: DEFAULT_CONFIG, readAsset: async () => 'was not found' };
        for (const [name, writer] of formats) {
          const { files } = await writer.write(book, context);
          for (const file of files) {
            const raw = Buffer.from(file.bytes).toString(name === 'pdf' ? 'latin1' : 'utf8');
            const targets =
              name === 'epub'
                ? Object.entries(epubXmlFiles(file.bytes)).flatMap(([entry, xml]) => (expect(xmlErrors(xml), entry).toEqual([]), linkTargets(xml, 'xml')))
                : name === 'apkg'
                  ? (await deckFields(file.bytes)).flatMap((html) => linkTargets(html, 'html'))
                  : name === 'pdf'
                    ? linkTargets(raw, 'pdf')
                    : name === 'json'
                      ? jsonUrls(raw)
                      : linkTargets(raw, 'html');
            expect(targets.filter(isScriptUrl), `${name} ${file.path}`).toEqual([]);
          }
        }
      }),
      { numRuns: 25, seed: 20261201 },
    );
  });
});

/** The HTML fields Anki renders: notes.flds of the deck's database, split at 0x1f. */
async function deckFields(apkg: Uint8Array): Promise<string[]> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(unzipSync(apkg)['collection.anki2']!);
  try {
    return (db.exec('SELECT flds FROM notes')[0]?.values ?? []).flatMap(([flds]) => String(flds).split('\x1f'));
  } finally {
    db.close();
  }
}

/** The URL fields of questions.json and the links of its HTML fields. */
function jsonUrls(text: string): string[] {
  const urls: string[] = [];
  JSON.parse(text, (key, value) => {
    if (typeof value === 'string' && (key === 'url' || key === 'href' || key.endsWith('Url'))) urls.push(value);
    if (typeof value === 'string' && key.endsWith('Html')) urls.push(...linkTargets(value, 'html'));
    return value;
  });
  return urls;
}

describe('banks in every question form, alone and two in one file', () => {
  const word = fc.constantFrom('closure', 'hoisting', 'bias', 'variance', 'tensor', 'graph', 'Ähnlichkeit', 'λ-calculus');
  const question = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => ({ title: `What is ${words.join(' ')}?`, answer: `It is ${words.join(' ')}.` }));
  type Q = { title: string; answer: string };
  const fullWidth = (title: string) => title.replace('?', '？');
  // Each form writes numbered questions (from 1) as a real list does; the layout it is read in.
  const FORMS: Record<string, { layout: string; write: (q: Q, n: number) => string }> = {
    heading2: { layout: 'headings', write: (q, n) => `## ${n}) ${q.title}\n\n${q.answer}\n\n` },
    heading4: { layout: 'headings', write: (q, n) => `#### Q${n}: ${q.title}\n\n${q.answer}\n\n` },
    headingLevels: { layout: 'headings', write: (q, n) => `### 4.2.${n} ${q.title}\n\n${q.answer}\n\n` },
    headingTopics: { layout: 'headings', write: (q, n) => `${n % 2 ? `### # ${n}. Topic ${n}\n\n` : ''}### Q. ${q.title}\n\n${q.answer}\n\n` },
    headingFullWidth: { layout: 'headings', write: (q, n) => `### ${n}. ${fullWidth(q.title)}\n\n${q.answer}\n\n` },
    heading6: { layout: 'headings', write: (q, n) => `###### ${n}. ${q.title}\n\n<details><summary><b>Answer</b></summary>\n<p>\n\n#### Answer\n\n${q.answer}\n\n</p>\n</details>\n\n` },
    listHeading: { layout: 'list', write: (q, n) => `${n}. ### ${q.title}\n\n   ${q.answer}\n\n` },
    listTagged: { layout: 'list', write: (q, n) => `${n}. [M] ${q.title}\n` },
    listQ: { layout: 'list', write: (q, n) => `* Q${n}: ${q.title}\n\n  ${q.answer}\n\n` },
    bold: { layout: 'bold', write: (q) => `**${q.title}**\n\n${q.answer}\n\n` },
    boldNumber: { layout: 'bold', write: (q, n) => `**${n})** ${q.title}\n\n${q.answer}\n\n` },
    details: { layout: 'details', write: (q) => `<details>\n<summary>${q.title}</summary>\n\n${q.answer}\n\n</details>\n\n` },
    detailsNumber: { layout: 'details', write: (q, n) => `<details><summary><b>${n}. ${q.title}</b></summary>\n${q.answer}\n</details>\n\n` },
  };
  const part = fc.tuple(fc.constantFrom(...Object.keys(FORMS)), fc.array(question, { minLength: 3, maxLength: 6 }));
  const written = (form: string, questions: Q[]) => `## Part ${form}\n\n${questions.map((q, i) => FORMS[form]!.write(q, i + 1)).join('')}`;
  const titles = (text: string) => bookOf(text).banks[0]!.questions.map((q) => q.title);
  const heading6 = (form: string) => form === 'heading6';
  // A difficulty tag stays in the title, as the list shows it.
  const titleIn = (form: string) => (q: Q) => (form === 'listTagged' ? `[M] ${q.title}` : form === 'headingFullWidth' ? fullWidth(q.title) : form === 'headingTopics' ? `Q. ${q.title}` : q.title);

  it('reads back the questions of each form, in order', () => {
    fc.assert(
      fc.property(part, ([form, questions]) => {
        const text = `# Bank\n\n${written(form, questions)}`;
        expect(titles(text)).toEqual(questions.map(titleIn(form)));
        // Topics at the question depth hold the questions after them.
        if (form === 'headingTopics') expect(bookOf(text).banks[0]!.questions.map((q) => q.section)).toEqual(questions.map((_, i) => `# ${i - (i % 2) + 1}. Topic ${i - (i % 2) + 1}`));
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });

  it('reads a file in two forms of two layouts, each question in its own form', () => {
    const two = fc.tuple(part, part).filter(([[a], [b]]) => FORMS[a]!.layout !== FORMS[b]!.layout && !(heading6(a) || heading6(b)));
    fc.assert(
      fc.property(two, ([[a, first], [b, second]]) => {
        const book = bookOf(`# Bank\n\n${written(a, first)}${written(b, second)}`);
        expect(book.banks[0]!.questions.map((q) => q.title)).toEqual([...first.map(titleIn(a)), ...second.map(titleIn(b))]);
        expect(book.banks[0]!.forms?.map((f) => f.layout)).toEqual([FORMS[b]!.layout]);
        expect(book.banks[0]!.looseHeadings).toEqual([]);
      }),
      { numRuns: 60, seed: 20261206 },
    );
  });
});
