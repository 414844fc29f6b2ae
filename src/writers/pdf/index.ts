// guide.pdf: the question bank as a printable study guide, laid out by pdfmake.
import pdfmake from 'pdfmake';
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { visit } from 'unist-util-visit';
import type { Element, ElementContent } from 'hast';
import type { Asset, Writer, WriteContext } from '../writer.js';
import { bankTrees, sectionOf, type Bank, type Book, type Link, numberLabel, type Question, type Section } from '../../model.js';
import { COLORS, MIN_LINES, blocks, imageKey, inlineRuns, partId, styledText, type Inline, type RenderContext } from './content.js';
import { BookLinks } from '../shared/book-links.js';
import { BODY_STYLE, pageMargins, FONTS, FONT_FILES, describeChars, textWidth } from './fonts.js';
import { outlineAtHeadings } from './outline.js';
import { patchPdfmake, type KeepLines } from './render.js';
import { followable, linkTarget, needsNoAnswerNote } from '../shared/links.js';
import { imageInfo, pngDataIsWhole } from '../shared/image.js';
import { textContent } from '../shared/hast.js';
import { limit } from '../../limits.js';
import { hasMath, loadMathJax } from '../shared/math.js';
import { WORDS, linksLabel, titleFacts } from '../shared/words.js';

pdfmake.setFonts(FONTS);
patchPdfmake();
outlineAtHeadings();
// Nothing is fetched, and only the font files are read from disk: images come in as data.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(file));

/** Room kept below a question heading (its answer's first two lines): the heading moves to the next page rather than end one alone. */
const KEEP_WITH_QUESTION = 50;
/**
 * An answer of at most this many characters, without code, tables or images (a few lines), is never split
 * from its question, nor its sources from it: the whole question moves to the next page.
 */
const SHORT_ANSWER_CHARS = 320;
/** Room kept below a section heading: its first question's heading and first lines. */
const KEEP_WITH_SECTION = 80;
/** A line of a sources list (8-point type), and about how many characters of a URL fill one. */
const SOURCE_LINE = 11.5;
const SOURCE_LINE_CHARS = 85;
/** The contents' column of question numbers, in points: "999." fits; a longer number ("1.2.3.") widens it. */
const CONTENTS_NUMBER = 22;
const CONTENTS_NUMBER_CHARS = 4;
const CONTENTS_QUESTION_SIZE = 9.5;
/** Room kept below a bank's or a topic's entry in the contents: two entries. */
const KEEP_WITH_CONTENTS_TOPIC = 30;

const STYLES: TDocumentDefinitions['styles'] = {
  title: { fontSize: 28, bold: true, lineHeight: 1.1, margin: [0, 150, 0, 14] },
  subtitle: { fontSize: 14, color: COLORS.muted, lineHeight: 1.25, margin: [0, 0, 0, 40] },
  titleFacts: { fontSize: 11, lineHeight: 1.4 },
  titleSmall: { fontSize: 9, color: COLORS.muted, lineHeight: 1.35, margin: [0, 24, 0, 0] },
  tocTitle: { fontSize: 20, bold: true, margin: [0, 0, 0, 14] },
  part: { fontSize: 22, bold: true, margin: [0, 0, 0, 6] },
  partNote: { fontSize: 10, color: COLORS.muted, margin: [0, 0, 0, 18] },
  section: { fontSize: 16, bold: true, color: COLORS.accent, margin: [0, 14, 0, 8] },
  question: { fontSize: 12.5, bold: true, lineHeight: 1.15, margin: [0, 14, 0, 5] },
  p: { margin: [0, 0, 0, 6] },
  displayMath: { alignment: 'center', margin: [0, 2, 0, 8] },
  contentsPart: { bold: true, fontSize: 11, margin: [0, 8, 0, 3] },
  contentsSection: { fontSize: 10.5, color: COLORS.accent, margin: [0, 4, 0, 3] },
  contentsQuestion: { fontSize: CONTENTS_QUESTION_SIZE, margin: [0, 0, 0, 2] },
  contentsCount: { color: COLORS.muted, bold: false, fontSize: 9 },
  li: { margin: [0, 0, 0, 2] },
  list: { margin: [0, 0, 0, 6] },
  code: { fontSize: 8.5, lineHeight: 1.2, preserveLeadingSpaces: true },
  cell: { fontSize: 9.5 },
  answerHeading: { bold: true, margin: [0, 4, 0, 4] },
  note: { italics: true, color: COLORS.muted, margin: [0, 0, 0, 6] },
  sources: { fontSize: 8, color: COLORS.muted, lineHeight: 1.2, margin: [0, 2, 0, 4] },
};

/**
 * "Sources: " and the followable links, each printed as its full URL, one a line: a paper copy names the
 * page to look up, not only its site.
 */
function linkList(kind: 'answer' | 'source', links: Link[], render: RenderContext): Content | null {
  const seen = new Set<string>();
  const unique = followable(links).filter(({ href }) => !seen.has(href) && seen.add(href));
  if (unique.length === 0) return null;
  // A source in another bank of the book links to its part; its address is printed all the same.
  const urls = unique.flatMap(({ href }, i) => {
    const bank = render.links?.bankAt(href) ?? null;
    return [...(i > 0 ? [{ text: '\n' }] : []), ...styledText(href, bank === null ? { link: href } : { destination: partId(bank) }, render)];
  });
  // Never split: a list of sources half on one page, half on the next, reads as two.
  return { text: [{ text: linksLabel(kind, unique.length), bold: true }, ...(unique.length > 1 ? [{ text: '\n' }] : []), ...urls], style: 'sources', unbreakable: true };
}

/** About how tall a sources list is, from the lengths of its URLs. */
function linkListHeight(list: Content): number {
  const runs = (list as { text: { text: string }[] }).text;
  const lines = runs.map((run) => run.text).join('').split('\n');
  // Its margins, and those of the paragraph before it.
  return 12 + SOURCE_LINE * lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / SOURCE_LINE_CHARS)), 0);
}

type Kept = { keepLines?: KeepLines };

/** The last paragraph of some content (in a list's last item, a stack's last block), which what follows keeps with it. */
function lastParagraph(content: Content | undefined): Kept | null {
  if (!content || typeof content !== 'object' || Array.isArray(content)) return null;
  const node = content as { ul?: Content[]; ol?: Content[]; stack?: Content[] } & Kept;
  const children = node.ul ?? node.ol ?? node.stack;
  if (children) return lastParagraph(children.at(-1));
  return node.keepLines ? node : null;
}

/**
 * A heading that keeps `room` points below it on its page: the heading and an empty space below it cannot
 * be split, and what follows moves up into that space.
 */
const keptWithNext = (heading: Content, room: number): Content[] => [
  { stack: [heading, { canvas: [], margin: [0, room, 0, 0] }], unbreakable: true },
  { canvas: [], margin: [0, -room, 0, 0] },
];

interface Bookmark extends ContentText {
  id: string;
  outlineText: string;
}

/**
 * A heading that is a link target and, when `listed`, an entry of the PDF outline. A level the book does not
 * need (its lone bank, a bank's lone section) is not listed.
 */
const bookmark = (heading: Bookmark, listed = true): Content => (listed ? { ...heading, outline: true } : heading) as Content;

/** An entry of the table of contents: a bank, a section ("topic") or a question. */
interface ContentsEntry {
  id: string;
  kind: 'part' | 'section' | 'question';
  /** The question's number, hung left of its title. */
  number?: string;
  title: Inline[];
  /** A topic's questions. */
  count?: number;
  indent: number;
}

/** The runs of a title without its links: the contents lead into the book, not out of it. */
const unlinked = (runs: Inline[]): Inline[] => runs.map(({ link, decoration, color, ...run }) => (link ? run : { ...run, ...(decoration ? { decoration } : {}), ...(color ? { color } : {}) }));

/**
 * The table of contents: each entry's title and page number link to it, a dotted leader between them, a
 * question's number hung left of its title, a topic's question count after its title.
 */
function contents(entries: readonly ContentsEntry[]): Content[] {
  if (entries.length === 0) return [];
  const longest = entries.reduce((a, e) => ((e.number?.length ?? 0) > a.length ? e.number! : a), '');
  const numberWidth = longest.length > CONTENTS_NUMBER_CHARS ? Math.max(CONTENTS_NUMBER, Math.ceil(textWidth(longest, BODY_STYLE.font, CONTENTS_QUESTION_SIZE)) + 2) : CONTENTS_NUMBER;
  const rows = entries.flatMap((entry): Content[] => {
    const link = { linkToDestination: entry.id };
    const title: Inline[] = [
      ...entry.title.map((run) => ({ ...run, ...link })),
      ...(entry.count === undefined ? [] : [{ text: `  ${entry.count} ${entry.count === 1 ? 'question' : 'questions'}`, style: 'contentsCount', ...link }]),
      // The page number ends the title's last line (no break before it), flush right, the leader before it.
      { text: '\u00a0', leader: true, ...link },
      // pdfmake takes a page reference inline, which its types allow only as a block.
      { text: '', pageReference: entry.id, atLineEnd: true } as unknown as Inline,
    ];
    const row = {
      columns: [
        ...(entry.number ? [{ text: entry.number, width: numberWidth, color: COLORS.accent }] : []),
        { text: title, width: '*' },
      ],
      columnGap: 2,
      style: `contents${entry.kind[0]!.toUpperCase()}${entry.kind.slice(1)}`,
      margin: [entry.indent, 0, 0, 0],
      unbreakable: true,
    } as Content;
    // A bank's or a topic's entry stays with the first entries under it.
    return entry.kind === 'question' ? [row] : keptWithNext(row, KEEP_WITH_CONTENTS_TOPIC);
  });
  return [{ text: WORDS.contents, style: 'tocTitle', pageBreak: 'before' }, ...rows];
}
/** A heading the running header names on the pages from its own on. */
interface RunningHead {
  node: Content;
  title: string;
}

/**
 * The topic a page is about: the first bank or section that starts on it, else the last one that started
 * before it (null before the first), once pdfmake has laid them out.
 */
function runningTitle(heads: readonly RunningHead[], page: number): string | null {
  let title: string | null = null;
  for (const head of heads) {
    const start = (head.node as { positions?: { pageNumber: number }[] }).positions?.[0]?.pageNumber;
    if (start === undefined || start > page) break;
    title = head.title;
    if (start === page) break;
  }
  return title;
}

function answerContent(question: Question, render: RenderContext): Content[] {
  const content = question.hasAnswer ? blocks(question.answerTree.children, render) : [];
  if (needsNoAnswerNote(question)) content.push({ text: WORDS.noAnswer, style: 'note', keepLines: { lines: MIN_LINES } } as Content);
  const lists = [linkList('answer', question.answerLinks, render), linkList('source', question.sources, render)].filter((list): list is Content => list !== null);
  // The answer's last lines go to the next page with its sources rather than leave them alone at its top.
  const last = lastParagraph(content.at(-1));
  if (last?.keepLines && lists.length > 0) last.keepLines = { ...last.keepLines, withNext: lists.reduce((sum: number, list) => sum + linkListHeight(list), 0) };
  content.push(...lists);
  return content;
}

function questionContent(question: Question, parentId: string | undefined, render: RenderContext, entries: ContentsEntry[] | null): Content[] {
  const id = `q-${question.id}`;
  const title = inlineRuns(question.titleTree.children as ElementContent[], render);
  const heading = bookmark({
    // The title's own links (question 9's "connected components") stay links: for an unanswered
    // question they are the reader's only pointer.
    text: [{ text: `${numberLabel(question)}. `, color: COLORS.accent }, ...title],
    style: 'question',
    id,
    outlineText: `${numberLabel(question)}. ${question.title}`,
    outlineParentId: parentId,
  });
  entries?.push({ id, kind: 'question', number: `${numberLabel(question)}.`, title: unlinked(title), indent: parentId ? 14 : 0 });
  if (isShort(question)) return [{ stack: [heading, ...answerContent(question, render)], unbreakable: true }];
  return [...keptWithNext(heading, KEEP_WITH_QUESTION), ...answerContent(question, render)];
}

function isShort(question: Question): boolean {
  let blocky = false;
  visit(question.answerTree, 'element', (node: Element) => {
    if (node.tagName === 'pre' || node.tagName === 'table' || node.tagName === 'img') blocky = true;
  });
  return !blocky && textContent(question.answerTree).length <= SHORT_ANSWER_CHARS;
}

/** What the contents list of a bank and how deep: the questions only up to `maxQuestions` of them. */
function bankContent(bank: Bank, index: number, render: RenderContext, partListed: boolean, heads: RunningHead[], entries: ContentsEntry[], maxQuestions: number): Content[] {
  const id = partId(index);
  const sectionsListed = bank.sections.length > 1;
  const questionEntries = bank.questions.length <= maxQuestions ? entries : null;
  const part = bookmark(
    {
      text: styledText(bank.title, {}, render),
      style: 'part',
      id,
      pageBreak: 'before',
      outlineText: bank.title,
      outlineExpanded: true,
    },
    partListed,
  );
  if (partListed) entries.push({ id, kind: 'part', title: styledText(bank.title, {}, render), count: bank.questions.length, indent: 0 });
  heads.push({ node: part, title: bank.title });
  const content: Content[] = [
    part,
    { text: `${bank.questions.length} questions`, style: 'partNote' },
    // The bank's own front matter (its intro, "Preparation Resources"), as its part page in the EPUB has it.
    ...blocks(bank.frontMatterTree.children, render),
  ];
  const bankParent = partListed ? id : undefined;
  // Each section its own heading, even where two in a row have the same title: its intro then stands under it.
  const owners = bank.questions.map((q) => sectionOf(bank, q));
  const counts = new Map<Section | null, number>();
  for (const owner of owners) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  let section: Section | null = null;
  let parentId = bankParent;
  let sections = 0;
  bank.questions.forEach((question, i) => {
    const own = owners[i]!;
    if (own !== null && own !== section) {
      section = own;
      const sectionId = `${id}-section-${++sections}`;
      const heading = bookmark(
        {
          text: styledText(own.title, {}, render),
          style: 'section',
          id: sectionId,
          outlineText: own.title,
          outlineParentId: bankParent,
        },
        sectionsListed,
      );
      content.push(...keptWithNext(heading, KEEP_WITH_SECTION));
      // A bank's lone section ("Questions") names nothing the bank's title does not: neither listed nor a header.
      if (sectionsListed) {
        entries.push({ id: sectionId, kind: 'section', title: styledText(own.title, {}, render), count: counts.get(own)!, indent: partListed ? 6 : 0 });
        heads.push({ node: heading, title: own.title });
        parentId = sectionId;
      }
      content.push(...blocks(own.introTree.children, render));
    }
    content.push(...questionContent(question, parentId, render, questionEntries));
  });
  return content;
}

function titlePage(book: Book, render: RenderContext): Content[] {
  const { meta } = book;
  const page: Content[] = [{ text: styledText(meta.title, {}, render), style: 'title' }];
  if (meta.subtitle) page.push({ text: styledText(meta.subtitle, {}, render), style: 'subtitle' });
  const facts = titleFacts(book);
  for (const small of [false, true]) {
    const lines = facts.filter((fact) => Boolean(fact.small) === small);
    const runs = lines.flatMap((fact, i): ContentText[] => [
      ...(i > 0 ? [{ text: '\n' }] : []),
      ...styledText(fact.text, {}, render),
      ...(fact.link ? styledText(fact.link, { link: fact.link }, render) : []),
    ]);
    if (runs.length > 0) page.push({ text: runs, style: small ? 'titleSmall' : 'titleFacts' });
  }
  return page;
}

/**
 * Reads the local images the book shows (answers, front matter, topics' intros), as data URLs pdfmake embeds; remote ones are links already.
 * One file under several spellings (x.png, ./x.png) is embedded once; its header must check out and its
 * pixels fit the limits (limits.ts), or the PDF shows its name instead.
 */
async function loadImages(book: Book, context: WriteContext, warnings: string[]) {
  const refs = new Map<string, { src: string; file: string }>();
  for (const { tree, at: { file } } of book.banks.flatMap(bankTrees)) {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const src = String(node.properties.src ?? '');
      if (src) refs.set(imageKey(file, src), { src, file });
    });
  }
  const images: Record<string, string> = {};
  const keys = new Map<string, string>();
  const byRealPath = new Map<string, string>();
  let pixels = 0;
  for (const [key, { src, file }] of refs) {
    const asset = await context.readAsset(src, file);
    const known = typeof asset !== 'string' && byRealPath.get(asset.realPath);
    if (known) {
      keys.set(key, known);
      continue;
    }
    const info = typeof asset === 'string' ? asset : imageInfo(asset.bytes);
    const size = typeof info === 'string' ? 0 : info.width * info.height;
    const why =
      typeof info === 'string'
        ? info
        : size > limit('imagePixels')
          ? `has ${info.width}x${info.height} pixels (the limit is ${limit('imagePixels')})`
          : pixels + size > limit('imagePixelsTotal')
            ? `would bring the book's images past ${limit('imagePixelsTotal')} pixels`
            : !pngDataIsWhole((asset as Asset).bytes, info)
              ? 'is a corrupt PNG (its image data does not inflate to its size)'
              : null;
    if (typeof asset === 'string' || typeof info === 'string' || why) {
      warnings.push(`${file}: image ${src} ${why}: the PDF shows its name instead`);
      continue;
    }
    pixels += size;
    const name = `image-${byRealPath.size + 1}`;
    images[name] = `data:${info.mime};base64,${Buffer.from(asset.bytes).toString('base64')}`;
    keys.set(key, name);
    byRealPath.set(asset.realPath, name);
  }
  return { images, keys };
}

export async function writePdf(book: Book, context: WriteContext): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const warnings: string[] = [];
  const { images, keys } = await loadImages(book, context, warnings);
  if (book.banks.some((bank) => bankTrees(bank).some(({ tree }) => hasMath(tree)))) await loadMathJax();
  const missing = new Set<string>();
  const { meta } = book;
  const heads: RunningHead[] = [];
  const partsListed = book.banks.length > 1;
  const entries: ContentsEntry[] = [];
  const { contentsMaxQuestions } = context.config.pdf;
  const links = new BookLinks(book, context.config.dir);
  const parts = book.banks.flatMap((bank, i) => bankContent(bank, i, { missing, images: keys, file: bank.file, links }, partsListed, heads, entries, contentsMaxQuestions));
  const render: RenderContext = { missing, images: keys, file: '', links: null };
  const margins = pageMargins(context.config.output.pageSize);
  const side = margins[0];
  const date = new Date(meta.sourceDate || 0);
  const docDefinition: TDocumentDefinitions = {
    pageSize: context.config.output.pageSize,
    pageMargins: margins,
    // Viewers show the title rather than the file name, and read the text in the book's language.
    language: meta.language,
    displayTitle: true,
    version: '1.7',
    info: {
      title: meta.title,
      author: meta.authors.join(', '),
      subject: meta.subtitle || meta.description,
      keywords: meta.subjects.join(', '),
      creator: 'mlq',
      producer: 'mlq with pdfmake',
      creationDate: date,
      modDate: date,
    },
    // The running header names the bank or section the page is in (the book before the first of them).
    header: (page) =>
      page === 1
        ? null
        : { text: styledText(runningTitle(heads, page) ?? meta.title, {}, render), fontSize: 8, color: COLORS.muted, alignment: 'right', margin: [side, 24, side, 0] },
    footer: (page, pages) =>
      page === 1 ? null : { text: `${page} / ${pages}`, fontSize: 8, color: COLORS.muted, alignment: 'center', margin: [0, 18, 0, 0] },
    defaultStyle: BODY_STYLE,
    styles: STYLES,
    images,
    content: [
      ...titlePage(book, render),
      ...contents(entries),
      ...parts,
    ],
  };
  const bytes = await pdfmake.createPdf(docDefinition).getBuffer();
  if (missing.size > 0) {
    warnings.push(`guide.pdf: no embedded font has a glyph for ${describeChars(missing)}; they print as empty boxes`);
  }
  return { bytes: new Uint8Array(bytes), warnings };
}

export const pdfFormat: Writer = {
  write: async (book, context) => {
    const { bytes, warnings } = await writePdf(book, context);
    return { files: [{ path: 'guide.pdf', bytes }], warnings };
  },
};
