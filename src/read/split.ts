// Where Markdown can be cut into pieces that parse to the same blocks: before a top-level ATX heading (or a
// list item, where parse.ts says so), never inside fenced code or an HTML block. Reference definitions apply
// across a whole document, so a document with any is never cut.

export interface Piece {
  text: string;
  /** 1-based line and 0-based offset of the piece's start in the whole text. */
  line: number;
  offset: number;
}

export interface HeadingLine {
  /** Offset of the line start, 1-based line number and the line itself. */
  at: number;
  line: number;
  text: string;
}

export interface BlockLine extends HeadingLine {
  /** Whether the line starts a top-level ATX heading. */
  heading: boolean;
  /** Whether the line stands inside an HTML `<details>` element (a folded answer) that HTML blocks opened. */
  inDetails: boolean;
  /** A line of an HTML block that holds a `<summary>` (blockLines gives no other line of an HTML block). */
  summary?: true;
}

const DETAILS_OPEN = /<details[\s>]/gi;
export const SUMMARY_OPEN = /<summary[\s>]/i;
export const DETAILS_CLOSE = /<\/details\s*>/gi;

/** How many `<details>` elements an HTML line opens, less those it closes. */
export const detailsBalance = (html: string) => (html.match(DETAILS_OPEN)?.length ?? 0) - (html.match(DETAILS_CLOSE)?.length ?? 0);

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** HTML blocks of kinds 1 to 5 (CommonMark) end at their own closer; kinds 6 and 7 at a blank line. */
const HTML_BLOCKS: [open: RegExp, close: RegExp][] = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
const HTML_UNTIL_BLANK = /^ {0,3}<[A-Za-z/]/;
const ATX_HEADING = /^#{1,6}(?:[ \t]|\r?$)/;
/**
 * A line that may start a link reference definition, also inside a quote or a list item: a label, then a
 * destination alone or before a title (that ends the line, or goes on to the next), or nothing (the
 * destination on the next line). `[abc]: Used to find` and `[Symbol.iterator]: function* () {` are text.
 */
const DEFINITION = /^[ \t>*+\-\d.)]*\[[^\]\n]+\]:(?:\s*$|[ \t]*(?:<[^>\n]*>|\S+)(?:\s*$|[ \t]+(?:"[^"]*"?|'[^']*'?|\([^)]*\)?)\s*$))/;

/**
 * A line of an HTML block that holds a `<summary>`: inside a `<details>` element when the summary's own
 * element stands in another (`details` is how many the lines before it left open).
 */
function summaryLine(at: number, line: number, text: string, details: number): BlockLine {
  const depth = details + detailsBalance(text.slice(0, SUMMARY_OPEN.exec(text)!.index));
  return { at, line, text, heading: false, inDetails: depth > 1, summary: true };
}

/** Whether a text may hold a link reference definition outside code and HTML: such a document is never cut. */
export function hasDefinitions(text: string): boolean {
  if (!text.includes(']:')) return false;
  for (const line of blockLines(text)) if (DEFINITION.test(line.text)) return true;
  return false;
}

/** Every line that starts a top-level ATX heading at column 1. */
export function headingLines(text: string): Generator<BlockLine> {
  return blockLines(text, true);
}

/**
 * Every line outside fenced code and HTML blocks (the lines where Markdown structure can start), and the
 * lines of HTML blocks that hold a `<summary>` (a question may be written there); or only the heading lines
 * (cutting text needs no more, and makes no object for the others).
 */
export function* blockLines(text: string, onlyHeadings = false): Generator<BlockLine> {
  let fence = '';
  /** The closer of the HTML block the scan is in, 'blank' for kinds 6 and 7, or null outside one. */
  let html: RegExp | 'blank' | null = null;
  let details = 0;
  let line = 1;
  for (let at = 0; at < text.length; line++) {
    const next = text.indexOf('\n', at);
    const end = next === -1 ? text.length : next + 1;
    const content = text.slice(at, end);
    if (fence) {
      const closing = FENCE.exec(content);
      if (closing && closing[1]![0] === fence[0] && closing[1]!.length >= fence.length && content.trim() === closing[1]) fence = '';
    } else if (html === 'blank') {
      if (content.trim() === '') html = null;
      if (!onlyHeadings && SUMMARY_OPEN.test(content)) yield summaryLine(at, line, content, details);
      details = Math.max(0, details + detailsBalance(content));
    } else if (html) {
      if (html.test(content)) html = null;
    } else if (FENCE.test(content)) {
      fence = FENCE.exec(content)![1]!;
    } else if (HTML_BLOCKS.some(([open]) => open.test(content))) {
      const [open, close] = HTML_BLOCKS.find(([opener]) => opener.test(content))!;
      // The closer may stand on the opening line, after the opener itself.
      if (!close.test(content.slice(open.exec(content)![0].length))) html = close;
    } else if (HTML_UNTIL_BLANK.test(content)) {
      html = 'blank';
      if (!onlyHeadings && SUMMARY_OPEN.test(content)) yield summaryLine(at, line, content, details);
      details = Math.max(0, details + detailsBalance(content));
    } else {
      const heading = ATX_HEADING.test(content);
      if (heading || !onlyHeadings) yield { at, line, text: content, heading, inDetails: details > 0 };
    }
    at = end;
  }
}

/**
 * Cuts `text` into pieces of about `pieceChars` (the last one at least half that), each cut before one of
 * `lines` (by default its heading lines) that `canCut` accepts, given that line and the one of `lines` before
 * it. Returns the text whole where it cannot be cut.
 */
export function cutBefore(
  text: string,
  pieceChars: number,
  canCut: (line: BlockLine, previous: BlockLine | undefined) => boolean = () => true,
  lines: Iterable<BlockLine> = headingLines(text),
): Piece[] {
  if (text.length < 1.5 * pieceChars || hasDefinitions(text)) return [{ text, line: 1, offset: 0 }];
  const pieces: Piece[] = [];
  let start = { at: 0, line: 1 };
  let previous: BlockLine | undefined;
  for (const line of lines) {
    if (line.at - start.at >= pieceChars && text.length - line.at >= pieceChars / 2 && canCut(line, previous)) {
      pieces.push({ text: text.slice(start.at, line.at), line: start.line, offset: start.at });
      start = line;
    }
    previous = line;
  }
  pieces.push({ text: text.slice(start.at), line: start.line, offset: start.at });
  return pieces;
}
