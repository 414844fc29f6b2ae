import { normalizeTitle } from '../read/ids.js';
import { allQuestions, numberLabel } from '../model.js';
import type { Rule } from './rule.js';

/** A fenced code block the answer opens with (an answer starts at its first block), and its code. */
const LEADING_CODE = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n[ \t]*\1/;

export const duplicateQuestion: Rule = {
  id: 'duplicate-question',
  severity: 'warning',
  description: 'Two questions ask the same thing in the same words.',
  hint: 'Merge the answers into one question and remove the other.',
  check: (book) => {
    const first = new Map<string, { number: number; file: string; line: number }>();
    return allQuestions(book).flatMap((q) => {
      // "What's the output?" over its own code: the code the answer opens with is part of the question.
      const key = JSON.stringify([normalizeTitle(q.title), LEADING_CODE.exec(q.answerMarkdown)?.[2]]);
      const seen = first.get(key);
      if (!seen) {
        first.set(key, q);
        return [];
      }
      return [{ ...q, message: `Question ${numberLabel(q)} repeats question ${numberLabel(seen)} (${seen.file}:${seen.line}).` }];
    });
  },
};
