// JSON Schema (2020-12) of questions.json. Bump SCHEMA_VERSION on any incompatible change.
export const SCHEMA_VERSION = 1;

const text = { type: 'string' } as const;
const line = { type: 'integer', minimum: 1 } as const;

const link = {
  type: 'object',
  additionalProperties: false,
  required: ['label', 'url', 'line'],
  properties: { label: text, url: text, line },
} as const;

const links = { type: 'array', items: { $ref: '#/$defs/link' } } as const;

/** Math is KaTeX's MathML in the HTML and its TeX, between `$` (or `$$` when displayed), in the text. */
const html = { type: 'string', description: 'Sanitized HTML; math as MathML (<span class="katex"><math>…</math></span>), its TeX in the <annotation encoding="application/x-tex">.' } as const;
const plain = { type: 'string', description: 'Plain text; math as its TeX, written $…$ inline and $$…$$ displayed, as in the bank.' } as const;

export const QUESTIONS_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://mlq.invalid/questions.schema.json',
  title: 'mlq question bank',
  type: 'object',
  additionalProperties: false,
  required: ['schemaVersion', 'book', 'banks'],
  properties: {
    $schema: text,
    schemaVersion: { const: SCHEMA_VERSION },
    book: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'subtitle', 'authors', 'language', 'license', 'upstream', 'description', 'subjects', 'sourceDate'],
      properties: {
        title: text,
        subtitle: text,
        authors: { type: 'array', items: text },
        language: text,
        license: text,
        upstream: text,
        description: text,
        subjects: { type: 'array', items: text },
        sourceDate: { type: 'string', format: 'date-time' },
      },
    },
    banks: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file', 'title', 'claimedCount', 'description', 'frontMatterHtml', 'sections', 'questions'],
        properties: {
          file: text,
          title: text,
          claimedCount: { type: ['integer', 'null'], minimum: 0 },
          description: text,
          frontMatterHtml: html,
          sections: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['id', 'title', 'line'],
              properties: { id: text, title: text, line },
            },
          },
          questions: { type: 'array', items: { $ref: '#/$defs/question' } },
        },
      },
    },
  },
  $defs: {
    link,
    question: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'number', 'section', 'title', 'titleHtml', 'answerHtml', 'answerText', 'hasAnswer', 'sources', 'answerLinks', 'links', 'file', 'line'],
      properties: {
        id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
        number: { type: 'integer', minimum: 0 },
        section: { type: ['string', 'null'] },
        title: text,
        titleHtml: html,
        answerHtml: html,
        answerText: plain,
        hasAnswer: { type: 'boolean' },
        sources: links,
        answerLinks: links,
        links,
        file: text,
        line,
      },
    },
  },
} as const;
