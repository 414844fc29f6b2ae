// questions.json for other tools: sections by id, answers as text (list markers kept) and as written, and
// a schema that documents every field, names itself by a real URI and checks URLs.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { QUESTIONS_SCHEMA } from '../src/writers/json/schema.js';
import { toQuestionsJson } from '../src/writers/json/index.js';
import { bookOf, SOURCE } from './support/book.js';

interface JsonQuestion {
  number: number;
  section: string | null;
  answerText: string;
  answerMarkdown: string;
}
interface JsonBank {
  sections: { id: string; title: string }[];
  questions: JsonQuestion[];
}
const banksOf = (json: object) => (json as { banks: JsonBank[] }).banks;

const validator = () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  return ajv.compile(QUESTIONS_SCHEMA);
};

describe('questions.json', () => {
  const bank = [
    '# Bank',
    '',
    '#### 1) Before any section? [[src](https://a.example/1)]',
    'Plain.',
    '',
    '## Topic',
    '',
    '#### 2) Steps? [[src](https://a.example/2)]',
    'Do this:',
    '',
    '1. first',
    '2. second',
    '   - a detail',
    '',
    '* a bullet',
    '',
    '## Topic',
    '',
    '#### 3) Same title, another section? [[src](https://a.example/3)]',
    '```',
    'code()',
    '```',
    '',
  ].join('\n');

  it("gives a question's section as the section's id, with the title on the section", () => {
    const [json] = banksOf(toQuestionsJson(bookOf(bank)));
    expect(json!.sections.map((s) => s.title)).toEqual(['Topic', 'Topic']);
    const [first, second] = json!.sections.map((s) => s.id);
    expect(first).not.toBe(second);
    expect(json!.questions.map((q) => q.section)).toEqual([null, first, second]);
  });

  it('keeps list markers in answerText, and the Markdown as written in answerMarkdown', () => {
    const [json] = banksOf(toQuestionsJson(bookOf(bank)));
    const steps = json!.questions[1]!;
    expect(steps.answerText).toBe('Do this:\n\n1. first\n2. second\n\n  - a detail\n\n- a bullet');
    expect(steps.answerMarkdown).toBe('Do this:\n\n1. first\n2. second\n   - a detail\n\n* a bullet');
    expect(json!.questions[2]!.answerMarkdown).toBe('```\ncode()\n```');
    expect(json!.questions[0]!.answerMarkdown).toBe('Plain.');
  });

  it('validates, formats included, on the bank in source/', () => {
    const json = toQuestionsJson(bookOf(readFileSync(SOURCE, 'utf8')));
    const validate = validator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // The answer of question 64 as written: its code fence and all.
    const q64 = banksOf(json)[0]!.questions[63]!;
    expect(q64.answerMarkdown).toMatch(/^```/);
  });

  it('has a schema that describes every property, with a real $id and URL formats', () => {
    expect(QUESTIONS_SCHEMA.$id).toMatch(/^urn:mlq:/);
    expect(QUESTIONS_SCHEMA.$id).not.toContain('.invalid');
    const undocumented: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as { properties?: Record<string, { description?: string; $ref?: string }>; items?: unknown; $defs?: Record<string, unknown> };
      for (const [name, sub] of Object.entries(schema.properties ?? {})) {
        if (!sub.description && !sub.$ref) undocumented.push(`${where}.${name}`);
        walk(sub, `${where}.${name}`);
      }
      walk(schema.items, `${where}[]`);
      for (const [name, sub] of Object.entries(schema.$defs ?? {})) walk(sub, `$defs.${name}`);
    };
    walk(QUESTIONS_SCHEMA, '');
    expect(undocumented).toEqual([]);
    // An upstream that is no URL, or a link that is none, is refused.
    const validate = validator();
    const json = toQuestionsJson(bookOf(bank)) as { book: { upstream: string } };
    expect(validate({ ...json, book: { ...json.book, upstream: 'not a url' } })).toBe(false);
    expect(JSON.stringify(QUESTIONS_SCHEMA)).toContain('"format":"uri"');
  });
});
