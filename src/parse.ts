// The reader: Markdown text -> Bank. Questions are depth-3/4 headings "N) ..." or "N. ...".
import { toString } from 'mdast-util-to-string';
import { definitions } from 'mdast-util-definitions';
import { visit } from 'unist-util-visit';
import type { Heading, Html, Link as MdLink, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Bank, Book, BookMeta, Link, LooseHeading, Question, Section } from './model.js';
import { hastToHtml, hastToText, inlineToSafeHast, parseMarkdown, shiftPositions, toSafeHast } from './markdown.js';
import { ID_COMMENT, idFromTitle, slugify, uniqueIds } from './ids.js';
import type { SourceText } from './read.js';

const QUESTION_HEADING = /^\s*(\d+)\s*[.)](?!\d)\s*/;
/** "12 What ...", "12: What ...": a question heading missing its ")" or "." */
const LOOKS_LIKE_QUESTION = /^\s*\d+(?:\s*[.)](?!\d)|\s*[:\-–]?\s+\p{L})/u;
/** Link schemes a reader may follow; javascript:, data: and the like never reach an output. */
const SAFE_URL = /^(?:https?:|mailto:|[^:/?#]*(?:[/?#]|$))/i;
const SOURCE_LABEL = /^(?:src|source|sources|ref|reference)\s*\d*$/;
const ANSWER_LABEL = /^answer\s*\d*$/;
const CLAIMED_COUNT = /\b(\d+)\s+(?:[^\s\d]+\s+){0,6}?questions?\b/i;

type LinkKind = 'source' | 'answer' | 'inline' | 'unsafe';

function linkKind(link: MdLink): LinkKind {
  if (!SAFE_URL.test(link.url.trim())) return 'unsafe';
  const label = toString(link).replace(/[[\]\s]/g, ' ').trim().toLowerCase();
  if (SOURCE_LABEL.test(label)) return 'source';
  if (ANSWER_LABEL.test(label)) return 'answer';
  return 'inline';
}

interface Draft {
  heading: Heading;
  number: number;
  section: string | null;
  body: RootContent[];
}

/** Part of a bank's text: the whole of it, or a piece that starts at a question heading (see parse-parallel.ts). */
export interface BankPiece {
  text: string;
  line: number;
  offset: number;
}

export function parseBank(source: SourceText): Bank {
  return mergeBankParts([parseBankPart(source.file, { text: source.text, line: 1, offset: 0 })]);
}

/**
 * Reads one piece of a bank. A piece after the first starts inside the list of questions: its questions
 * before its first section heading have section null here, and take the section of the piece before
 * when the pieces are merged.
 */
export function parseBankPart(file: string, piece: BankPiece): Bank {
  const root = parseMarkdown(piece.text);
  shiftPositions(root, piece.line - 1, piece.offset);
  resolveReferences(root);
  const children = root.children;
  const place = (node: { position?: { start: { line: number; column: number } } }) => ({
    file,
    line: node.position?.start.line ?? 1,
    column: node.position?.start.column ?? 1,
  });

  // A `##` heading is a topic section when a question follows it before the next `#`/`##` heading.
  const opensSection = new Array<boolean>(children.length).fill(false);
  let questionAhead = false;
  for (let i = children.length - 1; i >= 0; i--) {
    const node = children[i]!;
    if (node.type !== 'heading') continue;
    if (questionHeadingNumber(node) !== null) questionAhead = true;
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

  children.forEach((node, i) => {
    if (node.type === 'heading') {
      const number = questionHeadingNumber(node);
      if (number !== null) {
        current = { heading: node, number, section, body: [] };
        drafts.push(current);
        return;
      }
      const text = toString(node, { includeHtml: false });
      if ((node.depth === 3 || node.depth === 4) && LOOKS_LIKE_QUESTION.test(text)) looseHeadings.push({ ...place(node), text, depth: node.depth });
      if (node.depth === 1 && !title && drafts.length === 0 && sections.length === 0) {
        title = text.trim();
        titleLine = place(node).line;
        other.push(node);
        return;
      }
      if (node.depth <= 2) {
        current = null;
        if (opensSection[i]) {
          section = text.trim();
          sections.push({ ...place(node), id: '', title: section });
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
  const questions = drafts.map((draft) => buildQuestion(draft, file, questionLinks));
  const otherLinks = [...front, ...other].flatMap((node) => collectLinks(node, file));
  const frontMatterTree = toSafeHast(front);
  const firstParagraph = front.find((node) => node.type === 'paragraph');
  const claimed = CLAIMED_COUNT.exec(title);
  return {
    file,
    title,
    titleLine,
    claimedCount: claimed ? Number(claimed[1]) : null,
    description: firstParagraph ? toString(firstParagraph).trim() : '',
    frontMatterHtml: hastToHtml(frontMatterTree),
    frontMatterTree,
    otherLinks: otherLinks.filter((l) => l.kind !== 'unsafe').map((l) => l.link),
    unsafeLinks: [...otherLinks, ...questionLinks].filter((l) => l.kind === 'unsafe').map((l) => l.link),
    sections,
    questions,
    looseHeadings,
  };
}

/** Reference-style links and images (`[text][ref]` with `[ref]: url` anywhere) become plain ones. */
function resolveReferences(root: Root): void {
  if (!root.children.some((node) => node.type === 'definition')) return;
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
export function mergeBankParts([first, ...rest]: [Bank, ...Bank[]]): Bank {
  const bank: Bank = {
    ...first,
    otherLinks: [...first.otherLinks],
    unsafeLinks: [...first.unsafeLinks],
    sections: [...first.sections],
    questions: [...first.questions],
    looseHeadings: [...first.looseHeadings],
  };
  for (const part of rest) {
    const carried = bank.questions.at(-1)?.section ?? null;
    for (const q of part.questions) {
      if (q.section !== null) break;
      q.section = carried;
    }
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
    const start = link.position?.start;
    found.push({
      node: link,
      kind: linkKind(link),
      link: {
        label: toString(link).replace(/^\[|\]$/g, '').trim() || link.url,
        url: link.url,
        file,
        line: start?.line ?? 1,
        column: start?.column ?? 1,
      },
    });
  });
  return found;
}

/** Removes the given links and the "[" "]" that wrapped them, e.g. `[[src](url)]`. */
function removeLinks(tree: Root, doomed: Set<MdLink>): void {
  if (doomed.size === 0) return;
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    if (!parent.children.some((child) => doomed.has(child as MdLink))) return;
    const kept: RootContent[] = [];
    for (const child of parent.children) {
      if (doomed.has(child as MdLink)) continue;
      const last = kept[kept.length - 1];
      if (child.type === 'text' && last?.type === 'text') last.value += child.value;
      else kept.push(child.type === 'text' ? { ...child } : child);
    }
    for (const child of kept) {
      if (child.type === 'text') child.value = child.value.replace(/\[\s*\]/g, '');
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

function buildQuestion(draft: Draft, file: string, found: FoundLink[]): Question {
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

  const baseId = writtenId ?? idFromTitle(title);
  return {
    id: baseId,
    baseId,
    number: draft.number,
    depth: heading.depth,
    section: draft.section,
    title,
    titleHtml: hastToHtml(titleTree),
    titleTree,
    answerHtml: hastToHtml(answerTree),
    answerText,
    answerTree,
    hasAnswer: answerText !== '' || hasImage,
    sources: all.filter((l) => l.kind === 'source').map((l) => l.link),
    answerLinks: all.filter((l) => l.kind === 'answer').map((l) => l.link),
    links: all.filter((l) => l.kind === 'inline').map((l) => l.link),
    file,
    line: heading.position?.start.line ?? 1,
    column: heading.position?.start.column ?? 1,
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
  const questions = banks.flatMap((bank) => bank.questions);
  const ids = uniqueIds(questions.map((q) => q.baseId));
  questions.forEach((q, i) => (q.id = ids[i]!));
  return { meta, banks };
}
