// The reader: Markdown text -> Bank. Questions are depth-3/4 headings "N) ..." or "N. ...".
import { toString } from 'mdast-util-to-string';
import { definitions } from 'mdast-util-definitions';
import { visit } from 'unist-util-visit';
import type { Heading, Html, Link as MdLink, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import { allQuestions, type Bank, type Book, type BookMeta, type Link, type LooseHeading, type Place, type Question, type Section } from '../model.js';
import { hastToText, inlineToSafeHast, parseMarkdown, PIECE_CHARS, toSafeHast } from './markdown.js';
import { ID_COMMENT, idFromTitle, slugify, uniqueIds } from './ids.js';
import type { SourceText } from './source.js';
import { cutAtHeadings, hasDefinitions, type Piece } from './split.js';

/** The text of a question heading: "12) ..." or "12. ..." (not "2.1 ..."). */
const QUESTION_HEADING = /^\s*(\d+)\s*[.)](?!\d)\s*/;
const ATX_QUESTION_LINE = /^ {0,3}#{3,4}[ \t]+([^\n]*)/;
/** "12 What ...", "12: What ...": a question heading missing its ")" or "." */
const LOOKS_LIKE_QUESTION = /^\s*\d+(?:\s*[.)](?!\d)|\s*[:\-–]?\s+\p{L})/u;
/** Link schemes a reader may follow; javascript:, data: and the like never reach an output. */
const SAFE_URL = /^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))/i;
const SOURCE_LABEL = /^(?:src|source|sources|ref|reference)\s*\d*$/;
const ANSWER_LABEL = /^answer\s*\d*$/;
const CLAIMED_COUNT = /\b(\d+)\s+(?:[^\s\d]+\s+){0,6}?questions?\b/i;

/** Whether a line of Markdown is a question heading, as the parser will read it (for cutting text). */
export function isQuestionLine(line: string): boolean {
  const heading = ATX_QUESTION_LINE.exec(line);
  return heading !== null && QUESTION_HEADING.test(heading[1]!);
}

type LinkKind = 'source' | 'answer' | 'inline' | 'unsafe';

/** `label` is the link text without its brackets: "src", "Answer", "receptive field". */
function linkKind(url: string, label: string): LinkKind {
  if (!SAFE_URL.test(url.trim())) return 'unsafe';
  const word = label.replace(/[[\]\s]+/g, ' ').trim().toLowerCase();
  if (SOURCE_LABEL.test(word)) return 'source';
  if (ANSWER_LABEL.test(word)) return 'answer';
  return 'inline';
}

function placeOf(node: { position?: { start: { line: number; column: number } } }, file: string): Place {
  return { file, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

interface Draft {
  heading: Heading;
  number: number;
  section: string | null;
  body: RootContent[];
}

/**
 * A bank read from one piece of its text (see parse-parallel.ts). A piece after the first starts inside
 * the list of questions: its first `leadingQuestions` questions come before any `#`/`##` heading of the
 * piece, and take the section of the piece before when the pieces are merged.
 */
export interface BankPart {
  bank: Bank;
  leadingQuestions: number;
}

/**
 * Cuts a bank into pieces of about PIECE_CHARS, only between two questions, so that every section
 * heading stays with the questions it opens. Each piece's Markdown tree is dropped once its questions
 * are built, and the pieces of a large bank can be read on several threads (parse-parallel.ts).
 */
export function bankPieces(text: string): Piece[] {
  return cutAtHeadings(text, PIECE_CHARS, (heading, previous) =>
    Boolean(previous && isQuestionLine(heading.text) && isQuestionLine(previous.text)),
  );
}

export function parseBank(source: SourceText): Bank {
  const [first, ...rest] = bankPieces(source.text).map((piece) => parseBankPart(source.file, piece));
  return mergeBankParts([first!, ...rest]);
}

export function parseBankPart(file: string, piece: Piece): BankPart {
  const root = parseMarkdown(piece.text, piece);
  if (hasDefinitions(piece.text)) resolveReferences(root);
  const children = root.children;
  const numbers = children.map((node) => (node.type === 'heading' ? questionHeadingNumber(node) : null));

  // A `##` heading is a topic section when a question follows it before the next `#`/`##` heading.
  const opensSection = new Array<boolean>(children.length).fill(false);
  let questionAhead = false;
  for (let i = children.length - 1; i >= 0; i--) {
    const node = children[i]!;
    if (node.type !== 'heading') continue;
    if (numbers[i] !== null) questionAhead = true;
    else if (node.depth <= 2) {
      opensSection[i] = questionAhead && node.depth === 2;
      questionAhead = false;
    }
  }

  let title = '';
  let titleLine = 1;
  const front: RootContent[] = [];
  /** Back matter, and the title and section headings: kept for their links. */
  const other: RootContent[] = [];
  const sections: Section[] = [];
  const drafts: Draft[] = [];
  const looseHeadings: LooseHeading[] = [];
  let current: Draft | null = null;
  let section: string | null = null;
  let leadingQuestions = -1;

  children.forEach((node, i) => {
    if (node.type === 'heading') {
      const number = numbers[i];
      if (number !== null && number !== undefined) {
        current = { heading: node, number, section, body: [] };
        drafts.push(current);
        return;
      }
      const text = toString(node, { includeHtml: false });
      if ((node.depth === 3 || node.depth === 4) && LOOKS_LIKE_QUESTION.test(text)) looseHeadings.push({ ...placeOf(node, file), text, depth: node.depth });
      if (node.depth <= 2) {
        if (leadingQuestions === -1) leadingQuestions = drafts.length;
        current = null;
        // Only a section heading opens a section; any other `#`/`##` heading (Contributions) ends one.
        section = opensSection[i] ? text.trim() : null;
        if (node.depth === 1 && !title && drafts.length === 0 && sections.length === 0) {
          title = text.trim();
          titleLine = placeOf(node, file).line;
          other.push(node);
          return;
        }
        if (section !== null) {
          sections.push({ ...placeOf(node, file), id: '', title: section });
          other.push(node);
          return;
        }
      }
    }
    if (current) current.body.push(node);
    else if (drafts.length === 0 && sections.length === 0) front.push(node);
    else other.push(node);
  });

  const questionLinks: FoundLink[] = [];
  // Node offsets count from the start of the whole file; the piece holds its text from piece.offset on.
  const sourceOf = (from: number, to: number) => piece.text.slice(from - piece.offset, to - piece.offset);
  const questions = drafts.map((draft) => buildQuestion(draft, file, questionLinks, sourceOf));
  const otherLinks = [...front, ...other].flatMap((node) => collectLinks(node, file));
  const frontMatterTree = toSafeHast(front);
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
  };
  return { bank, leadingQuestions: leadingQuestions === -1 ? questions.length : leadingQuestions };
}

/** Reference-style links and images (`[text][ref]` with `[ref]: url` anywhere) become plain ones. */
function resolveReferences(root: Root): void {
  const definition = definitions(root);
  visit(root, (node, index, parent) => {
    if ((node.type !== 'linkReference' && node.type !== 'imageReference') || !parent || index === undefined) return;
    const found = definition(node.identifier);
    if (!found) return;
    const { url, title = null } = found;
    parent.children[index] =
      node.type === 'linkReference'
        ? { type: 'link', url, title, children: node.children, position: node.position }
        : { type: 'image', url, title, alt: node.alt, position: node.position };
  });
}

/** Joins the parts of one bank: the first gives the title and front matter, the others continue it. */
export function mergeBankParts([{ bank: first }, ...rest]: [BankPart, ...BankPart[]]): Bank {
  const bank: Bank = {
    ...first,
    otherLinks: [...first.otherLinks],
    unsafeLinks: [...first.unsafeLinks],
    sections: [...first.sections],
    questions: [...first.questions],
    looseHeadings: [...first.looseHeadings],
  };
  for (const { bank: part, leadingQuestions } of rest) {
    const carried = bank.questions.at(-1)?.section ?? null;
    for (const q of part.questions.slice(0, leadingQuestions)) q.section = carried;
    bank.otherLinks.push(...part.otherLinks);
    bank.sections.push(...part.sections);
    bank.questions.push(...part.questions);
    bank.looseHeadings.push(...part.looseHeadings);
    bank.unsafeLinks.push(...part.unsafeLinks);
  }
  const sectionIds = uniqueIds(bank.sections.map((s) => slugify(s.title) || 'section'));
  bank.sections.forEach((s, i) => (s.id = sectionIds[i]!));
  return bank;
}

/** The heading's first words, after any leading HTML such as an `<a name="q2"></a>` anchor. */
function leadingText(children: PhrasingContent[]): Text | undefined {
  const first = children.find((c) => c.type !== 'html');
  return first?.type === 'text' ? first : undefined;
}

function questionHeadingNumber(node: Heading): number | null {
  if (node.depth !== 3 && node.depth !== 4) return null;
  const first = leadingText(node.children);
  if (!first) return null;
  const match = QUESTION_HEADING.exec(first.value);
  return match ? Number(match[1]) : null;
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
  if (doomed.size === 0) return;
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
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

function isBlank(node: RootContent): boolean {
  if (node.type === 'paragraph') return node.children.every((c) => c.type === 'break' || (c.type === 'text' && !c.value.trim()));
  return isIdComment(node);
}

function buildQuestion(draft: Draft, file: string, found: FoundLink[], sourceOf: (from: number, to: number) => string): Question {
  const { heading, body } = draft;
  const idInHeading = heading.children.find(isIdComment);
  const idNode = idInHeading ?? (body[0] && isIdComment(body[0]) ? body[0] : undefined);
  const writtenId = idNode ? ID_COMMENT.exec(idNode.value)?.[1] : undefined;

  const titleRoot: Root = { type: 'root', children: [{ type: 'paragraph', children: heading.children }] };
  const bodyRoot: Root = { type: 'root', children: body };
  const headingLinks = collectLinks(titleRoot, file);
  const bodyLinks = collectLinks(bodyRoot, file);
  const all = [...headingLinks, ...bodyLinks];
  found.push(...all);

  // The title: heading text without its number, its source links and its id comment.
  const titleInline = stripNumber(heading.children.filter((c) => c !== idInHeading));
  const titleTreeRoot: Root = { type: 'root', children: [{ type: 'paragraph', children: titleInline }] };
  removeLinks(titleTreeRoot, new Set(headingLinks.filter((l) => l.kind === 'source' || l.kind === 'answer').map((l) => l.node)));
  const titleParagraph = titleTreeRoot.children[0] as { children: PhrasingContent[] };
  trimEdges(titleParagraph.children);
  const titleTree = inlineToSafeHast(titleParagraph.children);
  const title = toString(titleParagraph, { includeHtml: false }).replace(/\s+/g, ' ').trim();

  removeLinks(bodyRoot, new Set(bodyLinks.filter((l) => l.kind === 'source' || l.kind === 'answer').map((l) => l.node)));
  const answerNodes = bodyRoot.children.filter((node) => !isBlank(node));
  const answerTree = toSafeHast(answerNodes);
  const answerText = hastToText(answerTree);
  let hasImage = false;
  visit(answerTree, 'element', (el) => {
    if (el.tagName === 'img') hasImage = true;
  });

  const first = draft.body[0]?.position?.start.offset;
  const last = draft.body.at(-1)?.position?.end.offset;
  const answerMarkdown = first !== undefined && last !== undefined ? sourceOf(first, last) : '';

  const baseId = writtenId ?? idFromTitle(title);
  return {
    id: baseId,
    baseId,
    number: draft.number,
    depth: heading.depth,
    section: draft.section,
    title,
    titleTree,
    answerText,
    answerMarkdown,
    answerTree,
    hasAnswer: answerText !== '' || hasImage,
    sources: all.filter((l) => l.kind === 'source').map((l) => l.link),
    answerLinks: all.filter((l) => l.kind === 'answer').map((l) => l.link),
    links: all.filter((l) => l.kind === 'inline').map((l) => l.link),
    ...placeOf(heading, file),
  };
}

/** Trims the whitespace a removed `[[src](url)]` leaves at the start or end of a title. */
function trimEdges(children: PhrasingContent[]): void {
  const first = children[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = children.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
}

/** Drops the leading "12) " from a heading's first text node (a copy: the heading itself is kept). */
function stripNumber(children: PhrasingContent[]): PhrasingContent[] {
  const first = leadingText(children);
  if (!first) return children;
  const rest = children.slice(children.indexOf(first) + 1);
  const text: Text = { ...first, value: first.value.replace(QUESTION_HEADING, '') };
  return text.value ? [text, ...rest] : rest;
}

export interface BookInput {
  meta: BookMeta;
  sources: SourceText[];
}

/** Parses every bank of a book and makes question ids unique across the whole book. */
export function parseBook({ meta, sources }: BookInput): Book {
  return assembleBook(meta, sources.map(parseBank));
}

export function assembleBook(meta: BookMeta, banks: Bank[]): Book {
  const book = { meta, banks };
  const questions = allQuestions(book);
  const ids = uniqueIds(questions.map((q) => q.baseId));
  questions.forEach((q, i) => (q.id = ids[i]!));
  return book;
}
