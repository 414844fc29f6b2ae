// What a bank holds that costs the writers time or memory, counted on the parsed tree and held to the limits
// of limits.ts per answer, per bank and per book, before any writer runs: the model is within bounds by
// construction. An answer here is the text from one question to the next (the text before the first
// question of a piece counts as one too). A bank is read in pieces (split.ts), on several threads
// (parse-parallel.ts): each piece is tallied on its own, and the pieces' tallies are added in the bank's order,
// so the refusal names the first line past a limit, whichever thread read it.
import type { Nodes, Root } from 'mdast';
import { MlqError } from '../errors.js';
import { limit, LIMITS, type LimitName } from '../limits.js';
import type { Bank } from '../model.js';

export const KINDS = ['questions', 'cells', 'links', 'images', 'formulas', 'tex'] as const;
export type Kind = (typeof KINDS)[number];

const LIMITS_OF: Record<Kind, { answer?: LimitName; bank: LimitName; book: LimitName }> = {
  questions: { bank: 'questionsPerBank', book: 'questionsPerBook' },
  cells: { answer: 'cellsPerAnswer', bank: 'cellsPerBank', book: 'cellsPerBook' },
  links: { answer: 'linksPerAnswer', bank: 'linksPerBank', book: 'linksPerBook' },
  images: { answer: 'imagesPerAnswer', bank: 'imagesPerBank', book: 'imagesPerBook' },
  formulas: { answer: 'formulasPerAnswer', bank: 'formulasPerBank', book: 'formulasPerBook' },
  tex: { answer: 'texPerAnswer', bank: 'texPerBank', book: 'texPerBook' },
};

/** The items of one kind in reading order: the line of each, and its size where it is not 1 (a formula's TeX). */
export interface Items {
  lines: number[];
  sizes: number[] | null;
}
export type Tally = Record<Kind, Items>;

export function emptyTally(): Tally {
  return {
    questions: { lines: [], sizes: null },
    cells: { lines: [], sizes: null },
    links: { lines: [], sizes: null },
    images: { lines: [], sizes: null },
    formulas: { lines: [], sizes: null },
    tex: { lines: [], sizes: [] },
  };
}

/** Links and images written as HTML: they reach the outputs as the Markdown ones do. */
const HTML_ITEMS: [Kind, RegExp][] = [
  ['links', /<a\s[^>]*href/gi],
  ['images', /<img\s/gi],
];

/** Adds to `lines` the line of each match of `pattern` in a text that starts at `line`. */
function addLines(text: string, pattern: RegExp, line: number, lines: number[]): void {
  let at = 0;
  for (const { index } of text.matchAll(pattern)) {
    // Stryker disable next-line EqualityOperator: the character at `index` is a '<', never a line break.
    for (; at < index; at++) if (text.charCodeAt(at) === 10) line++;
    lines.push(line);
  }
}

const sizeOf = (items: Items, i: number) => items.sizes?.[i] ?? 1;

/** Refuses the item at `line`, the first past the limit `name`; `problem` says how much there is, in the limit's unit. */
function refuse(file: string, line: number, name: LimitName, problem: string): never {
  throw new MlqError(`${file}:${line}: ${problem}; the limit is ${limit(name)} (${name})`);
}

/**
 * The tally of one piece of a bank, whose questions start at `questionLines` (in order). Refuses a formula
 * or an answer past its limit at the line that crosses it.
 */
export function tallyPiece(root: Root, file: string, questionLines: number[]): Tally {
  const tally = emptyTally();
  tally.questions.lines = [...questionLines];
  const formula = (line: number, tex: string) => {
    if (tex.length > limit('texPerFormula')) refuse(file, line, 'texPerFormula', `a formula of ${tex.length} ${LIMITS.texPerFormula.unit}`);
    tally.formulas.lines.push(line);
    tally.tex.lines.push(line);
    tally.tex.sizes!.push(tex.length);
  };
  // A stack of its own: the tree may be deeper than the call stack (its depth is bounded later, in markdown.ts).
  const pending: Nodes[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    // Stryker disable next-line OptionalChaining: every node read from the text has a position; the type says it may not.
    const line = node.position?.start.line ?? 1;
    if (node.type === 'tableCell') tally.cells.lines.push(line);
    else if (node.type === 'link' || node.type === 'linkReference') tally.links.lines.push(line);
    else if (node.type === 'image' || node.type === 'imageReference') tally.images.lines.push(line);
    else if (node.type === 'math' || node.type === 'inlineMath') formula(line, node.value);
    // A code block is a formula when its language is math (GitHub draws ```math as math).
    else if (node.type === 'code') {
      if (node.lang === 'math') formula(line, node.value);
    } else if (node.type === 'html') for (const [kind, pattern] of HTML_ITEMS) addLines(node.value, pattern, line, tally[kind].lines);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
  }
  // HTML items are found after the Markdown ones of their node's parent: put every kind in reading order.
  for (const kind of ['links', 'images'] as const) tally[kind].lines.sort((a, b) => a - b);
  refuseLongAnswers(tally, file, questionLines);
  return tally;
}

/** Refuses the first item that brings its answer past the kind's limit per answer, with the answer's count. */
function refuseLongAnswers(tally: Tally, file: string, questionLines: number[]): void {
  for (const kind of KINDS) {
    const name = LIMITS_OF[kind].answer;
    if (!name) continue;
    const items = tally[kind];
    let answer = -1;
    let count = 0;
    let past: number | null = null;
    for (let i = 0; i < items.lines.length; i++) {
      const line = items.lines[i]!;
      let starts = answer;
      while ((questionLines[starts + 1] ?? Infinity) <= line) starts++;
      if (starts !== answer) {
        if (past !== null) break;
        answer = starts;
        count = 0;
      }
      count += sizeOf(items, i);
      if (past === null && count > limit(name)) past = line;
    }
    if (past !== null) {
      const from = answer === -1 ? 'before the first question of its part' : `from the question at line ${questionLines[answer]}`;
      refuse(file, past, name, `${count} ${LIMITS[name].unit} in one answer (${from})`);
    }
  }
}

/**
 * Sums of tallies added in reading order (the pieces of a bank, or the banks of a book), refused at the
 * first item past a limit per bank or per book, with the count so far.
 */
export class Totals {
  private readonly sums = new Map<Kind, number>(KINDS.map((kind) => [kind, 0]));

  constructor(private readonly scope: 'bank' | 'book') {}

  /** Adds a piece's tally; returns the piece. */
  counted<T extends { tally: Tally }>(piece: T, file: string): T {
    this.add(piece.tally, file);
    return piece;
  }

  add(tally: Tally, file: string): void {
    for (const kind of KINDS) {
      const name = LIMITS_OF[kind][this.scope];
      const items = tally[kind];
      let sum = this.sums.get(kind)!;
      let past: number | null = null;
      for (let i = 0; i < items.lines.length; i++) {
        sum += sizeOf(items, i);
        if (past === null && sum > limit(name)) past = items.lines[i]!;
      }
      this.sums.set(kind, sum);
      if (past !== null) refuse(file, past, name, `at least ${sum} ${LIMITS[name].unit} in the ${this.scope}`);
    }
  }
}

/** Adds a piece's tally to the bank's sums shared by the threads that read it: whether the bank is now past a limit. */
export function addShared(sums: Int32Array, tally: Tally): boolean {
  return KINDS.map((kind, i) => {
    const items = tally[kind];
    const size = items.sizes ? items.sizes.reduce((a, b) => a + b, 0) : items.lines.length;
    return Atomics.add(sums, i, size) + size > limit(LIMITS_OF[kind].bank);
  }).includes(true);
}

/** The shared sums of addShared. */
export const sharedSums = () => new Int32Array(new SharedArrayBuffer(KINDS.length * Int32Array.BYTES_PER_ELEMENT));

/** Each bank's tally, for the sums of its book; kept beside the model, which the writers read. */
const tallies = new WeakMap<Bank, Tally>();

/** Joins the tallies of a bank's pieces, in order, and keeps it for the book (refuseLargeBook). */
export function keepTally(bank: Bank, pieces: Tally[]): void {
  const joined = emptyTally();
  for (const tally of pieces) {
    for (const kind of KINDS) {
      joined[kind].lines = joined[kind].lines.concat(tally[kind].lines);
      if (tally[kind].sizes) joined[kind].sizes = joined[kind].sizes!.concat(tally[kind].sizes!);
    }
  }
  tallies.set(bank, joined);
}

/** Refuses a book whose banks together are past a limit per book, at the first line past it. */
export function refuseLargeBook(banks: Bank[]): void {
  const totals = new Totals('book');
  for (const bank of banks) totals.add(tallies.get(bank) ?? emptyTally(), bank.file);
}
