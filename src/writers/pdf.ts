// guide.pdf: the question bank as a printable study guide, laid out by pdfmake.
import pdfmake from 'pdfmake';
import type { Content, ContentText, Style, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import type { Writer, WriteContext } from './writer.js';
import { allQuestions, type Bank, type Book, type Link, type Question } from '../model.js';
import { BODY_FONT_SIZE, COLORS, blocks, imageKey, styledText, type RenderContext } from './pdf-content.js';
import { FONTS, FONT_FILES, describeChars } from './pdf-fonts.js';
import { NO_ANSWER, domainOf, followable, needsNoAnswerNote } from './links.js';
import { hasMath, loadMathJax } from './math.js';

pdfmake.setFonts(FONTS);
// Nothing is fetched, and only the font files are read from disk: images come in as data.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((file) => FONT_FILES.has(file));

const MARGIN = 56;
/** Room kept below a question heading: the heading moves to the next page rather than end one alone. */
const KEEP_WITH_HEADING = 42;

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
  li: { margin: [0, 0, 0, 2] },
  list: { margin: [0, 0, 0, 6] },
  code: { fontSize: 8.5, lineHeight: 1.2, preserveLeadingSpaces: true },
  cell: { fontSize: 9.5 },
  answerHeading: { bold: true, margin: [0, 4, 0, 4] },
  note: { italics: true, color: COLORS.muted, margin: [0, 0, 0, 6] },
  sources: { fontSize: 8.5, color: COLORS.muted, margin: [0, 2, 0, 4] },
};

/** The followable links, each labelled by its site; a site's second link is "site (2)". */
function linkList(links: Link[], render: RenderContext): ContentText[] {
  const seen = new Set<string>();
  const unique = followable(links).filter(({ href }) => !seen.has(href) && seen.add(href));
  const count = new Map<string, number>();
  return unique.flatMap(({ link, href }, i) => {
    const domain = domainOf(link.url);
    const n = (count.get(domain) ?? 0) + 1;
    count.set(domain, n);
    const runs = styledText(n > 1 ? `${domain} (${n})` : domain, { link: href }, render);
    return i === 0 ? runs : [{ text: ', ' }, ...runs];
  });
}

interface Bookmark extends ContentText {
  id: string;
  outlineText: string;
  tocStyle: Style;
  tocMargin: [number, number, number, number];
}

/** A heading that is a link target, an entry of the table of contents and an entry of the PDF outline. */
const bookmark = (heading: Bookmark): Content =>
  ({ ...heading, tocItem: true, tocNumberStyle: heading.tocStyle, outline: true }) as Content;

function answerContent(question: Question, render: RenderContext): Content[] {
  const content = question.hasAnswer ? blocks(question.answerTree.children, render) : [];
  const answerLinks = linkList(question.answerLinks, render);
  if (answerLinks.length > 0) {
    content.push({ text: [{ text: question.hasAnswer ? 'See also: ' : 'Answer: see ' }, ...answerLinks], style: 'note' });
  } else if (needsNoAnswerNote(question)) {
    content.push({ text: NO_ANSWER, style: 'note' });
  }
  const sources = linkList(question.sources, render);
  if (sources.length > 0) content.push({ text: [{ text: 'Sources: ', bold: true }, ...sources], style: 'sources' });
  return content;
}

function questionContent(question: Question, parentId: string, render: RenderContext): Content[] {
  const heading = bookmark({
    text: [{ text: `${question.number}. `, color: COLORS.accent }, ...styledText(question.title, {}, render)],
    style: 'question',
    id: `q-${question.id}`,
    outlineText: `${question.number}. ${question.title}`,
    outlineParentId: parentId,
    tocStyle: { fontSize: 9.5 },
    tocMargin: [14, 0, 0, 2],
  });
  // The heading and an empty space below it cannot be split; the answer then moves up into that space.
  return [
    { stack: [heading, { canvas: [], margin: [0, KEEP_WITH_HEADING, 0, 0] }], unbreakable: true },
    { stack: answerContent(question, render), margin: [0, -KEEP_WITH_HEADING, 0, 0] },
  ];
}

function bankContent(bank: Bank, index: number, render: RenderContext): Content[] {
  const partId = `part-${index + 1}`;
  const content: Content[] = [
    bookmark({
      text: styledText(bank.title, {}, render),
      style: 'part',
      id: partId,
      pageBreak: 'before',
      outlineText: bank.title,
      outlineExpanded: true,
      tocStyle: { bold: true, fontSize: 11 },
      tocMargin: [0, 8, 0, 3],
    }),
    { text: `${bank.questions.length} questions`, style: 'partNote' },
    // The bank's own front matter (its intro, "Preparation Resources"), as its part page in the EPUB has it.
    ...blocks(bank.frontMatterTree.children, render),
  ];
  let section: string | null = null;
  let parentId = partId;
  let sections = 0;
  for (const question of bank.questions) {
    if (question.section !== null && question.section !== section) {
      section = question.section;
      parentId = `${partId}-section-${++sections}`;
      content.push(
        bookmark({
          text: styledText(section, {}, render),
          style: 'section',
          id: parentId,
          outlineText: section,
          outlineParentId: partId,
          tocStyle: { fontSize: 10.5, color: COLORS.accent },
          tocMargin: [6, 4, 0, 3],
        }),
      );
    }
    content.push(...questionContent(question, parentId, render));
  }
  return content;
}

function titlePage(book: Book, render: RenderContext): Content[] {
  const { meta } = book;
  const count = allQuestions(book).length;
  const date = meta.sourceDate ? meta.sourceDate.slice(0, 10) : '';
  const page: Content[] = [{ text: styledText(meta.title, {}, render), style: 'title' }];
  if (meta.subtitle) page.push({ text: styledText(meta.subtitle, {}, render), style: 'subtitle' });
  const facts = [
    meta.authors.length > 0 ? meta.authors.join(', ') : '',
    `${count} questions${date ? ` · source of ${date}` : ''}`,
  ].filter(Boolean);
  page.push({ text: styledText(facts.join('\n'), {}, render), style: 'titleFacts' });
  const small: ContentText[] = [];
  if (meta.license) small.push(...styledText(`${meta.license}\n`, {}, render));
  if (meta.upstream) small.push({ text: 'Upstream list: ' }, ...styledText(meta.upstream, { link: meta.upstream }, render));
  if (small.length > 0) page.push({ text: small, style: 'titleSmall' });
  return page;
}

const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/** Reads the local images of the answers, as data URLs pdfmake embeds; remote ones are links already. */
async function loadImages(book: Book, context: WriteContext, warnings: string[]) {
  const refs = new Map<string, { src: string; file: string }>();
  for (const question of allQuestions(book)) {
    visit(question.answerTree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const src = String(node.properties.src ?? '');
      if (src) refs.set(imageKey(question.file, src), { src, file: question.file });
    });
  }
  const images: Record<string, string> = {};
  const keys = new Map<string, string>();
  for (const [key, { src, file }] of refs) {
    const bytes = await context.readAsset(src, file);
    const mime = bytes && (startsWith(bytes, PNG) ? 'image/png' : startsWith(bytes, JPEG) ? 'image/jpeg' : null);
    if (!bytes || !mime) {
      warnings.push(`${file}: image ${src} ${bytes ? 'is neither PNG nor JPEG' : 'not found'}: the PDF shows its name instead`);
      continue;
    }
    const name = `image-${keys.size + 1}`;
    images[name] = `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
    keys.set(key, name);
  }
  return { images, keys };
}

export async function writePdf(book: Book, context: WriteContext): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const warnings: string[] = [];
  const { images, keys } = await loadImages(book, context, warnings);
  const trees = book.banks.flatMap((bank) => [bank.frontMatterTree, ...bank.questions.flatMap((q) => [q.titleTree, q.answerTree])]);
  if (trees.some(hasMath)) await loadMathJax();
  const missing = new Set<string>();
  const { meta } = book;
  const parts = book.banks.flatMap((bank, i) => bankContent(bank, i, { missing, images: keys, file: bank.file }));
  const render: RenderContext = { missing, images: keys, file: '' };
  const headerTitle = styledText(meta.title, {}, render);
  const date = new Date(meta.sourceDate || 0);
  const docDefinition: TDocumentDefinitions = {
    pageSize: context.config.output.pageSize,
    pageMargins: [MARGIN, MARGIN, MARGIN, MARGIN],
    language: meta.language,
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
    header: (page) =>
      page === 1 ? null : { text: headerTitle.map((run) => ({ ...run })), fontSize: 8, color: COLORS.muted, alignment: 'right', margin: [MARGIN, 24, MARGIN, 0] },
    footer: (page, pages) =>
      page === 1 ? null : { text: `${page} / ${pages}`, fontSize: 8, color: COLORS.muted, alignment: 'center', margin: [0, 18, 0, 0] },
    defaultStyle: { font: 'Roboto', fontSize: BODY_FONT_SIZE, lineHeight: 1.25 },
    styles: STYLES,
    images,
    content: [
      ...titlePage(book, render),
      { toc: { title: { text: 'Contents', style: 'tocTitle' } }, pageBreak: 'before' },
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
