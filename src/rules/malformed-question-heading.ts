import { perBank, shorten, type Rule } from './rule.js';

export const malformedQuestionHeading: Rule = {
  id: 'malformed-question-heading',
  severity: 'error',
  description: 'A heading looks like a question but is not one, so it is read as part of the answer above it.',
  hint: 'Write question headings as "#### 12) Question?" at depth 3 or 4.',
  check: perBank((bank) =>
    bank.looseHeadings.map((h) => ({
      ...h,
      message: `Heading "${shorten(h.text)}" looks like a question but is not one.`,
      // The ^ states the intent; the reader only reports loose headings that start with their number, so a
      // mutant without it is equivalent (it survives in `npm run mutate`; a disable comment would hide all of
      // this line's regex mutants, which the tests do kill).
      hint: `Write it as "${'#'.repeat(h.depth)} ${h.text.replace(/^\s*(\d+)\s*[.):\-–]?\s*/, '$1) ')}".`,
    })),
  ),
};
