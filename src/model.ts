// The question model: the hub of mlq. Parsers produce it, rules read it, writers consume it.
import type { Root as HastRoot } from 'hast';

/** A 1-based place in a source file. */
export interface Place {
  file: string;
  line: number;
  column: number;
}

export interface Link extends Place {
  label: string;
  url: string;
}

export interface Question extends Place {
  /** Stable identity: from the normalized title or an `<!-- id: ... -->` comment, never from the number. */
  id: string;
  number: number;
  /** The levels a number with levels writes above the question's own: "1.2" of "1.2.3" (its number is 3). */
  parentNumber?: string;
  /** Heading depth the question was written at (2 to 6; for a bold paragraph, one below its topic). */
  depth: number;
  /** Title of the topic section the question is in, or null where the bank has none. */
  section: string | null;
  title: string;
  titleTree: HastRoot;
  /** The answer as plain text (list markers kept), without its source and answer links, which are listed apart. */
  answerText: string;
  /** The answer's Markdown exactly as written in the bank, links and all ('' when there is none). */
  answerMarkdown: string;
  answerTree: HastRoot;
  hasAnswer: boolean;
  sources: Link[];
  answerLinks: Link[];
  /** Ordinary links in the title and the answer. */
  links: Link[];
  /** The id before it was made unique in the book (equal to `id` unless two questions collide). */
  baseId: string;
}

export interface Section extends Place {
  id: string;
  title: string;
  /** What stands under the topic's heading before its first question (the schema its SQL questions share). */
  introTree: HastRoot;
}

/** A heading (or bold paragraph) that looks like a question but is not one (e.g. `#### 12 What ...`). */
export interface LooseHeading extends Place {
  text: string;
  /** Heading depth; 0 for a bold paragraph or a `<details>` summary. */
  depth: number;
  /** Written as the summary of a `<details>` element. */
  summary?: true;
  /** The line as the bank's layout would read it as a question. */
  suggestion?: string;
  /** What to do where rewriting the line is not the fix. */
  hint?: string;
}

/**
 * Content between two questions that neither holds, nor a topic: what follows a heading that ended an answer and
 * opened no topic (`## Key Points` among `### ` questions). It is in no output, and reported.
 */
export interface Unplaced extends Place {
  lastLine: number;
  /** Its first line, a heading with its marks. */
  text: string;
}

/** Question numbers run through the bank, start again in each section, or are not written. */
export type Numbering = 'book' | 'section' | 'none';

export interface Bank {
  file: string;
  title: string;
  titleLine: number;
  /** The count the title claims ("65 ... Questions"), or null. */
  claimedCount: number | null;
  description: string;
  /** What stands before the first question or section: intro, resources. */
  frontMatterTree: HastRoot;
  /** Links found in the title, section headings, front and back matter (questions carry their own). */
  otherLinks: Link[];
  /** Links with a scheme no output may carry (javascript:, data:, ...): left out everywhere else. */
  unsafeLinks: Link[];
  sections: Section[];
  questions: Question[];
  looseHeadings: LooseHeading[];
  unplaced: Unplaced[];
  /** How the bank was read (see src/read/layouts/): the layout, the question heading depth, the numbering. */
  layout: string;
  questionDepth: number;
  /** Later forms of a file that writes its questions two ways (a list, then headings): each from its line on. */
  forms?: { line: number; layout: string; questionDepth: number; numberForm: string | null }[];
  numbering: Numbering;
  /** How the bank writes a question's number ("{n})", "{n}.", "Q{n}:"), or null where it writes none. */
  numberForm: string | null;
  /** What the reader found and why it chose so, for `mlq check --explain`. */
  explanation: string[];
}

export interface BookMeta {
  title: string;
  subtitle: string;
  authors: string[];
  language: string;
  license: string;
  upstream: string;
  description: string;
  subjects: string[];
  /** ISO 8601 date of the source (SOURCE_DATE_EPOCH, the last commit, or the file time). */
  sourceDate: string;
  /** Where the banks are kept and edited (site.repository, else the git remote), when that is a GitHub repository. */
  repository?: Repository;
}

export interface Repository {
  /** "https://github.com/owner/name". */
  url: string;
  /** The branch edit links open; null where it is not known (a detached checkout). */
  branch: string | null;
  /** Each bank's path in the repository ("source/NLP/README.md"), by bank file; absent for a file outside it. */
  paths: Record<string, string>;
}

export interface Book {
  meta: BookMeta;
  banks: Bank[];
  /** The banks as they were at a git ref (`--since REF`), for the rules that compare the two versions. */
  previous?: { ref: string; banks: Bank[] };
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic extends Place {
  rule: string;
  severity: Severity;
  message: string;
  hint: string;
}

/**
 * The HTML trees of a bank that readers see, front matter first, each with the place it stands at where its
 * nodes have none: what the rules check and the writers gather images and math from.
 */
export function bankTrees(bank: Bank): { tree: HastRoot; at: Place; answer: boolean }[] {
  return [
    { tree: bank.frontMatterTree, at: { file: bank.file, line: bank.titleLine, column: 1 }, answer: false },
    ...bank.sections.map((section) => ({ tree: section.introTree, at: section, answer: false })),
    ...bank.questions.flatMap((q) => [
      { tree: q.titleTree, at: q, answer: false },
      { tree: q.answerTree, at: q, answer: true },
    ]),
  ];
}

/** The section a question is in: the last section heading above it, where it has a section (both are in bank order). */
export function sectionOf(bank: Bank, q: Question): Section | null {
  if (q.section === null) return null;
  let [low, high] = [0, bank.sections.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (bank.sections[middle]!.line <= q.line) low = middle + 1;
    else high = middle;
  }
  return bank.sections[low - 1] ?? null;
}

/**
 * The section whose intro each question is shown after, in a run of a bank's questions in order: the first
 * question of a section with an intro gets it, the others null.
 */
export function introsBefore(bank: Bank, questions: readonly Question[]): (Section | null)[] {
  let previous: Section | null = null;
  return questions.map((q) => {
    const section = sectionOf(bank, q);
    const opens = section !== previous && section !== null && section.introTree.children.length > 0;
    previous = section;
    return opens ? section : null;
  });
}

export function allQuestions(book: Book): Question[] {
  return book.banks.flatMap((bank) => bank.questions);
}

/**
 * A bank's title without the count it opens with ("67 Machine Learning Interview Questions 2025" -> "Machine
 * Learning Interview Questions 2025"), which goes stale as the list grows; a count inside the wording
 * ("Probability (19 questions)") is left as written.
 */
export function titleWithoutLeadingCount(bank: Pick<Bank, 'title' | 'claimedCount'>): string {
  return bank.claimedCount === null ? bank.title : bank.title.replace(new RegExp(`^\\s*${bank.claimedCount}\\s+`), '');
}

/** A question's number as the outputs show it: "12", or "1.2.3" for a number with levels. */
export const numberLabel = (q: Pick<Question, 'number' | 'parentNumber'>): string => (q.parentNumber ? `${q.parentNumber}.${q.number}` : String(q.number));

/**
 * Runs of consecutive questions in one section (and, for numbers with levels, under one parent number:
 * 1.2.1, 1.2.2, then 1.3.1), in reading order: where numbers start again.
 */
export function sectionRuns(questions: Question[]): Question[][] {
  const runs: Question[][] = [];
  for (const q of questions) {
    const run = runs.at(-1);
    if (run && run[0]!.section === q.section && run[0]!.parentNumber === q.parentNumber) run.push(q);
    else runs.push([q]);
  }
  return runs;
}

/** Code-point order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Order of places in the sources: by file, line, column. */
export function byPlace(a: Place, b: Place): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column;
}

/** Diagnostics in reading order, rule id breaking ties. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => byPlace(a, b) || compareText(a.rule, b.rule));
}
