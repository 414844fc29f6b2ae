// guide.epub's ways in: the cover (an image only), one title page, landmarks, and an NCX for EPUB 2 readers.
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Book } from '../src/model.js';
import { load } from '../src/pipeline.js';
import { bookUuid, writeEpub } from '../src/writers/epub/index.js';
import { WORDS } from '../src/writers/shared/words.js';
import { bookOf } from './support/book.js';

let book: Book;
let files: Record<string, Uint8Array>;
const file = (name: string) => strFromU8(files[`OEBPS/${name}`]!);
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH ??= '1700000000';
  book = (await load({ configFile: 'source/mlq.yaml', dated: true })).book;
  files = unzipSync((await writeEpub(book)).bytes);
});

describe('epub: ways into the book', () => {
  it('has a landmarks nav: cover, contents, and where the questions start', () => {
    const nav = file('toc.xhtml');
    const landmarks = /<nav epub:type="landmarks"[^>]*>([^]*?)<\/nav>/.exec(nav)?.[1];
    expect(landmarks).toBeDefined();
    const links = [...landmarks!.matchAll(/<a epub:type="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['cover', 'cover.xhtml'],
      ['toc', 'toc.xhtml#toc'],
      ['bodymatter', 'part-1.xhtml'],
    ]);
    for (const [, href] of links) expect(Object.keys(files)).toContain(`OEBPS/${href!.split('#')[0]}`);
  });

  it('has an NCX in the manifest and the spine, listing what the navigation document lists', () => {
    const opf = file('content.opf');
    expect(opf).toContain('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml" />');
    expect(opf).toContain('<spine toc="ncx">');
    const ncx = file('toc.ncx');
    expect(ncx).toContain(`<meta name="dtb:uid" content="urn:uuid:${bookUuid(book.meta)}" />`);
    const toc = /<nav epub:type="toc"[^>]*>([^]*?)<\/nav>/.exec(file('toc.xhtml'))![1]!;
    const navEntries = [...toc.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], unescape(m[2]!)]);
    const ncxEntries = [...ncx.matchAll(/<navLabel><text>([^<]*)<\/text><\/navLabel><content src="([^"]+)" \/>/g)].map((m) => [m[2], unescape(m[1]!)]);
    const sections = book.banks.reduce((n, bank) => n + bank.sections.length, 0);
    const questions = book.banks.reduce((n, bank) => n + bank.questions.length, 0);
    expect(navEntries.length).toBe(1 + book.banks.length + sections + questions);
    expect(ncxEntries).toEqual(navEntries);
    expect(all(ncx, /playOrder="(\d+)"/g).map(Number)).toEqual(navEntries.map((_, i) => i + 1));
    // Nested as the navigation document is: the part, its section, the questions.
    expect(ncx).toContain('<meta name="dtb:depth" content="3" />');
  });

  it('shows the cover as the cover image only, then one title page', () => {
    const cover = file('cover.xhtml');
    const body = /<body>([^]*)<\/body>/.exec(cover)![1]!;
    expect(body.replace(/<[^>]*>/g, '').trim()).toBe('');
    expect(body).toContain(`<img src="cover.svg" alt="${book.meta.title}" />`);
    const pages = Object.keys(files).filter((name) => name.endsWith('.xhtml'));
    expect(pages.filter((name) => strFromU8(files[name]!).includes('epub:type="titlepage"'))).toEqual(['OEBPS/title.xhtml']);
    expect(pages.filter((name) => strFromU8(files[name]!).includes(`<h1>${book.meta.title}</h1>`))).toEqual(['OEBPS/title.xhtml']);
  });

  it('uses the words of the shared table: "Answer:", "Source:" for one source, the title-page lines', () => {
    const chapter = file('part-1-001.xhtml');
    expect(chapter).toContain(`<p class="answer-links">${'Answer: '}`);
    const q2 = book.banks[0]!.questions[1]!;
    expect(q2.sources).toHaveLength(1);
    expect(chapter).toMatch(new RegExp(`id="q-${q2.id}"[^]*?<p class="sources">Source: <a`));
    const title = file('title.xhtml');
    expect(title).toContain('<p>80 questions in 2 parts</p>');
    expect(title).toContain('<p>Source dated 2023-11-14</p>');
    expect(title).toContain(`${WORDS.upstream}<a href="${book.meta.upstream}">`);
  });

  it('escapes "<" in attribute values, which XML forbids there', async () => {
    const hostile = bookOf('# B\n\n#### 1) Q? [[src](https://s.example)]\n![a <b> c](https://example.org/x.png "t <i>")\n');
    hostile.meta = { ...hostile.meta, title: 'Title <with> brackets' };
    const epub = unzipSync((await writeEpub(hostile)).bytes);
    const cover = strFromU8(epub['OEBPS/cover.xhtml']!);
    expect(cover).toContain('alt="Title &lt;with> brackets"');
  });
});
