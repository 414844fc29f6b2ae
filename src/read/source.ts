// The input edge: turns a path into checked UTF-8 text, or one clear MlqError.
import { MlqError } from '../errors.js';
import { readInput } from '../io/files.js';
import { limit } from '../limits.js';

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

/** Refuses, at the first line that does it, quotes and lists nested too deep and lines too long. */
export function checkShape(file: string, text: string): void {
  let line = 0;
  for (const content of text.split('\n')) {
    line++;
    if (content.length > MAX_LINE_CHARS) throw new MlqError(`${file}:${line}: line longer than ${MAX_LINE_CHARS} characters`);
    const lead = LEADING.exec(content)![0];
    // Each level takes at least two characters (a marker and a space, or two of indentation).
    if (lead.length < 2 * MAX_NESTING) continue;
    const markers = lead.match(MARKER)?.length ?? 0;
    const indent = lead.replace(MARKER, '').replace(/\t/g, '    ').replace(/[^ ]/g, '').length;
    if (markers + Math.floor(indent / 2) > MAX_NESTING) {
      throw new MlqError(`${file}:${line}: quotes or lists nested more than ${MAX_NESTING} levels deep`);
    }
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
