// questions.json: the model for other tools, with its JSON Schema beside it.
import path from 'node:path';
import type { Writer } from '../writer.js';
import { htmlWithMathML } from '../shared/math.js';
import type { Bank, Book, Link, Question } from '../../model.js';
import { QUESTIONS_SCHEMA, SCHEMA_VERSION } from './schema.js';

const link = ({ label, url, line }: Link) => ({ label, url, line });

// Keys are listed explicitly: their order is the file's order; the trees go out as HTML.
const question = (q: Question, file: string, section: string | null) => ({
  id: q.id,
  number: q.number,
  section,
  title: q.title,
  titleHtml: htmlWithMathML(q.titleTree),
  answerHtml: htmlWithMathML(q.answerTree),
  answerText: q.answerText,
  answerMarkdown: q.answerMarkdown,
  hasAnswer: q.hasAnswer,
  sources: q.sources.map(link),
  answerLinks: q.answerLinks.map(link),
  links: q.links.map(link),
  file,
  line: q.line,
});

/**
 * The id of the section a question is in: the last section heading above it, if it has a section
 * (sections and questions are both in bank order, and a section's questions follow its heading).
 */
function sectionIdOf(bank: Bank, q: Question): string | null {
  if (q.section === null) return null;
  let found: string | null = null;
  for (const section of bank.sections) {
    if (section.line > q.line) break;
    found = section.id;
  }
  return found;
}

/** Bank files are named relative to mlq.yaml, so the JSON is the same from whatever folder mlq runs. */
export function toQuestionsJson(book: Book, configDir = '.'): object {
  const { meta } = book;
  const relative = (file: string) => path.relative(configDir, file).split(path.sep).join('/');
  return {
    $schema: './questions.schema.json',
    schemaVersion: SCHEMA_VERSION,
    book: {
      title: meta.title,
      subtitle: meta.subtitle,
      authors: meta.authors,
      language: meta.language,
      license: meta.license,
      upstream: meta.upstream,
      description: meta.description,
      subjects: meta.subjects,
      sourceDate: meta.sourceDate,
    },
    banks: book.banks.map((bank) => ({
      file: relative(bank.file),
      title: bank.title,
      claimedCount: bank.claimedCount,
      description: bank.description,
      frontMatterHtml: htmlWithMathML(bank.frontMatterTree),
      sections: bank.sections.map(({ id, title, line }) => ({ id, title, line })),
      questions: bank.questions.map((q) => question(q, relative(q.file), sectionIdOf(bank, q))),
    })),
  };
}

const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

export const jsonFormat: Writer = {
  write: async (book, { config }) => ({
    files: [
      { path: 'questions.json', bytes: encode(toQuestionsJson(book, config.dir)) },
      { path: 'questions.schema.json', bytes: encode(QUESTIONS_SCHEMA) },
    ],
    warnings: [],
  }),
};
