import { normalizeTitle } from '../read/ids.js';
import { allQuestions } from '../model.js';
import type { Rule } from './rule.js';

export const duplicateQuestion: Rule = {
  id: 'duplicate-question',
  severity: 'warning',
  description: 'Two questions ask the same thing in the same words.',
  hint: 'Merge the answers into one question and remove the other.',
  check: (book) => {
    const first = new Map<string, { number: number; file: string; line: number }>();
    return allQuestions(book).flatMap((q) => {
      const key = normalizeTitle(q.title);
      const seen = first.get(key);
      if (!seen) {
        first.set(key, q);
        return [];
      }
      return [{ ...q, message: `Question ${q.number} repeats question ${seen.number} (${seen.file}:${seen.line}).` }];
    });
  },
};
