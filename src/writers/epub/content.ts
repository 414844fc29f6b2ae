// The e-book's pages as hast trees: cover, title page, one part page per bank, question chapters, the nav.
// Everything a reader sees is built as trees from the model's sanitized trees and serialized by
// hast-util-to-html, so no text from a bank is ever pasted into markup.
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import type { Bank, Book, BookMeta, Link, Question, Section } from '../../model.js';
import { allQuestions, numberLabel, sectionOf } from '../../model.js';
import { hastToText, taskBox } from '../../read/markdown.js';
import { allowedProperties, anyText, el, integerFrom, joined, textContent, type Allowed, type AttributeTable, type Child } from '../shared/hast.js';
import { decodeFragment, followable, linkTarget, linkText, needsNoAnswerNote } from '../shared/links.js';
import { BookLinks } from '../shared/book-links.js';
import { mathOf, texToMathML } from '../shared/math.js';
import { WORDS, linksLabel, titleFacts } from '../shared/words.js';
import { COVER_SVG } from './cover.js';

/** Questions per chapter file: e-readers paginate each file at once, so files stay small. */
const QUESTIONS_PER_FILE = 20;

export interface Page {
  filename: string;
  /** The page's <title>. */
  title: string;
  body: Root;
  /** Placed before the table of contents in reading order (cover, title page). */
  beforeToc: boolean;
  /** Whether the page holds MathML: the manifest must say so (`properties="mathml"`). */
  mathml?: boolean;
}

export interface EpubContent {
  pages: Page[];
  /** The `<nav epub:type="toc">` tree: parts per bank, sections, every question. */
  nav: Element;
  /** The `<nav epub:type="landmarks">` tree: cover, contents, where the reading starts. */
  landmarks: Element;
  /** Things a bank has that the e-book cannot show as written. */
  warnings: string[];
}

const root = (children: Element[]): Root => ({ type: 'root', children });

interface Where {
  file: string;
  line?: number;
}

/**
 * Copies a sanitized tree into a page: relative links point at the upstream repository (the e-book does
 * not contain its files), `#question-id` anchors point at the chapter that holds the question (other
 * anchors become plain text), local images become their alt text, task-list boxes become ☐ and ☑, and
 * an id already used in the page is dropped (XHTML ids are unique per file).
 */
class Adapter {
  constructor(
    private readonly anchors: Map<string, string>,
    private readonly bookLinks: BookLinks,
    private readonly warnings: string[],
  ) {}

  /** Ids already in the page. */
  readonly ids = new Set<string>();
  /** Whether the page got a formula (as MathML). */
  mathml = false;

  /** `where` is the tree's place in its bank; an image with a position of its own is named by its own line. */
  nodes(nodes: readonly RootContent[], where: Where): ElementContent[] {
    return nodes.flatMap((node) => this.node(node, where));
  }

  private node(node: RootContent, where: Where): ElementContent[] {
    if (node.type === 'text') return [{ type: 'text', value: node.value }];
    if (node.type !== 'element') return [];
    const math = mathOf(node);
    if (math) {
      const markup = mathWithAltText(math.tex, math.display);
      this.mathml ||= markup.includes('<math');
      return [{ type: 'raw', value: markup } as unknown as ElementContent];
    }
    const properties = epubProperties(node.tagName, node.properties);
    const children = this.nodes(node.children, where);
    if (node.tagName === 'img') {
      const src = String(properties.src ?? '');
      const line = node.position?.start.line ?? where.line;
      this.warnings.push(`${where.file}${line ? `:${line}` : ''}: local image "${src}" is shown as its description in the EPUB`);
      return [{ type: 'text', value: `[${String(properties.alt ?? '') || src}]` }];
    }
    // E-readers show form controls unevenly, if at all.
    const box = taskBox(node);
    if (box) return [{ type: 'text', value: box }];
    if (typeof properties.id === 'string') {
      if (this.ids.has(properties.id)) delete properties.id;
      else this.ids.add(properties.id);
    }
    if (node.tagName === 'a' && typeof properties.href === 'string') {
      const href = this.href(properties.href, where.file);
      if (href === null) return children;
      properties.href = href;
    }
    return [{ type: 'element', tagName: cellTagName(node), properties, children }];
  }

  /** Where a link of the bank `file` leads: a question's chapter, another bank's part, or outside the book. */
  private href(href: string, file: string): string | null {
    if (href.startsWith('#')) return this.anchors.get(decodeFragment(href.slice(1))) ?? null;
    const target = this.bookLinks.target(href, file);
    return target === null ? null : 'bank' in target ? partFileOf(target.bank + 1) : target.href;
  }

  /** A source or answer link: another bank's part where it names one. */
  linkAnchors(links: Link[]): Element[] {
    return followable(links).map(({ link, href }) => {
      const bank = this.bookLinks.bankAt(href);
      return el('a', { href: bank === null ? href : partFileOf(bank + 1) }, [linkText(link)]);
    });
  }
}

/**
 * An empty header cell (the corner of a confusion matrix) heads nothing: it is written as a data cell, since
 * assistive technology would announce a header without a name.
 */
const cellTagName = (node: Element): string => (node.tagName === 'th' && textContent(node).trim() === '' ? 'td' : node.tagName);

const oneOf =
  (...values: string[]): Allowed =>
  (value) =>
    typeof value === 'string' && values.includes(value);

/**
 * The attributes (and values) EPUB 3's XHTML allows, per element, of those GitHub's sanitizer lets
 * through. The rest go: HTML 4's presentational attributes (`nowrap`, `border`, `compact`...) and
 * attributes on elements that do not take them fail epubcheck, and booleans (`reversed`, `open`) would be
 * written without a value, which XML does not allow.
 */
const EPUB_ATTRIBUTES: AttributeTable = {
  '*': {
    id: (value) => typeof value === 'string' && /^\S+$/.test(value),
    className: (value) => Array.isArray(value),
    title: anyText,
    lang: (value) => typeof value === 'string' && /^(?:[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)?$/.test(value),
    dir: oneOf('ltr', 'rtl', 'auto'),
  },
  a: { href: anyText },
  img: { alt: anyText, src: anyText },
  ol: { start: integerFrom(-Infinity) },
  td: { colSpan: integerFrom(1), rowSpan: integerFrom(0) },
  th: { colSpan: integerFrom(1), rowSpan: integerFrom(0) },
};

const epubProperties = (tagName: string, given: Properties): Properties => allowedProperties(EPUB_ATTRIBUTES, tagName, given);

/**
 * KaTeX's MathML of a formula with its TeX as `alttext`, which assistive technology reads and a reading system
 * without MathML may show; the TeX in `<annotation>` is for tools (the stylesheet hides it for reading
 * systems that would render it as text). TeX KaTeX cannot parse comes back as text, without `<math>`.
 */
function mathWithAltText(tex: string, display: boolean): string {
  const attribute = tex.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return texToMathML(tex, display).replace(/<math(?= )/, `<math alttext="${attribute}"`);
}

/**
 * Renumbers the headings of a bank's tree (front matter, an answer) to sit under a heading of level `base`
 * without skipping a level: each goes one below the nearest heading before it of a higher rank as written
 * ("###" then "##" in a front matter become two h2 under the part's h1), down to h6.
 */
function nestHeadings(nodes: ElementContent[], base: number): ElementContent[] {
  const open: { written: number; level: number }[] = [];
  const visit = (node: ElementContent) => {
    if (node.type !== 'element') return;
    const written = /^h([1-6])$/.exec(node.tagName);
    if (written) {
      const rank = Number(written[1]);
      while (open.length > 0 && open.at(-1)!.written >= rank) open.pop();
      const level = Math.min(6, (open.at(-1)?.level ?? base) + 1);
      open.push({ written: rank, level });
      node.tagName = `h${level}`;
    }
    node.children.forEach(visit);
  };
  nodes.forEach(visit);
  return nodes;
}

const questionAnchor = (q: Question) => `q-${q.id}`;
/** The nav shows what the heading shows: the sanitized title, as text. */
const questionLabel = (q: Question) => `${numberLabel(q)}. ${hastToText(q.titleTree).replace(/\s+/g, ' ') || `Question ${numberLabel(q)}`}`;

interface Chunk {
  filename: string;
  sectionAnchor: string;
  /** Whether this chunk opens its section (later chunks of a long section continue it). */
  opens: boolean;
  /** Its section (null for questions outside any), whose intro stands under the heading of the chunk that opens it. */
  owner: Section | null;
  questions: Question[];
}

/** Consecutive questions of one section, cut into files of at most QUESTIONS_PER_FILE questions. */
function chunksOf(bank: Bank, part: number): Chunk[] {
  const chunks: Chunk[] = [];
  let run = 0;
  // Each section its own, even where two in a row have the same title: its intro then stands under its heading.
  const owners = bank.questions.map((q) => sectionOf(bank, q));
  bank.questions.forEach((q, i) => {
    const last = chunks.at(-1);
    const sameSection = i > 0 && owners[i - 1] === owners[i];
    if (!sameSection) run++;
    if (last && sameSection && last.questions.length < QUESTIONS_PER_FILE) {
      last.questions.push(q);
      return;
    }
    chunks.push({
      filename: `part-${part}-${String(chunks.length + 1).padStart(3, '0')}.xhtml`,
      owner: owners[i]!,
      sectionAnchor: `section-${part}-${run}`,
      opens: !sameSection,
      questions: [q],
    });
  });
  return chunks;
}

const partFileOf = (part: number) => `part-${part}.xhtml`;

/** `level` is the question heading's: h2 in a part without sections, h3 under a section's h2. */
function questionBlock(q: Question, adapter: Adapter, level: number): Element {
  const where: Where = q;
  const answerLinks = adapter.linkAnchors(q.answerLinks);
  const sources = adapter.linkAnchors(q.sources);
  const linkList = (kind: 'answer' | 'source', className: string, anchors: Element[]) =>
    anchors.length > 0 && el('p', { className: [className] }, [linksLabel(kind, anchors.length), ...joined<Child>(anchors, ', ')]);
  const answer = q.hasAnswer
    ? el('div', { className: ['answer'] }, nestHeadings(adapter.nodes(q.answerTree.children, where), level))
    : needsNoAnswerNote(q) && el('p', { className: ['no-answer'] }, [WORDS.noAnswer]);
  return el('section', { className: ['question'], id: questionAnchor(q) }, [
    el(`h${level}`, {}, [el('span', { className: ['number'] }, [`${numberLabel(q)}.`]), ' ', ...adapter.nodes(q.titleTree.children, where)]),
    answer,
    linkList('answer', 'answer-links', answerLinks),
    linkList('source', 'sources', sources),
  ]);
}

/** The cover: the cover image alone (the title page that follows says it all in words). */
function coverPage(meta: BookMeta): Page {
  return {
    filename: 'cover.xhtml',
    title: meta.title,
    beforeToc: true,
    body: root([el('section', { className: ['cover'], 'epub:type': 'cover' }, [el('img', { src: COVER_SVG, alt: meta.title })])]),
  };
}


function titlePage(book: Book): Page {
  const { meta } = book;
  return {
    filename: 'title.xhtml',
    title: meta.title,
    beforeToc: true,
    body: root([
      el('section', { className: ['title-page'], 'epub:type': 'titlepage' }, [
        el('h1', {}, [meta.title]),
        meta.subtitle && el('p', { className: ['subtitle'] }, [meta.subtitle]),
        ...titleFacts(book).map((fact) =>
          el('p', fact.small ? { className: ['small'] } : {}, [fact.text, fact.link ? el('a', { href: fact.link }, [fact.link]) : null]),
        ),
      ]),
    ]),
  };
}

/** The config's upstream URL, linked only when the link filter allows it (a `javascript:` URL stays text). */
function upstreamLink(upstream: string): Child {
  const href = linkTarget(upstream);
  return href ? el('a', { href }, [upstream]) : upstream;
}

/** Builds every page and the navigation of the e-book. */
export function epubContent(book: Book, configDir = '.'): EpubContent {
  const warnings: string[] = [];
  const bookLinks = new BookLinks(book, configDir);
  const banks = book.banks.map((bank, i) => ({ bank, part: i + 1, chunks: chunksOf(bank, i + 1) }));

  // Where each question lives, so that `#question-id` links in answers cross chapter files.
  const anchors = new Map<string, string>();
  for (const { chunks } of banks) {
    for (const chunk of chunks) {
      for (const q of chunk.questions) anchors.set(q.id, `${chunk.filename}#${questionAnchor(q)}`);
    }
  }

  const pages: Page[] = [coverPage(book.meta), titlePage(book)];
  const parts: Element[] = [];
  for (const { bank, part, chunks } of banks) {
    const partFile = partFileOf(part);
    const partTitle = bank.title || book.meta.title;
    const front = new Adapter(anchors, bookLinks, warnings);
    const partBody = root([
      el('section', { className: ['part'], 'epub:type': 'part', role: 'doc-part' }, [
        el('h1', {}, [partTitle]),
        ...nestHeadings(front.nodes(bank.frontMatterTree.children, { file: bank.file }), 1),
      ]),
    ]);
    pages.push({ filename: partFile, title: partTitle, beforeToc: false, body: partBody, mathml: front.mathml });

    const entries: Element[] = [];
    // The open section's list in the nav: later chunks of the same section add their questions to it.
    let sectionList: Element | null = null;
    for (const chunk of chunks) {
      const adapter = new Adapter(anchors, bookLinks, warnings);
      adapter.ids.add(chunk.sectionAnchor);
      for (const q of chunk.questions) adapter.ids.add(questionAnchor(q));
      const first = numberLabel(chunk.questions[0]!);
      const last = numberLabel(chunk.questions.at(-1)!);
      const section = chunk.owner?.title ?? null;
      const heading = section && el('h2', chunk.opens ? { id: chunk.sectionAnchor } : {}, [chunk.opens ? section : `${section} (continued)`]);
      const questionLevel = section ? 3 : 2;
      const body = root([
        el('section', { className: ['chapter'], 'epub:type': 'chapter', role: 'doc-chapter' }, [
          heading,
          // Under the section's heading, as the bank writes it: its sub-headings one below the section's.
          chunk.opens && chunk.owner && chunk.owner.introTree.children.length > 0 && el('div', { className: ['intro'] }, nestHeadings(adapter.nodes(chunk.owner.introTree.children, chunk.owner), questionLevel - 1)),
          ...chunk.questions.map((q) => questionBlock(q, adapter, questionLevel)),
        ]),
      ]);
      pages.push({
        filename: chunk.filename,
        title: `${section || partTitle}: ${first === last ? first : `${first}–${last}`}`,
        beforeToc: false,
        body,
        mathml: adapter.mathml,
      });

      const items = chunk.questions.map((q) => el('li', {}, [el('a', { href: `${chunk.filename}#${questionAnchor(q)}` }, [questionLabel(q)])]));
      if (section === null) {
        sectionList = null;
        entries.push(...items);
      } else if (chunk.opens || !sectionList) {
        sectionList = el('ol', {}, items);
        entries.push(el('li', {}, [el('a', { href: `${chunk.filename}#${chunk.sectionAnchor}` }, [section]), sectionList]));
      } else {
        sectionList.children.push(...items);
      }
    }
    parts.push(el('li', {}, [el('a', { href: partFile }, [partTitle]), entries.length > 0 && el('ol', {}, entries)]));
  }

  const nav = el('nav', { 'epub:type': 'toc', id: 'toc', role: 'doc-toc' }, [
    el('h1', {}, [WORDS.contents]),
    el('ol', {}, [el('li', {}, [el('a', { href: 'title.xhtml' }, [WORDS.titlePage])]), ...parts]),
  ]);
  // Reading systems read the landmarks; the page shows only the contents (`hidden` would be a bare,
  // non-XML attribute as hast-util-to-html writes it, so the stylesheet hides the list).
  const landmarks = el('nav', { 'epub:type': 'landmarks', id: 'landmarks', className: ['landmarks'] }, [
    el('h2', {}, [WORDS.landmarks]),
    el('ol', {}, [
      el('li', {}, [el('a', { 'epub:type': 'cover', href: 'cover.xhtml' }, [WORDS.cover])]),
      el('li', {}, [el('a', { 'epub:type': 'toc', href: 'toc.xhtml#toc' }, [WORDS.contents])]),
      el('li', {}, [el('a', { 'epub:type': 'bodymatter', href: 'part-1.xhtml' }, [WORDS.start])]),
    ]),
  ]);
  return { pages, nav, landmarks, warnings };
}
