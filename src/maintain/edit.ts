// Writes fixes, said in model terms (a question's number, depth or id; a title's count), into a bank's text.
// Only the characters a fix names change: line endings, trailing spaces and the rest of each line stay.
import type { Fix } from '../rules/rule.js';
import { ID_COMMENT } from '../read/ids.js';

export interface Edited {
  text: string;
  /** Fixes that could not be written, each with the reason, e.g. a heading in a form mlq cannot edit. */
  skipped: { fix: Fix; line: number; reason: string }[];
}

/** Lines with their own endings (CommonMark's: LF, CRLF or a lone CR), so that joining them gives the text back. */
export function splitLines(text: string): string[] {
  return text.split(/(?<=\r\n|\r(?!\n)|\n)/);
}

const ENDING = /(?:\r\n|\r|\n)$/;
/** The heading marks, then what may stand before the number: an HTML anchor, bold marks, "Q" or "Question", the levels above it ("1.2." of "1.2.3"). */
const HEADING_NUMBER = /^([ \t]*(#{1,6})?[ \t]*(?:<[^<>]*>[ \t]*)*(?:\*\*|__)?(?:Q(?:uestion)?[ \t]*)?(?:\d+\.(?=\d))*)(\d+)(?!\d)/i;
/** The end of a heading: an optional closing sequence of #, then trailing whitespace. */
const HEADING_END = /(?:[ \t]+#+)?[ \t]*$/;

/** Why a fix could not be written. */
interface Refusal {
  reason: string;
}

export function applyFixes(text: string, fixes: readonly Fix[]): Edited {
  const lines = splitLines(text);
  const skipped: Edited['skipped'] = [];
  // Per line, in the order that keeps earlier edits from moving later ones: marks, number, id at the end.
  const order: Record<Fix['kind'], number> = { depth: 0, number: 1, id: 2, count: 3 };
  for (const fix of [...fixes].sort((a, b) => order[a.kind] - order[b.kind])) {
    const line = fix.kind === 'count' ? fix.bank.titleLine : fix.question.line;
    const full = lines[line - 1];
    const result = full === undefined ? { reason: 'the line is past the end of the file' } : editLine(full, fix);
    if (typeof result === 'string') lines[line - 1] = result;
    else skipped.push({ fix, line, reason: result.reason });
  }
  return { text: lines.join(''), skipped };
}

function editLine(full: string, fix: Fix): string | Refusal {
  const ending = ENDING.exec(full)?.[0] ?? '';
  const content = full.slice(0, full.length - ending.length);
  const edited = editContent(content, fix);
  return typeof edited === 'string' ? edited + ending : edited;
}

function editContent(content: string, fix: Fix): string | Refusal {
  if (fix.kind === 'count') return replaceCount(content, fix.bank.claimedCount ?? Number.NaN, fix.count);
  const column = fix.question.column - 1;
  const before = content.slice(0, column);
  const heading = content.slice(column);
  if (fix.kind === 'id') return before + setId(heading, fix.id);
  const match = HEADING_NUMBER.exec(heading);
  if (!match || Number(match[3]) !== fix.question.number) return { reason: `cannot find the number ${fix.question.number} in this heading` };
  if (fix.kind === 'number') return before + match[1] + String(fix.number) + heading.slice(match[0].length);
  if (!match[2]) return { reason: 'the question is not a # heading' };
  const marks = match[1]!.indexOf('#');
  return before + heading.slice(0, marks) + '#'.repeat(fix.depth) + heading.slice(marks + match[2].length);
}

/** Replaces an id comment already in the heading, or adds one before its end. */
function setId(heading: string, id: string): string {
  const comment = `<!-- id: ${id} -->`;
  if (ID_COMMENT.test(heading)) return heading.replace(ID_COMMENT, comment);
  const end = HEADING_END.exec(heading)!.index;
  return `${heading.slice(0, end)} ${comment}${heading.slice(end)}`;
}

/** The claimed count is the number before "questions" in the title ("65 Machine Learning ... Questions"). */
function replaceCount(title: string, claimed: number, count: number): string | Refusal {
  for (const match of title.matchAll(/(?<!\d)\d+(?!\d)/g)) {
    if (Number(match[0]) === claimed && /questions?\b/i.test(title.slice(match.index + match[0].length))) {
      return title.slice(0, match.index) + String(count) + title.slice(match.index + match[0].length);
    }
  }
  return { reason: `cannot find the count ${claimed} in the title` };
}
