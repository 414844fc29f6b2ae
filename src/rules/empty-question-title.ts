import { allQuestions, numberLabel } from '../model.js';
import type { Rule } from './rule.js';

export const emptyQuestionTitle: Rule = {
  id: 'empty-question-title',
  severity: 'error',
  description: 'A question heading has a number but no question.',
  hint: 'Write the question after its number: "#### 12) What is ...?".',
  check: (book) =>
    allQuestions(book)
      .filter((q) => q.title === '')
      .map((q) => ({ ...q, message: `Question ${numberLabel(q)} has no text.` })),
};
