import { allQuestions, numberLabel } from '../model.js';
import type { Rule } from './rule.js';

export const noAnswer: Rule = {
  id: 'no-answer',
  severity: 'warning',
  description: 'A question has no answer at all: no text and no answer link.',
  hint: 'Write an answer below the heading, or add an [[Answer]](url) link.',
  check: (book) =>
    allQuestions(book)
      .filter((q) => !q.hasAnswer && q.answerLinks.length === 0)
      .map((q) => ({ ...q, message: `Question ${numberLabel(q)} has no answer.` })),
};
