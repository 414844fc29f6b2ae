import { perBank, type Rule } from './rule.js';

export const malformedQuestionHeading: Rule = {
  id: 'malformed-question-heading',
  severity: 'error',
  description: 'A heading looks like a question but is not one, so it is read as part of the answer above it.',
  hint: 'Write question headings as "#### 12) Question?" at depth 3 or 4.',
  check: perBank((bank) =>
    bank.looseHeadings.map((h) => ({
      ...h,
      message: `Heading "${h.text.length > 60 ? `${h.text.slice(0, 57)}...` : h.text}" looks like a question but is not one.`,
      hint: `Write it as "${'#'.repeat(h.depth === 3 ? 3 : 4)} ${h.text.replace(/^\s*(\d+)\s*[.):\-–]?\s*/, '$1) ')}".`,
    })),
  ),
};
