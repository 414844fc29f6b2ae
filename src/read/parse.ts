// The reader: Markdown text -> Bank. Which nodes are questions is the bank's layout's (src/read/layouts/);
// sections, title, answers, links and what looks like a question but is not one are the same for all.
import { toString } from 'mdast-util-to-string';
import { definitions } from 'mdast-util-definitions';
import { visit } from 'unist-util-visit';
import type { Html, Link as MdLink, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { allQuestions, sectionRuns, type Bank, type Book, type BookMeta, type Link, type LooseHeading, type Numbering, type Place, type Question, type Section, type Unplaced } from '../model.js';
import { hastToText, inlineToSafeHast, isPlaceholder, parseMarkdown, PIECE_CHARS, toSafeHast } from './markdown.js';
import { ID_COMMENT, idFromTitle, slugify, uniqueIds } from './ids.js';
import type { SourceText } from './source.js';
import { blockLines, cutBefore, DETAILS_CLOSE, detailsBalance, hasDefinitions, headingLines, type BlockLine, type Piece } from './split.js';
import { keepTally, refuseLargeBook, tallyPiece, Totals, type Tally } from './tally.js';
import { LAYOUTS, readingOf, scanHeading, type ReadOptions, type Reading } from './layouts/index.js';
import { isTopicAtQuestionDepth, leadingText } from './layouts/headings.js';
import { boldLead } from './layouts/bold.js';
import { summariesOf } from './layouts/details.js';
import { ENDS_AS_QUESTION, LOOKS_NUMBERED, NAVIGATION_HEADING, NUMBER_IN_TEXT, numberedAsks, numberForm, numberIn, writeNumber, type QuestionStart } from './layouts/layout.js';

/** Link schemes a reader may follow; javascript:, data: and the like never reach an output. */
const SAFE_URL = /^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))/i;
const SOURCE_LABEL = /^(?:src|source|sources|ref|reference)\s*\d*$/;
const ANSWER_LABEL = /^answer\s*\d*$/;
const CLAIMED_COUNT = /\b(\d+)\s+(?:[^\s\d]+\s+){0,6}?questions?\b/i;
/** "**[⬆ Back to Top](#table-of-contents)**": navigation of the rendered page, not part of an answer. */
const BACK_TO_TOP = /^[\s\p{S}\p{P}]*(?:back\s+to\s+(?:the\s+)?(?:top|contents|index)|top)[\s\p{S}\p{P}]*$/iu;
/** The summary of a `<details>` block that holds the answer itself. */
const ANSWER_SUMMARY = /^\s*(?:show|see|view|click\s+(?:here\s+)?(?:to|for))?\s*(?:the\s+)?(?:answers?|solutions?|explanation)\s*[:.!]?\s*$/i;
/** Emoji, joiners and spaces at the end of a text: a question mark goes before them. */
const TRAILING_MARKS = /([\s\p{Extended_Pictographic}\u200d\ufe0f]*)$/u;

type LinkKind = 'source' | 'answer' | 'inline' | 'unsafe';

/** `label` is the link text without its brackets: "src", "Answer", "receptive field". */
function linkKind(url: string, label: string): LinkKind {
  if (!SAFE_URL.test(url.trim())) return 'unsafe';
  // Stryker disable next-line Regex: SOURCE_LABEL and ANSWER_LABEL take any spaces between the word and its number.
  const word = label.replace(/[[\]\s]+/g, ' ').trim().toLowerCase();
  if (SOURCE_LABEL.test(word)) return 'source';
  if (ANSWER_LABEL.test(word)) return 'answer';
  return 'inline';
}

function placeOf(node: { position?: { start: { line: number; column: number } } }, file: string): Place {
  // Stryker disable next-line OptionalChaining: every node read from the text has a position; the type says it may not.
  return { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

interface Draft {
  start: QuestionStart;
  section: string | null;
  body: RootContent[];
}

/**
 * A bank read from one piece of its text (see parse-parallel.ts). A piece after the first starts inside
 * the list of questions: its first `leadingQuestions` questions come before any topic heading of the
 * piece, and take the section of the piece before when the pieces are merged.
 */
export interface BankPart {
  bank: Bank;
  leadingQuestions: number;
  /** The numbering mlq.yaml sets, else null: it is detected once the parts are merged. */
  numbering: Numbering | null;
  /** What the piece holds, for the limits per bank and per book (tally.ts). */
  tally: Tally;
}

/**
 * Cuts a bank into pieces of about `pieceChars`, never before its first question and only where the layout
 * allows: between two question headings, before a heading that ends a question, or inside a list of questions
 * (listCuts). Every section heading
 * stays with the questions it opens. Each piece's Markdown tree is dropped once its questions are built,
 * and the pieces of a large bank can be read on several threads (parse-parallel.ts).
 */
// Stryker disable next-line StringLiteral: the file is named only in a refusal, and a refused bank is never cut.
export function bankPieces(text: string, reading: Reading = readingOf(text, ''), pieceChars = PIECE_CHARS): FormPiece[] {
  const forms = [{ line: 1, reading }, ...(reading.forms ?? [])];
  const starts = forms.map((f) => offsetOfLine(text, f.line));
  // Each form's text is cut on its own, as its layout allows.
  const pieces: FormPiece[] = forms.flatMap((f, form) => {
    const from = starts[form]!;
    return formPieces(text.slice(from, starts[form + 1] ?? text.length), f.reading, f.line - 1, pieceChars).map((p) => ({ ...p, line: p.line + f.line - 1, offset: p.offset + from, ...(form && { form }) }));
  });
  // Every form has a question: a bank without one is not cut, a later form has FORM_MIN_LINES.
  const lastQuestion = forms.reduce((last, f) => Math.max(last, f.reading.questionLines.at(-1)!.line), 0);
  pieces.forEach((piece, i) => {
    // Stryker disable next-line EqualityOperator: no layout cuts right before a question what no question holds.
    if (lastQuestion >= (pieces[i + 1]?.line ?? Infinity)) piece.questionsFollow = true;
  });
  return pieces;
}

/**
 * A piece of a bank, and the form of the file it is in (its index in [reading, ...reading.forms]); whether it
 * was cut inside a list, before or after one of its items (see listCuts); whether a later piece holds a question.
 */
export type FormPiece = Piece & { form?: number; opensInList?: true; endsInList?: true; questionsFollow?: true };

function offsetOfLine(text: string, line: number): number {
  let at = 0;
  for (let n = 1; n < line; n++) at = text.indexOf('\n', at) + 1;
  return at;
}

function formPieces(text: string, reading: Reading, shift: number, pieceChars: number): FormPiece[] {
  const layout = LAYOUTS[reading.layout];
  const scanned = (heading: { line: number; text: string }) => scanHeading(heading.line + shift, heading.text);
  const blocks = reading.layout === 'list' ? Array.from(blockLines(text)) : [];
  const items = listCuts(blocks, text, reading, shift);
  const pieces: FormPiece[] = cutBefore(
    text,
    pieceChars,
    (line, previous) => {
      if (line.inDetails) return false;
      if (items.has(line.line)) return true;
      // Stryker disable next-line EqualityOperator: the first question line never follows a question heading, nor is it a topic heading.
      if (!line.heading || line.line + shift <= reading.firstQuestionLine) return false;
      if (reading.layout === 'headings') return Boolean(previous?.heading && layout.isQuestionLine(scanned(line), reading) && layout.isQuestionLine(scanned(previous), reading));
      return scanned(line).depth <= Math.max(reading.sectionDepth, 1);
    },
    // Stryker disable next-line ConditionalExpression,MethodExpression: the same lines; headingLines makes no object for the others.
    items.size ? blocks.filter((line) => line.heading || items.has(line.line)) : headingLines(text),
  );
  pieces.forEach((piece, i) => {
    if (items.has(piece.line)) {
      piece.opensInList = true;
      pieces[i - 1]!.endsInList = true;
    }
  });
  return pieces;
}

/** Whether the line that starts at `at` follows a blank line. */
function afterBlankLine(text: string, at: number): boolean {
  const previousStart = text.lastIndexOf('\n', at - 2) + 1;
  return text.slice(previousStart, at).trim() === '';
}

/** A list item at the top level: its marker at the start of the line, and its number. */
const TOP_LEVEL_ITEM = /^(?:(\d{1,9})([.)])|([-*+]))[ \t]/;

/**
 * The lines (of the form's text) before which a list bank may be cut inside a list, so that a long list
 * parses in pieces too (each piece's tree is dropped once read): a top-level question item
 * after a blank line, which no paragraph can take in and which makes the whole list loose (parseBankPart
 * makes the lists on both sides of the cut so), and whose number follows the item before it since the last
 * heading, as all before it do: a list numbers its items from its first one's number, not as written.
 */
function listCuts(blocks: BlockLine[], text: string, reading: Reading, shift: number): Set<number> {
  const questions = new Set(reading.questionLines.map((q) => q.line - shift));
  const cuts = new Set<number>();
  let previous: { line: number; number: number | null; marker: string } | null = null;
  let inOrder = true;
  for (const line of blocks) {
    if (line.heading) {
      [previous, inOrder] = [null, true];
      continue;
    }
    const item = TOP_LEVEL_ITEM.exec(line.text);
    if (!item) continue;
    const current = { line: line.line, number: item[1] === undefined ? null : Number(item[1]), marker: item[2] ?? item[3]! };
    if (previous?.marker === current.marker && current.number !== null && current.number !== previous.number! + 1) inOrder = false;
    if (inOrder && previous && questions.has(current.line) && questions.has(previous.line) && afterBlankLine(text, line.at)) cuts.add(current.line);
    previous = current;
  }
  return cuts;
}

/** The reading of a piece's form. */
const formReading = (reading: Reading, piece: FormPiece) => (piece.form ? reading.forms![piece.form - 1]!.reading : reading);

export function parseBank(source: SourceText, options: ReadOptions = {}): Bank {
  const reading = readingOf(source.text, source.file, options);
  if (reading.refusal) return unreadBank(source.file, reading);
  const totals = new Totals('bank');
  return finishBank(bankPieces(source.text, reading).map((piece) => totals.counted(parseBankPart(source.file, piece, reading), source.file)), reading);
}

/** A bank in which the scan found no question line: not parsed; its explanation says why (see refusal). */
export function unreadBank(file: string, reading: Reading): Bank {
  return { ...parseBankPart(file, { text: '', line: 1, offset: 0 }, reading).bank, explanation: [reading.refusal!] };
}

const UNREAD_HINT: Record<Reading['layout'], string> = {
  headings: 'Check the Markdown just before it: an unclosed code fence, HTML block or list takes the heading in.',
  list: 'Check the Markdown just before it: an unclosed code fence or HTML block takes the item in.',
  bold: 'Check the Markdown just before it: an unclosed code fence, HTML block or list takes the paragraph in.',
  details: 'Check the HTML just before it: a `<details>` element left open takes this one in, and one HTML block (lines with no blank line between) holds one question: write each `<details>` with a blank line before it.',
};

/**
 * Joins the parts of a bank, then reports at its line every question line of the scan that the tree did
 * not read as a question or a topic (broken Markdown before it): never a question lost without a word.
 */
export function finishBank(parts: BankPart[], reading: Reading): Bank {
  const bank = mergeBankParts(parts as [BankPart, ...BankPart[]]);
  keepTally(bank, parts.map((part) => part.tally));
  if (reading.forms) bank.forms = reading.forms.map((f) => ({ line: f.line, layout: f.reading.layout, questionDepth: f.reading.depth, numberForm: f.reading.form }));
  const read = new Set([...bank.questions, ...bank.sections, ...bank.looseHeadings].map((x) => x.line));
  for (const form of [reading, ...(reading.forms ?? []).map((f) => f.reading)]) {
    const depth = LAYOUTS[form.layout].questionsAre ? 0 : form.depth;
    for (const { line, text } of form.questionLines) {
      if (!read.has(line)) bank.looseHeadings.push({ file: bank.file, line, column: 1, text, depth, ...(form.layout === 'details' && { summary: true as const }), hint: UNREAD_HINT[form.layout] });
    }
  }
  return bank;
}

export function parseBankPart(file: string, piece: FormPiece, bankReading: Reading = readingOf(piece.text, file)): BankPart {
  const reading = formReading(bankReading, piece);
  const layout = LAYOUTS[reading.layout];
  const root = parseMarkdown(piece.text, piece);
  // A list cut in pieces (listCuts) is loose as a whole: a blank line stands before the item cut.
  for (const node of [piece.opensInList && root.children[0], piece.endsInList && root.children.at(-1)]) if (node && node.type === 'list') node.spread = true;
  // Stryker disable next-line ConditionalExpression: without a definition there is no reference to resolve; this only skips the walk.
  if (hasDefinitions(piece.text)) resolveReferences(root);
  const children = root.children;
  // What stands inside a `<details>` element is the folded answer's own: its headings end no question and open
  // no section, and it holds no question (the layouts' scans read no line there either).
  let openDetails = 0;
  const folded: boolean[] = [];
  /** Whether a `<details>` element is still open after the node: where it is not, a folded answer ends. */
  const foldedAfter: boolean[] = [];
  for (const node of children) {
    folded.push(openDetails > 0);
    openDetails = Math.max(0, openDetails + htmlDetailsBalance(node));
    foldedAfter.push(openDetails > 0);
  }
  const found = children.map((node, i) => (folded[i] ? null : layout.starts(node, reading)));

  /**
   * A heading bank's topic written at the question depth: a heading in the form of a topic there
   * (isTopicAtQuestionDepth), right before a question (`## Joins` over `## 12) What is a join?`). A heading
   * with anything under it is the answer's own (`### Notes` and a paragraph, inside question 11's answer).
   */
  const topicAtQuestionDepth = (i: number) => {
    const node = children[i]!;
    // Stryker disable next-line ConditionalExpression: only a heading has a depth (another node's is undefined).
    if (node.type !== 'heading') return false;
    return reading.layout === 'headings' && node.depth === reading.depth && !found[i] && Boolean(found[i + 1]) && isTopicAtQuestionDepth(toString(node, { includeHtml: false }), reading.form);
  };
  // A heading at the topic depth opens a section when a question follows it before the next heading at
  // its depth or above; a numbered heading above the question depth that does so is a topic, not a question.
  // Stryker disable next-line ArrayDeclaration: an index never set is undefined, which reads as false.
  const opensSection = new Array<boolean>(children.length).fill(false);
  /** Whether a question comes after the node: a heading at the question depth between questions ends no answer. */
  // Stryker disable next-line ArrayDeclaration: the loop below sets every index.
  const questionAfter: boolean[] = [];
  let questionAt = Infinity;
  const headingAt = new Array<number>(8).fill(Infinity);
  for (let i = children.length - 1; i >= 0; i--) {
    const node = children[i]!;
    questionAfter[i] = questionAt < Infinity || Boolean(piece.questionsFollow);
    // A question heading at the question depth is deeper than every topic: it ends none (a shallower one may).
    // Stryker disable next-line ConditionalExpression: any other node has no depth, and sets nothing.
    if (node.type === 'heading' && !folded[i]) {
      opensSection[i] = (!found[i] && node.depth === reading.sectionDepth && questionAt < headingAt[node.depth]! && !NAVIGATION_HEADING.test(toString(node))) || topicAtQuestionDepth(i);
      for (let d = node.depth; d <= 6; d++) headingAt[d] = i;
    }
    if (found[i] && !opensSection[i]) questionAt = i;
  }

  let title = '';
  let titleLine = 1;
  const front: RootContent[] = [];
  /** Back matter, navigation, and the title and section headings: kept for their links. */
  const other: RootContent[] = [];
  /** Each section, with the nodes of its intro. */
  const sectionDrafts: { section: Omit<Section, 'introTree'>; intro: RootContent[] }[] = [];
  /** The intro of the section just opened, until its first question: what is placed goes there. */
  let intro: RootContent[] | null = null;
  const drafts: Draft[] = [];
  const looseHeadings: LooseHeading[] = [];
  let current: Draft | null = null;
  let section: string | null = null;
  let leadingQuestions = -1;
  /** Whether a question or section has come: what stands before it is front matter (first piece only). */
  let started = piece.offset > 0;
  let inNavigation = false;

  // The title is the title-depth heading nearest before the first question or section.
  const begin = () => {
    if (started) return;
    started = true;
    const index = front.findLastIndex((node) => node.type === 'heading' && node.depth === reading.titleDepth);
    if (index === -1) return;
    const [heading] = front.splice(index, 1);
    title = toString(heading!, { includeHtml: false }).trim();
    titleLine = placeOf(heading!, file).line;
    other.push(heading!);
  };
  /** Content between questions that no question or topic holds, a run from where an answer ended (`## Key Points`). */
  const unplaced: Unplaced[] = [];
  let unplacedRun: Unplaced | null = null;
  /** `questionFollows`: a question comes after the node, in this piece or a later one. */
  const place = (node: RootContent, questionFollows: boolean) => {
    if (current) current.body.push(node);
    else if (!started) front.push(node);
    else if (intro) intro.push(node);
    else {
      other.push(node);
      // Before a later question, it is neither front nor back matter: reported, never dropped without a word.
      if (!questionFollows || !isShown(node) || showsNothing(node)) return;
      // Stryker disable next-line OptionalChaining: every node read from the text has a position.
      const lastLine = node.position?.end.line ?? 0;
      if (unplacedRun) unplacedRun.lastLine = lastLine;
      else unplaced.push((unplacedRun = { ...placeOf(node, file), lastLine, text: firstLineOf(node) }));
    }
  };

  children.forEach((node, i) => {
    const starts = found[i];
    // Stryker disable next-line ConditionalExpression,ArrayDeclaration: summariesOf finds none in a node that is not HTML, and what is no summary is reported by neither check below.
    const summaries = node.type === 'html' && !folded[i] ? summariesOf(node) : [];
    if (starts && !opensSection[i]) {
      // A second `<details>` of the HTML block that starts a question, beside the first (both on one line, or on
      // lines with no blank line between): the tree reads one question per block.
      if (layout.foldedAnswers) {
        for (const summary of summaries.slice(1).filter((s) => s.open === 1 && numberedAsks(s.text))) {
          looseHeadings.push({ file, ...summary.position.start, text: summary.text, depth: 0, summary: true, hint: UNREAD_HINT.details });
        }
      }
      // What a list holds before its first question item comes before a question.
      starts.lead.forEach((lead) => place(lead, true));
      unplacedRun = null;
      begin();
      intro = null;
      for (const start of starts.starts) {
        current = { start, section, body: [...start.body] };
        drafts.push(current);
      }
      inNavigation = false;
      // A `<details>` written in one HTML block holds its whole answer.
      if (layout.foldedAnswers && !foldedAfter[i]) current = null;
      return;
    }
    // The node that closes a folded answer's `<details>` ends it; a bare `</details>` is no part of it.
    if (layout.foldedAnswers && current && folded[i] && !foldedAfter[i]) {
      // A paragraph that closes it is the answer's (`Text.</b></details>`); an HTML block of only `</details>` is not.
      const html = node.type === 'html' ? node.value : null;
      if (html !== null && html.replace(DETAILS_CLOSE, '').trim() === '') other.push(node);
      else place(node, questionAfter[i]!);
      current = null;
      return;
    }
    if (node.type === 'heading' && !folded[i]) {
      const text = toString(node, { includeHtml: false });
      inNavigation = NAVIGATION_HEADING.test(text);
      if (!opensSection[i] && looksLikeQuestionHeading(node.depth, text, reading)) {
        looseHeadings.push({ ...placeOf(node, file), text, depth: node.depth, suggestion: asQuestion(text, reading) });
      }
      // A heading at the question depth that is neither a question nor a topic, with a question after it, is the
      // answer's own, as a deeper one is (`## # 3. Later` and its text under `## Q. What is a join?`).
      const inAnswer = node.depth === reading.depth && questionAfter[i] && !inNavigation;
      if ((node.depth <= reading.structuralDepth && !inAnswer) || opensSection[i]) {
        current = null;
        if (node.depth <= Math.max(reading.sectionDepth, 1) || opensSection[i]) {
          if (leadingQuestions === -1) leadingQuestions = drafts.length;
          section = opensSection[i] ? text.trim() : null;
          intro = null;
        }
        if (opensSection[i]) {
          begin();
          intro = [];
          unplacedRun = null;
          // Stryker disable next-line StringLiteral: the ids are given once the parts are merged (mergeBankParts).
          sectionDrafts.push({ section: { ...placeOf(node, file), id: '', title: text.trim() }, intro });
          other.push(node);
          return;
        }
      }
    }
    if (inNavigation) {
      other.push(node);
      unplacedRun = null;
      return;
    }
    // The question before this node: the one whose answer holds it, or in a bank of folded answers, the last one.
    const previous = current ?? (layout.foldedAnswers ? drafts.at(-1) : undefined);
    /** A text numbered on from the question before it that asks: a question written in another form. */
    const numberedOn = (text: string) => LOOKS_NUMBERED.test(text) && numberedAsks(text) && Number(NUMBER_IN_TEXT.exec(text)![1]) > (previous!.start.number ?? 0);
    // A `<details>` in no other whose summary is a question no question start reached: in a bank of them, one that
    // asks (`<summary>What is an index?</summary>` or `<summary>3 - What ...?</summary>` among `<summary>3. What
    // ...?`); in another layout, one numbered on from the question before it (`<summary>3. What ...?` after `#### 2)`).
    const unread = previous ? summaries.filter((s) => s.open <= 1 && (layout.foldedAnswers ? numberedAsks(s.text) : numberedOn(s.text))) : [];
    for (const summary of unread) {
      looseHeadings.push({ file, ...summary.position.start, text: summary.text, depth: 0, summary: true, suggestion: asQuestion(summary.text, reading, (previous!.start.number ?? 0) + 1) });
    }
    const bold = previous && !folded[i] && boldLead(node);
    if (bold) {
      const text = toString(bold.strong);
      // In another layout, a bold paragraph numbered on from the question before it that asks (not a sub-head
      // of the answer, `**2. One-to-Many:**`); in a bold bank, a paragraph that is only bold text but does not
      // ask (`**Precision-recall trade-off ⭐️**`).
      const unasked = reading.layout === 'bold' && bold.rest.every((c) => !toString(c).trim());
      if (reading.layout !== 'bold' && numberedOn(text)) looseHeadings.push({ ...placeOf(node, file), text, depth: 0, suggestion: asQuestion(text, reading) });
      if (unasked) looseHeadings.push({ ...placeOf(node, file), text, depth: 0, hint: `If it is a question, write it as "${asQuestion(text.replace(TRAILING_MARKS, '?$1'), reading)}"; if not, add to it what is not bold.` });
    }
    place(node, questionAfter[i]!);
  });
  begin();

  // Stryker disable next-line ArrayDeclaration: only links of kind "unsafe" are read from it.
  const questionLinks: FoundLink[] = [];
  // Before the answers are built: the limits per answer hold for what they are built from.
  const tally = tallyPiece(root, file, drafts.map((draft) => placeOf(draft.start.head, file).line));
  // Node offsets count from the start of the whole file; the piece holds its text from piece.offset on.
  const sourceOf = (from: number, to: number) => piece.text.slice(from - piece.offset, to - piece.offset);
  const questions = drafts.map((draft) => buildQuestion(draft, file, questionLinks, reading, sourceOf));
  // An intro of line breaks alone is none.
  const sections = sectionDrafts.map(({ section, intro }): Section => ({ ...section, introTree: toSafeHast(intro.some((node) => !showsNothing(node)) ? intro.filter(isShown) : [], { file, line: section.line }) }));
  const otherLinks = [...front, ...sectionDrafts.flatMap((draft) => draft.intro), ...other].flatMap((node) => collectLinks(node, file));
  const frontMatterTree = toSafeHast(front, { file, line: front[0]?.position?.start.line ?? piece.line });
  const firstParagraph = front.find((node) => node.type === 'paragraph');
  const claimed = CLAIMED_COUNT.exec(title);
  const bank: Bank = {
    file,
    title,
    titleLine,
    claimedCount: claimed ? Number(claimed[1]) : null,
    description: firstParagraph ? toString(firstParagraph, { includeHtml: false }).trim() : '',
    frontMatterTree,
    otherLinks: otherLinks.filter((l) => l.kind !== 'unsafe').map((l) => l.link),
    unsafeLinks: [...otherLinks, ...questionLinks].filter((l) => l.kind === 'unsafe').map((l) => l.link),
    sections,
    questions,
    looseHeadings,
    unplaced,
    layout: reading.layout,
    questionDepth: reading.depth,
    // Stryker disable next-line LogicalOperator,StringLiteral: mergeBankParts sets it, once it is detected.
    numbering: reading.numbering ?? 'book',
    numberForm: reading.form,
    explanation: reading.why,
  };
  return { bank, leadingQuestions: leadingQuestions === -1 ? questions.length : leadingQuestions, numbering: reading.numbering, tally };
}

/**
 * Whether a heading that is not a question looks like one written in another form: at or just above the
 * question depth in a heading bank (deeper headings belong to answers), anywhere in other layouts.
 */
function looksLikeQuestionHeading(depth: number, text: string, reading: Reading): boolean {
  // A heading at the title's depth is a title (`# 100 Must-Know ... Questions` counts the list), never a question.
  if (depth <= reading.titleDepth) return false;
  if (reading.layout === 'headings') return (depth === reading.depth || depth === reading.depth - 1) && LOOKS_NUMBERED.test(text);
  return numberForm(text) !== null || ENDS_AS_QUESTION.test(text);
}

/**
 * How many `<details>` elements a top-level node opens, less those it closes, as a browser reads its HTML: an
 * HTML block, or the tags in a paragraph (`</b></details>` ending an answer's last paragraph, as devops-exercises
 * writes it); a comment opens none.
 */
function htmlDetailsBalance(node: RootContent): number {
  if (node.type === 'html') return node.value.trimStart().startsWith('<!--') ? 0 : detailsBalance(node.value);
  if (node.type !== 'paragraph') return 0;
  return node.children.reduce((sum, child) => sum + (child.type === 'html' ? detailsBalance(child.value) : 0), 0);
}

/** How the bank's layout writes this text as a question: the hint of a question it could not read. */
function asQuestion(text: string, reading: Reading, next?: number): string {
  const found = NUMBER_IN_TEXT.exec(text);
  const n = found ? Number(found[1]) : (next ?? null);
  const rest = (found ? text.slice(found[0].length) : text).trim();
  const numbered = reading.form && n !== null ? `${writeNumber(reading.form, n)} ` : '';
  if (reading.layout === 'list') return `${n ?? 1}. ${'#'.repeat(reading.depth)} ${rest}`;
  if (reading.layout === 'bold') return `**${numbered}${rest}**`;
  if (reading.layout === 'details') return `<details><summary>${numbered}${rest}</summary>`;
  return `${'#'.repeat(reading.depth)} ${numbered}${rest}`;
}

/** A link inside the page, as Markdown writes it: `](#table-of-contents)`. */
const INTERNAL_LINK = /\]\(#[^)\s]*\)/g;

function isBackToTop(node: RootContent): boolean {
  // `    **[⬆ Back to Top](#top)**` after an answer at the margin: GitHub shows it as indented code (no language).
  if (node.type === 'code' && !node.lang) {
    const text = node.value.replace(INTERNAL_LINK, '');
    return text !== node.value && BACK_TO_TOP.test(text);
  }
  // `<p align="right"><a href="#top">⬆ Back to top</a></p>`: the link's text, inside the page.
  if (node.type === 'html') return /href\s*=\s*["']?#/i.test(node.value) && BACK_TO_TOP.test(node.value.replace(/<[^>]*>/g, ''));
  if (node.type !== 'paragraph' || !BACK_TO_TOP.test(toString(node))) return false;
  let internal = false;
  visit(node, 'link', (link: MdLink) => {
    if (link.url.startsWith('#')) internal = true;
  });
  return internal;
}

/** Reference-style links and images (`[text][ref]` with `[ref]: url` anywhere) become plain ones. */
function resolveReferences(root: Root): void {
  const definition = definitions(root);
  visit(root, (node, index, parent) => {
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return;
    // Stryker disable next-line all: a reference is never the root, so it always has a parent and an index.
    if (!parent || index === undefined) return;
    const found = definition(node.identifier);
    // Stryker disable next-line ConditionalExpression: micromark makes a reference only where its definition is in the text.
    if (!found) return;
    const { url, title = null } = found;
    parent.children[index] =
      node.type === 'linkReference'
        ? { type: 'link', url, title, children: node.children, position: node.position }
        : { type: 'image', url, title, alt: node.alt, position: node.position };
  });
}

/** Joins the parts of one bank: the first gives the title and front matter, the others continue it. */
export function mergeBankParts([{ bank: first, numbering }, ...rest]: [BankPart, ...BankPart[]]): Bank {
  const bank: Bank = {
    ...first,
    otherLinks: [...first.otherLinks],
    unsafeLinks: [...first.unsafeLinks],
    sections: [...first.sections],
    questions: [...first.questions],
    looseHeadings: [...first.looseHeadings],
    unplaced: [...first.unplaced],
  };
  for (const { bank: part, leadingQuestions } of rest) {
    // Stryker disable next-line OptionalChaining: the first part holds the first question (bankPieces never cuts before it).
    const carried = bank.questions.at(-1)?.section ?? null;
    for (const q of part.questions.slice(0, leadingQuestions)) q.section = carried;
    bank.otherLinks.push(...part.otherLinks);
    bank.sections.push(...part.sections);
    bank.questions.push(...part.questions);
    bank.looseHeadings.push(...part.looseHeadings);
    bank.unplaced.push(...part.unplaced);
    bank.unsafeLinks.push(...part.unsafeLinks);
  }
  const sectionIds = uniqueIds(bank.sections.map((s) => slugify(s.title) || 'section'));
  bank.sections.forEach((s, i) => (s.id = sectionIds[i]!));
  const detected = numberingOf(bank.questions);
  bank.numbering = numbering ?? detected.numbering;
  bank.explanation = [...bank.explanation, numbering ? `numbering: ${numbering}, set in mlq.yaml` : `numbering: ${detected.numbering} (${detected.why})`];
  // Unnumbered questions are numbered in reading order, for the outputs; no numbering rule checks them.
  if (detected.unnumbered) bank.questions.forEach((q, i) => (q.number = i + 1));
  return bank;
}

/** Numbers that start again at 1 in most sections are per section; none at all (number 0) is "none". */
function numberingOf(questions: Question[]): { numbering: Numbering; why: string; unnumbered: boolean } {
  if (questions.some((q) => q.number === 0)) return { numbering: 'none', why: 'the questions are not numbered', unnumbered: true };
  const runs = sectionRuns(questions);
  const restarts = runs.slice(1).filter((run) => run[0]!.number === 1).length;
  if (restarts > 0 && 2 * restarts >= runs.length - 1) {
    return { numbering: 'section', why: `numbers start again at 1 in ${restarts} of ${runs.length - 1} later sections`, unnumbered: false };
  }
  return { numbering: 'book', why: runs.length > 1 ? 'numbers run on from section to section' : 'numbers run through the bank', unnumbered: false };
}

interface FoundLink {
  link: Link;
  kind: LinkKind;
  node: MdLink;
}

function collectLinks(node: RootContent | Root, file: string): FoundLink[] {
  const found: FoundLink[] = [];
  visit(node, 'link', (link: MdLink) => {
    const label = toString(link).replace(/^\[|\]$/g, '').trim();
    found.push({ node: link, kind: linkKind(link.url, label), link: { label: label || link.url, url: link.url, ...placeOf(link, file) } });
  });
  return found;
}

/** Removes the given links, and the "[" just before and "]" just after one, as in `[[src](url)]`. */
function removeLinks(tree: Root, doomed: Set<MdLink>): void {
  // Stryker disable next-line ConditionalExpression: with no link to remove, the walk changes nothing; this only skips it.
  if (doomed.size === 0) return;
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    // Stryker disable next-line ConditionalExpression: the text nodes of the parser are never adjacent, so a parent without a doomed link is rebuilt as it was.
    if (!parent.children.some((child) => doomed.has(child as MdLink))) return;
    const kept: RootContent[] = [];
    let afterRemoved = false;
    for (const child of parent.children) {
      const last = kept.at(-1);
      if (doomed.has(child as MdLink)) {
        if (last?.type === 'text') last.value = last.value.replace(/\[\s*$/, '');
        afterRemoved = true;
        continue;
      }
      if (child.type === 'text') {
        const value = afterRemoved ? child.value.replace(/^\s*\]/, '') : child.value;
        if (last?.type === 'text') last.value += value;
        else kept.push({ ...child, value });
      } else kept.push(child);
      afterRemoved = false;
    }
    parent.children = kept.filter((child) => child.type !== 'text' || child.value !== '');
  });
}

function isIdComment(node: RootContent | PhrasingContent): node is Html {
  return node.type === 'html' && ID_COMMENT.test(node.value);
}

/** Whether a node of an answer holds none of it: blank, an id comment, or a placeholder ("Answer here", "TODO"). */
function isBlank(node: RootContent): boolean {
  if (node.type === 'paragraph') return node.children.every((c) => c.type === 'break' || (c.type === 'text' && !c.value.trim())) || isPlaceholder(toString(node));
  return isIdComment(node);
}

/** What shows nothing of its own between two questions: a rule, or HTML of comments and line breaks only (`<br/>`). */
function showsNothing(node: RootContent): boolean {
  // An unclosed comment runs to the end of the file (CommonMark): no question follows it.
  return node.type === 'thematicBreak' || (node.type === 'html' && !node.value.replace(/<!--[\s\S]*?-->|<br\s*\/?>/gi, '').trim());
}

/** A node's first line as the bank writes it, for a message: a heading with its marks. */
function firstLineOf(node: RootContent): string {
  const text = toString(node, { includeHtml: false }).trim().split('\n')[0]!;
  return node.type === 'heading' ? `${'#'.repeat(node.depth)} ${text}` : text;
}

/** What an answer or a topic's intro shows: no blank paragraph, placeholder, id comment or back-to-top link. */
const isShown = (node: RootContent) => !isBlank(node) && !isBackToTop(node);

function buildQuestion(draft: Draft, file: string, found: FoundLink[], reading: Reading, sourceOf: (from: number, to: number) => string): Question {
  const { start, body } = draft;
  const heading = start.head;
  const idInHeading = heading.children.find(isIdComment);
  const idNode = idInHeading ?? (body[0] && isIdComment(body[0]) ? body[0] : undefined);
  // Stryker disable next-line OptionalChaining: an id comment matches ID_COMMENT, so it has its group.
  const writtenId = idNode ? ID_COMMENT.exec(idNode.value)?.[1] : undefined;

  // The wrappers' types only satisfy mdast's types: collectLinks, removeLinks and toString do not read them.
  // Stryker disable next-line StringLiteral
  const titleRoot: Root = { type: 'root', children: [{ type: 'paragraph', children: heading.children }] };
  // Stryker disable next-line StringLiteral
  const bodyRoot: Root = { type: 'root', children: body };
  const headingLinks = collectLinks(titleRoot, file);
  const bodyLinks = collectLinks(bodyRoot, file);
  const all = [...headingLinks, ...bodyLinks];
  found.push(...all);

  // The title: heading text without its number, its source links and its id comment.
  // Stryker disable next-line MethodExpression,ConditionalExpression: the title text leaves out HTML and the title tree is sanitized, so an id comment never shows anyway.
  const kept = heading.children.filter((c) => c !== idInHeading);
  // A list item's number is the item's own; a heading's or paragraph's is written in its text (an unnumbered
  // bank has no form, and stripNumber then keeps the text).
  const titleInline = reading.layout === 'list' && reading.depth > 0 ? kept : stripNumber(kept, reading.form);
  // Stryker disable next-line StringLiteral
  const titleTreeRoot: Root = { type: 'root', children: [{ type: 'paragraph', children: titleInline }] };
  removeLinks(titleTreeRoot, new Set(headingLinks.filter((l) => l.kind === 'source' || l.kind === 'answer').map((l) => l.node)));
  const titleParagraph = titleTreeRoot.children[0] as { children: PhrasingContent[] };
  trimEdges(titleParagraph.children);
  const titleTree = inlineToSafeHast(titleParagraph.children, placeOf(heading, file));
  const title = toString(titleParagraph, { includeHtml: false }).replace(/\s+/g, ' ').trim();

  removeLinks(bodyRoot, new Set(bodyLinks.filter((l) => l.kind === 'source' || l.kind === 'answer').map((l) => l.node)));
  const answerNodes = bodyRoot.children.filter(isShown);
  const answerTree = unwrapAnswerDetails(toSafeHast(answerNodes, placeOf(answerNodes[0] ?? heading, file)));
  const answerText = hastToText(answerTree);

  // Every node read from the text has a position, and so has every node a layout makes (list.ts, bold.ts).
  const answerMarkdown = body.length ? sourceOf(body[0]!.position!.start.offset!, body.at(-1)!.position!.end.offset!) : '';

  const baseId = writtenId ?? idFromTitle(title);
  return {
    id: baseId,
    baseId,
    number: start.number ?? 0,
    ...(start.parentNumber && { parentNumber: start.parentNumber }),
    depth: heading.depth,
    section: draft.section,
    title,
    titleTree,
    answerText,
    answerMarkdown,
    answerTree,
    hasAnswer: holdsAnswer(answerTree),
    sources: all.filter((l) => l.kind === 'source').map((l) => l.link),
    answerLinks: all.filter((l) => l.kind === 'answer').map((l) => l.link),
    links: all.filter((l) => l.kind === 'inline').map((l) => l.link),
    ...placeOf(heading, file),
  };
}

/** Whether an answer's tree holds anything: text or an image. */
function holdsAnswer(tree: HastRoot): boolean {
  let hasImage = false;
  // Stryker disable next-line StringLiteral: unist-util-visit takes an empty test as none, and a text node has no tagName.
  visit(tree, 'element', (el) => {
    if (el.tagName === 'img') hasImage = true;
  });
  return hasImage || hastToText(tree) !== '';
}

/** Trims the whitespace a removed `[[src](url)]` leaves at the start or end of a title. */
function trimEdges(children: PhrasingContent[]): void {
  const first = children[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = children.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
}

/** Drops the leading "12) " from a heading's first text node (a copy: the heading itself is kept). */
function stripNumber(children: PhrasingContent[], form: string | null): PhrasingContent[] {
  const first = leadingText(children);
  const found = first && numberIn(first.value, form);
  if (!first || !found) return children;
  const rest = children.slice(children.indexOf(first) + 1);
  const text: Text = { ...first, value: first.value.slice(found.prefix.length) };
  return text.value ? [text, ...rest] : rest;
}

/**
 * `<details><summary>Answer</summary> ... </details>`: the content is the answer, the summary a button. A
 * `<details>` with nothing but its summary holds no answer, whatever the summary says: it goes.
 */
function unwrapAnswerDetails(tree: HastRoot): HastRoot {
  // Stryker disable next-line StringLiteral: unist-util-visit takes an empty test as none, and the callback checks the tag.
  visit(tree, 'element', (node: Element, index, parent) => {
    if (node.tagName !== 'details' || !parent || index === undefined) return;
    const summary = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'summary');
    const content = node.children.filter((c) => c !== summary) as ElementContent[];
    const empty = !holdsAnswer({ type: 'root', children: content });
    if (!empty && (!summary || !ANSWER_SUMMARY.test(hastToText({ type: 'root', children: summary.children })))) return;
    parent.children.splice(index, 1, ...(empty ? [] : content));
    return index;
  });
  return tree;
}

export interface BookInput {
  meta: BookMeta;
  sources: (SourceText & { options?: ReadOptions })[];
}

/** Parses every bank of a book and makes question ids unique across the whole book. */
export function parseBook({ meta, sources }: BookInput): Book {
  return assembleBook(meta, sources.map((source) => parseBank(source, source.options)));
}

export function assembleBook(meta: BookMeta, banks: Bank[]): Book {
  refuseLargeBook(banks);
  const book = { meta, banks };
  const questions = allQuestions(book);
  const ids = uniqueIds(questions.map((q) => q.baseId));
  questions.forEach((q, i) => (q.id = ids[i]!));
  return book;
}
