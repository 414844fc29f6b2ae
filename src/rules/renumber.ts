// The fix the numbering rules share: every question numbered in reading order, 1, 2, 3, ..., through the
// bank, or in each section where the bank numbers per section; a bank that numbers none is left alone.
import type { Book } from '../model.js';
import { numberedRuns, type Fix } from './rule.js';

export function renumber(book: Book): Fix[] {
  return book.banks.flatMap((bank) =>
    numberedRuns(bank).flatMap((run) => run.flatMap((question, i): Fix[] => (question.number === i + 1 ? [] : [{ kind: 'number', question, number: i + 1 }]))),
  );
}
