import { perBank, shorten, type Rule } from './rule.js';

export const malformedQuestionHeading: Rule = {
  id: 'malformed-question-heading',
  severity: 'error',
  description: 'A heading, bold paragraph or `<details>` summary looks like a question but is not one in the bank\'s layout, so it is read as part of the text around it.',
  hint: 'Write questions as the bank does, e.g. "#### 12) Question?".',
  check: perBank((bank) =>
    bank.looseHeadings.map((h) => ({
      ...h,
      message: `${h.summary ? 'The <details> summary' : h.depth ? 'Heading' : 'Bold paragraph'} "${shorten(h.text)}" looks like a question but is not one.`,
      hint: h.hint ?? `Write it as "${h.suggestion ?? `${'#'.repeat(h.depth)} ${h.text.replace(/^\s*(\d+)\s*[.):\-–]?\s*/, '$1) ')}`}".`,
    })),
  ),
};
