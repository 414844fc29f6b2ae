// guide.epub: an EPUB 3 e-book built with epub-gen-memory, byte-for-byte reproducible.
import { File } from 'node:buffer';
import { createHash } from 'node:crypto';
import { EPub, type Options } from 'epub-gen-memory';
import type { Writer } from '../writer.js';
import { allQuestions, compareText, type Book, type BookMeta } from '../../model.js';
import { reproducibleZip, type ZipEntry } from '../shared/zip.js';
import { epubContent } from './content.js';
import { accessibilityMetadata, type MetaProperty } from './accessibility.js';
import { COVER_PNG, COVER_SVG, coverPng, coverSvg } from './cover.js';
import { toXml } from '../shared/xml.js';
import { withValidContent } from './content-model.js';
import { ncxOf } from './ncx.js';
import { WORDS } from '../shared/words.js';
import { CHAPTER_XHTML, CONTENT_OPF, NAV_XHTML, STYLESHEET } from './templates.js';

const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/**
 * A name-based UUID (version 5, RFC 4122) of the book's upstream and title: every edition of the same
 * book gets the same identifier, so readers treat an update as the same title.
 */
export function bookUuid(meta: Pick<BookMeta, 'title' | 'upstream'>): string {
  const hash = createHash('sha1')
    .update(Buffer.from(URL_NAMESPACE.replace(/-/g, ''), 'hex'))
    .update(`${meta.upstream}#${meta.title}`)
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// XML 1.0 forbids these characters even as references, and Markdown lets them through (in a title, an
// answer, a link's title): they are taken out of every XML file of the book, whichever template or tree
// wrote them.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_FILE = /\.(?:xhtml|opf|svg|xml)$/;

/** `dcterms:modified` wants exactly CCYY-MM-DDThh:mm:ssZ. An undated book gets a fixed date. */
function modifiedOf(sourceDate: string): string {
  const time = Date.parse(sourceDate);
  return `${new Date(Number.isNaN(time) ? 0 : time).toISOString().slice(0, 19)}Z`;
}

/** What the templates in templates.ts read besides the library's own options. */
interface TemplateData {
  identifier: string;
  modified: string;
  published: string;
  subjects: string[];
  rights: string;
  source: string;
  navHtml: string;
  accessibility: MetaProperty[];
  coverSvg: string;
}

/** `configDir`: mlq.yaml's folder, which bank paths (and so links between banks) are relative to. */
export async function writeEpub(book: Book, configDir = '.'): Promise<{ bytes: Uint8Array; warnings: string[] }> {
  const { meta } = book;
  const { pages, nav, landmarks, warnings } = epubContent(book, configDir);
  const modified = modifiedOf(meta.sourceDate);
  const count = allQuestions(book).length;
  const cover = coverSvg(meta);

  const options: Options & TemplateData = {
    title: meta.title,
    author: meta.authors,
    // An empty dc:description is an epubcheck error.
    description: meta.description.trim() || `${count} interview questions with answers.`,
    lang: meta.language || 'en',
    date: modified,
    // A File, not a URL: the library would fetch a URL. The PNG is the cover image; the cover page shows the SVG.
    cover: new File([await coverPng(cover)], COVER_PNG, { type: 'image/png' }) as unknown as Options['cover'],
    tocTitle: WORDS.contents,
    prependChapterTitles: false,
    css: STYLESHEET,
    chapterXHTML: CHAPTER_XHTML,
    contentOPF: CONTENT_OPF,
    tocXHTML: NAV_XHTML,
    verbose: false,
    identifier: bookUuid(meta),
    modified,
    published: modified.slice(0, 10),
    subjects: meta.subjects,
    rights: meta.license,
    source: meta.upstream,
    navHtml: `${toXml(nav)}\n${toXml(landmarks)}`,
    accessibility: accessibilityMetadata(pages),
    coverSvg: COVER_SVG,
  };
  // epub-gen-memory re-parses a chapter's `content` with htmlparser2 and drops every attribute outside its
  // own list (`start` on <ol>, `align` on table cells). Ours is already sanitized XHTML from the rehype
  // pipeline, so the chapter template takes it from `xhtml`, which the library hands over untouched, as it
  // does the navigation document's `navHtml`.
  const chapters = pages.map((p) => ({ title: p.title, filename: p.filename, beforeToc: p.beforeToc, mathml: Boolean(p.mathml), content: '', xhtml: toXml(withValidContent(p.body)) }));

  // epub-gen-memory zips with JSZip, which stamps every entry with the build time. So the library only
  // renders (templates, cover) and its files are zipped again here, in a fixed order
  // with `mimetype` first and stored, and with the source date as every entry's time. Its NCX is
  // replaced: it is a flat list that would contradict the navigation document.
  class RenderedEpub extends EPub {
    async files(): Promise<ZipEntry[]> {
      await this.render();
      const names = Object.keys(this.zip.files)
        .filter((name) => !this.zip.files[name]!.dir && name !== 'mimetype' && name !== 'OEBPS/toc.ncx')
        .sort(compareText);
      const files = await Promise.all(
        names.map(async (path) => {
          const file = this.zip.files[path]!;
          if (!XML_FILE.test(path)) return { path, bytes: await file.async('uint8array') };
          return { path, bytes: new TextEncoder().encode((await file.async('string')).replace(NOT_XML, '')) };
        }),
      );
      const ncx = { path: 'OEBPS/toc.ncx', bytes: new TextEncoder().encode(ncxOf(nav, { title: meta.title, identifier: options.identifier }).replace(NOT_XML, '')) };
      const svg = { path: `OEBPS/${COVER_SVG}`, bytes: new TextEncoder().encode(cover.replace(NOT_XML, '')) };
      const all = [...files, ncx, svg].sort((a, b) => compareText(a.path, b.path));
      return [{ path: 'mimetype', bytes: new TextEncoder().encode('application/epub+zip'), stored: true }, ...all];
    }
  }
  const files = await new RenderedEpub(options, chapters).files();
  return { bytes: reproducibleZip(files, modified), warnings };
}

export const epubFormat: Writer = {
  write: async (book, context) => {
    const { bytes, warnings } = await writeEpub(book, context.config.dir);
    return { files: [{ path: 'guide.epub', bytes }], warnings };
  },
};
