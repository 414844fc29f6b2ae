// JSON Schema (2020-12) of questions.json. Bump SCHEMA_VERSION on any incompatible change.
export const SCHEMA_VERSION = 4;

/** The schema's file name, beside every copy of questions.json (which names it in `$schema`). */
export const SCHEMA_FILE = 'questions.schema.json';

/**
 * mlq publishes no schema under a host of its own, so the schema is named by a URN: an identifier that
 * claims no host (the `.invalid` host before said "not real"), against which `$ref`s resolve all the same.
 */
export const SCHEMA_ID = `urn:mlq:questions-schema:${SCHEMA_VERSION}`;

const text = (description: string) => ({ type: 'string', description }) as const;
const line = (description: string) => ({ type: 'integer', minimum: 1, description }) as const;

const link = {
  type: 'object',
  description: 'A link as written in the bank.',
  additionalProperties: false,
  required: ['label', 'url', 'line'],
  properties: {
    label: text('The link text ("src", "Answer", a site name...).'),
    url: { type: 'string', format: 'uri-reference', description: 'The link target as written: usually an absolute URL, sometimes a path in the repository.' },
    line: line('Line of the link in the bank file.'),
  },
} as const;

const links = (description: string) => ({ type: 'array', items: { $ref: '#/$defs/link' }, description }) as const;

/** Math is KaTeX's MathML in the HTML and its TeX, between `$` (or `$$` when displayed), in the text. */
const html = (what: string) =>
  ({ type: 'string', description: `${what} Sanitized HTML; math as MathML (<span class="katex"><math>…</math></span>), its TeX in the <annotation encoding="application/x-tex">.` }) as const;
const plain = (what: string) => ({ type: 'string', description: `${what} Plain text; math as its TeX, written $…$ inline and $$…$$ displayed, as in the bank.` }) as const;

export const QUESTIONS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCHEMA_ID,
  title: 'mlq question bank',
  description: 'Interview-question banks read from Markdown by mlq: the book, its banks, their sections and questions.',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'answerForms', 'book', 'banks'],
  properties: {
    $schema: text('Where this file\'s schema is: questions.schema.json beside it (mlq publishes it beside every copy).'),
    schemaVersion: { const: SCHEMA_VERSION, description: 'Version of this schema; it changes with any incompatible change.' },
    answerForms: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { enum: ['html', 'text', 'markdown'] },
      description:
        'The forms each answer is given in (mlq.yaml\'s output.jsonAnswers): "html" (answerHtml), "text" (answerText), "markdown" (answerMarkdown). By default html and markdown: the HTML to show, the Markdown as written to edit or render otherwise; the text, which the HTML gives again less its markup, only when asked for.',
    },
    book: {
      type: 'object',
      description: 'The book the banks make, as mlq.yaml describes it.',
      additionalProperties: false,
      required: ['title', 'subtitle', 'authors', 'language', 'license', 'upstream', 'description', 'subjects', 'sourceDate'],
      properties: {
        title: text('Title of the book.'),
        subtitle: text('Subtitle, or "".'),
        authors: { type: 'array', items: { type: 'string' }, description: 'Authors and contributors.' },
        language: text('BCP 47 language tag of the text, e.g. "en".'),
        license: text('Licence or terms of the content, or "".'),
        upstream: {
          description: 'URL of the upstream list the banks come from, or "".',
          anyOf: [{ const: '' }, { type: 'string', format: 'uri' }],
        },
        description: text('A sentence or two about the book.'),
        subjects: { type: 'array', items: { type: 'string' }, description: 'Subject keywords.' },
        sourceDate: { type: 'string', format: 'date-time', description: 'Date of the source: SOURCE_DATE_EPOCH, the last commit, or the file time.' },
      },
    },
    banks: {
      type: 'array',
      minItems: 1,
      description: 'The banks, in book order: one Markdown file each.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'file', 'title', 'claimedCount', 'description', 'frontMatterHtml', 'sections', 'questions'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$', description: 'Stable id of the bank, unique in the book: its file\'s path without the extension, as a slug.' },
          file: text('The bank file, relative to mlq.yaml, with "/" separators.'),
          title: text('The bank\'s "#" heading, or "".'),
          claimedCount: { type: ['integer', 'null'], minimum: 0, description: 'The count of questions the title claims ("65 ... Questions"), or null.' },
          description: text('The first paragraph before the questions, as text, or "".'),
          frontMatterHtml: html('What stands before the first question or section (intro, resources).'),
          sections: {
            type: 'array',
            description: 'The topic sections ("##" headings followed by questions), in order.',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'title', 'line', 'introHtml'],
              properties: {
                id: text('Stable id of the section, unique in the bank; questions refer to it.'),
                title: text('The section heading.'),
                line: line('Line of the heading.'),
                introHtml: html('What stands under the heading before the section\'s first question (a schema its questions share), or "".'),
              },
            },
          },
          questions: { type: 'array', items: { $ref: '#/$defs/question' }, description: 'The questions, in bank order.' },
        },
      },
    },
  },
  $defs: {
    link,
    question: {
      type: 'object',
      description: 'One question and its answer.',
      additionalProperties: false,
      required: [
        'id', 'number', 'section', 'topic', 'title', 'titleHtml', 'hasAnswer', 'sources', 'answerLinks', 'links', 'file', 'line', 'siteUrl', 'ankiGuid', 'upstreamUrl',
      ],
      // The answer in at least one form: those the file's answerForms lists.
      anyOf: ['answerHtml', 'answerText', 'answerMarkdown'].map((name) => ({ properties: { [name]: true }, required: [name] })),
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'Stable id, from the title or an <!-- id: ... --> comment, never from the number.' },
        number: { type: 'integer', minimum: 0, description: 'The number the bank gives the question (the last level of a number with levels).' },
        parentNumber: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)*$', description: 'For a number with levels ("1.2.3"), the levels above the question\'s own ("1.2"); absent otherwise.' },
        section: { type: ['string', 'null'], description: 'The id of the question\'s section (see sections), or null when it is in none.' },
        topic: { type: ['string', 'null'], description: 'The title of the question\'s section, or null when it is in none.' },
        title: text('The question, as text, without its number and source links.'),
        titleHtml: html('The question (its own links kept).'),
        answerHtml: html('The answer, without its source and answer links (when answerForms has "html").'),
        answerText: plain('The answer, list markers kept, without its source and answer links (when answerForms has "text").'),
        answerMarkdown: text('The answer\'s Markdown exactly as written in the bank, or "" (when answerForms has "markdown").'),
        hasAnswer: { type: 'boolean', description: 'Whether the question has an answer of its own (text or an image).' },
        sources: links('Source links ([[src](url)] and the like).'),
        answerLinks: links('Links to an answer elsewhere ([[Answer]](url)).'),
        links: links('The other links of the title and the answer.'),
        file: text('The bank file, relative to mlq.yaml.'),
        line: line('Line of the question heading.'),
        siteUrl: {
          description: 'The question on the site mlq builds (site.url, or the GitHub Pages address of the repository that holds the banks): its page and anchor; null when the site has no address.',
          anyOf: [{ type: 'null' }, { type: 'string', format: 'uri' }],
        },
        ankiGuid: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'The GUID of the question\'s note in deck.apkg and deck.csv (from the deck name and the question id).' },
        upstreamUrl: {
          description: 'The question\'s heading line in the GitHub repository that holds its bank (site.repository, else the git remote; on site.branch, else the branch checked out), as GitHub shows lines (?plain=1#L12); null when that is not known.',
          anyOf: [{ type: 'null' }, { type: 'string', format: 'uri' }],
        },
      },
    },
  },
} as const;
