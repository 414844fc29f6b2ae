// What a reader layout is: one way a bank writes its questions (headings, list items, bold paragraphs).
// A layout finds its question lines in a cheap line scan of the whole text (detection, and where the
// text may be cut into pieces), then its questions in each piece's Markdown tree.
import type { Heading, PhrasingContent, RootContent } from 'mdast';
import type { Numbering } from '../../model.js';

export const LAYOUT_IDS = ['headings', 'list', 'bold', 'details'] as const;
export type LayoutId = (typeof LAYOUT_IDS)[number];
export const NUMBERINGS: readonly Numbering[] = ['book', 'section', 'none'];
export type { Numbering };

/** What mlq.yaml may set for one source; detection fills in the rest. */
export interface ReadOptions {
  layout?: LayoutId;
  numbering?: Numbering;
  /** Depth of the question headings (2 to 6). */
  depth?: number;
}

/** How a bank is read: plain data, so that worker threads get it as it is. */
export interface Reading {
  layout: LayoutId;
  /** Depth of the question headings; for bold paragraphs, one below the topic headings. */
  depth: number;
  /** The number form of the questions: "{n})" (12) or 12.), "Q{n}:", ...; null when they are not numbered. */
  form: string | null;
  /** Headings at this depth or above end a question; deeper ones belong to its answer. */
  structuralDepth: number;
  /** Depth of the topic section headings, or 0 where the bank has none. */
  sectionDepth: number;
  /** Depth of the bank title: 1, or 2 for a file whose only heading of depth 1 or 2 is a `##` one. */
  titleDepth: number;
  /** Line of the first question line the scan found (pieces are never cut before it). */
  firstQuestionLine: number;
  /** Every question line the scan found: one the tree does not read as a question is reported. */
  questionLines: { line: number; text: string }[];
  /** Why the bank has no questions, when the scan found no question line (it is then not parsed). */
  refusal: string | null;
  /** Bold questions carry an emoji mark (see Candidates). */
  emojiMarked?: boolean;
  /** Later forms of the file: from each line on (to the next form's), its questions are read this way. */
  forms?: { line: number; reading: Reading }[];
  /** mlq.yaml sets the depth: no question is read at another one. */
  depthSet?: boolean;
  /** Null until the questions are read and it is detected, unless mlq.yaml sets it. */
  numbering: Numbering | null;
  /** Why: what the scan found, for `mlq check --explain`. */
  why: string[];
}

/** A line of the text outside code blocks and HTML blocks (see split.ts). */
export interface ScanLine {
  line: number;
  text: string;
  /** ATX heading depth, or 0 for a line that is not a heading. */
  depth: number;
  /** The heading's text, without its marks, closing hashes and leading HTML anchors; a summary line's summary text. */
  title: string;
  /** Inside a `<details>` element: a folded answer, whose headings are the answer's own. */
  inDetails?: boolean;
  /** A line of an HTML block that holds a `<summary>`, the only lines of HTML blocks the scan sees. */
  summary?: true;
}

/** What one layout would read in a text. */
export interface Candidates {
  /** Question lines found (0: the layout does not fit). */
  lines: number[];
  depth: number;
  form: string | null;
  /** Headings at this depth or above end a question (refined once the topic depth is known). */
  structuralDepth: number;
  why: string;
  /** Bold questions carry an emoji mark: a bold line with one is a question even without "?". */
  emojiMarked?: boolean;
  /** Why lines that look like questions are not read as such (a chapter's prose, a title): for the refusal. */
  rejected?: string;
}

/** One question found in the tree: its heading (or bold paragraph), number and the start of its answer. */
export interface QuestionStart {
  /** Where the question is, and the inline content of its title (number not yet removed). */
  head: { children: PhrasingContent[]; depth: number; position: Heading['position'] };
  number: number | null;
  /** The levels a number with levels writes above the question's own ("1.2" of "1.2.3"). */
  parentNumber?: string;
  /** The answer as far as this node holds it (a list item's content); later nodes are added by the reader. */
  body: RootContent[];
}

/** A bank written for the tests and the README: what the layout must read in it. */
export interface LayoutExample {
  name: string;
  markdown: string;
  expect: {
    title: string;
    numbers: number[];
    sections: (string | null)[];
    numbering: Numbering;
    /** Per question: a piece of its answer text, or "" for no answer. */
    answers: string[];
    lines: number[];
  };
}

/** A bank this layout reports instead of reading it wrong: the diagnostics it must give. */
export interface LayoutCounterExample {
  name: string;
  markdown: string;
  /** rule id and line of each expected diagnostic (the reader's error for an input error). */
  reports: { rule: string; line: number }[];
}

export interface Layout {
  id: LayoutId;
  /** One line for the README's table and `--explain`. */
  description: string;
  scan(lines: ScanLine[], options: ReadOptions): Candidates;
  /** Whether a heading line of the scan is a question line (pieces are cut only between two). */
  isQuestionLine(line: ScanLine, reading: Reading): boolean;
  /** The questions a top-level node of the tree starts; `lead` is content before the first of them. */
  starts(node: RootContent, reading: Reading): { lead: RootContent[]; starts: QuestionStart[] } | null;
  /** A question's answer ends where the `<details>` element its question opens closes (not at the next question). */
  foldedAnswers?: true;
  /**
   * Where the questions are paragraphs or HTML, not headings nor list items: what they are, as `--explain` says
   * ("bold paragraphs"). Their depth is the topic headings' over them, at least `##` (a `#` is the title).
   */
  questionsAre?: string;
  examples: LayoutExample[];
  counterExamples: LayoutCounterExample[];
}

/** Number forms: "12)", "12.", "Q12:", "Q12.", "Q12)", "Question 12:", and numbers with levels, "1.2.3". */
const PLAIN_NUMBER = /^\s*(\d+)\s*([.)])(?!\d)\s*/;
const Q_NUMBER = /^\s*(Q|Question\s*)(\d+)\s*([:.)])\s*/i;
/** "1.2.3 What ...", "1.2.3. What", "1.2) What": the question's own number is the last level. */
const LEVELS_NUMBER = /^\s*((?:\d+\.)+)(\d+)([.)]?)\s+/;

/** A number form, its number, what to cut off the title, and for a number with levels the levels above it ("1.2"). */
export interface NumberFound {
  form: string;
  number: number;
  prefix: string;
  parent?: string;
}

/**
 * The number form of a question text, as a template ("{n})", "Q{n}:"; "#.#.{n}" for a number with two levels
 * above it: numbers with another count of levels are another form), and its number; or null.
 */
export function numberForm(text: string): NumberFound | null {
  const plain = PLAIN_NUMBER.exec(text);
  if (plain) return { form: `{n}${plain[2]}`, number: Number(plain[1]), prefix: plain[0] };
  const q = Q_NUMBER.exec(text);
  // Stryker disable next-line Regex: q[1] is "Q" or "Question" and its spaces, so a space can only be at its end.
  if (q) return { form: `${q[1]!.trim()}${/\s$/.test(q[1]!) ? ' ' : ''}{n}${q[3]}`, number: Number(q[2]), prefix: q[0] };
  const levels = LEVELS_NUMBER.exec(text);
  if (levels) return { form: `${levels[1]!.replace(/\d+/g, '#')}{n}${levels[3]}`, number: Number(levels[2]), prefix: levels[0], parent: levels[1]!.slice(0, -1) };
  return null;
}

/** A form's family: the separator does not count ("12)" and "12." are one, as the upstream mixes them). */
export const formFamily = (form: string) => form.replace(/[:.)]$/, '').toLowerCase();

/** The number of a text written in the family of `form`, with what to cut off the title; null when none. */
export function numberIn(text: string, form: string | null): NumberFound | null {
  if (form === null) return null;
  const found = numberForm(text);
  return found && formFamily(found.form) === formFamily(form) ? found : null;
}

/** A number written in a form; a number with levels under `parent` ("1.2"), or under 1.1 where none is given. */
export const writeNumber = (form: string, n: number, parent?: string) => form.replace(/(?:#\.)+/, (levels) => (parent ? `${parent}.` : levels.replace(/#/g, '1'))).replace('{n}', String(n));

/** "12 What ...", "12: What ...", "12 - What ...", "Q12 What": a question missing its usual form. */
export const LOOKS_NUMBERED = /^\s*(?:Q(?:uestion)?\s*)?\d+(?:\s*[.):](?!\d)|\s*[:\-–]?\s+\p{L})/iu;
/** A question mark at the end, before any trailing link, emoji or closing mark. */
export const ENDS_AS_QUESTION = /[?？](?:[\s\p{Extended_Pictographic}\u200d\ufe0f*_)\]]|\[[^\]]*\](?:\([^)]*\))?)*$/u;
/** How a question without "?" starts (English): `**1. What is A**`, not `**1. Introduction to Statistics**`. */
const QUESTION_WORD = /^(?:what|how|why|when|which|who|whose|where|is|are|can|could|do|does|did|should|would|will|explain|describe|define|compare|give|write|implement|name|list)\b/i;

/** A question number as written at the start of a text, in any form (`12)`, `Q12:`, `12 -`, `Question 12`). */
export const NUMBER_IN_TEXT = /^\s*(?:Q(?:uestion)?\s*)?(?:\d+\.)*(\d+)\s*[.):\-–]?\s*/i;

/** Whether a text asks without "?": it opens with a question word (after its number, if it has one). */
export const opensAsQuestion = (text: string): boolean => QUESTION_WORD.test(text.replace(NUMBER_IN_TEXT, ''));

/** Whether a numbered text asks: it ends in "?", or opens as a question. */
export const numberedAsks = (text: string): boolean => ENDS_AS_QUESTION.test(text) || opensAsQuestion(text);
/**
 * Headings of a table of contents, and of a footer that sends the reader elsewhere for the rest ("Explore
 * all 100 answers here 👉"): navigation, never a question, a section or part of an answer.
 */
export const NAVIGATION_HEADING = /^\s*(?:table\s+of\s+)?contents\s*$|\b(?:all|more|the\s+rest\s+of\s+the)\s+(?:\d+\s+)?(?:answers|questions)\s+(?:here|at|on)\b/i;

/**
 * The number form of a layout's candidate lines (bold paragraphs, summaries): the family most of them are
 * numbered in, written as most of those write it, where it numbers more than half the lines and more than half
 * of its lines ask (`asks`; mlq.yaml setting the layout waives that), else null (`**1. Course**` is prose).
 */
export function linesForm<T extends { text: string }>(lines: T[], asks: (line: T) => boolean, layoutSet: boolean): { form: string | null; numbered: T[]; asking: number } {
  const forms = lines.flatMap((l) => numberForm(l.text)?.form ?? []);
  const [family] = mostFrequent(forms.map(formFamily));
  const written = family && forms.find((f) => formFamily(f) === family[0])!;
  const numbered = written ? lines.filter((l) => numberIn(l.text, written)) : [];
  const asking = numbered.filter(asks).length;
  const form = written && 2 * family[1] > lines.length && (layoutSet || 2 * asking > numbered.length) ? written : null;
  return { form, numbered, asking };
}

/** The structural depth of questions that are no headings: that of the heading before the first (`first`), or mlq.yaml's depth less one. */
export function depthAbove(lines: ScanLine[], first: number, options: ReadOptions): number {
  // Stryker disable next-line EqualityOperator: the first question's own line is no heading (depth 0).
  const topic = lines.findLast((l) => l.depth > 0 && l.line < first);
  return options.depth ? options.depth - 1 : (topic?.depth ?? 1);
}

/** The count of each value, most frequent first (ties: the first seen). */
export function mostFrequent<T>(values: T[]): [T, number][] {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
