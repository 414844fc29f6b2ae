// questions.json: the model for other tools, with its JSON Schema beside it.
import path from 'node:path';
import type { Writer } from '../writer.js';
import { DEFAULT_CONFIG, type AnswerForm, type Config } from '../../config.js';
import { slugify, uniqueIds } from '../../read/ids.js';
import { htmlWithMathML } from '../shared/math.js';
import { editAddresses } from '../shared/book-links.js';
import { noteGuid } from '../anki/notes.js';
import { planTopics } from '../site/plan.js';
import { SiteAddresses, siteAddress } from '../site/addresses.js';
import { sectionOf, type Book, type Link, type Question } from '../../model.js';
import { QUESTIONS_SCHEMA, SCHEMA_FILE, SCHEMA_VERSION } from './schema.js';

const link = ({ label, url, line }: Link) => ({ label, url, line });

/** Where a question is published besides this file. */
interface Published {
  siteUrl: string | null;
  ankiGuid: string;
  upstreamUrl: string | null;
}

// Keys are listed explicitly: their order is the file's order; the trees go out as HTML. The answer comes
// in the forms output.jsonAnswers asks for, and only those.
const question = (q: Question, file: string, section: { id: string; title: string } | null, forms: readonly AnswerForm[], published: Published) => ({
  id: q.id,
  number: q.number,
  ...(q.parentNumber && { parentNumber: q.parentNumber }),
  section: section?.id ?? null,
  topic: section?.title ?? null,
  title: q.title,
  titleHtml: htmlWithMathML(q.titleTree),
  ...(forms.includes('html') ? { answerHtml: htmlWithMathML(q.answerTree) } : {}),
  ...(forms.includes('text') ? { answerText: q.answerText } : {}),
  ...(forms.includes('markdown') ? { answerMarkdown: q.answerMarkdown } : {}),
  hasAnswer: q.hasAnswer,
  sources: q.sources.map(link),
  answerLinks: q.answerLinks.map(link),
  links: q.links.map(link),
  file,
  line: q.line,
  ...published,
});

/**
 * Bank files are named relative to mlq.yaml, so the JSON is the same from whatever folder mlq runs. A
 * question names where else it is published: its page on the site (when the site has an address), its
 * Anki note's GUID, and its line upstream (when the upstream is on GitHub).
 */
export function toQuestionsJson(book: Book, config: Config = DEFAULT_CONFIG): object {
  const { meta } = book;
  const relative = (file: string) => path.relative(config.dir, file).split(path.sep).join('/');
  const forms = config.output.jsonAnswers;
  const site = new SiteAddresses(config.site.urls, siteAddress(config, meta.repository?.url));
  const pages = new Map(planTopics(book, config.dir, config.site.topics).flatMap((topic) => topic.questions.map((q) => [q, `${site.path(topic.slug)}#${q.id}`] as const)));
  const published = (q: Question): Published => ({
    siteUrl: site.absolute(pages.get(q)!),
    ankiGuid: noteGuid(book, config, q.id),
    upstreamUrl: editAddresses(meta.repository, q.file, q.line)?.line ?? null,
  });
  const bankIds = uniqueIds(book.banks.map((bank, i) => slugify(relative(bank.file).replace(/\.[^./]*$/, '')) || `bank-${i + 1}`));
  return {
    $schema: `./${SCHEMA_FILE}`,
    schemaVersion: SCHEMA_VERSION,
    answerForms: [...forms],
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
    banks: book.banks.map((bank, i) => ({
      id: bankIds[i]!,
      file: relative(bank.file),
      title: bank.title,
      claimedCount: bank.claimedCount,
      description: bank.description,
      frontMatterHtml: htmlWithMathML(bank.frontMatterTree),
      sections: bank.sections.map(({ id, title, line, introTree }) => ({ id, title, line, introHtml: htmlWithMathML(introTree) })),
      questions: bank.questions.map((q) => question(q, relative(q.file), sectionOf(bank, q), forms, published(q))),
    })),
  };
}

const encode = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);

/** The schema, for every place questions.json is published (the site's downloads too). */
export const schemaFile = () => encode(QUESTIONS_SCHEMA);

export const jsonFormat: Writer = {
  write: async (book, { config }) => ({
    files: [
      { path: 'questions.json', bytes: encode(toQuestionsJson(book, config)) },
      { path: SCHEMA_FILE, bytes: schemaFile() },
    ],
    warnings: [],
  }),
};
