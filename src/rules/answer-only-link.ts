import { allQuestions, numberLabel } from '../model.js';
import type { Rule } from './rule.js';

export const answerOnlyLink: Rule = {
  id: 'answer-only-link',
  severity: 'info',
  description: 'A question is answered only by a link to elsewhere.',
  hint: 'Summarize the answer in a few sentences, and keep the link as its source.',
  check: (book) =>
    allQuestions(book)
      .filter((q) => !q.hasAnswer && q.answerLinks.length > 0)
      .map((q) => ({ ...q, message: `Question ${numberLabel(q)} is answered only by a link.` })),
};
