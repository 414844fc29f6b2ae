import { type Bank, numberLabel, type Question } from '../model.js';
import { perBank, type Rule } from './rule.js';
import { writeNumber } from '../read/layouts/layout.js';

/**
 * The depth most questions of a form use is its style (a file may write a list, then headings: each form
 * has its own); a tie goes to the first question's depth.
 */
function depthCounts(bank: Bank): { counts: Map<number, number>; usual: number; questions: Question[]; numberForm: string | null; layout: string }[] {
  // Stryker disable next-line ArrayDeclaration: a stand-in for the empty list has no line, and starts no form.
  const forms = [{ line: 1, numberForm: bank.numberForm, layout: bank.layout }, ...(bank.forms ?? [])];
  return forms.map(({ line, numberForm, layout }, i) => {
    const end = forms[i + 1]?.line ?? Infinity;
    const questions = bank.questions.filter((q) => q.line >= line && q.line < end);
    const counts = new Map<number, number>();
    for (const q of questions) counts.set(q.depth, (counts.get(q.depth) ?? 0) + 1);
    const usual = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best), [0, 0])[0];
    return { counts, usual, questions, numberForm, layout };
  });
}

export const mixedHeadingDepth: Rule = {
  id: 'mixed-heading-depth',
  severity: 'warning',
  description: 'Question headings of a bank are written at different depths (### and ####).',
  hint: 'Write every question heading at the same depth.',
  check: perBank((bank) =>
    depthCounts(bank).flatMap(({ counts, usual, questions, numberForm, layout }) => {
      const marks = '#'.repeat(usual);
      return questions
        .filter((q) => q.depth !== usual)
        .map((q) => {
          // The number as the question's form writes it (a list of bullets writes none), before the marks in a list item.
          const number = numberForm && bank.numbering !== 'none' ? writeNumber(numberForm, q.number, q.parentNumber) : null;
          const start = layout === 'list' ? `${number ?? '-'} ${marks}` : number ? `${marks} ${number}` : marks;
          return {
            ...q,
            message: `Question ${numberLabel(q)} is a depth-${q.depth} heading; ${counts.get(usual)} of ${questions.length} questions are depth ${usual} (${marks}).`,
            hint: `Write it as "${start} ...".`,
          };
        });
    }),
  ),
  fix: (book) =>
    book.banks.flatMap((bank) =>
      depthCounts(bank).flatMap(({ usual, questions }) => questions.filter((q) => q.depth !== usual).map((question) => ({ kind: 'depth' as const, question, depth: usual }))),
    ),
};
