import { sectionRuns, type Bank, type Book, type Place, type Question, type Severity } from '../model.js';

/** What a rule found at one place; severity and rule id are added by `validate`. */
export interface Finding extends Place {
  message: string;
  /** Overrides the rule's general hint where a finding knows better (e.g. the next free number). */
  hint?: string;
  /** A finding that is only ever a note ('info'), whatever the rule's severity or its setting in mlq.yaml. */
  severity?: 'info';
}

export interface Rule {
  id: string;
  severity: Severity;
  /** One line for `mlq --help` and the README. */
  description: string;
  hint: string;
  check(book: Book): Finding[];
  /** What `mlq fix` may change to satisfy the rule, for a book where it found something. */
  fix?(book: Book): Fix[];
}

/** A change said in model terms; `mlq fix` (src/maintain/edit.ts) writes it into the bank's text. */
export type Fix =
  | { kind: 'number'; question: Question; number: number }
  | { kind: 'depth'; question: Question; depth: number }
  | { kind: 'id'; question: Question; id: string }
  | { kind: 'count'; bank: Bank; count: number };

/** Most rules look at one bank at a time: numbering and structure are per bank. */
export function perBank(check: (bank: Bank) => Finding[]): (book: Book) => Finding[] {
  return (book) => book.banks.flatMap(check);
}

/** Quotes a long text shortened to what fits a one-line message. */
export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * The runs of questions whose numbers follow on from each other: the whole bank, each section where the
 * bank numbers per section, none where it numbers none.
 */
export function numberedRuns(bank: Bank): Question[][] {
  if (bank.numbering === 'none') return [];
  return bank.numbering === 'book' ? [bank.questions] : sectionRuns(bank.questions);
}

/** " in section \"Basics\"" where a bank numbers per section, else nothing. */
export const inSection = (bank: Bank, q: Question) => (bank.numbering === 'section' && q.section !== null ? ` in section "${shorten(q.section, 40)}"` : '');
