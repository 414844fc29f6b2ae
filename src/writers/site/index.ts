// site/: a static web site from the model: a hub, a page per topic, search, sitemap and structured data.
// Pages link to each other relatively (the site works from disk and under any sub-path); absolute URLs,
// from site.url, appear only where the web wants them (canonical, Open Graph, JSON-LD, sitemap).
import type { Element, ElementContent } from 'hast';
import type { Config } from '../../config.js';
import { allQuestions, type Book, introsBefore, numberLabel, type Question } from '../../model.js';
import { PatternList } from '../../patterns.js';
import { hastToText } from '../../read/markdown.js';
import { el, joined, type Child } from '../shared/hast.js';
import { followable, githubRepository, linkText, needsNoAnswerNote } from '../shared/links.js';
import { BookLinks, editAddresses } from '../shared/book-links.js';
import { WORDS } from '../shared/words.js';
import type { OutputFile, Writer, WriteContext } from '../writer.js';
import { collectImages, outLink, PageContent, type SiteLinks } from './content.js';
import { renderPage, shortDescription, type Crumb, type PageSpec, type SiteInfo } from './layout.js';
import { bankAnchor, bankTitle, HUB_FILE, NOT_FOUND_FILE, planTopics, type TopicPage } from './plan.js';
import { rootOf, SiteAddresses, siteAddress, textAnchor } from './addresses.js';
import { miniSearchScript, SEARCH_SCRIPT, searchDocument, searchIndexScript } from './search.js';
import { STYLESHEET } from './style.js';
import { mathAssets } from './math.js';
import { faviconIco, llmsText } from './extras.js';
import { PAGE_SCRIPT } from './page-script.js';
import { backToTop, NAV_SCRIPT, questionList, sidebar, topicLink } from './navigation.js';
import { STUDY_SCRIPT } from './study.js';

const SCHEMA = 'https://schema.org';

/** What the other formats of the same build wrote, offered on the hub (and shipped in the site). */
const DOWNLOADS = [
  { file: 'guide.pdf', label: 'PDF study guide' },
  { file: 'guide.epub', label: 'EPUB e-book' },
  { file: 'deck.apkg', label: 'Anki deck (.apkg)' },
  { file: 'deck.csv', label: 'Anki deck (CSV)' },
  { file: 'questions.json', label: 'questions.json' },
  // Its JSON Schema, which questions.json names as "./questions.schema.json".
  { file: 'questions.schema.json', label: 'questions.schema.json' },
];

const plainTitle = (q: Question) => hastToText(q.titleTree).replace(/\s+/g, ' ') || `Question ${numberLabel(q)}`;
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Site {
  book: Book;
  config: Config;
  base: string | null;
  addresses: SiteAddresses;
  info: SiteInfo;
  topics: TopicPage[];
  links: SiteLinks;
  downloads: { file: string; label: string; bytes: number }[];
}

/** A page's address from the site's root ("basics.html", "basics/"; the hub "index.html" or ""). */
const pathOf = (site: Site, topic: TopicPage | null): string => site.addresses.path(topic?.slug ?? null);
const fileOf = (site: Site, topic: TopicPage | null): string => site.addresses.file(topic?.slug ?? null);
const absolute = (site: Site, target: string): string | null => site.addresses.absolute(target);

function linkList(site: Site, from: string, label: string, links: Question['sources']): Child {
  const anchors = followable(links).map(({ link, href }) => {
    const bank = site.links.bookLinks.bankAt(href);
    const words: ElementContent[] = [{ type: 'text', value: linkText(link) }];
    return bank === null ? outLink(href, words, site.links) : el('a', { href: site.addresses.href(from, site.links.bankPages[bank]!) }, words);
  });
  if (anchors.length === 0) return null;
  return el('p', { className: ['question-links'] }, [`${label}: `, ...joined<Child>(anchors, ', ')]);
}

/** The upstream's text anchor of a question, where it is not already an id of the page (the first question so titled gets it). */
function aliasOf(q: Question, content: PageContent): Element | null {
  const alias = textAnchor(q);
  if (!alias || content.ids.has(alias)) return null;
  content.ids.add(alias);
  return el('span', { className: ['anchor-alias'], id: alias });
}

function questionBlock(site: Site, q: Question, content: PageContent, from: string): Element {
  const edit = editAddresses(site.book.meta.repository, q.file, q.line);
  return el('article', { className: ['question'], id: q.id }, [
    aliasOf(q, content),
    el('h2', {}, [
      el('span', { className: ['number'] }, [`${numberLabel(q)}.`]),
      ' ',
      ...content.nodes(q.titleTree.children, q.file),
      el('a', { className: ['permalink'], href: `#${q.id}`, ariaLabel: `Link to question ${numberLabel(q)}` }, ['#']),
    ]),
    q.hasAnswer ? el('div', { className: ['answer'] }, content.nodes(q.answerTree.children, q.file, 3)) : null,
    needsNoAnswerNote(q) && el('p', { className: ['no-answer'] }, [WORDS.noAnswer]),
    linkList(site, from, 'Answer', q.answerLinks),
    linkList(site, from, q.sources.length > 1 ? 'Sources' : 'Source', q.sources),
    edit &&
      el('p', { className: ['edit'] }, [
        el('a', { href: edit.line }, [`Line ${q.line} on GitHub`]),
        edit.edit && ' · ',
        edit.edit && el('a', { href: edit.edit }, ['Edit on GitHub']),
      ]),
  ]);
}

function crumbsOf(site: Site, topic: TopicPage | null): Crumb[] {
  const from = fileOf(site, topic);
  const hub = pathOf(site, null);
  const home: Crumb = { label: 'Home', href: site.addresses.href(from, hub), url: absolute(site, hub) };
  if (!topic) return [{ ...home, href: null }];
  const bank = bankTitle(topic.bank, site.book);
  const bankTarget = `${hub}#${bankAnchor(topic.bankNumber)}`;
  const middle: Crumb[] = topic.namedAfterBank ? [] : [{ label: bank, href: site.addresses.href(from, bankTarget), url: absolute(site, bankTarget) }];
  return [home, ...middle, { label: topic.title, href: null, url: absolute(site, pathOf(site, topic)) }];
}

function breadcrumbList(crumbs: Crumb[]): object | null {
  if (crumbs.some((crumb) => crumb.url === null) || crumbs.length < 2) return null;
  return {
    '@context': SCHEMA,
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.label, item: crumb.url })),
  };
}

function faqPage(site: Site, topic: TopicPage): object | null {
  const answered = topic.questions.filter((q) => q.hasAnswer);
  if (answered.length === 0) return null;
  const url = absolute(site, pathOf(site, topic));
  return {
    '@context': SCHEMA,
    '@type': 'FAQPage',
    name: topic.title,
    ...(url ? { url } : {}),
    // The whole answer: a reader of the structured data gets what the page shows.
    mainEntity: answered.map((q) => ({
      '@type': 'Question',
      name: plainTitle(q),
      ...(url ? { url: `${url}#${q.id}` } : {}),
      acceptedAnswer: { '@type': 'Answer', text: q.answerText },
    })),
  };
}

function topicPage(site: Site, topic: TopicPage, index: number): PageSpec {
  const file = fileOf(site, topic);
  const content = new PageContent(site.links, file);
  for (const q of topic.questions) content.ids.add(q.id);
  const previous = site.topics[index - 1];
  const next = site.topics[index + 1];
  const bank = bankTitle(topic.bank, site.book);
  const crumbs = crumbsOf(site, topic);
  const answered = topic.questions.filter((q) => q.hasAnswer).length;
  const titles = topic.questions.slice(0, 3).map(plainTitle).join(' ');
  const intros = introsBefore(topic.bank, topic.questions);
  // A section's intro stands before its first question, as the bank writes it: its headings under the topic's h1.
  const blocks = topic.questions.flatMap((q, i) => {
    const intro = intros[i] ?? null;
    return [intro && el('div', { className: ['intro'] }, content.nodes(intro.introTree.children, intro.file, 2)), questionBlock(site, q, content, file)];
  });
  return {
    file,
    root: rootOf(file),
    title: !topic.namedAfterBank && site.book.banks.length > 1 ? `${topic.title}: ${bank} | ${site.info.name}` : `${topic.title} | ${site.info.name}`,
    description: shortDescription(topic.description || `${topic.title}: ${count(topic.questions.length, 'interview question')}, ${answered} answered. ${titles}`),
    canonical: absolute(site, pathOf(site, topic)),
    jsonLd: [faqPage(site, topic), breadcrumbList(crumbs)].filter((data) => data !== null),
    crumbs,
    math: content.math,
    topic: topic.slug,
    sidebar: sidebar(site.topics, topic, (other) => bankTitle(other.bank, site.book), (other) => site.addresses.href(file, pathOf(site, other))),
    main: [
      el('h1', {}, [topic.title]),
      el('p', { className: ['lede'] }, [`${count(topic.questions.length, 'question')}, ${answered} answered`, topic.namedAfterBank ? '.' : ` · ${bank}.`]),
      questionList(topic),
      ...blocks,
      backToTop(),
      (previous !== undefined || next !== undefined) &&
        el('nav', { className: ['pager'], ariaLabel: 'Previous and next topic' }, [
          previous !== undefined && el('a', { href: site.addresses.href(file, pathOf(site, previous)), rel: ['prev'] }, [`← ${previous.title}`]),
          next !== undefined && el('a', { href: site.addresses.href(file, pathOf(site, next)), rel: ['next'] }, [`${next.title} →`]),
        ]),
    ],
  };
}

function hubPage(site: Site): PageSpec {
  const { meta } = site.book;
  const questions = allQuestions(site.book);
  const answered = questions.filter((q) => q.hasAnswer).length;
  const url = absolute(site, pathOf(site, null));
  const content = new PageContent(site.links, HUB_FILE);
  const banks = site.book.banks.map((bank, i) => {
    const topics = site.topics.filter((topic) => topic.bankNumber === i + 1);
    content.ids.add(bankAnchor(i + 1));
    return el('section', { id: bankAnchor(i + 1), ariaLabelledby: `${bankAnchor(i + 1)}-title` }, [
      el('h2', { id: `${bankAnchor(i + 1)}-title` }, [bankTitle(bank, site.book)]),
      ...content.nodes(bank.frontMatterTree.children, bank.file, 3),
      el('h3', {}, [topics.length === 1 ? 'Questions' : `Topics (${topics.length})`]),
      el(
        'ul',
        { className: ['topics'] },
        topics.map((topic) =>
          el('li', {}, [
            topicLink(topic, site.addresses.href(HUB_FILE, pathOf(site, topic)), false),
            ` (${count(topic.questions.length, 'question')})`,
            el(
              'ul',
              { className: ['topic-list'] },
              topic.questions.map((q) => el('li', {}, [el('a', { href: site.addresses.href(HUB_FILE, `${pathOf(site, topic)}#${q.id}`) }, [`${numberLabel(q)}. ${plainTitle(q)}`])])),
            ),
          ]),
        ),
      ),
    ]);
  });
  const description = meta.description || `${count(questions.length, 'interview question')} with answers.`;
  return {
    file: HUB_FILE,
    title: meta.title,
    description: shortDescription(description),
    canonical: url,
    jsonLd: url
      ? [
          { '@context': SCHEMA, '@type': 'WebSite', name: meta.title, url, description, inLanguage: meta.language || 'en' },
          {
            '@context': SCHEMA,
            '@type': 'CollectionPage',
            name: meta.title,
            url,
            description,
            inLanguage: meta.language || 'en',
            ...(meta.sourceDate ? { dateModified: meta.sourceDate } : {}),
            hasPart: site.topics.map((topic) => ({ '@type': 'WebPage', name: topic.title, url: absolute(site, pathOf(site, topic)) })),
          },
        ]
      : [],
    crumbs: [],
    math: content.math,
    main: [
      el('h1', {}, [meta.title]),
      meta.subtitle && el('p', { className: ['lede'] }, [meta.subtitle]),
      el('p', {}, [description]),
      el('p', {}, [
        `${count(questions.length, 'question')}, ${answered} answered, in ${count(site.topics.length, 'topic')}`,
        site.book.banks.length > 1 ? ` from ${site.book.banks.length} banks.` : '.',
      ]),
      site.downloads.length > 0 && el('h2', {}, ['Downloads']),
      site.downloads.length > 0 &&
        el(
          'ul',
          { className: ['downloads'] },
          site.downloads.map((d) => el('li', {}, [el('a', { href: `downloads/${d.file}`, download: d.file }, [d.label]), ` (${Math.max(1, Math.round(d.bytes / 1024))} KB)`])),
        ),
      ...banks,
    ],
  };
}

function notFoundPage(site: Site): PageSpec {
  const home = site.base ?? HUB_FILE;
  return {
    file: NOT_FOUND_FILE,
    title: `Page not found | ${site.info.name}`,
    description: 'There is no page at this address.',
    canonical: null,
    jsonLd: [],
    crumbs: [],
    main: [
      el('h1', {}, ['Page not found']),
      el('p', {}, ['There is no page at this address. Every question is listed on the ', el('a', { href: home }, ['home page']), '.']),
    ],
    standalone: { stylesheet: STYLESHEET, home },
  };
}

/** llms.txt: the topic pages with their counts, and the downloads the site ships (questions.json, its schema). */
function llms(site: Site, shipped: readonly string[]): string {
  const href = (file: string) => absolute(site, file) ?? file;
  const topics = site.topics.map((topic) => ({
    title: !topic.namedAfterBank && site.book.banks.length > 1 ? `${topic.title} (${bankTitle(topic.bank, site.book)})` : topic.title,
    href: href(pathOf(site, topic)),
    note: `${count(topic.questions.length, 'question')}, ${topic.questions.filter((q) => q.hasAnswer).length} answered`,
  }));
  const data = [
    { file: 'downloads/questions.json', title: 'questions.json', note: 'every question and answer as data' },
    { file: 'downloads/questions.schema.json', title: 'questions.schema.json', note: 'the JSON Schema of questions.json' },
  ].filter((d) => shipped.includes(d.file));
  const others = site.downloads.filter((d) => d.file !== 'questions.json').map((d) => ({ title: d.label, href: href(`downloads/${d.file}`), note: '' }));
  const questions = allQuestions(site.book);
  return llmsText(site.book.meta.title, site.book.meta.description || `${count(questions.length, 'interview question')} with answers, ${questions.filter((q) => q.hasAnswer).length} answered.`, [
    { heading: 'Topics', entries: topics },
    { heading: 'Data', entries: data.map((d) => ({ title: d.title, href: href(d.file), note: d.note })) },
    { heading: 'Optional', entries: [{ title: 'Home', href: href(pathOf(site, null)), note: 'every question, by topic' }, ...others] },
  ]);
}

function sitemap(site: Site, files: string[]): string {
  const lastmod = site.book.meta.sourceDate ? `<lastmod>${xml(site.book.meta.sourceDate.replace(/\.\d+Z$/, 'Z'))}</lastmod>` : '';
  const urls = files.map((file) => `  <url><loc>${xml(absolute(site, file)!)}</loc>${lastmod}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}

export async function writeSite(book: Book, context: WriteContext): Promise<{ files: OutputFile[]; warnings: string[] }> {
  const { config } = context;
  const { meta } = book;
  const topics = planTopics(book, config.dir, config.site.topics);
  const warnings: string[] = [];
  for (const setting of config.site.topics) {
    if (!topics.some((topic) => topic.setting === setting)) warnings.push(`${setting.place}: site.topics: no topic ${setting.section ? `"${setting.section}"` : 'outside the sections'}${setting.bank ? ` in ${setting.bank}` : ''}: the entry names no page`);
  }
  const base = siteAddress(config, meta.repository?.url);
  const addresses = new SiteAddresses(config.site.urls, base);
  const anchors = new Map<string, string>();
  for (const topic of topics) for (const q of topic.questions) anchors.set(q.id, `${addresses.path(topic.slug)}#${q.id}`);
  // Another bank's address leads to its page: its only topic's, else its part of the hub.
  const bankPages = book.banks.map((_, i) => {
    const own = topics.filter((topic) => topic.bankNumber === i + 1);
    return own.length === 1 ? addresses.path(own[0]!.slug) : `${addresses.path(null)}#${bankAnchor(i + 1)}`;
  });
  const { images, files: media } = await collectImages(book.banks, context.readAsset);
  const built = new Map((context.built ?? []).map((file) => [file.path, file.bytes]));
  const downloads = DOWNLOADS.flatMap((d) => {
    const bytes = built.get(d.file);
    return bytes ? [{ ...d, bytes: bytes.length }] : [];
  });
  const site: Site = {
    book,
    config,
    base,
    addresses,
    info: { name: meta.title, language: meta.language, license: meta.license, upstream: meta.upstream, sourceDate: meta.sourceDate },
    topics,
    links: { anchors, bankPages, bookLinks: new BookLinks(book, config.dir), sponsored: new PatternList(config.site.sponsored, config.patternPlaces['site.sponsored']), images, warnings },
    downloads,
  };
  // Without an address (no site.url, and the banks in no GitHub repository mlq knows) the site is whole but
  // has no canonical URLs nor sitemap.xml: nothing in it is wrong, so the build says nothing.

  const specs = [hubPage(site), ...topics.map((topic, i) => topicPage(site, topic, i)), notFoundPage(site)];
  const math = specs.some((spec) => spec.math);
  const text = (file: string, value: string): OutputFile => ({ path: file, bytes: new TextEncoder().encode(value) });
  const documents = topics.flatMap((topic) => topic.questions.map((q) => searchDocument(q, addresses.path(topic.slug), topic.title)));
  const files: OutputFile[] = [
    ...specs.map((spec) => ({ path: spec.file, bytes: renderPage(spec, site.info) })),
    text('assets/site.css', STYLESHEET),
    text('assets/search.js', SEARCH_SCRIPT),
    text('assets/minisearch.js', miniSearchScript()),
    text('assets/search-index.js', searchIndexScript(documents)),
    ...mathAssets(math),
    ...media,
    ...downloads.map((d) => ({ path: `downloads/${d.file}`, bytes: built.get(d.file)! })),
    text('assets/page.js', [PAGE_SCRIPT, NAV_SCRIPT, STUDY_SCRIPT].join('')),
    { path: 'favicon.ico', bytes: faviconIco() },
    text('.nojekyll', ''),
    text('robots.txt', `User-agent: *\nAllow: /\n${site.base ? `Sitemap: ${absolute(site, 'sitemap.xml')}\n` : ''}`),
  ];
  files.push(text('llms.txt', llms(site, files.map((file) => file.path))));
  if (site.base) files.push(text('sitemap.xml', sitemap(site, [addresses.path(null), ...topics.map((topic) => addresses.path(topic.slug))])));
  return { files: files.map((file) => ({ ...file, path: `site/${file.path}` })), warnings };
}

export const siteFormat: Writer = { write: writeSite };
