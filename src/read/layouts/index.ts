// The layouts a bank may use, and which one a bank uses: set in mlq.yaml, else the one that finds the most
// question lines in a scan of the text. The scan also finds the topic and title depths.
import { blockLines } from '../split.js';
import { bold } from './bold.js';
import { details, lineSummary } from './details.js';
import { headings } from './headings.js';
import { ENDS_AS_QUESTION, LOOKS_NUMBERED, NAVIGATION_HEADING, type Candidates, type Layout, type LayoutId, type ReadOptions, type Reading, type ScanLine } from './layout.js';
import { list } from './list.js';

export type { LayoutId, Numbering, ReadOptions, Reading } from './layout.js';
export { LAYOUT_IDS, NUMBERINGS } from './layout.js';

export const LAYOUTS: Record<LayoutId, Layout> = { headings, list, bold, details };

// Stryker disable next-line Regex: scanHeading reads only heading lines, which start with their marks (split.ts).
const HEADING_MARKS = /^(#{1,6})[ \t]*/;
// Stryker disable next-line Regex: one space or several before the hashes, the title is trimmed after.
const CLOSING_HASHES = /(?:^|[ \t]+)#+[ \t]*$/;
const LEADING_HTML = /^(?:<[^>]*>\s*)+/;
/** A line that is not a heading but looks like a question: bold and asking, or opening with a bold or Q number. */
const LOOKS_LIKE_LINE = /^ {0,3}(?:(\*\*|__).*[?？]\s*\1\s*$|(\*\*|__)(?:Q(?:uestion)?\s*)?\d+[.):]?\2\s*\S|Q(?:uestion)?\s*\d+\s*[.):]\s*\S)/i;
const ASKING_ITEM = /^\s*(?:\d{1,9}[.)]|[-*+])[ \t]+\S/;
/** A list item's marker and heading marks, or a bold paragraph's stars: what is not the question's text. */
// Stryker disable next-line Regex: the text is trimmed after, and every question line matches it from its start.
const ITEM_OR_BOLD = /^\s*(?:(?:\d{1,9}[.)]|[-*+])[ \t]+#{1,6}[ \t]+|(\*\*|__))(.*?)(?:\1)?\s*$/;

/** The lines of a text where blocks can start, headings with their depth and text (see ScanLine). */
export function scanLines(text: string): ScanLine[] {
  const lines: ScanLine[] = [];
  for (const { line, text: raw, heading, inDetails, summary } of blockLines(text)) {
    if (heading) lines.push({ ...scanHeading(line, raw), ...(inDetails && { inDetails }) });
    else if (raw.trim()) lines.push({ line, text: withoutLineEnd(raw), depth: 0, title: summary ? lineSummary(raw) : '', ...(inDetails && { inDetails }), ...(summary && { summary }) });
  }
  return lines;
}

// Stryker disable next-line Regex: a line holds one line break, at its end.
const withoutLineEnd = (raw: string) => raw.replace(/\r?\n$/, '');

/** A heading line as the scan sees it (also where a bank is cut into pieces, see parse.ts). */
export function scanHeading(line: number, raw: string): ScanLine {
  const content = withoutLineEnd(raw);
  const marks = HEADING_MARKS.exec(content)!;
  const title = content.slice(marks[0].length).replace(CLOSING_HASHES, '').replace(LEADING_HTML, '').trim();
  return { line, text: content, depth: marks[1]!.length, title };
}

/** Fewest question lines of another layout, all after the bank's, that make a second form of the file. */
const FORM_MIN_LINES = 3;

/**
 * How a bank is read: the layout of mlq.yaml, else the one that finds the most questions; and where the
 * questions of another layout follow all of those (a list, then exercises as headings), that form from
 * the topic heading before its first question on.
 */
export function readingOf(text: string, file: string, options: ReadOptions = {}): Reading {
  const scanned = scanLines(text);
  const { found, ...reading } = readingIn(scanned, file, options, options.layout ? 'set in mlq.yaml' : 'detected');
  const lines = reading.questionLines.map((l) => l.line);
  const [first, last] = [Math.min(...lines), Math.max(...lines)];
  // No line is a question of two layouts (headings, list items and bold paragraphs are different lines): whether
  // a bound may equal a line of the bank changes nothing.
  // Stryker disable next-line EqualityOperator
  const after = (c: Candidates) => Math.min(...c.lines) > last;
  // Stryker disable next-line EqualityOperator
  const before = (c: Candidates) => Math.max(...c.lines) < first;
  // The bank's own layout (the only one scanned where mlq.yaml sets it) is never one: its lines are neither all
  // after its last nor all before its first.
  const [other] = found.filter(([, c]) => c.lines.length >= FORM_MIN_LINES && (after(c) || before(c))).sort((a, b) => b[1].lines.length - a[1].lines.length);
  if (!other) return reading;
  const best = found.find(([id]) => id === reading.layout)!;
  const [earlier, later] = after(other[1]) ? [best, other] : [other, best];
  const end = Math.max(...earlier[1].lines);
  const start = Math.min(...later[1].lines);
  // The later form starts at its topic heading: the last of the shallowest headings between the two forms (`## Exercises`,
  // not the `### Setup` of its intro), else at its first question.
  // Stryker disable next-line EqualityOperator: the later form's first question is no heading shallower than its questions.
  const between = scanned.filter((l) => l.depth > 0 && l.depth < (later[1].depth || 7) && l.line > end && l.line < start);
  const top = Math.min(...between.map((l) => l.depth));
  const heading = between.findLast((l) => l.depth === top);
  const line = heading?.line ?? start;
  const textLines = text.split('\n');
  // Each form's topics are those of the whole file: its title is the file's, not a `##` that opens the form.
  const title = titleDepth(scanned);
  const formOf = (id: LayoutId, formText: string) => readingIn(scanLines(formText), file, { ...options, layout: id }, 'detected', title);
  // The earlier form's questions all come before the cut, and the text after it holds none of them; reading
  // only the text before it is what parse.ts does with this form.
  // Stryker disable next-line ArithmeticOperator,MethodExpression
  const { found: _, ...head } = formOf(earlier[0], textLines.slice(0, line - 1).join('\n'));
  // Blank lines in place of the text before the later form: its scan gives the lines of the whole file.
  const { found: [[, tailFound]], ...tail } = formOf(later[0], '\n'.repeat(line - 1) + textLines.slice(line - 1).join('\n')) as Reading & { found: [[LayoutId, Candidates]] };
  const lastLine = textLines.length - (text.endsWith('\n') ? 1 : 0);
  return {
    ...head,
    forms: [{ line, reading: tail }],
    why: [...reading.why, `forms: lines 1-${line - 1} ${head.layout} (${head.questionLines.length} questions), lines ${line}-${lastLine} ${tail.layout} (${tail.questionLines.length}: ${tailFound.why})`],
  };
}

function readingIn(lines: ScanLine[], file: string, options: ReadOptions, how: string, title?: number): Reading & { found: [LayoutId, Candidates][] } {
  const ids = options.layout ? [options.layout] : (Object.keys(LAYOUTS) as LayoutId[]);
  const found = ids.map((id) => [id, LAYOUTS[id].scan(lines, options)] as [LayoutId, Candidates]);
  const [id, best] = found.reduce((a, b) => (b[1].lines.length > a[1].lines.length ? b : a));
  const layout = LAYOUTS[id];
  const questionLines = new Set(best.lines);
  const draft: Reading & { found: [LayoutId, Candidates][] } = {
    found,
    layout: id,
    depth: best.depth,
    form: best.form,
    ...(best.emojiMarked && { emojiMarked: true }),
    ...(options.depth && { depthSet: true }),
    structuralDepth: best.structuralDepth,
    sectionDepth: 0,
    titleDepth: title ?? titleDepth(lines),
    firstQuestionLine: best.lines.reduce((a, b) => Math.min(a, b), Infinity),
    questionLines: lines.filter((l) => questionLines.has(l.line)).map((l) => ({ line: l.line, text: l.title || l.text.replace(ITEM_OR_BOLD, '$2').trim() })),
    numbering: options.numbering ?? null,
    // No question line at all: the bank is not parsed, and the pipeline refuses it with this line.
    refusal: best.lines.length === 0 ? noQuestions(file, lines, ids, found.flatMap(([, c]) => c.rejected ?? [])) : null,
    why: [
      `${how}: ${best.why}`,
      ...found.filter(([other]) => other !== id).map(([other, c]) => `not ${other}: ${c.why}`),
    ],
  };
  draft.sectionDepth = sectionDepth(lines, draft, layout, questionLines);
  // Headings at the topic depth, or `#`/`##`, end a question, where questions are headings (in list items too:
  // `#### call` under `3. ### ...` is the answer's); an unheaded list item's answer ends with its item.
  if (id === 'headings' || (id === 'list' && draft.depth > 0)) draft.structuralDepth = Math.min(Math.max(draft.sectionDepth, 2), draft.depth);
  // Stryker disable next-line ConditionalExpression: for a list bank too it changes nothing (its structural depth is 6, or 2 and more where its items open with headings).
  if (layout.questionsAre) draft.structuralDepth = Math.max(draft.structuralDepth, 2);
  draft.why.push(
    draft.sectionDepth ? `topic sections: the depth-${draft.sectionDepth} headings followed by questions` : 'no topic sections',
    draft.titleDepth === 2 ? 'title: the only "##" heading (the file has no "#" heading)' : 'title: the "#" heading nearest before the first question',
  );
  return draft;
}

/** 2 for a file whose only heading at depth 1 or 2 is one `##` heading: it is the title, not a section. */
function titleDepth(lines: ScanLine[]): number {
  const top = lines.filter((l) => l.depth === 1 || l.depth === 2);
  return top.length === 1 && top[0]!.depth === 2 ? 2 : 1;
}

/**
 * The depth of the topic headings: the deepest depth above the questions where a heading is followed by a
 * question before the next heading at its depth or above.
 */
function sectionDepth(lines: ScanLine[], reading: Reading, layout: Layout, questionLines: Set<number>): number {
  let deepest = 0;
  let nextQuestion = Infinity;
  const nextAtOrAbove = new Array<number>(7).fill(Infinity);
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.inDetails) continue;
    const isQuestion = line.depth ? layout.isQuestionLine(line, reading) : questionLines.has(line.line);
    // No question line of the scan is a topic: a numbered heading just above the question depth is a question
    // at the wrong depth. A paragraph (depth 0) is never deeper than the title.
    const candidate = !questionLines.has(line.line) && line.depth > reading.titleDepth && (reading.layout === 'list' || line.depth < reading.depth) && !NAVIGATION_HEADING.test(line.title);
    if (candidate && nextQuestion < nextAtOrAbove[line.depth]!) deepest = Math.max(deepest, line.depth);
    if (line.depth) for (let d = line.depth; d <= 6; d++) nextAtOrAbove[d] = line.line;
    if (isQuestion) nextQuestion = line.line;
  }
  return deepest;
}

/** The error for a bank with no questions: the lines that looked like questions and the layouts tried. */
function noQuestions(file: string, lines: ScanLine[], tried: LayoutId[], rejected: string[]): string {
  // A heading line starts with `#`: LOOKS_LIKE_LINE never matches it.
  const looked = lines.filter((l) => (l.depth >= 2 && (LOOKS_NUMBERED.test(l.title) || ENDS_AS_QUESTION.test(l.title))) || LOOKS_LIKE_LINE.test(l.text) || (ASKING_ITEM.test(l.text) && ENDS_AS_QUESTION.test(l.text)));
  if (rejected.length) return `${file}:${looked[0]?.line ?? 1}: no questions found: ${rejected.join('; ')} (if it is a bank, say how it writes its questions in mlq.yaml: layout, depth)`;
  const layouts = `layouts tried: ${tried.join(', ')}`;
  if (looked.length === 0) return `${file}: no questions found: nothing looks like a question (${layouts}; see mlq --help)`;
  const first = looked.slice(0, 3);
  return (
    `${file}:${first[0]!.line}: no questions found: ${first.length > 1 ? `lines ${first.map((l) => l.line).join(', ')} look like questions` : `line ${first[0]!.line} looks like a question`} but fit${first.length > 1 ? '' : 's'} no layout (${layouts}; e.g. write "#### 1) What is ...?")`
  );
}

/** The README's table of layouts, from the modules themselves. */
export function layoutTable(): string {
  const rows = Object.values(LAYOUTS).map((l) => `| \`${l.id}\` | ${l.description} | ${l.examples.map((e) => e.name).join('; ')} |`);
  return ['| layout | questions | examples (the tests read each) |', '| --- | --- | --- |', ...rows].join('\n');
}
