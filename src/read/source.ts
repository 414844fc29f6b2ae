// The input edge: turns a path into checked UTF-8 text, or one clear MlqError.
import { MlqError } from '../errors.js';
import { readInput } from '../io/files.js';
import { limit } from '../limits.js';
import { hasDefinitions, headingLines } from './split.js';

/** Inputs beyond this are refused rather than parsed for minutes: 100x the corpus is about 4 MB. */
export const MAX_INPUT_BYTES = limit('bankBytes');

export interface SourceText {
  file: string;
  text: string;
}

export async function readSourceText(file: string): Promise<SourceText> {
  const bytes = await readInput(file, 'cannot read', { maxBytes: MAX_INPUT_BYTES });
  const text = decodeText(file, bytes);
  checkShape(file, text);
  return { file, text };
}

/** Block containers nested deeper than this overflow the parser's stack or take minutes to parse. */
export const MAX_NESTING = limit('nesting');
/** A paragraph is parsed as a whole: a megabyte on one line is data, not prose, and takes seconds. */
export const MAX_LINE_CHARS = limit('lineChars');
const LEADING = /^[ \t>*+\-\d.)]*/;
const MARKER = />|(?:[-*+]|\d{1,9}[.)])(?=[ \t])/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const EMPHASIS_MARK = /[*_]/g;
/** What opens a table cell, a link or an image, or a tag. */
const MARKUP = /[|[\]<]/g;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/**
 * Refuses, at the first line that does it, what costs the parser itself time or memory far beyond the
 * text's size (limits.ts), so these are judged on the text, before it is parsed: quotes and lists nested
 * too deep (they overflow its stack), lines too long, runs of emphasis marks in one paragraph (their
 * matching is quadratic), an answer too long to parse in one piece, and more markup than the parser can take
 * at once: micromark keeps kilobytes of events per table cell or link until a piece is parsed (240,000 cells
 * in 490 KB take it 2 GB), so the cells and links of the tree (tally.ts) could not be counted before that
 * is paid. A piece runs from one heading at the margin to the next (split.ts), or is the whole bank when it
 * has link definitions. Code blocks count only toward the answer's length.
 */
export function checkShape(file: string, text: string): void {
  const refuse = (line: number, problem: string): never => {
    throw new MlqError(`${file}:${line}: ${problem}`);
  };
  let line = 0;
  let fence: string | null = null;
  let heading = 0;
  let answerChars = 0;
  let emphasis = 0;
  let markup = 0;
  const cuts = hasDefinitions(text) ? new Set<number>() : new Set(Array.from(headingLines(text), (heading) => heading.line));
  for (const content of text.split('\n')) {
    line++;
    if (content.length > MAX_LINE_CHARS) refuse(line, `line longer than ${MAX_LINE_CHARS} characters`);
    if (HEADING.test(content) && fence === null) {
      heading = line;
      answerChars = 0;
    }
    answerChars += content.length + 1;
    if (cuts.has(line)) markup = 0;
    if (answerChars > limit('answerChars')) refuse(line, `answer longer than ${limit('answerChars')} characters (from the heading at line ${heading})`);
    const opening = FENCE.exec(content)?.[1];
    if (fence !== null) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && content.trim() === opening) fence = null;
      continue;
    }
    if (opening) {
      fence = opening;
      continue;
    }
    if (content.trim() === '') {
      emphasis = 0;
      continue;
    }
    emphasis += count(content, EMPHASIS_MARK);
    if (emphasis > limit('emphasisRun')) refuse(line, `more than ${limit('emphasisRun')} emphasis marks (* or _) in one paragraph`);
    markup += count(content, MARKUP);
    if (markup > limit('markupChars')) refuse(line, `more than ${limit('markupChars')} pipes, brackets and < to parse at once (tables, links or tags; a heading at the margin starts a new part, unless the bank has link definitions); the limit is ${limit('markupChars')} (markupChars)`);
    const lead = LEADING.exec(content)![0];
    // Each level takes at least two characters (a marker and a space, or two of indentation).
    if (lead.length < 2 * MAX_NESTING) continue;
    const markers = lead.match(MARKER)?.length ?? 0;
    const indent = lead.replace(MARKER, '').replace(/\t/g, '    ').replace(/[^ ]/g, '').length;
    if (markers + Math.floor(indent / 2) > MAX_NESTING) refuse(line, `quotes or lists nested more than ${MAX_NESTING} levels deep`);
  }
}

/** Decodes UTF-8 strictly; binary or mis-encoded input is reported at its first bad line. */
export function decodeText(file: string, bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new MlqError(`${file}:${lineAt(bytes, nul)}: binary data (NUL byte), not a Markdown text file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a byte-order mark
  } catch {
    throw new MlqError(`${file}:${lineAt(bytes, firstInvalidUtf8(bytes))}: not UTF-8 text`);
  }
  if (text.trim() === '') throw new MlqError(`${file}: empty file`);
  return text;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on prefixes would be wrong (a cut can split a character); scan line by line instead.
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return start;
    }
    start = end + 1;
  }
  return 0;
}
