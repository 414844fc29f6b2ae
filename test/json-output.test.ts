// questions.json for other tools: sections by id, answers as text (list markers kept) and as written, and
// a schema that documents every field, names itself by a real URI and checks URLs.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, parseConfig, type Config } from '../src/config.js';
import { QUESTIONS_SCHEMA } from '../src/writers/json/schema.js';
import { jsonFormat, toQuestionsJson } from '../src/writers/json/index.js';
import { toAnkiNotes } from '../src/writers/anki/notes.js';
import { bookOf, SOURCE } from './support/book.js';

interface JsonQuestion {
  id: string;
  number: number;
  section: string | null;
  topic: string | null;
  answerHtml?: string;
  answerText?: string;
  answerMarkdown?: string;
  siteUrl: string | null;
  ankiGuid: string;
  upstreamUrl: string | null;
}
interface JsonBank {
  id: string;
  sections: { id: string; title: string; introHtml: string }[];
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
    'An intro with [a link](https://a.example/intro).',
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

  it("gives each section's intro as HTML, valid against the schema", () => {
    const whole = toQuestionsJson(bookOf(bank));
    expect(banksOf(whole)[0]!.sections.map((s) => s.introHtml)).toEqual(['', '<p>An intro with <a href="https://a.example/intro">a link</a>.</p>']);
    const validate = validator();
    expect(validate(whole), JSON.stringify(validate.errors)).toBe(true);
  });

  const withForms = (...jsonAnswers: Config['output']['jsonAnswers']): Config => ({ ...DEFAULT_CONFIG, output: { ...DEFAULT_CONFIG.output, jsonAnswers } });

  it('keeps list markers in answerText, and the Markdown as written in answerMarkdown', () => {
    const [json] = banksOf(toQuestionsJson(bookOf(bank), withForms('html', 'text', 'markdown')));
    const steps = json!.questions[1]!;
    expect(steps.answerText).toBe('Do this:\n\n1. first\n2. second\n\n  - a detail\n\n- a bullet');
    expect(steps.answerMarkdown).toBe('Do this:\n\n1. first\n2. second\n   - a detail\n\n* a bullet');
    expect(json!.questions[2]!.answerMarkdown).toBe('```\ncode()\n```');
    expect(json!.questions[0]!.answerMarkdown).toBe('Plain.');
  });

  it("marks a quiz's right option in answerText as the other outputs do (☑), the others ☐", () => {
    const quiz = '# Quiz\n\n#### Q1. Which is a metric?\n\n- [ ] ReLU\n- [x] F1 score\n- [ ] Adam\n';
    const [json] = banksOf(toQuestionsJson(bookOf(quiz), withForms('html', 'text')));
    expect(json!.questions[0]!.answerText).toBe('- ☐ ReLU\n- ☑ F1 score\n- ☐ Adam');
    expect(json!.questions[0]!.answerHtml).toContain('<input type="checkbox" checked disabled> F1 score');
  });

  it('gives each answer in the forms asked for, HTML and Markdown by default, and says which', () => {
    const forms = (json: object) => [(json as { answerForms: string[] }).answerForms, Object.keys(banksOf(json)[0]!.questions[1]!).filter((key) => key.startsWith('answer') && key !== 'answerLinks')];
    expect(forms(toQuestionsJson(bookOf(bank)))).toEqual([['html', 'markdown'], ['answerHtml', 'answerMarkdown']]);
    expect(forms(toQuestionsJson(bookOf(bank), withForms('text')))).toEqual([['text'], ['answerText']]);
    const validate = validator();
    for (const json of [toQuestionsJson(bookOf(bank)), toQuestionsJson(bookOf(bank), withForms('text')), toQuestionsJson(bookOf(bank), withForms('html', 'text', 'markdown'))]) {
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    }
    // A question without any form of its answer is not one the schema allows.
    const json = toQuestionsJson(bookOf(bank)) as { banks: { questions: Record<string, unknown>[] }[] };
    const { answerHtml: _html, answerMarkdown: _markdown, ...bare } = json.banks[0]!.questions[0]!;
    expect(validate({ ...json, banks: [{ ...json.banks[0], questions: [bare] }] })).toBe(false);
    // mlq.yaml asks for them; an unknown form is refused at its line.
    expect(parseConfig('output:\n  jsonAnswers: [text]\n', 'mlq.yaml').output.jsonAnswers).toEqual(['text']);
    expect(() => parseConfig('output:\n  jsonAnswers: [pdf]\n', 'mlq.yaml')).toThrow(/mlq\.yaml:2.*unknown answer form "pdf"/);
    expect(() => parseConfig('output:\n  jsonAnswers: []\n', 'mlq.yaml')).toThrow(/expected at least one entry/);
  });

  it('says where each question is published: its site page, its Anki note, its line in the repository; banks have ids, questions topics', () => {
    const config: Config = { ...DEFAULT_CONFIG, site: { ...DEFAULT_CONFIG.site, url: 'https://example.org/book/' } };
    const book = bookOf(bank);
    const repository = { url: 'https://github.com/owner/repo', branch: 'main', paths: { 'bank1.md': 'banks/bank1.md' } };
    const [json] = banksOf(toQuestionsJson({ ...book, meta: { ...book.meta, upstream: 'https://github.com/upstream/list', repository } }, config));
    expect(json!.id).toMatch(/^[a-z0-9-]+$/);
    expect(json!.questions.map((q) => q.topic)).toEqual([null, 'Topic', 'Topic']);
    const steps = json!.questions[1]!;
    expect(steps.siteUrl).toMatch(/^https:\/\/example\.org\/book\/[a-z0-9-]+\.html#steps$/);
    expect(steps.upstreamUrl).toBe('https://github.com/owner/repo/blob/main/banks/bank1.md?plain=1#L8');
    // Directory pages: the topic's folder.
    const [directory] = banksOf(toQuestionsJson(book, { ...config, site: { ...config.site, urls: 'directory' } }));
    expect(directory!.questions[1]!.siteUrl).toMatch(/^https:\/\/example\.org\/book\/[a-z0-9-]+\/#steps$/);
    // The GUIDs of the notes deck.apkg and deck.csv hold, in the same order.
    expect(json!.questions.map((q) => q.ankiGuid)).toEqual(toAnkiNotes(book, config).notes.map((note) => note.guid));
    // No site address, no repository mlq knows (a GitHub upstream is not where the banks are): nothing to name.
    const [bare] = banksOf(toQuestionsJson({ ...book, meta: { ...book.meta, upstream: 'https://github.com/upstream/list' } }, DEFAULT_CONFIG));
    expect(bare!.questions.map((q) => [q.siteUrl, q.upstreamUrl])).toEqual(Array(3).fill([null, null]));
  });

  it('is written with its schema beside it, which the site ships beside its copy', async () => {
    const { files } = await jsonFormat.write(bookOf(bank), { config: DEFAULT_CONFIG, readAsset: async () => 'was not found' });
    const json = JSON.parse(new TextDecoder().decode(files[0]!.bytes)) as { $schema: string };
    expect(files.map((file) => file.path)).toEqual(['questions.json', json.$schema.replace('./', '')]);
    const { writeSite } = await import('../src/writers/site/index.js');
    const site = await writeSite(bookOf(bank), { config: DEFAULT_CONFIG, readAsset: async () => 'was not found', built: files });
    const downloads = site.files.map((file) => file.path).filter((file) => file.startsWith('site/downloads/'));
    expect(downloads).toEqual(['site/downloads/questions.json', 'site/downloads/questions.schema.json']);
  });

  it('validates, formats included, on the bank in source/', () => {
    const json = toQuestionsJson(bookOf(readFileSync(SOURCE, 'utf8')));
    const validate = validator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    // The answer of question 64 as written: its code fence and all.
    const q64 = banksOf(json)[0]!.questions[63]!;
    expect(q64.answerMarkdown).toMatch(/^```/);
  });

  it('gives a number with levels as its last level and the levels above it, valid by the schema; the deck shows it whole', () => {
    const book = bookOf('# Bank\n\n## 1.2 Basics\n\n### 1.2.1 What is bias?\nA.\n\n### 1.2.2 What is variance?\nB.\n\n### 3) Plain?\nC.\n');
    const json = toQuestionsJson(book);
    const validate = validator();
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    const questions = banksOf(json)[0]!.questions as unknown as { number: number; parentNumber?: string }[];
    expect(questions.map((q) => [q.number, q.parentNumber])).toEqual([[1, '1.2'], [2, '1.2']]);
    expect(toAnkiNotes(book, DEFAULT_CONFIG).notes.map((n) => n.number)).toEqual(['1.2.1', '1.2.2']);
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
